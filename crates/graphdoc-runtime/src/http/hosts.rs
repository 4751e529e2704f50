//! Where a bearer token may go, and which `@odata.nextLink`s may be
//! followed: one policy for every client, so none drifts from the others.
//!
//! A token is sent only to Microsoft Graph's hosts (public and national
//! clouds) and to the hosts a user adds, as Kiota's allowed-hosts validator
//! does; a next link to another host than its page's is refused, so a
//! compromised or spoofed response cannot send the client, and its token,
//! elsewhere.

use super::{Error, Request};

/// Microsoft Graph's hosts: the public cloud, the US government clouds,
/// Germany, China (21Vianet), and the canary ring.
pub const GRAPH_HOSTS: &[&str] = &[
    "graph.microsoft.com",
    "graph.microsoft.us",
    "dod-graph.microsoft.us",
    "graph.microsoft.de",
    "microsoftgraph.chinacloudapi.cn",
    "canary.graph.microsoft.com",
];

/// The hosts a token may be sent to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AllowedHosts {
    extra: Vec<String>,
}

impl Default for AllowedHosts {
    fn default() -> Self {
        Self::graph()
    }
}

impl AllowedHosts {
    /// Graph's own hosts ([`GRAPH_HOSTS`]).
    pub fn graph() -> Self {
        Self { extra: Vec::new() }
    }

    /// Allows one more host (`localhost`, a proxy's host), any port.
    pub fn allow(&mut self, host: &str) {
        let host = host_of(host).unwrap_or_else(|| host.to_ascii_lowercase());
        if !self.extra.contains(&host) {
            self.extra.push(host);
        }
    }

    /// Whether a token may go to this URL: HTTPS to one of Graph's hosts, or
    /// any scheme to a host the user added.
    pub fn allows(&self, url: &str) -> bool {
        let Some(host) = host_of(url) else {
            return false;
        };
        let https = url
            .get(..8)
            .is_some_and(|s| s.eq_ignore_ascii_case("https://"));
        (https && GRAPH_HOSTS.contains(&host.as_str())) || self.extra.contains(&host)
    }
}

/// The host of a URL (or of a bare `host:port`), lower case, without user
/// information or port.
pub fn host_of(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let authority = rest.split(['/', '?', '#']).next()?;
    let authority = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = if authority.starts_with('[') {
        authority.split_inclusive(']').next()?
    } else {
        authority.split(':').next()?
    };
    (!host.is_empty()).then(|| host.to_ascii_lowercase())
}

/// A next page's request may be sent only to its page's host.
pub fn check_next_link(page: &Request, next: &Request) -> Result<(), Error> {
    check_next_url(&page.url, &next.url)
}

/// [`check_next_link`] of the URLs the requests go to.
pub fn check_next_url(page: &str, next: &str) -> Result<(), Error> {
    let (expected, host) = (host_of(page), host_of(next));
    if host.is_some() && host == expected {
        return Ok(());
    }
    Err(Error::ForeignNextLink {
        url: next.to_owned(),
        expected: expected.unwrap_or_default(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::Method;

    #[test]
    fn tokens_go_to_graph_and_to_added_hosts_only() {
        let mut hosts = AllowedHosts::graph();
        assert!(hosts.allows("https://graph.microsoft.com/v1.0/me"));
        assert!(hosts.allows("https://GRAPH.microsoft.us/v1.0/me"));
        assert!(hosts.allows("https://microsoftgraph.chinacloudapi.cn/v1.0/me"));
        assert!(
            !hosts.allows("http://graph.microsoft.com/v1.0/me"),
            "not over plain HTTP"
        );
        assert!(!hosts.allows("https://graph.microsoft.com.evil.example/v1.0/me"));
        assert!(!hosts.allows("https://evil.example/?graph.microsoft.com"));
        assert!(!hosts.allows("https://graph.microsoft.com@evil.example/v1.0/me"));
        hosts.allow("http://127.0.0.1:8080");
        assert!(hosts.allows("http://127.0.0.1:9999/v1.0/me"));
        assert_eq!(
            host_of("https://u:p@Host.Example:443/x").as_deref(),
            Some("host.example")
        );
    }

    #[test]
    fn next_links_stay_on_their_page_host() {
        let req = |url: &str| Request {
            method: Method::Get,
            url: url.into(),
            headers: Vec::new(),
            body: None,
        };
        let page = req("https://graph.microsoft.com/v1.0/users");
        assert!(
            check_next_link(
                &page,
                &req("https://graph.microsoft.com/v1.0/users?$skiptoken=x")
            )
            .is_ok()
        );
        let err = check_next_link(&page, &req("https://evil.example/v1.0/users")).unwrap_err();
        assert!(err.to_string().contains("evil.example"), "{err}");
    }
}

//! What every client does the same way: when to retry a throttled request
//! and how long to wait, and which page comes next. The blocking and the
//! async client both follow this, so neither drifts from the other.

use std::time::Duration;

use super::hosts::{AllowedHosts, check_next_url};
use super::{CollectionPage, Error, GRAPH_HOST, Request, Response};

/// Retries of throttled requests (`429 Too Many Requests`, `503 Service
/// Unavailable`): after the `Retry-After` the response gives, else an
/// exponential backoff (1 s, 2 s, 4 s, ...), never longer than `max_delay`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// How often a throttled request is retried.
    pub max_retries: u32,
    /// The longest wait before a retry, whatever `Retry-After` says.
    pub max_delay: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_retries: 3,
            max_delay: Duration::from_secs(60),
        }
    }
}

impl RetryPolicy {
    /// How long to wait before retrying after `response`, the `attempt`th
    /// retry (from 0); `None` when the response is final.
    pub fn delay(&self, response: &Response, attempt: u32) -> Option<Duration> {
        if !matches!(response.status, 429 | 503) || attempt >= self.max_retries {
            return None;
        }
        let backoff = Duration::from_secs(1 << attempt.min(16));
        Some(
            response
                .retry_after()
                .unwrap_or(backoff)
                .min(self.max_delay),
        )
    }
}

/// What a client sends where: its token and the hosts allowed it, a host
/// that replaces Graph's (a test server), and its retries. Its `Debug` form
/// never shows the token.
#[derive(Clone, Default)]
pub struct ClientPolicy {
    token: Option<String>,
    allowed: AllowedHosts,
    host: Option<String>,
    /// Retries of throttled requests.
    pub retry: RetryPolicy,
}

impl std::fmt::Debug for ClientPolicy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClientPolicy")
            .field("token", &self.token.as_ref().map(|_| "[redacted]"))
            .field("allowed", &self.allowed)
            .field("host", &self.host)
            .field("retry", &self.retry)
            .finish()
    }
}

impl ClientPolicy {
    /// The bearer token sent to allowed hosts.
    pub fn set_token(&mut self, token: String) {
        self.token = Some(token);
    }

    /// Allows the token to one more host.
    pub fn allow_host(&mut self, host: &str) {
        self.allowed.allow(host);
    }

    /// Sends requests for `https://graph.microsoft.com` to this scheme and
    /// host instead, which is allowed the token.
    pub fn set_host(&mut self, host: &str) {
        let host = host.trim_end_matches('/').to_owned();
        self.allowed.allow(&host);
        self.host = Some(host);
    }

    /// The URL a request goes to.
    pub fn url(&self, request: &Request) -> String {
        match (&self.host, request.url.strip_prefix(GRAPH_HOST)) {
            (Some(host), Some(rest)) if rest.is_empty() || rest.starts_with('/') => {
                format!("{host}{rest}")
            }
            _ => request.url.clone(),
        }
    }

    /// The request for the page after `page` (fetched with `request`):
    /// none at the last page or for a link back to the same page (which
    /// would loop forever); an error for a link to another host than the
    /// one the page came from. Hosts are compared where the requests go
    /// ([`ClientPolicy::url`]): behind a host override (a test server), a
    /// link to the override host, or to Graph's host it replaces, stays home.
    pub fn next_page<T>(
        &self,
        page: &CollectionPage<T>,
        request: &Request,
    ) -> Option<Result<Request, Error>> {
        let next = page.next_request(request)?;
        let (from, to) = (self.url(request), self.url(&next));
        if from == to {
            return None;
        }
        Some(check_next_url(&from, &to).map(|()| next))
    }

    /// The `Authorization` value to add to a request going to `url`: the
    /// token, where the host is allowed it and the request sets none.
    pub fn authorization(&self, request: &Request, url: &str) -> Option<String> {
        let token = self.token.as_ref()?;
        (request.header("Authorization").is_none() && self.allowed.allows(url))
            .then(|| format!("Bearer {token}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn throttled_responses_wait_then_give_up() {
        let policy = RetryPolicy {
            max_retries: 2,
            max_delay: Duration::from_secs(10),
        };
        let throttled = Response::new(429).with_header("Retry-After", "3");
        assert_eq!(policy.delay(&throttled, 0), Some(Duration::from_secs(3)));
        assert_eq!(
            policy.delay(&Response::new(503), 1),
            Some(Duration::from_secs(2))
        );
        assert_eq!(policy.delay(&throttled, 2), None, "retries used up");
        let long = Response::new(429).with_header("Retry-After", "3600");
        assert_eq!(policy.delay(&long, 0), Some(Duration::from_secs(10)));
        assert_eq!(policy.delay(&Response::new(500), 0), None);
    }

    #[test]
    fn next_pages_stay_where_the_page_came_from() {
        let get = |url: &str| Request {
            method: crate::http::Method::Get,
            url: url.into(),
            headers: Vec::new(),
            body: None,
        };
        let page = |next: &str| CollectionPage::<u8> {
            value: Vec::new(),
            next_link: Some(next.into()),
            count: None,
            delta_link: None,
            additional: Default::default(),
        };
        let request = get("https://graph.microsoft.com/v1.0/users");
        let next = |policy: &ClientPolicy, link: &str| {
            policy
                .next_page(&page(link), &request)
                .map(|r| r.map(|r| r.url))
        };
        let graph = ClientPolicy::default();
        let same_host = "https://graph.microsoft.com/v1.0/users?$skiptoken=2";
        assert_eq!(next(&graph, same_host).unwrap().unwrap(), same_host);
        assert!(
            next(&graph, "http://127.0.0.1:8/v1.0/users?$skiptoken=2")
                .unwrap()
                .is_err()
        );
        assert!(
            next(&graph, "https://graph.microsoft.com/v1.0/users").is_none(),
            "a loop"
        );

        // Behind a test server, its own links and Graph's both go to it.
        let mut local = ClientPolicy::default();
        local.set_host("http://127.0.0.1:8");
        let own = "http://127.0.0.1:8/v1.0/users?$skiptoken=2";
        assert_eq!(next(&local, own).unwrap().unwrap(), own);
        assert_eq!(next(&local, same_host).unwrap().unwrap(), same_host);
        assert!(
            next(&local, "https://evil.example/v1.0/users")
                .unwrap()
                .is_err()
        );
    }
}

//! Example URLs: path and query relative to the version root, and which of
//! an operation's path templates the path matches.

use graphdoc_ir::{PathTemplate, RouteMatch};

/// An example URL, split.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Url {
    /// The host, when the URL is absolute.
    pub(crate) host: Option<String>,
    /// Relative to the version root, starting with `/`, not decoded.
    pub(crate) path: String,
    /// Without the `?`.
    pub(crate) query: Option<String>,
}

impl Url {
    /// Whether the URL goes to Microsoft Graph (a relative URL does), not to
    /// a webhook, a bot or an upload URL.
    pub(crate) fn is_graph(&self) -> bool {
        self.host.as_deref().is_none_or(graphdoc_ir::is_graph_host)
    }
}

/// Splits an example URL into its host, path (relative to the version
/// root, starting with `/`) and query (without `?`). `/v1.0` or `/beta` (any
/// case) and a trailing ` HTTP/1.1` are removed; nothing is decoded.
pub(crate) fn split(url: &str) -> Url {
    let mut u = url.trim();
    if let Some((head, tail)) = u.rsplit_once(char::is_whitespace)
        && tail.to_ascii_uppercase().starts_with("HTTP/")
    {
        u = head.trim_end();
    }
    let mut host = None;
    for scheme in ["https://", "http://"] {
        if u.len() >= scheme.len() && u[..scheme.len()].eq_ignore_ascii_case(scheme) {
            let after = &u[scheme.len()..];
            let end = after.find(['/', '?']).unwrap_or(after.len());
            host = Some(after[..end].to_string());
            u = &after[end..];
            break;
        }
    }
    for v in ["/v1.0", "/beta", "v1.0/", "beta/"] {
        if u.len() >= v.len() && u[..v.len()].eq_ignore_ascii_case(v) {
            let r = &u[v.len()..];
            if v.ends_with('/') || r.is_empty() || r.starts_with(['/', '?']) {
                u = r;
                break;
            }
        }
    }
    let (path, query) = match query_start(u) {
        Some(i) => (&u[..i], Some(u[i + 1..].to_string())),
        None => (u, None),
    };
    let path = path.trim();
    let path = if path.starts_with('/') {
        path.to_string()
    } else {
        format!("/{path}")
    };
    Url {
        host,
        path,
        query: query.filter(|q| !q.is_empty()),
    }
}

/// The other form of a path addressing the signed-in user: `/me/x` for
/// `/users/{id}/x`, `/users/me/x` for `/me/x`.
pub(crate) fn me_alias(path: &str) -> Option<String> {
    let lower = path.to_ascii_lowercase();
    if lower == "/me" || lower.starts_with("/me/") {
        return Some(format!("/users/me{}", &path[3..]));
    }
    let rest = lower.strip_prefix("/users/")?;
    let user_end = rest.find('/')?;
    Some(format!("/me{}", &path["/users/".len() + user_end..]))
}

/// The `?` that starts the query: the first outside braces and parentheses.
fn query_start(u: &str) -> Option<usize> {
    let mut depth = 0i32;
    for (i, c) in u.char_indices() {
        match c {
            '{' | '(' => depth += 1,
            '}' | ')' => depth -= 1,
            '?' if depth <= 0 => return Some(i),
            _ => {}
        }
    }
    None
}

/// The template `path` matches (the most specific: most literal text), with
/// the placeholders' values. Where none matches the whole path, one that
/// matches it without trailing OData segments (`/$count`, a type cast
/// `/microsoft.graph.group`, as `is_segment` says) does, with those segments.
pub(crate) fn route(
    templates: &[PathTemplate],
    path: &str,
    is_segment: impl Fn(&str) -> bool,
) -> Option<RouteMatch> {
    let mut path = path
        .strip_suffix('/')
        .filter(|p| !p.is_empty())
        .unwrap_or(path);
    let mut suffix = Vec::new();
    loop {
        if let Some(mut m) = route_exact(templates, path) {
            suffix.reverse();
            m.suffix = suffix;
            return Some(m);
        }
        let (head, last) = path.rsplit_once('/')?;
        if head.is_empty() || suffix.len() == 2 || !is_segment(last) {
            return None;
        }
        suffix.push(last.to_string());
        path = head;
    }
}

fn route_exact(templates: &[PathTemplate], path: &str) -> Option<RouteMatch> {
    templates
        .iter()
        .filter_map(|t| Some((t.specificity(), t, t.matches(path)?)))
        // Most literal text first; among equals the first documented.
        .min_by_key(|(literal, _, _)| std::cmp::Reverse(*literal))
        .map(|(_, t, args)| RouteMatch {
            template: t.template.clone(),
            args,
            suffix: Vec::new(),
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use graphdoc_ir::Loc;

    fn t(template: &str) -> PathTemplate {
        PathTemplate::parse(template, Loc::default())
    }

    #[test]
    fn splits_urls_relative_to_the_version_root() {
        let parts = |u: &str| {
            let u = split(u);
            (u.path, u.query)
        };
        assert_eq!(
            parts("https://graph.microsoft.com/v1.0/me/events?$select=subject HTTP/1.1"),
            ("/me/events".into(), Some("$select=subject".into()))
        );
        assert_eq!(parts("/beta/me"), ("/me".into(), None));
        assert_eq!(parts("/V1.0/me"), ("/me".into(), None));
        assert_eq!(parts("me/drive?"), ("/me/drive".into(), None));
        assert_eq!(
            parts("https://graph.microsoft.com/v1.0/reports/getX(period='D7')?$format=text/csv"),
            (
                "/reports/getX(period='D7')".into(),
                Some("$format=text/csv".into())
            )
        );
        assert!(split("https://graph.microsoft.com/v1.0/me").is_graph());
        assert!(split("/me").is_graph());
        assert!(!split("https://bot.contoso.com/api/calls").is_graph());
    }

    #[test]
    fn me_stands_for_a_user() {
        assert_eq!(
            me_alias("/me/calendar").as_deref(),
            Some("/users/me/calendar")
        );
        assert_eq!(me_alias("/me").as_deref(), Some("/users/me"));
        assert_eq!(me_alias("/users/a1/events").as_deref(), Some("/me/events"));
        assert_eq!(me_alias("/users/a1"), None);
        assert_eq!(me_alias("/messages"), None);
        assert_eq!(me_alias("/meetings/x"), None);
    }

    #[test]
    fn matches_the_most_specific_template() {
        let templates = [
            t("/users/{id}/events/{event-id}"),
            t("/users/{id}/events/delta"),
            t("/drive/root:/{item-path}:/content"),
            t("/reports/getX(period='{period}')"),
            t("/reports/getY(count=n,on='parameterValue')"),
        ];
        let cast = |s: &str| s == "$count" || s.starts_with("microsoft.graph.");
        let route = |p: &str| route(&templates, p, cast);
        let m = route("/Users/a1/events/delta").unwrap();
        assert_eq!(m.template, "/users/{id}/events/delta");
        assert_eq!(m.args, [("id".to_string(), "a1".to_string())]);
        assert!(m.suffix.is_empty());
        let m = route("/drive/root:/a/b.txt:/content").unwrap();
        assert_eq!(m.args, [("item-path".to_string(), "a/b.txt".to_string())]);
        let m = route("/reports/getX(period='D7')").unwrap();
        assert_eq!(m.args, [("period".to_string(), "D7".to_string())]);
        let m = route("/reports/getY(count=3,on='me')").unwrap();
        assert_eq!(m.template, "/reports/getY(count=n,on='parameterValue')");
        assert_eq!(
            m.args,
            [
                ("count".to_string(), "3".to_string()),
                ("on".to_string(), "me".to_string())
            ]
        );
        let m = route("/users/a1/events/e1/microsoft.graph.x/$count").unwrap();
        assert_eq!(m.template, "/users/{id}/events/{event-id}");
        assert_eq!(m.suffix, ["microsoft.graph.x", "$count"]);
        assert!(route("/users//events/x").is_none());
        assert!(route("/groups/a").is_none());
    }
}

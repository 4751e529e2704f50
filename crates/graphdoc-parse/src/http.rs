//! HTTP text in code blocks: `METHOD /path/{param}` templates, example
//! requests (`METHOD url`, headers, body) and responses (`HTTP/1.1 201
//! Created`, headers, body).

use graphdoc_ir::{ApiVersion, Body, HttpMethod};

/// Splits `POST /x` into the method and the rest. The method must be one of
/// the five the docs use, followed by whitespace.
pub(crate) fn split_method(line: &str) -> Option<(HttpMethod, &str)> {
    let line = line.trim();
    let end = line.find(char::is_whitespace)?;
    let method = HttpMethod::parse(&line[..end])?;
    let rest = line[end..].trim();
    (!rest.is_empty()).then_some((method, rest))
}

/// The path of a template from the text after the method: host and version
/// prefix removed, query string removed, a leading `/` ensured. `None` when
/// nothing path-like is left.
pub(crate) fn path_template(rest: &str) -> Option<String> {
    let mut p = strip_host(rest.trim()).trim();
    // Cut the query string (a `?` outside braces and parentheses).
    let mut depth = 0i32;
    for (i, c) in p.char_indices() {
        match c {
            '{' | '(' => depth += 1,
            '}' | ')' => depth -= 1,
            '?' if depth <= 0 => {
                p = &p[..i];
                break;
            }
            _ => {}
        }
    }
    let p = p.trim();
    if p.is_empty() || p.starts_with(['{', '"', '<']) && !p.contains('/') {
        return None;
    }
    Some(if p.starts_with('/') {
        p.to_string()
    } else {
        format!("/{p}")
    })
}

/// Whether a URL goes to Microsoft Graph: a relative URL does; an absolute
/// one to another host (a bot's callback, an upload URL) does not.
pub(crate) fn is_graph_url(url: &str) -> bool {
    let u = url.trim();
    for scheme in ["https://", "http://"] {
        if u.as_bytes()
            .get(..scheme.len())
            .is_some_and(|b| b.eq_ignore_ascii_case(scheme.as_bytes()))
        {
            let host = u[scheme.len()..].split(['/', '?']).next();
            return graphdoc_ir::is_graph_host(host.unwrap_or_default());
        }
    }
    true
}

/// Removes `https://host` and a `/v1.0` or `/beta` prefix.
fn strip_host(s: &str) -> &str {
    let mut p = s;
    for scheme in ["https://", "http://"] {
        if p.as_bytes()
            .get(..scheme.len())
            .is_some_and(|b| b.eq_ignore_ascii_case(scheme.as_bytes()))
        {
            let after = &p[scheme.len()..];
            p = after.find('/').map_or("", |i| &after[i..]);
            break;
        }
    }
    for v in ["/v1.0", "/beta"] {
        if let Some(r) = p.strip_prefix(v)
            && (r.is_empty() || r.starts_with('/') || r.starts_with('?'))
        {
            return r;
        }
    }
    p
}

/// The API version an example URL names, if any.
pub(crate) fn url_version(url: &str) -> Option<ApiVersion> {
    let head = url.get(..url.len().min(64))?;
    let i = crate::text::find_ci(head, "graph.microsoft.com/")? + "graph.microsoft.com/".len();
    let rest = head[i..].to_ascii_lowercase();
    if rest.starts_with("v1.0") {
        Some(ApiVersion::V1_0)
    } else if rest.starts_with("beta") {
        Some(ApiVersion::Beta)
    } else {
        None
    }
}

/// The parts of an HTTP message in a code block.
pub(crate) struct Message<'a> {
    /// 0-based line (within the block) of the first line.
    pub(crate) first_line: usize,
    pub(crate) start: &'a str,
    pub(crate) headers: Vec<(String, String)>,
    /// The body text, trimmed; `None` when there is none.
    pub(crate) body: Option<&'a str>,
    /// 0-based line (within the block) where the body starts.
    pub(crate) body_line: usize,
}

/// Splits a block into start line, headers and body. Blank lines between the
/// start line and the headers are tolerated; a body may follow the headers
/// without a blank line when it does not look like a header.
pub(crate) fn split_message(text: &str) -> Option<Message<'_>> {
    let mut lines = LineIter::new(text);
    let (first_line, start) = loop {
        let (n, _, l) = lines.next()?;
        if !l.trim().is_empty() {
            break (n, l.trim());
        }
    };
    let mut headers = Vec::new();
    let mut seen_blank_after_headers = false;
    let mut body_at: Option<(usize, usize)> = None;
    for (n, off, l) in lines {
        let t = l.trim();
        if t.is_empty() {
            if !headers.is_empty() {
                seen_blank_after_headers = true;
            }
            continue;
        }
        if !seen_blank_after_headers && let Some(h) = header(t) {
            headers.push(h);
            continue;
        }
        body_at = Some((n, off));
        break;
    }
    let (body, body_line) = match body_at {
        Some((n, off)) => {
            let b = text[off..].trim();
            ((!b.is_empty()).then_some(b), n)
        }
        None => (None, 0),
    };
    Some(Message {
        first_line,
        start,
        headers,
        body,
        body_line,
    })
}

/// `Name: value` with a token name.
fn header(line: &str) -> Option<(String, String)> {
    let (name, value) = line.split_once(':')?;
    let name = name.trim_end();
    if name.is_empty()
        || !name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
    {
        return None;
    }
    Some((name.to_string(), value.trim().to_string()))
}

/// A status line `HTTP/1.1 201 Created` → (201, Some("Created")).
pub(crate) fn status_line(line: &str) -> Option<(u16, Option<String>)> {
    let t = line.trim();
    if !t
        .as_bytes()
        .get(..4)
        .is_some_and(|b| b.eq_ignore_ascii_case(b"HTTP"))
    {
        return None;
    }
    let mut parts = t.splitn(3, char::is_whitespace);
    let _version = parts.next()?;
    let code = parts.next()?.trim();
    let status: u16 = code.parse().ok()?;
    if !(100..=599).contains(&status) {
        return None;
    }
    let reason = parts
        .next()
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .map(str::to_string);
    Some((status, reason))
}

/// Reads a body: JSON when it parses, else raw. The error says why a body
/// that should be JSON is not (for a warning); bodies of a non-JSON content
/// type are kept raw without complaint.
pub(crate) fn body(text: &str, headers: &[(String, String)]) -> (Body, Option<String>) {
    let content_type = headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("content-type"))
        .map(|(_, v)| v.to_ascii_lowercase());
    if let Some(ct) = &content_type
        && !ct.contains("json")
    {
        return (Body::Raw(text.to_string()), None);
    }
    match serde_json::from_str::<serde_json::Value>(text) {
        Ok(v) => (Body::Json(v), None),
        Err(e) => (Body::Raw(text.to_string()), Some(e.to_string())),
    }
}

/// Lines with their 0-based number and byte offset.
struct LineIter<'a> {
    text: &'a str,
    pos: usize,
    n: usize,
}

impl<'a> LineIter<'a> {
    fn new(text: &'a str) -> Self {
        Self { text, pos: 0, n: 0 }
    }
}

impl<'a> Iterator for LineIter<'a> {
    type Item = (usize, usize, &'a str);
    fn next(&mut self) -> Option<Self::Item> {
        if self.pos >= self.text.len() {
            return None;
        }
        let rest = &self.text[self.pos..];
        let (line, adv) = match memchr::memchr(b'\n', rest.as_bytes()) {
            Some(i) => (&rest[..i], i + 1),
            None => (rest, rest.len()),
        };
        let item = (self.n, self.pos, line);
        self.pos += adv;
        self.n += 1;
        Some(item)
    }
}

/// Lines of a block as (0-based number, text).
pub(crate) fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    LineIter::new(text).map(|(n, _, l)| (n, l))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates() {
        let t = path_template(
            "/deviceManagement/deviceConfigurations/{deviceConfigurationId}/userStatuses",
        )
        .unwrap();
        assert_eq!(
            t,
            "/deviceManagement/deviceConfigurations/{deviceConfigurationId}/userStatuses"
        );
        let t = path_template("policies/claimsMappingPolicies").unwrap();
        assert_eq!(t, "/policies/claimsMappingPolicies");
        let t =
            path_template("https://graph.microsoft.com/v1.0/sites/{site-id}/lists?expand=columns")
                .unwrap();
        assert_eq!(t, "/sites/{site-id}/lists");
        let t =
            path_template("/users/{id | userPrincipalName}/events?$filter={x} eq '{y}'").unwrap();
        assert_eq!(t, "/users/{id | userPrincipalName}/events");
        let t = path_template("/reports/getEmailActivityCounts(period='{period_value}')").unwrap();
        assert_eq!(
            t,
            "/reports/getEmailActivityCounts(period='{period_value}')"
        );
    }

    #[test]
    fn graph_urls() {
        assert!(is_graph_url("/me/messages"));
        assert!(is_graph_url("https://graph.microsoft.com/v1.0/me"));
        assert!(is_graph_url("https://graph.microsoft.us/v1.0/me"));
        assert!(!is_graph_url("https://bot.contoso.com/callback"));
    }

    #[test]
    fn methods() {
        assert_eq!(split_method("POST /x"), Some((HttpMethod::Post, "/x")));
        assert!(split_method("POSTER /x").is_none());
        assert!(split_method("GET").is_none());
    }

    #[test]
    fn messages() {
        let m = split_message(
            "HTTP/1.1 201 Created\n\nContent-Type: application/json\n{\n \"a\": 1\n}\n",
        )
        .unwrap();
        assert_eq!(m.start, "HTTP/1.1 201 Created");
        assert_eq!(
            m.headers,
            [("Content-Type".to_string(), "application/json".to_string())]
        );
        assert_eq!(m.body, Some("{\n \"a\": 1\n}"));
        assert_eq!(m.body_line, 3);
        let m = split_message("GET https://x/v1.0/me\n").unwrap();
        assert!(m.headers.is_empty());
        assert!(m.body.is_none());
        assert_eq!(
            status_line("HTTP/1.1 204 No Content"),
            Some((204, Some("No Content".into())))
        );
        assert_eq!(status_line("HTTP/1.1 200"), Some((200, None)));
        assert_eq!(status_line("GET /x"), None);
    }

    #[test]
    fn versions() {
        assert_eq!(
            url_version("https://graph.microsoft.com/beta/x"),
            Some(ApiVersion::Beta)
        );
        assert_eq!(
            url_version("https://graph.microsoft.com/v1.0/x"),
            Some(ApiVersion::V1_0)
        );
        assert_eq!(url_version("/me"), None);
    }
}

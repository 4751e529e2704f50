//! [`RequestBuilder`]: one generic type for every route, so that a generated
//! route is a single small function (the compile cost of thousands of routes).

use std::fmt::Write as _;
use std::marker::PhantomData;

use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};
use serde::Serialize;

use super::{Error, Method, Request};

/// What never appears verbatim in a URL path: controls, space, and the
/// delimiters and unsafe characters of RFC 3986 and the WHATWG URL standard.
const PATH_TEXT: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'[')
    .add(b'\\')
    .add(b']')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// A value taking one path segment: also `/`, and `+` (which some servers read
/// as a space).
const SEGMENT: &AsciiSet = &PATH_TEXT.add(b'/').add(b'+');

/// A query name or value: also the query's own delimiters.
const QUERY: &AsciiSet = &PATH_TEXT.add(b'&').add(b'+').add(b'=');

/// The OData system query options a route's page can document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum QueryOption {
    /// `$select`
    Select,
    /// `$filter`
    Filter,
    /// `$expand`
    Expand,
    /// `$top`
    Top,
    /// `$skip`
    Skip,
    /// `$orderby`
    OrderBy,
    /// `$search`
    Search,
    /// `$count`
    Count,
    /// `$skiptoken`
    SkipToken,
    /// `$deltatoken`
    DeltaToken,
    /// `$levels`
    Levels,
}

impl QueryOption {
    /// The option as written in a URL: `$select`, ...
    pub fn as_str(self) -> &'static str {
        match self {
            QueryOption::Select => "$select",
            QueryOption::Filter => "$filter",
            QueryOption::Expand => "$expand",
            QueryOption::Top => "$top",
            QueryOption::Skip => "$skip",
            QueryOption::OrderBy => "$orderby",
            QueryOption::Search => "$search",
            QueryOption::Count => "$count",
            QueryOption::SkipToken => "$skiptoken",
            QueryOption::DeltaToken => "$deltatoken",
            QueryOption::Levels => "$levels",
        }
    }
}

/// The body, serialized when it is set so that the builder is not generic over it.
#[derive(Debug)]
enum Body {
    None,
    Json(Vec<u8>),
    Bytes(Vec<u8>),
    Failed(serde_json::Error),
}

/// A request being built: what a generated route function returns.
///
/// `R` is the route's [`ResponseKind`](super::ResponseKind), which says how a
/// successful response parses. The route sets the method, the URL, the documented
/// headers and the body; the caller adds query options and headers, then calls
/// [`RequestBuilder::build`] (or hands the builder to the `client` feature's
/// client).
///
/// Query options are accepted on any route: the docs' lists of supported options
/// are incomplete, so [`RequestBuilder::documented_query_options`] only tells
/// what the route's page lists. Setting an option again replaces it.
#[must_use = "a request builder does nothing until it is built or sent"]
#[derive(Debug)]
pub struct RequestBuilder<R> {
    method: Method,
    base_url: String,
    path: String,
    query: Vec<(String, String)>,
    headers: Vec<(String, String)>,
    body: Body,
    documented: &'static [QueryOption],
    response: PhantomData<fn() -> R>,
}

impl<R> RequestBuilder<R> {
    /// A request to `base_url` (e.g. `https://graph.microsoft.com/v1.0`) followed by
    /// `template`, whose markers take `args` in order, percent-encoded:
    ///
    /// - `{}` a value filling one path segment (or part of one): `/` is encoded;
    /// - `{/}` a value spanning segments (a drive item path): `/` is kept;
    /// - `{'}` a value inside an OData string literal (`search(q='{'}')`): a `'`
    ///   is doubled, then the value is encoded as for `{}`.
    ///
    /// The template's other text is kept, characters that cannot appear in a URL
    /// path (spaces, `<`, `>`, ...) percent-encoded. A marker without an argument
    /// is left empty.
    pub fn new(method: Method, base_url: &str, template: &str, args: &[&str]) -> Self {
        debug_assert_eq!(
            template.matches("{}").count()
                + template.matches("{/}").count()
                + template.matches("{'}").count(),
            args.len(),
            "arguments for {template}"
        );
        let mut path = String::with_capacity(template.len() + 16 * args.len());
        let mut args = args.iter();
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            let (text, marker) = rest.split_at(open);
            path.extend(utf8_percent_encode(text, PATH_TEXT));
            let (len, value) = if marker.starts_with("{}") {
                (
                    2,
                    args.next()
                        .map(|a| utf8_percent_encode(a, SEGMENT).to_string()),
                )
            } else if marker.starts_with("{/}") {
                (
                    3,
                    args.next()
                        .map(|a| utf8_percent_encode(a, PATH_TEXT).to_string()),
                )
            } else if marker.starts_with("{'}") {
                let quoted =
                    |a: &&str| utf8_percent_encode(&a.replace('\'', "''"), SEGMENT).to_string();
                (3, args.next().map(quoted))
            } else {
                (1, Some("%7B".to_owned()))
            };
            path.push_str(value.as_deref().unwrap_or_default());
            rest = &marker[len..];
        }
        path.extend(utf8_percent_encode(rest, PATH_TEXT));
        Self {
            method,
            base_url: base_url.to_owned(),
            path,
            query: Vec::new(),
            headers: Vec::new(),
            body: Body::None,
            documented: &[],
            response: PhantomData,
        }
    }

    /// The body: `value` as JSON, with `Content-Type: application/json`.
    pub fn json<B: Serialize + ?Sized>(mut self, value: &B) -> Self {
        self.body = match serde_json::to_vec(value) {
            Ok(bytes) => Body::Json(bytes),
            Err(err) => Body::Failed(err),
        };
        self
    }

    /// The body: raw bytes, with `Content-Type: application/octet-stream` unless a
    /// `Content-Type` header is set.
    pub fn bytes(mut self, body: Vec<u8>) -> Self {
        self.body = Body::Bytes(body);
        self
    }

    /// Records the OData query options the route's page documents.
    pub fn query_options(mut self, options: &'static [QueryOption]) -> Self {
        self.documented = options;
        self
    }

    /// The OData query options the route's page documents (possibly incomplete).
    pub fn documented_query_options(&self) -> &'static [QueryOption] {
        self.documented
    }

    /// Sets a query parameter, replacing one of the same name.
    pub fn query(mut self, name: &str, value: &str) -> Self {
        match self.query.iter_mut().find(|(n, _)| n == name) {
            Some(slot) => slot.1 = value.to_owned(),
            None => self.query.push((name.to_owned(), value.to_owned())),
        }
        self
    }

    fn option(self, option: QueryOption, value: &str) -> Self {
        self.query(option.as_str(), value)
    }

    /// `$select`: only these properties.
    pub fn select(self, properties: &[&str]) -> Self {
        self.option(QueryOption::Select, &properties.join(","))
    }

    /// `$expand`: these relationships too, each possibly with options
    /// (`members($select=id)`).
    pub fn expand(self, relationships: &[&str]) -> Self {
        self.option(QueryOption::Expand, &relationships.join(","))
    }

    /// `$filter`: an OData filter expression (`startswith(displayName,'A')`).
    pub fn filter(self, expression: &str) -> Self {
        self.option(QueryOption::Filter, expression)
    }

    /// `$orderby`: properties, each optionally followed by ` asc` or ` desc`.
    pub fn orderby(self, properties: &[&str]) -> Self {
        self.option(QueryOption::OrderBy, &properties.join(","))
    }

    /// `$search`: a search expression, quoted as Graph expects
    /// (`"displayName:Adele"`).
    pub fn search(self, expression: &str) -> Self {
        self.option(QueryOption::Search, expression)
    }

    /// `$top`: at most this many items per page.
    pub fn top(self, n: u32) -> Self {
        self.option(QueryOption::Top, &n.to_string())
    }

    /// `$skip`: skip this many items.
    pub fn skip(self, n: u32) -> Self {
        self.option(QueryOption::Skip, &n.to_string())
    }

    /// `$count`: whether to include the total count (`@odata.count`).
    pub fn count(self, yes: bool) -> Self {
        self.option(QueryOption::Count, if yes { "true" } else { "false" })
    }

    /// Sets a header, replacing one of the same (case-insensitive) name.
    pub fn header(mut self, name: &str, value: &str) -> Self {
        match self
            .headers
            .iter_mut()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
        {
            Some(slot) => slot.1 = value.to_owned(),
            None => self.headers.push((name.to_owned(), value.to_owned())),
        }
        self
    }

    /// Removes a header (a default the route set, such as `ConsistencyLevel`).
    pub fn remove_header(mut self, name: &str) -> Self {
        self.headers.retain(|(n, _)| !n.eq_ignore_ascii_case(name));
        self
    }

    /// Replaces the base URL, e.g. for a national cloud
    /// (`https://graph.microsoft.us/v1.0`).
    pub fn base_url(mut self, base_url: &str) -> Self {
        base_url.clone_into(&mut self.base_url);
        self
    }

    /// The method.
    pub fn method(&self) -> Method {
        self.method
    }

    /// The URL so far: base URL, encoded path, query.
    pub fn url(&self) -> String {
        let mut url = String::with_capacity(self.base_url.len() + self.path.len() + 32);
        url.push_str(self.base_url.trim_end_matches('/'));
        url.push_str(&self.path);
        for (i, (name, value)) in self.query.iter().enumerate() {
            url.push(if i == 0 { '?' } else { '&' });
            // Writing to a String cannot fail.
            let _ = write!(
                url,
                "{}={}",
                utf8_percent_encode(name, QUERY),
                utf8_percent_encode(value, QUERY)
            );
        }
        url
    }

    /// The request. Fails only when the body could not be serialized
    /// ([`Error::Encode`]), which the generated types never cause.
    pub fn build(self) -> Result<Request, Error> {
        let url = self.url();
        let has_content_type = self
            .headers
            .iter()
            .any(|(n, _)| n.eq_ignore_ascii_case("Content-Type"));
        let mut headers = self.headers;
        let (body, content_type) = match self.body {
            Body::None => (None, None),
            Body::Json(bytes) => (Some(bytes), Some("application/json")),
            Body::Bytes(bytes) => (Some(bytes), Some("application/octet-stream")),
            Body::Failed(err) => return Err(Error::Encode(err)),
        };
        if let Some(content_type) = content_type.filter(|_| !has_content_type) {
            headers.push(("Content-Type".to_owned(), content_type.to_owned()));
        }
        Ok(Request {
            method: self.method,
            url,
            headers,
            body,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::NoContent;

    const BASE: &str = "https://graph.microsoft.com/v1.0";

    fn get(template: &str, args: &[&str]) -> RequestBuilder<NoContent> {
        RequestBuilder::new(Method::Get, BASE, template, args)
    }

    #[test]
    fn path_arguments_are_percent_encoded() {
        let url = |t, a: &[&str]| get(t, a).url();
        assert_eq!(
            url("/users/{}/messages", &["a/b c?d#e%f+g"]),
            format!("{BASE}/users/a%2Fb%20c%3Fd%23e%25f%2Bg/messages")
        );
        assert_eq!(
            url("/users/{}", &["adele@contoso.com"]),
            format!("{BASE}/users/adele@contoso.com")
        );
        assert_eq!(
            url("/me/drive/root:/{/}:/content", &["My Files/a b.txt"]),
            format!("{BASE}/me/drive/root:/My%20Files/a%20b.txt:/content")
        );
        assert_eq!(
            url("/me/drive/root/search(q='{'}')", &["it's"]),
            format!("{BASE}/me/drive/root/search(q='it''s')")
        );
        assert_eq!(url("/é/{}", &["ü"]), format!("{BASE}/%C3%A9/%C3%BC"));
    }

    #[test]
    fn template_text_is_kept_unless_it_cannot_be_in_a_url() {
        assert_eq!(
            get("/range(address='<address>')/a b|c{x", &[]).url(),
            format!("{BASE}/range(address='%3Caddress%3E')/a%20b%7Cc%7Bx")
        );
    }

    #[test]
    fn query_options_in_order_set_replacing_repeats() {
        let request = get("/users", &[])
            .top(5)
            .select(&["id", "displayName"])
            .filter("startswith(displayName,'A&B') and x eq 'c=d+e'")
            .orderby(&["displayName desc"])
            .search("\"displayName:Ad\"")
            .expand(&["manager($select=id)"])
            .count(true)
            .skip(2)
            .top(10)
            .query("custom", "1")
            .build()
            .unwrap();
        assert_eq!(
            request.url,
            format!(
                "{BASE}/users?$top=10&$select=id,displayName\
                 &$filter=startswith(displayName,'A%26B')%20and%20x%20eq%20'c%3Dd%2Be'\
                 &$orderby=displayName%20desc&$search=%22displayName:Ad%22\
                 &$expand=manager($select%3Did)&$count=true&$skip=2&custom=1"
            )
        );
    }

    #[test]
    fn headers_and_bodies() {
        let request = RequestBuilder::<NoContent>::new(Method::Post, BASE, "/x", &[])
            .header("ConsistencyLevel", "eventual")
            .header("consistencylevel", "session")
            .header("If-Match", "W/\"1\"")
            .remove_header("if-match")
            .json(&serde_json::json!({"a": 1}))
            .build()
            .unwrap();
        assert_eq!(
            request.headers,
            [
                ("ConsistencyLevel".to_owned(), "session".to_owned()),
                ("Content-Type".to_owned(), "application/json".to_owned())
            ]
        );
        assert_eq!(request.body.as_deref(), Some(&b"{\"a\":1}"[..]));

        let request = RequestBuilder::<NoContent>::new(Method::Put, BASE, "/x", &[])
            .bytes(b"raw".to_vec())
            .header("content-type", "text/plain")
            .build()
            .unwrap();
        assert_eq!(
            request.headers,
            [("content-type".into(), "text/plain".into())]
        );
        assert_eq!(request.body.as_deref(), Some(&b"raw"[..]));
    }

    #[test]
    fn a_body_that_cannot_serialize_fails_at_build() {
        let map = std::collections::BTreeMap::from([((1, 2), 3)]);
        let err = RequestBuilder::<NoContent>::new(Method::Post, BASE, "/x", &[])
            .json(&map)
            .build()
            .unwrap_err();
        assert!(matches!(err, Error::Encode(_)), "{err}");
    }

    #[test]
    fn base_url_and_documented_options() {
        let builder = get("/me", &[])
            .base_url("https://graph.microsoft.us/v1.0/")
            .query_options(&[QueryOption::Select, QueryOption::Expand]);
        assert_eq!(builder.url(), "https://graph.microsoft.us/v1.0/me");
        assert_eq!(builder.method(), Method::Get);
        assert_eq!(
            builder.documented_query_options(),
            [QueryOption::Select, QueryOption::Expand]
        );
        assert_eq!(QueryOption::OrderBy.as_str(), "$orderby");
    }
}

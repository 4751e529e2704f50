//! Requests and responses, independent of any HTTP transport ("sans-IO").
//!
//! Generated route functions return a [`RequestBuilder<R>`]: the method, the URL
//! (the API version's base URL and the percent-encoded path), the documented
//! headers and the JSON body of one documented operation. Its type parameter `R`
//! (a [`ResponseKind`]) says what a successful response holds, so
//!
//! 1. [`RequestBuilder::build`] gives a plain [`Request`] value (method, URL,
//!    headers, body bytes) for whatever HTTP client you use, and
//! 2. `R::parse` turns the plain [`Response`] you got back into the typed result:
//!    an entity ([`Json`]), an operation result ([`Wrapped`]), a page of a
//!    collection ([`Collection`], giving a [`CollectionPage`]), nothing
//!    ([`NoContent`]) or raw bytes ([`Bytes`]); or into an [`Error`], a typed
//!    [`GraphError`] for Graph's `{"error": {...}}` bodies.
//!
//! ```
//! use graphdoc_runtime::http::{Json, Method, RequestBuilder, Response, ResponseKind};
//!
//! // What a generated route function does:
//! let builder: RequestBuilder<Json<serde_json::Value>> = RequestBuilder::new(
//!     Method::Get,
//!     "https://graph.microsoft.com/v1.0",
//!     "/users/{}",
//!     &["adele@contoso.com"],
//! );
//! let request = builder.select(&["id", "displayName"]).build().unwrap();
//! assert_eq!(
//!     request.url,
//!     "https://graph.microsoft.com/v1.0/users/adele@contoso.com?$select=id,displayName"
//! );
//!
//! // ... send it with any client, then:
//! let response = Response::new(200).with_body(r#"{"id": "1", "displayName": "Adele"}"#);
//! let user = Json::<serde_json::Value>::parse(response).unwrap();
//! assert_eq!(user["displayName"], "Adele");
//! ```
//!
//! The optional blocking client (feature `client`) executes builders, follows
//! `@odata.nextLink` and retries throttled requests: see `crate::client`.

use std::fmt;
use std::time::{Duration, SystemTime};

pub mod batch;
mod builder;
mod error;
pub mod hosts;
pub mod policy;
mod response;

pub use builder::{QueryOption, RequestBuilder};
pub use error::{Error, ErrorDetail, GraphError, InnerError};
pub use response::{Bytes, Collection, CollectionPage, Json, NoContent, ResponseKind, Wrapped};

/// The service root without a version: what `Client::host` replaces.
pub const GRAPH_HOST: &str = "https://graph.microsoft.com";

/// The HTTP methods Graph documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Method {
    /// `GET`
    Get,
    /// `POST`
    Post,
    /// `PUT`
    Put,
    /// `PATCH`
    Patch,
    /// `DELETE`
    Delete,
}

impl Method {
    /// The method as sent: `GET`, `POST`, ...
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }

    /// Whether requests with this method carry a body (an empty one when there is
    /// nothing to send: Graph answers `411 Length Required` to a `POST` without
    /// `Content-Length`).
    pub fn has_body(self) -> bool {
        matches!(self, Method::Post | Method::Put | Method::Patch)
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Finds a header by name, case-insensitively (HTTP header names are).
fn find_header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// A request, ready for any HTTP transport. Its `Debug` form never shows
/// an `Authorization` value.
#[derive(Clone, PartialEq, Eq)]
pub struct Request {
    /// The method.
    pub method: Method,
    /// The absolute URL, path and query percent-encoded.
    pub url: String,
    /// Headers in the order set, names as written. `Authorization` is the
    /// transport's business and is not set here.
    pub headers: Vec<(String, String)>,
    /// The body, with its `Content-Type` among the headers; `None` for none.
    pub body: Option<Vec<u8>>,
}

/// Header values `Debug` forms never show.
fn secret(name: &str) -> bool {
    ["authorization", "proxy-authorization", "cookie"]
        .iter()
        .any(|s| name.eq_ignore_ascii_case(s))
}

impl fmt::Debug for Request {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let headers: Vec<(&str, &str)> = self
            .headers
            .iter()
            .map(|(n, v)| {
                (
                    n.as_str(),
                    if secret(n) { "[redacted]" } else { v.as_str() },
                )
            })
            .collect();
        f.debug_struct("Request")
            .field("method", &self.method)
            .field("url", &self.url)
            .field("headers", &headers)
            .field("body", &self.body.as_ref().map(|b| b.len()))
            .finish()
    }
}

impl Request {
    /// The value of a header, by case-insensitive name.
    pub fn header(&self, name: &str) -> Option<&str> {
        find_header(&self.headers, name)
    }

    /// The URL's path and query: what follows the host.
    pub fn path_and_query(&self) -> &str {
        let after_scheme = self.url.find("://").map_or(0, |i| i + 3);
        self.url[after_scheme..]
            .find('/')
            .map_or("/", |i| &self.url[after_scheme + i..])
    }
}

/// A response, as any HTTP transport received it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Response {
    /// The status code.
    pub status: u16,
    /// Headers as received.
    pub headers: Vec<(String, String)>,
    /// The body bytes (empty for none).
    pub body: Vec<u8>,
}

impl Response {
    /// A response with this status, no headers and an empty body.
    pub fn new(status: u16) -> Self {
        Self {
            status,
            headers: Vec::new(),
            body: Vec::new(),
        }
    }

    /// A JSON response: the value serialized, with `Content-Type: application/json`.
    pub fn json(status: u16, value: &serde_json::Value) -> Self {
        Self::new(status)
            .with_header("Content-Type", "application/json")
            .with_body(value.to_string())
    }

    /// Adds a header.
    pub fn with_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// Replaces the body.
    pub fn with_body(mut self, body: impl Into<Vec<u8>>) -> Self {
        self.body = body.into();
        self
    }

    /// The value of a header, by case-insensitive name.
    pub fn header(&self, name: &str) -> Option<&str> {
        find_header(&self.headers, name)
    }

    /// Whether the status is 2xx.
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }

    /// How long the server asks to wait before retrying (`Retry-After`, in
    /// seconds or as an HTTP date), as Graph sends with `429` and `503`.
    pub fn retry_after(&self) -> Option<Duration> {
        let value = self.header("Retry-After")?.trim();
        if let Ok(seconds) = value.parse::<u64>() {
            return Some(Duration::from_secs(seconds));
        }
        let date = chrono::DateTime::parse_from_rfc2822(value).ok()?;
        let at = SystemTime::UNIX_EPOCH
            + Duration::from_secs(u64::try_from(date.timestamp()).unwrap_or(0));
        Some(
            at.duration_since(SystemTime::now())
                .unwrap_or(Duration::ZERO),
        )
    }

    /// `Ok(self)` for a 2xx response, else the error it carries: a [`GraphError`]
    /// when the body is Graph's `{"error": {...}}`, else the status and body.
    pub fn error_for_status(self) -> Result<Self, Error> {
        if self.is_success() {
            return Ok(self);
        }
        #[derive(serde::Deserialize)]
        struct Envelope {
            error: GraphError,
        }
        match serde_json::from_slice::<Envelope>(&self.body) {
            Ok(envelope) => Err(Error::Graph {
                status: self.status,
                error: Box::new(envelope.error),
            }),
            Err(_) => Err(Error::Status {
                status: self.status,
                body: self.body,
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_case_insensitive() {
        let r = Response::new(200).with_header("content-type", "application/json");
        assert_eq!(r.header("Content-Type"), Some("application/json"));
        assert_eq!(r.header("Accept"), None);
    }

    #[test]
    fn retry_after_in_seconds_or_as_a_date() {
        let r = |v: &str| Response::new(429).with_header("Retry-After", v);
        assert_eq!(r("7").retry_after(), Some(Duration::from_secs(7)));
        assert_eq!(r(" 0 ").retry_after(), Some(Duration::ZERO));
        // A date in the past means "now".
        assert_eq!(
            r("Sun, 06 Nov 1994 08:49:37 GMT").retry_after(),
            Some(Duration::ZERO)
        );
        let later = r("Fri, 01 Jan 2100 00:00:00 GMT").retry_after().unwrap();
        assert!(later > Duration::from_secs(3600 * 24 * 365));
        assert_eq!(r("soon").retry_after(), None);
        assert_eq!(Response::new(429).retry_after(), None);
    }

    #[test]
    fn path_and_query() {
        let request = Request {
            method: Method::Get,
            url: "https://graph.microsoft.com/v1.0/me?$top=1".into(),
            headers: Vec::new(),
            body: None,
        };
        assert_eq!(request.path_and_query(), "/v1.0/me?$top=1");
        assert_eq!(Method::Patch.to_string(), "PATCH");
        assert!(Method::Post.has_body() && !Method::Delete.has_body());
    }

    #[test]
    fn error_bodies_become_graph_errors() {
        let body = serde_json::json!({"error": {
            "code": "Request_ResourceNotFound",
            "message": "Resource 'x' does not exist.",
            "innerError": {"date": "2024-01-01T00:00:00", "request-id": "r1", "client-request-id": "c1"}
        }});
        let err = Response::json(404, &body).error_for_status().unwrap_err();
        let graph = err.graph_error().expect("a Graph error");
        assert_eq!(graph.code, "Request_ResourceNotFound");
        assert_eq!(
            graph.inner_error.as_ref().unwrap().request_id.as_deref(),
            Some("r1")
        );
        assert_eq!(err.status(), Some(404));
        assert_eq!(
            err.to_string(),
            "Graph error (HTTP 404): Request_ResourceNotFound: Resource 'x' does not exist."
        );

        let err = Response::new(502)
            .with_body("Bad gateway")
            .error_for_status()
            .unwrap_err();
        assert!(matches!(err, Error::Status { status: 502, .. }));
        assert_eq!(err.to_string(), "HTTP 502: Bad gateway");
        assert!(Response::new(204).error_for_status().is_ok());
    }
}

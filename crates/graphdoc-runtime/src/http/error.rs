//! Errors: Graph's own error bodies, and everything else that can fail.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Graph's error body, the `error` member of `{"error": {...}}`.
///
/// Members these bindings do not know are kept in `additional`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct GraphError {
    /// A machine-readable code, e.g. `Request_ResourceNotFound`, `InvalidAuthenticationToken`.
    #[serde(default)]
    pub code: String,
    /// A message for developers.
    #[serde(default)]
    pub message: String,
    /// What the error is about, when Graph says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    /// More specific errors.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub details: Vec<ErrorDetail>,
    /// Diagnostics: request id, date, and sometimes a more specific code.
    #[serde(
        rename = "innerError",
        alias = "innererror",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub inner_error: Option<InnerError>,
    /// Members not listed above, verbatim.
    #[serde(flatten)]
    pub additional: BTreeMap<String, Value>,
}

impl fmt::Display for GraphError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code, self.message)
    }
}

/// One of a [`GraphError`]'s `details`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ErrorDetail {
    /// A machine-readable code.
    #[serde(default)]
    pub code: String,
    /// A message for developers.
    #[serde(default)]
    pub message: String,
    /// What the detail is about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    /// Members not listed above, verbatim.
    #[serde(flatten)]
    pub additional: BTreeMap<String, Value>,
}

/// A [`GraphError`]'s `innerError`: what to quote to Microsoft support.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct InnerError {
    /// A more specific code, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// When the error happened, as Graph wrote it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Graph's id of the request.
    #[serde(
        rename = "request-id",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub request_id: Option<String>,
    /// The `client-request-id` the request sent, echoed.
    #[serde(
        rename = "client-request-id",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub client_request_id: Option<String>,
    /// A nested, still more specific error.
    #[serde(
        rename = "innerError",
        alias = "innererror",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub inner_error: Option<Box<InnerError>>,
    /// Members not listed above, verbatim.
    #[serde(flatten)]
    pub additional: BTreeMap<String, Value>,
}

/// Everything that can go wrong with a request.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Graph answered with an error status and its error body.
    #[error("Graph error (HTTP {status}): {error}")]
    Graph {
        /// The status code.
        status: u16,
        /// The `error` member of the body.
        error: Box<GraphError>,
    },
    /// An error status without Graph's error body (a proxy's page, an empty body).
    #[error("HTTP {status}: {}", String::from_utf8_lossy(body))]
    Status {
        /// The status code.
        status: u16,
        /// The body as received.
        body: Vec<u8>,
    },
    /// The request body could not be serialized to JSON.
    #[error("cannot serialize the request body: {0}")]
    Encode(#[source] serde_json::Error),
    /// A successful response whose body is not what the operation documents.
    #[error("cannot read the response (HTTP {status}): {source}")]
    Decode {
        /// The status code.
        status: u16,
        /// Why.
        #[source]
        source: serde_json::Error,
    },
    /// The transport failed: connection, TLS, timeout, an invalid URL.
    #[error("transport: {0}")]
    Transport(#[source] Box<dyn std::error::Error + Send + Sync>),
    /// A page's `@odata.nextLink` points to another host than the page's:
    /// not followed (it would carry the request's headers there).
    #[error("refusing to follow an @odata.nextLink to another host than `{expected}`: {url}")]
    ForeignNextLink {
        /// The next link.
        url: String,
        /// The page's host.
        expected: String,
    },
    /// A `$batch` that cannot be built (too many requests, several version
    /// roots) or whose answer lacks a request's response.
    #[error("batch: {0}")]
    Batch(String),
}

impl Error {
    /// The response's status, for errors that come from a response.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Graph { status, .. }
            | Error::Status { status, .. }
            | Error::Decode { status, .. } => Some(*status),
            Error::Encode(_)
            | Error::Transport(_)
            | Error::ForeignNextLink { .. }
            | Error::Batch(_) => None,
        }
    }

    /// Graph's error body, for [`Error::Graph`].
    pub fn graph_error(&self) -> Option<&GraphError> {
        match self {
            Error::Graph { error, .. } => Some(error),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn unknown_members_are_kept_and_written_back() {
        let body = json!({
            "code": "badRequest",
            "message": "Invalid filter clause",
            "target": "$filter",
            "details": [{"code": "x", "message": "y", "extra": 1}],
            "innererror": {
                "date": "2024-01-01T00:00:00",
                "request-id": "r",
                "innerError": {"code": "deeper"},
                "odata.type": "z"
            },
            "newMember": true
        });
        let error: GraphError = serde_json::from_value(body).unwrap();
        assert_eq!(error.target.as_deref(), Some("$filter"));
        assert_eq!(error.details[0].additional["extra"], json!(1));
        let inner = error.inner_error.as_ref().unwrap();
        assert_eq!(
            inner.inner_error.as_ref().unwrap().code.as_deref(),
            Some("deeper")
        );
        assert_eq!(inner.additional["odata.type"], json!("z"));
        assert_eq!(error.additional["newMember"], json!(true));
        assert_eq!(error.to_string(), "badRequest: Invalid filter clause");
        let back = serde_json::to_value(&error).unwrap();
        assert_eq!(back["innerError"]["request-id"], json!("r"));
        assert_eq!(back["newMember"], json!(true));
    }

    #[test]
    fn a_minimal_error_reads() {
        let error: GraphError = serde_json::from_value(json!({})).unwrap();
        assert_eq!(error, GraphError::default());
    }
}

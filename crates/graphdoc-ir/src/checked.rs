//! Examples checked against the merged model: what `graphdoc-lint` hands to
//! the emitter, one generated test per example.

use serde::{Deserialize, Serialize};

use crate::{Body, HttpMethod};

/// One documented request/response example, checked against the model of
/// its API version, with placeholders replaced by typed samples.
///
/// An example whose bodies cannot be typed is kept, with the reason in
/// [`CheckedExample::ignore`] (its test is emitted `#[ignore = "reason"]`),
/// never dropped; a diagnostic says where the defect is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CheckedExample {
    /// Unique within the version: the example's name, with `-2`, `-3`, ...
    /// for repeats (in operation id, then document order), or
    /// `{operation}-example-{n}` (1-based) for an unnamed example.
    pub id: String,
    /// The annotation's `name`, as documented.
    pub name: Option<String>,
    /// The id of the operation the example exercises.
    pub operation: String,
    /// Absent for a response without a request (then `ignore` says so).
    pub request: Option<CheckedRequest>,
    /// Absent for a request without a response (then `ignore` says so).
    pub response: Option<CheckedResponse>,
    /// Why the example cannot be a passing test, if it cannot.
    pub ignore: Option<String>,
}

/// A checked example request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CheckedRequest {
    pub method: HttpMethod,
    /// The path as documented, relative to the version root (host and
    /// `/v1.0` or `/beta` removed), starting with `/`, not decoded.
    pub path: String,
    /// The query string as documented, without the `?`.
    pub query: Option<String>,
    /// The operation's path template the path matches, if any.
    pub route: Option<RouteMatch>,
    /// Headers as documented.
    pub headers: Vec<(String, String)>,
    /// What the body was checked against (`None`: untyped, or no body).
    pub body_type: Option<BodyType>,
    /// The body, normalized (see [`CheckedResponse::body`]).
    pub body: Option<Body>,
    pub source: SourceLine,
}

/// A path template and the values its placeholders take in an example URL.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RouteMatch {
    /// The template's text, as in [`crate::PathTemplate::template`].
    pub template: String,
    /// `(placeholder name, value as written in the URL)`, in template order.
    pub args: Vec<(String, String)>,
    /// OData segments the URL appends to the template, which routes do not
    /// build: `$count`, a type cast (`microsoft.graph.group`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub suffix: Vec<String>,
}

/// What a request body was checked against.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum BodyType {
    /// A model type or an Edm primitive.
    Type(ResolvedType),
    /// An action's parameters object (the page's Request body table).
    Parameters,
}

/// A type of the model (qualified name, e.g. `microsoft.graph.user`) or an
/// Edm primitive (`Edm.Int32`), possibly a collection of it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ResolvedType {
    pub name: String,
    pub collection: bool,
}

/// A checked example response.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CheckedResponse {
    pub status: u16,
    /// What the body was checked against: the page's response type, else the
    /// example annotation's `@odata.type`; `None` when neither names a type
    /// of the model.
    pub ty: Option<ResolvedType>,
    /// The example is marked `"truncated": true` (not every property shown).
    pub truncated: bool,
    /// Headers as documented.
    pub headers: Vec<(String, String)>,
    /// The body in its wire form, normalized: placeholders replaced by
    /// typed samples, a single entity or complex value unwrapped from a
    /// `{"value": ...}` wrapper. A collection stays `{"value": [...], ...}`;
    /// a primitive result stays as documented, bare or wrapped. A body that
    /// is not JSON stays [`Body::Raw`].
    pub body: Option<Body>,
    pub source: SourceLine,
}

/// Where something is in the docs: file path and 1-based line.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct SourceLine {
    pub file: String,
    pub line: u32,
}

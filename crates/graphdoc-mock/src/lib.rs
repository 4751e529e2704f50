//! A mock of Microsoft Graph made from its docs: an HTTP server that answers
//! every documented route with its documented example.
//!
//! [`MockGraph`] is built from merged models ([`graphdoc_ir::ApiModel`], one
//! per API version). It serves `/{version}/...` (`/v1.0/users/42`) and
//! decides each answer in one sans-IO function ([`MockGraph::answer`]):
//!
//! - the request path is matched against the documented path templates with
//!   any ids ([`PathTemplate::matches`](graphdoc_ir::PathTemplate::matches)),
//!   the most specific template winning
//!   ([`PathTemplate::specificity`](graphdoc_ir::PathTemplate::specificity));
//! - a documented route answers with a documented example of its operation
//!   (status, headers, body; the one documenting that very path and query
//!   if there is one), placeholders normalised to typed samples as the
//!   generated example tests have them (`graphdoc_lint`'s checked examples);
//! - `$top`, `$skip`, `$skiptoken`, `$count` and `$select` shape a JSON body
//!   (a `$top` page gets an `@odata.nextLink` back to the mock);
//! - `POST /{version}/$batch` answers each request of a JSON batch;
//! - an undocumented path gets `404`, an undocumented method on a documented
//!   path `405` (with `Allow`), a malformed JSON body `400`, a documented
//!   route without a documented answer `501`; each with a Graph error body
//!   `{"error": {"code": ..., "message": ...}}`.
//!
//! [`MockGraph::serve`] runs it on a tokio runtime in a thread of its own
//! (so from sync and async tests alike), logging a line per request, until
//! the returned [`MockServer`] is stopped or dropped:
//!
//! ```no_run
//! # let model: graphdoc_ir::ApiModel = unimplemented!();
//! let server = graphdoc_mock::MockGraph::from_model(&model).serve("127.0.0.1:0")?;
//! // e.g. Client::new().host(server.url()) sends route builders to it.
//! println!("mock Graph at {}", server.url());
//! server.stop();
//! # Ok::<(), graphdoc_mock::Error>(())
//! ```

#![forbid(unsafe_code)]

use graphdoc_ir::{ApiModel, Body, HttpMethod};
use graphdoc_runtime::Response;
use serde_json::{Value, json};

mod query;
mod server;
mod table;

pub use server::{Logged, MockServer};

use table::{Match, VersionTable};

/// What can go wrong starting the server.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The address does not resolve or cannot be bound.
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        addr: String,
        source: std::io::Error,
    },
    /// The server's thread or runtime could not start.
    #[error("cannot start the server: {0}")]
    Start(std::io::Error),
}

/// The mock: documented routes and examples of one or more API versions.
#[derive(Debug)]
pub struct MockGraph {
    versions: Vec<VersionTable>,
    quiet: bool,
}

/// A request as the mock reads it.
#[derive(Debug, Clone, Copy)]
pub struct MockRequest<'a> {
    /// `GET`, `POST`, ... (any case).
    pub method: &'a str,
    /// The path and query, as sent: `/v1.0/users/42?$select=id`.
    pub target: &'a str,
    /// How the client reached the mock (`http://127.0.0.1:8787`), for the
    /// next links it writes.
    pub origin: &'a str,
    /// The headers, names in any case.
    pub headers: &'a [(String, String)],
    /// The body (empty for none).
    pub body: &'a [u8],
}

/// The mock's answer to a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    pub response: Response,
    /// The documented path template the request matched, if any.
    pub template: Option<String>,
}

impl MockGraph {
    /// A mock of one API version: its routes, and its examples as the lint
    /// checks them.
    pub fn from_model(model: &ApiModel) -> Self {
        Self::from_models(std::slice::from_ref(model))
    }

    /// A mock of several API versions, each under its own root (`/v1.0`,
    /// `/beta`). A version given twice is served from the first.
    pub fn from_models(models: &[ApiModel]) -> Self {
        let versions = models
            .iter()
            .map(|model| {
                let report = graphdoc_lint::Linter::new(model).run();
                VersionTable::new(model, &report.examples)
            })
            .collect();
        Self {
            versions,
            quiet: false,
        }
    }

    /// Whether the server logs nothing (default: a line per request on
    /// standard error). [`MockServer::requests`] records them either way.
    pub fn quiet(mut self, yes: bool) -> Self {
        self.quiet = yes;
        self
    }

    /// What the mock serves, one line per version: `v1.0: 3712 routes, 4033 examples`.
    pub fn summary(&self) -> String {
        self.versions
            .iter()
            .map(|v| {
                let examples: usize = v.operations.iter().map(|o| o.examples.len()).sum();
                format!("{}: {} routes, {examples} examples", v.version, v.routes())
            })
            .collect::<Vec<_>>()
            .join("; ")
    }

    /// Starts serving on `addr` (`127.0.0.1:0` for a free port) in a thread
    /// of its own, until the returned server is stopped or dropped.
    pub fn serve(
        self,
        addr: impl std::net::ToSocketAddrs + std::fmt::Display,
    ) -> Result<MockServer, Error> {
        server::start(self, addr)
    }

    /// The answer to a request: see the crate docs for the rules.
    pub fn answer(&self, request: &MockRequest<'_>) -> Answer {
        let (path, raw_query) = request
            .target
            .split_once('?')
            .unwrap_or((request.target, ""));
        let Some((version, rest)) = self.version_of(path) else {
            let roots: Vec<String> = self
                .versions
                .iter()
                .map(|v| format!("/{}", v.version))
                .collect();
            return not_found(format!(
                "No documented path matches '{path}': the mock serves {}.",
                roots.join(", ")
            ));
        };
        let method = HttpMethod::parse(request.method);
        if method == Some(HttpMethod::Post) && rest.eq_ignore_ascii_case("/$batch") {
            return self.batch(request, path);
        }
        let (template, operations, allowed) = match version.lookup(method, rest) {
            Match::None => {
                return not_found(format!(
                    "No documented path of {} matches '{rest}'.",
                    version.version
                ));
            }
            Match::Found {
                template,
                operations,
                allowed,
            } => (template, operations, allowed),
        };
        let Some(&operation) = operations.first() else {
            let allowed: Vec<&str> = allowed.iter().map(|m| m.as_str()).collect();
            return Answer {
                response: error(
                    405,
                    "MethodNotAllowed",
                    &format!(
                        "{} is not documented for '{template}' (documented: {}).",
                        request.method.to_ascii_uppercase(),
                        allowed.join(", ")
                    ),
                )
                .with_header("Allow", allowed.join(", ")),
                template: Some(template.to_owned()),
            };
        };
        let template = Some(template.to_owned());
        let json_request = operations.iter().any(|op| op.json_request);
        if let Some(problem) = malformed_json(json_request, request) {
            return Answer {
                response: error(
                    400,
                    "BadRequest",
                    &format!("The request body is not valid JSON: {problem}."),
                ),
                template,
            };
        }
        let query = query::pairs(raw_query);
        let Some(example) = table::pick(
            &operations,
            rest,
            &query,
            template.as_deref().unwrap_or_default(),
        ) else {
            let response = if operation.no_content {
                Response::new(204)
            } else {
                error(
                    501,
                    "NotImplemented",
                    &format!(
                        "Operation '{}' documents no example response to answer with.",
                        operation.id
                    ),
                )
            };
            return Answer { response, template };
        };
        let mut response = Response::new(example.status);
        for (name, value) in &example.headers {
            if !HOP_BY_HOP.iter().any(|h| h.eq_ignore_ascii_case(name)) {
                response = response.with_header(name.clone(), value.clone());
            }
        }
        match &example.body {
            Some(Body::Json(documented)) => {
                let mut body = documented.clone();
                let here = query::Here {
                    origin: request.origin,
                    path,
                    raw_query,
                };
                query::shape(&mut body, &query, &here);
                if response.header("Content-Type").is_none() {
                    response = response.with_header("Content-Type", "application/json");
                }
                response.body = body.to_string().into_bytes();
            }
            Some(Body::Raw(text)) => response.body = text.clone().into_bytes(),
            None => {}
        }
        Answer { response, template }
    }

    /// The version a path's first segment names, and the rest of the path.
    fn version_of<'p>(&self, path: &'p str) -> Option<(&VersionTable, &'p str)> {
        let trimmed = path.strip_prefix('/')?;
        let (root, rest) = match trimmed.find('/') {
            Some(i) => (&trimmed[..i], &trimmed[i..]),
            None => (trimmed, "/"),
        };
        let version = self
            .versions
            .iter()
            .find(|v| v.version.as_str().eq_ignore_ascii_case(root))?;
        Some((version, rest))
    }

    /// A JSON batch: each request answered as if sent alone.
    fn batch(&self, request: &MockRequest<'_>, path: &str) -> Answer {
        let template = Some("/$batch".to_owned());
        let bad = |message: String| Answer {
            response: error(400, "BadRequest", &message),
            template: template.clone(),
        };
        let batch: Value = match serde_json::from_slice(request.body) {
            Ok(batch) => batch,
            Err(err) => return bad(format!("The request body is not valid JSON: {err}.")),
        };
        let Some(parts) = batch.get("requests").and_then(Value::as_array) else {
            return bad("A batch needs a 'requests' array.".to_owned());
        };
        if parts.len() > 20 {
            return bad(format!(
                "A batch holds at most 20 requests, not {}.",
                parts.len()
            ));
        }
        let root = path.strip_suffix("/$batch").unwrap_or(path);
        let mut responses = Vec::with_capacity(parts.len());
        for part in parts {
            let text = |key: &str| part.get(key).and_then(Value::as_str).unwrap_or_default();
            let headers: Vec<(String, String)> = part
                .get("headers")
                .and_then(Value::as_object)
                .into_iter()
                .flatten()
                .map(|(n, v)| (n.clone(), v.as_str().unwrap_or_default().to_owned()))
                .collect();
            let body = match part.get("body") {
                None | Some(Value::Null) => Vec::new(),
                Some(value) => value.to_string().into_bytes(),
            };
            let url = text("url");
            let target = format!("{root}/{}", url.trim_start_matches('/'));
            let answer = self.answer(&MockRequest {
                method: text("method"),
                target: &target,
                origin: request.origin,
                headers: &headers,
                body: &body,
            });
            let response = answer.response;
            let headers: serde_json::Map<String, Value> = response
                .headers
                .iter()
                .map(|(n, v)| (n.clone(), Value::String(v.clone())))
                .collect();
            let body = match serde_json::from_slice::<Value>(&response.body) {
                _ if response.body.is_empty() => Value::Null,
                Ok(value) => value,
                Err(_) => Value::String(String::from_utf8_lossy(&response.body).into_owned()),
            };
            let mut entry =
                json!({"id": text("id"), "status": response.status, "headers": headers});
            if !body.is_null() {
                entry["body"] = body;
            }
            responses.push(entry);
        }
        Answer {
            response: Response::json(200, &json!({ "responses": responses })),
            template,
        }
    }
}

/// Documented headers that describe the documented message, not the answer.
const HOP_BY_HOP: &[&str] = &["content-length", "transfer-encoding", "connection"];

/// Why a request's body is not the JSON its operation takes, if it is not:
/// a non-empty body that says it is JSON (or says nothing, to an operation
/// taking JSON) and does not parse.
fn malformed_json(json_request: bool, request: &MockRequest<'_>) -> Option<String> {
    if request.body.iter().all(u8::is_ascii_whitespace) {
        return None;
    }
    let content_type = request
        .headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("Content-Type"))
        .map(|(_, v)| v.to_ascii_lowercase());
    let json = content_type.map_or(json_request, |t| t.contains("json"));
    if !json {
        return None;
    }
    serde_json::from_slice::<Value>(request.body)
        .err()
        .map(|err| err.to_string())
}

fn not_found(message: String) -> Answer {
    Answer {
        response: error(404, "ResourceNotFound", &message),
        template: None,
    }
}

/// A response with Graph's error body.
fn error(status: u16, code: &str, message: &str) -> Response {
    Response::json(
        status,
        &json!({"error": {"code": code, "message": message}}),
    )
}

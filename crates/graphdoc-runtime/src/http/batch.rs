//! JSON batching (`$batch`): up to 20 requests in one, sans-IO.
//!
//! A [`Batch`] turns requests of one API version into the single `POST
//! {version root}/$batch` request Graph documents, and splits the batch's
//! response back into one plain [`Response`] per request, in the order they
//! were added (Graph answers in any order), for each route's response kind
//! to parse ([`BatchItem::parse`]).
//!
//! ```
//! use graphdoc_runtime::http::batch::Batch;
//! use graphdoc_runtime::http::{Json, Method, RequestBuilder, Response};
//!
//! let base = "https://graph.microsoft.com/v1.0";
//! let mut batch = Batch::new();
//! let me = batch.add(RequestBuilder::<Json<serde_json::Value>>::new(Method::Get, base, "/me", &[]))?;
//! let request = batch.build()?;
//! assert_eq!(request.url, "https://graph.microsoft.com/v1.0/$batch");
//!
//! // ... send it with any client, then:
//! let answer = Response::json(200, &serde_json::json!({"responses": [
//!     {"id": "1", "status": 200, "headers": {"Content-Type": "application/json"}, "body": {"id": "me"}}
//! ]}));
//! let responses = batch.responses(answer)?;
//! assert_eq!(me.parse(&responses)?["id"], "me");
//! # Ok::<(), graphdoc_runtime::http::Error>(())
//! ```
//!
//! A throttled request inside a batch comes back as its own `429`: the
//! clients' retries apply to the batch request, not to its parts.

use std::collections::BTreeMap;
use std::marker::PhantomData;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{Error, Method, Request, RequestBuilder, Response, ResponseKind};
use crate::model::Base64Bytes;

/// At most this many requests in one batch (Graph's limit).
pub const MAX_REQUESTS: usize = 20;

/// Requests of one API version, to be sent as one `$batch` request.
#[derive(Debug, Clone, Default)]
pub struct Batch {
    /// The version root the requests share (`https://graph.microsoft.com/v1.0`).
    root: Option<String>,
    requests: Vec<Request>,
}

/// A request of a batch: which response is its own, and how it parses.
#[derive(Debug)]
pub struct BatchItem<R> {
    index: usize,
    kind: PhantomData<fn() -> R>,
}

impl<R: ResponseKind> BatchItem<R> {
    /// Its position in the batch (from 0), and in [`Batch::responses`].
    pub fn index(&self) -> usize {
        self.index
    }

    /// Its response, among the batch's, parsed by the route's response kind.
    pub fn parse(&self, responses: &[Response]) -> Result<R::Output, Error> {
        let response = responses
            .get(self.index)
            .cloned()
            .ok_or_else(|| Error::Batch(format!("no response for request {}", self.index + 1)))?;
        R::parse(response)
    }
}

/// One request of a batch, as Graph reads it.
#[derive(Serialize)]
struct Part<'a> {
    id: String,
    method: &'static str,
    url: &'a str,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    headers: BTreeMap<&'a str, &'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    body: Option<Value>,
}

/// One response of a batch, as Graph writes it.
#[derive(Deserialize)]
struct PartResponse {
    id: String,
    status: u16,
    #[serde(default)]
    headers: BTreeMap<String, String>,
    #[serde(default)]
    body: Option<Value>,
}

#[derive(Deserialize)]
struct Responses {
    responses: Vec<PartResponse>,
}

/// The version root of a URL (`https://host/v1.0`) and the rest (`/me?$x=1`).
fn split_root(url: &str) -> Option<(&str, &str)> {
    let after_scheme = url.find("://")? + 3;
    let path = after_scheme + url[after_scheme..].find('/')?;
    let rest = path
        + 1
        + url[path + 1..]
            .find(['/', '?'])
            .unwrap_or(url.len() - path - 1);
    let (root, rest) = url.split_at(rest);
    Some((root, if rest.is_empty() { "/" } else { rest }))
}

fn is_json(content_type: Option<&str>) -> bool {
    content_type.is_none_or(|t| t.to_ascii_lowercase().contains("json"))
}

impl Batch {
    /// An empty batch.
    pub fn new() -> Self {
        Self::default()
    }

    /// The number of requests added.
    pub fn len(&self) -> usize {
        self.requests.len()
    }

    /// Whether no request was added.
    pub fn is_empty(&self) -> bool {
        self.requests.is_empty()
    }

    /// Adds a route's request; its response parses with the item returned.
    pub fn add<R: ResponseKind>(
        &mut self,
        builder: RequestBuilder<R>,
    ) -> Result<BatchItem<R>, Error> {
        let index = self.push(builder.build()?)?;
        Ok(BatchItem {
            index,
            kind: PhantomData,
        })
    }

    /// Adds a plain request and returns its position. Fails past
    /// [`MAX_REQUESTS`] and for a request to another version root than the
    /// first's (a batch goes to one).
    pub fn push(&mut self, request: Request) -> Result<usize, Error> {
        if self.requests.len() == MAX_REQUESTS {
            return Err(Error::Batch(format!(
                "a batch holds at most {MAX_REQUESTS} requests"
            )));
        }
        let (root, _) = split_root(&request.url)
            .ok_or_else(|| Error::Batch(format!("no version root in `{}`", request.url)))?;
        match &self.root {
            Some(first) if !first.eq_ignore_ascii_case(root) => {
                return Err(Error::Batch(format!(
                    "`{}` is not below `{first}`, where the batch goes",
                    request.url
                )));
            }
            Some(_) => {}
            None => self.root = Some(root.to_owned()),
        }
        self.requests.push(request);
        Ok(self.requests.len() - 1)
    }

    /// The `POST {root}/$batch` request: each request by id (`"1"`, `"2"`,
    /// ... in the order added), its URL relative to the version root, its
    /// headers, and its body as JSON (or base64 for other content types).
    pub fn build(&self) -> Result<Request, Error> {
        let root = self
            .root
            .as_deref()
            .ok_or_else(|| Error::Batch("an empty batch".to_owned()))?;
        let mut parts = Vec::with_capacity(self.requests.len());
        for (i, request) in self.requests.iter().enumerate() {
            let (_, url) = split_root(&request.url).expect("checked when pushed");
            let body = match &request.body {
                None => None,
                Some(bytes) if is_json(request.header("Content-Type")) => {
                    Some(serde_json::from_slice(bytes).map_err(Error::Encode)?)
                }
                Some(bytes) => Some(Value::String(
                    Base64Bytes::from(bytes.as_slice()).to_string(),
                )),
            };
            let mut headers: BTreeMap<&str, &str> = request
                .headers
                .iter()
                .map(|(n, v)| (n.as_str(), v.as_str()))
                .collect();
            if body.is_some() && request.header("Content-Type").is_none() {
                headers.insert("Content-Type", "application/json");
            }
            parts.push(Part {
                id: (i + 1).to_string(),
                method: request.method.as_str(),
                url,
                headers,
                body,
            });
        }
        let body =
            serde_json::to_vec(&serde_json::json!({ "requests": parts })).map_err(Error::Encode)?;
        Ok(Request {
            method: Method::Post,
            url: format!("{root}/$batch"),
            headers: vec![("Content-Type".to_owned(), "application/json".to_owned())],
            body: Some(body),
        })
    }

    /// The batch's response split into each request's, in the order they
    /// were added. A JSON body is written back as JSON bytes, a base64 one
    /// (other content types) decoded.
    pub fn responses(&self, response: Response) -> Result<Vec<Response>, Error> {
        let response = response.error_for_status()?;
        let status = response.status;
        let parsed: Responses = serde_json::from_slice(&response.body)
            .map_err(|source| Error::Decode { status, source })?;
        let mut by_id: BTreeMap<String, PartResponse> = parsed
            .responses
            .into_iter()
            .map(|r| (r.id.clone(), r))
            .collect();
        (1..=self.requests.len())
            .map(|id| {
                let part = by_id
                    .remove(&id.to_string())
                    .ok_or_else(|| Error::Batch(format!("no response for request {id}")))?;
                let content_type = part
                    .headers
                    .iter()
                    .find(|(n, _)| n.eq_ignore_ascii_case("Content-Type"))
                    .map(|(_, v)| v.as_str());
                let body = match part.body {
                    None => Vec::new(),
                    Some(Value::String(text)) if !is_json(content_type) => {
                        match text.parse::<Base64Bytes>() {
                            Ok(bytes) => bytes.into_bytes(),
                            Err(_) => text.into_bytes(),
                        }
                    }
                    Some(value) => serde_json::to_vec(&value).map_err(Error::Encode)?,
                };
                Ok(Response {
                    status: part.status,
                    headers: part.headers.into_iter().collect(),
                    body,
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::{Json, NoContent};
    use serde_json::json;

    const BASE: &str = "https://graph.microsoft.com/v1.0";

    #[test]
    fn splits_version_roots() {
        assert_eq!(
            split_root("https://graph.microsoft.com/v1.0/me/events?$top=1"),
            Some(("https://graph.microsoft.com/v1.0", "/me/events?$top=1"))
        );
        assert_eq!(
            split_root("http://127.0.0.1:8/beta?$x=1"),
            Some(("http://127.0.0.1:8/beta", "?$x=1"))
        );
        assert_eq!(split_root("https://h/beta"), Some(("https://h/beta", "/")));
        assert_eq!(split_root("https://h"), None);
    }

    #[test]
    fn builds_one_request_and_splits_the_answer_in_order() {
        let mut batch = Batch::new();
        let me = batch
            .add(RequestBuilder::<Json<Value>>::new(Method::Get, BASE, "/me", &[]).select(&["id"]))
            .unwrap();
        let create = batch
            .add(
                RequestBuilder::<Json<Value>>::new(Method::Post, BASE, "/users", &[])
                    .json(&json!({"displayName": "A"})),
            )
            .unwrap();
        let photo = batch
            .add(
                RequestBuilder::<NoContent>::new(Method::Put, BASE, "/me/photo/$value", &[])
                    .bytes(b"hi".to_vec())
                    .header("Content-Type", "image/jpeg"),
            )
            .unwrap();
        let request = batch.build().unwrap();
        assert_eq!(request.method, Method::Post);
        assert_eq!(request.url, format!("{BASE}/$batch"));
        let sent: Value = serde_json::from_slice(request.body.as_deref().unwrap()).unwrap();
        assert_eq!(
            sent,
            json!({"requests": [
                {"id": "1", "method": "GET", "url": "/me?$select=id"},
                {"id": "2", "method": "POST", "url": "/users",
                 "headers": {"Content-Type": "application/json"}, "body": {"displayName": "A"}},
                {"id": "3", "method": "PUT", "url": "/me/photo/$value",
                 "headers": {"Content-Type": "image/jpeg"}, "body": "aGk="}
            ]})
        );

        let answer = Response::json(
            200,
            &json!({"responses": [
                {"id": "3", "status": 204},
                {"id": "1", "status": 200, "headers": {"Content-Type": "application/json"}, "body": {"id": "me"}},
                {"id": "2", "status": 400, "body": {"error": {"code": "BadRequest", "message": "no"}}}
            ]}),
        );
        let responses = batch.responses(answer).unwrap();
        assert_eq!(responses.len(), 3);
        assert_eq!(me.parse(&responses).unwrap()["id"], "me");
        let err = create.parse(&responses).unwrap_err();
        assert_eq!(err.graph_error().unwrap().code, "BadRequest");
        photo.parse(&responses).unwrap();
        assert_eq!((me.index(), photo.index()), (0, 2));
    }

    #[test]
    fn base64_bodies_are_decoded_and_missing_answers_named() {
        let mut batch = Batch::new();
        batch
            .push(
                RequestBuilder::<NoContent>::new(Method::Get, BASE, "/me/photo/$value", &[])
                    .build()
                    .unwrap(),
            )
            .unwrap();
        batch
            .push(
                RequestBuilder::<NoContent>::new(Method::Get, BASE, "/me", &[])
                    .build()
                    .unwrap(),
            )
            .unwrap();
        let answer = Response::json(
            200,
            &json!({"responses": [{"id": "1", "status": 200, "headers": {"Content-Type": "image/jpeg"}, "body": "aGk="}]}),
        );
        let err = batch.responses(answer.clone()).unwrap_err();
        assert_eq!(err.to_string(), "batch: no response for request 2");
        let mut one = Batch::new();
        one.push(
            RequestBuilder::<NoContent>::new(Method::Get, BASE, "/me/photo/$value", &[])
                .build()
                .unwrap(),
        )
        .unwrap();
        assert_eq!(one.responses(answer).unwrap()[0].body, b"hi");
    }

    #[test]
    fn at_most_twenty_requests_of_one_version() {
        let get = |base: &str| {
            RequestBuilder::<NoContent>::new(Method::Get, base, "/me", &[])
                .build()
                .unwrap()
        };
        let mut batch = Batch::new();
        assert!(batch.build().is_err(), "empty");
        for _ in 0..MAX_REQUESTS {
            batch.push(get(BASE)).unwrap();
        }
        assert!(batch.push(get(BASE)).is_err());
        let mut batch = Batch::new();
        batch.push(get(BASE)).unwrap();
        let err = batch
            .push(get("https://graph.microsoft.com/beta"))
            .unwrap_err();
        assert!(err.to_string().contains("not below"), "{err}");
        assert_eq!((batch.len(), batch.is_empty()), (1, false));
    }
}

//! What a successful response holds: the [`ResponseKind`] of a route.

use std::marker::PhantomData;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;

use super::{Error, Method, Request, Response};
use crate::model::{AdditionalProperties, Object, deserialize_object};

/// How a route's successful response is read. Implemented by marker types that
/// are never constructed: a route returning `RequestBuilder<Json<User>>` parses
/// its response into a `User`.
pub trait ResponseKind {
    /// The typed result.
    type Output;

    /// Reads a response: an error status gives [`Error::Graph`] (or
    /// [`Error::Status`]), a body that does not fit gives [`Error::Decode`].
    fn parse(response: Response) -> Result<Self::Output, Error>;
}

/// The body is one JSON value of type `T`: an entity or a complex value (or
/// `serde_json::Value` where the docs name no type). An empty body reads as `null`.
pub struct Json<T>(PhantomData<fn() -> T>);

/// The result of an action or function: OData wraps it as `{"value": ...}` (always
/// for primitives and collections; Graph's docs show it for some entities too).
/// A body that is not such a wrapper is read as the value itself.
pub struct Wrapped<T>(PhantomData<fn() -> T>);

/// One page of a collection of `T`: a [`CollectionPage`].
pub struct Collection<T>(PhantomData<fn() -> T>);

/// No body (`204 No Content`): the result is `()`, whatever the body holds.
pub enum NoContent {}

/// The body's raw bytes, for media content (`/$value`, `/content`).
pub enum Bytes {}

fn json_body(response: &Response) -> &[u8] {
    if response.body.iter().all(u8::is_ascii_whitespace) {
        b"null"
    } else {
        &response.body
    }
}

fn decode<T: DeserializeOwned>(status: u16, body: &[u8]) -> Result<T, Error> {
    serde_json::from_slice(body).map_err(|source| Error::Decode { status, source })
}

impl<T: DeserializeOwned> ResponseKind for Json<T> {
    type Output = T;

    fn parse(response: Response) -> Result<T, Error> {
        let response = response.error_for_status()?;
        decode(response.status, json_body(&response))
    }
}

impl<T: DeserializeOwned> ResponseKind for Wrapped<T> {
    type Output = T;

    fn parse(response: Response) -> Result<T, Error> {
        let response = response.error_for_status()?;
        let status = response.status;
        let mut value: Value = decode(status, json_body(&response))?;
        if let Value::Object(map) = &mut value
            && map.contains_key("value")
            && map.keys().all(|k| k == "value" || k.starts_with('@'))
        {
            value = map.remove("value").unwrap_or(Value::Null);
        }
        serde_json::from_value(value).map_err(|source| Error::Decode { status, source })
    }
}

impl<T: DeserializeOwned> ResponseKind for Collection<T> {
    type Output = CollectionPage<T>;

    fn parse(response: Response) -> Result<CollectionPage<T>, Error> {
        let response = response.error_for_status()?;
        decode(response.status, &response.body)
    }
}

impl ResponseKind for NoContent {
    type Output = ();

    fn parse(response: Response) -> Result<(), Error> {
        response.error_for_status().map(drop)
    }
}

impl ResponseKind for Bytes {
    type Output = Vec<u8>;

    fn parse(response: Response) -> Result<Vec<u8>, Error> {
        response.error_for_status().map(|r| r.body)
    }
}

/// One page of a collection: `{"value": [...], "@odata.nextLink": ..., "@odata.count": ...}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CollectionPage<T> {
    /// The items of this page.
    pub value: Vec<T>,
    /// The URL of the next page (`@odata.nextLink`), absent on the last page.
    #[serde(rename = "@odata.nextLink", skip_serializing_if = "Option::is_none")]
    pub next_link: Option<String>,
    /// The total count of the collection (`@odata.count`), when the request
    /// asked for it with `$count=true`.
    #[serde(rename = "@odata.count", skip_serializing_if = "Option::is_none")]
    pub count: Option<i64>,
    /// The URL to call for later changes (`@odata.deltaLink`), on the last page
    /// of a delta query.
    #[serde(rename = "@odata.deltaLink", skip_serializing_if = "Option::is_none")]
    pub delta_link: Option<String>,
    /// Other annotations (`@odata.context`, ...), and any member whose value
    /// does not fit its field, verbatim.
    #[serde(flatten)]
    pub additional: AdditionalProperties,
}

impl<T> Default for CollectionPage<T> {
    fn default() -> Self {
        Self {
            value: Vec::new(),
            next_link: None,
            count: None,
            delta_link: None,
            additional: AdditionalProperties::default(),
        }
    }
}

impl<'de, T: DeserializeOwned> Deserialize<'de> for CollectionPage<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserialize_object(deserializer, |o: &mut Object| {
            Ok(Self {
                value: o.take("value")?.unwrap_or_default(),
                next_link: o.take("@odata.nextLink")?,
                count: o.take("@odata.count")?,
                delta_link: o.take("@odata.deltaLink")?,
                additional: o.finish(),
            })
        })
    }
}

impl<T> CollectionPage<T> {
    /// The request for the next page: a `GET` of `@odata.nextLink` with the
    /// previous request's headers (the link already holds the query), or `None`
    /// on the last page.
    pub fn next_request(&self, previous: &Request) -> Option<Request> {
        let url = self.next_link.clone()?;
        let headers = previous
            .headers
            .iter()
            .filter(|(name, _)| !name.eq_ignore_ascii_case("Content-Type"))
            .cloned()
            .collect();
        Some(Request {
            method: Method::Get,
            url,
            headers,
            body: None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Item {
        id: String,
    }

    #[test]
    fn json_reads_the_body_and_empty_as_null() {
        let r = Response::json(200, &json!({"id": "1"}));
        assert_eq!(Json::<Item>::parse(r).unwrap(), Item { id: "1".into() });
        assert_eq!(
            Json::<Value>::parse(Response::new(200)).unwrap(),
            Value::Null
        );
        let err = Json::<Item>::parse(Response::new(201).with_body("[]")).unwrap_err();
        assert!(matches!(err, Error::Decode { status: 201, .. }), "{err}");
    }

    #[test]
    fn wrapped_unwraps_value_or_takes_the_body() {
        let r = Response::json(200, &json!({"@odata.context": "x", "value": true}));
        assert!(Wrapped::<bool>::parse(r).unwrap());
        let r = Response::json(200, &json!({"value": {"id": "2"}}));
        assert_eq!(Wrapped::<Item>::parse(r).unwrap().id, "2");
        // An entity whose properties include `value` is not a wrapper.
        let r = Response::json(200, &json!({"id": "3", "value": "v"}));
        assert_eq!(Wrapped::<Item>::parse(r).unwrap().id, "3");
        let r = Response::json(200, &json!({"value": ["a", "b"]}));
        assert_eq!(Wrapped::<Vec<String>>::parse(r).unwrap(), ["a", "b"]);
    }

    #[test]
    fn collection_pages_and_their_next_request() {
        let r = Response::json(
            200,
            &json!({
                "@odata.context": "ctx",
                "@odata.count": 3,
                "@odata.nextLink": "https://graph.microsoft.com/v1.0/users?$skiptoken=X",
                "value": [{"id": "1"}, {"id": "2"}]
            }),
        );
        let page = Collection::<Item>::parse(r).unwrap();
        assert_eq!(page.value.len(), 2);
        assert_eq!(page.count, Some(3));
        assert_eq!(page.additional["@odata.context"], json!("ctx"));
        let first = Request {
            method: Method::Get,
            url: "https://graph.microsoft.com/v1.0/users?$count=true".into(),
            headers: vec![("ConsistencyLevel".into(), "eventual".into())],
            body: None,
        };
        let next = page.next_request(&first).unwrap();
        assert_eq!(
            next.url,
            "https://graph.microsoft.com/v1.0/users?$skiptoken=X"
        );
        assert_eq!(next.header("consistencylevel"), Some("eventual"));

        let last = Collection::<Item>::parse(Response::json(
            200,
            &json!({"value": [], "@odata.deltaLink": "d"}),
        ))
        .unwrap();
        assert_eq!(last.next_request(&first), None);
        assert_eq!(last.delta_link.as_deref(), Some("d"));
        let back = serde_json::to_value(&last).unwrap();
        assert_eq!(back, json!({"value": [], "@odata.deltaLink": "d"}));
    }

    #[test]
    fn no_content_and_bytes() {
        NoContent::parse(Response::new(204)).unwrap();
        assert_eq!(
            Bytes::parse(Response::new(200).with_body("raw")).unwrap(),
            b"raw"
        );
        let err = NoContent::parse(Response::json(
            403,
            &json!({"error": {"code": "Forbidden", "message": "no"}}),
        ))
        .unwrap_err();
        assert_eq!(err.graph_error().unwrap().code, "Forbidden");
    }
}

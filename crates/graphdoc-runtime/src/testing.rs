//! Assertions for the example tests graphdoc emits: one test per documented
//! example, each a few lines calling these (the shared logic is compiled once
//! here, not in thousands of tests).
//!
//! # How documented and built values are compared
//!
//! - **Paths** are compared percent-decoded: the docs write `{id}` or `a b`
//!   where the builder sends `%7Bid%7D` or `a%20b`, which is the same path;
//!   and ASCII-lowercased without a trailing `/`, as Graph reads them (the
//!   docs spell segments in varying case: `/me/mailfolders`).
//! - **Queries** are applied to the builder with [`RequestBuilder::query`],
//!   one documented `name=value` pair at a time (percent-decoded), in the
//!   documented order; the built URL's query must decode to the same pairs
//!   in the same order. The typed helpers (`select`, `filter`, ...) are thin
//!   wrappers over `query`, so this is what they send too.
//! - **JSON** is compared after one normalization, a known modeling choice:
//!   an explicit `null` member of an object is the same as an absent one.
//!   Model fields are `Option<T>` skipped when `None`, so a documented
//!   `"manager": null` reads as `None` and is not written back; Graph treats
//!   both alike in responses. (Update bodies, where `null` means "clear the
//!   property", use `Patch<T>`, which keeps it: [`round_trip_patch`] and
//!   [`assert_patch_request`] compare an update body's own members strictly,
//!   `null` differing from absent, and the values inside them as above.)
//!   Numbers are compared by value
//!   (`1` and `1.0` are the same JSON number). Nothing else is normalized:
//!   every other difference is data lost by the bindings.

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::http::{Method, RequestBuilder};

/// Builds `builder` with the documented query (`a=b&c=d`, without `?`, as
/// written in the docs; empty for none) and asserts the request's method, path
/// (after the API version's root, e.g. `/users/{id}`) and query. With
/// `body`, also asserts that the request's JSON body equals it (see the module
/// docs for the comparison).
///
/// # Panics
///
/// When the request differs, or does not build.
#[track_caller]
pub fn assert_request<R>(
    builder: RequestBuilder<R>,
    method: Method,
    path: &str,
    query: &str,
    body: Option<&str>,
) {
    check_request(builder, method, path, query, body, Nulls::Absent);
}

/// [`assert_request`] for an update (PATCH) body, which is compared with its
/// own members' `null`s significant: `{"a": null}` clears `a`, `{}` leaves it
/// alone (see the module docs).
///
/// # Panics
///
/// When the request differs, or does not build.
#[track_caller]
pub fn assert_patch_request<R>(
    builder: RequestBuilder<R>,
    method: Method,
    path: &str,
    query: &str,
    body: &str,
) {
    check_request(builder, method, path, query, Some(body), Nulls::TopLevel);
}

/// How `null` object members compare.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Nulls {
    /// A `null` member is the same as an absent one, at any depth.
    Absent,
    /// The outermost object's `null` members are values (an update body's);
    /// deeper ones are as [`Nulls::Absent`].
    TopLevel,
}

#[track_caller]
fn check_request<R>(
    builder: RequestBuilder<R>,
    method: Method,
    path: &str,
    query: &str,
    body: Option<&str>,
    nulls: Nulls,
) {
    let expected_query = query_pairs(query);
    let mut builder = builder;
    for (name, value) in &expected_query {
        builder = builder.query(name, value);
    }
    let request = builder.build().expect("the request builds");
    assert_eq!(request.method, method, "method of {}", request.url);
    let after_host = request.path_and_query();
    // Drop the version root (`/v1.0`, `/beta`).
    let after_root = after_host
        .strip_prefix('/')
        .and_then(|rest| rest.find('/').map(|i| &rest[i..]))
        .unwrap_or("/");
    let (actual_path, actual_query) = after_root.split_once('?').unwrap_or((after_root, ""));
    assert_eq!(
        normalize_path(actual_path),
        normalize_path(path),
        "path of {} (percent-decoded, ASCII-lowercased, no trailing `/`)",
        request.url
    );
    assert_eq!(
        query_pairs(actual_query),
        expected_query,
        "query of {} (percent-decoded)",
        request.url
    );
    if let Some(expected) = body {
        let sent = request.body.as_deref().expect("the request has a body");
        let sent: Value = serde_json::from_slice(sent).expect("the request body is JSON");
        let expected: Value = serde_json::from_str(expected).expect("the documented body is JSON");
        compare_json(&sent, &expected, "request body", nulls);
    }
}

/// Deserializes the documented JSON `json` into `T`, serializes it again and
/// asserts that nothing was lost (see the module docs for the comparison).
/// Returns the typed value, for a snapshot.
///
/// # Panics
///
/// When `json` does not deserialize into `T`, or the round trip loses data.
#[track_caller]
pub fn round_trip<T: Serialize + DeserializeOwned>(json: &str) -> T {
    check_round_trip(json, Nulls::Absent)
}

/// [`round_trip`] for an update (PATCH) body: its own members' `null`s must
/// survive (`Patch::Null`), not only its values.
///
/// # Panics
///
/// When `json` does not deserialize into `T`, or the round trip loses data.
#[track_caller]
pub fn round_trip_patch<T: Serialize + DeserializeOwned>(json: &str) -> T {
    check_round_trip(json, Nulls::TopLevel)
}

#[track_caller]
fn check_round_trip<T: Serialize + DeserializeOwned>(json: &str, nulls: Nulls) -> T {
    let input: Value = serde_json::from_str(json).expect("the documented body is JSON");
    // Strictly: a documented value that does not fit its field is a docs or
    // generator defect to report, not a mismatch to keep aside.
    let value: T = match crate::strictly(|| serde_json::from_value(input.clone())) {
        Ok(v) => v,
        Err(e) => panic!(
            "the documented body does not deserialize into {}: {e}\n{json}",
            std::any::type_name::<T>()
        ),
    };
    let output = serde_json::to_value(&value).expect("the typed value serializes");
    compare_json(&output, &input, std::any::type_name::<T>(), nulls);
    value
}

/// [`round_trip`] for an operation's primitive or enum result, which the docs
/// show bare (`true`) or wrapped as OData sends it (`{"value": true}`, with
/// annotations such as `@odata.context`): the value is the wrapped one.
#[track_caller]
pub fn round_trip_value<T: Serialize + DeserializeOwned>(json: &str) -> T {
    let input: Value = serde_json::from_str(json).expect("the documented body is JSON");
    match input {
        Value::Object(mut map)
            if map.contains_key("value")
                && map.keys().all(|k| k == "value" || k.starts_with('@')) =>
        {
            let inner = map.remove("value").unwrap_or(Value::Null);
            round_trip(&inner.to_string())
        }
        _ => round_trip(json),
    }
}

/// Asserts that two JSON values are equal but for `null` object members and
/// number spellings, naming the first difference by its JSON path.
#[track_caller]
pub fn assert_json_eq(actual: &Value, expected: &Value, what: &str) {
    compare_json(actual, expected, what, Nulls::Absent);
}

#[track_caller]
fn compare_json(actual: &Value, expected: &Value, what: &str, nulls: Nulls) {
    if let Some(difference) = first_difference(actual, expected, &mut String::from("$"), nulls) {
        panic!(
            "{what}: the round trip changed the JSON at {difference}\n\
             expected (documented): {}\nactual (re-serialized):  {}",
            expected, actual
        );
    }
}

fn present(value: Option<&Value>, keep_nulls: bool) -> Option<&Value> {
    value.filter(|v| keep_nulls || !v.is_null())
}

fn first_difference(
    actual: &Value,
    expected: &Value,
    at: &mut String,
    nulls: Nulls,
) -> Option<String> {
    match (actual, expected) {
        (Value::Object(a), Value::Object(e)) => {
            let keep_nulls = nulls == Nulls::TopLevel;
            let keys: std::collections::BTreeSet<&String> = a
                .iter()
                .chain(e.iter())
                .filter(|(_, v)| keep_nulls || !v.is_null())
                .map(|(k, _)| k)
                .collect();
            for key in keys {
                let len = at.len();
                at.push('.');
                at.push_str(key);
                let found = match (
                    present(a.get(key), keep_nulls),
                    present(e.get(key), keep_nulls),
                ) {
                    (Some(x), Some(y)) => first_difference(x, y, at, Nulls::Absent),
                    (None, Some(y)) => Some(format!("{at}: missing, documented {y}")),
                    (Some(x), None) => Some(format!("{at}: {x}, not documented")),
                    (None, None) => None,
                };
                if found.is_some() {
                    return found;
                }
                at.truncate(len);
            }
            None
        }
        (Value::Array(a), Value::Array(e)) => {
            if a.len() != e.len() {
                return Some(format!("{at}: {} items, documented {}", a.len(), e.len()));
            }
            for (i, (x, y)) in a.iter().zip(e).enumerate() {
                let len = at.len();
                at.push_str(&format!("[{i}]"));
                if let Some(found) = first_difference(x, y, at, Nulls::Absent) {
                    return Some(found);
                }
                at.truncate(len);
            }
            None
        }
        (Value::Number(a), Value::Number(e)) => {
            let same = a == e || (a.as_f64().is_some() && a.as_f64() == e.as_f64());
            (!same).then(|| format!("{at}: {a}, documented {e}"))
        }
        (a, e) => (a != e).then(|| format!("{at}: {a}, documented {e}")),
    }
}

/// The variable naming the mock of Graph the live tests send to
/// (`http://127.0.0.1:8787`, as `graphdoc mock` prints it).
pub const MOCK_URL_VAR: &str = "GRAPHDOC_MOCK_URL";

/// Sends a route's request, with the documented query (`a=b&c=d`, as for
/// [`assert_request`]), to the mock of Graph at [`MOCK_URL_VAR`] with each
/// client compiled in (feature `client`: the blocking one, `client-async`:
/// the async one on a tokio runtime of its own), and asserts that each gets
/// a success that the route's response kind reads into its typed result,
/// [strictly](crate::strictly). Without [`MOCK_URL_VAR`] it does nothing.
///
/// # Panics
///
/// When a client fails: a transport error, an error status, or a body that
/// does not deserialize into the route's type; the message names each
/// client's outcome.
#[cfg(any(feature = "client", feature = "client-async"))]
#[track_caller]
pub fn assert_live<R: crate::http::ResponseKind>(
    route: impl Fn() -> RequestBuilder<R>,
    query: &str,
) {
    if let Ok(host) = std::env::var(MOCK_URL_VAR) {
        assert_live_at(&host, route, query);
    }
}

/// [`assert_live`] against the mock at `host` (`http://127.0.0.1:8787`).
///
/// # Panics
///
/// As [`assert_live`].
#[cfg(any(feature = "client", feature = "client-async"))]
#[track_caller]
pub fn assert_live_at<R: crate::http::ResponseKind>(
    host: &str,
    route: impl Fn() -> RequestBuilder<R>,
    query: &str,
) {
    let pairs = query_pairs(query);
    let builder = || {
        pairs
            .iter()
            .fold(route(), |builder, (name, value)| builder.query(name, value))
    };
    let mut outcomes: Vec<(&str, Result<(), crate::http::Error>)> = Vec::new();
    // Strictly (both clients read on this thread): an answer that does not fit
    // its type is a failure here, not a mismatch kept aside.
    let _strict = crate::model::strict_guard();
    #[cfg(feature = "client")]
    outcomes.push((
        "blocking client",
        crate::client::Client::new()
            .host(host)
            .send(builder())
            .map(drop),
    ));
    #[cfg(feature = "client-async")]
    outcomes.push((
        "async client",
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a tokio runtime starts")
            .block_on(
                crate::client_async::AsyncClient::new()
                    .host(host)
                    .send(builder()),
            )
            .map(drop),
    ));
    if outcomes.iter().any(|(_, outcome)| outcome.is_err()) {
        let report: Vec<String> = outcomes
            .iter()
            .map(|(client, outcome)| match outcome {
                Ok(()) => format!("{client}: ok"),
                Err(err) => format!("{client}: {err}"),
            })
            .collect();
        panic!(
            "{} {} via {host}: {}",
            builder().method(),
            builder().url(),
            report.join("; ")
        );
    }
}

/// A path as compared: percent-decoded, ASCII-lowercased (Graph's path
/// segments are case-insensitive: the docs write `/me/mailfolders` as often as
/// `/me/mailFolders`), without a trailing `/` (which Graph ignores).
fn normalize_path(path: &str) -> String {
    let path = decode(path).to_ascii_lowercase();
    match path.trim_end_matches('/') {
        "" => "/".to_owned(),
        trimmed => trimmed.to_owned(),
    }
}

/// `a=b&c=d` as percent-decoded pairs, in order; a pair without `=` has an
/// empty value.
fn query_pairs(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            (decode(name), decode(value))
        })
        .collect()
}

/// Percent-decodes `text` (invalid escapes and UTF-8 are kept as they are).
pub fn decode(text: &str) -> String {
    percent_encoding::percent_decode_str(text)
        .decode_utf8_lossy()
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::NoContent;
    use serde_json::json;

    #[test]
    fn requests_compare_decoded() {
        let builder = RequestBuilder::<NoContent>::new(
            Method::Get,
            "https://graph.microsoft.com/v1.0",
            "/users/{}/x",
            &["{id} a"],
        );
        assert_request(
            builder,
            Method::Get,
            "/users/{id}%20a/x",
            "$select=id,displayName&$filter=startswith(displayName,'A%20B')",
            None,
        );
    }

    #[test]
    #[should_panic(expected = "path of")]
    fn a_different_path_fails() {
        let builder = RequestBuilder::<NoContent>::new(
            Method::Get,
            "https://graph.microsoft.com/v1.0",
            "/me",
            &[],
        );
        assert_request(builder, Method::Get, "/users", "", None);
    }

    #[test]
    fn path_case_and_trailing_slashes_do_not_matter() {
        let builder = RequestBuilder::<NoContent>::new(
            Method::Get,
            "https://graph.microsoft.com/v1.0",
            "/me/mailFolders",
            &[],
        );
        assert_request(builder, Method::Get, "/me/mailfolders/", "", None);
    }

    #[test]
    fn nulls_and_number_spellings_are_the_same() {
        assert_json_eq(
            &json!({"a": 1.0, "b": [1, null]}),
            &json!({"a": 1, "b": [1, null], "c": null}),
            "x",
        );
        let v: serde_json::Map<String, Value> = round_trip(r#"{"x": [1, 2]}"#);
        assert_eq!(v["x"], json!([1, 2]));
        assert!(round_trip_value::<bool>(
            r#"{"@odata.context": "c", "value": true}"#
        ));
    }

    #[test]
    fn patch_bodies_keep_their_own_nulls() {
        let v: serde_json::Map<String, Value> =
            round_trip_patch(r#"{"a": null, "b": {"c": null}}"#);
        assert_eq!(v["a"], Value::Null);
        compare_json(
            &json!({"a": null, "b": {}}),
            &json!({"a": null, "b": {"c": null}}),
            "x",
            Nulls::TopLevel,
        );
    }

    #[test]
    #[should_panic(expected = "$.a: missing, documented null")]
    fn a_lost_patch_null_is_named() {
        compare_json(&json!({}), &json!({"a": null}), "x", Nulls::TopLevel);
    }

    #[test]
    #[should_panic(expected = "$.b[1]")]
    fn a_lost_value_is_named() {
        assert_json_eq(&json!({"b": [1, 2]}), &json!({"b": [1, 3]}), "x");
    }
}

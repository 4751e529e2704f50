//! The OData query options the mock honours on a documented body: `$top`,
//! `$skip` and `$skiptoken` page a collection (with an `@odata.nextLink`
//! back to the mock), `$count=true` counts it, `$select` keeps only the
//! properties asked for.

use percent_encoding::percent_decode_str;
use serde_json::{Map, Value};

/// Percent-decodes a URL part (invalid UTF-8 replaced).
pub(crate) fn decode(text: &str) -> String {
    percent_decode_str(text).decode_utf8_lossy().into_owned()
}

/// A path as compared: percent-decoded, ASCII-lowercased (Graph reads
/// paths case-insensitively), without a trailing `/`.
pub(crate) fn normalize_path(path: &str) -> String {
    let decoded = decode(path).to_ascii_lowercase();
    match decoded.strip_suffix('/') {
        Some(rest) if !rest.is_empty() => rest.to_owned(),
        _ => decoded,
    }
}

/// A query string's `name=value` pairs, percent-decoded, in order.
pub(crate) fn pairs(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (name, value) = p.split_once('=').unwrap_or((p, ""));
            (decode(name), decode(value))
        })
        .collect()
}

/// The value of a query option, by case-insensitive name (`$TOP`, `$top`).
fn option<'q>(query: &'q [(String, String)], name: &str) -> Option<&'q str> {
    query
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// Where the request was sent, to write a next link to the next page.
pub(crate) struct Here<'a> {
    /// `http://127.0.0.1:8787`: the mock as the client reached it.
    pub(crate) origin: &'a str,
    /// The request's path, version included (`/v1.0/users`), as sent.
    pub(crate) path: &'a str,
    /// The request's query, as sent (without `?`).
    pub(crate) raw_query: &'a str,
}

/// Applies the request's query options to a documented JSON body.
///
/// A collection (`{"value": [...]}`) is paged when the request asks for a
/// page (`$top`, `$skip` or `$skiptoken`): the items from `$skip` plus the
/// `$skiptoken` offset (a token the mock did not write, such as one copied
/// from the docs, is past the end: an empty last page), at most `$top` of
/// them, and an `@odata.nextLink` to the rest that keeps the other options.
/// Otherwise a documented next link is pointed at the mock. `$count=true`
/// sets `@odata.count` to the documented collection's length. `$select`
/// applies to each item, or to a single object.
pub(crate) fn shape(body: &mut Value, query: &[(String, String)], here: &Here<'_>) {
    let select: Option<Vec<&str>> = option(query, "$select").map(|s| {
        s.split(',')
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect()
    });
    let Value::Object(object) = body else {
        return;
    };
    if let Some(Value::Array(items)) = object.get_mut("value") {
        let total = items.len();
        let top = option(query, "$top").and_then(|n| n.parse::<usize>().ok());
        let skip = option(query, "$skip").and_then(|n| n.parse::<usize>().ok());
        let token = option(query, "$skiptoken");
        let paged = top.is_some() || skip.is_some() || token.is_some();
        let mut next = None;
        if paged {
            let offset = match token {
                None => 0,
                Some(t) => t.parse::<usize>().unwrap_or(total),
            };
            let start = (skip.unwrap_or(0) + offset).min(total);
            let end = top.map_or(total, |n| start.saturating_add(n).min(total));
            items.truncate(end);
            items.drain(..start);
            if end < total {
                next = Some(next_link(here, end - skip.unwrap_or(0)));
            }
        }
        if let Some(select) = &select {
            for item in items.iter_mut() {
                if let Value::Object(item) = item {
                    keep_selected(item, select);
                }
            }
        }
        if paged {
            object.remove("@odata.nextLink");
            if let Some(next) = next {
                object.insert("@odata.nextLink".to_owned(), Value::String(next));
            }
        } else if let Some(Value::String(link)) = object.get_mut("@odata.nextLink") {
            *link = rehome(link, here.origin);
        }
        if option(query, "$count").is_some_and(|c| c.eq_ignore_ascii_case("true")) {
            object.insert("@odata.count".to_owned(), Value::from(total));
        }
    } else if let Some(select) = &select {
        keep_selected(object, select);
    }
}

/// The link to the page starting `offset` items after `$skip`: the request's
/// URL with `$skiptoken` replaced.
fn next_link(here: &Here<'_>, offset: usize) -> String {
    let mut query: Vec<&str> = here
        .raw_query
        .split('&')
        .filter(|p| {
            let name = p.split_once('=').map_or(*p, |(n, _)| n);
            !p.is_empty() && !decode(name).eq_ignore_ascii_case("$skiptoken")
        })
        .collect();
    let token = format!("$skiptoken={offset}");
    query.push(&token);
    format!("{}{}?{}", here.origin, here.path, query.join("&"))
}

/// A documented absolute link with the mock's origin instead of Graph's.
fn rehome(link: &str, origin: &str) -> String {
    let Some(scheme_end) = link.find("://") else {
        return link.to_owned();
    };
    let rest = &link[scheme_end + 3..];
    let path = rest.find('/').map_or("", |i| &rest[i..]);
    format!("{origin}{path}")
}

/// Keeps the selected properties (case-insensitively), `id`, annotations
/// (`@odata.type`) and the selected properties' own (`photo@odata.mediaEditLink`).
fn keep_selected(object: &mut Map<String, Value>, select: &[&str]) {
    let selected = |name: &str| select.iter().any(|s| s.eq_ignore_ascii_case(name));
    object.retain(|key, _| match key.split_once('@') {
        Some((property, _)) => property.is_empty() || selected(property),
        None => key == "id" || selected(key),
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const HERE: Here<'static> = Here {
        origin: "http://127.0.0.1:1",
        path: "/v1.0/users",
        raw_query: "$top=2&$select=id,displayName",
    };

    fn users() -> Value {
        json!({
            "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#users",
            "value": [
                {"id": "1", "displayName": "A", "mail": "a@x", "manager@odata.bind": "m"},
                {"id": "2", "displayName": "B", "mail": "b@x"},
                {"id": "3", "displayName": "C", "mail": "c@x"}
            ]
        })
    }

    fn shaped(query: &str, here: &Here<'_>) -> Value {
        let mut body = users();
        shape(&mut body, &pairs(query), here);
        body
    }

    #[test]
    fn top_pages_and_the_next_link_gives_the_rest() {
        let first = shaped("$top=2", &HERE);
        assert_eq!(first["value"].as_array().unwrap().len(), 2);
        assert_eq!(
            first["@odata.nextLink"],
            "http://127.0.0.1:1/v1.0/users?$top=2&$select=id,displayName&$skiptoken=2"
        );
        let rest = shaped("$top=2&$skiptoken=2", &HERE);
        assert_eq!(
            rest["value"],
            json!([{"id": "3", "displayName": "C", "mail": "c@x"}])
        );
        assert!(rest.get("@odata.nextLink").is_none());
        let skipped = shaped("$skip=1&$top=1", &HERE);
        assert_eq!(skipped["value"][0]["id"], "2");
        assert!(
            skipped["@odata.nextLink"]
                .as_str()
                .unwrap()
                .ends_with("$skiptoken=1")
        );
        let foreign = shaped("$skiptoken=X%27Y", &HERE);
        assert_eq!(foreign["value"], json!([]));
    }

    #[test]
    fn select_keeps_asked_properties_ids_and_annotations() {
        let body = shaped("$select=DISPLAYNAME,manager&$count=true", &HERE);
        assert_eq!(
            body["value"][0],
            json!({"id": "1", "displayName": "A", "manager@odata.bind": "m"})
        );
        assert_eq!(body["@odata.count"], 3);
        assert!(body.get("@odata.context").is_some());
        let mut one = json!({"@odata.type": "#x", "id": "1", "a": 1, "b": 2});
        shape(&mut one, &pairs("$select=b"), &HERE);
        assert_eq!(one, json!({"@odata.type": "#x", "id": "1", "b": 2}));
    }

    #[test]
    fn documented_next_links_point_at_the_mock() {
        let mut body = json!({"value": [], "@odata.nextLink": "https://graph.microsoft.com/v1.0/users?$skiptoken=abc"});
        shape(&mut body, &[], &HERE);
        assert_eq!(
            body["@odata.nextLink"],
            "http://127.0.0.1:1/v1.0/users?$skiptoken=abc"
        );
        assert_eq!(normalize_path("/Users/a%20b/"), "/users/a b");
        assert_eq!(normalize_path("/"), "/");
    }
}

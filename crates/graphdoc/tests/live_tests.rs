//! `Builder::example_live_tests`: a crate gets `tests/live.rs`, a line per
//! documented GET example with a JSON response, calling the example's route
//! as the example test does, ignored with the lint's reason where the
//! example cannot pass. (`corpus_live` runs them against the mock.)

use std::path::Path;

const GADGET: &str = r#"---
title: "gadget resource type"
doc_type: resourcePageType
---

# gadget resource type

Namespace: microsoft.graph

## Properties

| Property | Type | Description |
|:---------|:-----|:------------|
| id | String | The identifier. |
| count | Int32 | How many. |

## JSON representation

<!-- { "blockType": "resource", "@odata.type": "microsoft.graph.gadget", "keyProperty": "id" } -->
```json
{ "id": "String", "count": "Int32" }
```
"#;

/// An API page with one example.
fn page(title: &str, http: &str, request: &str, status: &str, response: &str) -> String {
    format!(
        r#"---
title: "{title}"
doc_type: apiPageType
---

# {title}

Namespace: microsoft.graph

## HTTP request

<!-- {{ "blockType": "ignored" }} -->
```http
{http}
```

## Response

If successful, this method returns a `{status}` response code and a [gadget](../resources/gadget.md) object in the response body.

## Examples

### Request

<!-- {{ "blockType": "request", "name": "{title}" }} -->
```http
{request}
```

### Response

<!-- {{ "blockType": "response", "@odata.type": "microsoft.graph.gadget" }} -->
```http
HTTP/1.1 {status}
Content-type: application/json

{response}
```
"#
    )
}

fn write(dir: &Path, name: &str, text: &str) {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

#[test]
fn a_line_per_get_example_with_a_json_response() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    write(&docs, "resources/gadget.md", GADGET);
    let get = |title: &str, body: &str| {
        page(
            title,
            "GET /gadgets/{id}",
            "GET https://graph.microsoft.com/v1.0/gadgets/g%201?$select=count",
            "200 OK",
            body,
        )
    };
    write(
        &docs,
        "api/gadget-get.md",
        &get("get_gadget", r#"{"id": "g 1", "count": 2}"#),
    );
    write(
        &docs,
        "api/gadget-get-bad.md",
        &get("get_bad", r#"{"id": "g 1", "count": "many"}"#),
    );
    let create = page(
        "create_gadget",
        "POST /gadgets",
        "POST https://graph.microsoft.com/v1.0/gadgets\nContent-type: application/json\n\n{\"count\": 1}",
        "201 Created",
        r#"{"id": "g2", "count": 1}"#,
    );
    write(&docs, "api/gadget-create.md", &create);

    let out = dir.path().join("out");
    graphdoc::Builder::new()
        .input(&docs)
        .out_dir(&out)
        .example_live_tests(true)
        .crate_manifest(graphdoc::CrateManifest::new("gadgets").runtime_path("../rt"))
        .generate()
        .unwrap();
    let live = std::fs::read_to_string(out.join("tests/live.rs")).unwrap();
    assert!(
        live.contains("#![cfg(any(feature = \"client\", feature = \"client-async\"))]"),
        "{live}"
    );
    assert!(live.contains("use gadgets::v1_0 as api;"), "{live}");
    // The route call of the example test, with the documented query.
    assert!(
        live.contains(r#"live(|| api::routes::gadgets::get("g 1"), "$select=count");"#),
        "{live}"
    );
    // An example the lint finds invalid is skipped with its reason.
    let bad = live.find("fn get_bad()").expect("a test of get_bad");
    let before = &live[..bad];
    let ignore = &before[before.rfind("#[ignore").expect("ignored")..];
    assert!(ignore.contains("$.count"), "{ignore}");
    // A POST is not sent.
    assert!(!live.contains("create_gadget"), "{live}");
    // Without the option there is no such file.
    let plain = dir.path().join("plain");
    graphdoc::Builder::new()
        .input(&docs)
        .out_dir(&plain)
        .crate_manifest(graphdoc::CrateManifest::new("gadgets").runtime_path("../rt"))
        .generate()
        .unwrap();
    assert!(!plain.join("tests/live.rs").exists());
    let manifest = std::fs::read_to_string(plain.join("Cargo.toml")).unwrap();
    assert!(
        manifest.contains("client-async = [\"graphdoc-runtime/client-async\"]"),
        "{manifest}"
    );
}

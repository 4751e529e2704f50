//! The mock's answers on the seeds (documented routes, 404, 405, 400) and on
//! a small hand-written list page (paging, `$select`), through its sans-IO
//! `answer` and over HTTP with the runtime's clients.

use graphdoc_ir::ApiModel;
use graphdoc_mock::{Answer, MockGraph, MockRequest};
use graphdoc_runtime::http::batch::Batch;
use graphdoc_runtime::http::{Collection, Json, Method, RequestBuilder};
use serde_json::{Value, json};

fn models(sources: &[(String, Vec<u8>)]) -> Vec<ApiModel> {
    graphdoc_merge::merge(&graphdoc_parse::parse_sources(sources))
}

fn seeds() -> MockGraph {
    MockGraph::from_models(&models(&graphdoc_testkit::seed_sources())).quiet(true)
}

const GADGET: &str = r#"---
title: "gadget resource type"
doc_type: resourcePageType
---

# gadget resource type

Namespace: microsoft.graph

A gadget.

## Properties

| Property | Type | Description |
|:---------|:-----|:------------|
| id | String | The identifier. |
| name | String | The name. |
| count | Int32 | How many. |

## JSON representation

<!-- { "blockType": "resource", "@odata.type": "microsoft.graph.gadget", "keyProperty": "id" } -->
```json
{ "id": "String", "name": "String", "count": "Int32" }
```
"#;

const LIST: &str = r#"---
title: "List gadgets"
doc_type: apiPageType
---

# List gadgets

Namespace: microsoft.graph

Lists the gadgets.

## HTTP request

<!-- { "blockType": "ignored" } -->
```http
GET /gadgets
```

## Response

If successful, this method returns a `200 OK` response code and a collection of [gadget](../resources/gadget.md) objects in the response body.

## Examples

### Request

<!-- { "blockType": "request", "name": "list_gadgets" } -->
```http
GET https://graph.microsoft.com/v1.0/gadgets
```

### Response

<!-- { "blockType": "response", "@odata.type": "microsoft.graph.gadget", "isCollection": true } -->
```http
HTTP/1.1 200 OK
Content-type: application/json

{
  "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#gadgets",
  "value": [
    {"id": "1", "name": "one", "count": "Int32"},
    {"id": "2", "name": "two", "count": 2},
    {"id": "3", "name": "three", "count": 3}
  ]
}
```
"#;

fn gadgets() -> MockGraph {
    gadgets_and(&[])
}

/// The gadget pages and more API pages (name, text).
fn gadgets_and(pages: &[(&str, String)]) -> MockGraph {
    let mut sources = vec![
        (
            "api-reference/v1.0/resources/gadget.md".to_owned(),
            GADGET.as_bytes().to_vec(),
        ),
        (
            "api-reference/v1.0/api/gadget-list.md".to_owned(),
            LIST.as_bytes().to_vec(),
        ),
    ];
    for (name, text) in pages {
        sources.push((
            format!("api-reference/v1.0/api/{name}"),
            text.as_bytes().to_vec(),
        ));
    }
    MockGraph::from_models(&models(&sources)).quiet(true)
}

/// An API page of one operation: no example, only the HTTP request block.
fn page(title: &str, http: &str) -> String {
    format!(
        "---\ntitle: \"{title}\"\ndoc_type: apiPageType\n---\n\n# {title}\n\nNamespace: microsoft.graph\n\n\
         ## HTTP request\n\n<!-- {{ \"blockType\": \"ignored\" }} -->\n```http\n{http}\n```\n"
    )
}

fn send(
    mock: &MockGraph,
    method: &str,
    target: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> Answer {
    let headers: Vec<(String, String)> = headers
        .iter()
        .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
        .collect();
    mock.answer(&MockRequest {
        method,
        target,
        origin: "http://127.0.0.1:9",
        headers: &headers,
        body: body.as_bytes(),
    })
}

fn json_of(answer: &Answer) -> Value {
    serde_json::from_slice(&answer.response.body).expect("a JSON body")
}

fn error_code(answer: &Answer) -> String {
    json_of(answer)["error"]["code"]
        .as_str()
        .unwrap()
        .to_owned()
}

const STATUSES: &str = "/v1.0/deviceAppManagement/mobileAppConfigurations/cfg%201/userStatuses";

#[test]
fn a_documented_route_answers_with_its_example_normalised() {
    let mock = seeds();
    let answer = send(
        &mock,
        "POST",
        STATUSES,
        &[("Content-Type", "application/json")],
        "{}",
    );
    assert_eq!(answer.response.status, 201);
    assert_eq!(
        answer.template.as_deref(),
        Some(
            "/deviceAppManagement/mobileAppConfigurations/{managedDeviceMobileAppConfigurationId}/userStatuses"
        )
    );
    assert_eq!(
        answer.response.header("Content-Type"),
        Some("application/json")
    );
    let body = json_of(&answer);
    // "Integer" and "String (timestamp)" in the docs are typed samples here.
    assert_eq!(body["devicesCount"], 0);
    assert_eq!(body["lastReportedDateTime"], "2000-01-01T00:00:00Z");
    assert_eq!(
        body["@odata.type"],
        "#microsoft.graph.managedDeviceMobileAppConfigurationUserStatus"
    );

    // The beta root serves the beta pages; case does not matter.
    let beta = send(&mock, "post", "/BETA/privilegedSignupStatus", &[], "");
    assert_eq!(beta.response.status, 201, "{beta:?}");
}

#[test]
fn an_undocumented_path_is_404_with_a_graph_error() {
    let mock = seeds();
    for target in ["/v1.0/nothing/here", "/v2.0/users", "/", "/v1.0"] {
        let answer = send(&mock, "GET", target, &[], "");
        assert_eq!(answer.response.status, 404, "{target}");
        assert_eq!(error_code(&answer), "ResourceNotFound");
        assert_eq!(answer.template, None);
    }
    let answer = send(&mock, "GET", "/v1.0/nothing", &[], "");
    assert!(
        json_of(&answer)["error"]["message"]
            .as_str()
            .unwrap()
            .contains("'/nothing'")
    );
}

#[test]
fn an_undocumented_method_is_405_naming_the_documented_ones() {
    let mock = seeds();
    let answer = send(&mock, "DELETE", STATUSES, &[], "");
    assert_eq!(answer.response.status, 405);
    assert_eq!(answer.response.header("Allow"), Some("POST"));
    assert_eq!(error_code(&answer), "MethodNotAllowed");
    assert!(answer.template.is_some());
    assert_eq!(send(&mock, "HEAD", STATUSES, &[], "").response.status, 405);
}

#[test]
fn a_malformed_json_body_is_400() {
    let mock = seeds();
    let answer = send(
        &mock,
        "POST",
        STATUSES,
        &[("Content-Type", "application/json")],
        "{\"a\": ",
    );
    assert_eq!(answer.response.status, 400);
    assert_eq!(error_code(&answer), "BadRequest");
    let message = json_of(&answer)["error"]["message"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(message.contains("line 1"), "{message}");
    // Without a Content-Type, a body to an operation taking JSON is read as JSON too.
    assert_eq!(
        send(&mock, "POST", STATUSES, &[], "nope").response.status,
        400
    );
    // Bytes that say they are not JSON are not read.
    let image = send(
        &mock,
        "POST",
        STATUSES,
        &[("Content-Type", "image/png")],
        "\u{1}",
    );
    assert_eq!(image.response.status, 201);
}

#[test]
fn select_keeps_what_is_asked_with_id_and_annotations() {
    let mock = seeds();
    let target = format!("{STATUSES}?$select=status,USERPrincipalName");
    let body = json_of(&send(&mock, "POST", &target, &[], ""));
    let mut keys: Vec<&String> = body.as_object().unwrap().keys().collect();
    keys.sort();
    assert_eq!(keys, ["@odata.type", "id", "status", "userPrincipalName"]);
}

#[test]
fn top_pages_a_collection_and_the_next_link_gives_the_rest() {
    let mock = gadgets();
    let all = json_of(&send(&mock, "GET", "/v1.0/gadgets", &[], ""));
    assert_eq!(all["value"].as_array().unwrap().len(), 3);
    assert_eq!(
        all["value"][0]["count"], 0,
        "the placeholder is a typed sample"
    );
    assert!(all.get("@odata.nextLink").is_none());

    let first = json_of(&send(
        &mock,
        "GET",
        "/v1.0/gadgets?$top=2&$select=name",
        &[],
        "",
    ));
    assert_eq!(
        first["value"],
        json!([{"id": "1", "name": "one"}, {"id": "2", "name": "two"}])
    );
    let next = first["@odata.nextLink"].as_str().unwrap();
    assert_eq!(
        next,
        "http://127.0.0.1:9/v1.0/gadgets?$top=2&$select=name&$skiptoken=2"
    );
    let rest = json_of(&send(
        &mock,
        "GET",
        next.trim_start_matches("http://127.0.0.1:9"),
        &[],
        "",
    ));
    assert_eq!(rest["value"], json!([{"id": "3", "name": "three"}]));
    assert!(rest.get("@odata.nextLink").is_none());
}

#[test]
fn served_over_http_to_both_clients_with_paging() {
    let server = gadgets().serve("127.0.0.1:0").unwrap();
    assert!(server.url().starts_with("http://127.0.0.1:"));
    let gadgets = || {
        RequestBuilder::<Collection<Value>>::new(
            Method::Get,
            "https://graph.microsoft.com/v1.0",
            "/gadgets",
            &[],
        )
        .top(2)
    };
    let client = graphdoc_runtime::client::Client::new().host(server.url());
    let names: Vec<String> = client
        .items(gadgets())
        .map(|g| g.unwrap()["name"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(names, ["one", "two", "three"]);
    let missing = RequestBuilder::<Json<Value>>::new(
        Method::Get,
        "https://graph.microsoft.com/v1.0",
        "/gizmos/{}",
        &["1"],
    );
    let err = client.send(missing).unwrap_err();
    assert_eq!(err.status(), Some(404));
    assert_eq!(err.graph_error().unwrap().code, "ResourceNotFound");

    let log = server.requests();
    assert_eq!(log.len(), 3);
    assert_eq!(log[1].target, "/v1.0/gadgets?$top=2&$skiptoken=2");
    assert_eq!(log[1].template.as_deref(), Some("/gadgets"));
    assert_eq!(
        log[2].to_string(),
        "GET /v1.0/gizmos/1 404 (no documented path)"
    );
    server.stop();
}

#[tokio::test]
async fn started_from_an_async_test_and_batched() {
    use futures_util::StreamExt;
    let server = gadgets().serve("127.0.0.1:0").unwrap();
    let client = graphdoc_runtime::client_async::AsyncClient::new().host(server.url());
    let base = "https://graph.microsoft.com/v1.0";
    let ids: Vec<Value> = client
        .items(RequestBuilder::<Collection<Value>>::new(Method::Get, base, "/gadgets", &[]).top(1))
        .map(|g| g.unwrap()["id"].clone())
        .collect()
        .await;
    assert_eq!(ids, ["1", "2", "3"]);

    let mut batch = Batch::new();
    let page = batch
        .add(RequestBuilder::<Collection<Value>>::new(Method::Get, base, "/gadgets", &[]).top(1))
        .unwrap();
    let missing = batch
        .add(RequestBuilder::<Json<Value>>::new(
            Method::Get,
            base,
            "/gizmos",
            &[],
        ))
        .unwrap();
    let responses = client.send_batch(&batch).await.unwrap();
    assert_eq!(page.parse(&responses).unwrap().value.len(), 1);
    assert_eq!(missing.parse(&responses).unwrap_err().status(), Some(404));
    drop(server);
}

#[test]
fn a_busy_port_is_an_error_naming_it() {
    let first = gadgets().serve("127.0.0.1:0").unwrap();
    let err = gadgets().serve(first.addr()).unwrap_err();
    assert!(err.to_string().contains(&first.addr().to_string()), "{err}");
}

#[test]
fn the_summary_counts_routes_and_examples() {
    let mock = gadgets();
    assert_eq!(mock.summary(), "v1.0: 1 routes, 1 examples");
}

#[test]
fn a_literal_id_in_one_methods_template_hides_no_other_method() {
    // The delete page writes a literal id where the get page has `{id}`:
    // the more specific template is DELETE's only.
    let mock = gadgets_and(&[
        ("gadget-get.md", page("Get gadget", "GET /gadgets/{id}")),
        (
            "gadget-delete.md",
            page("Delete gadget", "DELETE /gadgets/g-1"),
        ),
    ]);
    let get = send(&mock, "GET", "/v1.0/gadgets/g-1", &[], "");
    assert_eq!(get.template.as_deref(), Some("/gadgets/{id}"));
    assert_eq!(get.response.status, 501, "documented, without an example");
    assert_eq!(error_code(&get), "NotImplemented");
    let patch = send(&mock, "PATCH", "/v1.0/gadgets/g-1", &[], "");
    assert_eq!(patch.response.status, 405);
    assert_eq!(patch.template.as_deref(), Some("/gadgets/g-1"));
    assert_eq!(patch.response.header("Allow"), Some("DELETE"));
    assert_eq!(
        send(&mock, "DELETE", "/v1.0/gadgets/g-1", &[], "")
            .response
            .status,
        204
    );
}

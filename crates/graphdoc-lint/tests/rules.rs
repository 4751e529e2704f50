//! The checks on a small hand-written docs tree, one rule at a time.

use graphdoc_ir::{ApiModel, ApiVersion, Body, CheckedExample, Code, Diagnostic};
use graphdoc_lint::{Linter, Report};
use serde_json::json;

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
| size | gadgetSize | The size. Possible values are: `small`, `large`. |
| createdDateTime | DateTimeOffset | When it was made. |
| parts | [part](part.md) collection | Its parts. |

## JSON representation

<!-- { "blockType": "resource", "@odata.type": "microsoft.graph.gadget", "keyProperty": "id" } -->
```json
{ "id": "String", "name": "String" }
```
"#;

const PART: &str = r#"---
title: "part resource type"
doc_type: resourcePageType
---

# part resource type

Namespace: microsoft.graph

A part.

## Properties

| Property | Type | Description |
|:---------|:-----|:------------|
| label | String | The label. |
| weight | Double | The weight. |

## JSON representation

<!-- { "blockType": "resource", "@odata.type": "microsoft.graph.part" } -->
```json
{ "label": "String", "weight": "Double" }
```
"#;

/// An API page around one request/response pair.
fn get_page(title: &str, http: &str, returns: &str, examples: &str) -> String {
    format!(
        r#"---
title: "{title}"
doc_type: apiPageType
---

# {title}

Namespace: microsoft.graph

Does a thing.

## HTTP request

<!-- {{ "blockType": "ignored" }} -->
```http
{http}
```

## Response

If successful, this method returns a `200 OK` response code and {returns} in the response body.

## Examples

{examples}
"#
    )
}

fn example(name: &str, request: &str, response_annotation: &str, response: &str) -> String {
    format!(
        r#"
### Request

<!-- {{ "blockType": "request", "name": "{name}" }} -->
```http
{request}
```

### Response

<!-- {{ "blockType": "response", {response_annotation} }} -->
```http
HTTP/1.1 200 OK
Content-type: application/json

{response}
```
"#
    )
}

fn lint(pages: &[(&str, String)]) -> (ApiModel, Report) {
    let sources: Vec<(String, Vec<u8>)> = pages
        .iter()
        .map(|(path, text)| {
            (
                format!("api-reference/v1.0/{path}"),
                text.clone().into_bytes(),
            )
        })
        .collect();
    let corpus = graphdoc_parse::parse_sources(&sources);
    let model = graphdoc_merge::merge_version(&corpus, ApiVersion::V1_0);
    let report = Linter::new(&model).sources(&sources).run();
    assert!(
        graphdoc_lint::verify(&model, &report.examples).is_empty(),
        "the round trip holds"
    );
    (model, report)
}

fn with_gadget(extra: &[(&str, String)]) -> Report {
    let mut pages = vec![
        ("resources/gadget.md", GADGET.to_string()),
        ("resources/part.md", PART.to_string()),
    ];
    pages.extend(extra.iter().cloned());
    lint(&pages).1
}

fn find(report: &Report, code: Code) -> Vec<&Diagnostic> {
    report
        .diagnostics
        .iter()
        .filter(|d| d.code == code)
        .collect()
}

fn only<'r>(report: &'r Report, id: &str) -> &'r CheckedExample {
    report
        .examples
        .iter()
        .find(|e| e.id == id)
        .unwrap_or_else(|| panic!("no example {id}: {:#?}", report.examples))
}

fn response_json(ex: &CheckedExample) -> &serde_json::Value {
    match &ex.response.as_ref().unwrap().body {
        Some(Body::Json(v)) => v,
        other => panic!("{other:?}"),
    }
}

fn dump(report: &Report) -> String {
    report
        .diagnostics
        .iter()
        .map(|d| d.to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn a_complete_response_is_checked_property_by_property() {
    let examples = example(
        "get_gadget",
        "GET https://graph.microsoft.com/v1.0/gadgets/g1",
        r#""@odata.type": "microsoft.graph.gadget""#,
        r#"{
  "id": "g1",
  "name": "Gizmo",
  "size": "huge",
  "createdDateTime": "String (timestamp)",
  "colour": "red",
  "parts": [{"label": "axle", "weight": 1.0}]
}"#,
    );
    let page = get_page(
        "Get gadget",
        "GET /gadgets/{id}",
        "a [gadget](../resources/gadget.md) object",
        &examples,
    );
    let report = with_gadget(&[("api/gadget-get.md", page)]);
    let ex = only(&report, "get_gadget");
    assert_eq!(ex.ignore, None, "{}", dump(&report));
    // Placeholders become samples; valid values take the runtime's canonical form.
    let body = response_json(ex);
    assert_eq!(body["createdDateTime"], json!("2000-01-01T00:00:00Z"));
    assert_eq!(body["parts"][0]["weight"], json!(1));
    // The table lacks `colour`; `size` is no member; `count` is missing.
    let extra = find(&report, Code::UnknownExampleProperty);
    assert!(extra[0].message.contains("`colour`"), "{}", dump(&report));
    let member = find(&report, Code::UnknownEnumValue);
    assert!(member[0].message.contains("\"huge\""), "{}", dump(&report));
    let missing = find(&report, Code::MissingExampleProperty);
    assert!(missing[0].message.contains("`count`"), "{}", dump(&report));
    // Located at the JSON key: the page's line of `"size"`.
    let page_line = |needle: &str| {
        1 + examples
            .lines()
            .position(|l| l.contains(needle))
            .expect("in the example") as u32
    };
    let offset = member[0].line - page_line("\"size\"");
    assert_eq!(member[0].column, 3);
    // A row missing from a table is reported once, on the type's page,
    // naming the examples that show it (at the JSON key's line).
    assert!(
        extra[0].file.ends_with("resources/gadget.md"),
        "{}",
        extra[0]
    );
    assert!(
        extra[0].message.contains("an example shows it"),
        "{}",
        extra[0]
    );
    assert_eq!(extra[0].related.len(), 1);
    assert_eq!(extra[0].related[0].line - offset, page_line("\"colour\""));
}

#[test]
fn an_invalid_value_ignores_the_example_with_its_reason() {
    let examples = example(
        "get_gadget_bad",
        "GET https://graph.microsoft.com/v1.0/gadgets/g1",
        r#""truncated": true"#,
        r#"{"id": "g1", "count": "many", "parts": [null]}"#,
    );
    let page = get_page(
        "Get gadget",
        "GET /gadgets/{id}",
        "a [gadget](../resources/gadget.md) object",
        &examples,
    );
    let report = with_gadget(&[("api/gadget-get.md", page)]);
    let ex = only(&report, "get_gadget_bad");
    let reason = ex.ignore.as_deref().unwrap();
    assert!(
        reason.contains("$.count") && reason.contains("Edm.Int32") && reason.contains("1 more"),
        "{reason}"
    );
    assert_eq!(find(&report, Code::InvalidExampleValue).len(), 2);
    // Truncated: nothing is demanded.
    assert!(find(&report, Code::MissingExampleProperty).is_empty());
}

#[test]
fn collections_select_and_unmatched_urls() {
    let examples = [
        example(
            "list_gadgets",
            "GET https://graph.microsoft.com/v1.0/gadgets?$select=name",
            r#""@odata.type": "microsoft.graph.gadget", "isCollection": true"#,
            r#"{"value": [{"name": "Gizmo"}], "@odata.nextLink": "https://graph.microsoft.com/v1.0/gadgets?$skip=1"}"#,
        ),
        example(
            "list_widgets",
            "GET https://graph.microsoft.com/v1.0/widgets",
            r#""@odata.type": "microsoft.graph.gadget""#,
            r#"{"value": []}"#,
        ),
        example(
            "list_gadgets",
            "GET https://graph.microsoft.com/v1.0/gadgets/$count",
            r#""@odata.type": "Edm.Int32""#,
            "7",
        ),
    ]
    .concat();
    let page = get_page(
        "List gadgets",
        "GET /gadgets",
        "a collection of [gadget](../resources/gadget.md) objects",
        &examples,
    );
    let report = with_gadget(&[("api/gadget-list.md", page)]);
    let list = only(&report, "list_gadgets");
    assert_eq!(list.ignore, None, "{}", dump(&report));
    let ty = list.response.as_ref().unwrap().ty.as_ref().unwrap();
    assert_eq!(
        (ty.name.as_str(), ty.collection),
        ("microsoft.graph.gadget", true)
    );
    assert_eq!(
        list.request.as_ref().unwrap().query.as_deref(),
        Some("$select=name")
    );
    // `$select`: the response need not show every property.
    assert!(
        find(&report, Code::MissingExampleProperty).is_empty(),
        "{}",
        dump(&report)
    );

    let widgets = only(&report, "list_widgets");
    assert!(widgets.ignore.as_deref().unwrap().contains("`/widgets`"));
    assert_eq!(find(&report, Code::UnmatchedExampleUrl).len(), 1);

    // A repeated name: a warning, and a unique id.
    let count = only(&report, "list_gadgets-2");
    assert_eq!(find(&report, Code::DuplicateExampleName).len(), 1);
    let route = count.request.as_ref().unwrap().route.as_ref().unwrap();
    assert_eq!(
        (route.template.as_str(), &route.suffix[..]),
        ("/gadgets", &["$count".to_string()][..])
    );
    assert!(count.ignore.as_deref().unwrap().contains("`/$count`"));
    assert_eq!(
        count.response.as_ref().unwrap().ty.as_ref().unwrap().name,
        "Edm.Int32"
    );
}

#[test]
fn responses_without_a_type_and_requests_elsewhere_are_ignored_with_reasons() {
    let examples = [
        example(
            "do_thing",
            "POST https://graph.microsoft.com/v1.0/gadgets/g1/doThing",
            r#""truncated": true"#,
            r#"{"done": true}"#,
        ),
        example(
            "notify",
            "POST https://bot.contoso.com/api/calls",
            r#""truncated": true"#,
            r#"{"done": true}"#,
        ),
    ]
    .concat();
    let page = get_page(
        "gadget: doThing",
        "POST /gadgets/{id}/doThing",
        "a thing",
        &examples,
    );
    let report = with_gadget(&[("api/gadget-dothing.md", page)]);
    let thing = only(&report, "do_thing");
    assert!(
        thing
            .ignore
            .as_deref()
            .unwrap()
            .contains("no type is declared")
    );
    assert_eq!(find(&report, Code::UndeclaredResponseType).len(), 1);
    let notify = only(&report, "notify");
    assert!(
        notify
            .ignore
            .as_deref()
            .unwrap()
            .contains("`bot.contoso.com`"),
        "{notify:#?}"
    );
    assert!(
        find(&report, Code::UnmatchedExampleUrl).is_empty(),
        "{}",
        dump(&report)
    );
}

#[test]
fn action_parameters_and_primitive_results() {
    let examples = example(
        "tick_gadget",
        "POST https://graph.microsoft.com/v1.0/gadgets/g1/tick\nContent-type: application/json\n\n{\"times\": \"Int32\", \"loud\": true, \"extra\": 1}",
        r#""@odata.type": "Edm.Boolean""#,
        r#"{"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#Edm.Boolean", "value": "Boolean"}"#,
    );
    let page = get_page(
        "gadget: tick",
        "POST /gadgets/{id}/tick",
        "a Boolean",
        &format!(
            "## Request body\n\n| Parameter | Type | Description |\n|:--|:--|:--|\n| times | Int32 | How often. |\n| loud | Boolean | Whether loudly. |\n\n{examples}"
        ),
    );
    let report = with_gadget(&[("api/gadget-tick.md", page)]);
    let ex = only(&report, "tick_gadget");
    assert_eq!(ex.ignore, None, "{}", dump(&report));
    let request = ex.request.as_ref().unwrap();
    assert_eq!(request.body_type, Some(graphdoc_ir::BodyType::Parameters));
    assert_eq!(
        request.body,
        Some(Body::Json(json!({"times": 0, "loud": true, "extra": 1})))
    );
    let extra = find(&report, Code::UnknownExampleProperty);
    assert!(
        extra[0].message.contains("parameters table"),
        "{}",
        dump(&report)
    );
    // A primitive result stays wrapped; its value is checked.
    assert_eq!(response_json(ex)["value"], json!(false));
}

#[test]
fn verify_catches_a_body_that_is_not_a_fixed_point() {
    let examples = example(
        "get_gadget",
        "GET https://graph.microsoft.com/v1.0/gadgets/g1",
        r#""truncated": true"#,
        r#"{"id": "g1", "count": 3}"#,
    );
    let page = get_page(
        "Get gadget",
        "GET /gadgets/{id}",
        "a [gadget](../resources/gadget.md) object",
        &examples,
    );
    let (model, mut report) = lint(&[
        ("resources/gadget.md", GADGET.to_string()),
        ("resources/part.md", PART.to_string()),
        ("api/gadget-get.md", page),
    ]);
    let response = report.examples[0].response.as_mut().unwrap();
    response.body = Some(Body::Json(json!({"id": "g1", "count": "Integer"})));
    let problems = graphdoc_lint::verify(&model, &report.examples);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].1.contains("placeholder left"), "{problems:?}");
}

/// A resource page for a type `name` with these table rows, its base named
/// by `inherits` (a sentence, or nothing).
fn resource(name: &str, inherits: &str, rows: &str) -> String {
    format!(
        r#"---
title: "{name} resource type"
doc_type: resourcePageType
---

# {name} resource type

Namespace: microsoft.graph

A {name}. {inherits}

## Properties

| Property | Type | Description |
|:---------|:-----|:------------|
{rows}

## JSON representation

<!-- {{ "blockType": "resource", "@odata.type": "microsoft.graph.{name}", "keyProperty": "id" }} -->
```json
{{ "id": "String" }}
```
"#
    )
}

#[test]
fn examples_typed_by_their_own_annotation_and_missing_bases_reported_once() {
    let entity = resource("entity", "", "| id | String | The id. |");
    let tracked = resource(
        "trackedThing",
        "Inherits from [entity](entity.md).",
        "| createdDateTime | DateTimeOffset | Made. |\n| lastModifiedBy | String | By. |",
    );
    let other = resource(
        "otherThing",
        "Inherits from [trackedThing](trackedthing.md).",
        "| label | String | Label. |",
    );
    // `shift` names only its key: it inherits `id` from `entity` (its
    // examples show it), but its page names no `trackedThing`.
    let shift = resource("shift", "", "| notes | String | Notes. |");
    let special = resource(
        "specialShift",
        "Inherits from [shift](shift.md).",
        "| extra | String | Extra. |",
    );
    let shift_examples = example(
        "get_shift",
        "GET https://graph.microsoft.com/v1.0/shifts/s1",
        r#""@odata.type": "microsoft.graph.shift""#,
        r#"{"id": "s1", "notes": "n", "createdDateTime": "2020-01-01T00:00:00Z", "lastModifiedBy": "me"}"#,
    ) + &example(
        "get_shift_2",
        "GET https://graph.microsoft.com/v1.0/shifts/s2",
        r#""@odata.type": "microsoft.graph.specialShift", "truncated": true"#,
        r#"{"id": "s2", "extra": "x", "createdDateTime": "2020-01-01T00:00:00Z"}"#,
    );
    let page = get_page(
        "Get shift",
        "GET /shifts/{id}",
        "a [shift](../resources/shift.md) object",
        &shift_examples,
    );
    let (model, report) = lint(&[
        ("resources/entity.md", entity),
        ("resources/trackedthing.md", tracked),
        ("resources/otherthing.md", other),
        ("resources/shift.md", shift),
        ("resources/specialshift.md", special),
        ("api/shift-get.md", page),
    ]);
    assert_eq!(
        model.base_name(model.get("microsoft.graph.shift").unwrap()),
        Some("microsoft.graph.entity")
    );
    // The second example is checked as the `specialShift` its annotation
    // names: `extra` is no unknown property.
    let unknown = find(&report, Code::UnknownExampleProperty);
    assert!(unknown.is_empty(), "{}", dump(&report));
    // Both examples' `createdDateTime` and `lastModifiedBy`: one finding, on
    // the type, naming the base that declares them.
    let bases = find(&report, Code::BaseTypeNotNamed);
    assert_eq!(bases.len(), 1, "{}", dump(&report));
    assert!(
        bases[0]
            .message
            .contains("`microsoft.graph.shift` derives from `microsoft.graph.entity` only")
            && bases[0]
                .message
                .contains("`createdDateTime`, `lastModifiedBy`")
            && bases[0]
                .message
                .contains("does it derive from `microsoft.graph.trackedThing`?"),
        "{}",
        bases[0].message
    );
    assert!(bases[0].file.ends_with("resources/shift.md"));
    assert_eq!(bases[0].related.len(), 2, "both examples are named");
}

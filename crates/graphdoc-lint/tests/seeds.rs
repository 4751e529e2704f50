//! The five seed pages: snapshots of their checked examples (reviewed by
//! hand), and one test per seed quirk, each decided on purpose.

use graphdoc_ir::{ApiModel, ApiVersion, Body, CheckedExample, Code, Diagnostic, Severity};
use graphdoc_lint::{Linter, Report};
use serde_json::json;

fn models(sources: &[(String, Vec<u8>)]) -> Vec<ApiModel> {
    graphdoc_merge::merge(&graphdoc_parse::parse_sources(sources))
}

fn run(model: &ApiModel, sources: &[(String, Vec<u8>)]) -> Report {
    Linter::new(model).sources(sources).run()
}

fn model(models: &[ApiModel], version: ApiVersion) -> &ApiModel {
    models.iter().find(|m| m.version == version).unwrap()
}

fn example<'r>(report: &'r Report, operation: &str) -> &'r CheckedExample {
    report
        .examples
        .iter()
        .find(|e| e.operation == operation)
        .unwrap_or_else(|| panic!("no example of {operation}: {:#?}", report.examples))
}

fn json_body(body: &Option<Body>) -> &serde_json::Value {
    match body {
        Some(Body::Json(v)) => v,
        other => panic!("not a JSON body: {other:?}"),
    }
}

fn at<'r>(report: &'r Report, code: Code, file: &str, line: u32) -> &'r Diagnostic {
    report
        .diagnostics
        .iter()
        .find(|d| d.code == code && d.file.ends_with(file) && d.line == line)
        .unwrap_or_else(|| {
            panic!(
                "no {code} at {file}:{line} in:\n{}",
                report
                    .diagnostics
                    .iter()
                    .map(|d| d.to_string())
                    .collect::<Vec<_>>()
                    .join("\n")
            )
        })
}

#[test]
fn checked_examples_of_the_seeds_as_reviewed() {
    let sources = graphdoc_testkit::seed_sources();
    let models = models(&sources);
    for m in &models {
        let report = run(m, &sources);
        assert!(graphdoc_lint::verify(m, &report.examples).is_empty());
        let name = format!("checked_examples_{}", m.version.as_str().replace('.', "_"));
        insta::assert_json_snapshot!(name, report.examples);
        let diagnostics: Vec<String> = report.diagnostics.iter().map(|d| d.to_string()).collect();
        let name = format!("diagnostics_{}", m.version.as_str().replace('.', "_"));
        insta::assert_json_snapshot!(name, diagnostics);
    }
}

/// Seed 000 gives the enum property `status` the value "String". Decision:
/// a placeholder, like any type name in a typed position: the checked
/// example holds the enum's first member, with an info diagnostic at the key.
#[test]
fn seed_000_an_enum_given_the_placeholder_string_gets_its_first_member() {
    let sources = graphdoc_testkit::seed_sources();
    let models = models(&sources);
    let report = run(model(&models, ApiVersion::Beta), &sources);
    let ex = example(&report, "000_84a0f523328c73aa");
    assert_eq!(ex.ignore, None);
    let request = ex.request.as_ref().unwrap();
    let response = ex.response.as_ref().unwrap();
    assert_eq!(json_body(&request.body)["status"], json!("unknown"));
    assert_eq!(json_body(&response.body)["status"], json!("unknown"));
    assert_eq!(
        response.ty.as_ref().map(|t| t.name.as_str()),
        Some("microsoft.graph.privilegedSignupStatus")
    );
    // One finding for the page's placeholders, at the first key (line 73),
    // naming the other (line 94).
    let d = at(
        &report,
        Code::PlaceholderValue,
        "000_84a0f523328c73aa.txt",
        73,
    );
    assert_eq!(d.severity, Severity::Info);
    assert_eq!(d.column, 3, "at the key");
    assert!(d.message.starts_with("2 values"), "{}", d.message);
    assert!(
        d.message.contains("privilegedSignupStatusStatus"),
        "{}",
        d.message
    );
    assert_eq!((d.related[0].line, d.related[0].column), (94, 3));
    assert!(
        !report
            .diagnostics
            .iter()
            .any(|d| d.file.ends_with("000_84a0f523328c73aa.txt") && d.severity > Severity::Info),
        "{:#?}",
        report.diagnostics
    );
}

/// Seed 001's response wraps the single entity in `{"value": {...}}`.
/// Decision: a doc defect (OData wraps only collections and primitives), a
/// warning at the `value` key, and the entity is checked and kept
/// unwrapped, so its test runs (the runtime reads the bare entity with both
/// `Json` and `Wrapped`). In v1.0 no seed defines `privilegedSignupStatus`,
/// so there the example is ignored with that reason.
#[test]
fn seed_001_a_single_entity_wrapped_in_value_is_unwrapped_with_a_warning() {
    let sources = graphdoc_testkit::seed_sources();
    let models = models(&sources);
    let report = run(model(&models, ApiVersion::V1_0), &sources);
    let ex = example(&report, "001_e52056b69a4247d3");
    let d = at(
        &report,
        Code::WrappedSingleValue,
        "001_e52056b69a4247d3.txt",
        74,
    );
    assert_eq!((d.severity, d.column), (Severity::Warning, 3));
    let body = json_body(&ex.response.as_ref().unwrap().body);
    assert_eq!(
        body["@odata.type"],
        json!("#microsoft.graph.privilegedSignupStatus")
    );
    assert!(body.get("value").is_none(), "{body}");
    let reason = ex.ignore.as_deref().unwrap();
    assert!(
        reason.contains("privilegedSignupStatus") && reason.contains("defined by no page"),
        "{reason}"
    );

    // Where the type is known (seed 000 defines it in beta), the example passes.
    let beta: Vec<(String, Vec<u8>)> = sources
        .iter()
        .map(|(path, bytes)| {
            let text = String::from_utf8_lossy(bytes).replace("/v1.0/", "/beta/");
            (path.clone(), text.into_bytes())
        })
        .collect();
    let models = models_of(&beta);
    let report = run(model(&models, ApiVersion::Beta), &beta);
    let ex = example(&report, "001_e52056b69a4247d3");
    assert_eq!(ex.ignore, None);
    let response = ex.response.as_ref().unwrap();
    assert_eq!(
        json_body(&response.body),
        &json!({
            "@odata.type": "#microsoft.graph.privilegedSignupStatus",
            "id": "String (identifier)",
            "isRegistered": false,
            "status": "unknown"
        })
    );
    at(
        &report,
        Code::WrappedSingleValue,
        "001_e52056b69a4247d3.txt",
        74,
    );
    at(
        &report,
        Code::PlaceholderValue,
        "001_e52056b69a4247d3.txt",
        77,
    );
    assert!(graphdoc_lint::verify(model(&models, ApiVersion::Beta), &report.examples).is_empty());
}

fn models_of(sources: &[(String, Vec<u8>)]) -> Vec<ApiModel> {
    models(sources)
}

/// Seed 002's response has a blank line between the status line and
/// `Content-Type`. Decision: tolerated, as the parser reads it (the header
/// is a header, the body is JSON); the example is checked like any other,
/// its findings located at the body's lines, and no diagnostic is made for
/// the layout.
#[test]
fn seed_002_a_blank_line_before_the_headers_changes_nothing() {
    let sources = graphdoc_testkit::seed_sources();
    let models = models(&sources);
    let report = run(model(&models, ApiVersion::Beta), &sources);
    let ex = example(&report, "002_5bbb588fb2260839");
    assert_eq!(ex.ignore, None);
    let response = ex.response.as_ref().unwrap();
    assert_eq!(response.status, 201);
    assert_eq!(response.source.line, 96);
    assert!(
        response
            .headers
            .iter()
            .any(|(k, v)| k == "Content-Type" && v == "application/json"),
        "{:?}",
        response.headers
    );
    let body = json_body(&response.body);
    assert_eq!(body["devicesCount"], json!(0));
    assert_eq!(body["lastReportedDateTime"], json!("2000-01-01T00:00:00Z"));
    // The response's placeholders are part of the page's one finding.
    let d = at(
        &report,
        Code::PlaceholderValue,
        "002_5bbb588fb2260839.txt",
        79,
    );
    assert!(d.related.iter().any(|r| r.line == 103), "{d:#?}");
    assert!(
        report
            .diagnostics
            .iter()
            .filter(|d| d.file.ends_with("002_5bbb588fb2260839.txt"))
            .all(|d| d.code == Code::PlaceholderValue),
        "{:#?}",
        report.diagnostics
    );
}

#[test]
fn the_seeds_requests_are_relative_to_the_version_root_and_match_their_routes() {
    let sources = graphdoc_testkit::seed_sources();
    let models = models(&sources);
    let report = run(model(&models, ApiVersion::Beta), &sources);
    let ex = example(&report, "002_5bbb588fb2260839");
    let request = ex.request.as_ref().unwrap();
    assert_eq!(
        request.path,
        "/deviceManagement/deviceConfigurations/{deviceConfigurationId}/userStatuses"
    );
    let route = request.route.as_ref().unwrap();
    assert_eq!(route.template, request.path);
    assert_eq!(
        route.args,
        [(
            "deviceConfigurationId".to_string(),
            "{deviceConfigurationId}".to_string()
        )]
    );
}

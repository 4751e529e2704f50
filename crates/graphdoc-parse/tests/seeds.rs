//! The five seed pages: a reviewed snapshot of each page's IR and
//! diagnostics, plus explicit checks of the facts that matter most.

use graphdoc_ir::{
    ApiVersion, Body, Code, DocType, FileId, HttpMethod, OperationKind, Page, Primitive, TypeName,
};
use graphdoc_parse::{PageOutcome, parse_page};

fn seed(stem: &str) -> (PageOutcome, Page) {
    let path = graphdoc_testkit::seeds_dir().join(format!("{stem}.txt"));
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    // A stable, machine-independent path in the IR and the diagnostics.
    let out = parse_page(&format!("seeds/{stem}.txt"), FileId(0), &bytes);
    let page = out.page.clone().expect("a seed yields a page");
    (out, page)
}

fn snapshot(stem: &str) -> Page {
    let (out, page) = seed(stem);
    let ir = serde_json::json!({ "page": page, "diagnostics": out.diagnostics });
    // Sorted maps: the same snapshot whether or not some other crate turns
    // on serde_json's `preserve_order`.
    insta::with_settings!({ sort_maps => true }, {
        insta::assert_json_snapshot!(stem, ir);
    });
    page
}

#[test]
fn seed_000_create_privileged_signup_status() {
    let page = snapshot("000_84a0f523328c73aa");
    assert_eq!(page.meta.doc_type, Some(DocType::ApiPage));
    assert_eq!(
        page.meta.title.as_deref(),
        Some("Create privilegedSignupStatus")
    );
    assert_eq!(page.meta.namespace.as_deref(), Some("microsoft.graph"));
    // No tree path: the version comes from the example URL.
    assert_eq!(page.meta.api_version, Some(ApiVersion::Beta));
    assert_eq!(page.meta.workload, None, "ms.prod is empty");
    let [op] = page.operations.as_slice() else {
        panic!("one operation")
    };
    assert_eq!(op.id, "000_84a0f523328c73aa");
    assert_eq!(op.kind, OperationKind::Create);
    assert_eq!(op.method, HttpMethod::Post);
    assert_eq!(op.paths.len(), 1);
    assert_eq!(op.paths[0].template, "/privilegedSignupStatus");
    // "Not supported." and TODO cells carry no scopes.
    assert_eq!(op.permissions.len(), 3);
    assert!(op.permissions.iter().all(|p| p.scopes.is_empty()));
    assert!(op.request_headers.iter().all(|h| h.required));
    let body = op.request_body.as_ref().expect("request body");
    assert!(!body.none);
    let names: Vec<_> = body.properties.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["id", "isRegistered", "status"]);
    assert_eq!(body.properties[0].inherited_from.as_deref(), Some("entity"));
    assert_eq!(body.properties[2].ty.name, TypeName::InlineEnum);
    assert_eq!(body.properties[2].enum_values.len(), 8);
    let resp = op.response.as_ref().expect("response");
    assert_eq!(resp.status, Some(201));
    let [ex] = page.examples.as_slice() else {
        panic!("one example")
    };
    assert_eq!(
        ex.name.as_deref(),
        Some("create_privilegedsignupstatus_from_privilegedsignupstatus")
    );
    assert_eq!(ex.response.as_ref().map(|r| r.status), Some(201));
    assert_eq!(ex.operation, Some(0));
}

#[test]
fn seed_001_action_sign_up() {
    let (out, _) = seed("001_e52056b69a4247d3");
    let page = snapshot("001_e52056b69a4247d3");
    let [op] = page.operations.as_slice() else {
        panic!("one operation")
    };
    assert_eq!(op.kind, OperationKind::Action);
    assert_eq!(op.action_name.as_deref(), Some("signUp"));
    assert_eq!(op.binding_type.as_deref(), Some("privilegedSignupStatus"));
    assert_eq!(op.paths[0].template, "/privilegedSignupStatus/signUp");
    assert!(
        op.request_body
            .as_ref()
            .is_some_and(|b| b.none && b.properties.is_empty())
    );
    let resp = op.response.as_ref().expect("response");
    assert_eq!(resp.status, Some(200));
    assert!(
        matches!(&resp.ty.as_ref().expect("type").name, TypeName::Named { name, .. } if name == "privilegedSignupStatus")
    );
    assert_eq!(page.meta.api_version, Some(ApiVersion::V1_0));
    // The TODO description paragraph is kept verbatim (and diagnosed).
    assert_eq!(
        page.meta.description.as_deref(),
        Some("TODO: Add Description")
    );
    let todos: Vec<_> = out
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::TodoPlaceholder)
        .collect();
    // front matter: description, author, ms.prod; body: paragraph, 3
    // permission cells: one finding for the page, counting them.
    assert_eq!(todos.len(), 1);
    assert!(
        todos[0].message.starts_with("7 placeholders"),
        "{}",
        todos[0].message
    );
    // The request has no body, the response a JSON one with placeholders.
    let ex = &page.examples[0];
    assert!(
        ex.request
            .as_ref()
            .is_some_and(|r| r.body.is_none() && r.headers.is_empty())
    );
    let Some(Body::Json(v)) = ex.response.as_ref().and_then(|r| r.body.as_ref()) else {
        panic!("a JSON response body")
    };
    assert_eq!(v["value"]["isRegistered"], "Boolean");
}

#[test]
fn seed_002_create_with_four_paths() {
    let page = snapshot("002_5bbb588fb2260839");
    let [op] = page.operations.as_slice() else {
        panic!("one operation")
    };
    assert_eq!(op.kind, OperationKind::Create);
    assert_eq!(op.paths.len(), 4);
    for p in &op.paths {
        let params: Vec<&str> = p.params().iter().map(|p| p.name).collect();
        assert_eq!(params, ["deviceConfigurationId"]);
        assert!(p.template.ends_with("/userStatuses"));
    }
    assert_eq!(
        op.paths[3].template,
        "/deviceManagement/deviceConfigurations/{deviceConfigurationId}/identityCertificate/rootCertificate/userStatuses"
    );
    let body = op.request_body.as_ref().expect("request body");
    let status = body
        .properties
        .iter()
        .find(|p| p.name == "status")
        .expect("status property");
    assert_eq!(
        status.ty.name,
        TypeName::Named {
            name: "complianceStatus".into(),
            link: None
        }
    );
    assert_eq!(
        status.enum_values,
        [
            "unknown",
            "notApplicable",
            "compliant",
            "remediated",
            "nonCompliant",
            "error",
            "conflict",
            "notAssigned"
        ]
    );
    let count = body
        .properties
        .iter()
        .find(|p| p.name == "devicesCount")
        .expect("devicesCount");
    assert_eq!(count.ty.name, TypeName::Primitive(Primitive::Int32));
    let [ex] = page.examples.as_slice() else {
        panic!("one example")
    };
    let req = ex.request.as_ref().expect("request");
    assert_eq!(req.method, HttpMethod::Post);
    assert_eq!(req.api_version, Some(ApiVersion::Beta));
    let Some(Body::Json(b)) = &req.body else {
        panic!("JSON request body")
    };
    // Placeholders are kept verbatim.
    assert_eq!(b["devicesCount"], "Integer");
    assert_eq!(b["lastReportedDateTime"], "String (timestamp)");
    // The response has a blank line before its headers and none before the body.
    let resp = ex.response.as_ref().expect("response");
    assert_eq!(resp.status, 201);
    assert_eq!(resp.reason.as_deref(), Some("Created"));
    assert_eq!(
        resp.headers,
        [("Content-Type".to_string(), "application/json".to_string())]
    );
    assert!(
        matches!(&resp.body, Some(Body::Json(v)) if v["id"] == "ce1b4fb1-4fb1-ce1b-b14f-1bceb14f1bce")
    );
}

#[test]
fn seed_003_create_profile_status() {
    let page = snapshot("003_b22d9c05ae0fa103");
    let [op] = page.operations.as_slice() else {
        panic!("one operation")
    };
    assert_eq!(op.kind, OperationKind::Create);
    let params: Vec<&str> = op.paths[0].params().iter().map(|p| p.name).collect();
    assert_eq!(params, ["educationSynchronizationProfileId"]);
    let body = op.request_body.as_ref().expect("request body");
    assert!(matches!(&body.ty.as_ref().expect("linked type").name,
        TypeName::Named { name, link: Some(link) }
            if name == "educationSynchronizationProfileStatus"
            && link == "../resources/educationsynchronizationprofilestatus.md"));
    let status = &body.properties[1];
    assert_eq!(status.enum_values.len(), 7);
    assert_eq!(
        status.enum_values.last().map(String::as_str),
        Some("unknownFutureValue")
    );
    // The response headers run straight into the body (no blank line).
    let resp = page.examples[0].response.as_ref().expect("response");
    assert_eq!(resp.headers.len(), 1);
    assert!(matches!(resp.body, Some(Body::Json(_))));
}

#[test]
fn seed_004_create_user_statuses_v1() {
    let page = snapshot("004_8b2e5b793cf2cf7e");
    assert_eq!(page.meta.api_version, Some(ApiVersion::V1_0));
    let [op] = page.operations.as_slice() else {
        panic!("one operation")
    };
    assert_eq!(op.kind, OperationKind::Create);
    assert_eq!(
        op.paths[0].template,
        "/deviceAppManagement/mobileAppConfigurations/{managedDeviceMobileAppConfigurationId}/userStatuses"
    );
    assert_eq!(op.paths[0].loc.line, 32);
    let resp = op.response.as_ref().expect("response");
    assert_eq!(resp.status, Some(201));
    assert!(
        matches!(&resp.ty.as_ref().expect("type").name, TypeName::Named { name, .. }
        if name == "managedDeviceMobileAppConfigurationUserStatus")
    );
    assert_eq!(page.examples.len(), 1);
    assert!(page.examples[0].request.is_some() && page.examples[0].response.is_some());
}

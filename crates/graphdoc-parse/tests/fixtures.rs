//! One small page per quirk the parser handles (tests/fixtures/*.md), each
//! with the IR it must yield asserted explicitly.

use std::path::PathBuf;

use graphdoc_ir::{
    ApiVersion, Body, Code, Diagnostic, DocType, FileId, HttpMethod, OperationKind, Page,
    Primitive, Property, Severity, TypeDef, TypeKind, TypeName, TypeRef,
};
use graphdoc_parse::parse_page;

fn fixture_bytes(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn parse(name: &str) -> (Page, Vec<Diagnostic>) {
    let out = parse_page(&format!("fixtures/{name}"), FileId(7), &fixture_bytes(name));
    (out.page.expect("a page"), out.diagnostics)
}

/// (line, code) of the diagnostics with one of `codes`.
fn diags(d: &[Diagnostic], codes: &[Code]) -> Vec<(u32, Code)> {
    d.iter()
        .filter(|d| codes.contains(&d.code))
        .map(|d| (d.line, d.code))
        .collect()
}

fn prop<'p>(t: &'p TypeDef, name: &str) -> &'p Property {
    t.properties
        .iter()
        .find(|p| p.name == name)
        .unwrap_or_else(|| panic!("property {name}"))
}

fn named(name: &str, link: Option<&str>) -> TypeName {
    TypeName::Named {
        name: name.to_string(),
        link: link.map(str::to_string),
    }
}

#[test]
fn lenient_annotations_are_read_and_repairs_reported() {
    let (page, d) = parse("lenient_annotation.md");
    // Trailing commas (twice) and an unquoted key are read without a
    // finding, as the docs' own tools read them; a page annotation with an
    // unterminated string, raw line breaks and a missing comma needs repairs.
    assert_eq!(
        diags(&d, &[Code::LenientAnnotation, Code::InvalidAnnotation]),
        [(46, Code::LenientAnnotation), (58, Code::InvalidAnnotation),]
    );
    let invalid = d
        .iter()
        .find(|d| d.code == Code::InvalidAnnotation)
        .unwrap();
    assert_eq!(invalid.severity, Severity::Error);
    assert_eq!(invalid.file, "fixtures/lenient_annotation.md");
    assert_eq!(invalid.column, 1);
    let ex = &page.examples[0];
    let req = ex.request.as_ref().unwrap();
    assert!(req.annotation.lenient);
    assert_eq!(req.annotation.name(), Some("get_widget"));
    let resp = ex.response.as_ref().unwrap();
    assert!(resp.annotation.lenient);
    assert!(!resp.annotation.is_collection());
    assert!(resp.annotation.truncated());
    assert_eq!(resp.annotation.loc.line, 33);
    assert_eq!(resp.annotation.loc.file, FileId(7));
}

#[test]
fn collection_spellings() {
    let (page, d) = parse("collection_types.md");
    let t = &page.types[0];
    assert_eq!((t.name.as_str(), t.kind), ("widget", TypeKind::Complex));
    let coll = |n: &str| prop(t, n).ty.clone();
    assert_eq!(
        coll("tags"),
        TypeRef::collection(TypeName::Primitive(Primitive::String))
    );
    assert_eq!(
        coll("sizes"),
        TypeRef::collection(TypeName::Primitive(Primitive::Int32))
    );
    assert_eq!(
        coll("parts"),
        TypeRef::collection(named("widgetPart", Some("widgetpart.md")))
    );
    assert_eq!(
        coll("owners"),
        TypeRef::collection(named("identity", Some("identity.md")))
    );
    assert_eq!(coll("zones"), TypeRef::collection(named("zone", None)));
    assert_eq!(
        coll("sizeIds"),
        TypeRef::collection(TypeName::Primitive(Primitive::Guid))
    );
    assert_eq!(
        coll("primaryPart"),
        TypeRef::single(named("widgetPart", Some("widgetpart.md")))
    );
    assert_eq!(
        coll("oddLink"),
        TypeRef::collection(named("timeZoneInformation", Some("timezoneinformation.md")))
    );
    assert_eq!(
        coll("mood"),
        TypeRef::single(named("widgetMood", Some("#widgetmood-values")))
    );
    assert_eq!(coll("kind"), TypeRef::single(TypeName::InlineEnum));
    assert_eq!(prop(t, "kind").enum_values, ["small", "large"]);
    assert_eq!(
        coll("payload"),
        TypeRef::single(TypeName::Primitive(Primitive::Json))
    );
    assert_eq!(
        coll("weird"),
        TypeRef::single(TypeName::Unknown("a number or a string".into()))
    );
    assert_eq!(
        coll("blank"),
        TypeRef::single(TypeName::Unknown(String::new()))
    );
    assert_eq!(
        diags(&d, &[Code::UnknownTypeSpelling]),
        [
            (27, Code::UnknownTypeSpelling),
            (28, Code::UnknownTypeSpelling)
        ]
    );
}

#[test]
fn inherited_notes_and_possible_values() {
    let (page, _) = parse("inherited_and_values.md");
    let t = &page.types[0];
    assert_eq!(t.kind, TypeKind::Entity, "an `id` property makes an entity");
    assert_eq!(t.key.as_deref(), Some("id"));
    assert_eq!(
        t.base_type.as_deref(),
        Some("device"),
        "from \"Inherits from [device]\""
    );
    assert_eq!(prop(t, "id").inherited_from.as_deref(), Some("entity"));
    assert_eq!(
        prop(t, "owner").inherited_from.as_deref(),
        Some("deviceBase")
    );
    assert_eq!(
        prop(t, "state").enum_values,
        ["on", "off", "unknownFutureValue"]
    );
    assert_eq!(prop(t, "state").ty.name, named("gadgetState", None));
    // The list ends where the prose goes on ("See also `colorSpace`").
    assert_eq!(prop(t, "color").enum_values, ["red", "green", "blue"]);
    assert_eq!(prop(t, "level").enum_values, ["low", "medium", "high"]);
    assert!(prop(t, "notes").enum_values.is_empty());
    assert!(prop(t, "notes").inherited_from.is_none());
    assert_eq!(prop(t, "id").loc.line, 16);
}

#[test]
fn multiple_path_templates() {
    let (page, _) = parse("multiple_paths.md");
    let [op] = page.operations.as_slice() else {
        panic!("one operation")
    };
    assert_eq!(op.kind, OperationKind::List);
    let t: Vec<(&str, Vec<&str>)> = op
        .paths
        .iter()
        .map(|p| {
            (
                p.template.as_str(),
                p.params().iter().map(|p| p.name).collect(),
            )
        })
        .collect();
    assert_eq!(
        t,
        [
            ("/me/widgets", vec![]),
            (
                "/users/{id | userPrincipalName}/widgets",
                vec!["id | userPrincipalName"]
            ),
            ("/groups/{group-id}/widgets", vec!["group-id"]),
            ("/policies/widgets", vec![]),
            ("/sites/{site-id}/widgets", vec!["site-id"]),
            (
                "/reports/getWidgetCounts(period='{period_value}')",
                vec!["period_value"]
            ),
        ]
    );
    assert_eq!(
        op.paths.iter().map(|p| p.loc.line).collect::<Vec<_>>(),
        [16, 17, 18, 19, 20, 22]
    );
    assert_eq!(op.odata_options, ["$filter", "$select", "$top"]);
    let resp = op.response.as_ref().unwrap();
    assert_eq!(
        resp.ty,
        Some(TypeRef::collection(named(
            "widget",
            Some("../resources/widget.md")
        )))
    );
}

#[test]
fn pairing_by_name() {
    let (page, d) = parse("pair_by_name.md");
    assert_eq!(page.examples.len(), 2);
    for (ex, (name, id)) in page
        .examples
        .iter()
        .zip([("create_first", "1"), ("create_second", "2")])
    {
        assert_eq!(ex.name.as_deref(), Some(name));
        let Some(Body::Json(v)) = ex.response.as_ref().and_then(|r| r.body.as_ref()) else {
            panic!("JSON response")
        };
        assert_eq!(v["id"], id, "{name} pairs with its own response");
    }
    assert!(diags(&d, &[Code::UnpairedExample]).is_empty());
}

#[test]
fn pairing_by_order_within_an_example() {
    let (page, d) = parse("pair_by_order.md");
    let shape: Vec<(Option<&str>, bool, Option<u16>)> = page
        .examples
        .iter()
        .map(|e| {
            (
                e.name.as_deref(),
                e.request.is_some(),
                e.response.as_ref().map(|r| r.status),
            )
        })
        .collect();
    assert_eq!(
        shape,
        [
            (Some("delete_widget"), true, Some(204)),
            (Some("delete_widget_count"), true, Some(204)),
            (Some("delete_alone"), true, None),
            (None, false, Some(404)),
        ]
    );
    // An `ignored` request still pairs, and knows its version.
    let req = page.examples[1].request.as_ref().unwrap();
    assert_eq!(req.api_version, Some(ApiVersion::Beta));
    assert_eq!(req.annotation.block_type(), Some("ignored"));
    assert_eq!(
        diags(&d, &[Code::UnpairedExample]),
        [(47, Code::UnpairedExample), (54, Code::UnpairedExample)]
    );
}

#[test]
fn blank_line_before_response_headers() {
    let (page, _) = parse("response_blank_line.md");
    let ex = &page.examples[0];
    let req = ex.request.as_ref().unwrap();
    assert_eq!(
        req.headers,
        [(
            "Prefer".to_string(),
            "outlook.timezone=\"Pacific Standard Time\"".to_string()
        )]
    );
    let resp = ex.response.as_ref().unwrap();
    assert_eq!((resp.status, resp.reason.as_deref()), (200, Some("OK")));
    assert_eq!(resp.headers.len(), 2);
    assert_eq!(
        resp.headers[1],
        ("Content-Length".to_string(), "20".to_string())
    );
    assert!(matches!(&resp.body, Some(Body::Json(v)) if v["count"] == "Integer"));
    assert_eq!(resp.loc.line, 25);
}

#[test]
fn bodies_that_are_not_json_stay_raw() {
    let (page, d) = parse("raw_body.md");
    let req = page.examples[0].request.as_ref().unwrap();
    assert_eq!(req.method, HttpMethod::Patch);
    assert_eq!(
        req.body,
        Some(Body::Raw("{\n  \"name\": \"new\",\n}".into()))
    );
    // A text/plain body is raw without complaint.
    let resp = page.examples[0].response.as_ref().unwrap();
    assert_eq!(resp.body, Some(Body::Raw("893".into())));
    let resp = page.examples[1].response.as_ref().unwrap();
    assert_eq!(resp.body, Some(Body::Raw("{ \"value\": [ ... ] }".into())));
    assert_eq!(
        diags(&d, &[Code::InvalidJsonBody]),
        [(22, Code::InvalidJsonBody), (46, Code::InvalidJsonBody)]
    );
}

#[test]
fn enum_page_with_values_and_flags() {
    let (page, _) = parse("enum_page.md");
    assert_eq!(page.meta.doc_type, Some(DocType::EnumPage));
    let [t] = page.types.as_slice() else {
        panic!("one enum")
    };
    assert_eq!((t.name.as_str(), t.kind), ("widgetParts", TypeKind::Enum));
    assert_eq!(t.namespace.as_deref(), Some("microsoft.graph"));
    assert!(t.is_flags, "0, 1, 2, 4, 8 are flags");
    let m: Vec<(&str, Option<i64>)> = t
        .members
        .iter()
        .map(|m| (m.name.as_str(), m.value))
        .collect();
    assert_eq!(
        m,
        [
            ("none", Some(0)),
            ("frame", Some(1)),
            ("wheels", Some(2)),
            ("paint", Some(4)),
            ("engine", Some(8))
        ]
    );
    assert_eq!(t.members[1].description.as_deref(), Some("The frame."));
    assert_eq!(
        t.description.as_deref(),
        Some("Describes which parts of a widget to copy.")
    );
}

#[test]
fn enum_values_sections() {
    let (page, _) = parse("enum_sections.md");
    let names: Vec<&str> = page.types.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(
        names,
        ["widgetSize", "widgetLevel", "widgetFlags"],
        "not `Prefer header values`"
    );
    assert!(page.types.iter().all(|t| t.kind == TypeKind::Enum));
    assert!(
        page.types
            .iter()
            .all(|t| t.namespace.as_deref() == Some("microsoft.graph.widgets"))
    );
    let size = &page.types[0];
    assert_eq!(
        size.members
            .iter()
            .map(|m| m.name.as_str())
            .collect::<Vec<_>>(),
        ["small", "medium", "large", "unknownFutureValue"]
    );
    assert!(size.members.iter().all(|m| m.value.is_none()));
    assert!(!page.types[1].is_flags, "0, 1, 2 is a plain enum");
    assert!(page.types[2].is_flags, "the docs say flags");
    assert_eq!(size.loc.line, 10);
}

#[test]
fn crlf_and_bom_read_like_lf() {
    let bytes = fixture_bytes("crlf_bom.md");
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBF---\r\n"),
        "the fixture keeps its BOM and CRLF"
    );
    let (page, d) = parse("crlf_bom.md");
    assert!(d.is_empty(), "{d:?}");
    let t = &page.types[0];
    assert_eq!((t.name.as_str(), t.kind), ("sprocket", TypeKind::Entity));
    assert_eq!(prop(t, "teeth").enum_values, ["8", "16"]);
    assert_eq!(page.meta.front_matter["title"], "sprocket resource type");
    // The same page with LF and no BOM gives the same IR.
    let lf: Vec<u8> = String::from_utf8(bytes[3..].to_vec())
        .unwrap()
        .replace("\r\n", "\n")
        .into_bytes();
    let out = parse_page("fixtures/crlf_bom.md", FileId(7), &lf);
    assert_eq!(out.page.as_ref(), Some(&page));
}

#[test]
fn ragged_table_rows() {
    let (page, d) = parse("ragged_table.md");
    assert_eq!(
        diags(&d, &[Code::RaggedTableRow]),
        [(15, Code::RaggedTableRow), (16, Code::RaggedTableRow)]
    );
    let t = &page.types[0];
    // Short rows are padded, long rows cut; an escaped pipe is not a cell break.
    assert_eq!(prop(t, "size").description, None);
    assert_eq!(prop(t, "weight").description.as_deref(), Some("Too"));
    assert_eq!(
        prop(t, "pipe").description.as_deref(),
        Some("An escaped | pipe is one cell.")
    );
}

#[test]
fn unterminated_fence() {
    let (page, d) = parse("unterminated_fence.md");
    let fence = d
        .iter()
        .find(|d| d.code == Code::UnterminatedFence)
        .expect("GD0109");
    assert_eq!((fence.line, fence.column), (23, 1));
    // The open block runs to the end of the page and is kept raw.
    let resp = page.examples[0].response.as_ref().unwrap();
    assert!(matches!(&resp.body, Some(Body::Raw(r)) if r.ends_with("swallowed by the open fence")));
}

#[test]
fn todo_placeholders() {
    let (page, d) = parse("todo.md");
    // One finding for the page, at the first, naming the next five; none
    // for the TODO in the code block.
    let grouped: Vec<_> = d
        .iter()
        .filter(|d| d.code == Code::TodoPlaceholder)
        .collect();
    assert_eq!(grouped.len(), 1);
    assert!(
        grouped[0].message.starts_with("7 placeholders"),
        "{}",
        grouped[0].message
    );
    let todos: Vec<(u32, u32)> = std::iter::once((grouped[0].line, grouped[0].column))
        .chain(grouped[0].related.iter().map(|r| (r.line, r.column)))
        .collect();
    assert_eq!(
        todos,
        [(3, 17), (4, 13), (12, 3), (18, 39), (19, 14), (32, 12)]
    );
    assert!(
        d.iter()
            .filter(|d| d.code == Code::TodoPlaceholder)
            .all(|d| d.severity == Severity::Info)
    );
    assert_eq!(page.meta.workload, None, "a TODO ms.prod is no workload");
    let op = &page.operations[0];
    assert!(op.permissions.iter().all(|p| p.scopes.is_empty()));
}

#[test]
fn resource_page() {
    let (page, d) = parse("resource_page.md");
    assert!(diags(&d, &[Code::MissingSection, Code::UnknownTypeSpelling]).is_empty());
    assert_eq!(page.meta.workload.as_deref(), Some("machines"));
    let gear = &page.types[0];
    assert_eq!((gear.name.as_str(), gear.kind), ("gear", TypeKind::Entity));
    assert_eq!(
        gear.base_type.as_deref(),
        Some("microsoft.graph.machinePart"),
        "annotation wins"
    );
    assert_eq!(gear.key.as_deref(), Some("id"));
    assert!(gear.open_type);
    let props: Vec<(&str, bool)> = gear
        .properties
        .iter()
        .map(|p| (p.name.as_str(), p.navigation))
        .collect();
    assert_eq!(
        props,
        [
            ("id", false),
            ("size", false),
            ("ratio", false),
            ("teeth", true),
            ("shaft", true)
        ]
    );
    assert_eq!(
        prop(gear, "teeth").ty,
        TypeRef::collection(named("tooth", Some("tooth.md")))
    );
    let size = &page.types[1];
    assert_eq!(
        (size.name.as_str(), size.kind),
        ("gearSize", TypeKind::Enum)
    );
    assert_eq!(size.members.len(), 2);
    let methods: Vec<(&str, Option<&str>, Option<bool>)> = page
        .methods
        .iter()
        .map(|m| {
            (
                m.title.as_str(),
                m.link.as_deref(),
                m.returns.as_ref().map(|r| r.collection),
            )
        })
        .collect();
    assert_eq!(
        methods,
        [
            ("List gears", Some("../api/gear-list.md"), Some(true)),
            ("Get gear", Some("../api/gear-get.md"), Some(false)),
            ("Delete gear", Some("../api/gear-delete.md"), None),
            ("List teeth", Some("../api/gear-list-teeth.md"), Some(true)),
        ]
    );
}

#[test]
fn complex_type() {
    let (page, _) = parse("complex_type.md");
    let t = &page.types[0];
    assert_eq!(
        (t.name.as_str(), t.kind, t.key.as_deref()),
        ("gearSpec", TypeKind::Complex, None)
    );
}

#[test]
fn action_page() {
    let (page, _) = parse("api_action.md");
    let [op] = page.operations.as_slice() else {
        panic!("one operation")
    };
    assert_eq!(op.kind, OperationKind::Action);
    assert_eq!(op.action_name.as_deref(), Some("rotate"));
    assert_eq!(op.binding_type.as_deref(), Some("gear"));
    assert_eq!(op.paths.len(), 2);
    let pp: Vec<(&str, bool)> = op
        .path_parameters
        .iter()
        .map(|p| (p.name.as_str(), p.required))
        .collect();
    assert_eq!(pp, [("gear-id", true), ("machine-id", false)]);
    let hdr: Vec<(&str, bool)> = op
        .request_headers
        .iter()
        .map(|h| (h.name.as_str(), h.required))
        .collect();
    assert_eq!(hdr, [("Authorization", true), ("Prefer", false)]);
    let body = op.request_body.as_ref().unwrap();
    assert!(body.ty.is_none());
    let params: Vec<(&str, bool)> = body
        .properties
        .iter()
        .map(|p| (p.name.as_str(), p.required))
        .collect();
    assert_eq!(params, [("degrees", true), ("direction", false)]);
    assert_eq!(
        body.properties[1].enum_values,
        ["clockwise", "counterclockwise"]
    );
    let scopes: Vec<Vec<&str>> = op
        .permissions
        .iter()
        .map(|p| p.scopes.iter().map(String::as_str).collect())
        .collect();
    assert_eq!(
        scopes,
        [
            vec!["Machines.ReadWrite", "Machines.ReadWrite.All"],
            vec![],
            vec!["Machines.ReadWrite.All", "Directory.Read.All"]
        ]
    );
}

#[test]
fn function_page() {
    let (page, _) = parse("api_function.md");
    let op = &page.operations[0];
    assert_eq!(op.kind, OperationKind::Function);
    assert_eq!(op.action_name.as_deref(), Some("getWear"));
    let params: Vec<&str> = op.paths[0].params().iter().map(|p| p.name).collect();
    assert_eq!(params, ["gear-id", "period_value"]);
    assert_eq!(op.query_parameters[0].name, "period");
    assert!(op.query_parameters[0].required);
    assert!(op.request_body.as_ref().is_some_and(|b| b.none));
    let resp = op.response.as_ref().unwrap();
    assert!(resp.ty.as_ref().is_some_and(|t| t.collection));
}

#[test]
fn junk_front_matter() {
    let (page, d) = parse("front_matter_junk.md");
    assert_eq!(
        diags(&d, &[Code::FrontMatter]),
        [(2, Code::FrontMatter), (3, Code::FrontMatter)]
    );
    assert_eq!(page.meta.doc_type, Some(DocType::ResourcePage));
    assert_eq!(page.meta.front_matter["doc_type"], "resourcePageType_");
    assert_eq!(page.meta.front_matter["ms.prod"], "**TODO: Add MS prod**");
    assert_eq!(page.types[0].name, "bolt");
}

#[test]
fn http_blocks_that_do_not_parse() {
    let (page, d) = parse("bad_http.md");
    assert!(page.operations.is_empty());
    assert_eq!(
        diags(
            &d,
            &[
                Code::BadHttpBlock,
                Code::MissingAnnotation,
                Code::MissingSection
            ]
        ),
        [
            (6, Code::MissingSection),
            (6, Code::MissingSection),
            (6, Code::MissingSection),
            (10, Code::BadHttpBlock),
            (16, Code::MissingAnnotation),
            (22, Code::BadHttpBlock),
            (27, Code::BadHttpBlock),
        ]
    );
    // The unannotated request is still read.
    assert_eq!(page.examples.len(), 1);
    assert_eq!(
        page.examples[0].request.as_ref().unwrap().method,
        HttpMethod::Get
    );
}

#[test]
fn page_without_front_matter_or_title() {
    let (page, d) = parse("no_title.md");
    assert_eq!(
        diags(&d, &[Code::FrontMatter, Code::MissingTitle]),
        [(1, Code::FrontMatter), (1, Code::MissingTitle)]
    );
    assert_eq!(page.meta.title, None);
    assert_eq!(page.meta.doc_type, None);
    assert!(page.types.is_empty() && page.operations.is_empty());
}

#[test]
fn every_fixture_parses_and_every_diagnostic_is_located() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut n = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "md") {
            continue;
        }
        n += 1;
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let (page, d) = parse(&name);
        assert_eq!(page.file, FileId(7));
        for diag in d {
            assert_eq!(diag.file, format!("fixtures/{name}"));
            assert!(diag.line >= 1, "{diag}");
        }
    }
    assert!(n >= 20, "fixtures found: {n}");
}

/// (kind, action name) of a page's one operation.
fn op_kind(name: &str) -> (OperationKind, Option<String>) {
    let (page, _) = parse(name);
    let [op] = page.operations.as_slice() else {
        panic!("{name}: one operation")
    };
    (op.kind, op.action_name.clone())
}

#[test]
fn a_path_ending_in_an_operation_beats_the_title() {
    // "Create a sharing link" posts to a verb-led segment.
    assert_eq!(
        op_kind("op_verb_segment.md"),
        (OperationKind::Action, Some("createLink".into()))
    );
    // "Create table" posts to `.../tables/add`.
    assert_eq!(
        op_kind("op_bare_verb.md"),
        (OperationKind::Action, Some("add".into()))
    );
    // `delta` is the OData change-tracking function.
    assert_eq!(
        op_kind("op_delta.md"),
        (OperationKind::Function, Some("delta".into()))
    );
    // "List ..." whose Response section says "this function returns".
    assert_eq!(
        op_kind("op_says_function.md"),
        (OperationKind::Function, Some("availableGearTypes".into()))
    );
    // A navigation stays a listing.
    assert_eq!(op_kind("op_navigation.md"), (OperationKind::List, None));
}

#[test]
fn tabs_in_a_table_delimiter_row_do_not_hide_the_table() {
    let (page, _) = parse("tab_delimiter_table.md");
    let t = &page.types[0];
    let names: Vec<&str> = t.properties.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["id", "lastShared"]);
    assert_eq!(
        prop(t, "lastShared").ty,
        TypeRef::single(named("sharingDetail", Some("sharingdetail.md")))
    );
}

#[test]
fn a_return_type_header_heads_the_type_column() {
    let (page, _) = parse("return_type_header.md");
    let t = &page.types[0];
    assert_eq!(
        prop(t, "data").ty,
        TypeRef::single(TypeName::Primitive(Primitive::Binary))
    );
}

#[test]
fn properties_come_from_the_json_representation_when_no_table_has_them() {
    let (page, d) = parse("json_only_properties.md");
    let t = &page.types[0];
    assert_eq!(t.name, "workbookFilterCriteria");
    let got: Vec<(&str, String)> = t
        .properties
        .iter()
        .map(|p| (p.name.as_str(), p.ty.to_string()))
        .collect();
    let want = [
        ("color", "Edm.String"),
        ("dynamicCriteria", "Edm.String"),
        ("icon", "microsoft.graph.workbookIcon"),
        ("values", "microsoft.graph.Json"),
        ("count", "Edm.Int32"),
        ("enabled", "Edm.Boolean"),
        ("started", "Edm.DateTimeOffset"),
        ("tags", "Collection(Edm.String)"),
        ("items", "Collection(microsoft.graph.workbookIcon)"),
    ];
    let want: Vec<(&str, String)> = want.iter().map(|(n, t)| (*n, t.to_string())).collect();
    assert_eq!(got, want);
    // Each property is located at its key.
    assert_eq!(prop(t, "color").loc.line, 21);
    assert_eq!(
        diags(&d, &[Code::PropertiesFromJson]),
        [(21, Code::PropertiesFromJson)]
    );
    assert_eq!(Code::PropertiesFromJson.default_severity(), Severity::Info);

    // An open type's JSON shows dynamic properties: none are read.
    let (page, d) = parse("json_open_type.md");
    assert!(page.types[0].properties.is_empty());
    assert!(diags(&d, &[Code::PropertiesFromJson]).is_empty());
}

#[test]
fn odd_type_cells_and_value_lists() {
    let (page, _) = parse("odd_type_cells.md");
    let t = &page.types[0];
    // "collection" followed by more text still marks a collection.
    assert_eq!(
        prop(t, "outcomes").ty,
        TypeRef::collection(named("educationOutcome", Some("educationoutcome.md")))
    );
    // Linked alternatives are kept together (the merge finds their common base).
    assert_eq!(
        prop(t, "mediaConfig").ty,
        TypeRef::single(named(
            "appHostedMediaConfig or serviceHostedMediaConfig",
            Some("apphostedmediaconfig.md")
        ))
    );
    // `null` is no member; a note after a value does not end the list.
    assert_eq!(
        prop(t, "featureSettings").enum_values,
        ["requireNumberMatching", "other"]
    );
    // The Derived types table.
    let derived: Vec<(&str, Option<&str>)> = page
        .derived_types
        .iter()
        .map(|d| (d.name.as_str(), d.link.as_deref()))
        .collect();
    assert_eq!(
        derived,
        [
            ("pointsSubmission", Some("pointssubmission.md")),
            ("rubricSubmission", Some("./rubricsubmission.md"))
        ]
    );
}

#[test]
fn an_overview_page_defines_no_type() {
    let (page, _) = parse("overview_page.md");
    assert!(page.types.is_empty(), "{:?}", page.types);
    assert!(page.operations.is_empty());
}

#[test]
fn pairing_follows_the_docs_conventions() {
    let (page, d) = parse("pairing_conventions.md");
    // No request without its response, no response without its request.
    assert_eq!(diags(&d, &[Code::UnpairedExample]), []);
    let pairs: Vec<(Option<&str>, Option<u16>)> = page
        .examples
        .iter()
        .map(|e| {
            (
                e.request.as_ref().map(|r| r.url.as_str()),
                e.response.as_ref().map(|r| r.status),
            )
        })
        .collect();
    assert_eq!(
        pairs,
        [
            // The redirect pairs; the download it leads to pairs with nothing.
            (
                Some("https://graph.microsoft.com/v1.0/reports/things"),
                Some(302)
            ),
            // One response named by two requests: each gets it.
            (
                Some("https://graph.microsoft.com/v1.0/reports/things"),
                Some(200)
            ),
            (
                Some("https://graph.microsoft.com/v1.0/users/u1/things"),
                Some(200)
            ),
            // A `json` block after a request is its response.
            (
                Some("https://graph.microsoft.com/v1.0/reports/things"),
                Some(200)
            ),
            // Shown for its form; a bot's notification: no response needed.
            (
                Some("https://graph.microsoft.com/v1.0/reports/things?$top=1"),
                None
            ),
            (Some("https://bot.contoso.com/callback"), None),
        ]
    );
    // "a String in the response body": the response type.
    let op = &page.operations[0];
    assert_eq!(
        op.response
            .as_ref()
            .and_then(|r| r.ty.as_ref())
            .map(|t| t.to_string())
            .as_deref(),
        Some("Edm.String")
    );
}

//! The merge on small hand-built pages.

use graphdoc_ir::{
    ApiModel, ApiVersion, Code, Corpus, DocType, EnumMember, Example, FileId, HttpMethod, Loc,
    MethodLink, ModelOperation, Operation, OperationKind, Page, PageMeta, PathTemplate, Primitive,
    Property, RequestBody, ResponseSpec, Target, TypeDef, TypeKind, TypeName, TypeRef, TypeUse,
};
use graphdoc_merge::{merge, merge_version};

// ----- builders ---------------------------------------------------------------

struct Builder {
    corpus: Corpus,
}

impl Builder {
    fn new() -> Self {
        Self {
            corpus: Corpus::default(),
        }
    }

    /// Adds a page at `path`; `doc_type` as the front matter says.
    fn page(&mut self, path: &str, doc_type: DocType, f: impl FnOnce(FileId, &mut Page)) {
        let file = FileId(self.corpus.files.len() as u32);
        self.corpus.files.push(path.to_string());
        let mut page = Page {
            file,
            meta: PageMeta {
                doc_type: Some(doc_type),
                namespace: Some("microsoft.graph".into()),
                api_version: Some(ApiVersion::V1_0),
                ..PageMeta::default()
            },
            types: Vec::new(),
            operations: Vec::new(),
            examples: Vec::new(),
            methods: Vec::new(),
            derived_types: Vec::new(),
        };
        f(file, &mut page);
        self.corpus.pages.push(page);
    }

    fn merge(&self) -> ApiModel {
        let mut models = merge(&self.corpus);
        assert_eq!(models.len(), 1, "one version");
        models.remove(0)
    }
}

fn loc(file: FileId, line: u32) -> Loc {
    Loc::new(file, line, 1)
}

fn prim(p: Primitive) -> TypeRef {
    TypeRef::single(TypeName::Primitive(p))
}

fn named(name: &str, link: Option<&str>) -> TypeRef {
    TypeRef::single(TypeName::Named {
        name: name.into(),
        link: link.map(Into::into),
    })
}

fn prop(name: &str, ty: TypeRef, at: Loc) -> Property {
    Property {
        name: name.into(),
        ty,
        description: None,
        navigation: false,
        enum_values: Vec::new(),
        inherited_from: None,
        required: false,
        loc: at,
    }
}

fn with_values(mut p: Property, values: &[&str]) -> Property {
    p.enum_values = values.iter().map(|v| v.to_string()).collect();
    p
}

fn inherited(mut p: Property, from: &str) -> Property {
    p.inherited_from = Some(from.into());
    p
}

fn ty(name: &str, kind: TypeKind, at: Loc, properties: Vec<Property>) -> TypeDef {
    TypeDef {
        name: name.into(),
        namespace: Some("microsoft.graph".into()),
        kind,
        description: None,
        base_type: None,
        base_in_text: None,
        key: None,
        open_type: false,
        properties,
        members: Vec::new(),
        is_flags: false,
        loc: at,
    }
}

fn enum_ty(name: &str, at: Loc, members: &[&str]) -> TypeDef {
    let mut t = ty(name, TypeKind::Enum, at, Vec::new());
    t.members = members
        .iter()
        .map(|m| EnumMember {
            name: m.to_string(),
            value: None,
            description: None,
            loc: at,
        })
        .collect();
    t
}

fn op(id: &str, kind: OperationKind, method: HttpMethod, path: &str, at: Loc) -> Operation {
    Operation {
        id: id.into(),
        title: id.into(),
        kind,
        method,
        action_name: None,
        binding_type: None,
        paths: vec![PathTemplate::parse(path, at)],
        request_headers: Vec::new(),
        path_parameters: Vec::new(),
        query_parameters: Vec::new(),
        odata_options: Vec::new(),
        request_body: None,
        response: None,
        permissions: Vec::new(),
        loc: at,
    }
}

fn body(ty: Option<TypeRef>, properties: Vec<Property>, at: Loc) -> Option<RequestBody> {
    Some(RequestBody {
        ty,
        properties,
        none: false,
        loc: at,
    })
}

fn codes(m: &ApiModel) -> Vec<(Code, String, u32)> {
    m.diagnostics
        .iter()
        .map(|d| (d.code, d.file.clone(), d.line))
        .collect()
}

fn prop_of<'m>(m: &'m ApiModel, ty: &str, name: &str) -> &'m Property<TypeUse> {
    m.get(ty)
        .unwrap()
        .properties
        .iter()
        .find(|p| p.name == name)
        .unwrap_or_else(|| panic!("{ty}.{name} missing"))
}

// ----- tests ------------------------------------------------------------------

/// The entity base every test uses.
fn entity(b: &mut Builder) {
    b.page("v1.0/resources/entity.md", DocType::ResourcePage, |f, p| {
        p.types.push(ty(
            "entity",
            TypeKind::Entity,
            loc(f, 1),
            vec![prop("id", prim(Primitive::String), loc(f, 5))],
        ));
    });
}

#[test]
fn body_tables_describe_types_without_pages() {
    // Seed 000: privilegedSignupStatus has no resource page.
    let mut b = Builder::new();
    entity(&mut b);
    b.page(
        "v1.0/api/privilegedsignupstatus-post.md",
        DocType::ApiPage,
        |f, p| {
            let mut o = op(
                "privilegedsignupstatus-post",
                OperationKind::Create,
                HttpMethod::Post,
                "/privilegedSignupStatus",
                loc(f, 30),
            );
            o.request_body = body(
                Some(named(
                    "privilegedSignupStatus",
                    Some("../resources/privilegedsignupstatus.md"),
                )),
                vec![
                    inherited(prop("id", prim(Primitive::String), loc(f, 48)), "entity"),
                    prop("isRegistered", prim(Primitive::Boolean), loc(f, 49)),
                    with_values(
                        prop("status", TypeRef::single(TypeName::InlineEnum), loc(f, 50)),
                        &["unknown", "`notRegisteredYet`"],
                    ),
                ],
                loc(f, 40),
            );
            p.operations.push(o);
        },
    );
    let m = b.merge();
    let t = &m.get("microsoft.graph.privilegedSignupStatus").unwrap();
    assert_eq!(t.kind, TypeKind::Entity);
    assert_eq!(m.base_name(t), Some("microsoft.graph.entity"));
    let names: Vec<&str> = t.properties.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["isRegistered", "status"], "id comes from entity");
    assert_eq!(
        m.display(&prop_of(&m, "microsoft.graph.privilegedSignupStatus", "status").ty)
            .to_string(),
        "microsoft.graph.privilegedSignupStatusStatus"
    );
    let e = &m
        .get("microsoft.graph.privilegedSignupStatusStatus")
        .unwrap();
    assert_eq!(e.kind, TypeKind::Enum);
    let members: Vec<&str> = e.members.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(members, ["unknown", "notRegisteredYet"]);
    // The operation's own body agrees with the type.
    let o = &m.operations["privilegedsignupstatus-post"].op;
    let body = o.request_body.as_ref().unwrap();
    assert_eq!(
        body.ty.as_ref().map(|t| m.display(t).to_string()),
        Some("microsoft.graph.privilegedSignupStatus".to_string())
    );
    assert_eq!(
        m.display(&body.properties[2].ty).to_string(),
        "microsoft.graph.privilegedSignupStatusStatus"
    );
    assert!(m.diagnostics.is_empty(), "{:?}", m.diagnostics);
}

#[test]
fn named_possible_values_define_enums_once() {
    // Seeds 002 and 004: two body tables, one `complianceStatus` enum.
    let mut b = Builder::new();
    entity(&mut b);
    for (i, (stem, tyname)) in [
        ("a-post", "deviceConfigurationUserStatus"),
        ("b-post", "managedDeviceMobileAppConfigurationUserStatus"),
    ]
    .into_iter()
    .enumerate()
    {
        b.page(&format!("v1.0/api/{stem}.md"), DocType::ApiPage, |f, p| {
            let mut o = op(
                stem,
                OperationKind::Create,
                HttpMethod::Post,
                "/x",
                loc(f, 1),
            );
            let mut values = vec![
                "unknown",
                "notApplicable",
                "compliant",
                "remediated",
                "nonCompliant",
                "error",
                "conflict",
                "notAssigned",
            ];
            if i == 1 {
                // Leaves `notAssigned` out (a convention) and misspells it.
                values.pop();
                values.push("notAsigned");
            }
            o.request_body = body(
                Some(named(
                    tyname,
                    Some(&format!("../resources/intune-{tyname}.md")),
                )),
                vec![
                    inherited(prop("id", prim(Primitive::String), loc(f, 2)), "entity"),
                    with_values(
                        prop("status", named("complianceStatus", None), loc(f, 3)),
                        &values,
                    ),
                ],
                loc(f, 1),
            );
            p.operations.push(o);
        });
    }
    let m = b.merge();
    let e = &m.get("microsoft.graph.complianceStatus").unwrap();
    assert_eq!(e.kind, TypeKind::Enum);
    assert_eq!(e.members.len(), 9);
    for t in [
        "microsoft.graph.deviceConfigurationUserStatus",
        "microsoft.graph.managedDeviceMobileAppConfigurationUserStatus",
    ] {
        assert_eq!(
            m.display(&prop_of(&m, t, "status").ty).to_string(),
            "microsoft.graph.complianceStatus"
        );
    }
    // The second list adds `notAsigned`: reported, with the first definition related.
    let d: Vec<_> = m
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::EnumMemberConflict)
        .collect();
    assert_eq!(d.len(), 1, "{:?}", m.diagnostics);
    assert_eq!(d[0].file, "v1.0/api/b-post.md");
    assert_eq!(d[0].related[0].file, "v1.0/api/a-post.md");
    assert!(
        d[0].message.contains("added: notAsigned"),
        "{}",
        d[0].message
    );
}

#[test]
fn resource_pages_win_and_bodies_add_missing_properties() {
    let mut b = Builder::new();
    entity(&mut b);
    b.page("v1.0/api/widget-update.md", DocType::ApiPage, |f, p| {
        let mut o = op(
            "widget-update",
            OperationKind::Update,
            HttpMethod::Patch,
            "/widgets/{id}",
            loc(f, 1),
        );
        o.request_body = body(
            Some(named("widget", Some("../resources/widget.md"))),
            vec![
                prop("size", prim(Primitive::String), loc(f, 10)),
                prop("weight", prim(Primitive::Double), loc(f, 11)),
                inherited(prop("id", prim(Primitive::String), loc(f, 12)), "entity"),
            ],
            loc(f, 9),
        );
        p.operations.push(o);
    });
    b.page("v1.0/resources/widget.md", DocType::ResourcePage, |f, p| {
        let mut t = ty(
            "widget",
            TypeKind::Entity,
            loc(f, 1),
            vec![
                prop("id", prim(Primitive::String), loc(f, 19)),
                prop("size", prim(Primitive::Int32), loc(f, 20)),
                prop("owner", named("User", Some("user.md")), loc(f, 21)),
                prop("color", named("color", Some("#color-values")), loc(f, 22)),
                prop("shade", named("Color", None), loc(f, 23)),
            ],
        );
        t.base_type = Some("Entity".into());
        p.types.push(t);
        p.types
            .push(enum_ty("color", loc(f, 40), &["red", "green"]));
    });
    b.page("v1.0/resources/user.md", DocType::ResourcePage, |f, p| {
        p.types
            .push(ty("user", TypeKind::Entity, loc(f, 1), Vec::new()));
    });
    let m = b.merge();
    let w = &m.get("microsoft.graph.widget").unwrap();
    let names: Vec<&str> = w.properties.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["size", "owner", "color", "shade", "weight"]);
    assert_eq!(m.base_name(w), Some("microsoft.graph.entity"));
    assert_eq!(
        m.display(&prop_of(&m, "microsoft.graph.widget", "size").ty)
            .to_string(),
        Primitive::Int32.edm_name()
    );
    assert_eq!(
        m.display(&prop_of(&m, "microsoft.graph.widget", "owner").ty)
            .to_string(),
        "microsoft.graph.user"
    );
    assert_eq!(
        m.display(&prop_of(&m, "microsoft.graph.widget", "color").ty)
            .to_string(),
        "microsoft.graph.color"
    );
    assert_eq!(
        m.display(&prop_of(&m, "microsoft.graph.widget", "shade").ty)
            .to_string(),
        "microsoft.graph.color"
    );
    assert_eq!(w.sources.len(), 2, "the resource page, then the body table");
    assert_eq!(
        codes(&m),
        [
            (
                Code::PropertyTypeConflict,
                "v1.0/api/widget-update.md".into(),
                10
            ),
            (
                Code::BodyOnlyProperty,
                "v1.0/api/widget-update.md".into(),
                11
            ),
        ]
    );
    let conflict = &m.diagnostics[0];
    assert_eq!(conflict.related[0].file, "v1.0/resources/widget.md");
    assert_eq!(conflict.related[0].line, 20);
}

#[test]
fn duplicate_definitions_and_unknown_types_are_reported() {
    let mut b = Builder::new();
    b.page("v1.0/resources/b.md", DocType::ResourcePage, |f, p| {
        p.types.push(ty(
            "thing",
            TypeKind::Complex,
            loc(f, 3),
            vec![
                prop("x", prim(Primitive::Int64), loc(f, 7)),
                prop("y", prim(Primitive::String), loc(f, 8)),
            ],
        ));
    });
    b.page("v1.0/resources/a.md", DocType::ResourcePage, |f, p| {
        p.types.push(ty(
            "Thing",
            TypeKind::Complex,
            loc(f, 3),
            vec![
                prop("x", prim(Primitive::Int32), loc(f, 7)),
                prop(
                    "ghost",
                    named("nothingLikeThis", Some("nothing.md")),
                    loc(f, 9),
                ),
            ],
        ));
        p.types.push(enum_ty("mood", loc(f, 20), &["happy"]));
    });
    b.page("v1.0/resources/enums.md", DocType::EnumPage, |f, p| {
        p.types.push(enum_ty("mood", loc(f, 5), &["happy", "sad"]));
    });
    let m = b.merge();
    // a.md is first by path: its spelling, its `x`; `y` is added from b.md.
    let t = &m.get("microsoft.graph.Thing").unwrap();
    let names: Vec<&str> = t.properties.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["x", "ghost", "y"]);
    assert_eq!(
        m.display(&prop_of(&m, "microsoft.graph.Thing", "x").ty)
            .to_string(),
        Primitive::Int32.edm_name()
    );
    assert_eq!(
        m.display(&prop_of(&m, "microsoft.graph.Thing", "ghost").ty)
            .to_string(),
        "nothingLikeThis"
    );
    let mood = &m.get("microsoft.graph.mood").unwrap();
    assert_eq!(mood.members.len(), 2);
    assert_eq!(
        codes(&m),
        [
            (Code::UnresolvedType, "v1.0/resources/a.md".into(), 9),
            // A repeated definition adds to the first; only its `x` conflicts.
            (Code::PropertyTypeConflict, "v1.0/resources/b.md".into(), 7),
            (
                Code::EnumMemberConflict,
                "v1.0/resources/enums.md".into(),
                5
            ),
        ]
    );
    let dup = &m.diagnostics[1];
    assert_eq!(dup.related[0].file, "v1.0/resources/a.md");
}

#[test]
fn namespaces_and_qualified_names_resolve() {
    let mut b = Builder::new();
    entity(&mut b);
    b.page(
        "v1.0/resources/callrecords-session.md",
        DocType::ResourcePage,
        |f, p| {
            p.meta.namespace = Some("microsoft.graph.callRecords".into());
            let mut t = ty("session", TypeKind::Entity, loc(f, 1), Vec::new());
            t.namespace = None;
            t.base_type = Some("entity".into());
            p.types.push(t);
        },
    );
    b.page(
        "v1.0/resources/callrecords-callrecord.md",
        DocType::ResourcePage,
        |f, p| {
            p.meta.namespace = Some("microsoft.graph.callRecords".into());
            let mut t = ty(
                "callRecord",
                TypeKind::Entity,
                loc(f, 1),
                vec![
                    prop(
                        "sessions",
                        TypeRef::collection(TypeName::Named {
                            name: "microsoft.graph.callRecords.session".into(),
                            link: Some("callrecords-session.md".into()),
                        }),
                        loc(f, 30),
                    ),
                    prop("other", named("Session", None), loc(f, 31)),
                    prop(
                        "site",
                        named(
                            "session",
                            Some("/graph/api/resources/callrecords-session?view=graph-rest-1.0"),
                        ),
                        loc(f, 32),
                    ),
                ],
            );
            t.namespace = Some("microsoft.graph.callRecords".into());
            t.properties[0].navigation = true;
            p.types.push(t);
        },
    );
    let m = b.merge();
    let session = &m.get("microsoft.graph.callRecords.session").unwrap();
    assert_eq!(session.namespace(), "microsoft.graph.callRecords");
    assert_eq!(m.base_name(session), Some("microsoft.graph.entity"));
    let cr = "microsoft.graph.callRecords.callRecord";
    let sessions = prop_of(&m, cr, "sessions");
    assert!(sessions.navigation && sessions.ty.collection);
    let session = session.id;
    for p in ["sessions", "other", "site"] {
        assert_eq!(prop_of(&m, cr, p).ty.target, Target::Type(session), "{p}");
    }
    assert!(m.diagnostics.is_empty(), "{:?}", m.diagnostics);
    for (i, t) in m.types.iter().enumerate() {
        assert_eq!(t.id.index(), i);
        assert_eq!(t.qualified, format!("{}.{}", t.namespace(), t.name()));
    }
}

#[test]
fn inheritance_infers_bases_drops_repeats_and_cuts_cycles() {
    let mut b = Builder::new();
    entity(&mut b);
    b.page(
        "v1.0/resources/directoryobject.md",
        DocType::ResourcePage,
        |f, p| {
            let mut t = ty(
                "directoryObject",
                TypeKind::Entity,
                loc(f, 1),
                vec![
                    prop("id", prim(Primitive::String), loc(f, 3)),
                    prop(
                        "deletedDateTime",
                        prim(Primitive::DateTimeOffset),
                        loc(f, 4),
                    ),
                ],
            );
            t.base_type = Some("entity".into());
            p.types.push(t);
        },
    );
    b.page("v1.0/resources/user.md", DocType::ResourcePage, |f, p| {
        // No "Inherits from": the notes name both levels; the deeper wins.
        p.types.push(ty(
            "user",
            TypeKind::Entity,
            loc(f, 1),
            vec![
                inherited(prop("id", prim(Primitive::String), loc(f, 3)), "entity"),
                inherited(
                    prop(
                        "deletedDateTime",
                        prim(Primitive::DateTimeOffset),
                        loc(f, 4),
                    ),
                    "directoryObject",
                ),
                prop("displayName", prim(Primitive::String), loc(f, 5)),
                prop("deletedDateTime", prim(Primitive::String), loc(f, 6)),
            ],
        ));
    });
    b.page("v1.0/resources/x.md", DocType::ResourcePage, |f, p| {
        let mut x = ty("x", TypeKind::Complex, loc(f, 1), Vec::new());
        x.base_type = Some("y".into());
        let mut y = ty("y", TypeKind::Complex, loc(f, 9), Vec::new());
        y.base_type = Some("x".into());
        p.types.push(x);
        p.types.push(y);
    });
    let m = b.merge();
    let user = &m.get("microsoft.graph.user").unwrap();
    assert_eq!(m.base_name(user), Some("microsoft.graph.directoryObject"));
    let names: Vec<&str> = user.properties.iter().map(|p| p.name.as_str()).collect();
    // `id` and the noted `deletedDateTime` are inherited; the re-typed repeat
    // is dropped too (CSDL has no redeclaring), reported.
    assert_eq!(names, ["displayName"]);
    let dobj = &m.get("microsoft.graph.directoryObject").unwrap();
    assert_eq!(dobj.properties.len(), 1, "id is entity's");
    let bases = (
        m.base_name(m.get("microsoft.graph.x").unwrap()),
        m.base_name(m.get("microsoft.graph.y").unwrap()),
    );
    // The cycle is cut where it closes: at `y`, walking from `x`.
    assert_eq!(bases, (Some("microsoft.graph.y"), None));
    assert_eq!(
        codes(&m),
        [
            (
                Code::PropertyTypeConflict,
                "v1.0/resources/user.md".into(),
                6
            ),
            (Code::InheritanceCycle, "v1.0/resources/x.md".into(), 9),
        ]
    );
}

#[test]
fn operations_bind_dedupe_and_keep_their_examples() {
    let mut b = Builder::new();
    entity(&mut b);
    b.page(
        "v1.0/resources/driveitem.md",
        DocType::ResourcePage,
        |f, p| {
            p.meta.workload = Some("sharepoint".into());
            let mut t = ty("driveItem", TypeKind::Entity, loc(f, 1), Vec::new());
            t.base_type = Some("entity".into());
            p.types.push(t);
            p.methods.push(MethodLink {
                title: "Follow".into(),
                link: Some("../api/item-follow.md".into()),
                returns: None,
                description: None,
                loc: loc(f, 10),
            });
        },
    );
    b.page("v1.0/api/driveitem-copy.md", DocType::ApiPage, |f, p| {
        p.meta.workload = Some("sharepoint".into());
        p.operations.push(op(
            "driveitem-copy",
            OperationKind::Action,
            HttpMethod::Post,
            "/drives/{drive-id}/items/{item-id}/copy",
            loc(f, 20),
        ));
        let example = |name: &str, operation| Example {
            name: Some(name.into()),
            request: None,
            response: None,
            operation,
        };
        p.examples.push(example("copy_item", None));
    });
    b.page("v1.0/api/item-follow.md", DocType::ApiPage, |f, p| {
        let mut o = op(
            "item-follow",
            OperationKind::Action,
            HttpMethod::Post,
            "/me/drive/items/{id}/follow",
            loc(f, 20),
        );
        o.action_name = Some("follow".into());
        o.response = Some(ResponseSpec {
            status: Some(200),
            ty: Some(named("driveItem", Some("../resources/driveitem.md"))),
            loc: loc(f, 40),
        });
        p.operations.push(o);
    });
    b.page("v1.0/api/user-delta.md", DocType::ApiPage, |f, p| {
        let mut o = op(
            "user-delta",
            OperationKind::Function,
            HttpMethod::Get,
            "/users/delta()",
            loc(f, 20),
        );
        o.binding_type = Some("user".into());
        o.action_name = Some("delta".into());
        let mut mode = prop("mode", TypeRef::single(TypeName::InlineEnum), loc(f, 30));
        mode.enum_values = vec!["fast".into(), "slow".into()];
        o.request_body = body(None, vec![mode], loc(f, 29));
        p.operations.push(o.clone());
        let mut second = o;
        second.loc = loc(f, 60);
        p.operations.push(second);
        p.examples.push(Example {
            name: Some("second".into()),
            request: None,
            response: None,
            operation: Some(1),
        });
    });
    let m = b.merge();

    let copy = &m.operations["driveitem-copy"];
    let bound = |o: &ModelOperation| o.binding.map(|b| m.ty(b.ty).qualified.as_str());
    assert_eq!(bound(copy), Some("microsoft.graph.driveItem"));
    assert_eq!(copy.op.action_name.as_deref(), Some("copy"));
    assert_eq!(copy.workload.as_deref(), Some("sharepoint"));
    assert_eq!(copy.examples.len(), 1);
    assert_eq!(
        m.get("microsoft.graph.driveItem")
            .unwrap()
            .workload
            .as_deref(),
        Some("sharepoint")
    );

    assert_eq!(
        bound(&m.operations["item-follow"]),
        Some("microsoft.graph.driveItem"),
        "from the Methods table"
    );
    let follow = &m.operations["item-follow"].op;
    assert_eq!(
        follow
            .response
            .as_ref()
            .unwrap()
            .ty
            .as_ref()
            .map(|t| m.display(t).to_string()),
        Some("microsoft.graph.driveItem".to_string())
    );

    // An unknown binding is kept as written, with a diagnostic; ids are made unique.
    let delta = &m.operations["user-delta"].op;
    assert_eq!(delta.binding_type.as_deref(), Some("user"));
    assert_eq!(m.operations["user-delta"].binding, None);
    assert_eq!(
        m.display(&delta.request_body.as_ref().unwrap().properties[0].ty)
            .to_string(),
        "microsoft.graph.deltaMode"
    );
    assert!(m.get("microsoft.graph.deltaMode").is_some());
    assert!(m.operations["user-delta"].examples.is_empty());
    assert_eq!(m.operations["user-delta-2"].examples.len(), 1);
    assert_eq!(
        codes(&m),
        [
            (Code::UnresolvedType, "v1.0/api/user-delta.md".into(), 20),
            (Code::UnresolvedType, "v1.0/api/user-delta.md".into(), 60),
            (
                Code::DuplicateOperationId,
                "v1.0/api/user-delta.md".into(),
                60
            ),
        ]
    );
    assert_eq!(m.diagnostics[2].related[0].line, 20);
}

#[test]
fn versions_split_and_output_is_deterministic() {
    let mut b = Builder::new();
    entity(&mut b);
    b.page("beta/resources/entity.md", DocType::ResourcePage, |f, p| {
        p.meta.api_version = Some(ApiVersion::Beta);
        p.types
            .push(ty("entity", TypeKind::Entity, loc(f, 1), Vec::new()));
    });
    b.page("seed.txt", DocType::ApiPage, |f, p| {
        p.meta.api_version = None;
        p.types.push(enum_ty("lonely", loc(f, 1), &["a"]));
    });
    let models = merge(&b.corpus);
    let versions: Vec<ApiVersion> = models.iter().map(|m| m.version).collect();
    assert_eq!(versions, [ApiVersion::V1_0, ApiVersion::Beta]);
    assert!(
        models[0].get("microsoft.graph.lonely").is_some(),
        "no version counts as v1.0"
    );
    assert_eq!(models[1].types.len(), 1);
    assert!(merge(&Corpus::default()).is_empty());
    assert!(
        merge_version(&b.corpus, ApiVersion::Beta)
            .get("microsoft.graph.entity")
            .is_some()
    );

    // The page order of the corpus does not matter.
    let mut shuffled = b.corpus.clone();
    shuffled.pages.reverse();
    let a = serde_json::to_string(&merge(&b.corpus)).unwrap();
    let z = serde_json::to_string(&merge(&shuffled)).unwrap();
    assert_eq!(a, z);
}

fn nav(mut p: Property) -> Property {
    p.navigation = true;
    p
}

#[test]
fn kinds_follow_usage_and_inheritance() {
    let mut b = Builder::new();
    entity(&mut b);
    b.page("v1.0/resources/user.md", DocType::ResourcePage, |f, p| {
        let mut t = ty(
            "user",
            TypeKind::Entity,
            loc(f, 1),
            vec![
                prop("identity", named("identity", None), loc(f, 3)),
                nav(prop("activity", named("activity", None), loc(f, 4))),
            ],
        );
        t.base_type = Some("entity".into());
        p.types.push(t);
    });
    // Entities only by their `id`: one is embedded in another type (complex),
    // one is navigated to (entity).
    b.page(
        "v1.0/resources/identity.md",
        DocType::ResourcePage,
        |f, p| {
            p.types.push(ty(
                "identity",
                TypeKind::Entity,
                loc(f, 1),
                vec![prop("id", prim(Primitive::String), loc(f, 3))],
            ));
        },
    );
    b.page(
        "v1.0/resources/activity.md",
        DocType::ResourcePage,
        |f, p| {
            p.types.push(ty(
                "activity",
                TypeKind::Entity,
                loc(f, 1),
                vec![prop("id", prim(Primitive::String), loc(f, 3))],
            ));
        },
    );
    // Derived from the complex `identity`: complex too.
    b.page(
        "v1.0/resources/useridentity.md",
        DocType::ResourcePage,
        |f, p| {
            let mut t = ty(
                "userIdentity",
                TypeKind::Entity,
                loc(f, 1),
                vec![prop("ip", prim(Primitive::String), loc(f, 3))],
            );
            t.base_type = Some("identity".into());
            p.types.push(t);
        },
    );
    // Complex by its page, deriving from an entity: an entity.
    b.page(
        "v1.0/resources/special.md",
        DocType::ResourcePage,
        |f, p| {
            let mut t = ty("special", TypeKind::Complex, loc(f, 1), Vec::new());
            t.base_type = Some("activity".into());
            p.types.push(t);
        },
    );
    let m = b.merge();
    let kind = |q: &str| (m.get(q).unwrap().kind, m.get(q).unwrap().key.clone());
    assert_eq!(kind("microsoft.graph.identity"), (TypeKind::Complex, None));
    assert_eq!(
        kind("microsoft.graph.userIdentity"),
        (TypeKind::Complex, None)
    );
    assert_eq!(kind("microsoft.graph.activity").0, TypeKind::Entity);
    assert_eq!(kind("microsoft.graph.special").0, TypeKind::Entity);
    assert_eq!(kind("microsoft.graph.user").0, TypeKind::Entity);
}

#[test]
fn references_paths_and_derived_types_tables() {
    let mut b = Builder::new();
    entity(&mut b);
    b.page(
        "v1.0/resources/meetinginfo.md",
        DocType::ResourcePage,
        |f, p| {
            p.types
                .push(ty("meetingInfo", TypeKind::Complex, loc(f, 1), Vec::new()));
            p.derived_types.push(graphdoc_ir::DerivedType {
                name: "organizerMeetingInfo".into(),
                link: Some("organizermeetinginfo.md".into()),
                loc: loc(f, 5),
            });
            p.derived_types.push(graphdoc_ir::DerivedType {
                name: "tokenMeetingInfo".into(),
                link: Some("tokenmeetinginfo.md".into()),
                loc: loc(f, 6),
            });
        },
    );
    for (path, name) in [
        (
            "v1.0/resources/organizermeetinginfo.md",
            "organizerMeetingInfo",
        ),
        ("v1.0/resources/tokenmeetinginfo.md", "tokenMeetingInfo"),
        ("v1.0/resources/participantinfo.md", "participantInfo"),
        (
            "v1.0/resources/invitationparticipantinfo.md",
            "invitationParticipantInfo",
        ),
    ] {
        b.page(path, DocType::ResourcePage, |f, p| {
            p.types
                .push(ty(name, TypeKind::Complex, loc(f, 1), Vec::new()));
        });
    }
    b.page("v1.0/resources/call.md", DocType::ResourcePage, |f, p| {
        let mut t = ty(
            "call",
            TypeKind::Entity,
            loc(f, 1),
            vec![
                // Alternatives: their common base.
                prop(
                    "meetingInfo",
                    named(
                        "organizerMeetingInfo or tokenMeetingInfo",
                        Some("organizermeetinginfo.md"),
                    ),
                    loc(f, 3),
                ),
                // The written name beats a link to another type's page.
                prop(
                    "targets",
                    named("invitationParticipantInfo", Some("participantinfo.md")),
                    loc(f, 4),
                ),
                // Addressed by key below an instance: a collection.
                nav(prop("replies", named("call", None), loc(f, 5))),
                // Not addressed by key: stays single.
                nav(prop("source", named("call", None), loc(f, 6))),
            ],
        );
        t.base_type = Some("entity".into());
        p.types.push(t);
    });
    b.page("v1.0/api/call-get-reply.md", DocType::ApiPage, |f, p| {
        p.operations.push(op(
            "call-get-reply",
            OperationKind::Get,
            HttpMethod::Get,
            "/calls/{call-id}/replies/{reply-id}",
            loc(f, 3),
        ));
    });
    // An action posted to a collection is bound to the collection of its type.
    b.page("v1.0/api/call-post-add.md", DocType::ApiPage, |f, p| {
        p.operations.push(op(
            "call-post-add",
            OperationKind::Action,
            HttpMethod::Post,
            "/me/calls/{call-id}/replies/add",
            loc(f, 3),
        ));
    });
    let m = b.merge();
    assert_eq!(
        m.base_name(m.get("microsoft.graph.organizerMeetingInfo").unwrap()),
        Some("microsoft.graph.meetingInfo")
    );
    let call = "microsoft.graph.call";
    assert_eq!(
        m.display(&prop_of(&m, call, "meetingInfo").ty).to_string(),
        "microsoft.graph.meetingInfo"
    );
    assert_eq!(
        m.display(&prop_of(&m, call, "targets").ty).to_string(),
        "microsoft.graph.invitationParticipantInfo"
    );
    assert!(prop_of(&m, call, "replies").ty.collection);
    assert!(!prop_of(&m, call, "source").ty.collection);
    let add = &m.operations["call-post-add"];
    assert_eq!(
        (
            add.op.action_name.as_deref(),
            add.binding
                .map(|b| (m.ty(b.ty).qualified.as_str(), b.collection))
        ),
        (Some("add"), Some(("microsoft.graph.call", true)))
    );
}

/// An example response of `op`, with this JSON body.
fn response_example(op: usize, body: serde_json::Value, at: Loc) -> Example {
    Example {
        name: None,
        request: None,
        response: Some(graphdoc_ir::ExampleResponse {
            status: 200,
            reason: None,
            headers: Vec::new(),
            body: Some(graphdoc_ir::Body::Json(body)),
            annotation: graphdoc_ir::Annotation::default(),
            truncated: false,
            loc: at,
        }),
        operation: Some(op),
    }
}

#[test]
fn keys_bindings_spellings_and_shapes_are_decided_once() {
    let mut b = Builder::new();
    entity(&mut b);
    // `shift` names its key but its table lacks it, and its example shows
    // it: it inherits the key from `entity`. `shiftItem` names a key its
    // examples never show: no base is made up for it.
    b.page("v1.0/resources/shift.md", DocType::ResourcePage, |f, p| {
        let mut t = ty(
            "shift",
            TypeKind::Entity,
            loc(f, 1),
            vec![
                nav(prop(
                    "items",
                    TypeRef::collection(TypeName::Named {
                        name: "shiftItem".into(),
                        link: None,
                    }),
                    loc(f, 3),
                )),
                prop("notes", prim(Primitive::String), loc(f, 4)),
            ],
        );
        t.key = Some("id".into());
        p.types.push(t);
    });
    b.page(
        "v1.0/resources/shiftitem.md",
        DocType::ResourcePage,
        |f, p| {
            let mut t = ty(
                "shiftItem",
                TypeKind::Entity,
                loc(f, 1),
                vec![prop("label", prim(Primitive::String), loc(f, 3))],
            );
            t.key = Some("id".into());
            p.types.push(t);
        },
    );
    b.page("v1.0/resources/widget.md", DocType::ResourcePage, |f, p| {
        let mut t = ty(
            "widget",
            TypeKind::Entity,
            loc(f, 1),
            vec![prop("size", prim(Primitive::Int32), loc(f, 3))],
        );
        t.base_type = Some("entity".into());
        p.types.push(t);
    });
    b.page("v1.0/api/shift-get.md", DocType::ApiPage, |f, p| {
        let mut o = op(
            "shift-get",
            OperationKind::Get,
            HttpMethod::Get,
            "/shifts/{id}",
            loc(f, 3),
        );
        o.response = Some(ResponseSpec {
            status: Some(200),
            ty: Some(named("shift", None)),
            loc: loc(f, 5),
        });
        p.operations.push(o);
        p.examples.push(response_example(
            0,
            serde_json::json!({"id": "1", "notes": "n"}),
            loc(f, 9),
        ));
    });
    // Collection bindings: by key elsewhere, by a collection-valued
    // property, by a `...Collection` title; an instance binding.
    let action = |id: &str, path: &str, title_binding: &str, f: FileId| {
        let mut o = op(id, OperationKind::Action, HttpMethod::Post, path, loc(f, 3));
        o.binding_type = Some(title_binding.into());
        o
    };
    b.page("v1.0/api/widget-delta.md", DocType::ApiPage, |f, p| {
        p.operations
            .push(action("widget-delta", "/Widgets/delta", "widget", f));
    });
    b.page("v1.0/api/widget-get.md", DocType::ApiPage, |f, p| {
        p.operations.push(op(
            "widget-get",
            OperationKind::Get,
            HttpMethod::Get,
            "/widgets/{id}",
            loc(f, 3),
        ));
    });
    b.page("v1.0/api/widget-spin.md", DocType::ApiPage, |f, p| {
        p.operations
            .push(action("widget-spin", "/widgets/{id}/spin", "widget", f));
    });
    b.page("v1.0/api/shiftitem-sort.md", DocType::ApiPage, |f, p| {
        p.operations.push(action(
            "shiftitem-sort",
            "/shifts/{id}/items/sort",
            "shiftItem",
            f,
        ));
    });
    b.page(
        "v1.0/api/widgetcollection-add.md",
        DocType::ApiPage,
        |f, p| {
            p.operations.push(action(
                "widgetcollection-add",
                "/me/widgetHolder/add",
                "WidgetCollection",
                f,
            ));
        },
    );
    // An update's body is a patch of its binding type, found by its id.
    b.page("v1.0/api/widget-update.md", DocType::ApiPage, |f, p| {
        let mut o = op(
            "widget-update",
            OperationKind::Update,
            HttpMethod::Patch,
            "/widgets/{id}",
            loc(f, 3),
        );
        o.request_body = body(
            None,
            vec![prop("size", prim(Primitive::Int32), loc(f, 5))],
            loc(f, 4),
        );
        p.operations.push(o);
    });
    let m = b.merge();

    assert_eq!(
        m.base_name(m.get("microsoft.graph.shift").unwrap()),
        Some("microsoft.graph.entity")
    );
    assert_eq!(
        m.base_name(m.get("microsoft.graph.shiftItem").unwrap()),
        None
    );
    let entity = m.get("microsoft.graph.entity").unwrap();
    let derived: Vec<&str> = entity.derived.iter().map(|&d| m.ty(d).name()).collect();
    assert_eq!(derived, ["shift", "widget"]);

    let binding = |id: &str| {
        let b = m.operations[id].binding.unwrap();
        (m.ty(b.ty).name(), b.collection)
    };
    assert_eq!(binding("widget-delta"), ("widget", true));
    assert_eq!(binding("widget-spin"), ("widget", false));
    assert_eq!(binding("shiftitem-sort"), ("shiftItem", true));
    assert_eq!(binding("widgetcollection-add"), ("widget", true));
    // `/Widgets/delta` is spelled as the other templates spell the segment.
    assert_eq!(
        m.operations["widget-delta"].op.paths[0].template,
        "/widgets/delta"
    );

    let widget = m.get("microsoft.graph.widget").unwrap().id;
    assert_eq!(
        m.operations["widget-update"].request,
        graphdoc_ir::RequestShape::Patch(widget)
    );
    assert_eq!(
        m.operations["widget-get"].response,
        graphdoc_ir::ResponseShape::Json
    );
    let shift = m.get("microsoft.graph.shift").unwrap().id;
    assert_eq!(
        m.operations["shift-get"].response,
        graphdoc_ir::ResponseShape::Entity(shift)
    );
    assert_eq!(
        m.operations["widget-spin"].request,
        graphdoc_ir::RequestShape::None
    );
}

#[test]
fn repeated_definitions_conflict_only_on_their_base() {
    let mut b = Builder::new();
    entity(&mut b);
    for (path, base) in [
        ("v1.0/resources/a.md", "entity"),
        ("v1.0/resources/b.md", "other"),
    ] {
        b.page(path, DocType::ResourcePage, |f, p| {
            let mut t = ty("thing", TypeKind::Entity, loc(f, 3), Vec::new());
            t.base_type = Some(base.into());
            p.types.push(t);
        });
    }
    b.page("v1.0/resources/other.md", DocType::ResourcePage, |f, p| {
        p.types
            .push(ty("other", TypeKind::Entity, loc(f, 1), Vec::new()));
    });
    let m = b.merge();
    assert_eq!(
        codes(&m),
        [(
            Code::DuplicateTypeDefinition,
            "v1.0/resources/b.md".into(),
            3
        )]
    );
    assert_eq!(
        m.base_name(m.get("microsoft.graph.thing").unwrap()),
        Some("microsoft.graph.entity")
    );
}

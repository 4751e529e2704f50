//! Reading hand-written CSDL, writing it back, and re-reading the output.

use graphdoc_csdl::{CsdlError, read_metadata, read_metadata_with, write_csdl};
use graphdoc_ir::{
    ApiModel, ApiVersion, Binding, Code, Loc, OperationKind, Primitive, RequestShape,
    ResponseShape, Target, TypeId, TypeKind, TypeUse,
};

const SAMPLE: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
  <edmx:DataServices>
    <Schema Namespace="microsoft.graph" Alias="graph" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <EnumType Name="mailTipsType" IsFlags="true">
        <Member Name="automaticReplies" Value="1" />
        <Member Name="mailboxFullStatus" Value="2" />
      </EnumType>
      <EnumType Name="status">
        <Member Name="active" Value="0" />
        <Member Name="retired" Value="1" />
      </EnumType>
      <EntityType Name="entity" Abstract="true">
        <Key>
          <PropertyRef Name="id" />
        </Key>
        <Property Name="id" Type="Edm.String" Nullable="false" />
      </EntityType>
      <EntityType Name="user" BaseType="graph.entity" OpenType="true">
        <Annotation Term="Org.OData.Core.V1.Description" String="A user &amp; more." />
        <Property Name="displayName" Type="Edm.String" />
        <Property Name="businessPhones" Type="Collection(Edm.String)" Nullable="false" />
        <Property Name="status" Type="graph.status" />
        <Property Name="place" Type="Edm.GeographyPoint" />
        <NavigationProperty Name="manager" Type="graph.user" />
        <NavigationProperty Name="calls" Type="Collection(microsoft.graph.callRecords.callRecord)" ContainsTarget="true" />
      </EntityType>
      <ComplexType Name="identity" OpenType="true">
        <Property Name="displayName" Type="Edm.String" />
      </ComplexType>
      <Action Name="assignLicense" IsBound="true">
        <Parameter Name="bindingParameter" Type="graph.user" />
        <Parameter Name="addLicenses" Type="Collection(Edm.Guid)" Nullable="false" />
        <ReturnType Type="graph.user" />
      </Action>
      <Function Name="delta" IsBound="true" IsComposable="true">
        <Parameter Name="bindparameter" Type="Collection(graph.user)" />
        <ReturnType Type="Collection(graph.user)" />
      </Function>
      <Function Name="reminderView" IsBound="true">
        <Parameter Name="bindingParameter" Type="graph.user" />
        <Parameter Name="StartDateTime" Type="Edm.String" />
        <ReturnType Type="Collection(graph.identity)" />
      </Function>
      <Function Name="reminderView" IsBound="true">
        <Parameter Name="bindingParameter" Type="graph.user" />
        <Parameter Name="StartDateTime" Type="Edm.String" />
        <Parameter Name="EndDateTime" Type="Edm.String" />
        <ReturnType Type="Collection(graph.identity)" />
      </Function>
      <Annotations Target="microsoft.graph.identity/displayName">
        <Annotation Term="Org.OData.Core.V1.Description" String="The name." />
      </Annotations>
    </Schema>
    <Schema Namespace="microsoft.graph.callRecords" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <EntityType Name="callRecord" BaseType="graph.entity">
        <Property Name="version" Type="Edm.Int64" Nullable="false" />
      </EntityType>
    </Schema>
  </edmx:DataServices>
</edmx:Edmx>
"#;

fn id(m: &ApiModel, qualified: &str) -> TypeId {
    m.get(qualified)
        .unwrap_or_else(|| panic!("no type {qualified}"))
        .id
}

fn single(target: Target) -> TypeUse {
    TypeUse::single(target)
}

#[test]
fn reads_types_enums_and_operations() {
    let m = read_metadata(SAMPLE).expect("sample reads");
    assert_eq!(m.version, ApiVersion::V1_0);
    assert_eq!(m.files, vec!["$metadata".to_string()]);
    let names: Vec<&str> = m.types.iter().map(|t| t.qualified.as_str()).collect();
    assert_eq!(
        names,
        [
            "microsoft.graph.callRecords.callRecord",
            "microsoft.graph.entity",
            "microsoft.graph.identity",
            "microsoft.graph.mailTipsType",
            "microsoft.graph.status",
            "microsoft.graph.user",
        ]
    );
    for (i, t) in m.types.iter().enumerate() {
        assert_eq!(t.id, TypeId(i as u32));
    }

    let entity = m.get("microsoft.graph.entity").unwrap();
    assert_eq!(entity.kind, TypeKind::Entity);
    assert_eq!(entity.key.as_deref(), Some("id"));
    assert_eq!(entity.loc, Loc::new(graphdoc_ir::FileId(0), 13, 7));
    // `graph.entity` (the alias) resolves to the type; `derived` follows.
    let (user_id, call_id) = (
        id(&m, "microsoft.graph.user"),
        id(&m, "microsoft.graph.callRecords.callRecord"),
    );
    assert_eq!(entity.derived, [call_id, user_id]);

    let user = m.ty(user_id);
    assert_eq!(user.base, Some(entity.id));
    assert_eq!(m.base_name(user), Some("microsoft.graph.entity"));
    assert!(user.open_type);
    assert_eq!(user.key, None);
    assert_eq!(user.description.as_deref(), Some("A user & more."));
    let props: Vec<(&str, String, bool)> = user
        .properties
        .iter()
        .map(|p| (p.name.as_str(), m.display(&p.ty).to_string(), p.navigation))
        .collect();
    assert_eq!(
        props,
        [
            ("displayName", "Edm.String".to_string(), false),
            (
                "businessPhones",
                "Collection(Edm.String)".to_string(),
                false
            ),
            ("status", "microsoft.graph.status".to_string(), false),
            ("place", "Edm.GeographyPoint".to_string(), false),
            ("manager", "microsoft.graph.user".to_string(), true),
            (
                "calls",
                "Collection(microsoft.graph.callRecords.callRecord)".to_string(),
                true
            ),
        ]
    );
    assert_eq!(
        user.properties[2].ty,
        single(Target::Type(id(&m, "microsoft.graph.status")))
    );
    assert_eq!(
        user.properties[3].ty.target,
        Target::Unresolved("Edm.GeographyPoint".into())
    );
    assert_eq!(user.properties[4].ty, single(Target::Type(user_id)));
    let inherited: Vec<&str> = m
        .all_properties(user_id)
        .iter()
        .map(|(_, p)| p.name.as_str())
        .take(2)
        .collect();
    assert_eq!(inherited, ["id", "displayName"]);
    assert_eq!(m.diagnostics.len(), 1);
    assert_eq!(m.diagnostics[0].code, Code::CsdlUnsupportedType);
    assert_eq!(m.diagnostics[0].line, 24);

    let identity = m.get("microsoft.graph.identity").unwrap();
    assert_eq!(identity.kind, TypeKind::Complex);
    assert_eq!(
        identity.properties[0].description.as_deref(),
        Some("The name.")
    );

    let flags = m.get("microsoft.graph.mailTipsType").unwrap();
    assert_eq!(flags.kind, TypeKind::Enum);
    assert!(flags.is_flags);
    assert_eq!(flags.members[1].name, "mailboxFullStatus");
    assert_eq!(flags.members[1].value, Some(2));
    assert!(!m.get("microsoft.graph.status").unwrap().is_flags);

    let ids: Vec<&str> = m.operations.keys().map(String::as_str).collect();
    assert_eq!(
        ids,
        [
            "Collection(microsoft.graph.user)/delta",
            "microsoft.graph.user/assignLicense",
            "microsoft.graph.user/reminderView",
            "microsoft.graph.user/reminderView(StartDateTime,EndDateTime)",
        ]
    );
    let assign = &m.operations["microsoft.graph.user/assignLicense"];
    assert_eq!(
        assign.binding,
        Some(Binding {
            ty: user_id,
            collection: false
        })
    );
    assert_eq!(assign.request, RequestShape::Parameters);
    assert_eq!(assign.response, ResponseShape::Entity(user_id));
    let assign = &assign.op;
    assert_eq!(assign.kind, OperationKind::Action);
    assert_eq!(assign.binding_type.as_deref(), Some("microsoft.graph.user"));
    assert_eq!(assign.action_name.as_deref(), Some("assignLicense"));
    assert_eq!(assign.title, "user: assignLicense");
    let body = assign.request_body.as_ref().unwrap();
    assert_eq!(body.properties.len(), 1);
    assert_eq!(body.properties[0].name, "addLicenses");
    assert!(body.properties[0].required);
    assert_eq!(
        body.properties[0].ty,
        TypeUse {
            target: Target::Primitive(Primitive::Guid),
            collection: true
        }
    );
    assert_eq!(
        assign.response.as_ref().unwrap().ty,
        Some(single(Target::Type(user_id)))
    );

    let delta = &m.operations["Collection(microsoft.graph.user)/delta"];
    assert_eq!(
        delta.binding,
        Some(Binding {
            ty: user_id,
            collection: true
        })
    );
    assert_eq!(delta.request, RequestShape::None);
    assert_eq!(
        delta.response,
        ResponseShape::Collection(single(Target::Type(user_id)))
    );
    let delta = &delta.op;
    assert_eq!(delta.kind, OperationKind::Function);
    assert_eq!(delta.binding_type.as_deref(), Some("microsoft.graph.user"));
    assert_eq!(delta.path_parameters[0].name, "bindparameter");
    assert!(delta.path_parameters[0].ty.as_ref().unwrap().collection);
    assert!(delta.request_body.as_ref().unwrap().none);

    // A function's parameters travel in the URL: no request body shape.
    let reminder = &m.operations["microsoft.graph.user/reminderView"];
    assert_eq!(reminder.request, RequestShape::None);
    assert_eq!(
        reminder.response,
        ResponseShape::Collection(single(Target::Type(id(&m, "microsoft.graph.identity"))))
    );
}

#[test]
fn unknown_names_cycles_and_duplicates_are_reported() {
    let xml = r#"<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
<edmx:DataServices>
<Schema Namespace="n.s" Alias="a" xmlns="http://docs.oasis-open.org/odata/ns/edm">
  <Action Name="early" IsBound="true"><Parameter Name="b" Type="a.Thing" /><ReturnType Type="a.color" /></Action>
  <EntityType Name="Thing" BaseType="a.other"><Property Name="x" Type="a.missing" /></EntityType>
  <EntityType Name="other" BaseType="n.s.Thing" />
  <ComplexType Name="thing" />
  <EnumType Name="color"><Member Name="red" /></EnumType>
  <Action Name="lost" IsBound="true"><Parameter Name="b" Type="Collection(a.gone)" /></Action>
  <Function Name="free"><Parameter Name="p" Type="Edm.String" /><ReturnType Type="Edm.Stream" /></Function>
</Schema>
</edmx:DataServices>
</edmx:Edmx>"#;
    let m = read_metadata_with(xml, "m.xml", ApiVersion::Beta).unwrap();
    assert_eq!(m.version, ApiVersion::Beta);
    let names: Vec<&str> = m.types.iter().map(|t| t.qualified.as_str()).collect();
    assert_eq!(names, ["n.s.color", "n.s.other", "n.s.Thing"]);
    let thing = m.get("n.s.thing").unwrap();
    assert_eq!(thing.kind, TypeKind::Entity, "the first definition is kept");
    assert_eq!(
        thing.properties[0].ty.target,
        Target::Unresolved("n.s.missing".into())
    );
    // The cycle is cut at the type that closes it, `other`.
    assert_eq!(thing.base, Some(id(&m, "n.s.other")));
    assert_eq!(m.get("n.s.other").unwrap().base, None);

    let codes: Vec<(Code, u32)> = m.diagnostics.iter().map(|d| (d.code, d.line)).collect();
    assert_eq!(
        codes,
        [
            (Code::UnresolvedType, 5),
            (Code::InheritanceCycle, 6),
            (Code::CsdlDuplicate, 7),
            (Code::UnresolvedType, 9),
        ]
    );

    // An operation read before the types it names still resolves them.
    let early = &m.operations["n.s.Thing/early"];
    assert_eq!(
        early.binding,
        Some(Binding {
            ty: thing.id,
            collection: false
        })
    );
    assert_eq!(
        early.response,
        ResponseShape::Value(single(Target::Type(id(&m, "n.s.color"))))
    );
    assert_eq!(early.request, RequestShape::None);
    // A binding type that names nothing leaves the operation without a binding.
    let lost = &m.operations["Collection(n.s.gone)/lost"];
    assert_eq!(lost.binding, None);
    assert_eq!(lost.op.binding_type.as_deref(), Some("n.s.gone"));
    let free = &m.operations["n.s.free"];
    assert_eq!(
        (free.binding, &free.response),
        (None, &ResponseShape::Bytes)
    );
}

/// A model with its locations, file table and diagnostics cleared, for comparing
/// what two readings say rather than where.
fn normalized(mut m: ApiModel) -> ApiModel {
    let zero = Loc::default();
    m.files.clear();
    m.diagnostics.clear();
    for t in &mut m.types {
        t.sources = vec![zero];
        t.loc = zero;
        for p in &mut t.properties {
            p.loc = zero;
        }
        for mem in &mut t.members {
            mem.loc = zero;
        }
    }
    for o in m.operations.values_mut() {
        let op = &mut o.op;
        op.loc = zero;
        for p in &mut op.path_parameters {
            p.loc = zero;
        }
        if let Some(b) = &mut op.request_body {
            b.loc = zero;
            for p in &mut b.properties {
                p.loc = zero;
            }
        }
        if let Some(r) = &mut op.response {
            r.loc = zero;
        }
    }
    m
}

/// Asserts two models are equal, showing the first difference (as JSON) when not.
fn assert_same(a: &ApiModel, b: &ApiModel) {
    if a == b {
        return;
    }
    let a = serde_json::to_value(a).unwrap();
    let b = serde_json::to_value(b).unwrap();
    panic!(
        "models differ at {}",
        first_difference(&a, &b, String::new())
    );
}

fn first_difference(a: &serde_json::Value, b: &serde_json::Value, path: String) -> String {
    use serde_json::Value;
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for (k, v) in x {
                match y.get(k) {
                    Some(w) if v != w => return first_difference(v, w, format!("{path}/{k}")),
                    None => return format!("{path}/{k}: only on the left"),
                    _ => {}
                }
            }
            format!("{path}: keys only on the right")
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
            for (i, (v, w)) in x.iter().zip(y).enumerate() {
                if v != w {
                    return first_difference(v, w, format!("{path}/{i}"));
                }
            }
            unreachable!()
        }
        _ => format!("{path}: {a} != {b}"),
    }
}

/// `Edm.GeographyPoint` is read as unresolved and written as `Edm.Untyped`.
fn without_unknown(mut m: ApiModel) -> ApiModel {
    for t in &mut m.types {
        for p in &mut t.properties {
            if matches!(p.ty.target, Target::Unresolved(_)) {
                p.ty.target = Target::Primitive(Primitive::Json);
            }
        }
    }
    m
}

#[test]
fn writes_what_it_reads() {
    let first = read_metadata(SAMPLE).unwrap();
    let xml = write_csdl(&first).unwrap();
    let second = read_metadata(&xml).unwrap_or_else(|e| panic!("{e}\n{xml}"));
    assert!(second.diagnostics.is_empty(), "{:?}", second.diagnostics);
    assert_same(
        &normalized(without_unknown(first.clone())),
        &normalized(second.clone()),
    );
    // Writing is deterministic and a fixed point.
    assert_eq!(write_csdl(&second).unwrap(), xml);
    assert!(
        xml.starts_with("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<edmx:Edmx Version=\"4.0\"")
    );
    assert!(xml.contains("<EnumType Name=\"mailTipsType\" IsFlags=\"true\">"));
    assert!(xml.contains("String=\"A user &amp; more.\""));
    assert!(xml.contains(
        "<EntityType Name=\"user\" BaseType=\"microsoft.graph.entity\" OpenType=\"true\">"
    ));
    assert!(xml.contains("<Action Name=\"assignLicense\" IsBound=\"true\">"));
    assert!(
        xml.contains(
            "<Parameter Name=\"bindparameter\" Type=\"Collection(microsoft.graph.user)\"/>"
        )
    );
    assert!(xml.contains(
        "<Parameter Name=\"addLicenses\" Type=\"Collection(Edm.Guid)\" Nullable=\"false\"/>"
    ));
    assert!(xml.contains("<Schema Namespace=\"microsoft.graph.callRecords\""));
}

#[test]
fn writes_docs_shaped_models() {
    // A model as the merge makes it: no binding parameter, no values, no key.
    let mut m = read_metadata(SAMPLE).unwrap();
    let flags = id(&m, "microsoft.graph.mailTipsType");
    for mem in &mut m.types[flags.index()].members {
        mem.value = None;
    }
    let assign = m
        .operations
        .get_mut("microsoft.graph.user/assignLicense")
        .unwrap();
    assign.op.path_parameters.clear();
    let mut create = assign.clone();
    create.op.kind = OperationKind::Create;
    create.op.id = "user-post-users".into();
    // A documented delta: bound to the collection, its path parameter a key.
    let mut delta = m.operations["Collection(microsoft.graph.user)/delta"].clone();
    delta.op.id = "user-delta".into();
    delta.op.action_name = Some("delta2".into());
    delta.op.path_parameters[0].name = "id".into();
    delta.op.path_parameters[0].ty = Some(TypeUse::single(Target::Primitive(Primitive::String)));
    // A binding type the merge could not resolve: written unbound.
    let mut lost = m.operations["microsoft.graph.user/assignLicense"].clone();
    lost.op.id = "lost-action".into();
    lost.op.action_name = Some("lost".into());
    lost.op.binding_type = Some("Range".into());
    lost.binding = None;
    for op in [create, delta, lost] {
        m.operations.insert(op.op.id.clone(), op);
    }
    let xml = write_csdl(&m).unwrap();
    assert!(xml.contains("<PropertyRef Name=\"id\"/>"));
    assert!(xml.contains("<Member Name=\"mailboxFullStatus\" Value=\"2\"/>"));
    assert!(xml.contains("<Parameter Name=\"bindingParameter\" Type=\"microsoft.graph.user\"/>"));
    assert!(xml.contains(
        "<Function Name=\"delta2\" IsBound=\"true\">\n        <Parameter Name=\"bindingParameter\" Type=\"Collection(microsoft.graph.user)\"/>"
    ), "{xml}");
    assert!(xml.contains("<Action Name=\"lost\">"), "{xml}");
    let back = read_metadata(&xml).unwrap();
    assert!(back.diagnostics.is_empty(), "{:?}", back.diagnostics);
    assert_eq!(back.operations.len(), 6, "the create operation is not CSDL");
    assert!(back.operations.contains_key("microsoft.graph.lost"));
    let delta2 = &back.operations["Collection(microsoft.graph.user)/delta2"];
    assert_eq!(
        delta2.binding,
        Some(Binding {
            ty: id(&back, "microsoft.graph.user"),
            collection: true
        })
    );
}

#[test]
fn errors_carry_positions() {
    let err = read_metadata("<edmx:Edmx>\n  <edmx:DataServices>\n  </edmx:Wrong>\n</edmx:Edmx>")
        .unwrap_err();
    let (line, _) = err.position().unwrap();
    assert_eq!(line, 3, "{err}");

    let err = read_metadata("<?xml version=\"1.0\"?>\n<root/>").unwrap_err();
    assert!(
        matches!(
            err,
            CsdlError::Invalid {
                line: 2,
                column: 1,
                ..
            }
        ),
        "{err}"
    );

    let no_name = r#"<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
<edmx:DataServices><Schema Namespace="n">
  <EntityType/>
</Schema></edmx:DataServices></edmx:Edmx>"#;
    let err = read_metadata_with(no_name, "m.xml", ApiVersion::Beta).unwrap_err();
    assert_eq!(err.position(), Some((3, 3)), "{err}");
    assert!(err.to_string().contains("Name"), "{err}");

    let unclosed = "<edmx:Edmx>\n<edmx:DataServices>";
    assert!(read_metadata(unclosed).is_err());
}

#[test]
fn the_service_metadata_round_trips() {
    let Some(path) = graphdoc_testkit::metadata_file("the_service_metadata_round_trips") else {
        return;
    };
    let xml = std::fs::read_to_string(&path).unwrap();
    let m = read_metadata(&xml).unwrap();
    let count = |k: TypeKind| m.types.iter().filter(|t| t.kind == k).count();
    assert_eq!(count(TypeKind::Entity), 507);
    assert_eq!(count(TypeKind::Complex), 515);
    assert_eq!(count(TypeKind::Enum), 322);
    assert_eq!(m.operations.len(), 596 + 212);
    assert!(m.diagnostics.is_empty(), "{:?}", &m.diagnostics[..1]);
    // Every name resolves: properties, parameters, return types and bindings.
    for t in &m.types {
        for p in &t.properties {
            assert!(
                !matches!(p.ty.target, Target::Unresolved(_)),
                "{}.{}: {:?}",
                t.qualified,
                p.name,
                p.ty
            );
        }
    }
    let mut collection_bound = 0;
    for o in m.operations.values() {
        assert_eq!(
            o.binding.is_some(),
            o.op.binding_type.is_some(),
            "{}",
            o.op.id
        );
        collection_bound += usize::from(o.binding.is_some_and(|b| b.collection));
        let body = o.op.request_body.iter().flat_map(|b| &b.properties);
        let response = o.op.response.iter().filter_map(|r| r.ty.as_ref());
        for ty in body.map(|p| &p.ty).chain(response) {
            assert!(!matches!(ty.target, Target::Unresolved(_)), "{}", o.op.id);
        }
    }
    assert_eq!(collection_bound, 71);
    let user = id(&m, "microsoft.graph.user");
    let directory_object = id(&m, "microsoft.graph.directoryObject");
    assert!(m.derives_from(user, directory_object));
    let out = write_csdl(&m).unwrap();
    let again = read_metadata(&out).unwrap();
    assert_same(&normalized(m), &normalized(again));
}

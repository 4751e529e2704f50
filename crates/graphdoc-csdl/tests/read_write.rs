//! Reading hand-written CSDL, writing it back, and re-reading the output.

use graphdoc_csdl::{CsdlError, read_metadata, read_metadata_with, write_csdl};
use graphdoc_ir::{
    ApiModel, ApiVersion, Code, Loc, OperationKind, Primitive, TypeKind, TypeName, TypeRef,
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

fn named(name: &str) -> TypeName {
    TypeName::Named {
        name: name.into(),
        link: None,
    }
}

#[test]
fn reads_types_enums_and_operations() {
    let m = read_metadata(SAMPLE).expect("sample reads");
    assert_eq!(m.version, ApiVersion::V1_0);
    assert_eq!(m.files, vec!["$metadata".to_string()]);
    let keys: Vec<&str> = m.types.keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        [
            "microsoft.graph.callRecords.callRecord",
            "microsoft.graph.entity",
            "microsoft.graph.identity",
            "microsoft.graph.mailTipsType",
            "microsoft.graph.status",
            "microsoft.graph.user",
        ]
    );

    let entity = &m.types["microsoft.graph.entity"].def;
    assert_eq!(entity.kind, TypeKind::Entity);
    assert_eq!(entity.key.as_deref(), Some("id"));
    assert_eq!(entity.loc, Loc::new(graphdoc_ir::FileId(0), 13, 7));

    let user = &m.types["microsoft.graph.user"].def;
    assert_eq!(user.base_type.as_deref(), Some("microsoft.graph.entity"));
    assert!(user.open_type);
    assert_eq!(user.key, None);
    assert_eq!(user.description.as_deref(), Some("A user & more."));
    let props: Vec<(&str, String, bool)> = user
        .properties
        .iter()
        .map(|p| (p.name.as_str(), p.ty.to_string(), p.navigation))
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
        user.properties[3].ty.name,
        TypeName::Unknown("Edm.GeographyPoint".into())
    );
    assert_eq!(m.diagnostics.len(), 1);
    assert_eq!(m.diagnostics[0].code, Code::CsdlUnsupportedType);
    assert_eq!(m.diagnostics[0].line, 24);

    let identity = &m.types["microsoft.graph.identity"].def;
    assert_eq!(identity.kind, TypeKind::Complex);
    assert_eq!(
        identity.properties[0].description.as_deref(),
        Some("The name.")
    );

    let flags = &m.types["microsoft.graph.mailTipsType"].def;
    assert_eq!(flags.kind, TypeKind::Enum);
    assert!(flags.is_flags);
    assert_eq!(flags.members[1].name, "mailboxFullStatus");
    assert_eq!(flags.members[1].value, Some(2));
    assert!(!m.types["microsoft.graph.status"].def.is_flags);

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
    let assign = &m.operations["microsoft.graph.user/assignLicense"].op;
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
        TypeRef::collection(TypeName::Primitive(Primitive::Guid))
    );
    assert_eq!(
        assign.response.as_ref().unwrap().ty,
        Some(TypeRef::single(named("microsoft.graph.user")))
    );

    let delta = &m.operations["Collection(microsoft.graph.user)/delta"].op;
    assert_eq!(delta.kind, OperationKind::Function);
    assert_eq!(delta.binding_type.as_deref(), Some("microsoft.graph.user"));
    assert_eq!(delta.path_parameters[0].name, "bindparameter");
    assert!(delta.path_parameters[0].ty.as_ref().unwrap().collection);
    assert!(delta.request_body.as_ref().unwrap().none);
}

/// A model with its locations, file table and diagnostics cleared, for comparing
/// what two readings say rather than where.
fn normalized(mut m: ApiModel) -> ApiModel {
    let zero = Loc::default();
    m.files.clear();
    m.diagnostics.clear();
    for t in m.types.values_mut() {
        t.sources = vec![zero];
        t.def.loc = zero;
        for p in &mut t.def.properties {
            p.loc = zero;
        }
        for mem in &mut t.def.members {
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

/// `Edm.GeographyPoint` is read as unknown and written as `Edm.Untyped`.
fn without_unknown(mut m: ApiModel) -> ApiModel {
    for t in m.types.values_mut() {
        for p in &mut t.def.properties {
            if matches!(p.ty.name, TypeName::Unknown(_)) {
                p.ty.name = TypeName::Primitive(Primitive::Json);
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
    let flags = m.types.get_mut("microsoft.graph.mailTipsType").unwrap();
    for mem in &mut flags.def.members {
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
    m.operations.insert(create.op.id.clone(), create);
    let xml = write_csdl(&m).unwrap();
    assert!(xml.contains("<PropertyRef Name=\"id\"/>"));
    assert!(xml.contains("<Member Name=\"mailboxFullStatus\" Value=\"2\"/>"));
    assert!(xml.contains("<Parameter Name=\"bindingParameter\" Type=\"microsoft.graph.user\"/>"));
    let back = read_metadata(&xml).unwrap();
    assert_eq!(back.operations.len(), 4, "the create operation is not CSDL");
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
    let count = |k: TypeKind| m.types.values().filter(|t| t.def.kind == k).count();
    assert_eq!(count(TypeKind::Entity), 507);
    assert_eq!(count(TypeKind::Complex), 515);
    assert_eq!(count(TypeKind::Enum), 322);
    assert_eq!(m.operations.len(), 596 + 212);
    assert!(m.diagnostics.is_empty(), "{:?}", &m.diagnostics[..1]);
    // Every named reference resolves.
    for t in m.types.values() {
        if let Some(b) = &t.def.base_type {
            assert!(m.types.contains_key(b), "{b}");
        }
        for p in &t.def.properties {
            if let TypeName::Named { name, .. } = &p.ty.name {
                assert!(
                    m.types.contains_key(name),
                    "{}.{}: {name}",
                    t.def.name,
                    p.name
                );
            }
        }
    }
    let out = write_csdl(&m).unwrap();
    let again = read_metadata(&out).unwrap();
    assert_same(&normalized(m), &normalized(again));
}

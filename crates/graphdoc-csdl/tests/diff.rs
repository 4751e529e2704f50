//! The docs-versus-metadata diff on small hand-written models.

use graphdoc_csdl::{DiffKind, DiffReport, Ratio, diff, read_metadata_with};
use graphdoc_ir::{ApiModel, ApiVersion, Code};

fn model(path: &str, schema: &str) -> ApiModel {
    let xml = format!(
        r#"<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
<edmx:DataServices>
<Schema Namespace="microsoft.graph" Alias="graph" xmlns="http://docs.oasis-open.org/odata/ns/edm">
{schema}
</Schema>
</edmx:DataServices>
</edmx:Edmx>"#
    );
    read_metadata_with(&xml, path, ApiVersion::V1_0).unwrap()
}

const METADATA: &str = r#"<EnumType Name="color">
  <Member Name="red" Value="0" />
  <Member Name="green" Value="1" />
  <Member Name="blue" Value="2" />
</EnumType>
<EntityType Name="entity"><Key><PropertyRef Name="id" /></Key><Property Name="id" Type="Edm.String" /></EntityType>
<EntityType Name="widget" BaseType="graph.entity">
  <Property Name="name" Type="Edm.String" />
  <Property Name="size" Type="Edm.Int32" />
  <Property Name="color" Type="graph.color" />
  <Property Name="tags" Type="Collection(Edm.String)" />
  <NavigationProperty Name="parts" Type="Collection(graph.part)" />
</EntityType>
<EntityType Name="part" BaseType="graph.entity" />
<ComplexType Name="undocumented" />
<Action Name="spin" IsBound="true"><Parameter Name="b" Type="graph.widget" /></Action>
<Function Name="delta" IsBound="true"><Parameter Name="b" Type="Collection(graph.widget)" /><ReturnType Type="Collection(graph.widget)" /></Function>
"#;

/// The docs: `Widget` spelled differently, `size` typed wrong, `tags` missing,
/// an extra `weight`, `@odata.type` (not a property), a missing `blue`, an
/// extra `purple`, an extra type, `delta` documented and `spin` not, plus an
/// undocumented-in-metadata `explode`.
const DOCS: &str = r#"<EnumType Name="Color">
  <Member Name="red" />
  <Member Name="Green" />
  <Member Name="purple" />
</EnumType>
<EntityType Name="entity"><Property Name="id" Type="Edm.String" /></EntityType>
<EntityType Name="Widget" BaseType="graph.entity">
  <Property Name="name" Type="Edm.String" />
  <Property Name="size" Type="Edm.String" />
  <Property Name="COLOR" Type="graph.Color" />
  <Property Name="weight" Type="Edm.Double" />
  <Property Name="@odata.type" Type="Edm.String" />
  <NavigationProperty Name="parts" Type="Collection(graph.part)" />
</EntityType>
<EntityType Name="part" BaseType="graph.entity" />
<ComplexType Name="docsOnly" />
<Function Name="delta" IsBound="true"><Parameter Name="b" Type="graph.widget" /><ReturnType Type="Collection(graph.widget)" /></Function>
<Action Name="explode" IsBound="true"><Parameter Name="b" Type="graph.widget" /></Action>
"#;

fn report() -> DiffReport {
    diff(&model("docs.md", DOCS), &model("metadata.xml", METADATA))
}

fn subjects(r: &DiffReport, kind: DiffKind) -> Vec<&str> {
    r.of_kind(kind).map(|e| e.subject.as_str()).collect()
}

#[test]
fn finds_each_kind_of_difference() {
    let r = report();
    assert_eq!(
        subjects(&r, DiffKind::TypeUndocumented),
        ["microsoft.graph.undocumented"]
    );
    assert_eq!(
        subjects(&r, DiffKind::TypeNotInMetadata),
        ["microsoft.graph.docsOnly"]
    );
    assert_eq!(
        subjects(&r, DiffKind::PropertyUndocumented),
        ["microsoft.graph.widget.tags"]
    );
    assert_eq!(
        subjects(&r, DiffKind::PropertyNotInMetadata),
        ["microsoft.graph.widget.weight"]
    );
    assert_eq!(
        subjects(&r, DiffKind::PropertyTypeMismatch),
        ["microsoft.graph.widget.size"]
    );
    assert_eq!(
        subjects(&r, DiffKind::EnumMemberUndocumented),
        ["microsoft.graph.color.blue"]
    );
    assert_eq!(
        subjects(&r, DiffKind::EnumMemberNotInMetadata),
        ["microsoft.graph.color.purple"]
    );
    assert_eq!(
        subjects(&r, DiffKind::OperationUndocumented),
        ["microsoft.graph.widget/spin"]
    );
    assert_eq!(
        subjects(&r, DiffKind::OperationNotInMetadata),
        ["microsoft.graph.widget/explode"]
    );
    assert_eq!(subjects(&r, DiffKind::TypeKindMismatch), Vec::<&str>::new());

    let mismatch = r.of_kind(DiffKind::PropertyTypeMismatch).next().unwrap();
    assert_eq!(
        mismatch.message,
        "`Widget.size` is documented as Edm.String but the metadata has Edm.Int32"
    );
    let docs = mismatch.docs.as_ref().unwrap();
    assert_eq!((docs.file.as_str(), docs.line), ("docs.md", 12));
    assert_eq!(mismatch.metadata.as_ref().unwrap().line, 12);
}

#[test]
fn computes_the_figures_with_inheritance_flattened() {
    let f = report().fidelity;
    // entity, widget, part, color found; undocumented not.
    assert_eq!(f.types_found, Ratio::new(4, 5));
    // entity: id; widget: id name size color tags parts; part: id.
    assert_eq!(f.property_recall, Ratio::new(7, 8));
    // docs: entity id; widget id name size COLOR weight parts; part id.
    assert_eq!(f.property_precision, Ratio::new(7, 8));
    assert_eq!(f.property_type_agreement, Ratio::new(6, 7));
    assert_eq!(f.enum_member_recall, Ratio::new(2, 3));
    assert_eq!(f.operations_found, Ratio::new(1, 2));
    assert!((f.types_found.percent - 80.0).abs() < 1e-9);
}

#[test]
fn renders_for_people_and_machines() {
    let r = report();
    let text = r.render();
    assert!(
        text.contains("== Metadata properties no page documents (1) ==\ndocs.md:10: `Widget` lacks property `tags` that the metadata has\n"),
        "{text}"
    );
    assert!(
        text.contains("metadata.xml:19: action `spin` bound to `microsoft.graph.widget` is in the metadata but no page documents it"),
        "{text}"
    );
    assert!(text.contains("== Summary =="), "{text}");
    assert!(
        text.contains("types found:             80.00% (4/5)"),
        "{text}"
    );

    let json = r.to_json();
    let back: DiffReport = serde_json::from_str(&json).unwrap();
    assert_eq!(back, r);
    assert!(
        json.contains("\"kind\": \"propertyTypeMismatch\""),
        "{json}"
    );

    let diags = r.to_diagnostics();
    assert_eq!(diags.len(), r.entries.len());
    let d = diags
        .iter()
        .find(|d| d.code == Code::MetadataTypeMismatch)
        .unwrap();
    assert_eq!(d.file, "docs.md");
    assert_eq!(d.related[0].file, "metadata.xml");
}

#[test]
fn identical_models_agree_fully() {
    let m = model("metadata.xml", METADATA);
    let r = diff(&m, &m);
    assert!(r.entries.is_empty(), "{}", r.render());
    assert_eq!(r.fidelity.types_found.percent, 100.0);
    assert_eq!(r.fidelity.operations_found, Ratio::new(2, 2));
}

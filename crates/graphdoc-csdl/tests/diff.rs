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
  <Member Name="unknownFutureValue" Value="3" />
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
<Action Name="restore" IsBound="true"><Parameter Name="b" Type="graph.entity" /></Action>
<Function Name="recent" IsBound="true"><Parameter Name="b" Type="Collection(graph.part)" /></Function>
<EntityType Name="workbookFunctions" BaseType="graph.entity" />
<Action Name="abs" IsBound="true"><Parameter Name="b" Type="graph.workbookFunctions" /><Parameter Name="number" Type="Edm.Double" /></Action>
"#;

/// The docs: `Widget` spelled differently, `size` typed wrong, `tags` missing,
/// an extra `weight`, `@odata.type` (not a property), a missing `blue`, an
/// extra `purple` (and no `unknownFutureValue`, which does not count), an
/// extra type, `delta` documented on the collection, `restore` on a type
/// deriving from the metadata's binding, `recent` on one part where the
/// metadata binds the collection, `spin` and the pattern-only `abs` not
/// documented, plus an undocumented-in-metadata `explode`.
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
<Function Name="delta" IsBound="true"><Parameter Name="b" Type="Collection(graph.widget)" /><ReturnType Type="Collection(graph.widget)" /></Function>
<Action Name="explode" IsBound="true"><Parameter Name="b" Type="graph.widget" /></Action>
<Action Name="restore" IsBound="true"><Parameter Name="b" Type="graph.widget" /></Action>
<Function Name="recent" IsBound="true"><Parameter Name="b" Type="graph.part" /></Function>
<EntityType Name="workbookFunctions" BaseType="graph.entity" />
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
    // `abs` is bound to a pattern-only type: neither counted nor listed.
    assert_eq!(
        subjects(&r, DiffKind::OperationUndocumented),
        [
            "Collection(microsoft.graph.part)/recent",
            "microsoft.graph.widget/spin"
        ]
    );
    // (The docs' operation ids spell the binding as the docs define the type.)
    assert_eq!(
        subjects(&r, DiffKind::OperationNotInMetadata),
        [
            "microsoft.graph.Widget/explode",
            "microsoft.graph.part/recent"
        ]
    );
    assert_eq!(subjects(&r, DiffKind::TypeKindMismatch), Vec::<&str>::new());

    let mismatch = r.of_kind(DiffKind::PropertyTypeMismatch).next().unwrap();
    assert_eq!(
        mismatch.message,
        "`Widget.size` is documented as Edm.String but the metadata has Edm.Int32"
    );
    let docs = mismatch.docs.as_ref().unwrap();
    assert_eq!((docs.file.as_str(), docs.line), ("docs.md", 12));
    assert_eq!(mismatch.metadata.as_ref().unwrap().line, 13);
    let recent: Vec<&str> = r
        .entries
        .iter()
        .filter(|e| e.subject.ends_with("/recent"))
        .map(|e| e.message.as_str())
        .collect();
    assert_eq!(
        recent,
        [
            "`recent` bound to `microsoft.graph.part` is documented but not in the metadata",
            "function `recent` bound to `Collection(microsoft.graph.part)` is in the metadata but no page documents it",
        ]
    );
}

#[test]
fn computes_the_figures_with_inheritance_flattened() {
    let f = report().fidelity;
    // entity, widget, part, workbookFunctions, color found; undocumented not.
    assert_eq!(f.types_found, Ratio::new(5, 6));
    // entity: id; widget: id name size color tags parts; part: id;
    // workbookFunctions: id.
    assert_eq!(f.property_recall, Ratio::new(8, 9));
    // docs: entity id; widget id name size COLOR weight parts; part id;
    // workbookFunctions id.
    assert_eq!(f.property_precision, Ratio::new(8, 9));
    assert_eq!(f.property_type_agreement, Ratio::new(7, 8));
    // red, green, blue: `unknownFutureValue` is not counted.
    assert_eq!(f.enum_member_recall, Ratio::new(2, 3));
    // spin, delta, restore, recent: delta (the collection) and restore (on a
    // derived type) found; recent is documented on one part only; `abs` is
    // bound to `workbookFunctions` and not counted.
    assert_eq!(f.operations_found, Ratio::new(2, 4));
    assert_eq!(f.operations_found_on_found_types, Ratio::new(2, 4));
    assert_eq!(f.operations_not_counted, 1);
    assert!((f.types_found.percent - 500.0 / 6.0).abs() < 1e-9);
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
        text.contains("metadata.xml:20: action `spin` bound to `microsoft.graph.widget` is in the metadata but no page documents it"),
        "{text}"
    );
    assert!(text.contains("== Summary =="), "{text}");
    assert!(
        text.contains("types found:             83.33% (5/6)"),
        "{text}"
    );
    assert!(
        text.contains("enum member recall:      66.67% (2/3) (without `unknownFutureValue`)"),
        "{text}"
    );
    assert!(
        text.contains(
            "bound operations found:  50.00% (2/4) (without the 1 bound to `workbookFunctions`)"
        ),
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
    assert_eq!(r.fidelity.operations_found, Ratio::new(4, 4));
}

/// A model of several schemas: `(namespace, body)`.
fn schemas(path: &str, schemas: &[(&str, &str)]) -> ApiModel {
    let body: String = schemas
        .iter()
        .map(|(ns, body)| {
            format!(
                r#"<Schema Namespace="{ns}" xmlns="http://docs.oasis-open.org/odata/ns/edm">{body}</Schema>"#
            )
        })
        .collect();
    let xml = format!(
        r#"<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
<edmx:DataServices>{body}</edmx:DataServices>
</edmx:Edmx>"#
    );
    read_metadata_with(&xml, path, ApiVersion::V1_0).unwrap()
}

#[test]
fn types_match_by_qualified_then_unambiguous_simple_name() {
    let docs = schemas(
        "docs.md",
        &[
            (
                "a",
                r#"<ComplexType Name="moved" /><ComplexType Name="twice" />"#,
            ),
            ("b", r#"<ComplexType Name="twice" />"#),
        ],
    );
    let metadata = schemas(
        "metadata.xml",
        &[(
            "c",
            r#"<ComplexType Name="Moved" /><ComplexType Name="twice" />"#,
        )],
    );
    let r = diff(&docs, &metadata);
    // `moved` is one docs type in another namespace: found. `twice` names
    // two docs types: neither is taken for the metadata's.
    assert_eq!(r.fidelity.types_found, Ratio::new(1, 2));
    assert_eq!(subjects(&r, DiffKind::TypeUndocumented), ["c.twice"]);
    assert_eq!(
        subjects(&r, DiffKind::TypeNotInMetadata),
        Vec::<&str>::new(),
        "each docs `twice` matches the metadata's one `twice` by simple name"
    );
}

#[test]
fn bindings_count_for_their_base_and_keep_their_collection() {
    let metadata = model(
        "metadata.xml",
        r#"<EntityType Name="entity"><Key><PropertyRef Name="id" /></Key><Property Name="id" Type="Edm.String" /></EntityType>
<EntityType Name="directoryObject" BaseType="graph.entity" />
<EntityType Name="user" BaseType="graph.directoryObject" />
<Action Name="checkMemberGroups" IsBound="true"><Parameter Name="b" Type="graph.directoryObject" /></Action>
<Function Name="delta" IsBound="true"><Parameter Name="b" Type="Collection(graph.directoryObject)" /></Function>
<Action Name="getByIds" IsBound="true"><Parameter Name="b" Type="Collection(graph.directoryObject)" /></Action>"#,
    );
    let docs = model(
        "docs.md",
        r#"<EntityType Name="entity"><Property Name="id" Type="Edm.String" /></EntityType>
<EntityType Name="directoryObject" BaseType="graph.entity" />
<EntityType Name="user" BaseType="graph.directoryObject" />
<Action Name="checkMemberGroups" IsBound="true"><Parameter Name="b" Type="graph.user" /></Action>
<Function Name="delta" IsBound="true"><Parameter Name="b" Type="Collection(graph.user)" /></Function>
<Action Name="getByIds" IsBound="true"><Parameter Name="b" Type="graph.directoryObject" /></Action>
<Action Name="checkMemberGroups" IsBound="true"><Parameter Name="b" Type="graph.entity" /></Action>"#,
    );
    let r = diff(&docs, &metadata);
    // A binding to `user` counts for `directoryObject`, its base in the
    // metadata, as one instance and as a collection; `getByIds` is bound to
    // the collection, not documented so; a binding to a base (`entity`) is
    // not the metadata's.
    assert_eq!(r.fidelity.operations_found, Ratio::new(2, 3));
    assert_eq!(
        subjects(&r, DiffKind::OperationUndocumented),
        ["Collection(microsoft.graph.directoryObject)/getByIds"]
    );
    assert_eq!(
        subjects(&r, DiffKind::OperationNotInMetadata),
        [
            "microsoft.graph.directoryObject/getByIds",
            "microsoft.graph.entity/checkMemberGroups"
        ]
    );
}

#[test]
fn figures_per_group_add_up_to_the_whole() {
    let docs = model("docs.xml", DOCS);
    let metadata = model("metadata.xml", METADATA);
    // Groups by type name: `entity` and `Widget` documented, the rest none.
    let (report, groups) = graphdoc_csdl::diff_by(&docs, &metadata, |t| {
        (t.name() != "Color").then(|| t.name().to_owned())
    });
    assert_eq!(report, diff(&docs, &metadata), "the same diff");
    let whole = report.fidelity;
    let sum = |f: fn(&graphdoc_csdl::Fidelity) -> Ratio| {
        groups
            .values()
            .map(f)
            .fold((0, 0), |(a, b), r| (a + r.found, b + r.total))
    };
    for (name, part) in [
        ("types", sum(|f| f.types_found)),
        ("recall", sum(|f| f.property_recall)),
        ("precision", sum(|f| f.property_precision)),
        ("agreement", sum(|f| f.property_type_agreement)),
        ("members", sum(|f| f.enum_member_recall)),
        ("operations", sum(|f| f.operations_found)),
    ] {
        let total = match name {
            "types" => whole.types_found,
            "recall" => whole.property_recall,
            "precision" => whole.property_precision,
            "agreement" => whole.property_type_agreement,
            "members" => whole.enum_member_recall,
            _ => whole.operations_found,
        };
        assert_eq!(part, (total.found, total.total), "{name}");
    }
    let widget = &groups[&Some("Widget".to_owned())];
    assert_eq!(widget.types_found, Ratio::new(1, 1));
    assert!(widget.property_recall.total > 0);
    let none = groups[&None].types_found;
    assert_eq!(none.found, 1, "the enum (no group) is found: {groups:?}");
    assert!(
        none.total > 1,
        "undocumented types count for no group: {groups:?}"
    );
}

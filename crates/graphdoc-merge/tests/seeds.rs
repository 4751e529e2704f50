//! The five seed pages, parsed and merged: a snapshot of the models (JSON),
//! reviewed by hand, and the facts the seeds are there to show.

use graphdoc_ir::{ApiModel, TypeKind, TypeName};

fn seeds() -> Vec<ApiModel> {
    let sources = graphdoc_testkit::seed_sources();
    assert_eq!(sources.len(), 5);
    graphdoc_merge::merge(&graphdoc_parse::parse_sources(&sources))
}

fn find<'m>(models: &'m [ApiModel], key: &str) -> &'m graphdoc_ir::ModelType {
    models
        .iter()
        .find_map(|m| m.types.get(key))
        .unwrap_or_else(|| panic!("no model has {key}"))
}

#[test]
fn seeds_merge_as_reviewed() {
    let models = seeds();
    insta::assert_json_snapshot!("seeds", models);
}

#[test]
fn seeds_give_types_from_body_tables_and_named_enums() {
    let models = seeds();
    // Seeds 002 and 004: `complianceStatus` is named by the type cell.
    let status = find(&models, "microsoft.graph.complianceStatus");
    assert_eq!(status.def.kind, TypeKind::Enum);
    assert_eq!(status.def.members.len(), 8);
    for owner in [
        "microsoft.graph.deviceConfigurationUserStatus",
        "microsoft.graph.managedDeviceMobileAppConfigurationUserStatus",
    ] {
        let t = find(&models, owner);
        assert_eq!(t.def.kind, TypeKind::Entity);
        // No seed defines `entity`: the "Inherited from" note cannot resolve,
        // so the row stays and the type is a keyed root.
        assert_eq!(t.def.base_type, None);
        assert_eq!(t.def.key.as_deref(), Some("id"));
        let p = t
            .def
            .properties
            .iter()
            .find(|p| p.name == "status")
            .unwrap();
        assert_eq!(
            p.ty.name,
            TypeName::Named {
                name: "microsoft.graph.complianceStatus".into(),
                link: None
            }
        );
    }
    // Seed 000: an `Enumeration` gets `{owner}{Property}`.
    let signup = find(&models, "microsoft.graph.privilegedSignupStatus");
    let p = signup
        .def
        .properties
        .iter()
        .find(|p| p.name == "status")
        .unwrap();
    assert!(
        matches!(&p.ty.name, TypeName::Named { name, .. } if name == "microsoft.graph.privilegedSignupStatusStatus")
    );
    // Seed 001: the action is bound to it (by name: seed 001 is v1.0 by its
    // example URL, seed 000 beta, so the type is in the other model).
    let signup_op = models
        .iter()
        .flat_map(|m| m.operations.values())
        .find(|o| o.op.action_name.as_deref() == Some("signUp"))
        .expect("the signUp action");
    assert_eq!(
        signup_op.op.binding_type.as_deref(),
        Some("microsoft.graph.privilegedSignupStatus")
    );
}

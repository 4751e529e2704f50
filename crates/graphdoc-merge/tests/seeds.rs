//! The five seed pages, parsed and merged: a snapshot of the models (JSON),
//! reviewed by hand, and the facts the seeds are there to show.

use graphdoc_ir::{ApiModel, Target, TypeKind};

fn seeds() -> Vec<ApiModel> {
    let sources = graphdoc_testkit::seed_sources();
    assert_eq!(sources.len(), 5);
    graphdoc_merge::merge(&graphdoc_parse::parse_sources(&sources))
}

fn find<'m>(models: &'m [ApiModel], key: &str) -> (&'m ApiModel, &'m graphdoc_ir::ModelType) {
    models
        .iter()
        .find_map(|m| Some((m, m.get(key)?)))
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
    let (_, status) = find(&models, "microsoft.graph.complianceStatus");
    assert_eq!(status.kind, TypeKind::Enum);
    assert_eq!(status.members.len(), 8);
    for owner in [
        "microsoft.graph.deviceConfigurationUserStatus",
        "microsoft.graph.managedDeviceMobileAppConfigurationUserStatus",
    ] {
        let (m, t) = find(&models, owner);
        assert_eq!(t.kind, TypeKind::Entity);
        // No seed defines `entity`: the "Inherited from" note cannot resolve,
        // so the row stays and the type is a keyed root.
        assert_eq!(t.base, None);
        assert_eq!(t.key.as_deref(), Some("id"));
        let p = t.properties.iter().find(|p| p.name == "status").unwrap();
        let status = m.get("microsoft.graph.complianceStatus").unwrap();
        assert_eq!(p.ty.target, Target::Type(status.id));
    }
    // Seed 000: an `Enumeration` gets `{owner}{Property}`.
    let (m, signup) = find(&models, "microsoft.graph.privilegedSignupStatus");
    let p = signup
        .properties
        .iter()
        .find(|p| p.name == "status")
        .unwrap();
    assert_eq!(
        m.display(&p.ty).to_string(),
        "microsoft.graph.privilegedSignupStatusStatus"
    );
    // Seed 001: the action names its binding type in its title, but seed 001
    // is v1.0 by its example URL and seed 000 beta, so the type is in the
    // other model: the binding stays as written, unresolved (diagnosed).
    let (v1, signup_op) = models
        .iter()
        .flat_map(|m| m.operations.values().map(move |o| (m, o)))
        .find(|(_, o)| o.op.action_name.as_deref() == Some("signUp"))
        .expect("the signUp action");
    assert_eq!(
        signup_op.op.binding_type.as_deref(),
        Some("privilegedSignupStatus")
    );
    assert_eq!(signup_op.binding, None);
    assert!(
        v1.diagnostics
            .iter()
            .any(|d| d.message.contains("binding type `privilegedSignupStatus`"))
    );
}

#[test]
fn taking_the_examples_merges_the_same_models_and_leaves_the_pages_without_them() {
    let sources = graphdoc_testkit::seed_sources();
    let mut corpus = graphdoc_parse::parse_sources(&sources);
    let copied = graphdoc_merge::merge(&corpus);
    assert!(
        copied
            .iter()
            .flat_map(|m| m.operations.values())
            .any(|op| !op.examples.is_empty()),
        "the seeds have examples"
    );
    let taken = graphdoc_merge::merge_taking_examples(&mut corpus);
    assert_eq!(taken, copied);
    assert!(corpus.pages.iter().all(|p| p.examples.is_empty()));
}

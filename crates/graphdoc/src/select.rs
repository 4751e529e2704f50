//! Narrowing a merged model to what a user asked for (workloads, path
//! prefixes) while keeping it closed: every type something kept refers to is kept.

use std::collections::BTreeSet;

use graphdoc_ir::{ApiModel, ModelOperation, RequestShape, ResponseShape, TypeId, TypeUse};

/// Keeps the operations matching `workloads` and `path_prefixes` (an empty
/// list matches everything), the types of those workloads, and every type
/// they reach through properties, base types, bindings, bodies and responses.
pub fn select(mut model: ApiModel, workloads: &[String], path_prefixes: &[String]) -> ApiModel {
    if workloads.is_empty() && path_prefixes.is_empty() {
        return model;
    }
    let in_workload = |w: &Option<String>| {
        workloads.is_empty() || w.as_ref().is_some_and(|w| workloads.contains(w))
    };
    let on_path = |op: &ModelOperation| {
        path_prefixes.is_empty()
            || op.op.paths.iter().any(|p| {
                path_prefixes
                    .iter()
                    .any(|prefix| p.template.starts_with(prefix.as_str()))
            })
    };
    model
        .operations
        .retain(|_, op| in_workload(&op.workload) && on_path(op));

    // Roots: the kept operations' types, plus whole workloads when asked for by workload alone.
    let mut pending: Vec<TypeId> = Vec::new();
    for op in model.operations.values() {
        pending.extend(operation_types(op));
    }
    if path_prefixes.is_empty() {
        pending.extend(
            model
                .types
                .iter()
                .filter(|t| in_workload(&t.workload))
                .map(|t| t.id),
        );
    }

    let mut keep = BTreeSet::new();
    while let Some(id) = pending.pop() {
        if !keep.insert(id) {
            continue;
        }
        let ty = model.ty(id);
        pending.extend(ty.base);
        pending.extend(ty.properties.iter().filter_map(|p| p.ty.type_id()));
    }
    model.retain_types(|t| keep.contains(&t.id));
    model
}

/// The types an operation refers to.
fn operation_types(op: &ModelOperation) -> impl Iterator<Item = TypeId> + '_ {
    let o = &op.op;
    let uses = o
        .request_body
        .iter()
        .flat_map(|b| b.ty.iter().chain(b.properties.iter().map(|p| &p.ty)))
        .chain(o.response.iter().filter_map(|r| r.ty.as_ref()))
        .filter_map(TypeUse::type_id);
    let shapes = [
        match &op.request {
            RequestShape::Entity(id) | RequestShape::Patch(id) => Some(*id),
            RequestShape::Value(ty) => ty.type_id(),
            _ => None,
        },
        match &op.response {
            ResponseShape::Entity(id) => Some(*id),
            ResponseShape::Value(ty) | ResponseShape::Collection(ty) => ty.type_id(),
            _ => None,
        },
        op.binding.map(|b| b.ty),
    ];
    uses.chain(shapes.into_iter().flatten())
}

#[cfg(test)]
mod tests {
    use super::*;
    use graphdoc_ir::*;

    /// A complex type `name` with a property per target (an index into the
    /// list the test gives `set_types`).
    fn ty(name: &str, workload: Option<&str>, targets: &[u32]) -> ModelType {
        let properties = targets
            .iter()
            .map(|&target| Property {
                name: format!("to_{target}"),
                ty: TypeUse::single(Target::Type(TypeId(target))),
                description: None,
                navigation: false,
                enum_values: vec![],
                inherited_from: None,
                required: false,
                loc: Loc::default(),
            })
            .collect();
        ModelType {
            id: TypeId(0),
            qualified: format!("ns.{name}"),
            kind: TypeKind::Complex,
            description: None,
            base: None,
            derived: vec![],
            key: None,
            open_type: false,
            properties,
            members: vec![],
            is_flags: false,
            loc: Loc::default(),
            workload: workload.map(Into::into),
            sources: vec![],
        }
    }

    fn model() -> ApiModel {
        let mut m = ApiModel::new(ApiVersion::V1_0);
        m.set_types(vec![
            ty("a", Some("users"), &[1]),
            ty("b", Some("intune"), &[2]),
            ty("c", None, &[]),
            ty("d", Some("intune"), &[]),
        ]);
        m
    }

    fn names(m: &ApiModel) -> Vec<&str> {
        m.types.iter().map(|t| t.qualified.as_str()).collect()
    }

    #[test]
    fn everything_when_nothing_is_asked() {
        assert_eq!(select(model(), &[], &[]).types.len(), 4);
    }

    #[test]
    fn a_workload_keeps_its_types_and_what_they_reach() {
        let kept = select(model(), &["users".into()], &[]);
        assert_eq!(names(&kept), ["ns.a", "ns.b", "ns.c"]);
        // Ids are renumbered and references follow.
        let a = kept.get("ns.a").unwrap();
        assert_eq!(kept.display(&a.properties[0].ty).to_string(), "ns.b");
        let kept = select(model(), &["intune".into()], &[]);
        assert_eq!(names(&kept), ["ns.b", "ns.c", "ns.d"]);
        let b = kept.get("ns.b").unwrap();
        assert_eq!(kept.display(&b.properties[0].ty).to_string(), "ns.c");
    }
}

//! Narrowing a merged model to what a user asked for (workloads, path
//! prefixes) while keeping it closed: every type something kept refers to is kept.

use std::collections::BTreeSet;

use graphdoc_ir::{ApiModel, ModelOperation, TypeName, TypeRef};

/// Keeps the operations matching `workloads` and `path_prefixes` (an empty
/// list matches everything), the types of those workloads, and every type
/// they reach through properties, base types, bodies and responses.
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
    let mut pending: Vec<String> = Vec::new();
    for op in model.operations.values() {
        let body = op
            .op
            .request_body
            .iter()
            .flat_map(|b| b.ty.iter().chain(b.properties.iter().map(|p| &p.ty)));
        let response = op.op.response.iter().filter_map(|r| r.ty.as_ref());
        pending.extend(body.chain(response).filter_map(named));
        pending.extend(op.op.binding_type.iter().cloned());
    }
    if path_prefixes.is_empty() {
        pending.extend(
            model
                .types
                .iter()
                .filter(|(_, t)| in_workload(&t.workload))
                .map(|(name, _)| name.clone()),
        );
    }

    let mut keep = BTreeSet::new();
    while let Some(name) = pending.pop() {
        let Some(ty) = model.types.get(&name) else {
            continue;
        };
        if !keep.insert(name) {
            continue;
        }
        pending.extend(ty.def.base_type.iter().cloned());
        pending.extend(ty.def.properties.iter().filter_map(|p| named(&p.ty)));
    }
    model.types.retain(|name, _| keep.contains(name));
    model
}

fn named(ty: &TypeRef) -> Option<String> {
    match &ty.name {
        TypeName::Named { name, .. } => Some(name.clone()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use graphdoc_ir::*;

    fn ty(name: &str, workload: Option<&str>, props: &[&str]) -> (String, ModelType) {
        let properties = props
            .iter()
            .map(|target| Property {
                name: format!("to_{target}"),
                ty: TypeRef::single(TypeName::Named {
                    name: (*target).into(),
                    link: None,
                }),
                description: None,
                navigation: false,
                enum_values: vec![],
                inherited_from: None,
                required: false,
                loc: Loc::default(),
            })
            .collect();
        let def = TypeDef {
            name: name.into(),
            namespace: None,
            kind: TypeKind::Complex,
            description: None,
            base_type: None,
            key: None,
            open_type: false,
            properties,
            members: vec![],
            is_flags: false,
            loc: Loc::default(),
        };
        (
            name.into(),
            ModelType {
                def,
                workload: workload.map(Into::into),
                sources: vec![],
            },
        )
    }

    fn model() -> ApiModel {
        let mut m = ApiModel::new(ApiVersion::V1_0);
        m.types.extend([
            ty("a", Some("users"), &["b"]),
            ty("b", Some("intune"), &["c"]),
            ty("c", None, &[]),
            ty("d", Some("intune"), &[]),
        ]);
        m
    }

    #[test]
    fn everything_when_nothing_is_asked() {
        assert_eq!(select(model(), &[], &[]).types.len(), 4);
    }

    #[test]
    fn a_workload_keeps_its_types_and_what_they_reach() {
        let kept = select(model(), &["users".into()], &[]);
        assert_eq!(kept.types.keys().collect::<Vec<_>>(), ["a", "b", "c"]);
    }
}

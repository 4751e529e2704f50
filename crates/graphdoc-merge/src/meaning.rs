//! What an operation means, each decided in one function here: whether its
//! binding is a collection, which type an update changes, what its request
//! sends and what its response holds. Lint and emit read the results from
//! [`graphdoc_ir::ModelOperation`] and never decide them again.

use std::collections::BTreeSet;

use graphdoc_ir::{
    HttpMethod, ModelType, Operation, OperationKind, PathTemplate, Primitive, RequestShape,
    ResponseShape, Segment, Target, TypeId, TypeUse,
};

/// Whether the operation a template ends with is bound to a collection:
/// the segment before it (past type casts) is one of `collections` (lower
/// case): the docs address it by key somewhere (`/users/{id}`, so
/// `/users/delta` is bound to the collection of users) or it names
/// collection-valued properties; not an instance (`/users/{id}/x`) or a
/// single-valued navigation (`/drive/root/delta`).
pub(crate) fn bound_to_collection(template: &PathTemplate, collections: &BTreeSet<String>) -> bool {
    let segments = &template.segments;
    let Some(mut i) = segments.len().checked_sub(2) else {
        return false;
    };
    while matches!(segments[i], Segment::Qualified(_)) {
        let Some(before) = i.checked_sub(1) else {
            return false;
        };
        i = before;
    }
    match &segments[i] {
        Segment::Literal(name) => collections.contains(&name.to_ascii_lowercase()),
        _ => false,
    }
}

/// The literal segments the docs follow with a key anywhere in a version's
/// templates (lower case): the collections.
pub(crate) fn keyed_literals<'a>(
    templates: impl Iterator<Item = &'a PathTemplate>,
) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for t in templates {
        for w in t.segments.windows(2) {
            if let [Segment::Literal(name), Segment::Key(_)] = w {
                out.insert(name.to_ascii_lowercase());
            }
        }
    }
    out
}

fn callable(op: &Operation<TypeUse>) -> bool {
    matches!(op.kind, OperationKind::Action | OperationKind::Function)
}

/// A single value of a structured type.
fn structured(ty: Option<&TypeUse>, types: &[ModelType]) -> Option<TypeId> {
    let ty = ty.filter(|t| !t.collection)?;
    ty.type_id().filter(|id| types[id.index()].is_structured())
}

/// The structured type an update (kind `Update` or method `PATCH`) changes:
/// the one its request body names, else its response, else its binding,
/// else the type its id names (`alert-update`; pages whose body is only a
/// table of properties).
pub(crate) fn update_target(
    op: &Operation<TypeUse>,
    binding: Option<TypeId>,
    named_by_id: Option<TypeId>,
    types: &[ModelType],
) -> Option<TypeId> {
    if op.kind != OperationKind::Update && op.method != HttpMethod::Patch {
        return None;
    }
    let body = op.request_body.as_ref().and_then(|b| b.ty.as_ref());
    let response = op.response.as_ref().and_then(|r| r.ty.as_ref());
    structured(body, types)
        .or_else(|| structured(response, types))
        .into_iter()
        .chain(binding)
        .chain(named_by_id)
        .find(|id| types[id.index()].is_structured())
}

/// What a request sends:
/// - nothing for GET and DELETE, for a body the page says not to supply,
///   and for an action the page gives no body;
/// - bytes for a PUT to media content (`.../content`, `$value`) and for a
///   body of type `Stream` or `Binary`;
/// - a patch of the updated type for a PATCH (the type itself for a PUT update);
/// - the structured type a create's body (else its response) names, or an
///   action's body names when it lists no parameters;
/// - the parameters object where the Request body table lists parameters;
/// - a value of the type the docs name otherwise, else untyped JSON (a create
///   or update needs a body even when the page fails to say which).
pub(crate) fn request_shape(
    op: &Operation<TypeUse>,
    update_target: Option<TypeId>,
    types: &[ModelType],
) -> RequestShape {
    if matches!(op.method, HttpMethod::Get | HttpMethod::Delete) {
        return RequestShape::None;
    }
    let media = op
        .paths
        .first()
        .and_then(|p| p.segments.last())
        .is_some_and(|s| {
            matches!(s, Segment::Value) || matches!(s, Segment::Literal(l) if l == "content")
        });
    if op.method == HttpMethod::Put && media {
        return RequestShape::Bytes;
    }
    let is_callable = callable(op) || op.kind == OperationKind::Other;
    let Some(body) = &op.request_body else {
        return if is_callable {
            RequestShape::None
        } else {
            RequestShape::Json
        };
    };
    if body.none {
        return RequestShape::None;
    }
    if matches!(
        body.ty.as_ref().map(|t| &t.target),
        Some(Target::Primitive(Primitive::Stream | Primitive::Binary))
    ) {
        return RequestShape::Bytes;
    }
    if op.method == HttpMethod::Patch || op.kind == OperationKind::Update {
        if let Some(t) = update_target {
            return if op.method == HttpMethod::Patch {
                RequestShape::Patch(t)
            } else {
                RequestShape::Entity(t)
            };
        }
    } else if !is_callable {
        let response = op.response.as_ref().and_then(|r| r.ty.as_ref());
        if let Some(t) = structured(body.ty.as_ref(), types).or_else(|| structured(response, types))
        {
            return RequestShape::Entity(t);
        }
    } else if body.properties.is_empty()
        && let Some(t) = structured(body.ty.as_ref(), types)
    {
        return RequestShape::Entity(t);
    }
    if !body.properties.is_empty() {
        return RequestShape::Parameters;
    }
    match &body.ty {
        Some(ty) if !matches!(ty.target, Target::Unresolved(_)) => RequestShape::Value(ty.clone()),
        _ if is_callable => RequestShape::None,
        _ => RequestShape::Json,
    }
}

/// What a successful response holds:
/// - nothing for 204, for a 202 or a delete that names no type;
/// - bytes for a 302 (a redirect to content) and for `Stream`;
/// - a collection page for a collection type or a list;
/// - a value OData may wrap in `{"value": ...}` for an action's or
///   function's result and for primitives and enums;
/// - a bare structured value otherwise; untyped JSON where the docs name no
///   type (or one no page defines).
pub(crate) fn response_shape(op: &Operation<TypeUse>, types: &[ModelType]) -> ResponseShape {
    let untyped = || TypeUse::single(Target::Primitive(Primitive::Json));
    let Some(spec) = &op.response else {
        return match op.kind {
            OperationKind::Delete => ResponseShape::None,
            OperationKind::List => ResponseShape::Collection(untyped()),
            _ => ResponseShape::Json,
        };
    };
    match (&spec.ty, spec.status) {
        (_, Some(204)) => ResponseShape::None,
        (_, Some(302)) => ResponseShape::Bytes,
        (Some(ty), _) if ty.target == Target::Primitive(Primitive::Stream) => ResponseShape::Bytes,
        (Some(ty), _) if ty.collection || op.kind == OperationKind::List => {
            ResponseShape::Collection(ty.element())
        }
        (Some(ty), _) => match &ty.target {
            Target::Type(id) if types[id.index()].is_structured() && !callable(op) => {
                ResponseShape::Entity(*id)
            }
            Target::Unresolved(_) if !callable(op) => ResponseShape::Json,
            _ => ResponseShape::Value(ty.clone()),
        },
        (None, _) if op.kind == OperationKind::List => ResponseShape::Collection(untyped()),
        (None, Some(202)) => ResponseShape::None,
        (None, _) if op.kind == OperationKind::Delete => ResponseShape::None,
        (None, _) => ResponseShape::Json,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use graphdoc_ir::Loc;

    #[test]
    fn collection_bindings_from_the_path() {
        let t = |s: &str| PathTemplate::parse(s, Loc::default());
        let templates = [
            t("/users/{id}"),
            t("/me/messages/{id}"),
            t("/workbook/tables/{id}"),
        ];
        let keyed = keyed_literals(templates.iter());
        assert!(bound_to_collection(&t("/users/delta"), &keyed));
        assert!(bound_to_collection(&t("/me/messages/delta()"), &keyed));
        assert!(bound_to_collection(&t("/workbook/tables/add"), &keyed));
        assert!(bound_to_collection(
            &t("/users/microsoft.graph.x/delta"),
            &keyed
        ));
        assert!(!bound_to_collection(
            &t("/users/{id}/assignLicense"),
            &keyed
        ));
        assert!(!bound_to_collection(&t("/me/drive/root/delta"), &keyed));
        assert!(!bound_to_collection(&t("/delta"), &keyed));
    }
}

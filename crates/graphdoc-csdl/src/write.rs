//! Writing an [`ApiModel`] as CSDL (EDMX 4.0), with quick-xml's writer.

use std::collections::BTreeMap;
use std::io::Cursor;

use graphdoc_ir::{
    ApiModel, ModelOperation, ModelType, OperationKind, Primitive, Target, TypeKind, TypeUse,
};
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, Event};

use crate::{CsdlError, DEFAULT_NAMESPACE, DESCRIPTION_TERM};

const EDMX_NS: &str = "http://docs.oasis-open.org/odata/ns/edmx";
const EDM_NS: &str = "http://docs.oasis-open.org/odata/ns/edm";

/// Writes a model as CSDL: an EDMX 4.0 document with one `Schema` per namespace
/// (sorted), holding its `EnumType`s, `ComplexType`s, `EntityType`s and then
/// its `Action`s and `Function`s, each group in name order.
///
/// - Type references are written as [`ApiModel::display`] spells them:
///   qualified (no aliases), collections as `Collection(...)`,
///   [`Target::InlineEnum`] as `Edm.String`; a [`Target::Unresolved`] name
///   is written `Edm.Untyped`, so the output names only types it defines (a
///   model has unresolved names only with a diagnostic).
/// - `BaseType` is the qualified name of the type's `base`.
/// - An entity type without a base type gets a `Key` on its `key` property,
///   when it has one (the service has keyless singleton types such as
///   `educationRoot`); derived entity types inherit theirs, as CSDL requires,
///   so their `key` is not written.
/// - Navigation properties (`navigation = true`) become `NavigationProperty`.
/// - Enum members get `Value`s when every member has one; a flags enum with
///   missing values gets powers of two, in member order.
/// - Only operations of kind action or function are written (CRUD operations
///   are not CSDL). An operation with a [`ModelOperation::binding`] is bound
///   (`IsBound="true"`); its first parameter is the binding parameter, of
///   type `Collection(q)` for a collection binding, else `q`, `q` the binding
///   type's qualified name; it is named as the operation's path parameter
///   when there is exactly one and it holds the binding type (as
///   [`crate::read_metadata`] leaves it), else `bindingParameter`. An
///   operation whose binding type did not resolve (`binding_type` without a
///   `binding`) is written unbound. Request body properties are the other
///   parameters (`Nullable="false"` when required); the response type is the
///   `ReturnType`. An action or function is placed in the schema of its
///   binding type's namespace, else `microsoft.graph`.
/// - Descriptions are written as `Org.OData.Core.V1.Description` annotations.
pub fn write_csdl(model: &ApiModel) -> Result<String, CsdlError> {
    let mut schemas: BTreeMap<String, Schema<'_>> = BTreeMap::new();
    for t in &model.types {
        schemas.entry(namespace_of(t)).or_default().types.push(t);
    }
    for op in model.operations.values() {
        if !matches!(op.op.kind, OperationKind::Action | OperationKind::Function) {
            continue;
        }
        let ns = op.binding.map_or_else(
            || DEFAULT_NAMESPACE.to_string(),
            |b| namespace_of(model.ty(b.ty)),
        );
        schemas.entry(ns).or_default().operations.push(op);
    }

    let mut w = Writer::new_with_indent(Cursor::new(Vec::new()), b' ', 2);
    let io = |e: std::io::Error| CsdlError::Write(e.to_string());
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("utf-8"), None)))
        .map_err(io)?;
    let mut edmx = BytesStart::new("edmx:Edmx");
    edmx.push_attribute(("Version", "4.0"));
    edmx.push_attribute(("xmlns:edmx", EDMX_NS));
    w.write_event(Event::Start(edmx)).map_err(io)?;
    w.write_event(Event::Start(BytesStart::new("edmx:DataServices")))
        .map_err(io)?;
    for (ns, schema) in &schemas {
        let mut start = BytesStart::new("Schema");
        start.push_attribute(("Namespace", ns.as_str()));
        start.push_attribute(("xmlns", EDM_NS));
        w.write_event(Event::Start(start)).map_err(io)?;
        schema.write(model, &mut w).map_err(io)?;
        w.write_event(Event::End(BytesEnd::new("Schema")))
            .map_err(io)?;
    }
    w.write_event(Event::End(BytesEnd::new("edmx:DataServices")))
        .map_err(io)?;
    w.write_event(Event::End(BytesEnd::new("edmx:Edmx")))
        .map_err(io)?;
    let mut bytes = w.into_inner().into_inner();
    bytes.push(b'\n');
    String::from_utf8(bytes).map_err(|e| CsdlError::Write(e.to_string()))
}

#[derive(Default)]
struct Schema<'a> {
    types: Vec<&'a ModelType>,
    operations: Vec<&'a ModelOperation>,
}

type W = Writer<Cursor<Vec<u8>>>;

/// The schema a type goes in: its namespace, else `microsoft.graph`.
fn namespace_of(t: &ModelType) -> String {
    match t.namespace() {
        "" => DEFAULT_NAMESPACE.to_string(),
        ns => ns.to_string(),
    }
}

/// A type use as CSDL writes it (an unresolved name as `Edm.Untyped`).
fn csdl_type(model: &ApiModel, ty: &TypeUse) -> String {
    match &ty.target {
        Target::Unresolved(_) => model
            .display(&TypeUse {
                target: Target::Primitive(Primitive::Json),
                collection: ty.collection,
            })
            .to_string(),
        _ => model.display(ty).to_string(),
    }
}

/// Writes `start` as an empty element, or with a description annotation inside.
fn element_with_description(
    w: &mut W,
    start: BytesStart<'_>,
    description: Option<&str>,
) -> std::io::Result<()> {
    match description {
        None => w.write_event(Event::Empty(start)),
        Some(d) => {
            let end = start.to_end().into_owned();
            w.write_event(Event::Start(start))?;
            description_annotation(w, d)?;
            w.write_event(Event::End(end))
        }
    }
}

fn description_annotation(w: &mut W, description: &str) -> std::io::Result<()> {
    let mut a = BytesStart::new("Annotation");
    a.push_attribute(("Term", DESCRIPTION_TERM));
    a.push_attribute(("String", description));
    w.write_event(Event::Empty(a))
}

impl Schema<'_> {
    fn write(&self, model: &ApiModel, w: &mut W) -> std::io::Result<()> {
        let order = |k: TypeKind| match k {
            TypeKind::Enum => 0,
            TypeKind::Complex => 1,
            TypeKind::Entity => 2,
        };
        let mut types = self.types.clone();
        types.sort_by(|a, b| (order(a.kind), a.name()).cmp(&(order(b.kind), b.name())));
        for t in types {
            match t.kind {
                TypeKind::Enum => write_enum(w, t)?,
                _ => write_structured(model, w, t)?,
            }
        }
        let mut ops = self.operations.clone();
        ops.sort_by(|a, b| {
            (a.op.kind, name_of(a), &a.op.id).cmp(&(b.op.kind, name_of(b), &b.op.id))
        });
        for op in ops {
            write_operation(model, w, op)?;
        }
        Ok(())
    }
}

fn name_of(op: &ModelOperation) -> &str {
    op.op.action_name.as_deref().unwrap_or(&op.op.title)
}

fn write_enum(w: &mut W, t: &ModelType) -> std::io::Result<()> {
    let mut start = BytesStart::new("EnumType");
    start.push_attribute(("Name", t.name()));
    if t.is_flags {
        start.push_attribute(("IsFlags", "true"));
    }
    let end = start.to_end().into_owned();
    w.write_event(Event::Start(start))?;
    if let Some(d) = &t.description {
        description_annotation(w, d)?;
    }
    let all_valued = t.members.iter().all(|m| m.value.is_some());
    for (i, m) in t.members.iter().enumerate() {
        let mut member = BytesStart::new("Member");
        member.push_attribute(("Name", m.name.as_str()));
        let value = if all_valued {
            m.value
        } else if t.is_flags {
            1i64.checked_shl(i as u32)
        } else {
            None
        };
        if let Some(v) = value {
            member.push_attribute(("Value", v.to_string().as_str()));
        }
        element_with_description(w, member, m.description.as_deref())?;
    }
    w.write_event(Event::End(end))
}

fn write_structured(model: &ApiModel, w: &mut W, t: &ModelType) -> std::io::Result<()> {
    let tag = if t.kind == TypeKind::Entity {
        "EntityType"
    } else {
        "ComplexType"
    };
    let mut start = BytesStart::new(tag);
    start.push_attribute(("Name", t.name()));
    if let Some(base) = model.base_name(t) {
        start.push_attribute(("BaseType", base));
    }
    if t.open_type {
        start.push_attribute(("OpenType", "true"));
    }
    let end = start.to_end().into_owned();
    w.write_event(Event::Start(start))?;
    if let Some(d) = &t.description {
        description_annotation(w, d)?;
    }
    if let (TypeKind::Entity, None, Some(key)) = (t.kind, t.base, &t.key) {
        w.write_event(Event::Start(BytesStart::new("Key")))?;
        let mut r = BytesStart::new("PropertyRef");
        r.push_attribute(("Name", key.as_str()));
        w.write_event(Event::Empty(r))?;
        w.write_event(Event::End(BytesEnd::new("Key")))?;
    }
    for p in &t.properties {
        let mut e = BytesStart::new(if p.navigation {
            "NavigationProperty"
        } else {
            "Property"
        });
        e.push_attribute(("Name", p.name.as_str()));
        e.push_attribute(("Type", csdl_type(model, &p.ty).as_str()));
        element_with_description(w, e, p.description.as_deref())?;
    }
    w.write_event(Event::End(end))
}

fn write_operation(model: &ApiModel, w: &mut W, m: &ModelOperation) -> std::io::Result<()> {
    let op = &m.op;
    let tag = if op.kind == OperationKind::Action {
        "Action"
    } else {
        "Function"
    };
    let mut start = BytesStart::new(tag);
    start.push_attribute(("Name", name_of(m)));
    if m.binding.is_some() {
        start.push_attribute(("IsBound", "true"));
    }
    let end = start.to_end().into_owned();
    w.write_event(Event::Start(start))?;
    if let Some(binding) = m.binding {
        let ty = TypeUse {
            target: Target::Type(binding.ty),
            collection: binding.collection,
        };
        let name = match op.path_parameters.as_slice() {
            [only] if only.ty.as_ref().and_then(TypeUse::type_id) == Some(binding.ty) => {
                only.name.as_str()
            }
            _ => "bindingParameter",
        };
        let mut p = BytesStart::new("Parameter");
        p.push_attribute(("Name", name));
        p.push_attribute(("Type", model.display(&ty).to_string().as_str()));
        w.write_event(Event::Empty(p))?;
    }
    if let Some(body) = &op.request_body {
        for prop in &body.properties {
            let mut p = BytesStart::new("Parameter");
            p.push_attribute(("Name", prop.name.as_str()));
            p.push_attribute(("Type", csdl_type(model, &prop.ty).as_str()));
            if prop.required {
                p.push_attribute(("Nullable", "false"));
            }
            element_with_description(w, p, prop.description.as_deref())?;
        }
    }
    if let Some(ty) = op.response.as_ref().and_then(|r| r.ty.as_ref()) {
        let mut r = BytesStart::new("ReturnType");
        r.push_attribute(("Type", csdl_type(model, ty).as_str()));
        w.write_event(Event::Empty(r))?;
    }
    w.write_event(Event::End(end))
}

//! From an [`ApiModel`] to a plan of what to emit: every type with its Rust name
//! and module, struct fields flattened along the inheritance chain and resolved to
//! Rust types, boxes on recursive containment, enums (including the ones the docs
//! only list inline). Code generation then only renders the plan.
//!
//! The model's references are resolved already ([`TypeId`]s): planning looks
//! no name up.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use graphdoc_ir::{
    ApiModel, ModelType, Primitive, Property, RequestShape, Target, TypeId, TypeKind, TypeUse,
};

use crate::docs;
use crate::naming::{self, Namer};
use crate::settings::{EmitSettings, PatchTypes};

/// The module of types whose model type has no workload.
pub const COMMON_MODULE: &str = "common";

/// Identifies a generated type before it has a Rust name.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum TypeKey {
    /// A type of the model.
    Model(TypeId),
    /// An enum whose values the docs list inline: the declaring type and the
    /// property's wire name.
    Inline { owner: TypeId, property: String },
    /// An enum type a property names, with listed values, that the model lacks:
    /// the name as written.
    Missing(String),
    /// The patch (update body) type of a model struct.
    Patch(TypeId),
    /// The enum of a structured type and every type derived from it: what a
    /// value declared as that type may be.
    Family(TypeId),
}

/// The Rust type of a field, before the `Option`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scalar {
    Primitive(Primitive),
    Struct(TypeKey),
    Enum {
        key: TypeKey,
        flags: bool,
    },
    /// Untyped or unresolved: `serde_json::Value`.
    Json,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldType {
    pub scalar: Scalar,
    pub collection: bool,
    /// `Box` the (non-collection) value: it is part of a containment cycle.
    pub boxed: bool,
}

/// How model types map to Rust types: the one place that decides what a
/// value declared as a type is (and so where values are polymorphic).
#[derive(Debug, Clone, Copy)]
pub struct TypeMap<'m> {
    pub model: &'m ApiModel,
    /// Types with derived types have a family enum (see
    /// [`EmitSettings::families`]).
    pub families: bool,
}

impl TypeMap<'_> {
    /// The Rust type a value declared as structured type `t` has: its family
    /// enum when types derive from it (the value may be any of them), else
    /// its struct.
    pub fn value_key(&self, t: &ModelType) -> TypeKey {
        if self.families && t.is_structured() && !t.derived.is_empty() {
            TypeKey::Family(t.id)
        } else {
            TypeKey::Model(t.id)
        }
    }

    /// The scalar of a model type: a struct, its family enum, or an enum.
    pub fn model_scalar(&self, t: &ModelType) -> Scalar {
        match t.kind {
            TypeKind::Enum => Scalar::Enum {
                key: TypeKey::Model(t.id),
                flags: t.is_flags,
            },
            TypeKind::Entity | TypeKind::Complex => Scalar::Struct(self.value_key(t)),
        }
    }

    /// The scalar a resolved reference names: a primitive, a model type, a
    /// string for an enumeration whose values the docs do not list, untyped
    /// JSON for `Edm.Untyped` and for a name no page defines.
    pub fn scalar(&self, target: &Target) -> Scalar {
        match target {
            Target::Primitive(Primitive::Json) | Target::Unresolved(_) => Scalar::Json,
            Target::Primitive(p) => Scalar::Primitive(*p),
            Target::Type(id) => self.model_scalar(self.model.ty(*id)),
            Target::InlineEnum => Scalar::Primitive(Primitive::String),
        }
    }

    /// The Rust type of a resolved reference (not boxed).
    pub fn field_type(&self, ty: &TypeUse) -> FieldType {
        FieldType {
            scalar: self.scalar(&ty.target),
            collection: ty.collection,
            boxed: false,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Field {
    pub wire: String,
    pub rust: String,
    pub ty: FieldType,
    /// Cleaned description, then notes.
    pub doc: Vec<String>,
    pub navigation: bool,
}

#[derive(Debug, Clone)]
pub struct StructPlan {
    pub key: TypeKey,
    pub id: TypeId,
    pub kind: TypeKind,
    pub doc: Vec<String>,
    pub fields: Vec<Field>,
    /// The Rust name of the `@odata.type` field when the emitter adds it (no
    /// property of the type has that wire name).
    pub odata_type: Option<String>,
    /// The Rust name of the flattened map of unknown properties.
    pub additional: String,
    /// Whether a patch type is emitted for it.
    pub patch: bool,
}

#[derive(Debug, Clone)]
pub struct Member {
    pub wire: String,
    pub rust: String,
    pub doc: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct EnumPlan {
    pub key: TypeKey,
    pub doc: Vec<String>,
    pub members: Vec<Member>,
    /// The variant holding unknown values.
    pub catch_all: String,
}

/// One type of a family: its struct, as a variant of the family enum.
#[derive(Debug, Clone)]
pub struct Variant {
    /// The struct's key; the variant is named as the struct.
    pub key: TypeKey,
    pub qualified: String,
    /// The `as_*` accessor's name.
    pub accessor: String,
    /// The struct's `@odata.type` field, when it holds a string.
    pub odata_type: Option<String>,
}

/// A property every type of a family has, with an accessor on the enum.
#[derive(Debug, Clone)]
pub struct SharedField {
    /// The accessor's name.
    pub method: String,
    /// The field's name in every variant's struct.
    pub rust: String,
    /// Its type (unboxed; a variant's struct may box it, which the runtime's
    /// `SharedProperty` reads alike).
    pub ty: FieldType,
    pub doc: Vec<String>,
}

/// The enum of a type and the types derived from it, told apart by
/// `@odata.type` (see `graphdoc_runtime::Family`).
#[derive(Debug, Clone)]
pub struct FamilyPlan {
    pub key: TypeKey,
    pub qualified: String,
    pub doc: Vec<String>,
    /// The base type first, then every type derived from it (at any depth) by
    /// qualified name.
    pub variants: Vec<Variant>,
    pub shared: Vec<SharedField>,
    /// The struct field holding the unknown and mismatched properties.
    pub additional: String,
}

#[derive(Debug, Clone)]
pub enum Item {
    Struct(StructPlan),
    Enum(EnumPlan),
    Family(FamilyPlan),
}

impl Item {
    fn key(&self) -> &TypeKey {
        match self {
            Item::Struct(s) => &s.key,
            Item::Enum(e) => &e.key,
            Item::Family(f) => &f.key,
        }
    }
}

/// Everything one API version emits.
#[derive(Debug, Clone)]
pub struct Plan {
    /// Whether types with derived types have family enums.
    pub families: bool,
    /// Rust names of all generated types.
    pub names: BTreeMap<TypeKey, String>,
    /// Items per module (file), each list sorted by Rust name.
    pub modules: BTreeMap<String, Vec<Item>>,
    /// The workloads (as the docs spell them) whose types each module holds.
    pub workloads: BTreeMap<String, BTreeSet<String>>,
    /// The module each type is emitted in (a patch type: its model's).
    pub module_of: BTreeMap<TypeKey, String>,
}

impl Plan {
    /// How `model`'s types map to this plan's Rust types.
    pub fn types<'m>(&self, model: &'m ApiModel) -> TypeMap<'m> {
        TypeMap {
            model,
            families: self.families,
        }
    }

    /// The workload module `key` lives in.
    pub fn module(&self, key: &TypeKey) -> Option<&str> {
        let model_key;
        let key = match key {
            TypeKey::Patch(id) => {
                model_key = TypeKey::Model(*id);
                &model_key
            }
            other => other,
        };
        self.module_of.get(key).map(String::as_str)
    }

    pub fn name(&self, key: &TypeKey) -> &str {
        self.names
            .get(key)
            .map(String::as_str)
            .expect("every planned type is named")
    }
}

/// Cargo features a generated crate has besides the workloads'.
pub const RESERVED_FEATURES: &[&str] = &["default", "full", "client", "mock"];

/// The module (file) name of a workload: its snake-case form, or [`COMMON_MODULE`].
/// A workload whose name is that of the routes module gets a `_` suffix.
pub fn module_name(workload: Option<&str>) -> String {
    match workload.map(str::trim) {
        Some(w) if w.chars().any(|c| c.is_ascii_alphanumeric()) => {
            let name = bounded(naming::snake(w));
            // Module names double as Cargo feature names: keep clear of the others.
            if name == crate::routes::ROUTES_MODULE || RESERVED_FEATURES.contains(&name.as_str()) {
                format!("{name}_")
            } else {
                name
            }
        }
        _ => COMMON_MODULE.to_owned(),
    }
}

/// Longest module (file, feature) name; longer workload names would make file
/// names some file systems refuse, and a docs page must not be able to break gen.
const MAX_MODULE_NAME: usize = 48;

/// `name`, or when too long its first 39 characters, `_` and 8 hex digits of a
/// hash of the whole name: deterministic, and distinct names stay distinct.
pub(crate) fn bounded(name: String) -> String {
    if name.len() <= MAX_MODULE_NAME {
        return name;
    }
    // FNV-1a: stable across runs and platforms, unlike std's hasher.
    let hash = name.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    let prefix: String = name.chars().take(MAX_MODULE_NAME - 9).collect();
    format!("{}_{:08x}", prefix.trim_end_matches('_'), hash as u32)
}

/// `("microsoft.graph.callRecords", "session")` from a qualified name.
fn split_qualified(qualified: &str) -> (&str, &str) {
    qualified.rsplit_once('.').unwrap_or(("", qualified))
}

/// The words a namespace adds to a type name: none for the root namespace, the
/// rest of it for a child namespace, all of it otherwise.
fn namespace_words<'a>(namespace: &'a str, root: &str) -> &'a str {
    if namespace == root || namespace.is_empty() {
        ""
    } else if let Some(rest) = namespace
        .strip_prefix(root)
        .and_then(|r| r.strip_prefix('.'))
    {
        rest
    } else {
        namespace
    }
}

/// The model's types ordered by qualified name, case-sensitively: the order
/// in which names are given out (the first of two types with the same Rust
/// name keeps it) and made-up enums collected.
fn by_qualified_name(model: &ApiModel) -> Vec<TypeId> {
    let mut ids: Vec<TypeId> = model.types.iter().map(|t| t.id).collect();
    ids.sort_by(|a, b| model.ty(*a).qualified.cmp(&model.ty(*b).qualified));
    ids
}

struct Builder<'m> {
    model: &'m ApiModel,
    types: TypeMap<'m>,
    root: &'m str,
    /// Sorted, deduplicated member names -> enum types with exactly those members.
    enums_by_members: BTreeMap<Vec<String>, Vec<TypeId>>,
    synth: BTreeMap<TypeKey, Synth>,
}

/// An enum the emitter makes up from a property's listed values.
struct Synth {
    natural: String,
    values: Vec<String>,
    module: String,
    doc: Vec<String>,
}

/// A flattened property: the type that declares it (for inline enum keys) and the property.
struct Flat<'m> {
    owner: TypeId,
    prop: &'m Property<TypeUse>,
}

struct Resolved {
    scalar: Scalar,
    notes: Vec<String>,
}

impl<'m> Builder<'m> {
    fn new(types: TypeMap<'m>, root: &'m str, order: &[TypeId]) -> Self {
        let model = types.model;
        let mut enums_by_members: BTreeMap<Vec<String>, Vec<TypeId>> = BTreeMap::new();
        for &id in order {
            let t = model.ty(id);
            if t.kind == TypeKind::Enum && !t.members.is_empty() {
                let members: BTreeSet<String> = t.members.iter().map(|m| m.name.clone()).collect();
                enums_by_members
                    .entry(members.into_iter().collect())
                    .or_default()
                    .push(id);
            }
        }
        Self {
            model,
            types,
            root,
            enums_by_members,
            synth: BTreeMap::new(),
        }
    }

    fn natural_type_name(&self, qualified: &str, suffix: &str) -> String {
        let (namespace, simple) = split_qualified(qualified);
        naming::type_name(&format!(
            "{} {simple} {suffix}",
            namespace_words(namespace, self.root)
        ))
    }

    /// The chain of types from the root base type down to `id` (bases that
    /// are not structured types end it).
    fn chain(&self, id: TypeId) -> Vec<TypeId> {
        let mut chain: Vec<TypeId> = self
            .model
            .ancestors(id)
            .take_while(|&b| self.model.ty(b).is_structured())
            .collect();
        chain.reverse();
        chain.push(id);
        chain
    }

    /// Properties along the chain, base first; a derived type's property replaces
    /// the base's one of the same wire name in place.
    fn flatten(&self, chain: &[TypeId]) -> Vec<Flat<'m>> {
        let mut out: Vec<Flat<'m>> = Vec::new();
        let mut index: BTreeMap<&str, usize> = BTreeMap::new();
        for &owner in chain {
            for prop in &self.model.ty(owner).properties {
                let flat = Flat { owner, prop };
                match index.get(prop.name.as_str()) {
                    Some(&i) => out[i] = flat,
                    None => {
                        index.insert(&prop.name, out.len());
                        out.push(flat);
                    }
                }
            }
        }
        out
    }

    fn resolve(&mut self, flat: &Flat<'m>, module: &str) -> Resolved {
        let prop = flat.prop;
        let plain = |scalar| Resolved {
            scalar,
            notes: Vec::new(),
        };
        match &prop.ty.target {
            Target::Primitive(_) | Target::Type(_) => plain(self.types.scalar(&prop.ty.target)),
            Target::Unresolved(name) if !prop.enum_values.is_empty() => {
                let key = TypeKey::Missing(name.clone());
                let (namespace, simple) = split_qualified(name);
                let natural = naming::type_name(&format!(
                    "{} {simple}",
                    namespace_words(namespace, self.root)
                ));
                self.add_synth(key.clone(), natural, prop, module, || {
                    format!(
                        "The enum type `{name}`, which is not in the model, with the values its properties list."
                    )
                });
                plain(Scalar::Enum { key, flags: false })
            }
            Target::Unresolved(name) => Resolved {
                scalar: Scalar::Json,
                notes: vec![format!(
                    "The docs give its type as `{name}`, which is not in the model, so it is kept as raw JSON."
                )],
            },
            Target::InlineEnum if prop.enum_values.is_empty() => Resolved {
                scalar: Scalar::Primitive(Primitive::String),
                notes: vec![
                    "An enumeration whose values the docs do not list, kept as a string.".into(),
                ],
            },
            Target::InlineEnum => {
                let mut values: Vec<String> = prop.enum_values.clone();
                values.sort();
                values.dedup();
                let owner = self.model.ty(flat.owner);
                if let Some(found) = self.enums_by_members.get(&values) {
                    let id = found
                        .iter()
                        .copied()
                        .find(|&e| self.model.ty(e).namespace() == owner.namespace())
                        .unwrap_or(found[0]);
                    return plain(self.types.model_scalar(self.model.ty(id)));
                }
                let key = TypeKey::Inline {
                    owner: flat.owner,
                    property: prop.name.clone(),
                };
                let natural = self.natural_type_name(&owner.qualified, &prop.name);
                let (owner, wire) = (&owner.qualified, &prop.name);
                self.add_synth(key.clone(), natural, prop, module, || {
                    format!("The values of `{owner}.{wire}`, which the docs list inline.")
                });
                plain(Scalar::Enum { key, flags: false })
            }
        }
    }

    fn add_synth(
        &mut self,
        key: TypeKey,
        natural: String,
        prop: &Property<TypeUse>,
        module: &str,
        origin: impl FnOnce() -> String,
    ) {
        let synth = self.synth.entry(key).or_insert_with(|| Synth {
            natural,
            values: Vec::new(),
            module: module.to_owned(),
            doc: vec![origin()],
        });
        for v in &prop.enum_values {
            if !synth.values.contains(v) {
                synth.values.push(v.clone());
            }
        }
    }

    /// The made-up enums in naming order: inline ones by owner (qualified
    /// name) and property, then missing ones by name.
    fn synth_order(&self) -> Vec<&TypeKey> {
        let mut keys: Vec<&TypeKey> = self.synth.keys().collect();
        let sort_key = |k: &TypeKey| match k {
            TypeKey::Inline { owner, property } => {
                (0, self.model.ty(*owner).qualified.clone(), property.clone())
            }
            TypeKey::Missing(name) => (1, name.clone(), String::new()),
            TypeKey::Model(_) | TypeKey::Patch(_) | TypeKey::Family(_) => {
                (2, String::new(), String::new())
            }
        };
        keys.sort_by_cached_key(|k| sort_key(k));
        keys
    }

    /// The types that get a patch type, in naming order (by qualified name).
    fn patch_targets(&self, scope: PatchTypes, order: &[TypeId]) -> Vec<TypeId> {
        let targets: BTreeSet<TypeId> = match scope {
            PatchTypes::None => BTreeSet::new(),
            PatchTypes::AllEntities => self
                .model
                .types
                .iter()
                .filter(|t| t.kind == TypeKind::Entity)
                .map(|t| t.id)
                .collect(),
            // The types the model's updates send changes to.
            PatchTypes::Updatable => self
                .model
                .operations
                .values()
                .filter_map(|op| match op.request {
                    RequestShape::Patch(id) => Some(id),
                    _ => None,
                })
                .filter(|&id| self.model.ty(id).is_structured())
                .collect(),
        };
        order
            .iter()
            .copied()
            .filter(|id| targets.contains(id))
            .collect()
    }
}

fn doc_lines(text: Option<&str>) -> Vec<String> {
    text.and_then(docs::clean).into_iter().collect()
}

fn member_doc(wire: &str, description: Option<&str>) -> Vec<String> {
    let mut doc = vec![format!("`{wire}`")];
    doc.extend(doc_lines(description));
    if wire == "unknownFutureValue" {
        doc.push(
            "Graph's marker for members added later: it is sent in their place unless the \
             request has the `Prefer: include-unknown-enum-members` header."
                .into(),
        );
    }
    doc
}

/// Members in order, duplicates (by wire name) dropped, with unique variant names
/// and a catch-all variant name no member has.
fn plan_members(values: &[(String, Vec<String>)]) -> (Vec<Member>, String) {
    let mut seen = BTreeSet::new();
    let values: Vec<&(String, Vec<String>)> = values
        .iter()
        .filter(|(w, _)| seen.insert(w.as_str()))
        .collect();
    let mut namer = Namer::pascal();
    let naturals: Vec<String> = values.iter().map(|(w, _)| naming::pascal(w)).collect();
    let names = namer.assign(&naturals);
    let members = values
        .iter()
        .zip(names)
        .map(|((wire, doc), rust)| Member {
            wire: wire.clone(),
            rust,
            doc: doc.clone(),
        })
        .collect();
    let catch_all = ["Other", "OtherValue", "Unrecognized"]
        .into_iter()
        .find(|c| !namer.is_taken(c))
        .map_or_else(|| namer.assign_one("Other"), str::to_owned);
    (members, catch_all)
}

/// Strongly connected components (Kosaraju, iterative): a component id per node.
fn components(adjacency: &[Vec<usize>]) -> Vec<usize> {
    let n = adjacency.len();
    let mut order = Vec::with_capacity(n);
    let mut visited = vec![false; n];
    for start in 0..n {
        if visited[start] {
            continue;
        }
        visited[start] = true;
        let mut stack = vec![(start, 0)];
        while let Some((node, next)) = stack.pop() {
            if let Some(&child) = adjacency[node].get(next) {
                stack.push((node, next + 1));
                if !visited[child] {
                    visited[child] = true;
                    stack.push((child, 0));
                }
            } else {
                order.push(node);
            }
        }
    }
    let mut reverse = vec![Vec::new(); n];
    for (from, tos) in adjacency.iter().enumerate() {
        for &to in tos {
            reverse[to].push(from);
        }
    }
    let mut component = vec![usize::MAX; n];
    let mut count = 0;
    for &start in order.iter().rev() {
        if component[start] != usize::MAX {
            continue;
        }
        component[start] = count;
        let mut stack = vec![start];
        while let Some(node) = stack.pop() {
            for &prev in &reverse[node] {
                if component[prev] == usize::MAX {
                    component[prev] = count;
                    stack.push(prev);
                }
            }
        }
        count += 1;
    }
    component
}

fn struct_doc(model: &ApiModel, t: &ModelType, chain: &[TypeId]) -> Vec<String> {
    let mut doc = doc_lines(t.description.as_deref());
    let kind = if t.kind == TypeKind::Entity {
        "entity"
    } else {
        "complex"
    };
    let mut line = format!("`{}` ({kind} type", t.qualified);
    if chain.len() > 1 {
        let bases: Vec<String> = chain[..chain.len() - 1]
            .iter()
            .rev()
            .map(|b| format!("`{}`", model.ty(*b).qualified))
            .collect();
        line.push_str(&format!(
            "; derives from {}, whose properties it includes",
            bases.join(", ")
        ));
    }
    line.push_str(").");
    doc.push(line);
    if t.open_type {
        doc.push("An open type: properties beyond the declared ones are kept in the map of additional properties.".into());
    }
    doc
}

/// The family of `base`: its struct and those of every type derived from it,
/// with accessors for the fields all of them share.
fn plan_family(
    model: &ApiModel,
    base: TypeId,
    structs: &BTreeMap<TypeId, (String, StructPlan)>,
    names: &BTreeMap<TypeKey, String>,
) -> FamilyPlan {
    let mut members: Vec<TypeId> = model
        .descendants(base)
        .into_iter()
        .filter(|id| structs.contains_key(id))
        .collect();
    members.sort_by(|a, b| model.ty(*a).qualified.cmp(&model.ty(*b).qualified));
    members.dedup();
    members.insert(0, base);
    let plans: Vec<&StructPlan> = members.iter().map(|id| &structs[id].1).collect();

    let mut methods = Namer::snake();
    for fixed in ["type_name", "odata_type", "additional"] {
        methods.reserve(fixed);
    }
    let accessors: Vec<String> = members
        .iter()
        .map(|id| format!("as_{}", naming::snake(&names[&TypeKey::Model(*id)])))
        .collect();
    let accessors = methods.assign(&accessors);
    let variants = members
        .iter()
        .zip(&plans)
        .zip(accessors)
        .map(|((id, s), accessor)| Variant {
            key: TypeKey::Model(*id),
            qualified: model.ty(*id).qualified.clone(),
            accessor,
            odata_type: odata_type_field(s),
        })
        .collect();

    // The base's fields that every member has, under the same name and type.
    let base_plan = plans[0];
    let shared_fields: Vec<&Field> = base_plan
        .fields
        .iter()
        .filter(|f| {
            plans.iter().all(|s| {
                s.fields.iter().any(|g| {
                    g.wire == f.wire
                        && g.rust == f.rust
                        && g.ty.scalar == f.ty.scalar
                        && g.ty.collection == f.ty.collection
                })
            })
        })
        .collect();
    let method_naturals: Vec<String> = shared_fields.iter().map(|f| f.rust.clone()).collect();
    let shared = shared_fields
        .into_iter()
        .zip(methods.assign(&method_naturals))
        .map(|(f, method)| SharedField {
            method,
            rust: f.rust.clone(),
            ty: FieldType {
                boxed: false,
                ..f.ty.clone()
            },
            doc: std::iter::once(format!("`{}`, whichever the variant.", f.wire))
                .chain(f.doc.iter().take(1).cloned())
                .collect(),
        })
        .collect();

    let t = model.ty(base);
    FamilyPlan {
        key: TypeKey::Family(base),
        qualified: t.qualified.clone(),
        doc: vec![
            format!(
                "`{}` (family: the type and every type derived from it).",
                t.qualified
            ),
            "What a value declared as that type may be, told apart by `@odata.type` when \
             deserialized: a variant per type, each holding its struct. A type these \
             bindings do not know reads as the base variant, its properties kept in \
             `additional`. Match on it, or use the `as_*` accessors and those of the \
             properties every variant has."
                .to_owned(),
        ],
        variants,
        shared,
        additional: base_plan.additional.clone(),
    }
}

/// The field of a struct that holds its `@odata.type` as a string.
fn odata_type_field(s: &StructPlan) -> Option<String> {
    s.odata_type.clone().or_else(|| {
        s.fields
            .iter()
            .find(|f| {
                f.wire == "@odata.type"
                    && f.ty.scalar == Scalar::Primitive(Primitive::String)
                    && !f.ty.collection
            })
            .map(|f| f.rust.clone())
    })
}

/// Plans one API version.
pub fn build(model: &ApiModel, settings: &EmitSettings) -> Plan {
    let order = by_qualified_name(model);
    let types = TypeMap {
        model,
        families: settings.emits_families(),
    };
    let mut b = Builder::new(types, settings.root_namespace_name(), &order);

    // Structs: flattened, resolved fields (this also collects made-up enums).
    struct Pending<'m> {
        t: &'m ModelType,
        module: String,
        doc: Vec<String>,
        fields: Vec<(Flat<'m>, Resolved)>,
    }
    let mut pending = Vec::new();
    for &id in &order {
        let t = model.ty(id);
        if !t.is_structured() {
            continue;
        }
        let module = module_name(t.workload.as_deref());
        let chain = b.chain(id);
        let doc = struct_doc(model, t, &chain);
        let flats = b.flatten(&chain);
        let fields = flats
            .into_iter()
            .map(|flat| {
                let resolved = b.resolve(&flat, &module);
                (flat, resolved)
            })
            .collect();
        pending.push(Pending {
            t,
            module,
            doc,
            fields,
        });
    }
    let patch_targets = b.patch_targets(settings.patch_type_scope(), &order);

    // Names: model types, then made-up enums, then patch types.
    let mut names = BTreeMap::new();
    let mut namer = Namer::pascal();
    let naturals: Vec<String> = order
        .iter()
        .map(|id| b.natural_type_name(&model.ty(*id).qualified, ""))
        .collect();
    for (id, name) in order.iter().zip(namer.assign(&naturals)) {
        names.insert(TypeKey::Model(*id), name);
    }
    let synth_keys = b.synth_order();
    let synth_naturals: Vec<String> = synth_keys
        .iter()
        .map(|k| b.synth[*k].natural.clone())
        .collect();
    for (key, name) in synth_keys.into_iter().zip(namer.assign(&synth_naturals)) {
        names.insert(key.clone(), name);
    }
    let patch_naturals: Vec<String> = patch_targets
        .iter()
        .map(|id| b.natural_type_name(&model.ty(*id).qualified, "Patch"))
        .collect();
    for (id, name) in patch_targets.iter().zip(namer.assign(&patch_naturals)) {
        names.insert(TypeKey::Patch(*id), name);
    }
    let patch_targets: BTreeSet<TypeId> = patch_targets.into_iter().collect();
    let family_bases: Vec<TypeId> = order
        .iter()
        .copied()
        .filter(|id| types.value_key(model.ty(*id)) == TypeKey::Family(*id))
        .collect();
    let family_naturals: Vec<String> = family_bases
        .iter()
        .map(|id| format!("Any{}", b.natural_type_name(&model.ty(*id).qualified, "")))
        .collect();
    for (id, name) in family_bases.iter().zip(namer.assign(&family_naturals)) {
        names.insert(TypeKey::Family(*id), name);
    }

    // Boxes: a by-value field whose type is in the same containment cycle.
    let index: BTreeMap<TypeId, usize> = pending
        .iter()
        .enumerate()
        .map(|(i, p)| (p.t.id, i))
        .collect();
    let adjacency: Vec<Vec<usize>> = pending
        .iter()
        .map(|p| {
            let targets: BTreeSet<usize> = p
                .fields
                .iter()
                .filter(|(f, _)| !f.prop.ty.collection)
                .filter_map(|(_, r)| match &r.scalar {
                    Scalar::Struct(TypeKey::Model(id)) => index.get(id).copied(),
                    _ => None,
                })
                .collect();
            targets.into_iter().collect()
        })
        .collect();
    let component = components(&adjacency);

    let mut modules: BTreeMap<String, Vec<Item>> = BTreeMap::new();
    let mut workloads: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for t in &model.types {
        if let Some(w) = t.workload.as_deref() {
            workloads
                .entry(module_name(Some(w)))
                .or_default()
                .insert(w.trim().to_owned());
        }
    }
    let mut structs: BTreeMap<TypeId, (String, StructPlan)> = BTreeMap::new();
    // Inherited properties are fields of every derived type: each name is
    // converted once.
    let mut field_naturals: HashMap<&str, String> = HashMap::new();
    for (i, p) in pending.into_iter().enumerate() {
        let mut namer = Namer::snake();
        let has_odata_type = p.fields.iter().any(|(f, _)| f.prop.name == "@odata.type");
        let odata_type = (!has_odata_type).then(|| {
            namer.reserve("odata_type");
            "odata_type".to_owned()
        });
        namer.reserve("additional");
        let naturals: Vec<String> = p
            .fields
            .iter()
            .map(|(f, _)| {
                field_naturals
                    .entry(f.prop.name.as_str())
                    .or_insert_with(|| naming::snake(&f.prop.name))
                    .clone()
            })
            .collect();
        let rust_names = namer.assign(&naturals);
        let fields = p
            .fields
            .into_iter()
            .zip(rust_names)
            .map(|((flat, resolved), rust)| {
                let collection = flat.prop.ty.collection;
                let boxed = !collection
                    && matches!(&resolved.scalar, Scalar::Struct(TypeKey::Model(id))
                        if index.get(id).is_some_and(|&j| component[j] == component[i]));
                let mut doc = doc_lines(flat.prop.description.as_deref());
                if flat.prop.navigation {
                    doc.push("A relationship (navigation property): usually present only when requested with `$expand`.".into());
                }
                doc.extend(resolved.notes);
                Field {
                    wire: flat.prop.name.clone(),
                    rust,
                    ty: FieldType {
                        scalar: resolved.scalar,
                        collection,
                        boxed,
                    },
                    doc,
                    navigation: flat.prop.navigation,
                }
            })
            .collect();
        let t = p.t;
        structs.insert(
            t.id,
            (
                p.module,
                StructPlan {
                    key: TypeKey::Model(t.id),
                    id: t.id,
                    kind: t.kind,
                    doc: p.doc,
                    fields,
                    odata_type,
                    additional: "additional".to_owned(),
                    patch: patch_targets.contains(&t.id),
                },
            ),
        );
    }
    for &base in &family_bases {
        let family = plan_family(model, base, &structs, &names);
        let module = structs[&base].0.clone();
        modules
            .entry(module)
            .or_default()
            .push(Item::Family(family));
    }
    for (_, (module, s)) in structs {
        modules.entry(module).or_default().push(Item::Struct(s));
    }

    for &id in &order {
        let t = model.ty(id);
        if t.kind != TypeKind::Enum {
            continue;
        }
        let values: Vec<(String, Vec<String>)> = t
            .members
            .iter()
            .map(|m| {
                (
                    m.name.clone(),
                    member_doc(&m.name, m.description.as_deref()),
                )
            })
            .collect();
        let (members, catch_all) = plan_members(&values);
        let mut doc = doc_lines(t.description.as_deref());
        doc.push(format!("`{}` (enum type).", t.qualified));
        if t.is_flags {
            doc.push("A flags enum: a property of this type holds a set of members, comma-separated on the wire.".into());
        }
        modules
            .entry(module_name(t.workload.as_deref()))
            .or_default()
            .push(Item::Enum(EnumPlan {
                key: TypeKey::Model(id),
                doc,
                members,
                catch_all,
            }));
    }

    for (key, synth) in b.synth {
        let values: Vec<(String, Vec<String>)> = synth
            .values
            .iter()
            .map(|v| (v.clone(), member_doc(v, None)))
            .collect();
        let (members, catch_all) = plan_members(&values);
        modules
            .entry(synth.module)
            .or_default()
            .push(Item::Enum(EnumPlan {
                key,
                doc: synth.doc,
                members,
                catch_all,
            }));
    }

    for items in modules.values_mut() {
        items.sort_by(|a, b| names[a.key()].cmp(&names[b.key()]));
    }
    workloads.retain(|m, _| modules.contains_key(m));
    let module_of = modules
        .iter()
        .flat_map(|(m, items)| {
            items
                .iter()
                .map(move |item| (item.key().clone(), m.clone()))
        })
        .collect();
    Plan {
        families: types.families,
        names,
        modules,
        workloads,
        module_of,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_workload_names_are_bounded_deterministically_and_stay_distinct() {
        let a = module_name(Some(&"x".repeat(300)));
        let b = module_name(Some(&format!("{}y", "x".repeat(299))));
        assert!(
            a.len() <= MAX_MODULE_NAME && b.len() <= MAX_MODULE_NAME,
            "{a} {b}"
        );
        assert_ne!(a, b);
        assert_eq!(a, module_name(Some(&"x".repeat(300))));
        assert_eq!(module_name(Some("Microsoft Teams")), "microsoft_teams");
    }

    #[test]
    fn components_find_cycles() {
        // 0 -> 1 -> 2 -> 0, 2 -> 3, 3 -> 3, 4 alone.
        let adjacency = vec![vec![1], vec![2], vec![0, 3], vec![3], vec![]];
        let c = components(&adjacency);
        assert_eq!(c[0], c[1]);
        assert_eq!(c[1], c[2]);
        assert_ne!(c[2], c[3]);
        assert_ne!(c[3], c[4]);
        assert_ne!(c[0], c[4]);
    }

    #[test]
    fn module_names() {
        assert_eq!(module_name(None), "common");
        assert_eq!(module_name(Some("  ")), "common");
        assert_eq!(module_name(Some("intune")), "intune");
        assert_eq!(
            module_name(Some("microsoft-identity-platform")),
            "microsoft_identity_platform"
        );
        assert_eq!(module_name(Some("mod")), "mod_");
        assert_eq!(module_name(Some("Routes")), "routes_");
    }

    #[test]
    fn namespaces_prefix_type_names() {
        assert_eq!(namespace_words("microsoft.graph", "microsoft.graph"), "");
        assert_eq!(
            namespace_words("microsoft.graph.callRecords", "microsoft.graph"),
            "callRecords"
        );
        assert_eq!(namespace_words("other.ns", "microsoft.graph"), "other.ns");
    }

    #[test]
    fn catch_all_avoids_members() {
        let values = |names: &[&str]| -> Vec<(String, Vec<String>)> {
            names.iter().map(|n| (n.to_string(), vec![])).collect()
        };
        let (members, catch_all) = plan_members(&values(&["a", "b", "a"]));
        assert_eq!(members.len(), 2);
        assert_eq!(catch_all, "Other");
        let (members, catch_all) = plan_members(&values(&["other", "Other", "otherValue"]));
        assert_eq!(
            members.iter().map(|m| m.rust.as_str()).collect::<Vec<_>>(),
            ["Other", "Other2", "OtherValue"]
        );
        assert_eq!(catch_all, "Unrecognized");
        let (_, catch_all) =
            plan_members(&values(&["other", "otherValue", "unrecognized", "other3"]));
        assert_eq!(catch_all, "Other2");
    }
}

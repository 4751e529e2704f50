//! From an [`ApiModel`] to a plan of what to emit: every type with its Rust name
//! and module, struct fields flattened along the inheritance chain and resolved to
//! Rust types, boxes on recursive containment, enums (including the ones the docs
//! only list inline). Code generation then only renders the plan.

use std::collections::{BTreeMap, BTreeSet};

use graphdoc_ir::{
    ApiModel, HttpMethod, ModelType, Operation, OperationKind, Primitive, Property, TypeDef,
    TypeKind, TypeName, TypeRef,
};

use crate::docs;
use crate::naming::{self, Namer};
use crate::settings::{EmitSettings, PatchTypes};

/// The module of types whose model type has no workload.
pub const COMMON_MODULE: &str = "common";

/// Identifies a generated type before it has a Rust name.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum TypeKey {
    /// A type of the model, by qualified name.
    Model(String),
    /// An enum whose values the docs list inline: the declaring type's qualified
    /// name and the property's wire name.
    Inline { owner: String, property: String },
    /// An enum type a property names, with listed values, that the model lacks:
    /// the name as written.
    Missing(String),
    /// The patch (update body) type of a model struct.
    Patch(String),
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
    pub qualified: String,
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

#[derive(Debug, Clone)]
pub enum Item {
    Struct(StructPlan),
    Enum(EnumPlan),
}

impl Item {
    fn key(&self) -> &TypeKey {
        match self {
            Item::Struct(s) => &s.key,
            Item::Enum(e) => &e.key,
        }
    }
}

/// Everything one API version emits.
#[derive(Debug, Clone)]
pub struct Plan {
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
    /// The workload module `key` lives in.
    pub fn module(&self, key: &TypeKey) -> Option<&str> {
        let model_key;
        let key = match key {
            TypeKey::Patch(q) => {
                model_key = TypeKey::Model(q.clone());
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

/// Finds the model type a reference names, leniently: exact, then in the root
/// namespace, then either case-insensitively.
pub struct Lookup<'m> {
    pub model: &'m ApiModel,
    pub root: &'m str,
    /// Lowercased qualified name -> qualified name.
    lower: BTreeMap<String, &'m str>,
}

impl<'m> Lookup<'m> {
    pub fn new(model: &'m ApiModel, root: &'m str) -> Self {
        let mut lower = BTreeMap::new();
        for q in model.types.keys() {
            lower.entry(q.to_ascii_lowercase()).or_insert(q.as_str());
        }
        Self { model, root, lower }
    }

    /// The qualified name of the model type `name` names.
    pub fn find(&self, name: &str) -> Option<&'m str> {
        let in_root = format!("{}.{name}", self.root);
        for candidate in [name, in_root.as_str()] {
            if let Some((q, _)) = self.model.types.get_key_value(candidate) {
                return Some(q.as_str());
            }
        }
        [name, in_root.as_str()]
            .iter()
            .find_map(|c| self.lower.get(&c.to_ascii_lowercase()).copied())
    }

    fn is_struct(&self, q: &str) -> bool {
        self.model.types[q].def.kind != TypeKind::Enum
    }

    /// The struct type an update operation (kind `Update` or method `PATCH`)
    /// sends: the one its request body names, else its response, else its
    /// binding type, else the type of an operation id of the form `{type}-update`
    /// (pages whose body is only a table of properties).
    pub fn update_target(&self, op: &Operation) -> Option<&'m str> {
        if op.kind != OperationKind::Update && op.method != HttpMethod::Patch {
            return None;
        }
        let named = |r: Option<&TypeRef>| match r {
            Some(TypeRef {
                name: TypeName::Named { name, .. },
                collection: false,
            }) => Some(name.clone()),
            _ => None,
        };
        let candidates = [
            named(op.request_body.as_ref().and_then(|b| b.ty.as_ref())),
            named(op.response.as_ref().and_then(|r| r.ty.as_ref())),
            op.binding_type.clone(),
            op.id.strip_suffix("-update").map(str::to_owned),
        ];
        candidates
            .iter()
            .flatten()
            .filter_map(|n| self.find(n))
            .find(|q| self.is_struct(q))
    }
}

struct Builder<'m> {
    model: &'m ApiModel,
    root: &'m str,
    lookup: Lookup<'m>,
    /// Sorted, deduplicated member names -> enum types with exactly those members.
    enums_by_members: BTreeMap<Vec<String>, Vec<&'m str>>,
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
    owner: &'m str,
    prop: &'m Property,
}

struct Resolved {
    scalar: Scalar,
    notes: Vec<String>,
}

impl<'m> Builder<'m> {
    fn new(model: &'m ApiModel, root: &'m str) -> Self {
        let mut enums_by_members: BTreeMap<Vec<String>, Vec<&str>> = BTreeMap::new();
        for (q, t) in &model.types {
            if t.def.kind == TypeKind::Enum && !t.def.members.is_empty() {
                let members: BTreeSet<String> =
                    t.def.members.iter().map(|m| m.name.clone()).collect();
                enums_by_members
                    .entry(members.into_iter().collect())
                    .or_default()
                    .push(q.as_str());
            }
        }
        Self {
            model,
            root,
            lookup: Lookup::new(model, root),
            enums_by_members,
            synth: BTreeMap::new(),
        }
    }

    fn lookup(&self, name: &str) -> Option<&'m str> {
        self.lookup.find(name)
    }

    fn natural_type_name(&self, qualified: &str, suffix: &str) -> String {
        let (namespace, simple) = split_qualified(qualified);
        naming::type_name(&format!(
            "{} {simple} {suffix}",
            namespace_words(namespace, self.root)
        ))
    }

    /// The chain of type definitions from the root base type down to `qualified`,
    /// and notes on a missing base or a loop.
    fn chain(&self, qualified: &'m str) -> (Vec<(&'m str, &'m TypeDef)>, Vec<String>) {
        let mut chain = Vec::new();
        let mut notes = Vec::new();
        let mut seen = BTreeSet::new();
        let mut current = Some(qualified);
        while let Some(q) = current {
            if !seen.insert(q) {
                notes.push(format!(
                    "The docs' inheritance chain loops back to `{q}`; it is cut there."
                ));
                break;
            }
            let t = &self.model.types[q];
            chain.push((q, &t.def));
            current = match t.def.base_type.as_deref() {
                None => None,
                Some(base) => match self.lookup(base) {
                    Some(b) if self.model.types[b].def.kind != TypeKind::Enum => Some(b),
                    _ => {
                        notes.push(format!(
                            "The base type `{base}` is not in the model: its properties are missing here."
                        ));
                        None
                    }
                },
            };
        }
        chain.reverse();
        (chain, notes)
    }

    /// Properties along the chain, base first; a derived type's property replaces
    /// the base's one of the same wire name in place.
    fn flatten(chain: &[(&'m str, &'m TypeDef)]) -> Vec<Flat<'m>> {
        let mut out: Vec<Flat<'m>> = Vec::new();
        let mut index: BTreeMap<&str, usize> = BTreeMap::new();
        for (owner, def) in chain {
            for prop in &def.properties {
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
        let note = |s: String| Resolved {
            scalar: Scalar::Json,
            notes: vec![s],
        };
        match &prop.ty.name {
            TypeName::Primitive(p) => Resolved {
                scalar: Scalar::Primitive(*p),
                notes: Vec::new(),
            },
            TypeName::Named { name, .. } => match self.lookup(name) {
                Some(q) => {
                    let def = &self.model.types[q].def;
                    let key = TypeKey::Model(q.to_owned());
                    let scalar = match def.kind {
                        TypeKind::Enum => Scalar::Enum {
                            key,
                            flags: def.is_flags,
                        },
                        TypeKind::Entity | TypeKind::Complex => Scalar::Struct(key),
                    };
                    Resolved {
                        scalar,
                        notes: Vec::new(),
                    }
                }
                None if !prop.enum_values.is_empty() => {
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
                    Resolved {
                        scalar: Scalar::Enum { key, flags: false },
                        notes: Vec::new(),
                    }
                }
                None => note(format!(
                    "The docs give its type as `{name}`, which is not in the model, so it is kept as raw JSON."
                )),
            },
            TypeName::InlineEnum if prop.enum_values.is_empty() => Resolved {
                scalar: Scalar::Primitive(Primitive::String),
                notes: vec![
                    "An enumeration whose values the docs do not list, kept as a string.".into(),
                ],
            },
            TypeName::InlineEnum => {
                let mut values: Vec<String> = prop.enum_values.clone();
                values.sort();
                values.dedup();
                if let Some(found) = self.enums_by_members.get(&values) {
                    let owner_ns = split_qualified(flat.owner).0;
                    let q = found
                        .iter()
                        .find(|q| split_qualified(q).0 == owner_ns)
                        .unwrap_or(&found[0]);
                    return Resolved {
                        scalar: Scalar::Enum {
                            key: TypeKey::Model((*q).to_owned()),
                            flags: self.model.types[*q].def.is_flags,
                        },
                        notes: Vec::new(),
                    };
                }
                let key = TypeKey::Inline {
                    owner: flat.owner.to_owned(),
                    property: prop.name.clone(),
                };
                let natural = self.natural_type_name(flat.owner, &prop.name);
                let (owner, wire) = (flat.owner, &prop.name);
                self.add_synth(key.clone(), natural, prop, module, || {
                    format!("The values of `{owner}.{wire}`, which the docs list inline.")
                });
                Resolved {
                    scalar: Scalar::Enum { key, flags: false },
                    notes: Vec::new(),
                }
            }
            TypeName::Unknown(raw) => note(format!(
                "The docs give its type as `{raw}`, which graphdoc could not resolve, so it is kept as raw JSON."
            )),
        }
    }

    fn add_synth(
        &mut self,
        key: TypeKey,
        natural: String,
        prop: &Property,
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

    fn patch_targets(&self, scope: PatchTypes) -> BTreeSet<&'m str> {
        let mut out = BTreeSet::new();
        match scope {
            PatchTypes::None => {}
            PatchTypes::AllEntities => {
                for (q, t) in &self.model.types {
                    if t.def.kind == TypeKind::Entity {
                        out.insert(q.as_str());
                    }
                }
            }
            PatchTypes::Updatable => {
                for op in self.model.operations.values() {
                    if let Some(q) = self.lookup.update_target(&op.op) {
                        out.insert(q);
                    }
                }
            }
        }
        out
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

fn struct_doc(
    q: &str,
    t: &ModelType,
    chain: &[(&str, &TypeDef)],
    notes: Vec<String>,
) -> Vec<String> {
    let mut doc = doc_lines(t.def.description.as_deref());
    let kind = if t.def.kind == TypeKind::Entity {
        "entity"
    } else {
        "complex"
    };
    let mut line = format!("`{q}` ({kind} type");
    if chain.len() > 1 {
        let bases: Vec<String> = chain[..chain.len() - 1]
            .iter()
            .rev()
            .map(|(b, _)| format!("`{b}`"))
            .collect();
        line.push_str(&format!(
            "; derives from {}, whose properties it includes",
            bases.join(", ")
        ));
    }
    line.push_str(").");
    doc.push(line);
    if t.def.open_type {
        doc.push("An open type: properties beyond the declared ones are kept in the map of additional properties.".into());
    }
    doc.extend(notes);
    doc
}

/// Plans one API version.
pub fn build(model: &ApiModel, settings: &EmitSettings) -> Plan {
    let mut b = Builder::new(model, settings.root_namespace_name());

    // Structs: flattened, resolved fields (this also collects made-up enums).
    struct Pending<'m> {
        q: &'m str,
        module: String,
        doc: Vec<String>,
        fields: Vec<(Flat<'m>, Resolved)>,
    }
    let mut pending = Vec::new();
    for (q, t) in &model.types {
        if t.def.kind == TypeKind::Enum {
            continue;
        }
        let module = module_name(t.workload.as_deref());
        let (chain, notes) = b.chain(q);
        let doc = struct_doc(q, t, &chain, notes);
        let flats = Builder::flatten(&chain);
        let fields = flats
            .into_iter()
            .map(|flat| {
                let resolved = b.resolve(&flat, &module);
                (flat, resolved)
            })
            .collect();
        pending.push(Pending {
            q,
            module,
            doc,
            fields,
        });
    }
    let patch_targets = b.patch_targets(settings.patch_type_scope());

    // Names: model types, then made-up enums, then patch types.
    let mut names = BTreeMap::new();
    let mut namer = Namer::pascal();
    let model_keys: Vec<&String> = model.types.keys().collect();
    let naturals: Vec<String> = model_keys
        .iter()
        .map(|q| b.natural_type_name(q, ""))
        .collect();
    for (q, name) in model_keys.iter().zip(namer.assign(&naturals)) {
        names.insert(TypeKey::Model((*q).clone()), name);
    }
    let synth_naturals: Vec<String> = b.synth.values().map(|s| s.natural.clone()).collect();
    for (key, name) in b.synth.keys().zip(namer.assign(&synth_naturals)) {
        names.insert(key.clone(), name);
    }
    let patch_naturals: Vec<String> = patch_targets
        .iter()
        .map(|q| b.natural_type_name(q, "Patch"))
        .collect();
    for (q, name) in patch_targets.iter().zip(namer.assign(&patch_naturals)) {
        names.insert(TypeKey::Patch((*q).to_owned()), name);
    }

    // Boxes: a by-value field whose type is in the same containment cycle.
    let index: BTreeMap<&str, usize> = pending.iter().enumerate().map(|(i, p)| (p.q, i)).collect();
    let adjacency: Vec<Vec<usize>> = pending
        .iter()
        .map(|p| {
            let targets: BTreeSet<usize> = p
                .fields
                .iter()
                .filter(|(f, _)| !f.prop.ty.collection)
                .filter_map(|(_, r)| match &r.scalar {
                    Scalar::Struct(TypeKey::Model(q)) => index.get(q.as_str()).copied(),
                    _ => None,
                })
                .collect();
            targets.into_iter().collect()
        })
        .collect();
    let component = components(&adjacency);

    let mut modules: BTreeMap<String, Vec<Item>> = BTreeMap::new();
    let mut workloads: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for t in model.types.values() {
        if let Some(w) = t.workload.as_deref() {
            workloads
                .entry(module_name(Some(w)))
                .or_default()
                .insert(w.trim().to_owned());
        }
    }
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
            .map(|(f, _)| naming::snake(&f.prop.name))
            .collect();
        let rust_names = namer.assign(&naturals);
        let fields = p
            .fields
            .into_iter()
            .zip(rust_names)
            .map(|((flat, resolved), rust)| {
                let collection = flat.prop.ty.collection;
                let boxed = !collection
                    && matches!(&resolved.scalar, Scalar::Struct(TypeKey::Model(q))
                        if index.get(q.as_str()).is_some_and(|&j| component[j] == component[i]));
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
        let t = &model.types[p.q];
        modules
            .entry(p.module)
            .or_default()
            .push(Item::Struct(StructPlan {
                key: TypeKey::Model(p.q.to_owned()),
                qualified: p.q.to_owned(),
                kind: t.def.kind,
                doc: p.doc,
                fields,
                odata_type,
                additional: "additional".to_owned(),
                patch: patch_targets.contains(p.q),
            }));
    }

    for (q, t) in &model.types {
        if t.def.kind != TypeKind::Enum {
            continue;
        }
        let values: Vec<(String, Vec<String>)> = t
            .def
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
        let mut doc = doc_lines(t.def.description.as_deref());
        doc.push(format!("`{q}` (enum type)."));
        if t.def.is_flags {
            doc.push("A flags enum: a property of this type holds a set of members, comma-separated on the wire.".into());
        }
        modules
            .entry(module_name(t.workload.as_deref()))
            .or_default()
            .push(Item::Enum(EnumPlan {
                key: TypeKey::Model(q.clone()),
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

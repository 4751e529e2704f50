//! The resolved API model: every page of one API version folded into one
//! graph of types and operations. The merge stage builds it and is the only
//! stage that resolves a name; lint, emit and the CSDL writer read it.
//!
//! - Types live in an arena ([`ApiModel::types`]) and are referenced by
//!   [`TypeId`]: property types ([`TypeUse`]), base and derived types,
//!   operation bindings and body shapes. Ids index the arena, which is sorted
//!   by qualified name, so the same docs give the same ids.
//! - Queries answer once for every stage: [`ApiModel::type_named`] (a
//!   spelling from an example or a title to a type), [`ApiModel::ancestors`],
//!   [`ApiModel::all_properties`] (inherited ones included),
//!   [`ApiModel::descendants`], [`ApiModel::derives_from`].
//! - Each operation carries what merge decided it means
//!   ([`ModelOperation::binding`], [`ModelOperation::request`],
//!   [`ModelOperation::response`]); lint and emit read these and never decide
//!   them again.

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::{
    ApiVersion, Diagnostic, EnumMember, Example, Loc, Operation, Primitive, Property, TypeKind,
};

/// The index of a type in [`ApiModel::types`].
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct TypeId(pub u32);

impl TypeId {
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// A resolved reference to a type: what a property, parameter, body or
/// response holds.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct TypeUse {
    pub target: Target,
    pub collection: bool,
}

impl TypeUse {
    pub fn single(target: Target) -> Self {
        Self {
            target,
            collection: false,
        }
    }

    /// The same type, one value of it.
    pub fn element(&self) -> Self {
        Self::single(self.target.clone())
    }

    pub fn type_id(&self) -> Option<TypeId> {
        match self.target {
            Target::Type(id) => Some(id),
            _ => None,
        }
    }
}

/// What a [`TypeUse`] names.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Target {
    Primitive(Primitive),
    Type(TypeId),
    /// "Enumeration" whose values the docs do not list: a string on the wire.
    InlineEnum,
    /// A name no page defines, as written (merge reported it).
    Unresolved(String),
}

/// One API version's types and operations, merged from many pages.
///
/// Invariants the merge stage upholds (every stage relies on them):
/// - `types[i].id == TypeId(i)`, sorted by qualified name, qualified names
///   unique case-insensitively;
/// - every [`TypeId`] in the model indexes `types`;
/// - `base` has no cycles, and `derived` lists exactly the types whose
///   `base` is this one, by id;
/// - operation ids are unique and `operations` is keyed by them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(from = "ModelData")]
pub struct ApiModel {
    pub version: ApiVersion,
    /// Source paths, indexed by [`crate::FileId`] in every [`Loc`] of the model.
    pub files: Vec<String>,
    /// The arena of types, indexed by [`TypeId`].
    pub types: Vec<ModelType>,
    pub operations: BTreeMap<String, ModelOperation>,
    /// What the merge had to say (conflicts, unresolved references, duplicates).
    pub diagnostics: Vec<Diagnostic>,
    #[serde(skip)]
    names: TypeNames,
}

/// The serialized form (the name index is rebuilt on reading).
#[derive(Deserialize)]
struct ModelData {
    version: ApiVersion,
    files: Vec<String>,
    types: Vec<ModelType>,
    operations: BTreeMap<String, ModelOperation>,
    diagnostics: Vec<Diagnostic>,
}

impl From<ModelData> for ApiModel {
    fn from(d: ModelData) -> Self {
        let mut m = ApiModel::new(d.version);
        m.files = d.files;
        m.operations = d.operations;
        m.diagnostics = d.diagnostics;
        m.set_types(d.types);
        m
    }
}

/// Lookup of types by name: lower-case qualified name, and lower-case simple
/// name to every type of that name.
#[derive(Debug, Clone, Default, PartialEq)]
struct TypeNames {
    qualified: HashMap<String, TypeId>,
    simple: HashMap<String, Vec<TypeId>>,
}

/// The namespace a simple name resolves in first when several types share
/// it: Microsoft Graph's root namespace.
pub const ROOT_NAMESPACE: &str = "microsoft.graph";

/// Base chains longer than this are cut (merge forbids cycles; this only
/// bounds a walk over a hand-made model).
const MAX_DEPTH: usize = 64;

impl ApiModel {
    pub fn new(version: ApiVersion) -> Self {
        Self {
            version,
            files: Vec::new(),
            types: Vec::new(),
            operations: BTreeMap::new(),
            diagnostics: Vec::new(),
            names: TypeNames::default(),
        }
    }

    /// Installs the arena: sorts it by qualified name, renumbers every id
    /// inside it to match, recomputes `derived` from `base`, and indexes the
    /// names. Ids inside the given types refer to positions in `types` as given.
    /// Operations must be set after (their ids are not renumbered).
    pub fn set_types(&mut self, mut types: Vec<ModelType>) {
        let mut order: Vec<usize> = (0..types.len()).collect();
        order.sort_by(|&a, &b| {
            types[a]
                .qualified
                .to_ascii_lowercase()
                .cmp(&types[b].qualified.to_ascii_lowercase())
                .then_with(|| types[a].qualified.cmp(&types[b].qualified))
        });
        let mut new_id = vec![TypeId(0); types.len()];
        for (new, &old) in order.iter().enumerate() {
            new_id[old] = TypeId(new as u32);
        }
        let sorted_identity = order.iter().enumerate().all(|(n, &o)| n == o);
        if !sorted_identity {
            let mut slots: Vec<Option<ModelType>> = types.into_iter().map(Some).collect();
            types = order
                .iter()
                .map(|&o| slots[o].take().expect("each taken once"))
                .collect();
            for t in &mut types {
                t.remap(&|id| Some(new_id[id.index()]), None);
            }
        }
        for (i, t) in types.iter_mut().enumerate() {
            t.id = TypeId(i as u32);
            t.derived.clear();
        }
        for i in 0..types.len() {
            if let Some(b) = types[i].base {
                types[b.index()].derived.push(TypeId(i as u32));
            }
        }
        let mut names = TypeNames::default();
        for t in &types {
            names
                .qualified
                .entry(t.qualified.to_ascii_lowercase())
                .or_insert(t.id);
            names
                .simple
                .entry(t.name().to_ascii_lowercase())
                .or_default()
                .push(t.id);
        }
        self.types = types;
        self.names = names;
    }

    /// Keeps the types `keep` says to, renumbering every id in the model; a
    /// reference to a dropped type becomes [`Target::Unresolved`] with its
    /// name, a binding or body shape naming one is dropped.
    pub fn retain_types(&mut self, keep: impl Fn(&ModelType) -> bool) {
        let kept: Vec<bool> = self.types.iter().map(&keep).collect();
        let mut new_id = Vec::with_capacity(kept.len());
        let mut n = 0u32;
        for &k in &kept {
            new_id.push(k.then(|| {
                n += 1;
                TypeId(n - 1)
            }));
        }
        let names: Vec<String> = self.types.iter().map(|t| t.qualified.clone()).collect();
        let map = |id: TypeId| new_id[id.index()];
        let types: Vec<ModelType> = std::mem::take(&mut self.types)
            .into_iter()
            .zip(&kept)
            .filter(|(_, k)| **k)
            .map(|(mut t, _)| {
                t.remap(&map, Some(&names));
                t
            })
            .collect();
        for op in self.operations.values_mut() {
            op.remap_or_name(&map, &names);
        }
        self.set_types(types);
    }

    /// The path of a location's file.
    pub fn path(&self, loc: Loc) -> &str {
        self.files
            .get(loc.file.0 as usize)
            .map_or("<unknown>", String::as_str)
    }

    pub fn ty(&self, id: TypeId) -> &ModelType {
        &self.types[id.index()]
    }

    /// The type of this qualified name (any case).
    pub fn get(&self, qualified: &str) -> Option<&ModelType> {
        let id = self.names.qualified.get(&qualified.to_ascii_lowercase())?;
        Some(self.ty(*id))
    }

    /// The qualified name of a type's base, if it has one.
    pub fn base_name(&self, t: &ModelType) -> Option<&str> {
        t.base.map(|b| self.ty(b).qualified.as_str())
    }

    /// The type a spelling names, as titles, annotations and examples write
    /// it: `#microsoft.graph.user`, `microsoft.graph.user`, `graph.user`,
    /// `user`, any case. A simple name several namespaces define resolves in
    /// [`ROOT_NAMESPACE`], else to the first by qualified name.
    pub fn type_named(&self, spelling: &str) -> Option<TypeId> {
        let s = spelling
            .trim()
            .trim_start_matches('#')
            .trim()
            .to_ascii_lowercase();
        if s.is_empty() {
            return None;
        }
        if let Some(&id) = self.names.qualified.get(&s) {
            return Some(id);
        }
        let simple = s.rsplit('.').next().unwrap_or(&s);
        let candidates = self.names.simple.get(simple)?;
        if s.contains('.') {
            // `graph.user`: a namespace alias or a short namespace.
            let suffix = format!(".{s}");
            return candidates.iter().copied().find(|&id| {
                self.ty(id)
                    .qualified
                    .to_ascii_lowercase()
                    .ends_with(&suffix)
            });
        }
        let root = format!("{ROOT_NAMESPACE}.{simple}");
        candidates
            .iter()
            .copied()
            .find(|&id| self.ty(id).qualified.eq_ignore_ascii_case(&root))
            .or_else(|| candidates.first().copied())
    }

    /// The type's bases, nearest first (without the type itself).
    pub fn ancestors(&self, id: TypeId) -> impl Iterator<Item = TypeId> + '_ {
        let mut next = self.ty(id).base;
        let mut steps = 0;
        std::iter::from_fn(move || {
            let cur = next?;
            steps += 1;
            next = if steps < MAX_DEPTH {
                self.ty(cur).base
            } else {
                None
            };
            Some(cur)
        })
    }

    /// Whether `derived` is `base` or derives from it.
    pub fn derives_from(&self, derived: TypeId, base: TypeId) -> bool {
        derived == base || self.ancestors(derived).any(|a| a == base)
    }

    /// Every type deriving from `id`, directly or not, in id order.
    pub fn descendants(&self, id: TypeId) -> Vec<TypeId> {
        let mut out = Vec::new();
        let mut stack = self.ty(id).derived.clone();
        while let Some(d) = stack.pop() {
            if out.len() > self.types.len() {
                break;
            }
            out.push(d);
            stack.extend(self.ty(d).derived.iter().copied());
        }
        out.sort();
        out.dedup();
        out
    }

    /// The type's properties with its bases', base first, each wire name once
    /// (a base's declaration wins), with the type that declares each.
    pub fn all_properties(&self, id: TypeId) -> Vec<(TypeId, &Property<TypeUse>)> {
        let mut chain: Vec<TypeId> = self.ancestors(id).collect();
        chain.reverse();
        chain.push(id);
        let mut out: Vec<(TypeId, &Property<TypeUse>)> = Vec::new();
        let mut seen: HashMap<&str, ()> = HashMap::new();
        for t in chain {
            for p in &self.ty(t).properties {
                if seen.insert(p.name.as_str(), ()).is_none() {
                    out.push((t, p));
                }
            }
        }
        out
    }

    /// The property of a type or its bases with this wire name.
    pub fn property(&self, id: TypeId, name: &str) -> Option<&Property<TypeUse>> {
        std::iter::once(id)
            .chain(self.ancestors(id))
            .find_map(|t| self.ty(t).properties.iter().find(|p| p.name == name))
    }

    /// Whether the type or one of its bases is open.
    pub fn is_open(&self, id: TypeId) -> bool {
        std::iter::once(id)
            .chain(self.ancestors(id))
            .any(|t| self.ty(t).open_type)
    }

    /// A type use in CSDL form: `Collection(microsoft.graph.user)`, `Edm.String`.
    pub fn display<'a>(&'a self, ty: &'a TypeUse) -> impl fmt::Display + 'a {
        DisplayUse { model: self, ty }
    }

    /// The qualified name or Edm name a target spells.
    pub fn target_name<'a>(&'a self, target: &'a Target) -> &'a str {
        match target {
            Target::Primitive(p) => p.edm_name(),
            Target::Type(id) => &self.ty(*id).qualified,
            Target::InlineEnum => "Edm.String",
            Target::Unresolved(name) => name,
        }
    }
}

struct DisplayUse<'a> {
    model: &'a ApiModel,
    ty: &'a TypeUse,
}

impl fmt::Display for DisplayUse<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = self.model.target_name(&self.ty.target);
        if self.ty.collection {
            write!(f, "Collection({name})")
        } else {
            f.write_str(name)
        }
    }
}

/// A merged type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ModelType {
    pub id: TypeId,
    /// `namespace.name`, the name spelled as its defining page spells it.
    pub qualified: String,
    pub kind: TypeKind,
    pub description: Option<String>,
    pub base: Option<TypeId>,
    /// The types whose base this is, in id order.
    pub derived: Vec<TypeId>,
    /// The key property of an entity type (its own or its bases').
    pub key: Option<String>,
    pub open_type: bool,
    /// The properties the type itself declares (see
    /// [`ApiModel::all_properties`] for the inherited ones too).
    pub properties: Vec<Property<TypeUse>>,
    /// Members, for enums.
    pub members: Vec<EnumMember>,
    pub is_flags: bool,
    pub loc: Loc,
    /// The workload (front-matter `ms.prod`) of the page that defines it, for Cargo features.
    pub workload: Option<String>,
    /// Every place that contributed facts to the type, first the defining one.
    pub sources: Vec<Loc>,
}

impl ModelType {
    /// The simple name: `user` of `microsoft.graph.user`.
    pub fn name(&self) -> &str {
        self.qualified
            .rsplit_once('.')
            .map_or(self.qualified.as_str(), |(_, n)| n)
    }

    /// The namespace: `microsoft.graph` of `microsoft.graph.user`.
    pub fn namespace(&self) -> &str {
        self.qualified.rsplit_once('.').map_or("", |(ns, _)| ns)
    }

    pub fn is_structured(&self) -> bool {
        self.kind != TypeKind::Enum
    }

    /// Renumbers the ids in the type; a reference to a dropped type becomes
    /// [`Target::Unresolved`] with its name from `names` (old ids index it).
    fn remap(&mut self, map: &impl Fn(TypeId) -> Option<TypeId>, names: Option<&[String]>) {
        self.base = self.base.and_then(map);
        self.derived = self.derived.iter().filter_map(|&d| map(d)).collect();
        for p in &mut self.properties {
            remap_use(&mut p.ty, map, names);
        }
    }
}

fn remap_use(ty: &mut TypeUse, map: &impl Fn(TypeId) -> Option<TypeId>, names: Option<&[String]>) {
    if let Target::Type(id) = ty.target {
        ty.target = match map(id) {
            Some(new) => Target::Type(new),
            None => Target::Unresolved(names.map_or_else(String::new, |n| n[id.index()].clone())),
        };
    }
}

/// What an action or function is bound to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Binding {
    pub ty: TypeId,
    /// Bound to a collection of the type (`/users/delta`), not to one
    /// instance (`/users/{id}/assignLicense`).
    pub collection: bool,
}

/// What a request of an operation sends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum RequestShape {
    /// No body.
    None,
    /// A whole value of a structured type (create, replace).
    Entity(TypeId),
    /// Changes to a structured type: its properties, each optional (update).
    Patch(TypeId),
    /// An action's parameters object: the operation's Request body table
    /// ([`crate::RequestBody::properties`]).
    Parameters,
    /// A value of some other type the docs name (a primitive, a collection).
    Value(TypeUse),
    /// Raw bytes (media content).
    Bytes,
    /// JSON whose type the docs do not name.
    Json,
}

/// What a successful response of an operation holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ResponseShape {
    /// No content.
    None,
    /// One value of a structured type, bare.
    Entity(TypeId),
    /// One value that OData may wrap in `{"value": ...}`: an action's or
    /// function's result, a primitive or an enum.
    Value(TypeUse),
    /// A collection page `{"value": [...]}` of this element type.
    Collection(TypeUse),
    /// Raw bytes (media content, a redirect to it).
    Bytes,
    /// JSON whose type the docs do not name.
    Json,
}

/// A merged operation with its examples and what it means.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ModelOperation {
    /// As documented, type references resolved. `op.binding_type` stays as
    /// the page wrote it; [`ModelOperation::binding`] is the resolved one.
    pub op: Operation<TypeUse>,
    /// For an action or function bound to a type.
    pub binding: Option<Binding>,
    pub request: RequestShape,
    pub response: ResponseShape,
    pub workload: Option<String>,
    pub examples: Vec<Example>,
}

impl ModelOperation {
    fn remap_or_name(&mut self, map: &impl Fn(TypeId) -> Option<TypeId>, names: &[String]) {
        self.binding = self.binding.and_then(|b| {
            map(b.ty).map(|ty| Binding {
                ty,
                collection: b.collection,
            })
        });
        let names = Some(names);
        let op = &mut self.op;
        for p in op
            .path_parameters
            .iter_mut()
            .chain(op.query_parameters.iter_mut())
        {
            if let Some(ty) = &mut p.ty {
                remap_use(ty, map, names);
            }
        }
        if let Some(body) = &mut op.request_body {
            if let Some(ty) = &mut body.ty {
                remap_use(ty, map, names);
            }
            for p in &mut body.properties {
                remap_use(&mut p.ty, map, names);
            }
        }
        if let Some(ty) = op.response.as_mut().and_then(|r| r.ty.as_mut()) {
            remap_use(ty, map, names);
        }
        self.request = match std::mem::replace(&mut self.request, RequestShape::None) {
            RequestShape::Entity(id) => map(id).map_or(RequestShape::Json, RequestShape::Entity),
            RequestShape::Patch(id) => map(id).map_or(RequestShape::Json, RequestShape::Patch),
            RequestShape::Value(mut ty) => {
                remap_use(&mut ty, map, names);
                RequestShape::Value(ty)
            }
            other => other,
        };
        self.response = match std::mem::replace(&mut self.response, ResponseShape::None) {
            ResponseShape::Entity(id) => map(id).map_or(ResponseShape::Json, ResponseShape::Entity),
            ResponseShape::Value(mut ty) => {
                remap_use(&mut ty, map, names);
                ResponseShape::Value(ty)
            }
            ResponseShape::Collection(mut ty) => {
                remap_use(&mut ty, map, names);
                ResponseShape::Collection(ty)
            }
            other => other,
        };
    }
}

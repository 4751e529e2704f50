//! The docs-versus-metadata diff and the fidelity figures computed from it.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::{self, Write as _};

use graphdoc_ir::{
    ApiModel, Code, Diagnostic, Loc, ModelOperation, OperationKind, Primitive, Property, Related,
    TypeKind, TypeName, TypeRef,
};
use serde::{Deserialize, Serialize};

/// What one finding of the diff is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum DiffKind {
    /// A documented type the metadata lacks.
    TypeNotInMetadata,
    /// A metadata type no page documents.
    TypeUndocumented,
    /// The docs and the metadata disagree on entity/complex/enum.
    TypeKindMismatch,
    /// A documented property (on a type both sides have) the metadata lacks.
    PropertyNotInMetadata,
    /// A metadata property (on a type both sides have) no page documents.
    PropertyUndocumented,
    /// The docs and the metadata disagree on a property's type.
    PropertyTypeMismatch,
    /// A documented enum member the metadata lacks.
    EnumMemberNotInMetadata,
    /// A metadata enum member no page documents.
    EnumMemberUndocumented,
    /// A documented action or function the metadata lacks.
    OperationNotInMetadata,
    /// A metadata action or function no page documents.
    OperationUndocumented,
}

impl DiffKind {
    pub const ALL: [DiffKind; 10] = [
        DiffKind::TypeNotInMetadata,
        DiffKind::TypeUndocumented,
        DiffKind::TypeKindMismatch,
        DiffKind::PropertyNotInMetadata,
        DiffKind::PropertyUndocumented,
        DiffKind::PropertyTypeMismatch,
        DiffKind::EnumMemberNotInMetadata,
        DiffKind::EnumMemberUndocumented,
        DiffKind::OperationNotInMetadata,
        DiffKind::OperationUndocumented,
    ];

    /// A heading for the human rendering.
    pub fn heading(self) -> &'static str {
        match self {
            DiffKind::TypeNotInMetadata => "Types the docs describe and the metadata lacks",
            DiffKind::TypeUndocumented => "Metadata types no page documents",
            DiffKind::TypeKindMismatch => "Types whose kind differs",
            DiffKind::PropertyNotInMetadata => {
                "Properties the docs describe and the metadata lacks"
            }
            DiffKind::PropertyUndocumented => "Metadata properties no page documents",
            DiffKind::PropertyTypeMismatch => "Properties whose type differs",
            DiffKind::EnumMemberNotInMetadata => {
                "Enum members the docs describe and the metadata lacks"
            }
            DiffKind::EnumMemberUndocumented => "Metadata enum members no page documents",
            DiffKind::OperationNotInMetadata => {
                "Actions and functions the docs describe and the metadata lacks"
            }
            DiffKind::OperationUndocumented => "Metadata actions and functions no page documents",
        }
    }

    /// The diagnostic code a finding of this kind maps to.
    pub fn code(self) -> Code {
        match self {
            DiffKind::TypeNotInMetadata
            | DiffKind::PropertyNotInMetadata
            | DiffKind::EnumMemberNotInMetadata
            | DiffKind::OperationNotInMetadata => Code::NotInMetadata,
            DiffKind::TypeUndocumented
            | DiffKind::PropertyUndocumented
            | DiffKind::EnumMemberUndocumented
            | DiffKind::OperationUndocumented => Code::Undocumented,
            DiffKind::TypeKindMismatch | DiffKind::PropertyTypeMismatch => {
                Code::MetadataTypeMismatch
            }
        }
    }
}

/// A resolved source position: path, 1-based line and column.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct SourcePos {
    pub file: String,
    pub line: u32,
    pub column: u32,
}

impl SourcePos {
    fn of(model: &ApiModel, loc: Loc) -> Self {
        Self {
            file: model.path(loc).to_string(),
            line: loc.line,
            column: loc.column,
        }
    }
}

impl fmt::Display for SourcePos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

/// One difference between the docs and the metadata.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct DiffEntry {
    pub kind: DiffKind,
    /// What it is about: `microsoft.graph.user`, `microsoft.graph.user.displayName`,
    /// `microsoft.graph.user/assignLicense` (names as the metadata spells them
    /// where it has them).
    pub subject: String,
    pub message: String,
    /// Where the docs say it, when they do.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub docs: Option<SourcePos>,
    /// Where the metadata says it, when it does.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub metadata: Option<SourcePos>,
}

impl DiffEntry {
    /// The docs location, else the metadata's.
    pub fn primary(&self) -> Option<&SourcePos> {
        self.docs.as_ref().or(self.metadata.as_ref())
    }
}

/// A count out of a total.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct Ratio {
    pub found: usize,
    pub total: usize,
    /// `found / total` in percent (100 when the total is 0).
    pub percent: f64,
}

impl Ratio {
    pub fn new(found: usize, total: usize) -> Self {
        let percent = if total == 0 {
            100.0
        } else {
            found as f64 * 100.0 / total as f64
        };
        Self {
            found,
            total,
            percent,
        }
    }
}

impl fmt::Display for Ratio {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:.2}% ({}/{})", self.percent, self.found, self.total)
    }
}

/// How faithfully the docs describe the metadata.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct Fidelity {
    /// Of the metadata's entity, complex and enum types, those the docs describe.
    pub types_found: Ratio,
    /// On the types found: metadata properties (inheritance flattened) the docs have.
    pub property_recall: Ratio,
    /// On the types found: documented properties (inheritance flattened) the metadata has.
    pub property_precision: Ratio,
    /// On the properties both sides have: those whose types agree.
    pub property_type_agreement: Ratio,
    /// On the enum types found: metadata members the docs list.
    pub enum_member_recall: Ratio,
    /// Of the metadata's bound actions and functions, those documented with the same binding type.
    pub operations_found: Ratio,
    /// The same, counting only operations whose binding type the docs describe
    /// (the figure on the types found, like the property figures).
    pub operations_found_on_found_types: Ratio,
}

impl fmt::Display for Fidelity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "types found:             {}", self.types_found)?;
        writeln!(f, "property recall:         {}", self.property_recall)?;
        writeln!(f, "property precision:      {}", self.property_precision)?;
        writeln!(
            f,
            "property type agreement: {}",
            self.property_type_agreement
        )?;
        writeln!(f, "enum member recall:      {}", self.enum_member_recall)?;
        writeln!(f, "bound operations found:  {}", self.operations_found)?;
        write!(
            f,
            "  on the types found:     {}",
            self.operations_found_on_found_types
        )
    }
}

/// The result of [`diff`]: every difference, sorted by kind then subject, and the figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DiffReport {
    pub entries: Vec<DiffEntry>,
    pub fidelity: Fidelity,
}

impl DiffReport {
    /// The JSON form.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a diff report serializes")
    }

    /// Entries of one kind.
    pub fn of_kind(&self, kind: DiffKind) -> impl Iterator<Item = &DiffEntry> {
        self.entries.iter().filter(move |e| e.kind == kind)
    }

    /// The findings as diagnostics (codes GD0502-GD0504), located at the docs
    /// where they say something, else at the metadata; the other side is the
    /// related location.
    pub fn to_diagnostics(&self) -> Vec<Diagnostic> {
        self.entries
            .iter()
            .map(|e| {
                let primary = e.primary().cloned().unwrap_or(SourcePos {
                    file: String::new(),
                    line: 0,
                    column: 0,
                });
                let mut d = Diagnostic::new(
                    e.kind.code(),
                    primary.file,
                    primary.line,
                    primary.column,
                    e.message.clone(),
                );
                if let (Some(_), Some(m)) = (&e.docs, &e.metadata) {
                    d = d.with_related(Related {
                        file: m.file.clone(),
                        line: m.line,
                        column: m.column,
                        message: "the metadata's definition".into(),
                    });
                }
                d
            })
            .collect()
    }

    /// The human rendering: `path:line: message` lines grouped by kind, each
    /// group under a heading with its count, then the summary figures.
    pub fn render(&self) -> String {
        let mut out = String::new();
        let mut counts = Vec::new();
        for kind in DiffKind::ALL {
            let entries: Vec<&DiffEntry> = self.of_kind(kind).collect();
            counts.push((kind, entries.len()));
            if entries.is_empty() {
                continue;
            }
            let _ = writeln!(out, "== {} ({}) ==", kind.heading(), entries.len());
            for e in entries {
                match e.primary() {
                    Some(p) => {
                        let _ = writeln!(out, "{p}: {}", e.message);
                    }
                    None => {
                        let _ = writeln!(out, "<unknown>: {}", e.message);
                    }
                }
            }
            out.push('\n');
        }
        out.push_str("== Summary ==\n");
        for (kind, n) in counts {
            let _ = writeln!(out, "{n:6}  {}", kind.heading());
        }
        let _ = writeln!(out, "{}", self.fidelity);
        out
    }
}

impl fmt::Display for DiffReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render())
    }
}

/// Case-insensitive lookup of a model's types by qualified, then simple, name.
struct TypeIndex<'m> {
    model: &'m ApiModel,
    by_qualified: HashMap<String, &'m str>,
    by_simple: HashMap<String, Vec<&'m str>>,
}

impl<'m> TypeIndex<'m> {
    fn new(model: &'m ApiModel) -> Self {
        let mut by_qualified = HashMap::new();
        let mut by_simple: HashMap<String, Vec<&'m str>> = HashMap::new();
        for (key, t) in &model.types {
            by_qualified
                .entry(key.to_ascii_lowercase())
                .or_insert(key.as_str());
            by_simple
                .entry(t.def.name.to_ascii_lowercase())
                .or_default()
                .push(key.as_str());
        }
        Self {
            model,
            by_qualified,
            by_simple,
        }
    }

    /// The key of the type named `name` (qualified or simple), case-insensitively;
    /// a simple-name match must be unambiguous.
    fn find(&self, name: &str) -> Option<&'m str> {
        let lower = name.to_ascii_lowercase();
        if let Some(k) = self.by_qualified.get(&lower) {
            return Some(k);
        }
        let simple = lower.rsplit_once('.').map_or(lower.as_str(), |(_, s)| s);
        match self.by_simple.get(simple).map(Vec::as_slice) {
            Some([only]) => Some(only),
            _ => None,
        }
    }

    /// Properties of a type and its bases, derived first, each name once
    /// (case-insensitively); instance annotations (`@odata.type`) left out.
    fn flattened(&self, key: &str) -> Vec<&'m Property> {
        let mut out = Vec::new();
        let mut seen_names = BTreeSet::new();
        let mut seen_types = BTreeSet::new();
        let mut next = Some(key.to_string());
        while let Some(k) = next.take() {
            let Some(t) = self
                .model
                .types
                .get(&k)
                .or_else(|| self.find(&k).and_then(|k| self.model.types.get(k)))
            else {
                break;
            };
            if !seen_types.insert(k) {
                break;
            }
            for p in &t.def.properties {
                if p.name.starts_with('@') {
                    continue;
                }
                if seen_names.insert(p.name.to_ascii_lowercase()) {
                    out.push(p);
                }
            }
            next = t.def.base_type.clone();
        }
        out
    }
}

fn simple(name: &str) -> &str {
    name.rsplit_once('.').map_or(name, |(_, s)| s)
}

/// Whether two type names denote the same type: equal case-insensitively,
/// qualified or by simple name.
fn same_name(a: &str, b: &str) -> bool {
    a.eq_ignore_ascii_case(b) || simple(a).eq_ignore_ascii_case(simple(b))
}

/// Whether an operation documented on `docs_binding` is the metadata's
/// operation bound to `meta_binding`: the same type, or a type the metadata
/// derives from it (an action bound to `directoryObject` is documented on
/// `user`, where it is callable too).
fn binds(mi: &TypeIndex<'_>, docs_binding: &str, meta_binding: &str) -> bool {
    if same_name(docs_binding, meta_binding) {
        return true;
    }
    let Some(start) = mi.find(docs_binding) else {
        return false;
    };
    let mut seen = BTreeSet::new();
    let mut cur = mi
        .model
        .types
        .get(start)
        .and_then(|t| t.def.base_type.clone());
    while let Some(b) = cur {
        if same_name(&b, meta_binding) {
            return true;
        }
        if !seen.insert(b.clone()) {
            break;
        }
        cur = mi.model.types.get(&b).and_then(|t| t.def.base_type.clone());
    }
    false
}

/// The service's spelling of untyped JSON: an open complex type `Json`.
fn is_json_type(name: &str) -> bool {
    simple(name).eq_ignore_ascii_case("Json")
}

fn types_agree(docs: &TypeRef, meta: &TypeRef) -> bool {
    if docs.collection != meta.collection {
        return false;
    }
    match (&docs.name, &meta.name) {
        (TypeName::Primitive(a), TypeName::Primitive(b)) => a == b,
        (TypeName::Primitive(Primitive::Json), TypeName::Named { name, .. })
        | (TypeName::Named { name, .. }, TypeName::Primitive(Primitive::Json)) => {
            is_json_type(name)
        }
        (TypeName::Named { name: a, .. }, TypeName::Named { name: b, .. }) => same_name(a, b),
        _ => false,
    }
}

fn is_callable(op: &ModelOperation) -> bool {
    matches!(op.op.kind, OperationKind::Action | OperationKind::Function)
}

fn callable_name(op: &ModelOperation) -> Option<&str> {
    op.op.action_name.as_deref()
}

/// Compares what the docs describe (`docs`, a merged model) with the service's
/// metadata (`metadata`, e.g. from [`crate::read_metadata`]).
///
/// Types match by qualified name, else by an unambiguous simple name, case-
/// insensitively. Properties are compared with inheritance flattened on both
/// sides (a derived type has its bases' properties), names case-insensitively;
/// instance annotations such as `@odata.type` are not properties. Two property
/// types agree when both are collections or neither, and they name the same
/// primitive, or types with the same (qualified or simple) name; the IR's
/// untyped JSON primitive (the docs' `Json`) agrees with the metadata's
/// `microsoft.graph.Json`, the open complex type the service uses for untyped
/// JSON. Bound actions
/// and functions match by name and binding type, where a documented binding
/// may also be a type the metadata derives from the metadata's binding (an
/// action bound to `directoryObject`, documented on `user`); only the
/// metadata's bound ones count toward [`Fidelity::operations_found`].
///
/// Findings about properties and members are reported where they are
/// declared (a property the metadata declares on a base type is reported once,
/// on the base), while the figures count every type's flattened properties.
pub fn diff(docs: &ApiModel, metadata: &ApiModel) -> DiffReport {
    let di = TypeIndex::new(docs);
    let mi = TypeIndex::new(metadata);
    let mut entries = Vec::new();
    let mut matched_docs: BTreeSet<&str> = BTreeSet::new();

    let mut types_total = 0;
    let mut types_found = 0;
    let (mut recall_found, mut recall_total) = (0, 0);
    let (mut precision_found, mut precision_total) = (0, 0);
    let (mut agree, mut compared) = (0, 0);
    let (mut members_found, mut members_total) = (0, 0);

    for (mkey, mt) in &metadata.types {
        types_total += 1;
        let mpos = Some(SourcePos::of(metadata, mt.def.loc));
        let Some(dkey) = di.find(mkey) else {
            entries.push(DiffEntry {
                kind: DiffKind::TypeUndocumented,
                subject: mkey.clone(),
                message: format!("type `{mkey}` is in the metadata but no page documents it"),
                docs: None,
                metadata: mpos,
            });
            continue;
        };
        types_found += 1;
        matched_docs.insert(dkey);
        let dt = &docs.types[dkey];
        let dpos = Some(SourcePos::of(docs, dt.def.loc));
        if dt.def.kind != mt.def.kind {
            entries.push(DiffEntry {
                kind: DiffKind::TypeKindMismatch,
                subject: mkey.clone(),
                message: format!(
                    "`{dkey}` is documented as {} but the metadata has {}",
                    kind_name(dt.def.kind),
                    kind_name(mt.def.kind)
                ),
                docs: dpos.clone(),
                metadata: mpos.clone(),
            });
        }

        if mt.def.kind == TypeKind::Enum {
            let dmembers: BTreeSet<String> = dt
                .def
                .members
                .iter()
                .map(|m| m.name.to_ascii_lowercase())
                .collect();
            let mmembers: BTreeSet<String> = mt
                .def
                .members
                .iter()
                .map(|m| m.name.to_ascii_lowercase())
                .collect();
            for m in &mt.def.members {
                members_total += 1;
                if dmembers.contains(&m.name.to_ascii_lowercase()) {
                    members_found += 1;
                } else {
                    entries.push(DiffEntry {
                        kind: DiffKind::EnumMemberUndocumented,
                        subject: format!("{mkey}.{}", m.name),
                        message: format!(
                            "enum `{}` lacks member `{}` that the metadata has",
                            dt.def.name, m.name
                        ),
                        docs: dpos.clone(),
                        metadata: Some(SourcePos::of(metadata, m.loc)),
                    });
                }
            }
            for m in &dt.def.members {
                if !mmembers.contains(&m.name.to_ascii_lowercase()) {
                    entries.push(DiffEntry {
                        kind: DiffKind::EnumMemberNotInMetadata,
                        subject: format!("{mkey}.{}", m.name),
                        message: format!(
                            "enum `{}` member `{}` is not in the metadata",
                            dt.def.name, m.name
                        ),
                        docs: Some(SourcePos::of(docs, m.loc)),
                        metadata: mpos.clone(),
                    });
                }
            }
            continue;
        }

        let mprops = mi.flattened(mkey);
        let dprops = di.flattened(dkey);
        let dmap: HashMap<String, &Property> = dprops
            .iter()
            .map(|p| (p.name.to_ascii_lowercase(), *p))
            .collect();
        let mmap: HashMap<String, &Property> = mprops
            .iter()
            .map(|p| (p.name.to_ascii_lowercase(), *p))
            .collect();
        let own_meta: BTreeSet<*const Property> =
            mt.def.properties.iter().map(|p| p as *const _).collect();
        let own_docs: BTreeSet<*const Property> =
            dt.def.properties.iter().map(|p| p as *const _).collect();

        for mp in &mprops {
            recall_total += 1;
            let own = own_meta.contains(&(*mp as *const _));
            match dmap.get(&mp.name.to_ascii_lowercase()) {
                Some(dp) => {
                    recall_found += 1;
                    compared += 1;
                    if types_agree(&dp.ty, &mp.ty) {
                        agree += 1;
                    } else if own || own_docs.contains(&(*dp as *const _)) {
                        entries.push(DiffEntry {
                            kind: DiffKind::PropertyTypeMismatch,
                            subject: format!("{mkey}.{}", mp.name),
                            message: format!(
                                "`{}.{}` is documented as {} but the metadata has {}",
                                dt.def.name, dp.name, dp.ty, mp.ty
                            ),
                            docs: Some(SourcePos::of(docs, dp.loc)),
                            metadata: Some(SourcePos::of(metadata, mp.loc)),
                        });
                    }
                }
                None if own => entries.push(DiffEntry {
                    kind: DiffKind::PropertyUndocumented,
                    subject: format!("{mkey}.{}", mp.name),
                    message: format!(
                        "`{}` lacks property `{}` that the metadata has",
                        dt.def.name, mp.name
                    ),
                    docs: dpos.clone(),
                    metadata: Some(SourcePos::of(metadata, mp.loc)),
                }),
                None => {}
            }
        }
        for dp in &dprops {
            precision_total += 1;
            if mmap.contains_key(&dp.name.to_ascii_lowercase()) {
                precision_found += 1;
            } else if own_docs.contains(&(*dp as *const _)) {
                entries.push(DiffEntry {
                    kind: DiffKind::PropertyNotInMetadata,
                    subject: format!("{mkey}.{}", dp.name),
                    message: format!(
                        "property `{}.{}` is not in the metadata",
                        dt.def.name, dp.name
                    ),
                    docs: Some(SourcePos::of(docs, dp.loc)),
                    metadata: mpos.clone(),
                });
            }
        }
    }

    for (dkey, dt) in &docs.types {
        if matched_docs.contains(dkey.as_str()) || mi.find(dkey).is_some() {
            continue;
        }
        entries.push(DiffEntry {
            kind: DiffKind::TypeNotInMetadata,
            subject: dkey.clone(),
            message: format!("type `{dkey}` is documented but not in the metadata"),
            docs: Some(SourcePos::of(docs, dt.def.loc)),
            metadata: None,
        });
    }

    // Operations: documented callables by lower-case name.
    let mut docs_ops: BTreeMap<String, Vec<&ModelOperation>> = BTreeMap::new();
    for op in docs.operations.values() {
        if let Some(name) = callable_name(op)
            && (is_callable(op) || op.op.binding_type.is_some())
        {
            docs_ops
                .entry(name.to_ascii_lowercase())
                .or_default()
                .push(op);
        }
    }
    let mut meta_ops: BTreeMap<String, Vec<&ModelOperation>> = BTreeMap::new();
    let (mut ops_found, mut ops_total) = (0, 0);
    let (mut ops_found_on_found, mut ops_total_on_found) = (0, 0);
    for op in metadata.operations.values() {
        let Some(name) = callable_name(op) else {
            continue;
        };
        meta_ops
            .entry(name.to_ascii_lowercase())
            .or_default()
            .push(op);
        let Some(binding) = op.op.binding_type.as_deref() else {
            continue;
        };
        if !is_callable(op) {
            continue;
        }
        ops_total += 1;
        let found = docs_ops.get(&name.to_ascii_lowercase()).is_some_and(|ds| {
            ds.iter().any(|d| {
                d.op.binding_type
                    .as_deref()
                    .is_some_and(|b| binds(&mi, b, binding))
            })
        });
        let on_found_type = di.find(binding).is_some();
        ops_total_on_found += usize::from(on_found_type);
        if found {
            ops_found += 1;
            ops_found_on_found += usize::from(on_found_type);
        } else {
            entries.push(DiffEntry {
                kind: DiffKind::OperationUndocumented,
                subject: op.op.id.clone(),
                message: format!(
                    "{} `{}` bound to `{binding}` is in the metadata but no page documents it",
                    if op.op.kind == OperationKind::Action {
                        "action"
                    } else {
                        "function"
                    },
                    name
                ),
                docs: None,
                metadata: Some(SourcePos::of(metadata, op.op.loc)),
            });
        }
    }
    for (lname, ds) in &docs_ops {
        for d in ds {
            let ms = meta_ops.get(lname).map(Vec::as_slice).unwrap_or_default();
            let found = ms
                .iter()
                .any(|m| match (&d.op.binding_type, &m.op.binding_type) {
                    (Some(a), Some(b)) => binds(&mi, a, b),
                    (None, None) => true,
                    _ => false,
                });
            if !found {
                let name = callable_name(d).unwrap_or_default();
                let what = match &d.op.binding_type {
                    Some(b) => format!("`{name}` bound to `{b}`"),
                    None => format!("unbound `{name}`"),
                };
                entries.push(DiffEntry {
                    kind: DiffKind::OperationNotInMetadata,
                    subject: d.op.id.clone(),
                    message: format!("{what} is documented but not in the metadata"),
                    docs: Some(SourcePos::of(docs, d.op.loc)),
                    metadata: None,
                });
            }
        }
    }

    entries.sort();
    DiffReport {
        entries,
        fidelity: Fidelity {
            types_found: Ratio::new(types_found, types_total),
            property_recall: Ratio::new(recall_found, recall_total),
            property_precision: Ratio::new(precision_found, precision_total),
            property_type_agreement: Ratio::new(agree, compared),
            enum_member_recall: Ratio::new(members_found, members_total),
            operations_found: Ratio::new(ops_found, ops_total),
            operations_found_on_found_types: Ratio::new(ops_found_on_found, ops_total_on_found),
        },
    }
}

fn kind_name(kind: TypeKind) -> &'static str {
    match kind {
        TypeKind::Entity => "an entity type",
        TypeKind::Complex => "a complex type",
        TypeKind::Enum => "an enum",
    }
}

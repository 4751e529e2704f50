//! The docs-versus-metadata diff and the fidelity figures computed from it.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::{self, Write as _};

use graphdoc_ir::{
    ApiModel, Binding, Code, Diagnostic, EnumMember, Loc, ModelOperation, ModelType, OperationKind,
    Primitive, Property, Related, Target, TypeId, TypeKind, TypeUse,
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
    /// On the enum types found: metadata members the docs list, not counting
    /// [`EVOLVABLE_ENUM_SENTINEL`].
    pub enum_member_recall: Ratio,
    /// Of the metadata's bound actions and functions, those documented with
    /// the same name and a binding that matches (see [`diff`]: the binding
    /// type or a type deriving from it, a collection if and only if the
    /// metadata binds a collection); those bound to a type of
    /// [`PATTERN_ONLY_BINDINGS`] are not counted.
    pub operations_found: Ratio,
    /// The same, counting only operations whose binding type the docs describe
    /// (the figure on the types found, like the property figures).
    pub operations_found_on_found_types: Ratio,
    /// The metadata's bound operations left out of the two figures above, as
    /// bound to a type of [`PATTERN_ONLY_BINDINGS`].
    #[serde(default)]
    pub operations_not_counted: usize,
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
        writeln!(
            f,
            "enum member recall:      {} (without `{EVOLVABLE_ENUM_SENTINEL}`)",
            self.enum_member_recall
        )?;
        write!(f, "bound operations found:  {}", self.operations_found)?;
        if self.operations_not_counted > 0 {
            write!(
                f,
                " (without the {} bound to {})",
                self.operations_not_counted,
                PATTERN_ONLY_BINDINGS
                    .iter()
                    .map(|b| format!("`{b}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )?;
        }
        writeln!(f)?;
        writeln!(
            f,
            "  on the types found:     {}",
            self.operations_found_on_found_types
        )?;
        write!(
            f,
            "  (a binding to a derived type counts for its base; a collection binding must be documented as one)"
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

/// Binding types whose operations the docs give only as a pattern, not one
/// page per operation, so the fidelity figures leave those operations out
/// (and the diff does not list them as undocumented): the Excel functions
/// bound to `workbookFunctions` (`abs`, `acos`, ... some 370 of them), which
/// the docs describe once, as `/workbook/functions/{function-name}`.
/// Matched by simple name, case-insensitively.
pub const PATTERN_ONLY_BINDINGS: &[&str] = &["workbookFunctions"];

/// The member the service adds to every evolvable enum, to stand for values a
/// client does not know yet. It is no value of the enum's domain, and the
/// docs often leave it out, so the diff neither counts nor lists it.
pub const EVOLVABLE_ENUM_SENTINEL: &str = "unknownFutureValue";

fn simple(name: &str) -> &str {
    name.rsplit_once('.').map_or(name, |(_, s)| s)
}

/// Whether two type names denote the same type: equal case-insensitively,
/// qualified or by simple name.
fn same_name(a: &str, b: &str) -> bool {
    a.eq_ignore_ascii_case(b) || simple(a).eq_ignore_ascii_case(simple(b))
}

/// The type of `model` that a type of the other model, of this qualified
/// name, is: the one of the same qualified name, else the one type of its
/// simple name (case-insensitively both; a simple name that several types
/// of `model` share matches none of them).
fn counterpart(model: &ApiModel, qualified: &str) -> Option<TypeId> {
    if let Some(t) = model.get(qualified) {
        return Some(t.id);
    }
    let name = simple(qualified);
    let id = model.type_named(name)?;
    let mut candidates = model
        .types
        .iter()
        .filter(|t| t.name().eq_ignore_ascii_case(name));
    candidates.nth(1).is_none().then_some(id)
}

/// The properties of a type and its bases (base first, each name once,
/// case-insensitively), with the type declaring each; instance annotations
/// (`@odata.type`) left out.
fn flattened(model: &ApiModel, id: TypeId) -> Vec<(TypeId, &Property<TypeUse>)> {
    let mut seen = HashSet::new();
    model
        .all_properties(id)
        .into_iter()
        .filter(|(_, p)| !p.name.starts_with('@') && seen.insert(p.name.to_ascii_lowercase()))
        .collect()
}

/// The service's spelling of untyped JSON: an open complex type `Json`.
fn is_json_type(t: &ModelType) -> bool {
    t.name().eq_ignore_ascii_case("Json")
}

fn types_agree(docs: &ApiModel, d: &TypeUse, metadata: &ApiModel, m: &TypeUse) -> bool {
    if d.collection != m.collection {
        return false;
    }
    match (&d.target, &m.target) {
        (Target::Primitive(a), Target::Primitive(b)) => a == b,
        (Target::Primitive(Primitive::Json), Target::Type(id)) => is_json_type(metadata.ty(*id)),
        (Target::Type(id), Target::Primitive(Primitive::Json)) => is_json_type(docs.ty(*id)),
        (Target::Type(a), Target::Type(b)) => {
            same_name(&docs.ty(*a).qualified, &metadata.ty(*b).qualified)
        }
        _ => false,
    }
}

fn is_callable(op: &ModelOperation) -> bool {
    matches!(op.op.kind, OperationKind::Action | OperationKind::Function)
}

fn callable_name(op: &ModelOperation) -> Option<&str> {
    op.op.action_name.as_deref()
}

/// Bound, whether or not its binding type resolved.
fn is_bound(op: &ModelOperation) -> bool {
    op.binding.is_some() || op.op.binding_type.is_some()
}

/// Whether the metadata's operations on this binding are given by the docs
/// only as a pattern ([`PATTERN_ONLY_BINDINGS`]).
fn pattern_only(metadata: &ApiModel, binding: Binding) -> bool {
    let name = metadata.ty(binding.ty).name();
    PATTERN_ONLY_BINDINGS
        .iter()
        .any(|p| p.eq_ignore_ascii_case(name))
}

/// Whether an operation the docs bind to `documented` is the metadata's
/// operation bound to `service`: the documented type is the metadata's
/// binding type or one the metadata derives from it (an action bound to
/// `directoryObject` is documented on `user`, where it is callable too), and
/// both bind a collection of it or both one instance.
fn binds(docs: &ApiModel, documented: Binding, metadata: &ApiModel, service: Binding) -> bool {
    documented.collection == service.collection
        && counterpart(metadata, &docs.ty(documented.ty).qualified)
            .is_some_and(|t| metadata.derives_from(t, service.ty))
}

/// An operation's binding as CSDL spells it (`Collection(microsoft.graph.user)`),
/// else its binding type as written.
fn binding_text(model: &ApiModel, op: &ModelOperation) -> String {
    match op.binding {
        Some(b) => model
            .display(&TypeUse {
                target: Target::Type(b.ty),
                collection: b.collection,
            })
            .to_string(),
        None => op.op.binding_type.clone().unwrap_or_default(),
    }
}

/// Enum members that count: every one but [`EVOLVABLE_ENUM_SENTINEL`].
fn counted_members(t: &ModelType) -> impl Iterator<Item = &EnumMember> {
    t.members
        .iter()
        .filter(|m| !m.name.eq_ignore_ascii_case(EVOLVABLE_ENUM_SENTINEL))
}

/// Compares what the docs describe (`docs`, a merged model) with the service's
/// metadata (`metadata`, e.g. from [`crate::read_metadata`]).
///
/// - Types match by qualified name, else by a simple name only one type of
///   the other model has, case-insensitively.
/// - Properties are compared with inheritance flattened on both sides (a
///   derived type has its bases' properties), names case-insensitively;
///   instance annotations such as `@odata.type` are not properties. Two
///   property types agree when both are collections or neither, and they
///   name the same primitive, or types with the same (qualified or simple)
///   name; the IR's untyped JSON primitive (the docs' `Json`) agrees with the
///   metadata's `microsoft.graph.Json`, the open complex type the service
///   uses for untyped JSON.
/// - Enum members match by name, case-insensitively;
///   [`EVOLVABLE_ENUM_SENTINEL`] is left out on both sides.
/// - Actions and functions match by name (case-insensitively) and binding:
///   a documented binding matches the metadata's when its type is the
///   metadata's binding type or a type the metadata derives from it (an
///   action bound to `directoryObject`, documented on `user`, counts for
///   `directoryObject`), and both bind a collection (`/users/delta`) or both
///   one instance (`/users/{id}/assignLicense`). Unbound ones match unbound
///   ones. Only the metadata's bound ones count toward
///   [`Fidelity::operations_found`], less those bound to a type of
///   [`PATTERN_ONLY_BINDINGS`], which the diff does not list either.
///
/// Findings about properties and members are reported where they are
/// declared (a property the metadata declares on a base type is reported once,
/// on the base), while the figures count every type's flattened properties.
pub fn diff(docs: &ApiModel, metadata: &ApiModel) -> DiffReport {
    let (entries, tallies) = diff_tallies(docs, metadata, &|_| None::<()>);
    DiffReport {
        entries,
        fidelity: tallies.values().copied().sum::<Tally>().fidelity(),
    }
}

/// [`diff`], with the fidelity figures also per group of documented types
/// (per workload, say: `key` gives a documented type's group). Each count
/// goes to the group of the docs' type it is about: a property to its
/// type's, a bound operation to its binding type's. What no page documents
/// (a metadata type, an operation bound to one) goes to the group `None`,
/// as does a type `key` gives none. The groups' counts add up to the whole.
pub fn diff_by<K: Ord + Clone>(
    docs: &ApiModel,
    metadata: &ApiModel,
    key: impl Fn(&ModelType) -> Option<K>,
) -> (DiffReport, BTreeMap<Option<K>, Fidelity>) {
    let (entries, tallies) = diff_tallies(docs, metadata, &key);
    let report = DiffReport {
        entries,
        fidelity: tallies.values().copied().sum::<Tally>().fidelity(),
    };
    let groups = tallies
        .into_iter()
        .map(|(k, t)| (k, t.fidelity()))
        .collect();
    (report, groups)
}

/// The counts behind [`Fidelity`], added up per group.
#[derive(Debug, Clone, Copy, Default)]
struct Tally {
    types_found: usize,
    types_total: usize,
    recall_found: usize,
    recall_total: usize,
    precision_found: usize,
    precision_total: usize,
    agree: usize,
    compared: usize,
    members_found: usize,
    members_total: usize,
    ops_found: usize,
    ops_total: usize,
    ops_not_counted: usize,
    ops_found_on_found: usize,
    ops_total_on_found: usize,
}

impl std::iter::Sum for Tally {
    fn sum<I: Iterator<Item = Tally>>(iter: I) -> Self {
        iter.fold(Tally::default(), |a, b| Tally {
            types_found: a.types_found + b.types_found,
            types_total: a.types_total + b.types_total,
            recall_found: a.recall_found + b.recall_found,
            recall_total: a.recall_total + b.recall_total,
            precision_found: a.precision_found + b.precision_found,
            precision_total: a.precision_total + b.precision_total,
            agree: a.agree + b.agree,
            compared: a.compared + b.compared,
            members_found: a.members_found + b.members_found,
            members_total: a.members_total + b.members_total,
            ops_found: a.ops_found + b.ops_found,
            ops_total: a.ops_total + b.ops_total,
            ops_not_counted: a.ops_not_counted + b.ops_not_counted,
            ops_found_on_found: a.ops_found_on_found + b.ops_found_on_found,
            ops_total_on_found: a.ops_total_on_found + b.ops_total_on_found,
        })
    }
}

impl Tally {
    fn fidelity(&self) -> Fidelity {
        Fidelity {
            types_found: Ratio::new(self.types_found, self.types_total),
            property_recall: Ratio::new(self.recall_found, self.recall_total),
            property_precision: Ratio::new(self.precision_found, self.precision_total),
            property_type_agreement: Ratio::new(self.agree, self.compared),
            enum_member_recall: Ratio::new(self.members_found, self.members_total),
            operations_found: Ratio::new(self.ops_found, self.ops_total),
            operations_found_on_found_types: Ratio::new(
                self.ops_found_on_found,
                self.ops_total_on_found,
            ),
            operations_not_counted: self.ops_not_counted,
        }
    }
}

/// The diff's entries, sorted, and its counts per group (see [`diff_by`]).
fn diff_tallies<K: Ord + Clone>(
    docs: &ApiModel,
    metadata: &ApiModel,
    key: &impl Fn(&ModelType) -> Option<K>,
) -> (Vec<DiffEntry>, BTreeMap<Option<K>, Tally>) {
    let mut entries = Vec::new();
    let mut matched_docs: HashSet<TypeId> = HashSet::new();
    let mut tallies: BTreeMap<Option<K>, Tally> = BTreeMap::new();

    for mt in &metadata.types {
        let mkey = &mt.qualified;
        let mpos = Some(SourcePos::of(metadata, mt.loc));
        let Some(did) = counterpart(docs, mkey) else {
            tallies.entry(None).or_default().types_total += 1;
            entries.push(DiffEntry {
                kind: DiffKind::TypeUndocumented,
                subject: mkey.clone(),
                message: format!("type `{mkey}` is in the metadata but no page documents it"),
                docs: None,
                metadata: mpos,
            });
            continue;
        };
        matched_docs.insert(did);
        let dt = docs.ty(did);
        let t = tallies.entry(key(dt)).or_default();
        t.types_total += 1;
        t.types_found += 1;
        let dpos = Some(SourcePos::of(docs, dt.loc));
        if dt.kind != mt.kind {
            entries.push(DiffEntry {
                kind: DiffKind::TypeKindMismatch,
                subject: mkey.clone(),
                message: format!(
                    "`{}` is documented as {} but the metadata has {}",
                    dt.qualified,
                    kind_name(dt.kind),
                    kind_name(mt.kind)
                ),
                docs: dpos.clone(),
                metadata: mpos.clone(),
            });
        }

        if mt.kind == TypeKind::Enum {
            let dmembers: HashSet<String> = counted_members(dt)
                .map(|m| m.name.to_ascii_lowercase())
                .collect();
            let mmembers: HashSet<String> = counted_members(mt)
                .map(|m| m.name.to_ascii_lowercase())
                .collect();
            for m in counted_members(mt) {
                t.members_total += 1;
                if dmembers.contains(&m.name.to_ascii_lowercase()) {
                    t.members_found += 1;
                } else {
                    entries.push(DiffEntry {
                        kind: DiffKind::EnumMemberUndocumented,
                        subject: format!("{mkey}.{}", m.name),
                        message: format!(
                            "enum `{}` lacks member `{}` that the metadata has",
                            dt.name(),
                            m.name
                        ),
                        docs: dpos.clone(),
                        metadata: Some(SourcePos::of(metadata, m.loc)),
                    });
                }
            }
            for m in counted_members(dt) {
                if !mmembers.contains(&m.name.to_ascii_lowercase()) {
                    entries.push(DiffEntry {
                        kind: DiffKind::EnumMemberNotInMetadata,
                        subject: format!("{mkey}.{}", m.name),
                        message: format!(
                            "enum `{}` member `{}` is not in the metadata",
                            dt.name(),
                            m.name
                        ),
                        docs: Some(SourcePos::of(docs, m.loc)),
                        metadata: mpos.clone(),
                    });
                }
            }
            continue;
        }

        let mprops = flattened(metadata, mt.id);
        let dprops = flattened(docs, did);
        let dmap: HashMap<String, (TypeId, &Property<TypeUse>)> = dprops
            .iter()
            .map(|&(t, p)| (p.name.to_ascii_lowercase(), (t, p)))
            .collect();
        let mnames: HashSet<String> = mprops
            .iter()
            .map(|(_, p)| p.name.to_ascii_lowercase())
            .collect();

        for &(mdecl, mp) in &mprops {
            t.recall_total += 1;
            let own = mdecl == mt.id;
            match dmap.get(&mp.name.to_ascii_lowercase()) {
                Some(&(ddecl, dp)) => {
                    t.recall_found += 1;
                    t.compared += 1;
                    if types_agree(docs, &dp.ty, metadata, &mp.ty) {
                        t.agree += 1;
                    } else if own || ddecl == did {
                        entries.push(DiffEntry {
                            kind: DiffKind::PropertyTypeMismatch,
                            subject: format!("{mkey}.{}", mp.name),
                            message: format!(
                                "`{}.{}` is documented as {} but the metadata has {}",
                                dt.name(),
                                dp.name,
                                docs.display(&dp.ty),
                                metadata.display(&mp.ty)
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
                        dt.name(),
                        mp.name
                    ),
                    docs: dpos.clone(),
                    metadata: Some(SourcePos::of(metadata, mp.loc)),
                }),
                None => {}
            }
        }
        for &(ddecl, dp) in &dprops {
            t.precision_total += 1;
            if mnames.contains(&dp.name.to_ascii_lowercase()) {
                t.precision_found += 1;
            } else if ddecl == did {
                entries.push(DiffEntry {
                    kind: DiffKind::PropertyNotInMetadata,
                    subject: format!("{mkey}.{}", dp.name),
                    message: format!(
                        "property `{}.{}` is not in the metadata",
                        dt.name(),
                        dp.name
                    ),
                    docs: Some(SourcePos::of(docs, dp.loc)),
                    metadata: mpos.clone(),
                });
            }
        }
    }

    for dt in &docs.types {
        if matched_docs.contains(&dt.id) || counterpart(metadata, &dt.qualified).is_some() {
            continue;
        }
        let dkey = &dt.qualified;
        entries.push(DiffEntry {
            kind: DiffKind::TypeNotInMetadata,
            subject: dkey.clone(),
            message: format!("type `{dkey}` is documented but not in the metadata"),
            docs: Some(SourcePos::of(docs, dt.loc)),
            metadata: None,
        });
    }

    // Operations: documented callables by lower-case name.
    let mut docs_ops: BTreeMap<String, Vec<&ModelOperation>> = BTreeMap::new();
    for op in docs.operations.values() {
        if let Some(name) = callable_name(op)
            && (is_callable(op) || is_bound(op))
        {
            docs_ops
                .entry(name.to_ascii_lowercase())
                .or_default()
                .push(op);
        }
    }
    let mut meta_ops: BTreeMap<String, Vec<&ModelOperation>> = BTreeMap::new();
    for op in metadata.operations.values() {
        let Some(name) = callable_name(op) else {
            continue;
        };
        let lname = name.to_ascii_lowercase();
        meta_ops.entry(lname.clone()).or_default().push(op);
        if !is_callable(op) || !is_bound(op) {
            continue;
        }
        let documented_binding = op
            .binding
            .and_then(|b| counterpart(docs, &metadata.ty(b.ty).qualified));
        let t = tallies
            .entry(documented_binding.and_then(|d| key(docs.ty(d))))
            .or_default();
        if op.binding.is_some_and(|b| pattern_only(metadata, b)) {
            t.ops_not_counted += 1;
            continue;
        }
        t.ops_total += 1;
        let found = op.binding.is_some_and(|service| {
            docs_ops.get(&lname).is_some_and(|ds| {
                ds.iter().any(|d| {
                    d.binding
                        .is_some_and(|documented| binds(docs, documented, metadata, service))
                })
            })
        });
        let on_found_type = documented_binding.is_some();
        t.ops_total_on_found += usize::from(on_found_type);
        if found {
            t.ops_found += 1;
            t.ops_found_on_found += usize::from(on_found_type);
        } else {
            entries.push(DiffEntry {
                kind: DiffKind::OperationUndocumented,
                subject: op.op.id.clone(),
                message: format!(
                    "{} `{}` bound to `{}` is in the metadata but no page documents it",
                    if op.op.kind == OperationKind::Action {
                        "action"
                    } else {
                        "function"
                    },
                    name,
                    binding_text(metadata, op)
                ),
                docs: None,
                metadata: Some(SourcePos::of(metadata, op.op.loc)),
            });
        }
    }
    for (lname, ds) in &docs_ops {
        let ms = meta_ops.get(lname).map(Vec::as_slice).unwrap_or_default();
        for d in ds {
            let found = ms.iter().any(|m| match (d.binding, m.binding) {
                (Some(documented), Some(service)) => binds(docs, documented, metadata, service),
                (None, None) => !is_bound(d) && !is_bound(m),
                _ => false,
            });
            if !found {
                let name = callable_name(d).unwrap_or_default();
                let what = if is_bound(d) {
                    format!("`{name}` bound to `{}`", binding_text(docs, d))
                } else {
                    format!("unbound `{name}`")
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
    (entries, tallies)
}

fn kind_name(kind: TypeKind) -> &'static str {
    match kind {
        TypeKind::Entity => "an entity type",
        TypeKind::Complex => "a complex type",
        TypeKind::Enum => "an enum",
    }
}

//! The merge itself: registration, contributions, inline enums, resolution,
//! inheritance and operations, in that order.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use graphdoc_ir::{
    ApiModel, ApiVersion, Binding, Code, Corpus, Diagnostic, DocType, EnumMember, FileId, Loc,
    ModelOperation, ModelType, Operation, OperationKind, Page, PathTemplate, Property, Related,
    Segment, Target, TypeDef, TypeId, TypeKind, TypeName, TypeRef, TypeUse,
};

use crate::{DEFAULT_NAMESPACE, links, meaning, page_version};

/// An operation between its completion and the model: references resolved
/// to qualified names, the binding to an entry.
struct PendingOp {
    op: Operation,
    /// The binding entry, and whether it binds to a collection.
    binding: Option<(usize, bool)>,
    /// The type the operation id names (`alert-update` -> `alert`).
    named_by_id: Option<usize>,
    workload: Option<String>,
    /// The operation's examples, by where they are in the corpus: copied or
    /// moved into the model once it is done (see [`ExampleOrigins`]).
    examples: Vec<(usize, usize)>,
}

/// Where each operation's examples are in the corpus: the operation's id
/// and, in order, (index in `Corpus::pages`, index in the page's examples).
pub(crate) type ExampleOrigins = Vec<(String, Vec<(usize, usize)>)>;

/// Where a type's facts came from, strongest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Origin {
    /// A resource page's type (or any page's entity/complex type).
    Resource,
    /// An enum page, or an "X values" section.
    EnumDef,
    /// A Request body table.
    Body,
    /// Inline "Possible values".
    Inline,
}

/// A property another page adds to a type.
#[derive(Debug, Clone)]
struct Contribution {
    prop: Property,
    origin: Origin,
}

#[derive(Debug)]
struct Entry {
    def: TypeDef,
    origin: Origin,
    /// The defining page (index into `Merger::pages`).
    page: Option<usize>,
    workload: Option<String>,
    sources: Vec<Loc>,
    extra: Vec<Contribution>,
    /// The resolved base type.
    base: Option<usize>,
}

pub(crate) struct Merger<'c> {
    corpus: &'c Corpus,
    version: ApiVersion,
    pages: Vec<&'c Page>,
    /// The index in `corpus.pages` of each of `pages`.
    corpus_index: Vec<usize>,
    page_of_file: HashMap<FileId, usize>,
    page_by_path: HashMap<String, usize>,
    pages_by_stem: HashMap<String, Vec<usize>>,
    entries: Vec<Entry>,
    by_key: HashMap<String, usize>,
    by_simple: HashMap<String, Vec<usize>>,
    page_types: Vec<Vec<usize>>,
    diags: Vec<Diagnostic>,
}

fn lower(s: &str) -> String {
    s.to_ascii_lowercase()
}

/// [`lower`] into a reused buffer, for lookups that need no new `String`.
fn lower_into<'b>(buffer: &'b mut String, s: &str) -> &'b str {
    buffer.clear();
    buffer.push_str(s);
    buffer.make_ascii_lowercase();
    buffer
}

/// Whether `text` ends with `suffix`, ignoring ASCII case.
fn ends_with_ignore_case(text: &str, suffix: &str) -> bool {
    let (text, suffix) = (text.as_bytes(), suffix.as_bytes());
    text.len() >= suffix.len() && text[text.len() - suffix.len()..].eq_ignore_ascii_case(suffix)
}

/// Splits `microsoft.graph.callRecords.callRecord` into namespace and name.
fn split_qualified(name: &str) -> (Option<&str>, &str) {
    match name.rsplit_once('.') {
        Some((ns, n)) if !ns.is_empty() && !n.is_empty() => (Some(ns), n),
        _ => (None, name),
    }
}

/// A written type name without decoration: backticks, `#`, brackets, spaces.
fn clean_name(name: &str) -> &str {
    name.trim()
        .trim_matches(|c: char| c == '`' || c == '*' || c == '[' || c == ']' || c == '"')
        .trim_start_matches('#')
        .trim()
}

fn upper_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// A comparable form of a reference, before or after resolution.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Sem {
    Prim(graphdoc_ir::Primitive),
    Type(usize),
    Name(String),
    Inline,
}

impl<'c> Merger<'c> {
    pub(crate) fn new(corpus: &'c Corpus, version: ApiVersion) -> Self {
        let mut pages: Vec<(usize, &Page)> = corpus
            .pages
            .iter()
            .enumerate()
            .filter(|(_, p)| page_version(p) == version)
            .collect();
        pages.sort_by(|(_, a), (_, b)| {
            corpus
                .path(a.file)
                .cmp(corpus.path(b.file))
                .then(a.file.cmp(&b.file))
        });
        let (corpus_index, pages): (Vec<usize>, Vec<&Page>) = pages.into_iter().unzip();
        let mut page_of_file = HashMap::new();
        let mut page_by_path = HashMap::new();
        let mut pages_by_stem: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, p) in pages.iter().enumerate() {
            page_of_file.entry(p.file).or_insert(i);
            let path = corpus.path(p.file);
            page_by_path.entry(links::normalize(path)).or_insert(i);
            if let Some(stem) = links::stem(&lower(path)) {
                pages_by_stem.entry(stem.to_string()).or_default().push(i);
            }
        }
        let n = pages.len();
        Self {
            corpus,
            version,
            pages,
            corpus_index,
            page_of_file,
            page_by_path,
            pages_by_stem,
            entries: Vec::new(),
            by_key: HashMap::new(),
            by_simple: HashMap::new(),
            page_types: vec![Vec::new(); n],
            diags: Vec::new(),
        }
    }

    /// The model, its operations without their examples, and where those are.
    pub(crate) fn run(mut self) -> (ApiModel, ExampleOrigins) {
        self.register_page_types();
        self.register_bodies();
        self.resolve_bases();
        self.merge_contributions();
        self.inline_enums();
        let operations = self.operations();
        self.resolve_properties();
        self.keyed_navigations(&operations);
        self.drop_inherited();
        self.decide_kinds(&operations);
        self.bases_from_keys(&operations);
        self.finish(operations)
    }

    // ----- helpers -------------------------------------------------------

    fn path(&self, loc: Loc) -> &'c str {
        self.corpus.path(loc.file)
    }

    fn diag(&mut self, code: Code, loc: Loc, message: String) -> &mut Diagnostic {
        let d = Diagnostic::new(code, self.path(loc), loc.line, loc.column, message);
        self.diags.push(d);
        self.diags.last_mut().expect("just pushed")
    }

    fn related(&self, loc: Loc, message: &str) -> Related {
        Related {
            file: self.path(loc).to_string(),
            line: loc.line,
            column: loc.column,
            message: message.to_string(),
        }
    }

    fn page_namespace(&self, page: Option<usize>) -> &'c str {
        page.and_then(|p| self.pages[p].meta.namespace.as_deref())
            .map(str::trim)
            .filter(|ns| !ns.is_empty())
            .unwrap_or(DEFAULT_NAMESPACE)
    }

    fn qualified(&self, idx: usize) -> String {
        let d = &self.entries[idx].def;
        format!(
            "{}.{}",
            d.namespace.as_deref().unwrap_or(DEFAULT_NAMESPACE),
            d.name
        )
    }

    fn page_of(&self, loc: Loc) -> Option<usize> {
        self.page_of_file.get(&loc.file).copied()
    }

    /// Adds a new entry (the key must be free).
    fn insert(&mut self, mut def: TypeDef, origin: Origin, page: Option<usize>) -> usize {
        let idx = self.entries.len();
        let ns = def
            .namespace
            .clone()
            .unwrap_or_else(|| DEFAULT_NAMESPACE.to_string());
        def.namespace = Some(ns.clone());
        self.by_key
            .insert(lower(&format!("{ns}.{}", def.name)), idx);
        self.by_simple
            .entry(lower(&def.name))
            .or_default()
            .push(idx);
        let workload = page.and_then(|p| self.pages[p].meta.workload.clone());
        self.entries.push(Entry {
            sources: vec![def.loc],
            def,
            origin,
            page,
            workload,
            extra: Vec::new(),
            base: None,
        });
        idx
    }

    /// Registers a definition, or folds it into the existing one of that name.
    fn register(&mut self, mut def: TypeDef, origin: Origin, page: Option<usize>) -> usize {
        let (written_ns, name) = split_qualified(clean_name(&def.name));
        let ns = written_ns
            .map(str::to_string)
            .or_else(|| def.namespace.clone().filter(|n| !n.trim().is_empty()))
            .unwrap_or_else(|| self.page_namespace(page).to_string());
        def.name = name.to_string();
        def.namespace = Some(ns.trim().to_string());
        let key = lower(&format!("{}.{}", ns.trim(), def.name));
        let Some(&idx) = self.by_key.get(&key) else {
            return self.insert(def, origin, page);
        };
        self.fold(idx, def, origin);
        idx
    }

    /// Folds a second definition into an existing entry.
    fn fold(&mut self, idx: usize, def: TypeDef, origin: Origin) {
        let first_loc = self.entries[idx].def.loc;
        let first_kind = self.entries[idx].def.kind;
        self.entries[idx].sources.push(def.loc);
        if first_kind != def.kind {
            let q = self.qualified(idx);
            let rel = self.related(first_loc, "first defined here");
            self.diag(
                Code::TypeKindConflict,
                def.loc,
                format!(
                    "`{q}` is defined here as {} but first as {}; the first is kept",
                    kind_word(def.kind),
                    kind_word(first_kind)
                ),
            )
            .related
            .push(rel);
            return;
        }
        if def.kind == TypeKind::Enum {
            let members = def.members.clone();
            self.union_members(idx, members, def.loc, false);
            let e = &mut self.entries[idx];
            e.def.is_flags |= def.is_flags;
            if e.def.description.is_none() {
                e.def.description = def.description;
            }
            return;
        }
        // Pages that repeat a type (a workload's partial copy) add to it;
        // they conflict where they name different base types (a property
        // typed differently is a property conflict, reported as such).
        let bases_differ = match (&self.entries[idx].def.base_type, &def.base_type) {
            (Some(a), Some(b)) => {
                lower(split_qualified(clean_name(a)).1) != lower(split_qualified(clean_name(b)).1)
            }
            _ => false,
        };
        if origin == Origin::Resource
            && self.entries[idx].origin == Origin::Resource
            && bases_differ
        {
            let q = self.qualified(idx);
            let rel = self.related(first_loc, "first defined here");
            self.diag(
                Code::DuplicateTypeDefinition,
                def.loc,
                format!(
                    "`{q}` is defined again with another base type (`{}`); the first definition wins",
                    def.base_type.as_deref().unwrap_or_default()
                ),
            )
            .related
            .push(rel);
        }
        let e = &mut self.entries[idx];
        if e.def.base_type.is_none() {
            e.def.base_type = def.base_type;
        }
        if e.def.description.is_none() {
            e.def.description = def.description;
        }
        if e.def.key.is_none() {
            e.def.key = def.key;
        }
        e.def.open_type |= def.open_type;
        e.extra.extend(
            def.properties
                .into_iter()
                .map(|prop| Contribution { prop, origin }),
        );
    }

    /// Adds members an enum lacks; reports when the lists differ.
    fn union_members(&mut self, idx: usize, members: Vec<EnumMember>, at: Loc, inline: bool) {
        let verb = if inline { "lists values of" } else { "defines" };
        let have: BTreeSet<String> = self.entries[idx]
            .def
            .members
            .iter()
            .map(|m| lower(&m.name))
            .collect();
        let given: BTreeSet<String> = members.iter().map(|m| lower(&m.name)).collect();
        if have == given || members.is_empty() {
            return;
        }
        let missing_here: Vec<&str> = self.entries[idx]
            .def
            .members
            .iter()
            .filter(|m| !given.contains(&lower(&m.name)))
            .map(|m| m.name.as_str())
            .collect();
        let added: Vec<EnumMember> = members
            .into_iter()
            .filter(|m| !have.contains(&lower(&m.name)))
            .collect();
        // A prose list of possible values that leaves members out (the
        // `unknownFutureValue` sentinel, a default) is a convention; one
        // that lists others is a conflict (a misspelling, a missing member).
        if inline && added.is_empty() {
            return;
        }
        let mut message = format!(
            "this {verb} enum `{}` with other members than",
            self.qualified(idx)
        );
        message.push_str(" its first definition");
        if !added.is_empty() {
            let names: Vec<&str> = added.iter().map(|m| m.name.as_str()).collect();
            message.push_str(&format!("; added: {}", names.join(", ")));
        }
        if !missing_here.is_empty() {
            message.push_str(&format!("; not listed here: {}", missing_here.join(", ")));
        }
        let first = self.entries[idx].def.loc;
        let rel = self.related(first, "first defined here");
        self.diag(Code::EnumMemberConflict, at, message)
            .related
            .push(rel);
        let e = &mut self.entries[idx];
        e.def.members.extend(added);
        if !e.sources.contains(&at) {
            e.sources.push(at);
        }
    }

    // ----- resolution ------------------------------------------------------

    /// The page a link points to, from page `from`.
    fn link_page(&self, path: &str, from: Option<usize>) -> Option<usize> {
        if path.is_empty() {
            return from;
        }
        if !links::is_external(path)
            && let Some(from) = from
        {
            let joined = links::join(self.corpus.path(self.pages[from].file), path);
            if let Some(&p) = self.page_by_path.get(&joined) {
                return Some(p);
            }
        }
        let stem = links::stem(path)?;
        let candidates = self.pages_by_stem.get(stem)?;
        // Prefer a page that defines types, then the first by path.
        candidates
            .iter()
            .copied()
            .find(|&p| !self.page_types[p].is_empty())
            .or_else(|| candidates.first().copied())
    }

    /// Resolves a written reference to an entry.
    fn resolve(&self, name: &str, link: Option<&str>, from: Option<usize>) -> Option<usize> {
        if name.contains(" or ") {
            return self.resolve_alternatives(name, from);
        }
        if let Some(link) = link {
            let (path, anchor) = links::split(link);
            if let Some(tp) = self.link_page(&path, from) {
                let types = &self.page_types[tp];
                if let Some(anchor) = &anchor {
                    let an = links::anchor_name(anchor);
                    if let Some(&t) = types
                        .iter()
                        .find(|&&t| self.entries[t].def.name.eq_ignore_ascii_case(&an))
                    {
                        return Some(t);
                    }
                    if let Some(t) = self.resolve_name(&an, from) {
                        return Some(t);
                    }
                } else if !types.is_empty() {
                    let written = lower(split_qualified(clean_name(name)).1);
                    if let Some(&t) = types
                        .iter()
                        .find(|&&t| self.entries[t].def.name.eq_ignore_ascii_case(&written))
                    {
                        return Some(t);
                    }
                    // The name as written, where a type has exactly that
                    // name and it is the more specific of the two (it ends
                    // with the name of the page's type), wins over a link
                    // to that page (`[invitationParticipantInfo](participantinfo.md)`);
                    // else the link's page does (`[shared](insights-shared.md)`
                    // is the page's `sharedInsight`).
                    let more_specific = types
                        .iter()
                        .any(|&t| ends_with_ignore_case(&written, &self.entries[t].def.name));
                    if more_specific && let Some(t) = self.resolve_exact(name, from) {
                        return Some(t);
                    }
                    let main: Vec<usize> = types
                        .iter()
                        .copied()
                        .filter(|&t| self.entries[t].def.kind != TypeKind::Enum)
                        .collect();
                    if let [only] = main.as_slice() {
                        return Some(*only);
                    }
                    if let [only] = types.as_slice() {
                        return Some(*only);
                    }
                }
            }
        }
        self.resolve_name(name, from)
    }

    /// `A or B` (a cell offering alternatives): their nearest common base
    /// type, else the first that resolves.
    fn resolve_alternatives(&self, name: &str, from: Option<usize>) -> Option<usize> {
        let alts: Vec<usize> = name
            .split(" or ")
            .filter_map(|a| self.resolve_name(a, from))
            .collect();
        let first = *alts.first()?;
        let chain = |t: usize| {
            let mut out = vec![t];
            let mut cur = t;
            while let Some(b) = self.entries[cur].base {
                if out.contains(&b) {
                    break;
                }
                out.push(b);
                cur = b;
            }
            out
        };
        let common = chain(first)
            .into_iter()
            .find(|c| alts.iter().all(|&a| chain(a).contains(c)));
        Some(common.unwrap_or(first))
    }

    /// A type whose (qualified or simple) name is exactly the written one,
    /// case-insensitively.
    fn resolve_exact(&self, name: &str, from: Option<usize>) -> Option<usize> {
        let name = clean_name(name);
        if name.is_empty()
            || !name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_')
        {
            return None;
        }
        self.resolve_name(name, from)
    }

    /// Resolves a written name: qualified exactly, else by simple name.
    fn resolve_name(&self, name: &str, from: Option<usize>) -> Option<usize> {
        let name = clean_name(name);
        if name.is_empty() {
            return None;
        }
        if let Some(&t) = self.by_key.get(&lower(name)) {
            return Some(t);
        }
        let (written_ns, simple) = split_qualified(name);
        let candidates = self.by_simple.get(&lower(simple))?;
        if let [only] = candidates.as_slice() {
            return Some(*only);
        }
        let ns_of = |t: usize| lower(self.entries[t].def.namespace.as_deref().unwrap_or(""));
        let prefer = [
            written_ns.map(lower),
            Some(lower(self.page_namespace(from))),
            Some(DEFAULT_NAMESPACE.to_string()),
        ];
        for ns in prefer.iter().flatten() {
            if let Some(&t) = candidates.iter().find(|&&t| &ns_of(t) == ns) {
                return Some(t);
            }
        }
        candidates
            .iter()
            .copied()
            .min_by_key(|&t| lower(&self.qualified(t)))
    }

    fn sem(&self, ty: &TypeRef, from: Option<usize>) -> (Sem, bool) {
        let s = match &ty.name {
            TypeName::Primitive(p) => Sem::Prim(*p),
            TypeName::Named { name, link } => match self.resolve(name, link.as_deref(), from) {
                Some(t) => Sem::Type(t),
                None => Sem::Name(lower(clean_name(name))),
            },
            TypeName::InlineEnum => Sem::Inline,
            TypeName::Unknown(raw) => Sem::Name(lower(raw.trim())),
        };
        (s, ty.collection)
    }

    // ----- passes ----------------------------------------------------------

    /// Pass 1: the types pages define; resource pages first, each in path order.
    fn register_page_types(&mut self) {
        let is_resource = |p: &Page| matches!(p.meta.doc_type, Some(DocType::ResourcePage));
        // A page named after its type (`user.md` for `user`) is that type's
        // own page: it goes before pages that merely repeat the type
        // (`intune-devices-user.md`).
        let is_named_after = |p: &Page| {
            let path = lower(self.corpus.path(p.file));
            let stem = links::stem(&path).unwrap_or_default();
            p.types.first().is_some_and(|t| {
                let name = lower(split_qualified(clean_name(&t.name)).1);
                stem == name || stem.ends_with(&format!("-{name}")) && !stem.starts_with("intune-")
            })
        };
        let mut order: Vec<(u8, usize)> = (0..self.pages.len())
            .map(|pi| {
                let p = self.pages[pi];
                let rank = match (is_resource(p), is_named_after(p)) {
                    (true, true) => 0,
                    (true, false) => 1,
                    (false, _) => 2,
                };
                (rank, pi)
            })
            .collect();
        order.sort();
        for (_, pi) in order {
            {
                let page = self.pages[pi];
                for def in &page.types {
                    let origin = if def.kind == TypeKind::Enum {
                        Origin::EnumDef
                    } else {
                        Origin::Resource
                    };
                    let idx = self.register(def.clone(), origin, Some(pi));
                    if !self.page_types[pi].contains(&idx) {
                        self.page_types[pi].push(idx);
                    }
                }
            }
        }
    }

    /// Pass 2: Request body tables of non-action pages describe their linked type.
    fn register_bodies(&mut self) {
        for pi in 0..self.pages.len() {
            let page = self.pages[pi];
            for op in &page.operations {
                if matches!(op.kind, OperationKind::Action | OperationKind::Function) {
                    continue;
                }
                let Some(body) = &op.request_body else {
                    continue;
                };
                let Some(TypeRef {
                    name: TypeName::Named { name, link },
                    ..
                }) = &body.ty
                else {
                    continue;
                };
                if body.properties.is_empty() {
                    continue;
                }
                match self.resolve(name, link.as_deref(), Some(pi)) {
                    Some(idx) => {
                        if self.entries[idx].def.kind == TypeKind::Enum {
                            continue;
                        }
                        let e = &mut self.entries[idx];
                        if !e.sources.contains(&body.loc) {
                            e.sources.push(body.loc);
                        }
                        e.extra
                            .extend(body.properties.iter().filter(|p| !describes_items(p)).map(
                                |p| Contribution {
                                    prop: p.clone(),
                                    origin: Origin::Body,
                                },
                            ));
                    }
                    None => {
                        let (ns, simple) = split_qualified(clean_name(name));
                        if simple.is_empty() {
                            continue;
                        }
                        let def = TypeDef {
                            name: simple.to_string(),
                            namespace: Some(
                                ns.unwrap_or(self.page_namespace(Some(pi))).to_string(),
                            ),
                            kind: TypeKind::Entity,
                            description: None,
                            base_type: None,
                            base_in_text: None,
                            key: None,
                            open_type: false,
                            properties: Vec::new(),
                            members: Vec::new(),
                            is_flags: false,
                            loc: body.loc,
                        };
                        let idx = self.register(def, Origin::Body, Some(pi));
                        self.entries[idx]
                            .extra
                            .extend(body.properties.iter().map(|p| Contribution {
                                prop: p.clone(),
                                origin: Origin::Body,
                            }));
                    }
                }
            }
        }
    }

    /// Pass 3: base types, explicit or inferred from "Inherited from" notes,
    /// or from a base page's "Derived types" table; cycles cut.
    fn resolve_bases(&mut self) {
        for pi in 0..self.pages.len() {
            let page = self.pages[pi];
            let Some(&base) = self.page_types[pi]
                .iter()
                .find(|&&t| self.entries[t].def.kind != TypeKind::Enum)
            else {
                continue;
            };
            for d in &page.derived_types {
                let Some(t) = self.resolve(&d.name, d.link.as_deref(), Some(pi)) else {
                    continue;
                };
                let e = &self.entries[t];
                if t != base && e.def.kind != TypeKind::Enum && e.def.base_type.is_none() {
                    let q = self.qualified(base);
                    self.entries[t].def.base_type = Some(q);
                }
            }
        }
        for idx in 0..self.entries.len() {
            if self.entries[idx].def.kind == TypeKind::Enum {
                continue;
            }
            let Some(written) = self.entries[idx].def.base_type.clone() else {
                continue;
            };
            let from = self.entries[idx].page;
            match self.resolve(&written, None, from) {
                Some(b) if b != idx => self.entries[idx].base = Some(b),
                Some(_) => {}
                None => {
                    let loc = self.entries[idx].def.loc;
                    let q = self.qualified(idx);
                    self.diag(
                        Code::UnresolvedType,
                        loc,
                        format!("base type `{written}` of `{q}` names no known type"),
                    );
                }
            }
        }
        self.bases_named_in_text();
        // Inferred bases, from the notes of own and contributed properties.
        for idx in 0..self.entries.len() {
            let e = &self.entries[idx];
            if e.def.kind == TypeKind::Enum || e.def.base_type.is_some() {
                continue;
            }
            let notes: BTreeSet<String> = e
                .def
                .properties
                .iter()
                .chain(e.extra.iter().map(|c| &c.prop))
                .filter_map(|p| p.inherited_from.as_deref())
                .map(|n| clean_name(n).to_string())
                .filter(|n| !n.is_empty())
                .collect();
            let from = e.page;
            let mut best: Option<(usize, usize)> = None;
            for n in notes {
                if let Some(b) = self.resolve(&n, None, from)
                    && b != idx
                    && self.entries[b].def.kind != TypeKind::Enum
                {
                    let depth = self.depth(b);
                    if best.is_none_or(|(_, d)| depth > d) {
                        best = Some((b, depth));
                    }
                }
            }
            if let Some((b, _)) = best {
                self.entries[idx].base = Some(b);
            }
        }
        // Cut cycles.
        for idx in 0..self.entries.len() {
            let mut seen = BTreeSet::from([idx]);
            let mut cur = idx;
            while let Some(b) = self.entries[cur].base {
                if !seen.insert(b) {
                    let loc = self.entries[cur].def.loc;
                    let q = self.qualified(cur);
                    let bq = self.qualified(b);
                    self.diag(
                        Code::InheritanceCycle,
                        loc,
                        format!(
                            "base types of `{q}` form a cycle through `{bq}`; `{q}` gets no base"
                        ),
                    );
                    self.entries[cur].base = None;
                    break;
                }
                cur = b;
            }
        }
    }

    /// Where a page's annotation and its text name different bases, the
    /// text's when it derives from the annotation's: both are then true, and
    /// the text's is the direct base (annotations often name only the root,
    /// `entity`, for a type that derives from `directoryObject`).
    fn bases_named_in_text(&mut self) {
        for idx in 0..self.entries.len() {
            let (Some(named), Some(current)) = (
                self.entries[idx].def.base_in_text.clone(),
                self.entries[idx].base,
            ) else {
                continue;
            };
            let from = self.entries[idx].page;
            let Some(text_base) = self.resolve(&named, None, from) else {
                continue;
            };
            if text_base == current {
                continue;
            }
            // Strictly more derived, and not a cycle through this type.
            let kept =
                if self.derives_from(text_base, current) && !self.derives_from(text_base, idx) {
                    self.entries[idx].base = Some(text_base);
                    text_base
                } else {
                    current
                };
            let (q, annotated) = (self.qualified(idx), self.qualified(current));
            let (text, kept) = (self.qualified(text_base), self.qualified(kept));
            let loc = self.entries[idx].def.loc;
            self.diag(
                Code::BaseTypeConflict,
                loc,
                format!(
                    "`{q}`: the annotation names base type `{annotated}`, the text `{text}`; `{kept}` is kept"
                ),
            );
        }
    }

    /// Pass 10: an entity type whose page names its key (`keyProperty`) but
    /// whose table lacks that property, that names no base, and whose
    /// examples show the key, inherits it (OData gives every entity type a
    /// key, its own or a base's): its base is the root type that declares
    /// the key and that most types derive from (then by name). Run after the
    /// kinds are decided; the examples must show the key because pages also
    /// annotate value types with one.
    fn bases_from_keys(&mut self, operations: &BTreeMap<String, PendingOp>) {
        let declares = |e: &Entry, key: &str| {
            e.def
                .properties
                .iter()
                .chain(e.extra.iter().map(|c| &c.prop))
                .any(|p| p.name.eq_ignore_ascii_case(key))
        };
        // Entities with a key they do not declare and no base: the only ones
        // the examples are asked about.
        let undeclared: HashMap<usize, String> = self
            .entries
            .iter()
            .enumerate()
            .filter(|(_, e)| e.def.kind == TypeKind::Entity && e.base.is_none())
            .filter_map(|(idx, e)| {
                let key = e.def.key.as_ref()?;
                (!declares(e, key)).then(|| (idx, key.clone()))
            })
            .collect();
        if undeclared.is_empty() {
            return;
        }
        let shown = self.keys_shown(operations, &undeclared);
        let mut derived_count = vec![0usize; self.entries.len()];
        for e in &self.entries {
            if let Some(b) = e.base {
                derived_count[b] += 1;
            }
        }
        for idx in shown {
            let key = &undeclared[&idx];
            let root = (0..self.entries.len())
                .filter(|&r| r != idx && derived_count[r] > 0)
                .filter(|&r| {
                    let re = &self.entries[r];
                    re.base.is_none() && re.def.kind == TypeKind::Entity && declares(re, key)
                })
                .max_by(|&a, &b| {
                    derived_count[a]
                        .cmp(&derived_count[b])
                        .then_with(|| self.qualified(b).cmp(&self.qualified(a)))
                });
            if let Some(root) = root {
                self.entries[idx].base = Some(root);
            }
        }
    }

    /// Of the types in `keys` (type -> key property), those whose key the
    /// example responses of operations returning the type show at the top
    /// level of the value (or of the first item of a collection page).
    fn keys_shown(
        &self,
        operations: &BTreeMap<String, PendingOp>,
        keys: &HashMap<usize, String>,
    ) -> BTreeSet<usize> {
        let mut out = BTreeSet::new();
        for o in operations.values() {
            let Some(TypeName::Named { name, .. }) =
                o.op.response
                    .as_ref()
                    .and_then(|r| r.ty.as_ref())
                    .map(|t| &t.name)
            else {
                continue;
            };
            let Some(&t) = self.by_key.get(&lower(name)) else {
                continue;
            };
            let Some(key) = keys.get(&t) else {
                continue;
            };
            for &(page, ex) in &o.examples {
                let ex = &self.corpus.pages[page].examples[ex];
                let Some(graphdoc_ir::Body::Json(body)) =
                    ex.response.as_ref().and_then(|r| r.body.as_ref())
                else {
                    continue;
                };
                let value = match body.get("value") {
                    Some(serde_json::Value::Array(items)) => items.first().unwrap_or(body),
                    Some(v @ serde_json::Value::Object(_)) => v,
                    _ => body,
                };
                if let serde_json::Value::Object(map) = value
                    && map.keys().any(|k| k.eq_ignore_ascii_case(key))
                {
                    out.insert(t);
                }
            }
        }
        out
    }

    fn depth(&self, idx: usize) -> usize {
        let mut d = 0;
        let mut cur = idx;
        let mut seen = BTreeSet::from([idx]);
        while let Some(b) = self.entries[cur].base {
            if !seen.insert(b) {
                break;
            }
            d += 1;
            cur = b;
        }
        d
    }

    /// Pass 4: contributed properties join their type.
    fn merge_contributions(&mut self) {
        for idx in 0..self.entries.len() {
            let extra = std::mem::take(&mut self.entries[idx].extra);
            let from = self.entries[idx].page;
            for c in extra {
                let existing = self.entries[idx]
                    .def
                    .properties
                    .iter()
                    .position(|p| p.name.eq_ignore_ascii_case(&c.prop.name));
                match existing {
                    Some(pos) => {
                        let have = self.entries[idx].def.properties[pos].clone();
                        let a = self.sem(&have.ty, self.page_of(have.loc).or(from));
                        let b = self.sem(&c.prop.ty, self.page_of(c.prop.loc));
                        if a != b && !(matches!(a.0, Sem::Inline) || matches!(b.0, Sem::Inline)) {
                            let q = self.qualified(idx);
                            let rel = self.related(have.loc, "the type kept is given here");
                            self.diag(
                                Code::PropertyTypeConflict,
                                c.prop.loc,
                                format!(
                                    "`{q}.{}` is typed {} here but {} on the page that wins",
                                    c.prop.name, c.prop.ty, have.ty
                                ),
                            )
                            .related
                            .push(rel);
                        }
                        let p = &mut self.entries[idx].def.properties[pos];
                        if p.enum_values.is_empty() && a == b {
                            p.enum_values = c.prop.enum_values.clone();
                        }
                        if p.description.is_none() {
                            p.description = c.prop.description.clone();
                        }
                    }
                    None => {
                        if c.origin == Origin::Body
                            && self.entries[idx].origin == Origin::Resource
                            && c.prop.inherited_from.is_none()
                            && !self.ancestors_have(idx, &c.prop.name)
                        {
                            let q = self.qualified(idx);
                            let first = self.entries[idx].def.loc;
                            let rel = self.related(first, "the resource page");
                            self.diag(
                                Code::BodyOnlyProperty,
                                c.prop.loc,
                                format!(
                                    "`{}` is not on the resource page of `{q}`; added from this table",
                                    c.prop.name
                                ),
                            )
                            .related
                            .push(rel);
                        }
                        self.entries[idx].def.properties.push(c.prop);
                    }
                }
            }
        }
    }

    fn ancestors_have(&self, idx: usize, name: &str) -> bool {
        let mut seen = BTreeSet::from([idx]);
        let mut cur = self.entries[idx].base;
        while let Some(b) = cur {
            if !seen.insert(b) {
                break;
            }
            let e = &self.entries[b];
            if e.def
                .properties
                .iter()
                .chain(e.extra.iter().map(|c| &c.prop))
                .any(|p| p.name.eq_ignore_ascii_case(name))
            {
                return true;
            }
            cur = e.base;
        }
        false
    }

    /// Turns an inline enum (or a named one only "Possible values" define) into
    /// an enum entry; returns the new type of the property.
    fn inline_enum(
        &mut self,
        prop: &Property,
        owner_name: &str,
        owner_ns: &str,
        from: Option<usize>,
    ) -> Option<TypeRef> {
        let members = || -> Vec<EnumMember> {
            let mut seen = BTreeSet::new();
            prop.enum_values
                .iter()
                .map(|v| clean_name(v).to_string())
                .filter(|v| !v.is_empty() && seen.insert(lower(v)))
                .map(|name| EnumMember {
                    name,
                    value: None,
                    description: None,
                    loc: prop.loc,
                })
                .collect()
        };
        let enum_def = |name: String, ns: String| TypeDef {
            name,
            namespace: Some(ns),
            kind: TypeKind::Enum,
            description: None,
            base_type: None,
            base_in_text: None,
            key: None,
            open_type: false,
            properties: Vec::new(),
            members: members(),
            is_flags: false,
            loc: prop.loc,
        };
        match &prop.ty.name {
            TypeName::InlineEnum => {
                let name = format!("{owner_name}{}", upper_first(&prop.name));
                let idx = self.register(enum_def(name, owner_ns.to_string()), Origin::Inline, from);
                Some(TypeRef {
                    name: TypeName::Named {
                        name: self.qualified(idx),
                        link: None,
                    },
                    collection: prop.ty.collection,
                })
            }
            TypeName::Named { name, link } if !prop.enum_values.is_empty() => {
                match self.resolve(name, link.as_deref(), from) {
                    Some(idx) => {
                        if self.entries[idx].def.kind == TypeKind::Enum {
                            self.union_members(idx, members(), prop.loc, true);
                        }
                        None
                    }
                    None => {
                        let (ns, simple) = split_qualified(clean_name(name));
                        if simple.is_empty() || simple.contains(char::is_whitespace) {
                            return None;
                        }
                        let ns = ns.unwrap_or(owner_ns).to_string();
                        self.register(enum_def(simple.to_string(), ns), Origin::Inline, from);
                        None
                    }
                }
            }
            _ => None,
        }
    }

    /// Pass 5: inline enums of type properties.
    fn inline_enums(&mut self) {
        let n = self.entries.len();
        for idx in 0..n {
            if self.entries[idx].def.kind == TypeKind::Enum {
                continue;
            }
            let owner = self.entries[idx].def.name.clone();
            let ns = self.entries[idx]
                .def
                .namespace
                .clone()
                .unwrap_or_else(|| DEFAULT_NAMESPACE.to_string());
            for pi in 0..self.entries[idx].def.properties.len() {
                let prop = self.entries[idx].def.properties[pi].clone();
                let from = self.page_of(prop.loc).or(self.entries[idx].page);
                if let Some(ty) = self.inline_enum(&prop, &owner, &ns, from) {
                    self.entries[idx].def.properties[pi].ty = ty;
                }
            }
        }
    }

    /// Resolves a reference to its qualified form, or unknown with a diagnostic.
    fn resolve_ref(&mut self, ty: &TypeRef, from: Option<usize>, at: Loc, what: &str) -> TypeRef {
        let name = match &ty.name {
            TypeName::Named { name, link } => match self.resolve(name, link.as_deref(), from) {
                Some(t) => TypeName::Named {
                    name: self.qualified(t),
                    link: link.clone(),
                },
                None => {
                    self.diag(
                        Code::UnresolvedType,
                        at,
                        format!("type `{name}` of {what} names no known type"),
                    );
                    TypeName::Unknown(name.clone())
                }
            },
            other => other.clone(),
        };
        TypeRef {
            name,
            collection: ty.collection,
        }
    }

    /// Pass 7: every property type to its qualified name.
    fn resolve_properties(&mut self) {
        for idx in 0..self.entries.len() {
            let owner = self.entries[idx].def.name.clone();
            for pi in 0..self.entries[idx].def.properties.len() {
                let prop = &self.entries[idx].def.properties[pi];
                let (ty, loc, pname) = (prop.ty.clone(), prop.loc, prop.name.clone());
                let from = self.page_of(loc).or(self.entries[idx].page);
                let what = format!("`{owner}.{pname}`");
                let ty = self.resolve_ref(&ty, from, loc, &what);
                self.entries[idx].def.properties[pi].ty = ty;
            }
        }
    }

    /// Pass 8: a derived type does not repeat what its bases have. CSDL has no
    /// redeclaring of inherited properties: where a derived type's page
    /// restates a base property with another type, the base's declaration
    /// stands (diagnosed).
    fn drop_inherited(&mut self) {
        for idx in 0..self.entries.len() {
            if self.entries[idx].base.is_none() {
                continue;
            }
            let mut inherited: HashMap<String, (TypeRef, Loc)> = HashMap::new();
            let mut seen = BTreeSet::from([idx]);
            let mut cur = self.entries[idx].base;
            while let Some(b) = cur {
                if !seen.insert(b) {
                    break;
                }
                for p in &self.entries[b].def.properties {
                    inherited
                        .entry(lower(&p.name))
                        .or_insert((p.ty.clone(), p.loc));
                }
                cur = self.entries[b].base;
            }
            let props = std::mem::take(&mut self.entries[idx].def.properties);
            let mut kept = Vec::with_capacity(props.len());
            for p in props {
                match inherited.get(&lower(&p.name)) {
                    Some((ty, _))
                        if p.inherited_from.is_some()
                            || (ty.name == p.ty.name
                                || matches!((&ty.name, &p.ty.name),
                                (TypeName::Named { name: a, .. }, TypeName::Named { name: b, .. })
                                    if a.eq_ignore_ascii_case(b)))
                                && ty.collection == p.ty.collection => {}
                    Some((ty, at)) => {
                        let q = self.qualified(idx);
                        let rel = self.related(*at, "the base type's property");
                        let message = format!(
                            "`{q}.{}` redeclares an inherited property as {} (the base has {ty}); the base's declaration is kept",
                            p.name, p.ty
                        );
                        self.diag(Code::PropertyTypeConflict, p.loc, message)
                            .related
                            .push(rel);
                    }
                    None => kept.push(p),
                }
            }
            self.entries[idx].def.properties = kept;
        }
    }

    /// Pass 7b: a navigation property documented as single-valued that the
    /// docs' request paths address by key from an entity instance
    /// (`/messages/{id}/replies/{reply-id}`) is a collection: only members of
    /// a collection have keys.
    fn keyed_navigations(&mut self, operations: &BTreeMap<String, PendingOp>) {
        let mut keyed: BTreeSet<String> = BTreeSet::new();
        for p in operations.values().flat_map(|o| &o.op.paths) {
            for w in p.segments.windows(3) {
                if let [Segment::Key(_), Segment::Literal(name), Segment::Key(_)] = w {
                    keyed.insert(lower(name));
                }
            }
        }
        for e in &mut self.entries {
            for p in &mut e.def.properties {
                if p.navigation && !p.ty.collection && keyed.contains(&lower(&p.name)) {
                    p.ty.collection = true;
                }
            }
        }
    }

    /// Pass 9: entity or complex, from how the docs use a type.
    ///
    /// - A type the parser read as an entity on weak evidence only (no base
    ///   type, no navigation properties, no Methods table linking to
    ///   operations) that other types use only as the type of structural
    ///   properties (never of a navigation property, never the body or
    ///   response of an operation) is a complex type: OData entities are
    ///   reached through navigation, complex values are embedded.
    /// - A type deriving from an entity is an entity, one deriving from a
    ///   complex type is complex (CSDL allows nothing else).
    fn decide_kinds(&mut self, operations: &BTreeMap<String, PendingOp>) {
        let n = self.entries.len();
        let mut structural = vec![false; n];
        let mut addressed = vec![false; n];
        let target = |ty: &TypeRef| match &ty.name {
            TypeName::Named { name, .. } => self.by_key.get(&lower(name)).copied(),
            _ => None,
        };
        for e in &self.entries {
            for p in &e.def.properties {
                if let Some(t) = target(&p.ty) {
                    if p.navigation {
                        addressed[t] = true;
                    } else {
                        structural[t] = true;
                    }
                }
            }
        }
        for o in operations.values() {
            let body = o.op.request_body.as_ref().and_then(|b| b.ty.as_ref());
            let resp = o.op.response.as_ref().and_then(|r| r.ty.as_ref());
            for ty in body.into_iter().chain(resp) {
                if let Some(t) = target(ty) {
                    addressed[t] = true;
                }
            }
        }
        for idx in 0..n {
            let e = &self.entries[idx];
            if e.def.kind != TypeKind::Entity
                || e.base.is_some()
                || !structural[idx]
                || addressed[idx]
            {
                continue;
            }
            let has_nav = e.def.properties.iter().any(|p| p.navigation);
            let has_methods = e
                .page
                .is_some_and(|p| self.pages[p].methods.iter().any(|m| m.link.is_some()));
            if has_nav || has_methods {
                continue;
            }
            let e = &mut self.entries[idx];
            e.def.kind = TypeKind::Complex;
            e.def.key = None;
        }
        // Derived types take the kind of their root.
        for idx in 0..n {
            if self.entries[idx].def.kind == TypeKind::Enum {
                continue;
            }
            let mut seen = BTreeSet::from([idx]);
            let mut root = idx;
            while let Some(b) = self.entries[root].base {
                if !seen.insert(b) {
                    break;
                }
                root = b;
            }
            let kind = self.entries[root].def.kind;
            if root != idx && kind != TypeKind::Enum && self.entries[idx].def.kind != kind {
                let e = &mut self.entries[idx];
                e.def.kind = kind;
                if kind == TypeKind::Complex {
                    e.def.key = None;
                }
            }
        }
    }

    // ----- operations --------------------------------------------------------

    /// Pass 6: operations, with ids made unique, bindings resolved, examples attached.
    fn operations(&mut self) -> BTreeMap<String, PendingOp> {
        // Which resource pages' Methods tables link to which pages.
        let mut linked_from: HashMap<usize, Vec<usize>> = HashMap::new();
        for pi in 0..self.pages.len() {
            let Some(&owner) = self.page_types[pi]
                .iter()
                .find(|&&t| self.entries[t].def.kind != TypeKind::Enum)
            else {
                continue;
            };
            for m in &self.pages[pi].methods {
                let Some(link) = &m.link else { continue };
                let (path, _) = links::split(link);
                if path.is_empty() {
                    continue;
                }
                if let Some(target) = self.link_page(&path, Some(pi)) {
                    let v = linked_from.entry(target).or_default();
                    if !v.contains(&owner) {
                        v.push(owner);
                    }
                }
            }
        }

        let nav_targets = self.property_targets();
        let spellings = self.segment_spellings();
        let mut collections = meaning::keyed_literals(
            self.pages
                .iter()
                .flat_map(|p| &p.operations)
                .flat_map(|o| &o.paths),
        );
        collections.extend(self.collection_properties());
        let mut out: BTreeMap<String, PendingOp> = BTreeMap::new();
        let mut first_loc: HashMap<String, Loc> = HashMap::new();
        // The lower-case form of each path literal, for its spelling.
        let mut lowered = String::new();
        for pi in 0..self.pages.len() {
            let page = self.pages[pi];
            let stem = links::stem(&lower(self.corpus.path(page.file)))
                .unwrap_or_default()
                .to_string();
            let single = page.operations.len() == 1;
            for (oi, op) in page.operations.iter().enumerate() {
                let mut op = op.clone();
                let base_id = if op.id.trim().is_empty() {
                    stem.clone()
                } else {
                    op.id.trim().to_string()
                };
                let mut id = base_id.clone();
                let mut n = 2;
                while out.contains_key(&id) {
                    id = format!("{base_id}-{n}");
                    n += 1;
                }
                if id != base_id {
                    let rel = self.related(first_loc[&base_id], "first used here");
                    self.diag(
                        Code::DuplicateOperationId,
                        op.loc,
                        format!("operation id `{base_id}` is taken; this one is `{id}`"),
                    )
                    .related
                    .push(rel);
                }
                first_loc.entry(base_id).or_insert(op.loc);
                op.id = id.clone();
                for p in &mut op.paths {
                    p.respell(|l| spellings.get(lower_into(&mut lowered, l)).cloned());
                }
                let binding = self
                    .complete_operation(&mut op, pi, &stem, linked_from.get(&pi), &nav_targets)
                    .map(|t| {
                        let collection = op
                            .paths
                            .first()
                            .is_some_and(|p| meaning::bound_to_collection(p, &collections))
                            || self.titled_collection(op.binding_type.as_deref(), t);
                        (t, collection)
                    });
                let named_by_id = id
                    .strip_suffix("-update")
                    .and_then(|n| self.resolve_name(n, Some(pi)));
                let examples = page
                    .examples
                    .iter()
                    .enumerate()
                    .filter(|(_, e)| match e.operation {
                        Some(i) => i == oi,
                        None => single,
                    })
                    .map(|(ei, _)| (self.corpus_index[pi], ei))
                    .collect();
                out.insert(
                    id,
                    PendingOp {
                        op,
                        binding,
                        named_by_id,
                        workload: page.meta.workload.clone(),
                        examples,
                    },
                );
            }
        }
        out
    }

    /// Completes an operation's facts (action name, references resolved) and
    /// returns its binding type.
    fn complete_operation(
        &mut self,
        op: &mut Operation,
        pi: usize,
        stem: &str,
        linked_from: Option<&Vec<usize>>,
        nav_targets: &HashMap<String, BTreeSet<usize>>,
    ) -> Option<usize> {
        let from = Some(pi);
        let callable = matches!(op.kind, OperationKind::Action | OperationKind::Function);
        if callable && op.action_name.is_none() {
            op.action_name = op.paths.first().and_then(action_from_path);
        }
        // The binding type.
        let binding = match op.binding_type.clone() {
            Some(written) => match self.resolve_binding(&written, from, linked_from) {
                Some(t) => Some(t),
                None => {
                    self.diag(
                        Code::UnresolvedType,
                        op.loc,
                        format!(
                            "binding type `{written}` of `{}` names no known type",
                            op.id
                        ),
                    );
                    None
                }
            },
            None if callable => {
                let by_path = op.paths.first().and_then(bound_segment).and_then(|seg| {
                    match nav_targets.get(&lower(seg)) {
                        Some(ts) if ts.len() == 1 => ts.first().copied(),
                        _ => None,
                    }
                });
                let by_stem = stem
                    .split('-')
                    .next()
                    .and_then(|s| self.resolve_name(s, from))
                    .filter(|&t| self.entries[t].def.kind != TypeKind::Enum);
                let by_methods = linked_from.and_then(|v| v.first().copied());
                // The path's type, unless the page's name or a Methods table
                // names a type deriving from it (an action of a derived type
                // is posted to the base collection:
                // `managedAppPolicies/{id}/assign`).
                let named = by_stem.or(by_methods);
                match (by_path, named) {
                    (Some(p), Some(n)) if self.derives_from(n, p) => Some(n),
                    (p, n) => p.or(n),
                }
            }
            None => None,
        };

        let owner = op
            .action_name
            .clone()
            .unwrap_or_else(|| op.id.replace('-', ""));
        let ns = self.page_namespace(from).to_string();
        let op_id = op.id.clone();
        if let Some(body) = &mut op.request_body {
            if let Some(ty) = &body.ty {
                body.ty =
                    Some(self.resolve_ref(ty, from, body.loc, &format!("the body of `{op_id}`")));
            }
            for p in &mut body.properties {
                if callable && let Some(ty) = self.inline_enum(p, &owner, &ns, from) {
                    p.ty = ty;
                }
                if p.ty.name == TypeName::InlineEnum {
                    // A create/update table's inline enum is the type's: same name.
                    let target = body
                        .ty
                        .as_ref()
                        .and_then(|t| match &t.name {
                            TypeName::Named { name, .. } => Some(name.clone()),
                            _ => None,
                        })
                        .and_then(|q| self.by_key.get(&lower(&q)).copied());
                    if let Some(t) = target
                        && let Some(tp) = self.entries[t]
                            .def
                            .properties
                            .iter()
                            .find(|x| x.name.eq_ignore_ascii_case(&p.name))
                        && matches!(tp.ty.name, TypeName::Named { .. })
                    {
                        p.ty = tp.ty.clone();
                        continue;
                    }
                    let owner_t =
                        target.map_or(owner.clone(), |t| self.entries[t].def.name.clone());
                    if let Some(ty) = self.inline_enum(p, &owner_t, &ns, from) {
                        p.ty = ty;
                    }
                } else if !callable {
                    let _ = self.inline_enum(p, &owner, &ns, from);
                }
                let what = format!("`{op_id}` parameter `{}`", p.name);
                p.ty = self.resolve_ref(&p.ty, from, p.loc, &what);
            }
        }
        if let Some(resp) = &mut op.response
            && let Some(ty) = &resp.ty
        {
            resp.ty =
                Some(self.resolve_ref(ty, from, resp.loc, &format!("the response of `{op_id}`")));
        }
        for p in op
            .path_parameters
            .iter_mut()
            .chain(op.query_parameters.iter_mut())
        {
            if let Some(ty) = &p.ty {
                let what = format!("`{op_id}` parameter `{}`", p.name);
                p.ty = Some(self.resolve_ref(ty, from, p.loc, &what));
            }
        }
        binding
    }

    /// The names (lower case) of properties that hold collections wherever a
    /// type has a property of that name: a path segment so named addresses a
    /// collection (`/me/calendarView/delta`).
    fn collection_properties(&self) -> BTreeSet<String> {
        let mut single = BTreeSet::new();
        let mut many = BTreeSet::new();
        for p in self.entries.iter().flat_map(|e| {
            e.def
                .properties
                .iter()
                .chain(e.extra.iter().map(|c| &c.prop))
        }) {
            if p.ty.collection {
                many.insert(lower(&p.name));
            } else {
                single.insert(lower(&p.name));
            }
        }
        many.retain(|n| !single.contains(n));
        many
    }

    /// Whether a title binds to a collection by name: `WorksheetCollection:
    /// add` binds to the collection of `workbookWorksheet`.
    fn titled_collection(&self, written: Option<&str>, bound: usize) -> bool {
        let Some(written) = written else {
            return false;
        };
        let suffix = "collection";
        lower(clean_name(written)).ends_with(suffix)
            && !lower(&self.entries[bound].def.name).ends_with(suffix)
    }

    /// How the model spells each path segment, by its lower-case form: as a
    /// property of that name spells it (navigation properties first), else as
    /// most of the version's templates do (then the first in sorted order).
    /// Graph's URLs are case-insensitive; the docs' spellings vary
    /// (`/directoryRoles`, `/directoryroles`).
    fn segment_spellings(&self) -> HashMap<String, String> {
        // Lower-case forms go through one buffer: a new one is kept only
        // when it is first seen.
        let mut key = String::new();
        let mut counts: HashMap<String, BTreeMap<&str, usize>> = HashMap::new();
        for page in &self.pages {
            for p in page.operations.iter().flat_map(|o| &o.paths) {
                for seg in &p.segments {
                    if let Segment::Literal(l) = seg {
                        match counts.get_mut(lower_into(&mut key, l)) {
                            Some(spellings) => *spellings.entry(l).or_default() += 1,
                            None => {
                                counts.insert(key.clone(), BTreeMap::from([(l.as_str(), 1)]));
                            }
                        }
                    }
                }
            }
        }
        counts.retain(|_, spellings| spellings.len() > 1);
        let mut by_property: HashMap<String, (bool, String)> = HashMap::new();
        for e in &self.entries {
            for p in &e.def.properties {
                if !counts.contains_key(lower_into(&mut key, &p.name)) {
                    continue;
                }
                let better = match by_property.get(key.as_str()) {
                    None => true,
                    Some((nav, name)) => {
                        (p.navigation, std::cmp::Reverse(&p.name)) > (*nav, std::cmp::Reverse(name))
                    }
                };
                if better {
                    by_property.insert(key.clone(), (p.navigation, p.name.clone()));
                }
            }
        }
        counts
            .into_iter()
            .map(|(key, spellings)| {
                let spelled = match by_property.remove(&key) {
                    Some((_, name)) => name,
                    None => spellings
                        .into_iter()
                        .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(a.0)))
                        .map(|(s, _)| s.to_owned())
                        .unwrap_or_default(),
                };
                (key, spelled)
            })
            .collect()
    }

    /// Whether `t` is `base` or derives from it.
    fn derives_from(&self, t: usize, base: usize) -> bool {
        let mut seen = BTreeSet::new();
        let mut cur = Some(t);
        while let Some(c) = cur {
            if c == base {
                return true;
            }
            if !seen.insert(c) {
                break;
            }
            cur = self.entries[c].base;
        }
        false
    }

    /// For each property name (lower case), the structured types that
    /// properties of that name hold.
    fn property_targets(&self) -> HashMap<String, BTreeSet<usize>> {
        let mut out: HashMap<String, BTreeSet<usize>> = HashMap::new();
        for e in &self.entries {
            for p in &e.def.properties {
                let TypeName::Named { name, link } = &p.ty.name else {
                    continue;
                };
                let from = self.page_of(p.loc).or(e.page);
                if let Some(t) = self.resolve(name, link.as_deref(), from)
                    && self.entries[t].def.kind != TypeKind::Enum
                {
                    out.entry(lower(&p.name)).or_default().insert(t);
                }
            }
        }
        out
    }

    /// The main (non-enum) type of the page with this file stem, if any.
    fn type_of_stem(&self, stem: &str) -> Option<usize> {
        let pages = self.pages_by_stem.get(&lower(stem))?;
        pages.iter().find_map(|&p| {
            self.page_types[p]
                .iter()
                .copied()
                .find(|&t| self.entries[t].def.kind != TypeKind::Enum)
        })
    }

    /// Resolves the binding type a title names (`user`, `Range`,
    /// `ChartCollection`): a type whose Methods table links to the page and
    /// whose name ends with the written name (`workbookTableColumn` for
    /// `TableColumn`) or whose page stem is the written name; else the name itself;
    /// else the type of the page with that stem; each also with a
    /// `Collection` suffix or a plural `s` removed.
    fn resolve_binding(
        &self,
        written: &str,
        from: Option<usize>,
        linked_from: Option<&Vec<usize>>,
    ) -> Option<usize> {
        let written = clean_name(written);
        let candidates = linked_from.map(Vec::as_slice).unwrap_or_default();
        let structured = |t: &usize| self.entries[*t].def.kind != TypeKind::Enum;
        let mut spellings = vec![written.to_string()];
        let base = written
            .strip_suffix("Collection")
            .or_else(|| written.strip_suffix("collection"))
            .unwrap_or(written);
        spellings.push(base.to_string());
        if let Some(singular) = base.strip_suffix('s') {
            spellings.push(singular.to_string());
        }
        spellings.dedup();
        for s in &spellings {
            let simple = lower(split_qualified(s).1);
            if let Some(&t) = candidates.iter().find(|&&t| {
                ends_with_ignore_case(&self.entries[t].def.name, &simple)
                    || self.entries[t].page.is_some_and(|p| {
                        links::stem(&lower(self.corpus.path(self.pages[p].file)))
                            == Some(simple.as_str())
                    })
            }) {
                return Some(t);
            }
        }
        for s in &spellings {
            if let Some(t) = self.resolve_name(s, from).filter(structured) {
                return Some(t);
            }
            if let Some(t) = self.type_of_stem(split_qualified(s).1) {
                return Some(t);
            }
        }
        None
    }

    // ----- output --------------------------------------------------------------

    /// The model: entries become the arena (sorted by qualified name, so ids
    /// are stable), references become ids, and each operation gets its
    /// meaning ([`meaning`]).
    fn finish(mut self, operations: BTreeMap<String, PendingOp>) -> (ApiModel, ExampleOrigins) {
        let quals: Vec<String> = (0..self.entries.len()).map(|i| self.qualified(i)).collect();
        let mut order: Vec<usize> = (0..self.entries.len()).collect();
        order.sort_by(|&a, &b| {
            lower(&quals[a])
                .cmp(&lower(&quals[b]))
                .then_with(|| quals[a].cmp(&quals[b]))
        });
        let mut id_of = vec![TypeId(0); order.len()];
        for (new, &old) in order.iter().enumerate() {
            id_of[old] = TypeId(new as u32);
        }
        let by_key = std::mem::take(&mut self.by_key);
        let to_use = |ty: TypeRef| -> TypeUse {
            let target = match ty.name {
                TypeName::Primitive(p) => Target::Primitive(p),
                TypeName::Named { name, .. } => match by_key.get(&lower(&name)) {
                    Some(&idx) => Target::Type(id_of[idx]),
                    None => Target::Unresolved(name),
                },
                TypeName::InlineEnum => Target::InlineEnum,
                TypeName::Unknown(raw) => Target::Unresolved(raw),
            };
            TypeUse {
                target,
                collection: ty.collection,
            }
        };

        let mut slots: Vec<Option<Entry>> = std::mem::take(&mut self.entries)
            .into_iter()
            .map(Some)
            .collect();
        let mut types = Vec::with_capacity(order.len());
        for &old in &order {
            let e = slots[old].take().expect("each entry once");
            let mut def = e.def;
            if def.kind == TypeKind::Entity
                && e.origin == Origin::Body
                && e.base.is_none()
                && def.key.is_none()
                && def.properties.iter().any(|p| p.name == "id")
            {
                def.key = Some("id".to_string());
            }
            types.push(ModelType {
                id: id_of[old],
                qualified: quals[old].clone(),
                kind: def.kind,
                description: def.description,
                base: e.base.map(|b| id_of[b]),
                derived: Vec::new(),
                key: def.key,
                open_type: def.open_type,
                properties: def
                    .properties
                    .into_iter()
                    .map(|p| p.map_type(&mut |t| to_use(t)))
                    .collect(),
                members: def.members,
                is_flags: def.is_flags,
                loc: def.loc,
                workload: e.workload,
                sources: e.sources,
            });
        }

        let mut model = ApiModel::new(self.version);
        model.files = self.corpus.files.clone();
        let mut origins = ExampleOrigins::new();
        model.operations = operations
            .into_iter()
            .map(|(id, p)| {
                if !p.examples.is_empty() {
                    origins.push((id.clone(), p.examples));
                }
                let op = p.op.map_types(&to_use);
                let binding = p.binding.map(|(t, collection)| Binding {
                    ty: id_of[t],
                    collection,
                });
                let target = meaning::update_target(
                    &op,
                    binding.map(|b| b.ty),
                    p.named_by_id.map(|t| id_of[t]),
                    &types,
                );
                let request = meaning::request_shape(&op, target, &types);
                let response = meaning::response_shape(&op, &types);
                let m = ModelOperation {
                    op,
                    binding,
                    request,
                    response,
                    workload: p.workload,
                    examples: Vec::new(),
                };
                (id, m)
            })
            .collect();
        model.set_types(types);
        self.diags.sort();
        self.diags.dedup();
        model.diagnostics = self.diags;
        (model, origins)
    }
}

/// A body table row describing the items of a collection property ("For
/// each property in the **X** collection, ..."), not the body's type.
fn describes_items(p: &Property) -> bool {
    p.description.as_deref().is_some_and(|d| {
        let d = lower(d);
        d.contains("for each") && d.contains("collection")
    })
}

fn kind_word(kind: TypeKind) -> &'static str {
    match kind {
        TypeKind::Entity => "an entity type",
        TypeKind::Complex => "a complex type",
        TypeKind::Enum => "an enum",
    }
}

/// The segment naming what an operation at the end of a path is bound to:
/// the navigation before it, or before its key
/// (`/directory/deletedItems/{id}/restore` -> `deletedItems`,
/// `/workbook/tables/add` -> `tables`). `None` for a path of one or two
/// segments (bound to an entity set or singleton) or a cast.
fn bound_segment(template: &PathTemplate) -> Option<&str> {
    let segs = &template.segments;
    let [.., before, _op] = segs.as_slice() else {
        return None;
    };
    let at = if matches!(before, Segment::Key(_)) {
        segs.len().checked_sub(3)?
    } else {
        segs.len() - 2
    };
    if at == 0 {
        return None;
    }
    match &segs[at] {
        Segment::Literal(seg) if seg.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') => {
            Some(seg)
        }
        _ => None,
    }
}

/// The action or function name at the end of a path:
/// `/users/{id}/microsoft.graph.assignLicense` -> `assignLicense`,
/// `/me/drive/root/delta(token='{token}')` -> `delta`.
fn action_from_path(template: &PathTemplate) -> Option<String> {
    let last = template.last_name()?;
    let ok = !last.is_empty() && last.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    ok.then(|| last.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn action_names_from_paths() {
        let t = |s: &str| PathTemplate::parse(s, Loc::default());
        assert_eq!(
            action_from_path(&t("/users/{id}/microsoft.graph.assignLicense")).as_deref(),
            Some("assignLicense")
        );
        assert_eq!(
            action_from_path(&t("/me/drive/root/delta(token='{token}')")).as_deref(),
            Some("delta")
        );
        assert_eq!(action_from_path(&t("/users/{id}")), None);
        assert_eq!(
            bound_segment(&t("/directory/deletedItems/{id}/restore")),
            Some("deletedItems")
        );
        assert_eq!(bound_segment(&t("/users/delta")), None);
    }

    #[test]
    fn names_are_cleaned_and_split() {
        assert_eq!(clean_name(" `user` "), "user");
        assert_eq!(
            split_qualified("microsoft.graph.callRecords.callRecord"),
            (Some("microsoft.graph.callRecords"), "callRecord")
        );
        assert_eq!(split_qualified("user"), (None, "user"));
        assert_eq!(upper_first("status"), "Status");
    }
}

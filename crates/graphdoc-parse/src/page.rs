//! The semantic pass: walks the blocks of one page with a section state
//! machine (sections are known by their headings) and builds the IR page.

use graphdoc_ir::{
    Annotation, ApiVersion, Code, DerivedType, DocType, EnumMember, Example, ExampleRequest,
    ExampleResponse, FileId, Header, HttpMethod, Loc, MethodLink, Operation, OperationKind, Page,
    PageMeta, Parameter, PathTemplate, Permission, Primitive, Property, RequestBody, ResponseSpec,
    Segment, TypeDef, TypeKind, TypeName, TypeRef,
};

use crate::blocks::{self, Block, Inline, Row, clean_name};
use crate::frontmatter;
use crate::http;
use crate::text::{LineIndex, Sink, contains_ci, squash_ws};
use crate::types;

/// Sections of a page, known by their headings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sec {
    Preamble,
    Permissions,
    HttpRequest,
    RequestHeaders,
    PathParams,
    QueryParams,
    RequestBody,
    Response,
    Examples,
    Properties,
    Relationships,
    Methods,
    DerivedTypes,
    Members,
    /// An "X values" section: the index of its enum in `Walk::enums`.
    EnumValues(usize),
    Other,
}

fn classify(lower: &str) -> Option<Sec> {
    Some(match lower {
        l if l.starts_with("permission") || l == "prerequisites" => Sec::Permissions,
        l if l.starts_with("http request") => Sec::HttpRequest,
        "request headers"
        | "request header"
        | "optional request headers"
        | "optional request header"
        | "request headers (optional)" => Sec::RequestHeaders,
        "path parameters" | "path parameter" => Sec::PathParams,
        l if l.ends_with("query parameters") || l.ends_with("query parameter") => Sec::QueryParams,
        "function parameters" | "parameters" | "query string parameters" => Sec::QueryParams,
        "request body" => Sec::RequestBody,
        "response" | "responses" | "response body" => Sec::Response,
        l if l.starts_with("example") => Sec::Examples,
        "properties" => Sec::Properties,
        l if l.ends_with(" properties") && l.split_whitespace().count() == 2 => Sec::Properties,
        "relationships" | "relationship" => Sec::Relationships,
        "methods" => Sec::Methods,
        "derived types" => Sec::DerivedTypes,
        "members" | "enum members" => Sec::Members,
        _ => return None,
    })
}

/// `callType values`, `ageGroup enum values`, `containerType property values`.
fn enum_heading(text: &str) -> Option<&str> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let ok = match words.as_slice() {
        [_, v] => v.eq_ignore_ascii_case("values"),
        [_, m, v] => {
            v.eq_ignore_ascii_case("values")
                && (m.eq_ignore_ascii_case("enum") || m.eq_ignore_ascii_case("property"))
        }
        _ => false,
    };
    let name = words.first()?.trim_matches('`');
    (ok && types::is_type_ident(name)).then_some(name)
}

/// The page says its example responses do not show everything: "might be
/// shortened for readability", "truncated for brevity".
fn says_shortened(text: &str) -> bool {
    ["shortened", "truncated", "for brevity"]
        .iter()
        .any(|w| contains_ci(text, w))
}

fn is_http_info(info: &str) -> bool {
    info.is_empty()
        || info.eq_ignore_ascii_case("http")
        || info.eq_ignore_ascii_case("msgraph-interactive")
}

/// "Required" as a word: capitalized, or in parentheses.
fn says_required(text: &str) -> bool {
    static EQUIRED: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new("equired"));
    let b = text.as_bytes();
    for i in EQUIRED.find_iter(b) {
        if i == 0 {
            continue;
        }
        let prev = b[i - 1];
        let before = if i >= 2 { b[i - 2] } else { b' ' };
        let after = b.get(i + 7).copied().unwrap_or(b' ');
        if after.is_ascii_alphanumeric() {
            continue;
        }
        if prev == b'R' && !before.is_ascii_alphabetic() {
            // Not "Not Required".
            let lead = &text[..i - 1];
            if lead.trim_end().to_ascii_lowercase().ends_with("not") {
                continue;
            }
            return true;
        }
        if prev == b'r' && before == b'(' {
            return true;
        }
    }
    false
}

struct ExItem {
    req: Option<ExampleRequest>,
    resp: Option<ExampleResponse>,
    name: Option<String>,
    /// Requests and responses pair only within one "Example N" subsection.
    scope: u32,
}

struct Walk<'a, 's> {
    idx: &'a LineIndex<'a>,
    sink: &'a mut Sink<'s>,
    file: FileId,
    title: Option<(String, usize)>,
    namespace: Option<String>,
    description: Option<String>,
    base_from_text: Option<String>,
    sec: Sec,
    sec_level: u8,
    pending: Option<Annotation>,
    /// The first resource annotation came last: the next code block is the
    /// JSON representation.
    pending_resource: bool,
    seen_http: bool,
    seen_permissions: bool,
    seen_response: bool,
    seen_properties: bool,
    templates: Vec<(HttpMethod, PathTemplate)>,
    fallback_templates: Vec<(HttpMethod, PathTemplate)>,
    headers: Vec<Header>,
    path_params: Vec<Parameter>,
    query_params: Vec<Parameter>,
    odata: Vec<String>,
    body: Option<RequestBody>,
    response: Option<ResponseSpec>,
    response_collection: bool,
    /// The Response section calls the operation a function.
    says_function: bool,
    /// The Examples or Response prose says responses are shortened.
    prose_shortened: bool,
    permissions: Vec<Permission>,
    props: Vec<Property>,
    rels: Vec<Property>,
    resource_ann: Option<Annotation>,
    /// The JSON representation block (text, content offset), kept when no
    /// property table came before it.
    resource_json: Option<(String, usize)>,
    /// The Properties section says the type inherits all its properties, or
    /// the page calls the type open (its JSON shows dynamic properties).
    props_all_inherited: bool,
    /// The prose says the type is an open type (properties beyond its table).
    says_open: bool,
    methods: Vec<MethodLink>,
    derived: Vec<DerivedType>,
    enums: Vec<(TypeDef, bool)>,
    members_enum: Option<usize>,
    examples: Vec<ExItem>,
    /// Indexes into `examples` of the requests still without a response, in
    /// page order, so pairing a response does not rescan every example (a
    /// page of many unpaired responses was quadratic).
    open_requests: Vec<usize>,
    example_scope: u32,
}

/// How many of the latest unpaired requests a response's name is matched
/// against. Real pages have a few; the bound keeps hostile ones linear.
const NAME_PAIRING_WINDOW: usize = 64;

/// Builds the page from decoded text.
pub(crate) fn build(path: &str, file: FileId, text: &str, sink: &mut Sink<'_>) -> Page {
    let idx = LineIndex::new(text, file);
    let blocks = blocks::collect(text, &idx, sink);

    // Front matter.
    let mut meta = PageMeta::default();
    match &blocks.front_matter {
        Some((fm, off)) => {
            meta.front_matter = frontmatter::read(fm, *off, &idx, sink);
            meta.doc_type = Some(match meta.front_matter.get("doc_type") {
                Some(raw) => {
                    let (dt, odd) = frontmatter::doc_type(raw);
                    if odd {
                        let line = fm
                            .lines()
                            .position(|l| l.trim_start().starts_with("doc_type"))
                            .map_or(idx.line(*off), |n| idx.line(*off) + 1 + n as u32);
                        sink.at(
                            Code::FrontMatter,
                            Loc::new(file, line, 1),
                            format!("doc_type `{raw}` is misspelled; read as {dt:?}"),
                        );
                    }
                    dt
                }
                None => DocType::Missing,
            });
            meta.workload = frontmatter::workload(&meta.front_matter);
        }
        None => {
            let msg = if text.starts_with("---") {
                "front matter is not closed by a `---` line"
            } else {
                "page has no front matter"
            };
            sink.at(Code::FrontMatter, Loc::new(file, 1, 1), msg);
        }
    }

    let mut w = Walk {
        idx: &idx,
        sink,
        file,
        title: None,
        namespace: None,
        description: None,
        base_from_text: None,
        sec: Sec::Preamble,
        sec_level: 1,
        pending: None,
        pending_resource: false,
        seen_http: false,
        seen_permissions: false,
        seen_response: false,
        seen_properties: false,
        templates: Vec::new(),
        fallback_templates: Vec::new(),
        headers: Vec::new(),
        path_params: Vec::new(),
        query_params: Vec::new(),
        odata: Vec::new(),
        body: None,
        response: None,
        response_collection: false,
        says_function: false,
        prose_shortened: false,
        permissions: Vec::new(),
        props: Vec::new(),
        rels: Vec::new(),
        resource_ann: None,
        resource_json: None,
        props_all_inherited: false,
        says_open: false,
        methods: Vec::new(),
        derived: Vec::new(),
        enums: Vec::new(),
        members_enum: None,
        examples: Vec::new(),
        open_requests: Vec::new(),
        example_scope: 0,
    };
    for block in blocks.blocks {
        w.block(block);
    }
    w.finish(path, meta)
}

impl<'a, 's> Walk<'a, 's> {
    fn loc(&self, off: usize) -> Loc {
        self.idx.loc(off)
    }

    fn block(&mut self, block: Block<'_>) {
        match block {
            Block::Heading { level, inl, off } => self.heading(level, &inl, off),
            Block::Para { inl, quoted, off } => self.para(&inl, quoted, off),
            Block::Table { header, rows, off } => {
                self.table(&header, rows, off);
            }
            Block::Code {
                info,
                text,
                off,
                content_off,
            } => {
                let ann = self.pending.take();
                if std::mem::take(&mut self.pending_resource) {
                    self.resource_json(&text, content_off);
                    return;
                }
                self.code(&info, &text, off, content_off, ann);
            }
            Block::Annotation(a) => {
                if a.block_type() == Some("resource") && self.resource_ann.is_none() {
                    // The first resource annotation is the type's; the code
                    // block after it is the JSON representation.
                    self.resource_ann = Some(a);
                    self.pending = None;
                    self.pending_resource = true;
                } else if a.block_type().is_some() {
                    self.pending = Some(a);
                    self.pending_resource = false;
                }
            }
        }
    }

    fn heading(&mut self, level: u8, inl: &Inline, off: usize) {
        // Tab headings of the examples (`# [HTTP](#tab/http)`) are not structure.
        if inl.links.iter().any(|l| l.dest.starts_with("#tab/")) {
            return;
        }
        self.pending = None;
        self.pending_resource = false;
        let text = squash_ws(inl.trimmed());
        if level == 1 && self.title.is_none() {
            self.title = Some((text.into_owned(), off));
            self.sec = Sec::Preamble;
            self.sec_level = 1;
            return;
        }
        if self.sec == Sec::Examples && level > self.sec_level {
            // `### Example 2: ...` starts a new pairing scope (but not
            // `### Example response`).
            if text.len() >= 7 && text.as_bytes()[..7].eq_ignore_ascii_case(b"example") {
                let rest = text[7..]
                    .trim_start_matches(['s', 'S'])
                    .trim_start_matches([':', ' ']);
                let word = rest
                    .split_whitespace()
                    .next()
                    .unwrap_or("")
                    .to_ascii_lowercase();
                if !matches!(
                    word.as_str(),
                    "request" | "response" | "requests" | "responses" | "of"
                ) {
                    self.example_scope += 1;
                }
            }
            return;
        }
        let text = text.trim_end_matches(':').trim();
        if let Some(name) = enum_heading(text) {
            let def = TypeDef {
                name: name.to_string(),
                namespace: None,
                kind: TypeKind::Enum,
                description: None,
                base_type: None,
                base_in_text: None,
                key: None,
                open_type: false,
                properties: Vec::new(),
                members: Vec::new(),
                is_flags: false,
                loc: self.loc(off),
            };
            self.enums.push((def, false));
            self.sec = Sec::EnumValues(self.enums.len() - 1);
            self.sec_level = level;
            return;
        }
        let lower = text.to_ascii_lowercase();
        let sec = classify(&lower).unwrap_or(Sec::Other);
        match sec {
            Sec::HttpRequest => self.seen_http = true,
            Sec::Permissions => self.seen_permissions = true,
            Sec::Response => {
                self.seen_response = true;
                if self.response.is_none() {
                    self.response = Some(ResponseSpec {
                        status: None,
                        ty: None,
                        loc: self.loc(off),
                    });
                }
            }
            Sec::Properties | Sec::Relationships => self.seen_properties = true,
            Sec::RequestBody if self.body.is_none() => {
                self.body = Some(RequestBody {
                    ty: None,
                    properties: Vec::new(),
                    none: false,
                    loc: self.loc(off),
                });
            }
            _ => {}
        }
        self.sec = sec;
        self.sec_level = level;
    }

    fn para(&mut self, inl: &Inline, quoted: bool, off: usize) {
        let text = inl.trimmed();
        match self.sec {
            Sec::Preamble => {
                if self.base_from_text.is_none()
                    && let Some(b) = types::inherits_from(inl)
                {
                    self.base_from_text = Some(b);
                }
                for (name, link) in types::derived_types_listed(inl) {
                    let loc = self.loc(off);
                    self.derived.push(DerivedType { name, link, loc });
                }
                if quoted || self.title.is_none() {
                    return;
                }
                if contains_ci(text, "open type") {
                    self.props_all_inherited = true;
                    self.says_open = true;
                }
                let mut desc = text;
                if desc
                    .as_bytes()
                    .get(..10)
                    .is_some_and(|b| b.eq_ignore_ascii_case(b"namespace:"))
                {
                    let rest = desc[10..].trim_start();
                    let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
                    let ns = rest[..end].trim_matches(['`', '*', '.']);
                    if self.namespace.is_none() && !ns.is_empty() {
                        self.namespace = Some(ns.to_string());
                    }
                    desc = rest[end..].trim();
                }
                if self.description.is_none() && !desc.is_empty() && !desc.starts_with("[!") {
                    self.description = Some(desc.to_string());
                }
            }
            Sec::RequestBody => {
                let Some(body) = self.body.as_mut() else {
                    return;
                };
                let lower = text.to_ascii_lowercase();
                if lower.contains("not supply a request body")
                    || lower.contains("don't supply a request body")
                    || lower.contains("no request body")
                    || lower.contains("not supply a body")
                    || lower.contains("does not require a request body")
                    || lower.contains("doesn't require a request body")
                {
                    body.none = true;
                }
                if body.ty.is_none()
                    && (lower.contains("representation") || lower.contains("supply"))
                    && let Some(link) = inl.links.iter().find(|l| names_a_type(inl, l))
                {
                    let name = alternatives_from(inl, link);
                    if !name.is_empty() {
                        body.ty = Some(TypeRef::single(TypeName::Named {
                            name,
                            link: Some(link.dest.to_string()),
                        }));
                    }
                }
            }
            Sec::Response => {
                if contains_ci(text, "this function") {
                    self.says_function = true;
                }
                self.prose_shortened |= says_shortened(text);
                self.response_para(inl);
            }
            Sec::Examples => self.prose_shortened |= says_shortened(text),
            Sec::QueryParams => {
                for opt in odata_options(text) {
                    if !self.odata.contains(&opt) {
                        self.odata.push(opt);
                    }
                }
            }
            Sec::Properties
                if contains_ci(text, "inherits all") || contains_ci(text, "open type") =>
            {
                self.says_open |= contains_ci(text, "open type");
                self.props_all_inherited = true
            }
            Sec::EnumValues(i) if contains_ci(text, "flag") => self.enums[i].1 = true,
            Sec::Members if contains_ci(text, "flag") => self.members_flag_hint(),
            _ => {}
        }
    }

    fn members_flag_hint(&mut self) {
        if let Some(i) = self.members_enum {
            self.enums[i].1 = true;
        }
    }

    fn response_para(&mut self, inl: &Inline) {
        let Some(resp) = self.response.as_mut() else {
            return;
        };
        if resp.status.is_some() {
            return;
        }
        let text = &inl.text;
        let status = inl
            .codes
            .iter()
            .find_map(|r| leading_status(inl.code(r)))
            .or_else(|| find_status(text));
        let Some(status) = status else {
            return;
        };
        resp.status = Some(status);
        if let Some(link) = inl.links.iter().find(|l| names_a_type(inl, l)) {
            let raw = inl.link_text(link);
            let name = alternatives_from(inl, link);
            let before = text[..link.text.start].to_ascii_lowercase();
            let before = before.trim_end();
            let after = text.get(link.text.end..).unwrap_or("");
            let after = after.trim_start().to_ascii_lowercase();
            let mut words = after.split_whitespace();
            let w1 = words.next().unwrap_or("");
            let w2 = words.next().unwrap_or("");
            let collection = before.ends_with("collection of")
                || before.ends_with("collection of the")
                || before.ends_with("list of")
                || before.ends_with("array of")
                || w1.starts_with("collection")
                || (matches!(
                    w1,
                    "object" | "objects" | "resource" | "resources" | "entity" | "entities"
                ) && w2.starts_with("collection"))
                || raw.to_ascii_lowercase().ends_with(" collection");
            if !name.is_empty() {
                let ty = match types::parse_type_text(&name) {
                    Some(TypeRef {
                        name: TypeName::Primitive(p),
                        ..
                    }) => TypeName::Primitive(p),
                    _ => TypeName::Named {
                        name,
                        link: Some(link.dest.to_string()),
                    },
                };
                resp.ty = Some(TypeRef {
                    name: ty,
                    collection,
                });
                self.response_collection = collection;
            }
        } else if let Some(ty) = primitive_in_body(text) {
            // "... and a String collection in the response body."
            self.response_collection = ty.collection;
            resp.ty = Some(ty);
        }
    }

    fn table(&mut self, header: &[Inline], rows: Vec<Row<'_>>, off: usize) {
        match self.sec {
            Sec::Permissions => {
                for row in &rows {
                    let Some(kind) = row.cells.first().map(Inline::name) else {
                        continue;
                    };
                    if kind.is_empty() {
                        continue;
                    }
                    let scopes = row
                        .cells
                        .get(1)
                        .map(|c| scopes(c.trimmed()))
                        .unwrap_or_default();
                    self.permissions.push(Permission {
                        kind,
                        scopes,
                        loc: self.loc(row.off),
                    });
                }
            }
            Sec::RequestHeaders => {
                for mut row in rows {
                    let name = row.cells.first().map(Inline::name).unwrap_or_default();
                    if name.is_empty() {
                        continue;
                    }
                    let desc = if row.cells.len() > 1 {
                        row.cells.pop().and_then(Inline::into_description)
                    } else {
                        None
                    };
                    let required = desc.as_deref().is_some_and(says_required);
                    self.headers.push(Header {
                        name,
                        description: desc,
                        required,
                        loc: self.loc(row.off),
                    });
                }
            }
            Sec::PathParams | Sec::QueryParams => {
                let params = self.params(header, rows);
                if self.sec == Sec::PathParams {
                    self.path_params.extend(params);
                } else {
                    self.query_params.extend(params);
                }
            }
            Sec::RequestBody => {
                let props = self.props(header, rows, false);
                if let Some(body) = self.body.as_mut() {
                    body.properties.extend(props);
                }
            }
            Sec::Properties => {
                let props = self.props(header, rows, false);
                self.props.extend(props);
            }
            Sec::Relationships => {
                let props = self.props(header, rows, true);
                self.rels.extend(props);
            }
            Sec::Methods => self.method_rows(header, rows),
            Sec::DerivedTypes => {
                for row in &rows {
                    let Some(first) = row.cells.first() else {
                        continue;
                    };
                    let link = first.links.first();
                    let name = match link {
                        Some(l) => clean_name(first.link_text(l)),
                        None => first.name(),
                    };
                    if types::is_type_ident(&name) {
                        self.derived.push(DerivedType {
                            name,
                            link: link.map(|l| l.dest.to_string()),
                            loc: self.loc(row.off),
                        });
                    }
                }
            }
            Sec::EnumValues(i) => {
                let members = self.members(header, rows);
                self.enums[i].0.members.extend(members);
            }
            Sec::Members => {
                let i = match self.members_enum {
                    Some(i) => i,
                    None => {
                        let def = TypeDef {
                            name: String::new(),
                            namespace: None,
                            kind: TypeKind::Enum,
                            description: None,
                            base_type: None,
                            base_in_text: None,
                            key: None,
                            open_type: false,
                            properties: Vec::new(),
                            members: Vec::new(),
                            is_flags: false,
                            loc: self.loc(off),
                        };
                        self.enums.push((def, false));
                        self.members_enum = Some(self.enums.len() - 1);
                        self.enums.len() - 1
                    }
                };
                let members = self.members(header, rows);
                self.enums[i].0.members.extend(members);
            }
            _ => {}
        }
    }

    /// The type column: a header spelled `Type` (or a close variant).
    /// Else a header whose last word is "type" (`Return Type` heads the type
    /// column of a few Properties tables).
    fn type_col(header: &[Inline]) -> Option<usize> {
        header
            .iter()
            .position(|h| {
                name_is(
                    h,
                    &["type", "value type", "data type", "types", "property type"],
                )
            })
            .or_else(|| {
                header
                    .iter()
                    .skip(1)
                    .position(|h| {
                        let n = h.name_ref();
                        let mut words = n.split_whitespace();
                        words.next().is_some()
                            && words.next().is_some_and(|w| w.eq_ignore_ascii_case("type"))
                            && words.next().is_none()
                    })
                    .map(|i| i + 1)
            })
    }

    fn desc_col(header: &[Inline], type_col: Option<usize>) -> Option<usize> {
        let pos = header
            .iter()
            .position(|h| contains_ci(&h.text, "description") || contains_ci(&h.text, "notes"));
        pos.or_else(|| {
            let last = header.len().checked_sub(1)?;
            (last > 0 && Some(last) != type_col).then_some(last)
        })
    }

    fn required_col(header: &[Inline]) -> Option<usize> {
        header.iter().position(|h| {
            h.name_ref()
                .as_bytes()
                .get(..8)
                .is_some_and(|b| b.eq_ignore_ascii_case(b"required"))
        })
    }

    fn type_of(&mut self, cell: Option<&Inline>, loc: Loc, kind: &str, name: &str) -> TypeRef {
        let what = format_args!("{kind} `{name}`");
        let Some(cell) = cell else {
            self.sink.at(
                Code::UnknownTypeSpelling,
                loc,
                format!("{what} has no type cell"),
            );
            return TypeRef::single(TypeName::Unknown(String::new()));
        };
        match types::parse_type_cell(cell) {
            Ok(t) => t,
            Err(raw) => {
                let msg = if raw.is_empty() {
                    format!("{what} has an empty type cell")
                } else {
                    format!("{what} has a type graphdoc does not recognise: `{raw}`")
                };
                self.sink.at(Code::UnknownTypeSpelling, loc, msg);
                TypeRef::single(TypeName::Unknown(raw))
            }
        }
    }

    fn props(&mut self, header: &[Inline], rows: Vec<Row<'_>>, navigation: bool) -> Vec<Property> {
        // A table without a type column is not a property table (value
        // lists, color maps, name/value pairs): it is skipped.
        let Some(tcol) = Self::type_col(header) else {
            return Vec::new();
        };
        let dcol = Self::desc_col(header, Some(tcol));
        let rcol = Self::required_col(header);
        let mut out = Vec::with_capacity(rows.len());
        for mut row in rows {
            let name = row.cells.first().map(Inline::name).unwrap_or_default();
            if name.is_empty() {
                continue;
            }
            // Group rows (`**Calendar**` with nothing else) are not properties.
            if row.cells.iter().skip(1).all(|c| c.trimmed().is_empty()) && row.cells.len() > 1 {
                continue;
            }
            let loc = self.loc(row.off);
            let ty = self.type_of(row.cells.get(tcol), loc, "property", &name);
            let required_cell = rcol
                .and_then(|c| row.cells.get(c))
                .is_some_and(|c| name_is(c, &["yes", "true", "required", "y"]));
            let dcell = dcol.and_then(|c| row.cells.get_mut(c)).map(std::mem::take);
            let enum_values = dcell.as_ref().map(types::enum_values).unwrap_or_default();
            let inherited_from = dcell.as_ref().and_then(types::inherited_from);
            let description = dcell.and_then(Inline::into_description);
            let required = required_cell || description.as_deref().is_some_and(says_required);
            out.push(Property {
                name,
                ty,
                description,
                navigation,
                enum_values,
                inherited_from,
                required,
                loc,
            });
        }
        out
    }

    fn params(&mut self, header: &[Inline], rows: Vec<Row<'_>>) -> Vec<Parameter> {
        let tcol = Self::type_col(header);
        let dcol = Self::desc_col(header, tcol);
        let rcol = Self::required_col(header);
        let mut out = Vec::with_capacity(rows.len());
        for mut row in rows {
            let name = row.cells.first().map(Inline::name).unwrap_or_default();
            if name.is_empty() {
                continue;
            }
            let loc = self.loc(row.off);
            let ty = match tcol.and_then(|c| row.cells.get(c)) {
                Some(c) if !c.trimmed().is_empty() => {
                    Some(self.type_of(Some(c), loc, "parameter", &name))
                }
                _ => None,
            };
            let description = dcol
                .and_then(|c| row.cells.get_mut(c))
                .map(std::mem::take)
                .and_then(Inline::into_description);
            let required = description.as_deref().is_some_and(says_required)
                || rcol
                    .and_then(|c| row.cells.get(c))
                    .is_some_and(|c| name_is(c, &["yes", "true", "required"]));
            out.push(Parameter {
                name,
                ty,
                description,
                required,
                loc,
            });
        }
        out
    }

    fn method_rows(&mut self, header: &[Inline], rows: Vec<Row<'_>>) {
        let rcol = header
            .iter()
            .position(|h| contains_ci(&h.text, "return"))
            .or_else(|| (header.len() >= 3).then_some(1));
        let dcol = Self::desc_col(header, rcol);
        for mut row in rows {
            let Some(first) = row.cells.first() else {
                continue;
            };
            let link = first.links.first();
            let title = match link {
                Some(l) => clean_name(first.link_text(l)),
                None => first.name(),
            };
            if title.is_empty() {
                continue;
            }
            if link.is_none() && row.cells.iter().skip(1).all(|c| c.trimmed().is_empty()) {
                continue;
            }
            let loc = self.loc(row.off);
            let returns = rcol.and_then(|c| row.cells.get(c)).and_then(|c| {
                let t = c.name();
                let lower = t.trim_end_matches('.').to_ascii_lowercase();
                if t.is_empty() || lower == "none" || lower.starts_with("no content") || lower == "n/a" {
                    return None;
                }
                match types::parse_type_cell(c) {
                    Ok(t) => Some(t),
                    // Several words ("Location header", "download Url") describe
                    // what the method gives: prose for readers, not a type.
                    Err(raw) if raw.contains(char::is_whitespace) => None,
                    Err(raw) => {
                        self.sink.at(
                            Code::UnknownTypeSpelling,
                            loc,
                            format!("method `{title}` returns a type graphdoc does not recognise: `{raw}`"),
                        );
                        Some(TypeRef::single(TypeName::Unknown(raw)))
                    }
                }
            });
            let link = link.map(|l| l.dest.to_string());
            let description = dcol
                .and_then(|c| row.cells.get_mut(c))
                .map(std::mem::take)
                .and_then(Inline::into_description);
            self.methods.push(MethodLink {
                title,
                link,
                returns,
                description,
                loc,
            });
        }
    }

    fn members(&mut self, header: &[Inline], rows: Vec<Row<'_>>) -> Vec<EnumMember> {
        let names: Vec<String> = header
            .iter()
            .map(|h| h.name().to_ascii_lowercase())
            .collect();
        let vcol = names
            .iter()
            .skip(1)
            .position(|h| h == "value")
            .map(|i| i + 1);
        let dcol = names.iter().position(|h| h.contains("description"));
        let mut out = Vec::with_capacity(rows.len());
        for mut row in rows {
            let name = row.cells.first().map(Inline::name).unwrap_or_default();
            if name.is_empty() {
                continue;
            }
            let value = vcol
                .and_then(|c| row.cells.get(c))
                .and_then(|c| c.name().parse::<i64>().ok());
            let description = dcol
                .and_then(|c| row.cells.get_mut(c))
                .map(std::mem::take)
                .and_then(Inline::into_description);
            out.push(EnumMember {
                name,
                value,
                description,
                loc: self.loc(row.off),
            });
        }
        out
    }

    fn code(
        &mut self,
        info: &str,
        text: &str,
        off: usize,
        content_off: usize,
        ann: Option<Annotation>,
    ) {
        let block_type = ann
            .as_ref()
            .and_then(|a| a.block_type())
            .map(str::to_string);
        let bt = block_type.as_deref();
        let http = is_http_info(info);
        match bt {
            Some("request") => {
                // Some pages annotate the HTTP request block as an example
                // request (`GET /me/drive`): it also gives the template.
                if http && self.sec == Sec::HttpRequest {
                    self.templates_from(text, off, content_off, false);
                }
                return self.example_request(text, off, content_off, ann);
            }
            Some("response") => return self.example_response(text, off, content_off, ann),
            Some("samples") => {
                self.templates_from(text, off, content_off, false);
                return;
            }
            Some("resource") => return self.resource_json(text, content_off),
            Some("example") => return,
            _ => {}
        }
        if self.sec == Sec::HttpRequest && http {
            self.templates_from(text, off, content_off, false);
            return;
        }
        if self.sec == Sec::Examples
            && info.eq_ignore_ascii_case("json")
            && bt.is_none_or(|b| b == "response")
            && self.open_request_in_scope()
        {
            // Some workloads show a response as its JSON body alone.
            return self.json_response(text, off, content_off, ann);
        }
        if self.sec == Sec::Examples && http {
            let first = text.trim_start();
            let looks_request = first
                .split('\n')
                .next()
                .and_then(http::split_method)
                .is_some();
            let looks_response =
                http::status_line(first.split('\n').next().unwrap_or("")).is_some();
            if ann.is_none() && (looks_request || looks_response) {
                self.sink.at(
                    Code::MissingAnnotation,
                    self.idx.loc(off),
                    "example HTTP block has no `<!-- { \"blockType\": ... } -->` annotation",
                );
            }
            let ann = ann.unwrap_or_else(|| Annotation {
                loc: self.idx.loc(off),
                ..Annotation::default()
            });
            if looks_request {
                self.example_request(text, off, content_off, Some(ann));
            } else if looks_response {
                self.example_response(text, off, content_off, Some(ann));
            }
            return;
        }
        if http && !matches!(self.sec, Sec::Examples) {
            self.templates_from(text, off, content_off, true);
        }
    }

    /// Keeps a JSON representation while no property table came before it.
    fn resource_json(&mut self, text: &str, content_off: usize) {
        if self.resource_json.is_none() && self.props.is_empty() && self.rels.is_empty() {
            self.resource_json = Some((text.to_string(), content_off));
        }
    }

    /// The location of 0-based line `n` of a code block's content.
    fn content_loc(&self, content_off: usize, n: usize, line_text: &str) -> Loc {
        let mut loc = self.idx.loc(content_off);
        let indent = line_text.len() - line_text.trim_start().len();
        if n > 0 {
            loc.column = 1;
        }
        loc.line += n as u32;
        loc.column += line_text[..indent].chars().count() as u32;
        loc
    }

    fn templates_from(&mut self, text: &str, off: usize, content_off: usize, fallback: bool) {
        let mut found = Vec::new();
        for (n, line) in http::lines(text) {
            let Some((method, rest)) = http::split_method(line) else {
                continue;
            };
            if fallback && (rest.starts_with("http") || rest.starts_with("HTTP")) {
                continue;
            }
            if let Some(template) = http::path_template(rest) {
                let loc = self.content_loc(content_off, n, line);
                found.push((method, PathTemplate::parse(&template, loc)));
            }
        }
        if fallback {
            self.fallback_templates.extend(found);
            return;
        }
        if found.is_empty() && !text.trim().is_empty() {
            let first = text.trim().split('\n').next().unwrap_or("");
            self.sink.at(
                Code::BadHttpBlock,
                self.idx.loc(off),
                format!(
                    "HTTP request block has no `METHOD /path` line (first line: `{}`)",
                    blocks::snippet_from(first, 0)
                ),
            );
        }
        self.templates.extend(found);
    }

    fn example_request(
        &mut self,
        text: &str,
        off: usize,
        content_off: usize,
        ann: Option<Annotation>,
    ) {
        let ann = ann.unwrap_or_default();
        let Some(msg) = self.example_message("request", text, off) else {
            return;
        };
        let loc = self.content_loc(content_off, msg.first_line, msg.start);
        let Some((method, url)) = http::split_method(msg.start) else {
            self.sink.at(
                Code::BadHttpBlock,
                loc,
                format!(
                    "example request does not start with `METHOD URL`: `{}`",
                    blocks::snippet_from(msg.start, 0)
                ),
            );
            return;
        };
        let body = msg.body.map(|b| {
            self.example_body("request", b, &msg.headers, content_off, text, msg.body_line)
        });
        let name = ann.name().map(str::to_string);
        let req = ExampleRequest {
            method,
            url: url.to_string(),
            api_version: http::url_version(url),
            headers: msg.headers,
            body,
            annotation: ann,
            loc,
        };
        self.open_requests.push(self.examples.len());
        self.examples.push(ExItem {
            req: Some(req),
            resp: None,
            name,
            scope: self.example_scope,
        });
    }

    /// An example block split into start line, headers and body, or a GD0107
    /// when it is empty.
    fn example_message<'t>(
        &mut self,
        which: &str,
        text: &'t str,
        off: usize,
    ) -> Option<http::Message<'t>> {
        let msg = http::split_message(text);
        if msg.is_none() {
            self.sink.at(
                Code::BadHttpBlock,
                self.idx.loc(off),
                format!("example {which} block is empty"),
            );
        }
        msg
    }

    /// An example body as JSON, or kept raw with a GD0110 at its first line.
    fn example_body(
        &mut self,
        which: &str,
        raw: &str,
        headers: &[(String, String)],
        content_off: usize,
        text: &str,
        body_line: usize,
    ) -> graphdoc_ir::Body {
        let (body, err) = http::body(raw, headers);
        if let Some(e) = err {
            let loc = self.body_loc(content_off, text, body_line);
            self.sink.at(
                Code::InvalidJsonBody,
                loc,
                format!("example {which} body is not valid JSON ({e}); kept raw"),
            );
        }
        body
    }

    fn body_loc(&self, content_off: usize, text: &str, body_line: usize) -> Loc {
        let line = http::lines(text).nth(body_line).map_or("", |(_, l)| l);
        self.content_loc(content_off, body_line, line)
    }

    fn example_response(
        &mut self,
        text: &str,
        off: usize,
        content_off: usize,
        ann: Option<Annotation>,
    ) {
        let ann = ann.unwrap_or_default();
        let Some(msg) = self.example_message("response", text, off) else {
            return;
        };
        let loc = self.content_loc(content_off, msg.first_line, msg.start);
        let Some((status, reason)) = http::status_line(msg.start) else {
            self.sink.at(
                Code::BadHttpBlock,
                loc,
                format!(
                    "example response does not start with a status line `HTTP/1.1 200 OK`: `{}`",
                    blocks::snippet_from(msg.start, 0)
                ),
            );
            return;
        };
        let body = msg.body.map(|b| {
            self.example_body(
                "response",
                b,
                &msg.headers,
                content_off,
                text,
                msg.body_line,
            )
        });
        let resp = ExampleResponse {
            status,
            reason,
            headers: msg.headers,
            body,
            truncated: false,
            annotation: ann,
            loc,
        };
        // A response shared by several requests names them all (`"name":
        // ["a", "b"]`): each gets it.
        let shared = resp.annotation.names();
        if shared.len() > 1 {
            let mut paired = false;
            for n in &shared {
                let at = self
                    .open_requests
                    .iter()
                    .position(|&i| self.examples[i].name.as_deref() == Some(n));
                if let Some(j) = at {
                    let i = self.open_requests.remove(j);
                    self.examples[i].resp = Some(resp.clone());
                    paired = true;
                }
            }
            if paired {
                return;
            }
        }
        // Pair: a request of the same name, else the nearest earlier unpaired request.
        let name = resp.annotation.name().map(str::to_string);
        let scope = self.example_scope;
        let open = &self.open_requests;
        let window = open.len().saturating_sub(NAME_PAIRING_WINDOW);
        let by_name = name.as_deref().and_then(|n| {
            open[window..]
                .iter()
                .rposition(|&i| {
                    self.examples[i]
                        .name
                        .as_deref()
                        .is_some_and(|r| r == n || n.starts_with(r))
                })
                .map(|j| window + j)
        });
        // Scopes only grow along the page: the latest open requests are the
        // candidates in the current scope, a request the docs show for its
        // form only (marked `ignored`) last.
        let shown_for_form = |i: usize| {
            self.examples[i]
                .req
                .as_ref()
                .is_some_and(|r| r.annotation.block_type() == Some("ignored"))
        };
        let in_scope = || {
            let scoped = open
                .iter()
                .enumerate()
                .rev()
                .take_while(|&(_, &i)| self.examples[i].scope == scope);
            let mut fallback = None;
            for (j, &i) in scoped {
                if !shown_for_form(i) {
                    return Some(j);
                }
                fallback.get_or_insert(j);
            }
            fallback
        };
        let target = by_name
            .or_else(in_scope)
            .map(|j| self.open_requests.remove(j));
        match target {
            Some(i) => self.examples[i].resp = Some(resp),
            // Another response of the example before (the content a `302`
            // leads to, an alternative outcome), or one the docs show for
            // illustration only (marked `ignored`): it pairs with nothing.
            None if self.follows_response(scope)
                || resp.annotation.block_type() == Some("ignored") => {}
            None => self.examples.push(ExItem {
                req: None,
                resp: Some(resp),
                name,
                scope,
            }),
        }
    }

    /// Whether the last example of this scope is a request with its response.
    fn follows_response(&self, scope: u32) -> bool {
        self.examples
            .last()
            .is_some_and(|e| e.scope == scope && e.req.is_some() && e.resp.is_some())
    }

    /// Whether the latest request still waiting for its response is in the
    /// current example's scope.
    fn open_request_in_scope(&self) -> bool {
        self.open_requests
            .last()
            .is_some_and(|&i| self.examples[i].scope == self.example_scope)
    }

    /// A response shown as its JSON body alone (a `json` block after a
    /// request): `200 OK` with that body.
    fn json_response(
        &mut self,
        text: &str,
        off: usize,
        content_off: usize,
        ann: Option<Annotation>,
    ) {
        let headers = vec![("Content-Type".to_string(), "application/json".to_string())];
        let (body, err) = http::body(text, &headers);
        if err.is_some() {
            // Not a JSON body: some other block, not this convention.
            return;
        }
        let ann = ann.unwrap_or_else(|| Annotation {
            loc: self.idx.loc(off),
            ..Annotation::default()
        });
        let loc = self.content_loc(content_off, 0, text.split('\n').next().unwrap_or(""));
        let resp = ExampleResponse {
            status: 200,
            reason: None,
            headers,
            body: Some(body),
            annotation: ann,
            truncated: false,
            loc,
        };
        let i = self.open_requests.pop().expect("an open request in scope");
        self.examples[i].resp = Some(resp);
    }

    fn finish(mut self, path: &str, mut meta: PageMeta) -> Page {
        let file = self.file;
        let stem = file_stem(path);
        let title_loc = self
            .title
            .as_ref()
            .map_or(Loc::new(file, 1, 1), |(_, off)| self.idx.loc(*off));
        if self.title.is_none() {
            self.sink.at(
                Code::MissingTitle,
                Loc::new(file, 1, 1),
                "page has no `# title` heading",
            );
        }
        meta.title = self.title.as_ref().map(|(t, _)| t.clone());
        meta.namespace = self.namespace.clone();
        meta.description = self.description.clone();
        let doc_type = meta.doc_type.clone();

        // Examples, with diagnostics for unpaired ones.
        let mut examples = Vec::with_capacity(self.examples.len());
        for e in std::mem::take(&mut self.examples) {
            match (&e.req, &e.resp) {
                // A request shown for its form alone (marked `ignored`), or a
                // notification sent to another host (a bot's callback), needs
                // no response.
                (Some(r), None)
                    if r.annotation.block_type() == Some("ignored")
                        || !http::is_graph_url(&r.url) => {}
                (Some(r), None) => self.sink.at(
                    Code::UnpairedExample,
                    r.loc,
                    "example request has no response",
                ),
                (None, Some(r)) => self.sink.at(
                    Code::UnpairedExample,
                    r.loc,
                    "example response has no request",
                ),
                _ => {}
            }
            let mut response = e.resp;
            if let Some(r) = &mut response {
                r.truncated = r.annotation.truncated() || self.prose_shortened;
            }
            examples.push(Example {
                name: e.name,
                request: e.req,
                response,
                operation: None,
            });
        }

        meta.api_version = version_from_path(path).or_else(|| {
            examples
                .iter()
                .filter_map(|e| e.request.as_ref()?.api_version)
                .next()
        });

        // The doc_type decides, unless the content plainly says otherwise
        // (resource pages marked apiPageType and the reverse exist).
        let api_content = !self.templates.is_empty() || self.seen_http;
        let resource_content =
            !self.props.is_empty() || !self.rels.is_empty() || self.resource_ann.is_some();
        let (is_api, is_resource) = match &doc_type {
            Some(DocType::ApiPage) if !api_content && resource_content => (false, true),
            Some(DocType::ApiPage) => (true, false),
            Some(DocType::ResourcePage) if !resource_content && api_content => (true, false),
            Some(DocType::ResourcePage) => (false, true),
            Some(DocType::EnumPage | DocType::ConceptualPage) => (false, false),
            _ => (api_content, !api_content && resource_content),
        };
        let declared_api = matches!(doc_type, Some(DocType::ApiPage));
        let declared_resource = matches!(doc_type, Some(DocType::ResourcePage));
        if (declared_api && is_resource) || (declared_resource && is_api) {
            let (said, is) = if is_api {
                ("resourcePageType", "an API operation")
            } else {
                ("apiPageType", "a resource")
            };
            self.sink.at(
                Code::FrontMatter,
                Loc::new(file, 1, 1),
                format!("doc_type says {said} but the page documents {is}; read as such"),
            );
        }

        // Operations: one per method among the templates.
        // Sized exactly: the page's IR is kept for the whole corpus.
        let mut operations = Vec::with_capacity(1);
        if is_api {
            let templates = if self.templates.is_empty() {
                std::mem::take(&mut self.fallback_templates)
            } else {
                std::mem::take(&mut self.templates)
            };
            if templates.is_empty() {
                self.sink.at(
                    Code::MissingSection,
                    title_loc,
                    "API page has no HTTP request block with a `METHOD /path` line",
                );
            }
            if !self.seen_response {
                self.sink.at(
                    Code::MissingSection,
                    title_loc,
                    "API page has no Response section",
                );
            }
            if !self.seen_permissions {
                self.sink.at(
                    Code::MissingSection,
                    title_loc,
                    "API page has no Permissions section",
                );
            }
            let mut groups: Vec<(HttpMethod, Vec<PathTemplate>)> = Vec::with_capacity(1);
            for (m, t) in templates {
                match groups.iter_mut().find(|(gm, _)| *gm == m) {
                    Some((_, ts)) => ts.push(t),
                    None => groups.push((m, vec![t])),
                }
            }
            let title = meta
                .title
                .clone()
                .or_else(|| meta.front_matter.get("title").cloned())
                .unwrap_or_else(|| stem.to_string());
            let n_groups = groups.len();
            operations.reserve_exact(n_groups);
            for (i, (method, paths)) in groups.into_iter().enumerate() {
                // The last operation takes the page's facts, the others copy them.
                let last = i + 1 == n_groups;
                let id = if i == 0 {
                    stem.to_string()
                } else {
                    format!("{stem}.{}", method.as_str().to_ascii_lowercase())
                };
                let last_segment = paths
                    .first()
                    .and_then(|p| p.segments.last())
                    .map(ToString::to_string);
                let (kind, action_name, binding_type) = infer_kind(
                    &title,
                    method,
                    last_segment.as_deref(),
                    self.response_collection,
                    self.says_function,
                );
                let loc = paths.first().map_or(title_loc, |p| p.loc);
                operations.push(Operation {
                    id,
                    title: title.clone(),
                    kind,
                    method,
                    action_name,
                    binding_type,
                    paths,
                    request_headers: take_or_clone(&mut self.headers, last),
                    path_parameters: take_or_clone(&mut self.path_params, last),
                    query_parameters: take_or_clone(&mut self.query_params, last),
                    odata_options: take_or_clone(&mut self.odata, last),
                    request_body: take_or_clone(&mut self.body, last),
                    response: take_or_clone(&mut self.response, last),
                    permissions: take_or_clone(&mut self.permissions, last),
                    loc,
                });
            }
            for e in &mut examples {
                let m = e.request.as_ref().map(|r| r.method);
                e.operation = operations
                    .iter()
                    .position(|o| Some(o.method) == m)
                    .or((!operations.is_empty()).then_some(0));
            }
            arguments_from_examples(&mut operations, &examples);
        }

        // Types.
        let mut types_out = Vec::with_capacity(usize::from(is_resource) + self.enums.len());
        if is_resource {
            if !self.seen_properties {
                self.sink.at(
                    Code::MissingSection,
                    title_loc,
                    "resource page has no Properties section",
                );
            }
            // A page with no property rows, no resource annotation and no
            // "X resource type" title (an overview page) defines no type.
            let evidence =
                resource_content || resource_name_from_title(meta.title.as_deref()).is_some();
            if evidence {
                types_out.push(self.resource_type(
                    meta.title.as_deref(),
                    meta.description.clone(),
                    stem,
                    title_loc,
                ));
            }
        }
        let page_ns = self.namespace.clone();
        let members_enum = self.members_enum;
        for (i, (mut def, flag_hint)) in std::mem::take(&mut self.enums).into_iter().enumerate() {
            if Some(i) == members_enum {
                def.name =
                    enum_name_from_title(meta.title.as_deref()).unwrap_or_else(|| stem.to_string());
                def.description = meta.description.clone();
                def.loc = title_loc;
            }
            if def.members.is_empty() {
                continue;
            }
            def.namespace = page_ns.clone();
            def.is_flags = flag_hint || powers_of_two(&def.members);
            types_out.push(def);
        }
        if matches!(doc_type, Some(DocType::EnumPage))
            && !types_out.iter().any(|t| t.kind == TypeKind::Enum)
        {
            self.sink.at(
                Code::MissingSection,
                title_loc,
                "enum page has no Members table",
            );
        }

        Page {
            file,
            meta,
            types: types_out,
            operations,
            examples,
            methods: std::mem::take(&mut self.methods),
            derived_types: std::mem::take(&mut self.derived),
        }
    }

    fn resource_type(
        &mut self,
        title: Option<&str>,
        description: Option<String>,
        stem: &str,
        loc: Loc,
    ) -> TypeDef {
        let ann = self.resource_ann.take().unwrap_or_default();
        let odata = ann
            .odata_type()
            .or_else(|| ann.keys.get("@type").and_then(|v| v.as_str()))
            .map(|s| s.trim().trim_start_matches('#').to_string())
            .filter(|s| !s.is_empty());
        let (ann_ns, ann_name) = match &odata {
            Some(q) => match q.rsplit_once('.') {
                Some((ns, n)) => (Some(ns.to_string()), Some(n.to_string())),
                None => (None, Some(q.clone())),
            },
            None => (None, None),
        };
        let name = ann_name
            .or_else(|| resource_name_from_title(title))
            .unwrap_or_else(|| stem.to_string());
        let namespace = self.namespace.clone().or(ann_ns);
        let base_type = ann
            .base_type()
            .map(str::to_string)
            .or_else(|| self.base_from_text.clone());
        let base_in_text = self
            .base_from_text
            .clone()
            .filter(|text| base_type.as_deref() != Some(text.as_str()));
        let key = ann.key_property().map(str::to_string);
        let mut properties = std::mem::take(&mut self.props);
        let has_rels = !self.rels.is_empty();
        if properties.is_empty()
            && !has_rels
            && !self.props_all_inherited
            && !ann.open_type()
            && let Some((json, content_off)) = self.resource_json.take()
        {
            properties = self.json_properties(&json, content_off);
            if !properties.is_empty() {
                self.sink.at(
                    Code::PropertiesFromJson,
                    properties[0].loc,
                    format!(
                        "resource page has no Properties table; {} properties read from the JSON representation",
                        properties.len()
                    ),
                );
            }
        }
        properties.append(&mut self.rels);
        // A Methods table means the type is addressable.
        let entity = key.is_some()
            || has_rels
            || !self.methods.is_empty()
            || properties.iter().any(|p| p.name == "id" && !p.navigation)
            || base_type.as_deref().is_some_and(|b| {
                let simple = b.rsplit('.').next().unwrap_or(b);
                simple.eq_ignore_ascii_case("entity")
            });
        let key = match (entity, key) {
            (true, None) => Some("id".to_string()),
            (_, k) => k,
        };
        TypeDef {
            name,
            namespace,
            kind: if entity {
                TypeKind::Entity
            } else {
                TypeKind::Complex
            },
            description,
            base_type,
            base_in_text,
            key,
            open_type: ann.open_type() || self.says_open,
            properties,
            members: Vec::new(),
            is_flags: false,
            loc,
        }
    }
}

impl Walk<'_, '_> {
    /// Properties from a resource page's JSON representation, in the order
    /// written, typed from the placeholder values: `"string"` and other Edm
    /// spellings, `{"@odata.type": "x"}`, arrays of those, booleans, numbers.
    fn json_properties(&mut self, json: &str, content_off: usize) -> Vec<Property> {
        let Ok((keys, _)) = crate::annotation::parse_annotation(json) else {
            return Vec::new();
        };
        let mut out: Vec<(usize, Property)> = Vec::with_capacity(keys.len());
        for (name, value) in keys {
            if name.starts_with('@') || !types::is_type_ident(&name) {
                continue;
            }
            let at = json.find(&format!("\"{name}\"")).unwrap_or(0);
            let loc = self.loc(content_off + at);
            let ty = match types::json_placeholder_type(&value) {
                Some(t) => t,
                None => {
                    self.sink.at(
                        Code::UnknownTypeSpelling,
                        loc,
                        format!("property `{name}` of the JSON representation has a value graphdoc cannot type: `{value}`"),
                    );
                    TypeRef::single(TypeName::Unknown(value.to_string()))
                }
            };
            out.push((
                at,
                Property {
                    name,
                    ty,
                    description: None,
                    navigation: false,
                    enum_values: Vec::new(),
                    inherited_from: None,
                    required: false,
                    loc,
                },
            ));
        }
        out.sort_by_key(|(at, _)| *at);
        out.into_iter().map(|(_, p)| p).collect()
    }
}

/// Whether a cell's name is one of `names` (lower case), ignoring ASCII case.
fn name_is(cell: &Inline, names: &[&str]) -> bool {
    let n = cell.name_ref();
    names.iter().any(|w| n.eq_ignore_ascii_case(w))
}

/// The value itself when `take`, else a copy.
fn take_or_clone<T: Clone + Default>(v: &mut T, take: bool) -> T {
    if take { std::mem::take(v) } else { v.clone() }
}

/// The file stem of a path: `api/user-list.md` → `user-list`.
pub(crate) fn file_stem(path: &str) -> &str {
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    match name.rfind('.') {
        Some(i) if i > 0 => &name[..i],
        _ => name,
    }
}

fn version_from_path(path: &str) -> Option<ApiVersion> {
    let p = path.replace('\\', "/");
    if p.contains("api-reference/v1.0/") {
        Some(ApiVersion::V1_0)
    } else if p.contains("api-reference/beta/") {
        Some(ApiVersion::Beta)
    } else {
        None
    }
}

/// `user resource type` → `user`.
fn resource_name_from_title(title: Option<&str>) -> Option<String> {
    let t = title?.trim();
    let lower = t.to_ascii_lowercase();
    for suffix in [
        " resource type",
        " resource",
        " complex type",
        " entity type",
        " object",
        " type",
    ] {
        if lower.ends_with(suffix) {
            let n = t[..t.len() - suffix.len()].trim().trim_matches('`');
            if types::is_type_ident(n) {
                return Some(n.to_string());
            }
        }
    }
    types::is_type_ident(t).then(|| t.to_string())
}

/// `clonableTeamParts enum type` → `clonableTeamParts`.
fn enum_name_from_title(title: Option<&str>) -> Option<String> {
    let t = title?.trim();
    let lower = t.to_ascii_lowercase();
    for suffix in [
        " enum type",
        " enumeration type",
        " enumeration",
        " enum values",
        " enum",
        " values",
        " type",
    ] {
        if lower.ends_with(suffix) {
            let n = t[..t.len() - suffix.len()].trim().trim_matches('`');
            if types::is_type_ident(n) {
                return Some(n.to_string());
            }
        }
    }
    types::is_type_ident(t).then(|| t.to_string())
}

/// Every member has a value, the non-zero ones are distinct powers of two,
/// and the largest is at least 4 (so `0, 1, 2` stays a plain enum).
fn powers_of_two(members: &[EnumMember]) -> bool {
    if members.len() < 2 {
        return false;
    }
    let mut seen = std::collections::BTreeSet::new();
    let mut max = 0i64;
    for m in members {
        let Some(v) = m.value else {
            return false;
        };
        if v < 0 {
            return false;
        }
        if v == 0 {
            continue;
        }
        if v & (v - 1) != 0 || !seen.insert(v) {
            return false;
        }
        max = max.max(v);
    }
    max >= 4
}

/// An Edm type a Response sentence says the body holds: "a String in the
/// response body", "an Int32 collection in the response body".
fn primitive_in_body(text: &str) -> Option<TypeRef> {
    let words: Vec<String> = text
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| matches!(c, '`' | '*' | ',' | '.'))
                .to_ascii_lowercase()
        })
        .collect();
    let body = words
        .windows(4)
        .position(|w| w[0] == "in" && w[1] == "the" && w[2] == "response" && w[3] == "body")?;
    // Backwards from "in": `[value|object] [collection] <Type> a|an|of`.
    let mut i = body.checked_sub(1)?;
    if matches!(words[i].as_str(), "value" | "values" | "object") {
        i = i.checked_sub(1)?;
    }
    let collection = words[i] == "collection";
    if collection {
        i = i.checked_sub(1)?;
    }
    let primitive = Primitive::from_doc_spelling(&words[i])?;
    let article = words.get(i.checked_sub(1)?)?;
    matches!(article.as_str(), "a" | "an" | "of").then_some(TypeRef {
        name: TypeName::Primitive(primitive),
        collection,
    })
}

/// The type a link names, with the types linked right after it as
/// alternatives (`[ipNamedLocation](..) or [countryNamedLocation](..)` gives
/// `ipNamedLocation or countryNamedLocation`, which merge resolves to their
/// nearest common base type).
fn alternatives_from(inl: &Inline, first: &blocks::Link) -> String {
    let mut names = vec![clean_name(inl.link_text(first))];
    let mut end = first.text.end;
    for link in inl.links.iter().filter(|l| l.text.start > first.text.start) {
        let gap = inl.text.get(end..link.text.start).unwrap_or_default();
        let words: Vec<&str> = gap
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|w| {
                !w.is_empty() && !matches!(*w, "object" | "objects" | "resource" | "a" | "an")
            })
            .collect();
        let alternative = words == ["or"];
        if !alternative || !names_a_type(inl, link) {
            break;
        }
        names.push(clean_name(inl.link_text(link)));
        end = link.text.end;
    }
    names.join(" or ")
}

/// A link that names a type: to a page, its text a type name (`[user]`,
/// `[user collection]`), not prose ("get the status of the operation",
/// "error responses").
fn names_a_type(inl: &Inline, link: &blocks::Link) -> bool {
    let text = clean_name(inl.link_text(link));
    let text = text
        .strip_suffix(" collection")
        .or_else(|| text.strip_suffix(" object"))
        .unwrap_or(&text);
    is_type_link(&link.dest) && types::is_type_ident(text)
}

fn is_type_link(dest: &str) -> bool {
    let d = dest.trim();
    !d.starts_with("http")
        && !d.starts_with('/')
        && !d.starts_with('#')
        && (d.contains(".md") || !d.contains('.'))
}

/// A status code at the start of inline code: `201 Created`.
fn leading_status(code: &str) -> Option<u16> {
    let t = code.trim();
    let digits: String = t.chars().take_while(char::is_ascii_digit).collect();
    if digits.len() != 3
        || t[3..]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphanumeric())
    {
        return None;
    }
    let v: u16 = digits.parse().ok()?;
    (100..=599).contains(&v).then_some(v)
}

/// A status code in text: three digits followed by a capitalized reason.
fn find_status(text: &str) -> Option<u16> {
    let b = text.as_bytes();
    let mut i = 0;
    while i + 3 <= b.len() {
        if b[i].is_ascii_digit()
            && b[i + 1].is_ascii_digit()
            && b[i + 2].is_ascii_digit()
            && (i == 0 || !b[i - 1].is_ascii_alphanumeric())
            && b.get(i + 3) == Some(&b' ')
            && b.get(i + 4).is_some_and(u8::is_ascii_uppercase)
        {
            let v: u16 = text[i..i + 3].parse().ok()?;
            if (100..=599).contains(&v) {
                return Some(v);
            }
        }
        i += 1;
    }
    None
}

const ODATA: &[&str] = &[
    "$select",
    "$filter",
    "$expand",
    "$orderby",
    "$top",
    "$skip",
    "$count",
    "$search",
    "$format",
    "$skiptoken",
    "$deltatoken",
    "$apply",
    "$levels",
];

/// OData system query options named in a text.
fn odata_options(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    if !text.contains('$') {
        return out;
    }
    for (i, _) in text.match_indices('$') {
        let rest = &text[i..];
        let word: String = rest
            .chars()
            .skip(1)
            .take_while(char::is_ascii_alphabetic)
            .collect();
        let cand = format!("${}", word.to_ascii_lowercase());
        if ODATA.contains(&cand.as_str()) && !out.contains(&cand) {
            out.push(cand);
        }
    }
    out
}

/// Permission scopes in a cell: tokens shaped like `Xxx.Yyy[.Zzz]`.
fn scopes(cell: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for tok in cell.split(|c: char| c == ',' || c == ';' || c.is_whitespace()) {
        let t = tok
            .trim_matches(|c: char| {
                matches!(c, '`' | '*' | '(' | ')' | '"' | '\'' | '[' | ']' | ':')
            })
            .trim_end_matches('.');
        if is_scope(t) && !out.iter().any(|s| s == t) {
            out.push(t.to_string());
        }
    }
    out
}

fn is_scope(t: &str) -> bool {
    let mut parts = t.split('.');
    let first = parts.next().unwrap_or("");
    let rest: Vec<&str> = parts.collect();
    !rest.is_empty()
        && first.chars().next().is_some_and(|c| c.is_ascii_uppercase())
        && first.chars().all(|c| c.is_ascii_alphanumeric())
        && rest.iter().all(|p| {
            !p.is_empty()
                && p.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        })
}

/// Verbs that lead the camelCase names of actions and functions
/// (`createLink`, `getByPath`, `checkMemberGroups`); navigation properties
/// are nouns.
const OP_VERBS: &[&str] = &[
    "accept",
    "acquire",
    "activate",
    "add",
    "apply",
    "approve",
    "archive",
    "assign",
    "calculate",
    "cancel",
    "change",
    "check",
    "clear",
    "clone",
    "complete",
    "confirm",
    "copy",
    "create",
    "deactivate",
    "decline",
    "delete",
    "deny",
    "disable",
    "dismiss",
    "enable",
    "evaluate",
    "find",
    "forward",
    "generate",
    "get",
    "invite",
    "keep",
    "log",
    "mark",
    "move",
    "mute",
    "pause",
    "play",
    "publish",
    "record",
    "redirect",
    "refresh",
    "reject",
    "remove",
    "renew",
    "reply",
    "reprocess",
    "reset",
    "restore",
    "resume",
    "retry",
    "revoke",
    "send",
    "set",
    "start",
    "stop",
    "submit",
    "subscribe",
    "sync",
    "transfer",
    "translate",
    "unarchive",
    "unmute",
    "unpublish",
    "unset",
    "unsubmit",
    "unsubscribe",
    "update",
    "upgrade",
    "validate",
    "verify",
];

/// Verbs that are whole action names when posted to (`.../tables/add`,
/// `.../threads/{id}/reply`).
const BARE_ACTIONS: &[&str] = &[
    "accept",
    "activate",
    "add",
    "answer",
    "apply",
    "archive",
    "assign",
    "calculate",
    "cancel",
    "checkin",
    "checkout",
    "clear",
    "complete",
    "confirm",
    "copy",
    "deactivate",
    "decline",
    "delete",
    "discard",
    "dismiss",
    "follow",
    "forward",
    "insert",
    "invite",
    "lock",
    "merge",
    "move",
    "mute",
    "pause",
    "protect",
    "publish",
    "reassign",
    "reboot",
    "redirect",
    "reject",
    "remove",
    "renew",
    "reply",
    "reset",
    "restore",
    "resume",
    "retire",
    "return",
    "send",
    "shutdown",
    "snooze",
    "start",
    "stop",
    "submit",
    "transfer",
    "unarchive",
    "unfollow",
    "unmerge",
    "unmute",
    "unprotect",
    "unpublish",
    "unsubmit",
    "upgrade",
    "verify",
    "wipe",
];

/// Whether the last path segment (`last`, named `seg`) names an action or
/// function rather than a navigation: it is called with parentheses (GET),
/// it is the OData `delta` function, the Response section calls the
/// operation a function (GET), or its name is verb-led camelCase or, for a
/// POST, a bare verb. Namespace-qualified segments are type casts.
fn names_operation(last: &str, seg: &str, method: HttpMethod, says_function: bool) -> bool {
    if seg.contains('.') {
        return false;
    }
    let get = method == HttpMethod::Get;
    if get && (last.contains('(') || says_function) {
        return true;
    }
    if seg == "delta" {
        return true;
    }
    let lead_end = seg
        .find(|c: char| c.is_ascii_uppercase())
        .unwrap_or(seg.len());
    if lead_end < seg.len() && OP_VERBS.contains(&&seg[..lead_end]) {
        return true;
    }
    method == HttpMethod::Post && BARE_ACTIONS.contains(&seg)
}

/// Kind, action name and binding type, from the title, method and path.
fn infer_kind(
    title: &str,
    method: HttpMethod,
    last_segment: Option<&str>,
    response_collection: bool,
    says_function: bool,
) -> (OperationKind, Option<String>, Option<String>) {
    let last = last_segment.unwrap_or("");
    let seg_name = last.split('(').next().unwrap_or("").trim();
    let seg_is_param = seg_name.starts_with('{') || seg_name.is_empty();
    let seg_ident = !seg_is_param && types::is_type_ident(seg_name);
    let lower_title = title.to_ascii_lowercase();
    let first_word = lower_title.split_whitespace().next().unwrap_or("");

    // `type: name` titles.
    if let Some((binding, name)) = title.split_once(':') {
        let binding = binding.trim();
        // One word after the colon: `user: assignLicense`, not
        // `servicePrincipal: List owners`.
        let name = name.trim().trim_end_matches(['.', ',']);
        if !binding.is_empty()
            && !binding.contains(' ')
            && types::is_type_ident(binding)
            && types::is_type_ident(name)
        {
            let action = if seg_ident && seg_name.eq_ignore_ascii_case(name) {
                seg_name.to_string()
            } else {
                name.to_string()
            };
            match method {
                HttpMethod::Get => {
                    return (
                        OperationKind::Function,
                        Some(action),
                        Some(binding.to_string()),
                    );
                }
                HttpMethod::Post => {
                    return (
                        OperationKind::Action,
                        Some(action),
                        Some(binding.to_string()),
                    );
                }
                _ => {}
            }
        }
    }
    // `name action` / `name function` titles.
    let words: Vec<&str> = title.split_whitespace().collect();
    if let [name, kind] = words.as_slice()
        && types::is_type_ident(name)
    {
        if kind.eq_ignore_ascii_case("action") {
            return (OperationKind::Action, Some((*name).to_string()), None);
        }
        if kind.eq_ignore_ascii_case("function") {
            return (OperationKind::Function, Some((*name).to_string()), None);
        }
    }
    // The path ends in an operation, whatever the title calls it (`Create a
    // sharing link` posts to `.../createLink`, `Create table` to `.../add`).
    if seg_ident && names_operation(last, seg_name, method, says_function) {
        match method {
            HttpMethod::Get => {
                return (OperationKind::Function, Some(seg_name.to_string()), None);
            }
            HttpMethod::Post => {
                return (OperationKind::Action, Some(seg_name.to_string()), None);
            }
            _ => {}
        }
    }
    match method {
        HttpMethod::Delete => (OperationKind::Delete, None, None),
        HttpMethod::Patch => (OperationKind::Update, None, None),
        HttpMethod::Put => {
            if matches!(first_word, "create" | "add") {
                (OperationKind::Create, None, None)
            } else {
                (OperationKind::Update, None, None)
            }
        }
        HttpMethod::Get => {
            if seg_ident && last.contains('(') && last.contains('=') {
                return (OperationKind::Function, Some(seg_name.to_string()), None);
            }
            if matches!(first_word, "list" | "enumerate") || response_collection {
                (OperationKind::List, None, None)
            } else {
                (OperationKind::Get, None, None)
            }
        }
        HttpMethod::Post => {
            let compact: String = lower_title
                .chars()
                .filter(|c| c.is_ascii_alphanumeric())
                .collect();
            if matches!(
                first_word,
                "create"
                    | "add"
                    | "post"
                    | "assign"
                    | "grant"
                    | "activate"
                    | "reply"
                    | "upload"
                    | "register"
            ) && !(seg_ident
                && compact.contains(&seg_name.to_ascii_lowercase())
                && !seg_name.ends_with('s'))
            {
                return (OperationKind::Create, None, None);
            }
            if last == "$ref" {
                return (OperationKind::Create, None, None);
            }
            if seg_ident
                && (compact.contains(&seg_name.to_ascii_lowercase())
                    || matches!(first_word, "get" | "list" | "check"))
            {
                return (OperationKind::Action, Some(seg_name.to_string()), None);
            }
            if seg_ident && seg_name.ends_with('s') {
                return (OperationKind::Create, None, None);
            }
            if seg_ident {
                return (OperationKind::Action, Some(seg_name.to_string()), None);
            }
            (OperationKind::Other, None, None)
        }
    }
}

/// Where a request-syntax line names a function without its arguments
/// (`.../filterByCurrentUser`) and an example of the operation calls it with
/// some (`.../filterByCurrentUser(on='reviewer')`), the template takes the
/// example's arguments, as samples: they are the route's parameters.
fn arguments_from_examples(operations: &mut [Operation], examples: &[Example]) {
    for (oi, op) in operations.iter_mut().enumerate() {
        let calls: Vec<PathTemplate> = examples
            .iter()
            .filter(|e| e.operation == Some(oi))
            .filter_map(|e| e.request.as_ref())
            .filter_map(|r| http::path_template(&r.url))
            // Cheaply first: a call with arguments ends in `)`.
            .filter(|p| p.trim_end_matches(|c: char| c == '/' || c.is_whitespace()).ends_with(')'))
            .map(|p| PathTemplate::parse(&p, Loc::default()))
            .filter(|p| matches!(p.segments.last(), Some(Segment::Function { args, .. }) if !args.is_empty()))
            .collect();
        if calls.is_empty() {
            continue;
        }
        // A function the syntax lines give both with and without arguments
        // (`usedRange`, `usedRange(valuesOnly=true)`) has both forms already.
        let with_arguments: Vec<String> = op
            .paths
            .iter()
            .filter_map(|p| match p.segments.last() {
                Some(Segment::Function { name, args }) if !args.is_empty() => {
                    Some(name.to_ascii_lowercase())
                }
                _ => None,
            })
            .collect();
        for template in &mut op.paths {
            let Some((last, prefix)) = template.segments.split_last() else {
                continue;
            };
            let name = match last {
                Segment::Literal(name) => name,
                Segment::Function { name, args } if args.is_empty() => name,
                _ => continue,
            };
            if with_arguments.contains(&name.to_ascii_lowercase()) {
                continue;
            }
            let prefix = PathTemplate::from_segments(prefix.to_vec(), template.loc);
            let found = calls.iter().find_map(|call| {
                let (Segment::Function { name: called, args }, call_prefix) =
                    call.segments.split_last()?
                else {
                    return None;
                };
                let call_prefix = PathTemplate::from_segments(call_prefix.to_vec(), call.loc);
                (called.eq_ignore_ascii_case(name)
                    && prefix.matches(&call_prefix.template).is_some())
                .then_some(args)
            });
            let Some(args) = found.cloned() else { continue };
            let mut segments = template.segments.clone();
            let name = name.clone();
            *segments.last_mut().expect("split_last gave one") = Segment::Function { name, args };
            *template = PathTemplate::from_segments(segments, template.loc);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn primitives_named_in_a_response_sentence() {
        let t = |s: &str| primitive_in_body(s);
        assert_eq!(
            t("returns a `200 OK` response code and a String in the response body."),
            Some(TypeRef::single(TypeName::Primitive(Primitive::String)))
        );
        assert_eq!(
            t("and an Int32 collection in the response body"),
            Some(TypeRef::collection(TypeName::Primitive(Primitive::Int32)))
        );
        assert_eq!(
            t("and a Boolean value in the response body"),
            Some(TypeRef::single(TypeName::Primitive(Primitive::Boolean)))
        );
        assert_eq!(t("returns an empty object in the response body"), None);
        assert_eq!(t("returns nothing in the response body"), None);
    }

    #[test]
    fn kinds() {
        let k = |t: &str, m, p: &str| {
            let last = PathTemplate::parse(p, Loc::default())
                .segments
                .last()
                .map(ToString::to_string);
            infer_kind(t, m, last.as_deref(), false, false)
        };
        assert_eq!(
            k(
                "privilegedSignupStatus: signUp",
                HttpMethod::Post,
                "/privilegedSignupStatus/signUp"
            ),
            (
                OperationKind::Action,
                Some("signUp".into()),
                Some("privilegedSignupStatus".into())
            )
        );
        assert_eq!(
            k(
                "Create userStatuses",
                HttpMethod::Post,
                "/a/{id}/userStatuses"
            )
            .0,
            OperationKind::Create
        );
        assert_eq!(
            k("List users", HttpMethod::Get, "/users").0,
            OperationKind::List
        );
        assert_eq!(
            k("Get user", HttpMethod::Get, "/users/{id}").0,
            OperationKind::Get
        );
        assert_eq!(
            k("Update user", HttpMethod::Patch, "/users/{id}").0,
            OperationKind::Update
        );
        assert_eq!(
            k("Delete user", HttpMethod::Delete, "/users/{id}").0,
            OperationKind::Delete
        );
        assert_eq!(
            k("user: delta", HttpMethod::Get, "/users/delta"),
            (
                OperationKind::Function,
                Some("delta".into()),
                Some("user".into())
            )
        );
        assert_eq!(
            k(
                "wipe action",
                HttpMethod::Post,
                "/users/{u}/managedDevices/{m}/wipe"
            ),
            (OperationKind::Action, Some("wipe".into()), None)
        );
        assert_eq!(
            k(
                "Restore deleted item",
                HttpMethod::Post,
                "/directory/deletedItems/{id}/restore"
            ),
            (OperationKind::Action, Some("restore".into()), None)
        );
        assert_eq!(
            k(
                "Send chatMessage in channel",
                HttpMethod::Post,
                "/teams/{t}/channels/{c}/messages"
            )
            .0,
            OperationKind::Create
        );
        assert_eq!(
            k(
                "Search items",
                HttpMethod::Get,
                "/drives/{d}/root/search(q='{q}')"
            ),
            (OperationKind::Function, Some("search".into()), None)
        );
    }

    #[test]
    fn required_words() {
        assert!(says_required("Bearer {token}. Required."));
        assert!(says_required("Bearer {token} (required)"));
        assert!(!says_required("This header is required when using $search"));
        assert!(!says_required("Not Required."));
        assert!(says_required("Required. The id."));
    }

    #[test]
    fn scope_tokens() {
        assert_eq!(
            scopes("User.Read, User.ReadWrite.All"),
            ["User.Read", "User.ReadWrite.All"]
        );
        assert!(scopes("Not supported.").is_empty());
        assert!(scopes("**TODO: Determine scopes **").is_empty());
        assert_eq!(
            scopes("Policy.Read.All and Application.ReadWrite.All"),
            ["Policy.Read.All", "Application.ReadWrite.All"]
        );
    }

    #[test]
    fn statuses() {
        assert_eq!(leading_status("201 Created"), Some(201));
        assert_eq!(leading_status("2010"), None);
        assert_eq!(find_status("returns a 204 No Content response"), Some(204));
        assert_eq!(find_status("returns 1234 Items"), None);
    }

    #[test]
    fn flags() {
        let m = |vals: &[i64]| -> Vec<EnumMember> {
            vals.iter()
                .map(|v| EnumMember {
                    name: v.to_string(),
                    value: Some(*v),
                    description: None,
                    loc: Loc::default(),
                })
                .collect()
        };
        assert!(powers_of_two(&m(&[1, 2, 4, 8, 16])));
        assert!(powers_of_two(&m(&[0, 1, 2, 4])));
        assert!(!powers_of_two(&m(&[0, 1, 2])));
        assert!(!powers_of_two(&m(&[0, 1, 2, 3])));
    }

    #[test]
    fn stems() {
        assert_eq!(file_stem("a/b/user-list.md"), "user-list");
        assert_eq!(
            file_stem("seeds/002_5bbb588fb2260839.txt"),
            "002_5bbb588fb2260839"
        );
        assert_eq!(file_stem("noext"), "noext");
    }
}

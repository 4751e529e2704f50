//! Route stubs: a function per documented operation and path template, returning
//! the runtime's generic `RequestBuilder<R>`.
//!
//! A route is one small function and no type of its own, because the whole v1.0
//! tree has about 3,700 path templates and their compile time adds to the
//! models'. Everything a route shares with the others (URL building and
//! encoding, query options, response parsing) is the runtime's, written once.
//!
//! Planning turns each (operation, path template) into a [`Route`]: its module
//! (the first path segment), a collision-free function name, path arguments,
//! header and query arguments, the body and the response kind. Action
//! parameters become a [`ParamsPlan`] struct each, in the routes module.

use std::collections::{BTreeMap, BTreeSet};

use graphdoc_ir::{
    ApiModel, ApiVersion, HttpMethod, Operation, OperationKind, Primitive, Property, TypeKind,
    TypeName, TypeRef, sample_arguments_as_placeholders,
};
use proc_macro2::TokenStream;
use quote::quote;

use crate::codegen::{self, Ctx, ident};
use crate::docs;
use crate::naming::{self, Namer};
use crate::plan::{FieldType, Lookup, Plan, Scalar, TypeKey};

/// The module holding a version's routes (a workload module is never named so).
pub const ROUTES_MODULE: &str = "routes";

/// Headers that are the transport's business, never route arguments.
const TRANSPORT_HEADERS: &[&str] = &[
    "authorization",
    "content-type",
    "content-length",
    "host",
    "accept",
    "accept-encoding",
];

/// How a path argument is encoded: the runtime's template markers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// `{}`: one path segment, `/` encoded.
    Segment,
    /// `{/}`: a path spanning segments (`root:/{item-path}:`), `/` kept.
    Path,
    /// `{'}`: inside an OData string literal, `'` doubled.
    Literal,
}

impl Encoding {
    fn marker(self) -> &'static str {
        match self {
            Encoding::Segment => "{}",
            Encoding::Path => "{/}",
            Encoding::Literal => "{'}",
        }
    }
}

/// What a route sends.
#[derive(Debug, Clone, PartialEq)]
pub enum BodyPlan {
    None,
    /// A model type, by reference (create, replace).
    Model(TypeKey),
    /// A patch type (update).
    Patch(TypeKey),
    /// An action's parameters struct, by its index in [`RoutePlan::params`].
    Params(usize),
    /// Untyped JSON: the docs name no type.
    Json,
    /// Raw bytes (media content).
    Bytes,
}

/// How a route's successful response parses: the runtime's response kinds.
#[derive(Debug, Clone, PartialEq)]
pub enum ResponsePlan {
    Json(FieldType),
    Wrapped(FieldType),
    Collection(FieldType),
    NoContent,
    Bytes,
}

/// One route function.
#[derive(Debug, Clone)]
pub struct Route {
    pub name: String,
    pub op_id: String,
    pub method: HttpMethod,
    /// The path template as documented (trimmed): what an example's
    /// [`graphdoc_ir::RouteMatch::template`] names.
    pub template: String,
    /// The template as documented, with the runtime's markers in place of
    /// placeholders.
    pub runtime_template: String,
    /// The Rust names of the path arguments, in template order.
    pub path_args: Vec<String>,
    /// Required header arguments: (Rust name, header name).
    pub header_args: Vec<(String, String)>,
    /// Required query arguments: (Rust name, parameter name).
    pub query_args: Vec<(String, String)>,
    pub default_headers: Vec<(String, String)>,
    pub query_options: Vec<&'static str>,
    pub body: BodyPlan,
    pub response: ResponsePlan,
    /// The title and the documented path.
    pub doc: Vec<String>,
    /// Then, after the query options: headers, the result type, the source.
    pub notes: Vec<String>,
    /// Other operations documenting the very same route, merged into this one.
    pub also: Vec<String>,
    /// The (operation id, template) pairs of the other operations merged into
    /// this one (their placeholder names may differ).
    pub also_templates: Vec<(String, String)>,
}

impl Route {
    /// Whether two routes would be the same function but for the docs, the
    /// names of arguments and the documented query options (which only inform).
    fn same_as(&self, other: &Route) -> bool {
        (
            self.method,
            &self.runtime_template,
            &self.header_args,
            &self.query_args,
            &self.default_headers,
            &self.body,
            &self.response,
        ) == (
            other.method,
            &other.runtime_template,
            &other.header_args,
            &other.query_args,
            &other.default_headers,
            &other.body,
            &other.response,
        )
    }
}

/// A module of routes: the first path segment.
#[derive(Debug, Clone)]
pub struct RouteModule {
    /// The segment as documented, e.g. `deviceManagement`.
    pub segment: String,
    /// Sorted by name.
    pub routes: Vec<Route>,
}

/// An action's body: a struct with a field per documented parameter.
#[derive(Debug, Clone)]
pub struct ParamsPlan {
    pub name: String,
    pub doc: Vec<String>,
    /// (wire name, Rust name, type, doc).
    pub fields: Vec<(String, String, FieldType, Vec<String>)>,
    /// The Rust name of the map of undocumented members.
    pub additional: String,
}

/// The routes of one API version.
#[derive(Debug, Clone)]
pub struct RoutePlan {
    pub base_url: &'static str,
    pub modules: BTreeMap<String, RouteModule>,
    pub params: Vec<ParamsPlan>,
}

/// A placeholder of a template: `{...}` with its position.
struct Placeholder<'t> {
    text: &'t str,
    start: usize,
    end: usize,
}

fn placeholders(template: &str) -> Vec<Placeholder<'_>> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(open) = template[from..].find('{').map(|i| from + i) {
        let Some(close) = template[open..].find('}').map(|i| open + i) else {
            break;
        };
        out.push(Placeholder {
            text: &template[open + 1..close],
            start: open,
            end: close + 1,
        });
        from = close + 1;
    }
    out
}

/// The words a static path segment adds to a function name: `range(address='x')`
/// -> `range`, `root:` -> `root`, `$value` -> `value`, `microsoft.graph.user` ->
/// `user`; none for a placeholder.
fn segment_words(segment: &str) -> Option<String> {
    let mut text = String::new();
    let mut rest = segment;
    while let Some(open) = rest.find('{') {
        text.push_str(&rest[..open]);
        rest = rest[open..]
            .find('}')
            .map_or("", |close| &rest[open + close + 1..]);
    }
    text.push_str(rest);
    let text = text.split('(').next().unwrap_or_default();
    let text = text.rsplit('.').next().unwrap_or_default();
    let text = text.trim_matches(|c: char| !c.is_ascii_alphanumeric());
    text.chars()
        .any(|c| c.is_ascii_alphanumeric())
        .then(|| naming::snake(text))
}

/// A rough English singular, for naming `{id}` after its collection.
fn singular(word: &str) -> String {
    if let Some(stem) = word.strip_suffix("ies") {
        format!("{stem}y")
    } else if ["sses", "uses", "xes", "ches", "shes"]
        .iter()
        .any(|s| word.ends_with(s))
    {
        word[..word.len() - 2].to_owned()
    } else if let Some(stem) = word.strip_suffix('s').filter(|_| !word.ends_with("ss")) {
        stem.to_owned()
    } else {
        word.to_owned()
    }
}

/// Whether a placeholder name says nothing by itself.
fn generic_placeholder(name: &str) -> bool {
    matches!(name, "id" | "name" | "key" | "n" | "value" | "index")
}

/// The name of an OData key or function parameter a placeholder fills:
/// `deltaRows` in `resizedRange(deltaRows={n})`.
fn parameter_key(template: &str, start: usize) -> Option<&str> {
    let before = template[..start].trim_end_matches('\'');
    let before = before.strip_suffix('=')?;
    let key_start = before
        .rfind(|c: char| !c.is_ascii_alphanumeric() && c != '_')
        .map_or(0, |i| i + 1);
    let key = &before[key_start..];
    (!key.is_empty()).then_some(key)
}

fn kind_suffix(op: &Operation) -> Option<&'static str> {
    Some(match op.kind {
        OperationKind::Create => "create",
        OperationKind::List => "list",
        OperationKind::Get => "get",
        OperationKind::Update => "update",
        OperationKind::Delete => "delete",
        OperationKind::Action | OperationKind::Function => return None,
        OperationKind::Other => match op.method {
            HttpMethod::Get => "get",
            HttpMethod::Post => "post",
            HttpMethod::Put => "put",
            HttpMethod::Patch => "patch",
            HttpMethod::Delete => "delete",
        },
    })
}

fn method_suffix(method: HttpMethod) -> &'static str {
    match method {
        HttpMethod::Get => "get",
        HttpMethod::Post => "post",
        HttpMethod::Put => "put",
        HttpMethod::Patch => "patch",
        HttpMethod::Delete => "delete",
    }
}

fn query_option(option: &str) -> Option<&'static str> {
    Some(match option.trim().to_ascii_lowercase().as_str() {
        "$select" => "Select",
        "$filter" => "Filter",
        "$expand" => "Expand",
        "$top" => "Top",
        "$skip" => "Skip",
        "$orderby" => "OrderBy",
        "$search" => "Search",
        "$count" => "Count",
        "$skiptoken" => "SkipToken",
        "$deltatoken" => "DeltaToken",
        "$levels" => "Levels",
        _ => return None,
    })
}

fn is_token(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// A route before its function name is final.
struct Draft {
    module: String,
    segment: String,
    natural: String,
    route: Route,
}

struct Planner<'m, 'p> {
    model: &'m ApiModel,
    plan: &'p Plan,
    lookup: Lookup<'m>,
    params: Vec<ParamsPlan>,
    params_namer: Namer,
}

impl<'m> Planner<'m, '_> {
    fn field_type(&self, ty: &TypeRef) -> FieldType {
        let scalar = match &ty.name {
            TypeName::Primitive(p) => Scalar::Primitive(*p),
            TypeName::Named { name, .. } => match self.lookup.find(name) {
                Some(q) => {
                    let def = &self.model.types[q].def;
                    let key = TypeKey::Model(q.to_owned());
                    match def.kind {
                        TypeKind::Enum => Scalar::Enum {
                            key,
                            flags: def.is_flags,
                        },
                        TypeKind::Entity | TypeKind::Complex => Scalar::Struct(key),
                    }
                }
                None => Scalar::Json,
            },
            TypeName::InlineEnum => Scalar::Primitive(Primitive::String),
            TypeName::Unknown(_) => Scalar::Json,
        };
        FieldType {
            scalar,
            collection: ty.collection,
            boxed: false,
        }
    }

    fn struct_key(&self, ty: Option<&TypeRef>) -> Option<TypeKey> {
        match ty {
            Some(TypeRef {
                name: TypeName::Named { name, .. },
                collection: false,
            }) => self
                .lookup
                .find(name)
                .filter(|q| self.model.types[*q].def.kind != TypeKind::Enum)
                .map(|q| TypeKey::Model(q.to_owned())),
            _ => None,
        }
    }

    fn body(&mut self, op: &Operation, template: &str) -> BodyPlan {
        if matches!(op.method, HttpMethod::Get | HttpMethod::Delete) {
            return BodyPlan::None;
        }
        let last = template.rsplit('/').next().unwrap_or_default();
        if op.method == HttpMethod::Put && matches!(last, "content" | "$value") {
            return BodyPlan::Bytes;
        }
        let callable = matches!(
            op.kind,
            OperationKind::Action | OperationKind::Function | OperationKind::Other
        );
        let Some(body) = &op.request_body else {
            // Creates and updates need a body even when the page fails to say
            // which; an action the docs give no body may well take none (and the
            // builder's `json` can add one).
            return if callable {
                BodyPlan::None
            } else {
                BodyPlan::Json
            };
        };
        if body.none {
            return BodyPlan::None;
        }
        if matches!(
            body.ty.as_ref().map(|t| &t.name),
            Some(TypeName::Primitive(Primitive::Stream | Primitive::Binary))
        ) {
            return BodyPlan::Bytes;
        }
        if op.method == HttpMethod::Patch || op.kind == OperationKind::Update {
            if let Some(q) = self.lookup.update_target(op) {
                let patch = TypeKey::Patch(q.to_owned());
                return if op.method == HttpMethod::Patch && self.plan.names.contains_key(&patch) {
                    BodyPlan::Patch(patch)
                } else {
                    BodyPlan::Model(TypeKey::Model(q.to_owned()))
                };
            }
        } else if !callable {
            let response = op.response.as_ref().and_then(|r| r.ty.as_ref());
            if let Some(key) = self
                .struct_key(body.ty.as_ref())
                .or_else(|| self.struct_key(response))
            {
                return BodyPlan::Model(key);
            }
        } else if body.properties.is_empty()
            && let Some(key) = self.struct_key(body.ty.as_ref())
        {
            return BodyPlan::Model(key);
        }
        if !body.properties.is_empty() {
            BodyPlan::Params(self.params_struct(op, &body.properties))
        } else if callable {
            BodyPlan::None
        } else {
            BodyPlan::Json
        }
    }

    fn params_struct(&mut self, op: &Operation, properties: &[Property]) -> usize {
        let binding = op.binding_type.as_deref().map(|b| {
            self.lookup
                .find(b)
                .and_then(|q| self.plan.names.get(&TypeKey::Model(q.to_owned())))
                .cloned()
                .unwrap_or_else(|| naming::type_name(b.rsplit('.').next().unwrap_or(b)))
        });
        let natural = match (binding, &op.action_name) {
            (Some(b), Some(action)) => naming::type_name(&format!("{b} {action} params")),
            _ => naming::type_name(&format!("{} params", op.id)),
        };
        let name = self.params_namer.assign_one(&natural);
        let mut namer = Namer::snake();
        namer.reserve("additional");
        let mut seen = BTreeSet::new();
        let properties: Vec<&Property> = properties
            .iter()
            .filter(|p| seen.insert(p.name.as_str()))
            .collect();
        let naturals: Vec<String> = properties.iter().map(|p| naming::snake(&p.name)).collect();
        let fields = properties
            .iter()
            .zip(namer.assign(&naturals))
            .map(|(p, rust)| {
                let mut doc: Vec<String> = p.description.as_deref().and_then(docs::clean).into_iter().collect();
                if p.required && !doc.iter().any(|d| d.contains("Required")) {
                    doc.push("Required.".to_owned());
                }
                if matches!(p.ty.name, TypeName::Unknown(_))
                    || matches!(&p.ty.name, TypeName::Named { name, .. } if self.lookup.find(name).is_none())
                {
                    doc.push(format!(
                        "The docs give its type as `{}`, which is not in the model, so it is raw JSON.",
                        p.ty
                    ));
                }
                (p.name.clone(), rust, self.field_type(&p.ty), doc)
            })
            .collect();
        let title = docs::clean(&op.title).unwrap_or_else(|| op.id.clone());
        self.params.push(ParamsPlan {
            name,
            doc: vec![
                format!("The request body of `{title}`: its parameters."),
                "Every field is optional in Rust: the docs' \"Required\" marks are not \
                 reliable enough to be enforced, so they are noted on the fields."
                    .to_owned(),
            ],
            fields,
            additional: "additional".to_owned(),
        });
        self.params.len() - 1
    }

    fn response(&self, op: &Operation) -> ResponsePlan {
        let json = || FieldType {
            scalar: Scalar::Json,
            collection: false,
            boxed: false,
        };
        let Some(spec) = &op.response else {
            return match op.kind {
                OperationKind::Delete => ResponsePlan::NoContent,
                OperationKind::List => ResponsePlan::Collection(json()),
                _ => ResponsePlan::Json(json()),
            };
        };
        let callable = matches!(op.kind, OperationKind::Action | OperationKind::Function);
        match (&spec.ty, spec.status) {
            (_, Some(204)) => ResponsePlan::NoContent,
            (_, Some(302)) => ResponsePlan::Bytes,
            (Some(ty), _) if matches!(ty.name, TypeName::Primitive(Primitive::Stream)) => {
                ResponsePlan::Bytes
            }
            (Some(ty), _) if ty.collection || op.kind == OperationKind::List => {
                ResponsePlan::Collection(FieldType {
                    collection: false,
                    ..self.field_type(ty)
                })
            }
            (Some(ty), _) => {
                let ty = self.field_type(ty);
                if callable || matches!(ty.scalar, Scalar::Primitive(_)) {
                    ResponsePlan::Wrapped(ty)
                } else {
                    ResponsePlan::Json(ty)
                }
            }
            (None, _) if op.kind == OperationKind::List => ResponsePlan::Collection(json()),
            (None, Some(202)) => ResponsePlan::NoContent,
            (None, _) if op.kind == OperationKind::Delete => ResponsePlan::NoContent,
            (None, _) => ResponsePlan::Json(json()),
        }
    }

    /// A note when the docs name a response type the model lacks.
    fn unresolved_response(&self, op: &Operation) -> Option<String> {
        let ty = op.response.as_ref()?.ty.as_ref()?;
        let missing = match &ty.name {
            TypeName::Named { name, .. } => self.lookup.find(name).is_none(),
            TypeName::Unknown(_) => true,
            _ => false,
        };
        missing.then(|| {
            format!(
                "The docs name the result type `{ty}`, which is not in this version's \
                 model, so the result is raw JSON."
            )
        })
    }

    /// Where the operation is documented: its page on Microsoft Learn, for pages of
    /// the docs tree (`.../api/<stem>.md`).
    fn source_line(&self, op: &Operation) -> String {
        let path = self.model.path(op.loc);
        let page = path
            .rsplit_once("/api/")
            .and_then(|(_, file)| file.strip_suffix(".md"))
            .filter(|stem| !stem.contains('/'));
        match page {
            Some(stem) => {
                let view = match self.model.version {
                    ApiVersion::V1_0 => "graph-rest-1.0",
                    ApiVersion::Beta => "graph-rest-beta",
                };
                format!(
                    "Operation `{}`: <https://learn.microsoft.com/graph/api/{stem}?view={view}>.",
                    op.id
                )
            }
            None => format!("Operation `{}`.", op.id),
        }
    }

    fn draft(
        &mut self,
        op: &Operation,
        template: &str,
        index: usize,
        count: usize,
        body: &BodyPlan,
    ) -> Draft {
        let path = template.trim();
        let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        let segment = segments.first().copied().unwrap_or_default();
        let module_natural = segment_words(segment)
            .map(crate::plan::bounded)
            .unwrap_or_else(|| "service_root".to_owned());
        let mut words: Vec<String> = segments
            .iter()
            .skip(1)
            .filter_map(|s| segment_words(s))
            .collect();
        if let Some(suffix) = kind_suffix(op) {
            words.push(suffix.to_owned());
        } else if words.is_empty() {
            words.push(
                op.action_name
                    .as_deref()
                    .map_or_else(|| method_suffix(op.method).to_owned(), naming::snake),
            );
        }
        let natural = naming::snake(&words.join("_"));

        // Path arguments, named from the placeholder, or from what precedes it
        // when the placeholder is a bare `{id}`.
        let mut arg_namer = Namer::snake();
        arg_namer.reserve("body");
        // Function arguments the docs give sample values for (`(on='reviewer')`)
        // are arguments too, as the lint reads templates.
        let args_path = sample_arguments_as_placeholders(path);
        let found = placeholders(&args_path);
        let mut runtime_template = String::with_capacity(args_path.len());
        let mut naturals = Vec::new();
        let mut last = 0;
        for p in &found {
            runtime_template.push_str(&args_path[last..p.start]);
            last = p.end;
            let quoted =
                args_path[..p.start].ends_with('\'') && args_path[p.end..].starts_with('\'');
            let written = p.text.split('|').next().unwrap_or_default().trim();
            let encoding = if quoted {
                Encoding::Literal
            } else if written.to_ascii_lowercase().contains("path") {
                Encoding::Path
            } else {
                Encoding::Segment
            };
            runtime_template.push_str(encoding.marker());
            let base = naming::snake(written);
            let natural = if generic_placeholder(&base) {
                if let Some(key) = parameter_key(&args_path, p.start) {
                    naming::snake(key)
                } else if let Some(prev) = args_path[..p.start]
                    .trim_end_matches('/')
                    .rsplit('/')
                    .next()
                    .and_then(segment_words)
                {
                    let prev = prev.trim_end_matches('_');
                    let prev = prev.rsplit('_').next().unwrap_or(prev).to_owned();
                    naming::snake(&format!("{} {base}", singular(&prev)))
                } else {
                    base
                }
            } else {
                base
            };
            naturals.push(natural);
        }
        runtime_template.push_str(&args_path[last..]);
        let path_args = arg_namer.assign(&naturals);

        // Required headers become arguments; `ConsistencyLevel` a default.
        let mut default_headers = Vec::new();
        let mut header_args = Vec::new();
        let mut optional_headers = Vec::new();
        let mut seen = BTreeSet::new();
        for h in &op.request_headers {
            let name = h.name.trim();
            let lower = name.to_ascii_lowercase();
            if !is_token(name)
                || TRANSPORT_HEADERS.contains(&lower.as_str())
                || !seen.insert(lower.clone())
            {
                continue;
            }
            if lower == "consistencylevel" {
                default_headers.push(("ConsistencyLevel".to_owned(), "eventual".to_owned()));
            } else if h.required {
                header_args.push((arg_namer.assign_one(&naming::snake(name)), name.to_owned()));
            } else {
                optional_headers.push(format!("`{name}`"));
            }
        }
        let mut query_args = Vec::new();
        for q in &op.query_parameters {
            let name = q.name.trim();
            let in_path =
                args_path.contains(&format!("{name}=")) || found.iter().any(|p| p.text == name);
            if q.required
                && !in_path
                && !name.starts_with('$')
                && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                && query_args.iter().all(|(_, n)| n != name)
            {
                query_args.push((arg_namer.assign_one(&naming::snake(name)), name.to_owned()));
            }
        }
        let mut query_options: Vec<&'static str> = op
            .odata_options
            .iter()
            .filter_map(|o| query_option(o))
            .collect();
        query_options.sort_unstable();
        query_options.dedup();

        let mut doc = Vec::new();
        doc.extend(docs::clean(&op.title));
        let mut line = format!("`{} {path}`", op.method);
        if count > 1 {
            line.push_str(&format!(
                " (path {} of the {count} this operation documents)",
                index + 1
            ));
        }
        line.push('.');
        doc.push(line);
        let mut notes = Vec::new();
        if !default_headers.is_empty() {
            notes.push(
                "Sends `ConsistencyLevel: eventual`, which the docs ask for with advanced \
                 queries (`$search`, `$count`, some `$filter`s); `remove_header` drops it."
                    .to_owned(),
            );
        }
        if !optional_headers.is_empty() {
            notes.push(format!(
                "Optional headers the docs list: {}.",
                optional_headers.join(", ")
            ));
        }
        if let Some(note) = self.unresolved_response(op) {
            notes.push(note);
        }
        notes.push(self.source_line(op));

        Draft {
            module: module_natural,
            segment: segment.to_owned(),
            natural,
            route: Route {
                name: String::new(),
                op_id: op.id.clone(),
                method: op.method,
                template: path.to_owned(),
                runtime_template,
                path_args,
                header_args,
                query_args,
                default_headers,
                query_options,
                body: body.clone(),
                response: self.response(op),
                doc,
                notes,
                also: Vec::new(),
                also_templates: Vec::new(),
            },
        }
    }
}

/// Plans the routes of one API version.
pub fn build(model: &ApiModel, plan: &Plan, root: &str) -> RoutePlan {
    let mut planner = Planner {
        model,
        plan,
        lookup: Lookup::new(model, root),
        params: Vec::new(),
        params_namer: Namer::pascal(),
    };
    let mut drafts = Vec::new();
    for op in model.operations.values().map(|o| &o.op) {
        let mut templates: Vec<&str> = Vec::new();
        for p in &op.paths {
            let t = p.template.trim();
            if t.starts_with('/') && !templates.contains(&t) {
                templates.push(t);
            }
        }
        if templates.is_empty() {
            continue;
        }
        let template_for_body = templates[0];
        let body = planner.body(op, template_for_body);
        let count = templates.len();
        for (i, t) in templates.iter().enumerate() {
            drafts.push(planner.draft(op, t, i, count, &body));
        }
    }

    // Module names: one per first segment, in sorted order.
    let segments: BTreeMap<String, String> = drafts
        .iter()
        .map(|d| (d.segment.clone(), d.module.clone()))
        .collect();
    let mut module_namer = Namer::snake();
    let module_names: BTreeMap<String, String> = segments
        .keys()
        .cloned()
        .zip(module_namer.assign(&segments.values().cloned().collect::<Vec<_>>()))
        .collect();
    let mut grouped: BTreeMap<String, (String, Vec<Draft>)> = BTreeMap::new();
    for d in drafts {
        let module = module_names[&d.segment].clone();
        let entry = grouped
            .entry(module)
            .or_insert_with(|| (d.segment.clone(), Vec::new()));
        entry.1.push(d);
    }
    let mut modules = BTreeMap::new();
    for (module, (segment, mut drafts)) in grouped {
        // The first by (natural name, path, method, operation) keeps the
        // natural name; the others are numbered in that order. Of operations
        // documenting the same route, the one with the shortest id comes first:
        // the canonical page (`user-list`), not a workload's copy
        // (`intune-devices-user-list`).
        drafts.sort_by(|a, b| {
            let key = |d: &Draft| {
                (
                    d.natural.clone(),
                    d.route.runtime_template.clone(),
                    d.route.method,
                    d.route.op_id.len(),
                    d.route.op_id.clone(),
                )
            };
            key(a).cmp(&key(b))
        });
        // A route documented again, identically, by another page is one function.
        let mut unique: Vec<Draft> = Vec::with_capacity(drafts.len());
        for d in drafts {
            let same = unique
                .iter_mut()
                .rev()
                .take_while(|kept| kept.natural == d.natural)
                .find(|kept| kept.route.same_as(&d.route));
            match same {
                Some(kept) => {
                    let options = &mut kept.route.query_options;
                    options.extend(d.route.query_options);
                    options.sort_unstable();
                    options.dedup();
                    kept.route
                        .also_templates
                        .push((d.route.op_id.clone(), d.route.template));
                    kept.route.also.push(d.route.op_id);
                }
                _ => unique.push(d),
            }
        }
        let drafts = unique;
        let naturals: Vec<String> = drafts.iter().map(|d| d.natural.clone()).collect();
        let names = Namer::snake().assign(&naturals);
        let mut routes: Vec<Route> = drafts
            .into_iter()
            .zip(names)
            .map(|(d, name)| Route { name, ..d.route })
            .collect();
        routes.sort_by(|a, b| a.name.cmp(&b.name));
        modules.insert(module, RouteModule { segment, routes });
    }
    RoutePlan {
        base_url: model.version.base_url(),
        modules,
        params: planner.params,
    }
}

/// Renders routes: the items of the routes module (base URL, parameter
/// structs) and of each route module.
pub struct RoutesCode {
    pub doc: TokenStream,
    pub items: TokenStream,
    /// (module name, doc, items).
    pub modules: Vec<(String, TokenStream, TokenStream)>,
}

/// All routes as tokens at once: for the single-file layout.
pub fn render(ctx: &Ctx, plan: &Plan, routes: &RoutePlan) -> RoutesCode {
    let (doc, items) = render_root(ctx, plan, routes);
    let modules = routes
        .modules
        .iter()
        .map(|(name, module)| {
            let fns = route_fns(ctx, plan, routes, &module.routes);
            (name.clone(), module_doc(module), quote! { #(#fns)* })
        })
        .collect();
    RoutesCode {
        doc,
        items,
        modules,
    }
}

/// The doc and items of the routes module itself: the base URL and the
/// action-parameter structs.
pub fn render_root(ctx: &Ctx, plan: &Plan, routes: &RoutePlan) -> (TokenStream, TokenStream) {
    let base_url = routes.base_url;
    let base_doc = codegen::doc_attrs(&[
        "The service root of this API version; route paths follow it. \
         `RequestBuilder::base_url` or the client's `host` point requests elsewhere."
            .to_owned(),
    ]);
    let derives = codegen::derive_attr(&ctx.patch_derives);
    let params = routes.params.iter().map(|p| {
        let name = ident(&p.name);
        let doc = codegen::doc_attrs(&p.doc);
        let fields = p.fields.iter().map(|(wire, rust, ty, doc)| {
            let doc = codegen::doc_attrs(doc);
            let rust = ident(rust);
            let cfg = ctx.cfg_for(plan, None, codegen::scalar_key(&ty.scalar));
            let ty = ctx.field_type(plan, ty);
            quote! {
                #doc
                #cfg
                #[serde(rename = #wire, skip_serializing_if = "::std::option::Option::is_none")]
                pub #rust: ::std::option::Option<#ty>,
            }
        });
        let additional = ctx.additional_field(&p.additional);
        let deserialize_fields = p.fields.iter().map(|(wire, rust, ty, _)| {
            let rust = ident(rust);
            let cfg = ctx.cfg_for(plan, None, codegen::scalar_key(&ty.scalar));
            quote!(#cfg #rust: o.take(#wire)?,)
        });
        let deserialize = ctx.deserialize_object_impl(
            &name,
            None,
            &ident("take"),
            deserialize_fields,
            Some(&p.additional),
        );
        quote! {
            #doc
            #derives
            pub struct #name {
                #(#fields)*
                #additional
            }

            #deserialize
        }
    });
    let items = quote! {
        #base_doc
        pub const BASE_URL: &str = #base_url;
        #(#params)*
    };
    let doc = codegen::doc_attrs(&[
        "Routes: a function per documented operation and path template, in a module \
         per first path segment."
            .to_owned(),
        "Each function takes the path parameters (percent-encoded into the path), the \
         required headers and the body, and returns a `RequestBuilder` whose type \
         parameter says what a successful response holds. Add query options \
         (`.select(...)`, `.filter(...)`, ...), then `.build()` a transport-independent \
         `Request`, or send it with the runtime's client (feature `client`)."
            .to_owned(),
    ]);
    (doc, items)
}

/// The inner doc of a route module.
pub fn module_doc(module: &RouteModule) -> TokenStream {
    codegen::doc_attrs(&[format!("Routes under `/{}`.", module.segment)])
}

/// The functions of some routes of a module, one top-level item each (route
/// modules sit two levels below the version module, which holds the models).
pub fn route_fns<'a>(
    ctx: &'a Ctx,
    plan: &'a Plan,
    routes: &'a RoutePlan,
    module_routes: &'a [Route],
) -> impl Iterator<Item = TokenStream> + 'a {
    let route_ctx = Ctx {
        models: quote!(super::super),
        ..ctx.clone()
    };
    module_routes
        .iter()
        .map(move |r| route_fn(&route_ctx, plan, routes, r))
}

/// The model types a route function's signature names (a params struct is
/// always there: its fields are gated one by one).
fn route_types(r: &Route) -> impl Iterator<Item = &TypeKey> {
    let body = match &r.body {
        BodyPlan::Model(key) | BodyPlan::Patch(key) => Some(key),
        _ => None,
    };
    let response = match &r.response {
        ResponsePlan::Json(ty) | ResponsePlan::Wrapped(ty) | ResponsePlan::Collection(ty) => {
            codegen::scalar_key(&ty.scalar)
        }
        ResponsePlan::NoContent | ResponsePlan::Bytes => None,
    };
    body.into_iter().chain(response)
}

fn route_fn(ctx: &Ctx, plan: &Plan, routes: &RoutePlan, r: &Route) -> TokenStream {
    let rt = &ctx.rt;
    let name = ident(&r.name);
    let mut doc = r.doc.clone();
    if !r.query_options.is_empty() {
        let list: Vec<String> = r
            .query_options
            .iter()
            .map(|o| format!("`${}`", o.to_ascii_lowercase()))
            .collect();
        doc.push(format!(
            "The docs list the query options {}.",
            list.join(", ")
        ));
    }
    doc.extend(r.notes.iter().cloned());
    if !r.also.is_empty() {
        let ids: Vec<String> = r.also.iter().map(|id| format!("`{id}`")).collect();
        doc.push(format!(
            "The same route is documented by operation {} too.",
            ids.join(", ")
        ));
    }
    let doc = codegen::doc_attrs(&doc);
    let method = ident(match r.method {
        HttpMethod::Get => "Get",
        HttpMethod::Post => "Post",
        HttpMethod::Put => "Put",
        HttpMethod::Patch => "Patch",
        HttpMethod::Delete => "Delete",
    });
    let template = &r.runtime_template;
    let path_args: Vec<_> = r.path_args.iter().map(|a| ident(a)).collect();
    let header_args: Vec<_> = r.header_args.iter().map(|(a, _)| ident(a)).collect();
    let header_names = r.header_args.iter().map(|(_, h)| h);
    let query_args: Vec<_> = r.query_args.iter().map(|(a, _)| ident(a)).collect();
    let query_names = r.query_args.iter().map(|(_, q)| q);
    let body_arg = ident("body");
    let (body_param, body_call) = match &r.body {
        BodyPlan::None => (None, None),
        BodyPlan::Model(key) | BodyPlan::Patch(key) => {
            let ty = ctx.type_ref(plan, key);
            (
                Some(quote!(#body_arg: &#ty,)),
                Some(quote!(.json(#body_arg))),
            )
        }
        BodyPlan::Params(i) => {
            let ty = ident(&routes.params[*i].name);
            (
                Some(quote!(#body_arg: &super::#ty,)),
                Some(quote!(.json(#body_arg))),
            )
        }
        BodyPlan::Json => (
            Some(quote!(#body_arg: &#rt::serde_json::Value,)),
            Some(quote!(.json(#body_arg))),
        ),
        BodyPlan::Bytes => (
            Some(quote!(#body_arg: ::std::vec::Vec<u8>,)),
            Some(quote!(.bytes(#body_arg))),
        ),
    };
    let kind = match &r.response {
        ResponsePlan::Json(ty) => {
            let ty = ctx.field_type(plan, ty);
            quote!(#rt::http::Json<#ty>)
        }
        ResponsePlan::Wrapped(ty) => {
            let ty = ctx.field_type(plan, ty);
            quote!(#rt::http::Wrapped<#ty>)
        }
        ResponsePlan::Collection(ty) => {
            let ty = ctx.field_type(plan, ty);
            quote!(#rt::http::Collection<#ty>)
        }
        ResponsePlan::NoContent => quote!(#rt::http::NoContent),
        ResponsePlan::Bytes => quote!(#rt::http::Bytes),
    };
    let options = (!r.query_options.is_empty()).then(|| {
        let options = r.query_options.iter().map(|o| ident(o));
        quote!(.query_options(&[#(#rt::http::QueryOption::#options),*]))
    });
    let default_headers = r
        .default_headers
        .iter()
        .map(|(n, v)| quote!(.header(#n, #v)));
    let cfg = ctx.cfg_for(plan, None, route_types(r));
    quote! {
        #doc
        #cfg
        #[inline]
        pub fn #name(
            #(#path_args: &str,)*
            #(#header_args: &str,)*
            #(#query_args: &str,)*
            #body_param
        ) -> #rt::http::RequestBuilder<#kind> {
            #rt::http::RequestBuilder::new(
                #rt::http::Method::#method,
                super::BASE_URL,
                #template,
                &[#(#path_args),*],
            )
            #body_call
            #options
            #(#default_headers)*
            #(.header(#header_names, #header_args))*
            #(.query(#query_names, #query_args))*
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_of_segments() {
        let words = |s| segment_words(s);
        assert_eq!(
            words("deviceConfigurations").as_deref(),
            Some("device_configurations")
        );
        assert_eq!(
            words("range(address='<address>')").as_deref(),
            Some("range")
        );
        assert_eq!(words("root:").as_deref(), Some("root"));
        assert_eq!(words("$value").as_deref(), Some("value"));
        assert_eq!(words("microsoft.graph.user").as_deref(), Some("user"));
        assert_eq!(words("isManaged()").as_deref(), Some("is_managed"));
        assert_eq!(words("{id}"), None);
        assert_eq!(words("{item-path}:"), None);
        assert_eq!(words("(team-id)"), None);
        assert_eq!(words("type").as_deref(), Some("type_"));
    }

    #[test]
    fn singulars() {
        for (plural, one) in [
            ("users", "user"),
            ("policies", "policy"),
            ("statuses", "status"),
            ("addresses", "address"),
            ("mailboxes", "mailbox"),
            ("branches", "branch"),
            ("access", "access"),
            ("drive", "drive"),
        ] {
            assert_eq!(singular(plural), one);
        }
    }

    #[test]
    fn placeholders_and_their_keys() {
        let t = "/a/{x}/f(k='{y}', deltaRows={n})/{unclosed";
        let found = placeholders(t);
        let texts: Vec<&str> = found.iter().map(|p| p.text).collect();
        assert_eq!(texts, ["x", "y", "n"]);
        assert_eq!(parameter_key(t, found[0].start), None);
        assert_eq!(parameter_key(t, found[1].start), Some("k"));
        assert_eq!(parameter_key(t, found[2].start), Some("deltaRows"));
    }

    #[test]
    fn query_options_and_header_tokens() {
        assert_eq!(query_option(" $OrderBy "), Some("OrderBy"));
        assert_eq!(query_option("$format"), None);
        assert!(is_token("If-Match"));
        assert!(!is_token("Prefer: outlook.timezone"));
        assert!(!is_token(""));
    }
}

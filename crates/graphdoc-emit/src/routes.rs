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
//!
//! What a request sends and what its response holds the model says
//! ([`ModelOperation::request`], [`ModelOperation::response`]); planning only
//! renders it. Path templates are read by segment ([`PathTemplate::tokens`]),
//! never as text.

use std::collections::{BTreeMap, BTreeSet};

use graphdoc_ir::{
    ApiModel, ApiVersion, HttpMethod, ModelOperation, Operation, OperationKind, ParamPlace,
    PathTemplate, Piece, Property, RequestShape, ResponseShape, Segment, Target, TemplateParam,
    Token, TypeUse,
};
use proc_macro2::TokenStream;
use quote::quote;

use crate::codegen::{self, Ctx, ident};
use crate::docs;
use crate::naming::{self, Namer};
use crate::plan::{FieldType, Plan, Scalar, TypeKey};

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

/// The runtime's template marker for a path argument in this place: `{}` one
/// path segment (`/` encoded), `{/}` a path spanning segments
/// (`root:/{item-path}:`, `/` kept), `{'}` inside an OData string literal
/// (`'` doubled).
fn marker(place: ParamPlace) -> &'static str {
    match place {
        ParamPlace::Segment => "{}",
        ParamPlace::Path => "{/}",
        ParamPlace::Literal => "{'}",
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
    /// The path template's text ([`PathTemplate::template`]): what an
    /// example's [`graphdoc_ir::RouteMatch::template`] names.
    pub template: String,
    /// The template with the runtime's markers in place of parameters.
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

/// The words a name adds to a function name: `range(` -> `range`, `root:` ->
/// `root`, `microsoft.graph.user` -> `user`; none when nothing alphanumeric is
/// left.
fn name_words(text: &str) -> Option<String> {
    let text = text.split('(').next().unwrap_or_default();
    let text = text.rsplit('.').next().unwrap_or_default();
    let text = text.trim_matches(|c: char| !c.is_ascii_alphanumeric());
    text.chars()
        .any(|c| c.is_ascii_alphanumeric())
        .then(|| naming::snake(text))
}

/// The words a path segment adds to a function name: a literal's, a
/// function's name (`range(address='x')` -> `range`), a qualified name's last
/// part (`microsoft.graph.user` -> `user`), `value`, `count` and `ref` for
/// `$value`, `$count` and `$ref`, the text around a parameter
/// (`roleTemplateId={id}` -> `role_template_id`); none for a key.
fn segment_words(segment: &Segment) -> Option<String> {
    match segment {
        Segment::Literal(text) => name_words(text),
        Segment::Function { name, .. } => name_words(name),
        Segment::Qualified(name) => name_words(name),
        Segment::Value => Some("value".to_owned()),
        Segment::Count => Some("count".to_owned()),
        Segment::Ref => Some("ref".to_owned()),
        Segment::Param(pieces) => {
            let text: String = pieces
                .iter()
                .filter_map(|p| match p {
                    Piece::Text(t) => Some(t.as_str()),
                    Piece::Param(_) => None,
                })
                .collect::<Vec<_>>()
                .join(" ");
            name_words(&text)
        }
        Segment::Key(_) => None,
    }
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

fn kind_suffix(op: &Operation<TypeUse>) -> Option<&'static str> {
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
    params: Vec<ParamsPlan>,
    params_namer: Namer,
}

impl Planner<'_, '_> {
    fn field_type(&self, ty: &TypeUse) -> FieldType {
        self.plan.types(self.model).field_type(ty)
    }

    /// What the model says the operation sends.
    fn body(&mut self, mop: &ModelOperation) -> BodyPlan {
        match &mop.request {
            RequestShape::None => BodyPlan::None,
            // A create may send any type derived from the declared one.
            RequestShape::Entity(id) => {
                BodyPlan::Model(self.plan.types(self.model).value_key(self.model.ty(*id)))
            }
            RequestShape::Patch(id) => {
                let patch = TypeKey::Patch(*id);
                if self.plan.names.contains_key(&patch) {
                    BodyPlan::Patch(patch)
                } else {
                    BodyPlan::Model(TypeKey::Model(*id))
                }
            }
            RequestShape::Parameters => {
                let properties = mop
                    .op
                    .request_body
                    .as_ref()
                    .map_or(&[][..], |b| &b.properties[..]);
                BodyPlan::Params(self.params_struct(mop, properties))
            }
            RequestShape::Value(_) | RequestShape::Json => BodyPlan::Json,
            RequestShape::Bytes => BodyPlan::Bytes,
        }
    }

    fn params_struct(&mut self, mop: &ModelOperation, properties: &[Property<TypeUse>]) -> usize {
        let op = &mop.op;
        let binding = match (mop.binding, op.binding_type.as_deref()) {
            (Some(b), _) => Some(self.plan.name(&TypeKey::Model(b.ty)).to_owned()),
            (None, Some(written)) => Some(naming::type_name(
                written.rsplit('.').next().unwrap_or(written),
            )),
            (None, None) => None,
        };
        let natural = match (binding, &op.action_name) {
            (Some(b), Some(action)) => naming::type_name(&format!("{b} {action} params")),
            _ => naming::type_name(&format!("{} params", op.id)),
        };
        let name = self.params_namer.assign_one(&natural);
        let mut namer = Namer::snake();
        namer.reserve("additional");
        let mut seen = BTreeSet::new();
        let properties: Vec<&Property<TypeUse>> = properties
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
                if matches!(p.ty.target, Target::Unresolved(_)) {
                    doc.push(format!(
                        "The docs give its type as `{}`, which is not in the model, so it is raw JSON.",
                        self.model.display(&p.ty)
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

    /// What the model says a successful response holds.
    fn response(&self, mop: &ModelOperation) -> ResponsePlan {
        match &mop.response {
            ResponseShape::None => ResponsePlan::NoContent,
            ResponseShape::Bytes => ResponsePlan::Bytes,
            ResponseShape::Entity(id) => ResponsePlan::Json(FieldType {
                scalar: self.plan.types(self.model).model_scalar(self.model.ty(*id)),
                collection: false,
                boxed: false,
            }),
            ResponseShape::Value(ty) => ResponsePlan::Wrapped(self.field_type(ty)),
            ResponseShape::Collection(element) => ResponsePlan::Collection(FieldType {
                collection: false,
                ..self.field_type(element)
            }),
            ResponseShape::Json => ResponsePlan::Json(FieldType {
                scalar: Scalar::Json,
                collection: false,
                boxed: false,
            }),
        }
    }

    /// A note when the docs name a response type the model lacks.
    fn unresolved_response(&self, op: &Operation<TypeUse>) -> Option<String> {
        let ty = op.response.as_ref()?.ty.as_ref()?;
        matches!(ty.target, Target::Unresolved(_)).then(|| {
            format!(
                "The docs name the result type `{}`, which is not in this version's \
                 model, so the result is raw JSON.",
                self.model.display(ty)
            )
        })
    }

    /// The operation and where it is documented: its page on Microsoft Learn,
    /// for pages of the docs tree (`.../api/<stem>.md`). Ends the path's line.
    fn source_line(&self, op: &Operation<TypeUse>) -> String {
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
                    "operation `{}`, <https://learn.microsoft.com/graph/api/{stem}?view={view}>.",
                    op.id
                )
            }
            None => format!("operation `{}`.", op.id),
        }
    }

    fn draft(
        &mut self,
        mop: &ModelOperation,
        path: &PathTemplate,
        index: usize,
        count: usize,
        body: &BodyPlan,
    ) -> Draft {
        let op = &mop.op;
        let segments = &path.segments;
        let segment = segments
            .first()
            .map(ToString::to_string)
            .unwrap_or_default();
        let module_natural = segments
            .first()
            .and_then(segment_words)
            .map(crate::plan::bounded)
            .unwrap_or_else(|| "service_root".to_owned());
        let mut words: Vec<String> = segments.iter().skip(1).filter_map(segment_words).collect();
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

        // Path arguments, named from the parameter, or from what precedes it
        // when the parameter is a bare `{id}`. Function arguments the docs give
        // sample values for (`(on='reviewer')`) are parameters too.
        let mut arg_namer = Namer::snake();
        arg_namer.reserve("body");
        let (runtime_template, params) = runtime_template(path);
        let naturals: Vec<String> = params.iter().map(|(_, natural)| natural.clone()).collect();
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
            let in_path = params
                .iter()
                .any(|(p, _)| p.name == name || p.argument == Some(name));
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
        let mut line = format!("`{} {}`", op.method, path.template);
        if count > 1 {
            line.push_str(&format!(
                " (path {} of the {count} this operation documents)",
                index + 1
            ));
        }
        line.push_str(": ");
        line.push_str(&self.source_line(op));
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

        Draft {
            module: module_natural,
            segment,
            natural,
            route: Route {
                name: String::new(),
                op_id: op.id.clone(),
                method: op.method,
                template: path.template.clone(),
                runtime_template,
                path_args,
                header_args,
                query_args,
                default_headers,
                query_options,
                body: body.clone(),
                response: self.response(mop),
                doc,
                notes,
                also: Vec::new(),
                also_templates: Vec::new(),
            },
        }
    }
}

/// The template with the runtime's markers in place of its parameters, and
/// the parameters with the natural names of their arguments.
fn runtime_template(path: &PathTemplate) -> (String, Vec<(TemplateParam<'_>, String)>) {
    let mut out = String::with_capacity(path.template.len());
    let mut params = Vec::new();
    // The fixed text of the current segment so far.
    let mut before = String::new();
    for token in path.tokens() {
        match token {
            Token::Text("/") => {
                out.push('/');
                before.clear();
            }
            Token::Text(text) => {
                out.push_str(text);
                before.push_str(text);
            }
            Token::Param(p) => {
                out.push_str(marker(p.place));
                let natural = argument_name(&path.segments, &p, &before);
                params.push((p, natural));
            }
        }
    }
    (out, params)
}

/// The natural name of a path argument: the parameter's own name (the first
/// of `{id | userPrincipalName}`), unless that says nothing by itself (`{id}`):
/// then the function argument it fills (`deltaRows` in `(deltaRows={n})`),
/// else the singular of what precedes it: the fixed text before it in its
/// segment, the function it is the key of (`items('{id}')`), or the segment
/// before (`users/{id}` -> `user_id`).
fn argument_name(segments: &[Segment], p: &TemplateParam<'_>, before: &str) -> String {
    let written = p.name.split('|').next().unwrap_or_default().trim();
    let base = naming::snake(written);
    if !generic_placeholder(&base) {
        return base;
    }
    if let Some(argument) = p.argument {
        return naming::snake(argument);
    }
    let preceding = match &segments[p.segment] {
        Segment::Function { name, .. } => name_words(name),
        Segment::Param(_) if !before.is_empty() => name_words(before),
        _ => p
            .segment
            .checked_sub(1)
            .and_then(|i| segment_words(&segments[i])),
    };
    match preceding {
        Some(prev) => {
            let prev = prev.trim_end_matches('_');
            let prev = prev.rsplit('_').next().unwrap_or(prev);
            naming::snake(&format!("{} {base}", singular(prev)))
        }
        None => base,
    }
}

/// Plans the routes of one API version.
pub fn build(model: &ApiModel, plan: &Plan) -> RoutePlan {
    let mut planner = Planner {
        model,
        plan,
        params: Vec::new(),
        params_namer: Namer::pascal(),
    };
    let mut drafts = Vec::new();
    for mop in model.operations.values() {
        let mut templates: Vec<&PathTemplate> = Vec::new();
        for p in &mop.op.paths {
            if templates.iter().all(|t| t.template != p.template) {
                templates.push(p);
            }
        }
        if templates.is_empty() {
            continue;
        }
        let body = planner.body(mop);
        let count = templates.len();
        for (i, t) in templates.iter().enumerate() {
            drafts.push(planner.draft(mop, t, i, count, &body));
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
            fn key(d: &Draft) -> (&str, &str, HttpMethod, usize, &str) {
                (
                    &d.natural,
                    &d.route.runtime_template,
                    d.route.method,
                    d.route.op_id.len(),
                    &d.route.op_id,
                )
            }
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
            let imports = module_imports(ctx);
            (
                name.clone(),
                module_doc(module),
                quote! { #imports #(#fns)* },
            )
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
        let fields = p.fields.iter().map(|(_, rust, ty, doc)| {
            let doc = codegen::doc_attrs(doc);
            let rust = ident(rust);
            let cfg = ctx.cfg_for(plan, None, codegen::scalar_key(&ty.scalar));
            let ty = ctx.field_type(plan, ty);
            quote! {
                #doc
                #cfg
                pub #rust: Option<#ty>,
            }
        });
        let additional = ctx.additional_field(&p.additional);
        let wire_names = p
            .fields
            .iter()
            .map(|(wire, rust, ty, _)| {
                let rust = ident(rust);
                let cfg = ctx.cfg_for(plan, None, codegen::scalar_key(&ty.scalar));
                quote!(#cfg #rust = #wire,)
            })
            .collect();
        let serde = ctx.object_impls(&name, wire_names, &p.additional);
        quote! {
            #doc
            #derives
            pub struct #name {
                #(#fields)*
                #additional
            }

            #serde
        }
    });
    let helpers = method_helpers(ctx, routes);
    let items = quote! {
        #base_doc
        pub const BASE_URL: &str = #base_url;
        #(#helpers)*
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

/// What a route module imports: the runtime's `http` module, whose names
/// (`http::RequestBuilder`, `http::Json`, ...) its signatures spell. Unused
/// when the workload features leave none of the module's routes.
pub fn module_imports(ctx: &Ctx) -> TokenStream {
    let rt = &ctx.rt;
    quote! {
        #[allow(unused_imports)]
        use #rt::http;
    }
}

/// The HTTP methods' names, as the runtime's `Method` variants and as the
/// routes module's helpers (see [`method_helpers`]).
fn method_names(method: HttpMethod) -> (&'static str, &'static str) {
    match method {
        HttpMethod::Get => ("Get", "get"),
        HttpMethod::Post => ("Post", "post"),
        HttpMethod::Put => ("Put", "put"),
        HttpMethod::Patch => ("Patch", "patch"),
        HttpMethod::Delete => ("Delete", "delete"),
    }
}

/// A private function in the routes module per HTTP method the routes use
/// (`get`, `post`, ...), starting a request at [`RoutePlan::base_url`]: what
/// every route function's body calls, so that the body is one short line.
fn method_helpers(ctx: &Ctx, routes: &RoutePlan) -> Vec<TokenStream> {
    let rt = &ctx.rt;
    let used: BTreeSet<HttpMethod> = routes
        .modules
        .values()
        .flat_map(|m| &m.routes)
        .map(|r| r.method)
        .collect();
    used.into_iter()
        .map(|method| {
            let (variant, helper) = method_names(method);
            let doc = format!(
                " A `{}` request to [`BASE_URL`] and `template`, its markers taking `args`.",
                variant.to_ascii_uppercase()
            );
            let (variant, helper) = (ident(variant), ident(helper));
            quote! {
                #[doc = #doc]
                fn #helper<R>(template: &str, args: &[&str]) -> #rt::http::RequestBuilder<R> {
                    #rt::http::RequestBuilder::new(#rt::http::Method::#variant, BASE_URL, template, args)
                }
            }
        })
        .collect()
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
    let http = quote!(http);
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
    let method = ident(method_names(r.method).1);
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
            Some(quote!(#body_arg: Vec<u8>,)),
            Some(quote!(.bytes(#body_arg))),
        ),
    };
    let kind = match &r.response {
        ResponsePlan::Json(ty) => {
            let ty = ctx.field_type(plan, ty);
            quote!(#http::Json<#ty>)
        }
        ResponsePlan::Wrapped(ty) => {
            let ty = ctx.field_type(plan, ty);
            quote!(#http::Wrapped<#ty>)
        }
        ResponsePlan::Collection(ty) => {
            let ty = ctx.field_type(plan, ty);
            quote!(#http::Collection<#ty>)
        }
        ResponsePlan::NoContent => quote!(#http::NoContent),
        ResponsePlan::Bytes => quote!(#http::Bytes),
    };
    let options = (!r.query_options.is_empty()).then(|| {
        let options = r.query_options.iter().map(|o| ident(o));
        quote!(.query_options(&[#(#http::QueryOption::#options),*]))
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
        ) -> #http::RequestBuilder<#kind> {
            super::#method(#template, &[#(#path_args),*])
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
    use graphdoc_ir::Loc;

    fn template(text: &str) -> PathTemplate {
        PathTemplate::parse(text, Loc::default())
    }

    #[test]
    fn words_of_segments() {
        let words = |s: &str| {
            let t = template(&format!("/{s}"));
            assert_eq!(t.segments.len(), 1, "{s}");
            segment_words(&t.segments[0])
        };
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
        assert_eq!(words("$count").as_deref(), Some("count"));
        assert_eq!(words("$ref").as_deref(), Some("ref"));
        assert_eq!(words("microsoft.graph.user").as_deref(), Some("user"));
        assert_eq!(words("isManaged()").as_deref(), Some("is_managed"));
        assert_eq!(words("{id}"), None);
        assert_eq!(words("{item-path}:"), None);
        assert_eq!(
            words("roleTemplateId={id}").as_deref(),
            Some("role_template_id")
        );
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
    fn argument_names_and_markers() {
        let t = template(
            "/a/{x}/sheets/{id|name}/f(k='{y}',deltaRows={n})/items('{id}')/root:/{item-path}:",
        );
        let (runtime, params) = runtime_template(&t);
        let names: Vec<&str> = params.iter().map(|(_, n)| n.as_str()).collect();
        assert_eq!(
            names,
            ["x", "sheet_id", "y", "delta_rows", "item_id", "item_path"]
        );
        assert_eq!(
            runtime,
            "/a/{}/sheets/{}/f(k='{'}',deltaRows={})/items('{'}')/root:/{/}:"
        );
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

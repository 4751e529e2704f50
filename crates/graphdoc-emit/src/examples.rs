//! Example tests: one `#[test]` per documented example, for the generated
//! crate's `tests/examples.rs`.
//!
//! Each test is a few calls into the runtime's `testing` module:
//!
//! 1. the route function of the example's (operation, path template) builds
//!    the request, with the documented path arguments (percent-decoded: the
//!    builder encodes them), required headers and query; method, path and
//!    query must be the documented ones (compared percent-decoded; query
//!    pairs are set with `RequestBuilder::query`, see `testing`);
//! 2. a typed request body (a model, patch or action-parameters type) is
//!    deserialized from the documented JSON, serialized again without loss,
//!    and sent: the request's body must be the documented one. A patch
//!    body's own `null` members are significant (`Patch::Null` clears a
//!    property), so patch bodies use `round_trip_patch` and
//!    `assert_patch_request`, which do not read them as absent;
//! 3. the documented response body is deserialized into the documented type
//!    (`CollectionPage<T>` for a collection, the bare value for a primitive or
//!    enum result, wrapped or not), serialized again, and compared: nothing
//!    may be lost (an explicit `null` member equals an absent one);
//! 4. optionally, the typed values are recorded as insta snapshots (named
//!    `{test}__request` / `__response`; insta prefixes the module path:
//!    `tests/snapshots/examples__v1_0__{test}__response.snap`).
//!
//! An example the lint could not make a passing test is emitted
//! `#[ignore = "reason"]`, with whatever of the above compiles (the route
//! call, types that exist). A test's doc comment names the example, its source
//! and the docs findings on its lines (placeholders replaced, a wrapper
//! removed, ...): the decisions behind its expected values.

use std::collections::HashMap;

use graphdoc_ir::{
    ApiModel, Body, BodyType, CheckedExample, CheckedRequest, Diagnostic, HttpMethod, Primitive,
    ResolvedType, RouteMatch,
};
use proc_macro2::TokenStream;
use quote::quote;

use crate::codegen::{self, Ctx, ident};
use crate::naming::{self, Namer};
use crate::plan::{FieldType, Plan, Scalar, TypeKey};
use crate::routes::{BodyPlan, ResponsePlan, Route, RoutePlan};
use crate::{EmitError, EmitSettings, GeneratedFile, PlannedVersion, version_module};

/// Where the example tests go, relative to the crate root.
pub const EXAMPLE_TESTS_FILE: &str = "tests/examples.rs";

/// The dev-dependencies the example tests need besides `graphdoc-runtime`, as
/// `Cargo.toml` lines (name, TOML value).
pub const EXAMPLE_TEST_DEV_DEPENDENCIES: &[(&str, &str)] = &[("insta", "\"1\"")];

/// One API version's examples, as the lint checked them, with the findings
/// about them (the ones on an example's lines are quoted in its test's docs).
#[derive(Debug, Clone, Copy)]
pub struct VersionExamples<'a> {
    pub model: &'a ApiModel,
    pub examples: &'a [CheckedExample],
    pub diagnostics: &'a [Diagnostic],
}

/// The generated crate's example tests ([`EXAMPLE_TESTS_FILE`], its `path`
/// relative to the crate root, not `src/`): a module per version, a test per
/// example. `crate_name` is the generated library's name as Rust spells it
/// (`graphdoc_generated`).
pub fn emit_example_tests(
    versions: &[VersionExamples<'_>],
    settings: &EmitSettings,
    crate_name: &str,
) -> Result<GeneratedFile, EmitError> {
    let planned = versions
        .iter()
        .map(|v| PlannedVersion::new(v.model, settings))
        .collect::<Result<Vec<_>, EmitError>>()?;
    render_example_tests(&planned, versions, settings, crate_name)
}

/// [`emit_example_tests`] with each version's plan (found by API version).
pub(crate) fn render_example_tests(
    planned: &[PlannedVersion<'_>],
    versions: &[VersionExamples<'_>],
    settings: &EmitSettings,
    crate_name: &str,
) -> Result<GeneratedFile, EmitError> {
    let crate_path = crate::parse_path("crate_name", crate_name)?;
    crate::context(settings)?;
    let mut versions = versions.to_vec();
    versions.sort_by_key(|v| v.model.version);
    let doc = codegen::doc_attrs(&[
        "A test per documented example: the route builds the documented request, and the \
         documented bodies deserialize into their types and serialize back without loss \
         (see the runtime's `testing` module for how values are compared)."
            .to_owned(),
        "Examples that cannot pass are ignored, with the reason the docs lint gave as `#[ignore = \"...\"]`.".to_owned(),
    ]);
    let inner_doc = crate::inner(doc);
    let head = crate::unparse(quote! {
        #inner_doc
        #![allow(clippy::all, non_snake_case)]
    })?;
    let mut file = None;
    for v in versions.iter().filter(|v| !v.examples.is_empty()) {
        let version = planned
            .iter()
            .find(|p| p.model().version == v.model.version)
            .ok_or(EmitError::UnplannedVersion(v.model.version))?;
        let (module, tests) = version_tests(v, version, settings, &crate_path)?;
        // Sized once the first version's tests are known: the file is large.
        let file = file.get_or_insert_with(|| {
            let len = head.len() + tests.iter().map(String::len).sum::<usize>() * 11 / 10;
            let mut file = crate::FileText::with_capacity(len);
            file.push(&head);
            file
        });
        file.push(&module);
        for piece in tests {
            file.push_indented(&piece, "    ");
        }
        file.push("}\n");
    }
    let contents = match file {
        Some(file) => file.finish(),
        None => crate::finish(&head),
    };
    Ok(GeneratedFile {
        path: EXAMPLE_TESTS_FILE.to_owned(),
        contents,
    })
}

/// The module of one version's tests, unparsed: its head (up to, without,
/// its closing brace) and its tests. The tests are rendered in pieces on all
/// threads as top-level items, to be indented into the module: no literal
/// the tests hold spans lines, so indenting changes no value (a line may run
/// 4 columns past prettyplease's width).
fn version_tests(
    v: &VersionExamples<'_>,
    version: &PlannedVersion<'_>,
    settings: &EmitSettings,
    crate_path: &syn::Path,
) -> Result<(String, Vec<String>), EmitError> {
    let module = version_module(v.model.version);
    let module_ident = ident(module);
    let shared = Shared::new(v, version, settings)?;
    let naturals: Vec<String> = v.examples.iter().map(|e| test_name(&e.id)).collect();
    let names = Namer::snake().assign(&naturals);
    let tests: Vec<(&CheckedExample, &String)> = v.examples.iter().zip(&names).collect();
    let rendered = crate::unparse_pieces(&tests, settings, |ctx, chunk| {
        let emitter = Emitter {
            ctx: Ctx {
                models: quote!(api),
                ..ctx.clone()
            },
            shared: &shared,
        };
        let tests = chunk.iter().map(|(ex, name)| emitter.test(ex, name));
        quote! { #(#tests)* }
    })?;

    let rt = crate::context(settings)?.rt;
    let doc = format!(" The examples of Microsoft Graph {}.", v.model.version);
    let head = crate::unparse(quote! {
        #[doc = #doc]
        #[rustfmt::skip]
        mod #module_ident {
            #[allow(unused_imports)]
            use #rt::http::{CollectionPage, Method};
            #[allow(unused_imports)]
            use #rt::testing::{
                assert_patch_request, assert_request, round_trip, round_trip_patch,
                round_trip_value,
            };
            #[allow(unused_imports)]
            use #crate_path::#module_ident as api;
        }
    })?;
    let open = head
        .strip_suffix("}\n")
        .expect("a module ends with its closing brace")
        .to_owned();
    Ok((open, rendered))
}

/// A test function's natural name: the example id in snake case.
pub(crate) fn test_name(id: &str) -> String {
    let snake = naming::snake(id);
    if snake.is_empty() {
        "example".to_owned()
    } else {
        snake
    }
}

/// (operation id, template) -> (route module, route), for every operation a
/// route documents.
fn route_index(plan: &RoutePlan) -> HashMap<(String, String), (String, &Route)> {
    let mut index = HashMap::new();
    for (module, m) in &plan.modules {
        for r in &m.routes {
            index.insert((r.op_id.clone(), r.template.clone()), (module.clone(), r));
            for (op, template) in &r.also_templates {
                index
                    .entry((op.clone(), template.clone()))
                    .or_insert_with(|| (module.clone(), r));
            }
        }
    }
    index
}

fn findings_by_file(diagnostics: &[Diagnostic]) -> HashMap<&str, Vec<&Diagnostic>> {
    let mut map: HashMap<&str, Vec<&Diagnostic>> = HashMap::new();
    for d in diagnostics {
        map.entry(d.file.as_str()).or_default().push(d);
    }
    map
}

/// What every test of a version needs, shared by the threads rendering them.
pub(crate) struct Shared<'a> {
    model: &'a ApiModel,
    plan: &'a Plan,
    routes: HashMap<(String, String), (String, &'a Route)>,
    /// The action parameter structs' names, by index.
    params: Vec<String>,
    snapshots: bool,
    findings: HashMap<&'a str, Vec<&'a Diagnostic>>,
    starts: HashMap<&'a str, Vec<u32>>,
}

impl<'a> Shared<'a> {
    pub(crate) fn new(
        v: &VersionExamples<'a>,
        version: &'a PlannedVersion<'_>,
        settings: &EmitSettings,
    ) -> Result<Self, EmitError> {
        let route_plan = version.route_plan().ok_or(EmitError::RoutesNeedModels)?;
        Ok(Shared {
            model: v.model,
            plan: version.plan(),
            routes: route_index(route_plan),
            params: route_plan.params.iter().map(|p| p.name.clone()).collect(),
            snapshots: settings.emits_example_snapshots(),
            findings: findings_by_file(v.diagnostics),
            starts: example_starts(v.examples),
        })
    }
}

impl<'a> Shared<'a> {
    /// The route function an example's request calls, with the path
    /// template it matched; or, as an ignore reason, why the bindings have
    /// no such call (a generator gap, never a docs defect).
    fn route_of<'r>(
        &self,
        ex: &CheckedExample,
        req: &'r CheckedRequest,
    ) -> Result<(&'r RouteMatch, &(String, &'a Route)), String> {
        let Some((m, found)) = req.route.as_ref().and_then(|m| {
            self.routes
                .get(&(ex.operation.clone(), m.template.trim().to_owned()))
                .map(|r| (m, r))
        }) else {
            return Err(format!(
                "graphdoc: no route function of operation `{}` for `{}`",
                ex.operation, req.path
            ));
        };
        let route = found.1;
        if m.args.len() != route.path_args.len() {
            return Err(format!(
                "graphdoc: route function `{}` takes {} path arguments, the URL `{}` \
                 gives {} for `{}`",
                route.name,
                route.path_args.len(),
                req.path,
                m.args.len(),
                m.template
            ));
        }
        Ok((m, found))
    }

    /// What the example's test is: the one decision behind its
    /// `#[ignore = "..."]` (the lint's reason first, then the generator's).
    pub(crate) fn outcome(&self, ex: &CheckedExample) -> ExampleOutcome {
        if let Some(reason) = &ex.ignore {
            return ExampleOutcome::Ignored {
                reason: reason.clone(),
            };
        }
        match ex.request.as_ref().map(|req| self.route_of(ex, req)) {
            Some(Err(reason)) => ExampleOutcome::Failing { reason },
            _ => ExampleOutcome::Pass,
        }
    }
}

/// What an example's test is, as [`emit_example_tests`] writes it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ExampleOutcome {
    /// A test that runs: the request is built and the bodies round-trip.
    Pass,
    /// `#[ignore = reason]` for a docs defect the lint found (the reason it gave).
    Ignored { reason: String },
    /// `#[ignore = reason]` the generator gives itself (`graphdoc: ...`): the
    /// bindings have no call for the documented request. A graphdoc bug, never
    /// a docs defect; the whole-tree example tests require none.
    Failing { reason: String },
}

/// Each example of each version with its [`ExampleOutcome`], in the order
/// of `versions` then of their examples: the same decision
/// [`emit_example_tests`] makes for each test's `#[ignore = "reason"]`, without
/// rendering anything. `planned` holds each version's plan (by API version).
pub fn example_outcomes<'e>(
    planned: &[PlannedVersion<'_>],
    versions: &[VersionExamples<'e>],
    settings: &EmitSettings,
) -> Result<Vec<(&'e CheckedExample, ExampleOutcome)>, EmitError> {
    let mut out = Vec::new();
    for v in versions {
        let version = planned
            .iter()
            .find(|p| p.model().version == v.model.version)
            .ok_or(EmitError::UnplannedVersion(v.model.version))?;
        let shared = Shared::new(v, version, settings)?;
        out.extend(v.examples.iter().map(|ex| (ex, shared.outcome(ex))));
    }
    Ok(out)
}

/// Renders tests: a thread's own tokens context (tokens are not `Send`) over
/// the version's shared facts.
pub(crate) struct Emitter<'a> {
    pub(crate) ctx: Ctx,
    pub(crate) shared: &'a Shared<'a>,
}

/// The call of an example's route function with the example's arguments.
pub(crate) struct RouteCall {
    /// `api::routes::module::function(args)`.
    pub(crate) call: TokenStream,
    /// The documented body to compare the request's with
    /// (`Option<&str>`, or `&str` for a patch).
    pub(crate) compare: TokenStream,
    /// The body is an update's: compared with its `null`s significant.
    pub(crate) patch: bool,
    /// The route reads a JSON body into a type (not bytes, not nothing).
    pub(crate) reads_json: bool,
    /// The route function's name.
    pub(crate) route: String,
}

/// A documented JSON body as a (raw) string literal.
fn json_literal(value: &serde_json::Value) -> TokenStream {
    let text = value.to_string();
    let mut hashes = String::from("#");
    while text.contains(&format!("\"{hashes}")) {
        hashes.push('#');
    }
    format!("r{hashes}\"{text}\"{hashes}")
        .parse()
        .expect("a raw string literal")
}

pub(crate) fn json_of(body: &Option<Body>) -> Option<&serde_json::Value> {
    match body {
        Some(Body::Json(v)) => Some(v),
        _ => None,
    }
}

impl Emitter<'_> {
    /// The Rust type of a resolved type, when the bindings have one.
    fn resolve(&self, ty: &ResolvedType) -> Option<FieldType> {
        let scalar = if let Some(p) = ty
            .name
            .strip_prefix("Edm.")
            .and_then(|_| Primitive::from_doc_spelling(&ty.name))
        {
            if p == Primitive::Stream {
                return None;
            }
            Scalar::Primitive(p)
        } else {
            // A qualified name: the lint resolved it in the model.
            let t = self.shared.model.get(&ty.name)?;
            if !self.shared.plan.names.contains_key(&TypeKey::Model(t.id)) {
                return None;
            }
            self.shared.plan.types(self.shared.model).model_scalar(t)
        };
        Some(FieldType {
            scalar,
            collection: ty.collection,
            boxed: false,
        })
    }

    fn doc(&self, ex: &CheckedExample) -> TokenStream {
        let mut lines = vec![format!(
            "Example `{}` of operation `{}`.",
            ex.id, ex.operation
        )];
        let sources: Vec<_> = [
            ex.request.as_ref().map(|r| &r.source),
            ex.response.as_ref().map(|r| &r.source),
        ]
        .into_iter()
        .flatten()
        .collect();
        if let Some(first) = sources.first() {
            lines.push(format!(
                "Documented at `{}:{}`.",
                short_path(&first.file),
                first.line
            ));
            // Findings from the example's first line to the next example's
            // in the same file: the example's own lines.
            let from = first.line;
            let to = self
                .shared
                .starts
                .get(first.file.as_str())
                .and_then(|starts| starts.iter().find(|&&l| l > from))
                .map_or(u32::MAX, |next| next - 1);
            let mut notes = Vec::new();
            for d in self
                .shared
                .findings
                .get(first.file.as_str())
                .into_iter()
                .flatten()
            {
                if (from..=to).contains(&d.line) {
                    notes.push(format!(
                        "- {}[{}] line {}: {}",
                        d.severity, d.code, d.line, d.message
                    ));
                }
            }
            if !notes.is_empty() {
                lines.push(format!("Docs findings on its lines:\n{}", notes.join("\n")));
            }
        }
        codegen::doc_attrs(&lines)
    }

    /// The example's route function called with the example's path
    /// arguments (percent-decoded), headers, query arguments and body; or,
    /// as an ignore reason, why the bindings have no such call.
    pub(crate) fn route_call(
        &self,
        ex: &CheckedExample,
        req: &CheckedRequest,
        typed_body: Option<&FieldType>,
    ) -> Result<RouteCall, String> {
        let rt = &self.ctx.rt;
        let json = json_of(&req.body);
        let (m, (module, route)) = self.shared.route_of(ex, req)?;
        let module = ident(module);
        let func = ident(&route.name);
        let mut args: Vec<TokenStream> = m
            .args
            .iter()
            .map(|(_, v)| {
                let v = decode(v);
                quote!(#v)
            })
            .collect();
        for (_, header) in &route.header_args {
            let value = req
                .headers
                .iter()
                .find(|(n, _)| n.eq_ignore_ascii_case(header))
                .map_or("", |(_, v)| v.as_str());
            args.push(quote!(#value));
        }
        let query = req.query.as_deref().unwrap_or_default();
        for (_, q) in &route.query_args {
            let value = query
                .split('&')
                .filter_map(|p| p.split_once('='))
                .find(|(n, _)| decode(n) == *q)
                .map_or_else(String::new, |(_, v)| decode(v));
            args.push(quote!(#value));
        }
        let mut compare = quote!(::std::option::Option::None);
        let mut patch = false;
        match &route.body {
            BodyPlan::None => {}
            BodyPlan::Model(key) => match json {
                Some(json) => {
                    let same = matches!(
                        &typed_body,
                        Some(FieldType { scalar: Scalar::Struct(k), collection: false, .. }) if k == key
                    );
                    let lit = json_literal(json);
                    if same {
                        args.push(quote!(&request_body));
                    } else {
                        let ty = self.ctx.type_ref(self.shared.plan, key);
                        args.push(quote!(&round_trip::<#ty>(#lit)));
                    }
                    compare = quote!(::std::option::Option::Some(#lit));
                }
                None => args.push(quote!(&::std::default::Default::default())),
            },
            BodyPlan::Patch(key) => match json {
                Some(json) => {
                    let lit = json_literal(json);
                    let ty = self.ctx.type_ref(self.shared.plan, key);
                    args.push(quote!(&round_trip_patch::<#ty>(#lit)));
                    compare = quote!(#lit);
                    patch = true;
                }
                None => args.push(quote!(&::std::default::Default::default())),
            },
            BodyPlan::Params(i) => match json {
                Some(json) => {
                    let lit = json_literal(json);
                    let ty = ident(&self.shared.params[*i]);
                    args.push(quote!(&round_trip::<api::routes::#ty>(#lit)));
                    compare = quote!(::std::option::Option::Some(#lit));
                }
                None => args.push(quote!(&::std::default::Default::default())),
            },
            BodyPlan::Json => match json {
                Some(json) => {
                    let lit = json_literal(json);
                    args.push(quote!(&#rt::serde_json::from_str(#lit).unwrap()));
                    compare = quote!(::std::option::Option::Some(#lit));
                }
                None => args.push(quote!(&#rt::serde_json::Value::Null)),
            },
            BodyPlan::Bytes => args.push(quote!(::std::vec::Vec::new())),
        }
        Ok(RouteCall {
            call: quote!(api::routes::#module::#func(#(#args),*)),
            compare,
            patch,
            reads_json: !matches!(
                route.response,
                ResponsePlan::NoContent | ResponsePlan::Bytes
            ),
            route: route.name.clone(),
        })
    }

    fn test(&self, ex: &CheckedExample, name: &str) -> TokenStream {
        let fn_name = ident(name);
        let mut body = TokenStream::new();
        let mut snapshots = Vec::new();

        if let Some(req) = &ex.request {
            let json = json_of(&req.body);
            let body_ty = match &req.body_type {
                Some(BodyType::Type(t)) => self.resolve(t),
                _ => None,
            };
            let mut typed_body: Option<FieldType> = None;
            if let (Some(json), Some(ty)) = (json, &body_ty) {
                let lit = json_literal(json);
                let rust = self.ctx.field_type(self.shared.plan, ty);
                body.extend(quote!(let request_body = round_trip::<#rust>(#lit);));
                snapshots.push(("request", quote!(request_body)));
                typed_body = Some(ty.clone());
            }
            // Without a call, `outcome` gives the reason as the test's ignore.
            if let Ok(RouteCall {
                call,
                compare,
                patch,
                ..
            }) = self.route_call(ex, req, typed_body.as_ref())
            {
                let method = method_ident(req.method);
                let path = &req.path;
                let query = req.query.as_deref().unwrap_or_default();
                let assert = if patch {
                    quote!(assert_patch_request)
                } else {
                    quote!(assert_request)
                };
                body.extend(quote! {
                    #assert(
                        #call,
                        Method::#method,
                        #path,
                        #query,
                        #compare,
                    );
                });
            }
        }

        if let Some(resp) = &ex.response
            && let Some(json) = json_of(&resp.body)
            && let Some(ty) = resp.ty.as_ref().and_then(|t| self.resolve(t))
        {
            let lit = json_literal(json);
            let item = self.ctx.field_type(
                self.shared.plan,
                &FieldType {
                    collection: false,
                    ..ty.clone()
                },
            );
            body.extend(if ty.collection {
                quote!(let response = round_trip::<CollectionPage<#item>>(#lit);)
            } else if matches!(ty.scalar, Scalar::Struct(_)) {
                quote!(let response = round_trip::<#item>(#lit);)
            } else {
                quote!(let response = round_trip_value::<#item>(#lit);)
            });
            snapshots.push(("response", quote!(response)));
        }

        if self.shared.snapshots {
            for (part, value) in snapshots {
                let snap = format!("{name}__{part}");
                body.extend(quote!(::insta::assert_debug_snapshot!(#snap, #value);));
            }
        } else {
            for (_, value) in snapshots {
                body.extend(quote!(let _ = #value;));
            }
        }

        let doc = self.doc(ex);
        let ignore = match self.shared.outcome(ex) {
            ExampleOutcome::Pass => None,
            ExampleOutcome::Ignored { reason } | ExampleOutcome::Failing { reason } => Some(reason),
        };
        let ignore = ignore.map(|reason| quote!(#[ignore = #reason]));
        quote! {
            #doc
            #[test]
            #ignore
            fn #fn_name() {
                #body
            }
        }
    }
}

/// `Get`, `Post`, ...: the runtime's `Method` variant.
pub(crate) fn method_ident(method: HttpMethod) -> proc_macro2::Ident {
    ident(match method {
        HttpMethod::Get => "Get",
        HttpMethod::Post => "Post",
        HttpMethod::Put => "Put",
        HttpMethod::Patch => "Patch",
        HttpMethod::Delete => "Delete",
    })
}

/// A page's path without the machine's directories: its last two components
/// (`seeds/000_x.txt`, `api/user-get.md`), so the output is the same anywhere.
pub(crate) fn short_path(path: &str) -> &str {
    let mut cut = path.len();
    for _ in 0..2 {
        match path[..cut].rfind(['/', '\\']) {
            Some(i) => cut = i,
            None => return path,
        }
    }
    &path[cut + 1..]
}

/// The first line of each example, by file, sorted.
fn example_starts(examples: &[CheckedExample]) -> HashMap<&str, Vec<u32>> {
    let mut map: HashMap<&str, Vec<u32>> = HashMap::new();
    for ex in examples {
        let first = ex
            .request
            .as_ref()
            .map(|r| &r.source)
            .or(ex.response.as_ref().map(|r| &r.source));
        if let Some(s) = first {
            map.entry(s.file.as_str()).or_default().push(s.line);
        }
    }
    for lines in map.values_mut() {
        lines.sort_unstable();
    }
    map
}

/// Percent-decodes a URL part as documented (invalid escapes kept).
fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2]))
        {
            out.push(h * 16 + l);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| text.to_owned())
}

fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_literals_and_decoding() {
        let lit = json_literal(&serde_json::json!({"a": "\"#x"}));
        assert_eq!(lit.to_string(), r####"r##"{"a":"\"#x"}"##"####);
        assert_eq!(decode("a%20b%2"), "a b%2");
        assert_eq!(decode("%7Bid%7D"), "{id}");
        assert_eq!(test_name("Create-User_from 2"), "create_user_from_2");
        assert_eq!(short_path("/a/b/seeds/x.txt"), "seeds/x.txt");
        assert_eq!(short_path("api/x.md"), "api/x.md");
        assert_eq!(short_path("x.md"), "x.md");
    }
}

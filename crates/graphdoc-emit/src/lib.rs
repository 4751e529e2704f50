//! IR -> Rust source, with quote and prettyplease.
//!
//! [`emit_models`] turns one API version's [`ApiModel`] into the source files of a
//! crate (`src/`): typed models (a struct per entity and complex type, an update
//! body type for updatable ones) and enums, all serde-ready, and route stubs (a
//! function per documented operation and path), on top of `graphdoc-runtime`.
//! The output is deterministic: the same model and settings give the same bytes.
//!
//! # Output layout
//!
//! ```text
//! lib.rs                 #![forbid(unsafe_code)], crate docs, `pub mod v1_0;` / `pub mod beta;`
//! v1_0/mod.rs            `mod <workload>; pub use self::<workload>::*;` per workload,
//!                        then `pub mod routes;`
//! v1_0/<workload>.rs     the types of one workload (`ModelType::workload`, snake case),
//!                        sorted by name; types without one are in `common.rs`
//! v1_0/routes/mod.rs     `BASE_URL`, the action parameter structs, `pub mod <segment>;`
//! v1_0/routes/<seg>.rs   the route functions of one first path segment, by name
//! ```
//!
//! Every type of a version is reachable as `v1_0::Name` whatever its file, and
//! types refer to each other as `super::Name`; so gating a workload module behind a
//! Cargo feature later only needs a `#[cfg(feature = ...)]` on its two lines in
//! `mod.rs` (plus features enabling the workloads a workload's types refer to).
//!
//! The generated crate depends on `graphdoc-runtime` and `serde`; chrono, uuid
//! and serde_json are used through the runtime's re-exports.
//!
//! # What is emitted
//!
//! - **Structs** for entity and complex types. Every field is `Option<T>`, renamed
//!   to its wire name and skipped when `None`; the base types' properties are
//!   included (a derived type's own property wins a name clash). An `odata_type`
//!   field holds `@odata.type`, and a flattened `additional` map keeps every
//!   property the bindings do not know, so deserializing and serializing again
//!   loses nothing, except that an explicit `null` on a known property reads as
//!   `None` and is then left out. Collections are `Vec<T>`; a by-value field whose
//!   type contains the struct again (a cycle of containment) is boxed. The serde
//!   impls (and `FromObject`) come from one invocation of the runtime's
//!   `graph_object!` per struct, listing each field's wire name: no per-field
//!   attributes, and no serde derive, whose `Deserialize` alone was most of the
//!   compile time of generated models (measured: about 70% of `cargo check`).
//! - **Patch structs** (`UserPatch`) for update bodies, fields of type
//!   `graphdoc_runtime::Patch<T>` (absent / `null` / value), navigation properties
//!   left out, through `graph_object!` too. Only for the types an update operation of the model
//!   sends, by default (see [`PatchTypes`]): each costs compile time.
//! - **Enums** with a variant per member and a catch-all variant (`Other(String)`,
//!   renamed if a member takes that name) that keeps unknown values verbatim; each
//!   implements `graphdoc_runtime::GraphEnum` and the serde traits through one
//!   invocation of the runtime's `graph_enum!` listing the wire names. `unknownFutureValue` is an ordinary variant. Flags
//!   enums are ordinary enums used as `graphdoc_runtime::Flags<E>`. Enums the docs
//!   only list inline get a model enum with the same members if there is one, else a
//!   made-up one named `{Owner}{Property}`.
//! - **Primitives**: `Edm.String` `String`; `Boolean` `bool`; `Byte`/`SByte`/`Int16`/
//!   `Int32`/`Int64` `u8`/`i8`/`i16`/`i32`/`i64`; `Single`/`Double` the runtime's
//!   `GraphF32`/`GraphF64` (which read and write `"NaN"`, `"INF"`, `"-INF"`);
//!   `Decimal` the runtime's `Decimal` (a `serde_json::Number`: integers stay
//!   exact, the rest are `f64`); `DateTimeOffset`, `TimeOfDay`, `Duration` the
//!   runtime's format-preserving `DateTimeOffset`, `TimeOfDay`, `IsoDuration`;
//!   `Date` `chrono::NaiveDate`; `Guid` `uuid::Uuid`; `Binary` the runtime's
//!   `Base64Bytes`; `Stream` `String` (stream properties are rarely inline in JSON);
//!   untyped JSON and unresolvable types `serde_json::Value` (with a doc note).
//!
//! - **Routes** (unless [`EmitSettings::routes`] is off): for each operation and each
//!   of its path templates, one `#[inline]` function returning the runtime's generic
//!   `http::RequestBuilder<R>`, so that a route costs no type of its own (measured
//!   on the whole v1.0 tree: about 0.4 ms of `cargo check` per route). Its
//!   arguments are the path parameters (`&str`, percent-encoded by the runtime:
//!   one segment, a path for `root:/{item-path}:`, an OData string literal inside
//!   `'...'`), the required headers (`If-Match`, ...) and required query
//!   parameters the path does not hold, then the body: the model for creates, the
//!   patch type for updates, a `...Params` struct (fields from the request body
//!   table, all `Option`) for actions, raw bytes for media, untyped JSON where the
//!   docs name no model type. `R` says how a successful response parses: `Json<T>`
//!   (an entity), `Wrapped<T>` (an action or function result, a primitive or an
//!   enum), `Collection<T>` (a page, with `@odata.nextLink`), `NoContent` (204),
//!   `Bytes` (media, redirects). Which body and response an operation has is the
//!   model's decision ([`graphdoc_ir::ModelOperation::request`] and
//!   [`graphdoc_ir::ModelOperation::response`]); routes only render it.
//!   Documented query options are recorded, and `ConsistencyLevel: eventual` is
//!   sent where the page documents that header.
//!   Routes are grouped in a module per first path segment (`routes::users`);
//!   a function's name is the snake-case words of the other segments (a
//!   function's name, a cast's type name, `value`, `count`, `ref`) plus
//!   the operation kind (`device_configurations_user_statuses_create`), keywords
//!   suffixed, clashes numbered in sorted order (the operation with the shortest id
//!   first: the canonical page, not a workload's copy). A route two pages document
//!   identically is one function. Routes refer to models as `super::super::Name`
//!   and to the parameter structs as `super::Name`, which resolve in both layouts.
//!
//! Names: types PascalCase, fields snake_case (heck); keywords get a `_` suffix,
//! leading digits a `_` prefix, std prelude type names (`Option`, `Result`, ...) a
//! `_` suffix; clashes are numbered (`display_name_2`, `Session2`) in a fixed order.
//! Types of namespaces below the root one are prefixed with the rest of their
//! namespace (`CallRecordsSession`).

use std::collections::BTreeSet;

use graphdoc_ir::{ApiModel, ApiVersion};
use proc_macro2::TokenStream;
use quote::quote;

mod codegen;
mod comments;
mod docs;
mod examples;
mod family;
mod live;
mod naming;
mod plan;
mod routes;
mod settings;

pub use examples::{
    EXAMPLE_TEST_DEV_DEPENDENCIES, EXAMPLE_TESTS_FILE, ExampleOutcome, VersionExamples,
    emit_example_tests, example_outcomes,
};
pub use live::{LIVE_TESTS_FILE, emit_live_tests};
pub use settings::{EmitSettings, PatchTypes};

/// The comment every generated file starts with.
pub const PREAMBLE: &str = "\
// @generated by `cargo xtask gen` (graphdoc). Do not edit this file by hand:
// change graphdoc or the docs it reads, and generate it again.
";

/// The dependencies a generated crate needs besides `graphdoc-runtime`, as
/// `Cargo.toml` lines (name, TOML value). chrono, uuid and serde_json are reached
/// through the runtime's re-exports.
pub const CARGO_DEPENDENCIES: &[(&str, &str)] =
    &[("serde", r#"{ version = "1", features = ["derive"] }"#)];

/// A generated source file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    /// Relative to the crate's `src/`, `/`-separated: `lib.rs`, `v1_0/mod.rs`, ...
    pub path: String,
    pub contents: String,
}

/// What can go wrong when emitting.
#[derive(Debug, thiserror::Error)]
pub enum EmitError {
    /// A setting that must be a Rust path is not one.
    #[error("setting `{setting}`: {value:?} is not a Rust path")]
    InvalidSetting {
        setting: &'static str,
        value: String,
    },
    /// The same API version was given twice.
    #[error("API version {0} given twice")]
    DuplicateVersion(ApiVersion),
    /// Routes were asked for without the models they name.
    #[error("routes name the model types: emitting routes needs the models too")]
    RoutesNeedModels,
    /// Example tests were asked for a version that was not planned with them.
    #[error("example tests of API version {0} were asked for without its plan")]
    UnplannedVersion(ApiVersion),
    /// The generated tokens do not parse as a Rust file (a bug in the emitter).
    #[error("generated code does not parse: {0}")]
    Render(#[from] syn::Error),
}

/// The module name of an API version: `v1_0` or `beta`.
pub fn version_module(version: ApiVersion) -> &'static str {
    match version {
        ApiVersion::V1_0 => "v1_0",
        ApiVersion::Beta => "beta",
    }
}

/// Pretty-prints tokens as a Rust file with the [`PREAMBLE`], a blank line
/// between top-level items.
pub fn render(tokens: TokenStream) -> Result<String, EmitError> {
    Ok(finish(&unparse(tokens)?))
}

/// Pretty-prints tokens as the items of a file, without the [`PREAMBLE`] and
/// the blank lines [`render`] adds: prettyplease lays out top-level items
/// independently, so the pieces of a file unparsed apart and concatenated
/// are the file unparsed whole.
pub(crate) fn unparse(tokens: TokenStream) -> Result<String, EmitError> {
    let file: syn::File = syn::parse2(tokens)?;
    Ok(prettyplease::unparse(&file))
}

/// The number of planned items rendered together: small enough that a
/// large workload's tokens and syntax tree are never in memory all at once,
/// and its pieces spread over the threads.
const ITEMS_PER_CHUNK: usize = 64;

/// The top-level items `tokens` makes of `items`, unparsed in pieces on all
/// threads and concatenated in order (see [`unparse`]). Each piece gets its
/// own context: tokens are not `Send`. The settings must have passed
/// [`context`] already.
pub(crate) fn unparse_in_pieces<T: Sync>(
    items: &[T],
    settings: &EmitSettings,
    tokens: impl Fn(&codegen::Ctx, &[T]) -> TokenStream + Sync,
) -> Result<String, EmitError> {
    Ok(unparse_pieces(items, settings, tokens)?.concat())
}

/// [`unparse_in_pieces`] before the concatenation, for a [`FileText`] to
/// take piece by piece.
pub(crate) fn unparse_pieces<T: Sync>(
    items: &[T],
    settings: &EmitSettings,
    tokens: impl Fn(&codegen::Ctx, &[T]) -> TokenStream + Sync,
) -> Result<Vec<String>, EmitError> {
    use rayon::prelude::*;
    items
        .par_chunks(ITEMS_PER_CHUNK)
        .map(|chunk| {
            let ctx = context(settings).expect("settings checked before rendering");
            comments::unparse_deferring_docs(|| tokens(&ctx, chunk))
        })
        .collect()
}

/// [`render`] of code unparsed by [`unparse`] (in pieces).
pub(crate) fn finish(code: &str) -> String {
    let mut file = FileText::with_capacity(code.len());
    file.push(code);
    file.finish()
}

/// The text of a file of `head` then `pieces`, each piece dropped once laid out.
fn file_text<const N: usize>(head: [String; N], pieces: Vec<String>) -> String {
    let len = head.iter().chain(&pieces).map(String::len).sum();
    let mut file = FileText::with_capacity(len);
    for code in head.into_iter().chain(pieces) {
        file.push(&code);
    }
    file.finish()
}

/// A file's text as [`finish`] makes it, built from unparsed pieces in order:
/// each is laid out as it comes and can be dropped, so a large file is
/// never held twice (once concatenated, once finished) nor reallocated.
pub(crate) struct FileText {
    out: String,
    /// The last line laid out ("" before the first).
    previous: String,
    /// A buffer for the line being laid out.
    line: String,
    /// The start of a line a piece left unterminated, and its indent.
    partial: String,
    partial_indent: &'static str,
}

impl FileText {
    /// For about `code_len` bytes of unparsed code.
    pub(crate) fn with_capacity(code_len: usize) -> Self {
        let mut out = String::with_capacity(PREAMBLE.len() + code_len + code_len / 50);
        out.push_str(PREAMBLE);
        out.push('\n');
        Self {
            out,
            previous: String::new(),
            line: String::new(),
            partial: String::new(),
            partial_indent: "",
        }
    }

    /// Appends unparsed code.
    pub(crate) fn push(&mut self, code: &str) {
        self.push_indented(code, "");
    }

    /// Appends unparsed code with `indent` before each non-empty line (no
    /// literal in generated code spans lines, so indenting changes no value).
    pub(crate) fn push_indented(&mut self, mut code: &str, indent: &'static str) {
        // Lines are the code's `\n`-separated lines, wherever pieces split
        // them: join a line a piece left open with the rest of it first.
        if !self.partial.is_empty() {
            let Some(end) = code.find('\n') else {
                self.partial.push_str(code);
                return;
            };
            let mut line = std::mem::take(&mut self.partial);
            line.push_str(&code[..end]);
            let indent = self.partial_indent;
            self.lines(&line, indent);
            code = &code[end + 1..];
        }
        let (whole, rest) = match code.rfind('\n') {
            Some(end) => code.split_at(end + 1),
            None => ("", code),
        };
        self.lines(whole, indent);
        self.partial.push_str(rest);
        self.partial_indent = indent;
    }

    fn lines(&mut self, code: &str, indent: &str) {
        for line in code.lines() {
            let indent = if line.is_empty() { "" } else { indent };
            self.line(indent, line);
        }
    }

    /// One line, after a blank line where an item ended: prettyplease puts
    /// top-level items right after each other, so an item ending in `}`, and a
    /// `mod` + `pub use` pair, are separated from what follows.
    fn line(&mut self, indent: &str, text: &str) {
        let mut line = std::mem::take(&mut self.line);
        line.clear();
        line.push_str(indent);
        line.push_str(text);
        let previous = self.previous.as_str();
        let block_ended = previous == "}" && !line.starts_with([' ', '}']);
        let is_mod = |l: &str| l.starts_with("mod ") || l.starts_with("pub mod ");
        let decl_ended = previous.ends_with(';')
            && !previous.starts_with(' ')
            && (line.starts_with("///")
                || line.starts_with("#[")
                || (is_mod(&line) && !is_mod(previous)));
        if block_ended || decl_ended {
            self.out.push('\n');
        }
        self.out.push_str(&line);
        self.out.push('\n');
        // The line becomes the previous one; the old buffer is reused.
        self.line = std::mem::replace(&mut self.previous, line);
    }

    /// The file's text.
    pub(crate) fn finish(mut self) -> String {
        if !self.partial.is_empty() {
            let line = std::mem::take(&mut self.partial);
            let indent = self.partial_indent;
            self.lines(&line, indent);
        }
        self.out
    }
}

/// The files of a crate with one API version: `lib.rs` and the version's module.
pub fn emit_models(
    model: &ApiModel,
    settings: &EmitSettings,
) -> Result<Vec<GeneratedFile>, EmitError> {
    emit_crate(&[model], settings)
}

/// The files of a crate with several API versions: one `lib.rs` declaring them
/// all, and each version's module.
pub fn emit_crate(
    models: &[&ApiModel],
    settings: &EmitSettings,
) -> Result<Vec<GeneratedFile>, EmitError> {
    let mut versions = Vec::new();
    for model in models {
        if versions.contains(&model.version) {
            return Err(EmitError::DuplicateVersion(model.version));
        }
        versions.push(model.version);
    }
    let mut files = vec![emit_lib(&versions, settings)?];
    for model in models {
        files.extend(emit_version(model, settings)?);
    }
    Ok(files)
}

/// [`emit_crate`] of planned versions (with the settings they were planned
/// with), and the example tests
/// ([`emit_example_tests`]) of the versions in `examples`: the tests are
/// rendered alongside the library, from the same plans.
pub fn emit_crate_with_tests(
    versions: &[PlannedVersion<'_>],
    examples: &[VersionExamples<'_>],
    settings: &EmitSettings,
    crate_name: &str,
) -> Result<(Vec<GeneratedFile>, GeneratedFile), EmitError> {
    let mut names: Vec<ApiVersion> = versions.iter().map(|v| v.model.version).collect();
    names.sort();
    if let Some(pair) = names.windows(2).find(|w| w[0] == w[1]) {
        return Err(EmitError::DuplicateVersion(pair[0]));
    }
    let (library, tests) = rayon::join(
        || -> Result<Vec<GeneratedFile>, EmitError> {
            let mut files = vec![emit_lib(&names, settings)?];
            for version in versions {
                files.extend(render_version(version, settings)?);
            }
            Ok(files)
        },
        || examples::render_example_tests(versions, examples, settings, crate_name),
    );
    Ok((library?, tests?))
}

/// `lib.rs` for a crate with these API versions.
pub fn emit_lib(
    versions: &[ApiVersion],
    settings: &EmitSettings,
) -> Result<GeneratedFile, EmitError> {
    let rt = runtime_path(settings)?;
    let mut versions = versions.to_vec();
    versions.sort();
    versions.dedup();
    let mut paragraphs = vec![
        "Typed Microsoft Graph models, generated by graphdoc from the Microsoft Graph \
         documentation."
            .to_owned(),
        "A module per API version holds a struct per entity and complex type, an enum \
         per enum type, and update (PATCH) bodies (`...Patch`) for the types the API \
         updates. Every field is optional; properties and enum values the bindings do \
         not know are kept verbatim, so deserializing and serializing again loses \
         nothing."
            .to_owned(),
    ];
    if settings.emits_routes() {
        paragraphs.push(
            "Each version's `routes` module has a function per documented operation and \
             path, returning a request builder: build it into a transport-independent \
             request, or send it with the runtime's client (feature `client`)."
                .to_owned(),
        );
    }
    let doc = codegen::doc_attrs(&paragraphs);
    let inner_doc = inner(doc);
    let reexport = settings
        .runtime_crate_path()
        .trim()
        .starts_with("::")
        .then(|| {
            quote! {
                /// The runtime the models are built on (`Patch`, `DateTimeOffset`, `Flags`, ...).
                #[rustfmt::skip]
                pub use #rt as runtime;
            }
        });
    let mods = versions.iter().map(|v| {
        let name = codegen::ident(version_module(*v));
        let doc = format!(" Microsoft Graph {v} (`{}`).", v.base_url());
        // Generated files are laid out by prettyplease, not rustfmt: `rustfmt::skip`
        // keeps `cargo fmt` in a workspace holding them from rewriting them (which
        // would make `gen --check` fail). On an out-of-line module it skips the file.
        quote! {
            #[doc = #doc]
            #[rustfmt::skip]
            #[allow(rustdoc::bare_urls, rustdoc::broken_intra_doc_links, rustdoc::invalid_html_tags)]
            pub mod #name;
        }
    });
    let tokens = quote! {
        #inner_doc
        #![forbid(unsafe_code)]
        #reexport
        #(#mods)*
    };
    Ok(GeneratedFile {
        path: "lib.rs".to_owned(),
        contents: render(tokens)?,
    })
}

/// `#[cfg(feature = "<module>")]` for a workload module, when workloads are gated.
fn module_gate(settings: &EmitSettings, module: &str) -> TokenStream {
    if settings.gates_workloads() && module != plan::COMMON_MODULE {
        quote!(#[cfg(feature = #module)])
    } else {
        TokenStream::new()
    }
}

/// The Cargo features of a crate generated with
/// [`EmitSettings::workload_features`]: one per workload module of any of
/// `models`, sorted. Each gates only its own module, so they need no
/// dependencies on each other.
pub fn workload_features(models: &[&ApiModel]) -> Vec<String> {
    let modules: BTreeSet<String> = models
        .iter()
        .flat_map(|m| &m.types)
        .map(|t| plan::module_name(t.workload.as_deref()))
        .filter(|m| m != plan::COMMON_MODULE)
        .collect();
    modules.into_iter().collect()
}

/// An API version planned for emission: what each type and route is called
/// and where it lives. Planned once, then rendered into the version's files
/// and its example tests.
pub struct PlannedVersion<'m> {
    model: &'m ApiModel,
    plan: plan::Plan,
    routes: Option<routes::RoutePlan>,
}

impl<'m> PlannedVersion<'m> {
    pub fn new(model: &'m ApiModel, settings: &EmitSettings) -> Result<Self, EmitError> {
        if settings.emits_routes() && !settings.emits_models() {
            return Err(EmitError::RoutesNeedModels);
        }
        // Checked once here; every rendering task builds its own context
        // (tokens are not `Send`), which then cannot fail.
        context(settings)?;
        let plan = plan::build(model, settings);
        let routes = settings.emits_routes().then(|| routes::build(model, &plan));
        Ok(Self {
            model,
            plan,
            routes,
        })
    }

    pub fn model(&self) -> &'m ApiModel {
        self.model
    }

    pub(crate) fn plan(&self) -> &plan::Plan {
        &self.plan
    }

    pub(crate) fn route_plan(&self) -> Option<&routes::RoutePlan> {
        self.routes.as_ref()
    }
}

/// The files of one API version's module: `<version>/mod.rs`, a file per
/// workload, and the routes: `<version>/routes/mod.rs` and a file per route module.
pub fn emit_version(
    model: &ApiModel,
    settings: &EmitSettings,
) -> Result<Vec<GeneratedFile>, EmitError> {
    render_version(&PlannedVersion::new(model, settings)?, settings)
}

/// [`emit_version`] of a planned version, with the settings it was planned with.
pub fn render_version(
    version: &PlannedVersion<'_>,
    settings: &EmitSettings,
) -> Result<Vec<GeneratedFile>, EmitError> {
    use rayon::prelude::*;

    let (model, plan) = (version.model, &version.plan);
    let dir = version_module(model.version);
    let module_names: Vec<&String> = if settings.emits_models() {
        plan.modules.keys().collect()
    } else {
        Vec::new()
    };
    let mods = module_names.iter().map(|m| {
        let name = codegen::ident(m);
        let gate = module_gate(settings, m);
        quote! {
            #gate
            mod #name;
            #gate
            pub use self::#name::*;
        }
    });
    let routes_mod = settings.emits_routes().then(|| {
        let name = codegen::ident(routes::ROUTES_MODULE);
        quote!(pub mod #name;)
    });
    let doc = inner(version_doc(model, settings));
    let mod_rs = GeneratedFile {
        path: format!("{dir}/mod.rs"),
        contents: render(quote! { #doc #(#mods)* #routes_mod })?,
    };

    // Each file is built and rendered on its own task, and its tokens dropped
    // as soon as it is rendered: rendering is most of the time, and the tokens
    // of a whole version would be most of the memory.
    let (modules, routes) = rayon::join(
        || {
            module_names
                .par_iter()
                .map(|module| {
                    let doc = inner(codegen::doc_attrs(&[module_doc(plan, module)]));
                    let doc = unparse(doc)?;
                    let pieces = unparse_pieces(&plan.modules[*module], settings, |ctx, chunk| {
                        let items = chunk.iter().map(|item| ctx.item(plan, item));
                        quote! { #(#items)* }
                    })?;
                    Ok(GeneratedFile {
                        path: format!("{dir}/{module}.rs"),
                        contents: file_text([doc], pieces),
                    })
                })
                .collect::<Result<Vec<_>, EmitError>>()
        },
        || -> Result<Vec<GeneratedFile>, EmitError> {
            let Some(route_plan) = &version.routes else {
                return Ok(Vec::new());
            };
            let routes_dir = format!("{dir}/{}", routes::ROUTES_MODULE);
            let root = {
                let ctx = context(settings).expect("checked above");
                let (doc, items) = routes::render_root(&ctx, plan, route_plan);
                let doc = inner(doc);
                let mods = route_plan.modules.keys().map(|name| {
                    let name = codegen::ident(name);
                    quote!(pub mod #name;)
                });
                GeneratedFile {
                    path: format!("{routes_dir}/mod.rs"),
                    contents: render(quote! { #doc #items #(#mods)* })?,
                }
            };
            let modules: Vec<(&String, &routes::RouteModule)> = route_plan.modules.iter().collect();
            let mut files = vec![root];
            let rendered = modules.par_iter().map(|(name, module)| {
                let doc = unparse(inner(routes::module_doc(module)))?;
                let ctx = context(settings).expect("checked above");
                let imports = unparse(routes::module_imports(&ctx))?;
                let pieces = unparse_pieces(&module.routes, settings, |ctx, chunk| {
                    let fns = routes::route_fns(ctx, plan, route_plan, chunk);
                    quote! { #(#fns)* }
                })?;
                Ok(GeneratedFile {
                    path: format!("{routes_dir}/{name}.rs"),
                    contents: file_text([doc, imports], pieces),
                })
            });
            files.extend(rendered.collect::<Result<Vec<_>, EmitError>>()?);
            Ok(files)
        },
    );
    let mut files = vec![mod_rs];
    files.extend(modules?);
    files.extend(routes?);
    Ok(files)
}

/// One self-contained file holding every version as an inline module, for a
/// build script's output to be `include!`d: no inner attributes, no `mod x;`
/// declarations (they would resolve relative to the including file).
pub fn emit_single_file(
    models: &[&ApiModel],
    settings: &EmitSettings,
) -> Result<String, EmitError> {
    let mut versions: Vec<&ApiModel> = models.to_vec();
    versions.sort_by_key(|m| m.version);
    if versions.windows(2).any(|w| w[0].version == w[1].version) {
        let dup = versions
            .windows(2)
            .find(|w| w[0].version == w[1].version)
            .expect("checked");
        return Err(EmitError::DuplicateVersion(dup[0].version));
    }
    let mut tokens = TokenStream::new();
    for model in versions {
        let version = VersionModule::build(model, settings)?;
        let name = codegen::ident(version_module(model.version));
        let modules = version.modules.iter().map(|m| {
            let module = codegen::ident(&m.name);
            let (doc, items) = (&m.doc, &m.items);
            let gate = module_gate(settings, &m.name);
            quote! {
                #doc
                #gate
                pub mod #module { #items }
                #gate
                pub use self::#module::*;
            }
        });
        let routes = version.routes.as_ref().map(|code| {
            let name = codegen::ident(routes::ROUTES_MODULE);
            let (doc, items) = (&code.doc, &code.items);
            let mods = code.modules.iter().map(|(name, doc, items)| {
                let name = codegen::ident(name);
                quote! {
                    #doc
                    pub mod #name { #items }
                }
            });
            quote! {
                #doc
                pub mod #name {
                    #items
                    #(#mods)*
                }
            }
        });
        let doc = &version.doc;
        tokens.extend(quote! {
            #doc
            #[allow(clippy::all, rustdoc::bare_urls, rustdoc::broken_intra_doc_links, rustdoc::invalid_html_tags)]
            pub mod #name {
                #(#modules)*
                #routes
            }
        });
    }
    render(tokens)
}

/// The tokens of one API version: its doc, a module per workload, the routes.
struct VersionModule {
    doc: TokenStream,
    modules: Vec<WorkloadModule>,
    routes: Option<routes::RoutesCode>,
}

struct WorkloadModule {
    name: String,
    doc: TokenStream,
    items: TokenStream,
}

impl VersionModule {
    fn build(model: &ApiModel, settings: &EmitSettings) -> Result<Self, EmitError> {
        if settings.emits_routes() && !settings.emits_models() {
            return Err(EmitError::RoutesNeedModels);
        }
        let ctx = context(settings)?;
        let plan = plan::build(model, settings);
        let doc = version_doc(model, settings);
        let routes = settings.emits_routes().then(|| {
            let route_plan = routes::build(model, &plan);
            routes::render(&ctx, &plan, &route_plan)
        });
        let modules = plan
            .modules
            .iter()
            .map(|(module, items)| WorkloadModule::build(&ctx, &plan, module, items))
            .filter(|_| settings.emits_models())
            .collect();
        Ok(Self {
            doc,
            modules,
            routes,
        })
    }
}

/// The doc of a version module.
fn version_doc(model: &ApiModel, settings: &EmitSettings) -> TokenStream {
    codegen::doc_attrs(&[match (settings.emits_models(), settings.emits_routes()) {
        (true, true) => format!(
            "Microsoft Graph {}: models and enums, from the types of every workload, \
             and in [`routes`] a function per documented operation and path.",
            model.version
        ),
        (true, false) => format!(
            "Microsoft Graph {}: models and enums, from the types of every workload.",
            model.version
        ),
        (false, _) => format!("Microsoft Graph {}.", model.version),
    }])
}

impl WorkloadModule {
    fn build(ctx: &codegen::Ctx, plan: &plan::Plan, module: &str, items: &[plan::Item]) -> Self {
        let items = items.iter().map(|item| ctx.item(plan, item));
        WorkloadModule {
            name: module.to_owned(),
            doc: codegen::doc_attrs(&[module_doc(plan, module)]),
            items: quote! { #(#items)* },
        }
    }
}

/// The doc of a workload module.
fn module_doc(plan: &plan::Plan, module: &str) -> String {
    let spellings: Vec<String> = plan
        .workloads
        .get(module)
        .into_iter()
        .flatten()
        .map(|w| format!("`{w}`"))
        .collect();
    if spellings.is_empty() {
        "Types the docs assign to no workload.".to_owned()
    } else {
        format!(
            "Types of the {} workload (`ms.prod`).",
            spellings.join(", ")
        )
    }
}

/// Turns outer `#[doc]` attributes into inner `#![doc]` ones.
fn inner(outer: TokenStream) -> TokenStream {
    let mut out = TokenStream::new();
    let mut tokens = outer.into_iter().peekable();
    while let Some(tt) = tokens.next() {
        out.extend([tt]);
        if let Some(proc_macro2::TokenTree::Group(_)) = tokens.peek() {
            out.extend(quote!(!));
        }
    }
    out
}

fn parse_path(setting: &'static str, value: &str) -> Result<syn::Path, EmitError> {
    syn::parse_str::<syn::Path>(value).map_err(|_| EmitError::InvalidSetting {
        setting,
        value: value.to_owned(),
    })
}

fn runtime_path(settings: &EmitSettings) -> Result<syn::Path, EmitError> {
    parse_path("runtime_crate", settings.runtime_crate_path())
}

fn context(settings: &EmitSettings) -> Result<codegen::Ctx, EmitError> {
    let rt = runtime_path(settings)?;
    let paths = |list: &[&str]| -> Vec<syn::Path> {
        list.iter()
            .map(|p| syn::parse_str(p).expect("built-in derive paths parse"))
            .collect()
    };
    let extras = settings
        .extra_derives()
        .iter()
        .map(|d| parse_path("extra_derive", d))
        .collect::<Result<Vec<_>, _>>()?;
    // The runtime's macros implement the serde traits: an extra derive of them
    // would clash.
    let with_extras = |mut derives: Vec<syn::Path>| {
        let last = |p: &syn::Path| p.segments.last().map(|s| s.ident.to_string());
        let mut seen: BTreeSet<Option<String>> = derives.iter().map(last).collect();
        seen.insert(Some("Deserialize".to_owned()));
        seen.insert(Some("Serialize".to_owned()));
        for extra in &extras {
            if seen.insert(last(extra)) {
                derives.push(extra.clone());
            }
        }
        derives
    };
    // The prelude's derive macros, by name: see `codegen` for why that is safe.
    Ok(codegen::Ctx {
        rt: quote!(#rt),
        models: quote!(super),
        features: settings.gates_workloads(),
        struct_derives: with_extras(paths(&["Debug", "Clone", "PartialEq", "Default"])),
        patch_derives: with_extras(paths(&["Debug", "Clone", "PartialEq", "Default"])),
        enum_derives: with_extras(paths(&["Debug", "Clone", "PartialEq", "Eq", "Hash"])),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const CODE: &str = "use a::b;\nmod x;\npub use self::x::*;\n/// Doc.\npub struct A {\n    f: u8,\n}\nfn g() {}\n\n#[inline]\nfn h() {}\n";

    #[test]
    fn a_file_laid_out_in_pieces_is_the_file_finished_whole() {
        // However the code is split, even inside a line.
        for at in 0..=CODE.len() {
            let mut file = FileText::with_capacity(0);
            file.push(&CODE[..at]);
            file.push(&CODE[at..]);
            assert_eq!(file.finish(), finish(CODE), "split at {at}");
        }
    }

    #[test]
    fn indented_pieces_are_the_indented_code_finished() {
        let indented: String = CODE
            .lines()
            .map(|l| match l {
                "" => "\n".to_owned(),
                l => format!("    {l}\n"),
            })
            .collect();
        let whole = finish(&format!("mod m {{\n{indented}}}\n"));
        for at in (0..=CODE.len()).filter(|&at| CODE.is_char_boundary(at)) {
            let mut file = FileText::with_capacity(0);
            file.push("mod m {\n");
            file.push_indented(&CODE[..at], "    ");
            file.push_indented(&CODE[at..], "    ");
            file.push("}\n");
            assert_eq!(file.finish(), whole, "split at {at}");
        }
    }
}

//! Live tests: each documented `GET` example with a JSON response, sent
//! through its route to a mock of Graph (`graphdoc mock`, whose URL is in
//! `GRAPHDOC_MOCK_URL`) with the runtime's clients, the answer read into the
//! route's type. The generated crate's `tests/live.rs`, compiled with its
//! `client` or `client-async` feature.
//!
//! A test is one line calling the runtime's `testing::assert_live` with the
//! route call the example test makes (same arguments) and the documented
//! query: the shared logic is compiled once, in the runtime. Examples the
//! lint could not make a passing test get `#[ignore = "reason"]`, as
//! are examples the bindings have no route call for (`graphdoc: ...`).

use graphdoc_ir::{CheckedExample, HttpMethod};
use quote::quote;

use crate::codegen::{self, Ctx, ident};
use crate::examples::{
    Emitter, RouteCall, Shared, VersionExamples, json_of, short_path, test_name,
};
use crate::naming::Namer;
use crate::{EmitError, EmitSettings, GeneratedFile, PlannedVersion, version_module};

/// Where the live tests go, relative to the crate root.
pub const LIVE_TESTS_FILE: &str = "tests/live.rs";

/// Whether an example makes a live test: a `GET` whose documented response
/// is a success with a JSON body.
fn is_live(ex: &CheckedExample) -> bool {
    ex.request
        .as_ref()
        .is_some_and(|r| r.method == HttpMethod::Get)
        && ex
            .response
            .as_ref()
            .is_some_and(|r| (200..300).contains(&r.status) && json_of(&r.body).is_some())
}

/// The generated crate's live tests ([`LIVE_TESTS_FILE`], relative to the
/// crate root): a module per version, a test per `GET` example with a JSON
/// response, from the plans the library was rendered with. `crate_name` is
/// the generated library's name as Rust spells it.
pub fn emit_live_tests(
    planned: &[PlannedVersion<'_>],
    versions: &[VersionExamples<'_>],
    settings: &EmitSettings,
    crate_name: &str,
) -> Result<GeneratedFile, EmitError> {
    let crate_path = crate::parse_path("crate_name", crate_name)?;
    let rt = crate::context(settings)?.rt;
    let mut versions = versions.to_vec();
    versions.sort_by_key(|v| v.model.version);
    let doc = codegen::doc_attrs(&[
        "A test per documented GET example with a JSON response: its route's request, sent \
         to a mock of Graph (`graphdoc mock`) at `GRAPHDOC_MOCK_URL` with the runtime's \
         blocking client (feature `client`) and async client (feature `client-async`), \
         must come back as a success its route reads into its type. Without \
         `GRAPHDOC_MOCK_URL` the tests do nothing."
            .to_owned(),
        "Examples that cannot pass are ignored, with the reason the docs lint gave.".to_owned(),
    ]);
    let inner_doc = crate::inner(doc);
    let mut code = crate::unparse(quote! {
        #inner_doc
        #![cfg(any(feature = "client", feature = "client-async"))]
        #![allow(clippy::all, non_snake_case)]
    })?;
    for v in &versions {
        let live: Vec<&CheckedExample> = v.examples.iter().filter(|ex| is_live(ex)).collect();
        if live.is_empty() {
            continue;
        }
        let version = planned
            .iter()
            .find(|p| p.model().version == v.model.version)
            .ok_or(EmitError::UnplannedVersion(v.model.version))?;
        let shared = Shared::new(v, version, settings)?;
        let naturals: Vec<String> = live.iter().map(|e| test_name(&e.id)).collect();
        let names = Namer::snake().assign(&naturals);
        let tests: Vec<(&CheckedExample, &String)> = live.into_iter().zip(&names).collect();
        let rendered = crate::unparse_in_pieces(&tests, settings, |ctx, chunk| {
            let emitter = Emitter {
                ctx: Ctx {
                    models: quote!(api),
                    ..ctx.clone()
                },
                shared: &shared,
            };
            let tests = chunk.iter().map(|(ex, name)| test(&emitter, ex, name));
            quote! { #(#tests)* }
        })?;
        let module = ident(version_module(v.model.version));
        let doc = format!(
            " The GET examples of Microsoft Graph {}, sent to the mock.",
            v.model.version
        );
        let head = crate::unparse(quote! {
            #[doc = #doc]
            #[rustfmt::skip]
            mod #module {
                #[allow(unused_imports)]
                use #rt::testing::{assert_live as live, round_trip, round_trip_patch};
                #[allow(unused_imports)]
                use #crate_path::#module as api;
            }
        })?;
        code.push_str(
            head.strip_suffix("}\n")
                .expect("a module ends with its closing brace"),
        );
        for line in rendered.lines() {
            if !line.is_empty() {
                code.push_str("    ");
            }
            code.push_str(line);
            code.push('\n');
        }
        code.push_str("}\n");
    }
    Ok(GeneratedFile {
        path: LIVE_TESTS_FILE.to_owned(),
        contents: crate::finish(&code),
    })
}

/// One live test: the route call, or an ignore saying why there is none.
fn test(emitter: &Emitter<'_>, ex: &CheckedExample, name: &str) -> proc_macro2::TokenStream {
    let fn_name = ident(name);
    let req = ex.request.as_ref().expect("live examples have a request");
    let source = format!(
        " Example `{}` (`{}:{}`).",
        ex.id,
        short_path(&req.source.file),
        req.source.line
    );
    let (body, gap) = match emitter.route_call(ex, req, None) {
        Ok(RouteCall {
            reads_json: false,
            route,
            ..
        }) => (
            quote!(),
            Some(format!(
                "graphdoc: route function `{route}` reads no JSON, the example shows a JSON body"
            )),
        ),
        Ok(RouteCall { call, .. }) => {
            let query = req.query.as_deref().unwrap_or_default();
            (quote!(live(|| #call, #query);), None)
        }
        Err(reason) => (quote!(), Some(reason)),
    };
    let ignore = ex
        .ignore
        .clone()
        .or(gap)
        .map(|reason| quote!(#[ignore = #reason]));
    quote! {
        #[doc = #source]
        #[test]
        #ignore
        fn #fn_name() {
            #body
        }
    }
}

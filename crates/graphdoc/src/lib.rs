//! graphdoc turns Microsoft Graph documentation pages into typed Rust bindings.
//!
//! This facade crate ties the stages together (pages -> IR -> merged model ->
//! Rust files) and is how you run graphdoc: a [`Builder`] in your `build.rs`,
//! `cargo xtask gen`, or the `graphdoc` CLI (package `graphdoc-cli`, a thin
//! layer over this crate). The stages themselves live in `graphdoc-parse`,
//! `graphdoc-merge`, `graphdoc-lint` and `graphdoc-emit`; this crate adds
//! input discovery, safe output writing, diagnostics rendering and the
//! runtime's sources for generated crates.
//!
//! Built for build scripts: without default features it depends on what
//! generating bindings needs and no more. Feature `lint` (default) adds the
//! lint stage: `diagnostics` and the example tests of crates the [`Builder`]
//! writes whole (a build script's single file has none). Feature `csdl` adds
//! `csdl_of` and `diff_metadata` (the CLI's `csdl` and `diff-metadata`),
//! feature `config` the `config` module (lint levels from a `graphdoc.toml`).

use std::path::{Path, PathBuf};

#[cfg(feature = "csdl")]
/// CSDL in and out, and the docs-vs-metadata diff (feature `csdl`).
pub use graphdoc_csdl as csdl;
pub use graphdoc_ir as ir;
/// The lint stage: checks the merged models and their examples (feature `lint`).
#[cfg(feature = "lint")]
pub use graphdoc_lint as lint;

mod builder;
pub mod changed;
#[cfg(feature = "config")]
pub mod config;
mod input;
pub mod output;
pub mod render;
#[cfg(feature = "report")]
pub mod report;
mod select;
// Used by build.rs (which includes it); compiled here for its tests.
#[cfg(test)]
mod standalone_manifest;
pub mod vendor;

#[doc(hidden)]
pub mod doc_support;

pub use builder::{Builder, CrateManifest, INCLUDE_FILE, RUNTIME_DIR, Summary};
pub use input::{Source, discover, read_sources};

/// Everything that can go wrong running graphdoc (problems *in the docs* are
/// diagnostics, not errors).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("refusing to write generated file `{path}`: {why}")]
    UnsafePath { path: String, why: String },
    #[error(
        "no input pages found in {0} (a directory contributes the .md files below it; pass other files by name)"
    )]
    NoPages(String),
    #[error("the pages describe several API versions ({0}): choose one with --api-version")]
    AmbiguousVersion(String),
    #[cfg(feature = "csdl")]
    #[error("reading metadata {path}: {source}")]
    Metadata {
        path: String,
        source: graphdoc_csdl::CsdlError,
    },
    #[cfg(feature = "csdl")]
    #[error("writing CSDL: {0}")]
    Csdl(#[source] graphdoc_csdl::CsdlError),
    #[error("{path}: {why}")]
    Config { path: String, why: String },
    #[error("`{0}` is no graphdoc code (GDnnnn) nor `warnings`")]
    UnknownLint(String),
    #[cfg(feature = "report")]
    #[error(transparent)]
    Report(#[from] graphdoc_report::ReportError),
    #[error("finding the changed pages: {0}")]
    Git(String),
    #[error("no output directory: call Builder::out_dir, or run as a build script (OUT_DIR unset)")]
    NoOutDir,
    #[error(transparent)]
    Emit(#[from] graphdoc_emit::EmitError),
    #[error(
        "generated files in {dir} are stale (run `cargo xtask gen` or `graphdoc gen` to update them):\n{staleness}"
    )]
    Stale {
        dir: String,
        staleness: output::Staleness,
    },
}

impl Error {
    pub(crate) fn io(path: &Path, source: std::io::Error) -> Self {
        Error::Io {
            path: input::display_path(path),
            source,
        }
    }
}

/// Pages read from disk and their IR.
pub struct Parsed {
    /// The raw pages, kept for quoting source lines in diagnostics.
    pub sources: Vec<Source>,
    pub corpus: ir::Corpus,
}

/// Reads and parses every page under `inputs` (files of any extension,
/// directories recursively for `.md`), in parallel.
pub fn parse_inputs(inputs: &[PathBuf]) -> Result<Parsed, Error> {
    let sources = read_sources(inputs)?;
    if sources.is_empty() {
        let names: Vec<_> = inputs.iter().map(|p| input::display_path(p)).collect();
        return Err(Error::NoPages(names.join(", ")));
    }
    let corpus = graphdoc_parse::parse_sources(&sources);
    Ok(Parsed { sources, corpus })
}

/// The model of one API version from `inputs`: `version` if given, else the
/// only version the pages describe. Pages spanning several versions need a choice.
pub fn model_of(parsed: &Parsed, version: Option<ir::ApiVersion>) -> Result<ir::ApiModel, Error> {
    let mut models = graphdoc_merge::merge(&parsed.corpus);
    match version {
        Some(v) => Ok(models
            .into_iter()
            .find(|m| m.version == v)
            .unwrap_or_else(|| ir::ApiModel::new(v))),
        None if models.len() == 1 => Ok(models.remove(0)),
        None => {
            let found: Vec<_> = models.iter().map(|m| m.version.as_str()).collect();
            Err(Error::AmbiguousVersion(found.join(", ")))
        }
    }
}

/// The model of each API version the pages describe, or of `version` only.
pub fn models_of(parsed: &Parsed, version: Option<ir::ApiVersion>) -> Vec<ir::ApiModel> {
    let mut models = graphdoc_merge::merge(&parsed.corpus);
    models.retain(|m| version.is_none_or(|v| v == m.version));
    models
}

/// Every finding about the pages: the parser's, then for each API version the
/// merge's and the lint's (examples checked against the model, located at
/// the JSON key's line), sorted and deduplicated.
#[cfg(feature = "lint")]
pub fn diagnostics(parsed: &Parsed) -> Vec<ir::Diagnostic> {
    diagnostics_for(parsed, None)
}

/// [`diagnostics`], for a change to some pages: the whole tree is parsed
/// and merged for context, only these pages' examples are checked, and only
/// findings that concern them (on them, or naming them) are kept.
#[cfg(feature = "lint")]
pub fn diagnostics_for(parsed: &Parsed, only: Option<&changed::Pages>) -> Vec<ir::Diagnostic> {
    lint_models(parsed, only).2
}

/// What `graphdoc lint` and `graphdoc report` both need, computed once:
/// the pages, their models, the lint's run over each and every finding.
#[cfg(feature = "lint")]
pub struct Analysis {
    pub parsed: Parsed,
    /// The model of each API version the pages describe.
    pub models: Vec<ir::ApiModel>,
    /// The lint of each model (its checked examples and findings), in model order.
    pub lints: Vec<graphdoc_lint::Report>,
    /// Every finding (the parser's, the merges', the lints'), sorted and
    /// deduplicated, at the codes' own severities: before levels.
    pub diagnostics: Vec<ir::Diagnostic>,
}

/// Reads, parses, merges and lints `inputs` once ([`diagnostics_for`]'s
/// rules for `only`).
#[cfg(feature = "lint")]
pub fn analyze(inputs: &[PathBuf], only: Option<&changed::Pages>) -> Result<Analysis, Error> {
    let parsed = parse_inputs(inputs)?;
    let (models, lints, diagnostics) = lint_models(&parsed, only);
    Ok(Analysis {
        parsed,
        models,
        lints,
        diagnostics,
    })
}

#[cfg(feature = "lint")]
fn lint_models(
    parsed: &Parsed,
    only: Option<&changed::Pages>,
) -> (
    Vec<ir::ApiModel>,
    Vec<graphdoc_lint::Report>,
    Vec<ir::Diagnostic>,
) {
    let pages: Option<Vec<&str>> = only.map(|only| {
        parsed
            .sources
            .iter()
            .map(|(path, _)| path.as_str())
            .filter(|path| only.contains(path))
            .collect()
    });
    let mut all = parsed.corpus.diagnostics.clone();
    let models = graphdoc_merge::merge(&parsed.corpus);
    let mut lints = Vec::with_capacity(models.len());
    for model in &models {
        all.extend(model.diagnostics.iter().cloned());
        let mut linter = graphdoc_lint::Linter::new(model).sources(&parsed.sources);
        if let Some(pages) = &pages {
            linter = linter.only(pages.iter().copied());
        }
        let report = linter.run();
        all.extend(report.diagnostics.iter().cloned());
        lints.push(report);
    }
    if let Some(only) = only {
        all.retain(|d| only.concern(d));
    }
    all.sort();
    all.dedup();
    (models, lints, all)
}

/// The model of one API version (see [`model_of`]) as OData CSDL XML (EDMX 4.0).
#[cfg(feature = "csdl")]
pub fn csdl_of(parsed: &Parsed, version: Option<ir::ApiVersion>) -> Result<String, Error> {
    let model = model_of(parsed, version)?;
    graphdoc_csdl::write_csdl(&model).map_err(Error::Csdl)
}

/// What the docs describe against the service's CSDL metadata at `metadata`:
/// what each lacks, at its doc location, with fidelity figures.
#[cfg(feature = "csdl")]
pub fn diff_metadata(
    parsed: &Parsed,
    metadata: &Path,
    version: Option<ir::ApiVersion>,
) -> Result<graphdoc_csdl::DiffReport, Error> {
    let docs = model_of(parsed, version)?;
    let xml = std::fs::read_to_string(metadata).map_err(|e| Error::io(metadata, e))?;
    let path = input::display_path(metadata);
    let service = graphdoc_csdl::read_metadata_with(&xml, &path, docs.version)
        .map_err(|source| Error::Metadata { path, source })?;
    Ok(graphdoc_csdl::diff(&docs, &service))
}

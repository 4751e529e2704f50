//! The library API: one builder behind `graphdoc gen`, `cargo xtask gen` and build scripts.

use std::fmt;
use std::path::{Path, PathBuf};

use graphdoc_emit::EmitSettings;
use graphdoc_ir::{ApiModel, ApiVersion, Diagnostic};

use crate::output::{self, OutputFile};
use crate::{Error, input};

/// Generates Rust bindings from Graph doc pages, in the manner of `prost-build`.
///
/// # In a build script
///
/// The defaults write one self-contained file, `$OUT_DIR/graphdoc.rs`, for
/// the crate to [`include!`], and print `cargo:rerun-if-changed` for every
/// input so Cargo re-runs the script when a page changes:
///
/// ```standalone_crate
/// # let dir = graphdoc::doc_support::example_docs_dir("build-rs");
/// # std::env::set_current_dir(&dir).unwrap();
/// # unsafe { std::env::set_var("OUT_DIR", dir.join("out")) };
/// // build.rs, in fn main() -> Result<(), Box<dyn std::error::Error>>
/// graphdoc::Builder::new()
///     .input("docs")
///     .api_version(graphdoc::ir::ApiVersion::V1_0)
///     .extra_derive("Eq")
///     .generate()?;
/// // src/lib.rs: include!(concat!(env!("OUT_DIR"), "/graphdoc.rs"));
/// # let code = std::fs::read_to_string(dir.join("out/graphdoc.rs")).unwrap();
/// # assert!(code.contains("pub struct Widget"), "{code}");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # In an xtask
///
/// With [`Builder::crate_manifest`] it writes a whole crate (`Cargo.toml` and
/// `src/`) to check in, as `cargo xtask gen` does for `generated/`; with
/// [`Builder::check`] it only compares, failing with [`Error::Stale`]:
///
/// ```standalone_crate
/// # let dir = graphdoc::doc_support::example_docs_dir("xtask");
/// # std::env::set_current_dir(&dir).unwrap();
/// let manifest = graphdoc::CrateManifest::new("my-graph").runtime_path("../graphdoc-runtime");
/// let builder = graphdoc::Builder::new().input("docs").out_dir("generated").crate_manifest(manifest);
/// let summary = builder.clone().generate()?;
/// println!("{summary}");
/// // `cargo xtask gen --check` in CI: fails, naming the stale files, if generated/ is out of date.
/// builder.check(true).generate()?;
/// # assert!(std::path::Path::new("generated/src/v1_0/mod.rs").exists());
/// # Ok::<(), graphdoc::Error>(())
/// ```
///
/// Generation needs no network and no rustfmt, and is deterministic: the same
/// pages give the same bytes.
#[derive(Debug, Clone)]
pub struct Builder {
    inputs: Vec<PathBuf>,
    api_version: Option<ApiVersion>,
    workloads: Vec<String>,
    paths: Vec<String>,
    extra_derives: Vec<String>,
    out_dir: Option<PathBuf>,
    manifest: Option<CrateManifest>,
    check: bool,
    cargo_metadata: Option<bool>,
    models: bool,
    routes: bool,
    example_snapshots: bool,
    example_live_tests: bool,
    families: bool,
}

impl Default for Builder {
    fn default() -> Self {
        Self::new()
    }
}

impl Builder {
    pub fn new() -> Self {
        Self {
            inputs: Vec::new(),
            api_version: None,
            workloads: Vec::new(),
            paths: Vec::new(),
            extra_derives: Vec::new(),
            out_dir: None,
            manifest: None,
            check: false,
            cargo_metadata: None,
            models: true,
            routes: true,
            example_snapshots: true,
            example_live_tests: false,
            families: true,
        }
    }

    /// A page file (any extension) or a directory (every `.md` below it). Repeatable.
    pub fn input(mut self, path: impl AsRef<Path>) -> Self {
        self.inputs.push(path.as_ref().to_path_buf());
        self
    }

    /// Several inputs at once.
    pub fn inputs<P: AsRef<Path>>(mut self, paths: impl IntoIterator<Item = P>) -> Self {
        self.inputs
            .extend(paths.into_iter().map(|p| p.as_ref().to_path_buf()));
        self
    }

    /// Only this API version (default: every version the pages describe).
    pub fn api_version(mut self, version: ApiVersion) -> Self {
        self.api_version = Some(version);
        self
    }

    /// Only types and operations of these workloads (front-matter `ms.prod`, e.g. `users`),
    /// plus whatever they reference.
    pub fn workloads<S: Into<String>>(mut self, workloads: impl IntoIterator<Item = S>) -> Self {
        self.workloads.extend(workloads.into_iter().map(Into::into));
        self
    }

    /// Only operations whose path template starts with one of these prefixes (e.g. `/users`).
    pub fn paths<S: Into<String>>(mut self, prefixes: impl IntoIterator<Item = S>) -> Self {
        self.paths.extend(prefixes.into_iter().map(Into::into));
        self
    }

    /// Derive this trait too on every model (e.g. `"Hash"`, `"Eq"`).
    pub fn extra_derive(mut self, derive: impl Into<String>) -> Self {
        self.extra_derives.push(derive.into());
        self
    }

    /// Whether to emit the models (default `true`). Routes need them.
    pub fn models(mut self, yes: bool) -> Self {
        self.models = yes;
        self
    }

    /// Whether to emit route stubs, a function per operation and path template in
    /// each version's `routes` module (default `true`).
    pub fn routes(mut self, yes: bool) -> Self {
        self.routes = yes;
        self
    }

    /// Whether a type that others derive from gets a family enum
    /// (`AnyDirectoryObject`), used wherever the type is declared, so each
    /// value deserializes as the type its `@odata.type` names (default
    /// `true`; see [`graphdoc_emit::EmitSettings::families`]).
    pub fn families(mut self, yes: bool) -> Self {
        self.families = yes;
        self
    }

    /// Whether the example tests of a crate ([`Builder::crate_manifest`]) record
    /// the typed values as insta snapshots (default `true`; snapshots live in
    /// `tests/snapshots/`, reviewed and accepted by hand, never removed by
    /// graphdoc). Off for a crate nobody reviews, such as one of a whole tree.
    pub fn example_snapshots(mut self, yes: bool) -> Self {
        self.example_snapshots = yes;
        self
    }

    /// Whether a crate ([`Builder::crate_manifest`]) also gets `tests/live.rs`
    /// (default `false`): each documented `GET` example with a JSON response
    /// sent through its route to a mock of Graph (`graphdoc mock`) at
    /// `GRAPHDOC_MOCK_URL` with the runtime's clients, and read into the
    /// route's type. It compiles with the crate's `client` or `client-async`
    /// feature: `cargo test --test live --features client,client-async`.
    pub fn example_live_tests(mut self, yes: bool) -> Self {
        self.example_live_tests = yes;
        self
    }

    /// Where to write (default: `$OUT_DIR`, as set for build scripts).
    pub fn out_dir(mut self, dir: impl AsRef<Path>) -> Self {
        self.out_dir = Some(dir.as_ref().to_path_buf());
        self
    }

    /// Write a whole crate (`Cargo.toml` + `src/`) instead of one file to `include!`,
    /// with a test per documented example (`tests/examples.rs`) when the
    /// lint stage is compiled in (feature `lint`, on by default) and the
    /// runtime beside it unless the manifest names one (see [`CrateManifest`]).
    pub fn crate_manifest(mut self, manifest: CrateManifest) -> Self {
        self.manifest = Some(manifest);
        self
    }

    /// Compare with what `out_dir` holds and fail with [`Error::Stale`] on a
    /// difference, writing nothing.
    pub fn check(mut self, check: bool) -> Self {
        self.check = check;
        self
    }

    /// Print `cargo:rerun-if-changed` lines (default: only when run by Cargo as a build script).
    pub fn cargo_metadata(mut self, yes: bool) -> Self {
        self.cargo_metadata = Some(yes);
        self
    }

    /// Reads, merges and emits, then writes (or checks) the output.
    pub fn generate(&self) -> Result<Summary, Error> {
        let out_dir = match &self.out_dir {
            Some(dir) => dir.clone(),
            None => std::env::var_os("OUT_DIR")
                .map(PathBuf::from)
                .ok_or(Error::NoOutDir)?,
        };
        if self.inputs.is_empty() {
            return Err(Error::NoPages("(no input given)".into()));
        }
        // On a worker of rayon's pool, not the caller's thread: every stage
        // then allocates from the pool's threads' malloc arenas, so what the
        // pages and the merge free can be reused by the emitters (which run
        // on those threads) instead of lingering in the caller's arena.
        rayon::scope(|_| self.generate_into(&out_dir))
    }

    fn generate_into(&self, out_dir: &Path) -> Result<Summary, Error> {
        let crate::Parsed {
            sources,
            mut corpus,
        } = crate::parse_inputs(&self.inputs)?;
        if self.cargo_metadata.unwrap_or_else(running_as_build_script) {
            self.print_rerun_if_changed(&sources);
        }

        // The pages' examples move into the models: nothing reads the pages after the merge.
        let merged = graphdoc_merge::merge_taking_examples(&mut corpus);
        // The pages are merged: only their diagnostics are still needed. The
        // rest goes now, not at the end of this function (as a partly moved
        // binding would), so the lint and the emitter reuse its memory.
        let graphdoc_ir::Corpus {
            mut diagnostics,
            pages,
            files,
        } = corpus;
        let models = self.select(merged);
        for model in &models {
            diagnostics.extend(model.diagnostics.iter().cloned());
        }
        // Freeing the pages takes a while (tens of ms on v1.0): on the other
        // core, beside the lint and the planning.
        let (files, ()) = rayon::join(|| self.emit(models, sources), move || drop((pages, files)));
        let files = files?;

        let summary = Summary {
            files: files.len(),
            diagnostics,
            write: None,
        };
        if self.check {
            let staleness = output::check_tree(out_dir, &files)?;
            if !staleness.is_fresh() {
                return Err(Error::Stale {
                    dir: input::display_path(out_dir),
                    staleness,
                });
            }
            return Ok(summary);
        }
        let report = output::write_tree(out_dir, &files)?;
        Ok(Summary {
            write: Some(report),
            ..summary
        })
    }

    fn select(&self, models: Vec<ApiModel>) -> Vec<ApiModel> {
        models
            .into_iter()
            .filter(|m| self.api_version.is_none_or(|v| v == m.version))
            .map(|m| crate::select::select(m, &self.workloads, &self.paths))
            .collect()
    }

    /// Takes the models and sources to let go of what each step no longer needs.
    fn emit(
        &self,
        mut models: Vec<ApiModel>,
        sources: Vec<input::Source>,
    ) -> Result<Vec<OutputFile>, Error> {
        let mut settings = EmitSettings::new()
            .models(self.models)
            .routes(self.routes)
            .example_snapshots(self.example_snapshots)
            .families(self.families);
        for derive in &self.extra_derives {
            settings = settings.extra_derive(derive.clone());
        }
        match &self.manifest {
            Some(manifest) => {
                let settings = settings.workload_features(true);
                let mut files =
                    self.crate_files(&mut models, sources, &settings, &manifest.name)?;
                files.extend(manifest.vendored_files());
                files.push(OutputFile {
                    path: "Cargo.toml".into(),
                    contents: manifest.render(&graphdoc_emit::workload_features(
                        &models.iter().collect::<Vec<_>>(),
                    )),
                });
                Ok(files)
            }
            None => {
                drop(sources);
                let models: Vec<&ApiModel> = models.iter().collect();
                let file = graphdoc_emit::emit_single_file(&models, &settings)?;
                Ok(vec![OutputFile {
                    path: INCLUDE_FILE.into(),
                    contents: file,
                }])
            }
        }
    }

    fn print_rerun_if_changed(&self, sources: &[input::Source]) {
        for input in &self.inputs {
            println!("cargo:rerun-if-changed={}", input.display());
        }
        for (path, _) in sources {
            println!("cargo:rerun-if-changed={path}");
        }
    }
}

impl Builder {
    /// A crate's `src/` and, with models and routes, its example tests.
    #[cfg(feature = "lint")]
    fn crate_files(
        &self,
        models: &mut [ApiModel],
        sources: Vec<input::Source>,
        settings: &EmitSettings,
        package: &str,
    ) -> Result<Vec<OutputFile>, Error> {
        if !(self.models && self.routes) {
            drop(sources);
            return library_only(models, settings);
        }
        let reports = lint(models, sources);
        let models: Vec<&ApiModel> = models.iter().collect();
        let (library, tests) = library_and_tests(
            &models,
            &reports,
            settings,
            package,
            self.example_live_tests,
        )?;
        let mut files: Vec<OutputFile> = library.into_iter().map(in_src).collect();
        files.extend(tests.into_iter().map(|tests| OutputFile {
            path: tests.path,
            contents: tests.contents,
        }));
        Ok(files)
    }

    /// A crate's `src/`: without the lint stage (feature `lint`) there are no
    /// checked examples to make tests of.
    #[cfg(not(feature = "lint"))]
    fn crate_files(
        &self,
        models: &mut [ApiModel],
        sources: Vec<input::Source>,
        settings: &EmitSettings,
        _package: &str,
    ) -> Result<Vec<OutputFile>, Error> {
        drop(sources);
        library_only(models, settings)
    }
}

fn in_src(f: graphdoc_emit::GeneratedFile) -> OutputFile {
    OutputFile {
        path: format!("src/{}", f.path),
        contents: f.contents,
    }
}

fn library_only(models: &[ApiModel], settings: &EmitSettings) -> Result<Vec<OutputFile>, Error> {
    let models: Vec<&ApiModel> = models.iter().collect();
    Ok(graphdoc_emit::emit_crate(&models, settings)?
        .into_iter()
        .map(in_src)
        .collect())
}

/// Each model's examples checked by the lint. The pages' text (for the
/// lines of findings) and the models' own examples are not needed after it:
/// the checked copies are what example tests are made of. The examples are
/// most of a model (about 24 MB of v1.0's 29 MB), so they go before the
/// emitters start: their memory is reused, not added to. (That is why the
/// planning waits for the lint rather than running beside it.)
#[cfg(feature = "lint")]
fn lint(models: &mut [ApiModel], sources: Vec<input::Source>) -> Vec<graphdoc_lint::Report> {
    let reports = models
        .iter()
        .map(|m| graphdoc_lint::Linter::new(m).sources(&sources).run())
        .collect();
    drop(sources);
    for op in models.iter_mut().flat_map(|m| m.operations.values_mut()) {
        op.examples = Vec::new();
    }
    reports
}

/// The library's files and, beside `src/`, a test per documented example
/// (see `graphdoc_emit::emit_example_tests`), and with `live` the live tests
/// (`graphdoc_emit::emit_live_tests`).
#[cfg(feature = "lint")]
fn library_and_tests(
    models: &[&ApiModel],
    reports: &[graphdoc_lint::Report],
    settings: &EmitSettings,
    package: &str,
    live: bool,
) -> Result<
    (
        Vec<graphdoc_emit::GeneratedFile>,
        Vec<graphdoc_emit::GeneratedFile>,
    ),
    Error,
> {
    use rayon::prelude::*;
    let planned = models
        .par_iter()
        .map(|m| graphdoc_emit::PlannedVersion::new(m, settings))
        .collect::<Result<Vec<_>, _>>()?;
    let versions: Vec<graphdoc_emit::VersionExamples<'_>> = models
        .iter()
        .zip(reports)
        .map(|(&model, report)| graphdoc_emit::VersionExamples {
            model,
            examples: &report.examples,
            diagnostics: &report.diagnostics,
        })
        .collect();
    let crate_name = package.replace('-', "_");
    let (library, examples) =
        graphdoc_emit::emit_crate_with_tests(&planned, &versions, settings, &crate_name)?;
    let mut tests = vec![examples];
    if live {
        tests.push(graphdoc_emit::emit_live_tests(
            &planned,
            &versions,
            settings,
            &crate_name,
        )?);
    }
    Ok((library, tests))
}

/// The file a build script's output is written to, for `include!`.
pub const INCLUDE_FILE: &str = "graphdoc.rs";

fn running_as_build_script() -> bool {
    std::env::var_os("OUT_DIR").is_some() && std::env::var_os("CARGO_PKG_NAME").is_some()
}

/// Where a crate written with [`CrateManifest::new`] keeps its copy of
/// graphdoc-runtime, relative to the crate.
pub const RUNTIME_DIR: &str = "vendor/graphdoc-runtime";

/// The `Cargo.toml` of a generated crate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CrateManifest {
    name: String,
    runtime: RuntimeDependency,
    workspace_root: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum RuntimeDependency {
    Vendored,
    Path(String),
    Version(String),
}

impl CrateManifest {
    /// A crate named `name` that carries graphdoc-runtime's sources beside it
    /// (in [`RUNTIME_DIR`], the runtime graphdoc was built with) and depends
    /// on them by path: it builds as written, with no registry package.
    pub fn new(name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            runtime: RuntimeDependency::Vendored,
            workspace_root: false,
        }
    }

    /// Make the crate its own workspace root (an empty `[workspace]` table),
    /// so that it can set its profiles: `cargo test` builds it without
    /// debuginfo (a failing test's panic still names its line) and not
    /// incrementally, which cuts the time a large crate's example tests take
    /// to build by about 40%. Not for a crate that is a member of another
    /// workspace.
    pub fn workspace_root(mut self) -> Self {
        self.workspace_root = true;
        self
    }

    /// Depend on `graphdoc-runtime` at this path (as written into `Cargo.toml`),
    /// e.g. a workspace's own copy; nothing is vendored.
    pub fn runtime_path(mut self, path: impl Into<String>) -> Self {
        self.runtime = RuntimeDependency::Path(path.into());
        self
    }

    /// Depend on the published `graphdoc-runtime` of this version requirement
    /// (e.g. `"0.1"`); nothing is vendored.
    pub fn runtime_version(mut self, version: impl Into<String>) -> Self {
        self.runtime = RuntimeDependency::Version(version.into());
        self
    }

    /// The runtime's files to write beside the crate, when it carries them.
    fn vendored_files(&self) -> Vec<OutputFile> {
        match self.runtime {
            RuntimeDependency::Vendored => crate::vendor::runtime_files()
                .iter()
                .map(|(path, contents)| OutputFile {
                    path: format!("{RUNTIME_DIR}/{path}"),
                    contents: (*contents).to_owned(),
                })
                .collect(),
            RuntimeDependency::Path(_) | RuntimeDependency::Version(_) => Vec::new(),
        }
    }

    /// `workloads`: the workload features (see `graphdoc_emit::workload_features`).
    fn render(&self, workloads: &[String]) -> String {
        let (runtime, runtime_dev) = match &self.runtime {
            RuntimeDependency::Vendored => (
                format!("{{ path = {} }}", toml_string(RUNTIME_DIR)),
                format!(
                    "{{ path = {}, features = [\"client\", \"mock\"] }}",
                    toml_string(RUNTIME_DIR)
                ),
            ),
            RuntimeDependency::Path(path) => (
                format!("{{ path = {} }}", toml_string(path)),
                format!(
                    "{{ path = {}, features = [\"client\", \"mock\"] }}",
                    toml_string(path)
                ),
            ),
            RuntimeDependency::Version(version) => (
                toml_string(version),
                format!(
                    "{{ version = {}, features = [\"client\", \"mock\"] }}",
                    toml_string(version)
                ),
            ),
        };
        let mut text = format!(
            "{}\n[package]\nname = {}\nversion = \"0.1.0\"\nedition = \"2021\"\npublish = false\n\n[lib]\n# Doc comments come from the docs: they are prose, not tests.\ndoctest = false\n\n[features]\n# The runtime's blocking client, which sends the route builders.\nclient = [\"graphdoc-runtime/client\"]\n# The same on tokio (reqwest, rustls): `send` is async, collections are `Stream`s.\nclient-async = [\"graphdoc-runtime/client-async\"]\n{}\n[dependencies]\ngraphdoc-runtime = {runtime}\n",
            graphdoc_emit::PREAMBLE.replace("//", "#").trim_end(),
            toml_string(&self.name),
            workload_features_toml(workloads),
        );
        for (dep, spec) in graphdoc_emit::CARGO_DEPENDENCIES {
            text.push_str(&format!("{dep} = {spec}\n"));
        }
        text.push_str(&format!(
            "\n[dev-dependencies]\n# Tests send requests with the client to a local mock server.\ngraphdoc-runtime = {runtime_dev}\n"
        ));
        text.push_str("# The example tests (tests/examples.rs) snapshot the typed values.\n");
        for (dep, spec) in graphdoc_emit::EXAMPLE_TEST_DEV_DEPENDENCIES {
            text.push_str(&format!("{dep} = {spec}\n"));
        }
        if self.workspace_root {
            text.push_str(
                "\n# Its own workspace: a crate of this size builds its tests much faster\n\
                 # without debuginfo, and gains nothing from incremental builds.\n\
                 [workspace]\n\n\
                 [profile.test]\n\
                 debug = false\n\
                 incremental = false\n",
            );
        }
        text
    }
}

/// One feature per workload, each gating that workload's types and routes;
/// `full` (on by default) enables them all. Empty when there are none.
fn workload_features_toml(workloads: &[String]) -> String {
    if workloads.is_empty() {
        return String::new();
    }
    let all: Vec<String> = workloads.iter().map(|w| toml_string(w)).collect();
    let mut text = format!(
        "# A feature per workload (front-matter `ms.prod`): with `default-features = false`,\n\
         # enable only those you use. `full` enables them all.\ndefault = [\"full\"]\nfull = [{}]\n",
        all.join(", ")
    );
    for workload in &all {
        text.push_str(&format!("{workload} = []\n"));
    }
    text
}

fn toml_string(s: &str) -> String {
    // TOML basic strings share JSON's escapes for everything we can meet here.
    serde_json::to_string(s).expect("strings serialize")
}

/// What a run did.
#[derive(Debug, Clone)]
pub struct Summary {
    /// Files in the generated output.
    pub files: usize,
    /// Everything the docs gave rise to (parse and merge findings).
    pub diagnostics: Vec<Diagnostic>,
    /// What was written (none in check mode).
    pub write: Option<output::WriteReport>,
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} files", self.files)?;
        if let Some(w) = &self.write {
            write!(
                f,
                " ({} written, {} unchanged, {} removed)",
                w.written.len(),
                w.unchanged,
                w.removed.len()
            )?;
        }
        write!(f, ", {} diagnostics", self.diagnostics.len())
    }
}

//! Test support shared by graphdoc's crates.
//!
//! Tests that need the real docs tree or the service metadata ask this crate
//! where they are. When absent, a test prints a clear skip line and returns,
//! except under CI (`CI` set), where absence is a failure: CI must never pass
//! by skipping the tests that matter.

use std::path::{Path, PathBuf};

/// The workspace root (this crate lives at `crates/graphdoc-testkit`).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("workspace root exists")
}

/// The `seeds/` directory of the workspace.
pub fn seeds_dir() -> PathBuf {
    workspace_root().join("seeds")
}

/// The docs tree: `GRAPHDOC_CORPUS`, else `../shared/graph-docs` beside the workspace.
/// `None` (after printing a skip line) when absent outside CI; panics when absent under CI.
pub fn corpus_dir(test: &str) -> Option<PathBuf> {
    let dir = std::env::var_os("GRAPHDOC_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("../shared/graph-docs"));
    require(
        test,
        dir,
        "docs corpus (set GRAPHDOC_CORPUS or provide ../shared/graph-docs)",
    )
}

/// The v1.0 pages of the docs tree (`<corpus>/api-reference/v1.0`).
pub fn corpus_v1_dir(test: &str) -> Option<PathBuf> {
    corpus_dir(test).map(|d| d.join("api-reference/v1.0"))
}

/// The service's CSDL: `GRAPHDOC_METADATA`, else `../shared/graph-metadata/v1.0_metadata.xml`.
pub fn metadata_file(test: &str) -> Option<PathBuf> {
    let file = std::env::var_os("GRAPHDOC_METADATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("../shared/graph-metadata/v1.0_metadata.xml"));
    require(
        test,
        file,
        "service metadata (set GRAPHDOC_METADATA or provide ../shared/graph-metadata)",
    )
}

fn require(test: &str, path: PathBuf, what: &str) -> Option<PathBuf> {
    if path.exists() {
        return Some(path);
    }
    if std::env::var_os("CI").is_some() {
        panic!(
            "{test}: {what} not found at {} and CI is set: this test must run in CI",
            path.display()
        );
    }
    println!("SKIP {test}: {what} not found at {}", path.display());
    None
}

/// The seed pages, sorted. They are `.txt` files, so they are passed by name
/// (a directory input contributes only `.md` pages).
pub fn seed_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(seeds_dir())
        .expect("seeds/ is readable")
        .map(|e| e.expect("seeds/ entries are readable").path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

/// Every `.md` page below the v1.0 directory, read and named
/// `api-reference/v1.0/<relative path>` (as the docs repository names them), sorted.
pub fn corpus_v1_sources(v1_dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    let mut stack = vec![v1_dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
            let path = entry.expect("readable corpus entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "md") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
        .iter()
        .map(|path| {
            let rel = path.strip_prefix(v1_dir).expect("below the corpus dir");
            let name = format!(
                "api-reference/v1.0/{}",
                rel.to_string_lossy().replace('\\', "/")
            );
            (
                name,
                std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display())),
            )
        })
        .collect()
}

/// The seed pages, read and named `seeds/<file>`, sorted.
pub fn seed_sources() -> Vec<(String, Vec<u8>)> {
    seed_files()
        .iter()
        .map(|p| {
            let name = format!("seeds/{}", p.file_name().expect("a file").to_string_lossy());
            (
                name,
                std::fs::read(p).unwrap_or_else(|e| panic!("{}: {e}", p.display())),
            )
        })
        .collect()
}

/// Every value of `attr="..."` in `html`.
pub fn attribute_values<'a>(html: &'a str, attr: &str) -> Vec<&'a str> {
    let needle = format!(" {attr}=\"");
    html.match_indices(&needle)
        .map(|(i, _)| {
            let rest = &html[i + needle.len()..];
            &rest[..rest.find('"').unwrap()]
        })
        .collect()
}

/// An HTML page's `src` and `href` values point nowhere else (no scheme,
/// no `//host`, no `data:`), and it loads no stylesheet, frame, image or
/// script by reference: it opens offline.
pub fn assert_no_external_urls(html: &str) {
    for attr in ["src", "href"] {
        for v in attribute_values(html, attr) {
            let lower = v.to_ascii_lowercase();
            assert!(
                !lower.contains("://") && !lower.starts_with("//") && !lower.starts_with("data:"),
                "{attr}=\"{v}\" points elsewhere"
            );
        }
    }
    for needle in ["@import", "url(", "<link", "<iframe", "<img"] {
        assert!(!html.contains(needle), "the page holds `{needle}`");
    }
    for script in html.match_indices("<script").map(|(i, _)| &html[i..]) {
        assert!(script.starts_with("<script>"), "a script with attributes");
    }
}

/// A corpus test's figures (counts, reasons, timings): printed, and kept in
/// `target/corpus-figures/<test>.txt` so that `.ci/run` can show them after
/// `cargo test` (which hides a passing test's output).
#[derive(Debug, Default)]
pub struct Figures {
    text: String,
}

impl Figures {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a line (printed at once, too).
    pub fn line(&mut self, line: impl std::fmt::Display) {
        let line = line.to_string();
        println!("{line}");
        self.text.push_str(&line);
        self.text.push('\n');
    }

    /// Writes the figures for `.ci/run`; a failure to write is only reported.
    pub fn keep(&self, test: &str) {
        let target = std::env::var_os("CARGO_TARGET_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| workspace_root().join("target"));
        let dir = target.join("corpus-figures");
        let written = std::fs::create_dir_all(&dir)
            .and_then(|()| std::fs::write(dir.join(format!("{test}.txt")), &self.text));
        if let Err(e) = written {
            println!("{test}: figures not kept in {}: {e}", dir.display());
        }
    }
}

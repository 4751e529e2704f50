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

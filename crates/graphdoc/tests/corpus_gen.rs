//! The whole v1.0 docs tree becomes a crate that compiles without warnings.
//!
//! Needs the real docs tree (skips with a message when absent, fails under CI).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use graphdoc::ir::{ApiVersion, Code, DocType};

#[test]
fn whole_v1_tree_generates_a_crate_that_cargo_checks_cleanly() {
    let Some(v1) = graphdoc_testkit::corpus_v1_dir("corpus gen") else {
        return;
    };
    let parsed = graphdoc::parse_inputs(std::slice::from_ref(&v1)).unwrap();
    let model = graphdoc::model_of(&parsed, Some(ApiVersion::V1_0)).unwrap();

    // Every type a resource or enum page defines is in the model, whatever it collided with.
    let in_model: BTreeSet<String> = model
        .types
        .iter()
        .map(|t| t.name().to_lowercase())
        .collect();
    let mut defined = 0;
    for page in &parsed.corpus.pages {
        if !matches!(
            page.meta.doc_type,
            Some(DocType::ResourcePage | DocType::EnumPage)
        ) {
            continue;
        }
        for ty in &page.types {
            defined += 1;
            assert!(
                in_model.contains(&ty.name.to_lowercase()),
                "{}: type `{}` is missing from the model",
                parsed.corpus.path(page.file),
                ty.name
            );
        }
    }
    let duplicates = model
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::DuplicateTypeDefinition)
        .count();
    println!(
        "{defined} types defined by resource and enum pages; {duplicates} duplicates resolved with a diagnostic"
    );
    assert!(model.types.len() > 1000, "only {} types", model.types.len());

    let dir = tempfile::tempdir().unwrap();
    let crate_dir = dir.path().join("graph-v1");
    let runtime = graphdoc_testkit::workspace_root().join("crates/graphdoc-runtime");
    let started = Instant::now();
    let summary = graphdoc::Builder::new()
        .input(&v1)
        .api_version(ApiVersion::V1_0)
        .out_dir(&crate_dir)
        .crate_manifest(
            graphdoc::CrateManifest::new("graph-v1").runtime_path(runtime.display().to_string()),
        )
        .generate()
        .unwrap();
    let generated_in = started.elapsed();
    let (files, lines) = count_rust(&crate_dir.join("src"));
    println!("generated {files} Rust files, {lines} lines, in {generated_in:.2?} ({summary})");

    // Reuse the workspace's lock so the check resolves the same dependency versions.
    std::fs::copy(
        graphdoc_testkit::workspace_root().join("Cargo.lock"),
        crate_dir.join("Cargo.lock"),
    )
    .unwrap();
    // All workloads, none (only the common types), and one alone: a field or route
    // naming a gated-off workload's type must be gated itself, or one of these fails.
    let manifest = std::fs::read_to_string(crate_dir.join("Cargo.toml")).unwrap();
    assert!(
        manifest.contains("\nusers = []") || manifest.contains("\n\"users\" = []"),
        "no users feature:\n{manifest}"
    );
    for features in [
        &["--all-features"][..],
        &["--no-default-features"],
        &["--no-default-features", "--features", "users"],
    ] {
        let started = Instant::now();
        let check = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
            .args(["check", "--quiet", "--manifest-path"])
            .arg(crate_dir.join("Cargo.toml"))
            .args(features)
            .env("CARGO_TARGET_DIR", check_target_dir())
            .env("RUSTFLAGS", "-D warnings")
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&check.stderr);
        assert!(
            check.status.success(),
            "cargo check {features:?} of the v1.0 bindings failed:\n{}",
            tail(&stderr, 80)
        );
        println!(
            "cargo check {features:?} of the whole v1.0 bindings: {:.1?}",
            started.elapsed()
        );
    }
}

/// A target directory kept between runs, beside the workspace's, so only the
/// generated crate is rebuilt each time.
fn check_target_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| graphdoc_testkit::workspace_root().join("target"));
    target.join("corpus-check")
}

fn count_rust(dir: &Path) -> (usize, usize) {
    let mut files = 0;
    let mut lines = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            let (f, l) = count_rust(&path);
            files += f;
            lines += l;
        } else if path.extension().is_some_and(|e| e == "rs") {
            files += 1;
            lines += std::fs::read_to_string(&path).unwrap().lines().count();
        }
    }
    (files, lines)
}

fn tail(text: &str, lines: usize) -> String {
    let all: Vec<&str> = text.lines().collect();
    all[all.len().saturating_sub(lines)..].join("\n")
}

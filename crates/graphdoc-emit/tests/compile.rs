//! The emitted code compiles without a warning, round-trips JSON and builds the
//! documented requests: the files for the test models go into a temporary crate
//! (with `#![deny(warnings)]`) together with `fixtures/roundtrip.rs` and
//! `fixtures/routes.rs` as its tests, and `cargo test` runs there.
//!
//! The temporary crate builds into `$CARGO_TARGET_DIR/compile-tests` (else
//! `target/compile-tests`), shared between runs so that only the first is slow.
//! Set `GRAPHDOC_COMPILE_TEST_DIR` to write the crate there instead (and keep it).

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use graphdoc_emit::{EmitSettings, emit_crate};

fn target_dir() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let base = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .map(|p| if p.is_absolute() { p } else { manifest.join(p) })
        .unwrap_or_else(|| manifest.join("../../target"));
    base.join("compile-tests")
}

#[test]
fn emitted_crate_compiles_and_round_trips() {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let runtime = manifest
        .join("../graphdoc-runtime")
        .canonicalize()
        .expect("graphdoc-runtime is beside graphdoc-emit");
    let (seeds, edge) = (common::seed_model(), common::edge_model());
    let files = emit_crate(&[&seeds, &edge], &EmitSettings::new()).expect("emits");

    let temp = tempfile::tempdir().expect("temp dir");
    let kept = std::env::var_os("GRAPHDOC_COMPILE_TEST_DIR").map(PathBuf::from);
    let root = kept.as_deref().unwrap_or(temp.path());
    std::fs::create_dir_all(root).unwrap();
    let cargo_toml = format!(
        r#"[package]
name = "graphdoc-emit-compile-test"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
graphdoc-runtime = {{ path = {runtime:?} }}
serde = {{ version = "1", features = ["derive"] }}

[dev-dependencies]
serde_json = "1"

[workspace]
"#
    );
    std::fs::write(root.join("Cargo.toml"), cargo_toml).unwrap();
    // Same dependency versions as the workspace, when it has a lock file.
    let lock = manifest.join("../../Cargo.lock");
    if lock.exists() {
        std::fs::copy(&lock, root.join("Cargo.lock")).unwrap();
    }
    for file in &files {
        let path = root.join("src").join(&file.path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        let contents = if file.path == "lib.rs" {
            format!("#![deny(warnings)]\n{}", file.contents)
        } else {
            file.contents.clone()
        };
        std::fs::write(path, contents).unwrap();
    }
    std::fs::create_dir_all(root.join("tests")).unwrap();
    std::fs::write(
        root.join("tests/roundtrip.rs"),
        include_str!("fixtures/roundtrip.rs"),
    )
    .unwrap();
    std::fs::write(
        root.join("tests/routes.rs"),
        include_str!("fixtures/routes.rs"),
    )
    .unwrap();

    let output = Command::new(env!("CARGO"))
        .args(["test", "--quiet", "--color", "never"])
        .current_dir(root)
        .env("CARGO_TARGET_DIR", target_dir())
        .env_remove("RUSTFLAGS")
        .output()
        .expect("runs cargo");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "the generated crate failed `cargo test`:\n{stderr}\n{stdout}"
    );
    let passed: usize = stdout
        .lines()
        .filter_map(|l| l.strip_prefix("test result: ok. "))
        .filter_map(|l| l.split(' ').next()?.parse::<usize>().ok())
        .sum();
    assert!(
        passed >= 8 + 5,
        "the round-trip and route tests did not run in the generated crate:\n{stdout}"
    );
}

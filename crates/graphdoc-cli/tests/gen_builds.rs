//! A crate `graphdoc gen` writes builds as it is written, as a new user
//! would try it: `graphdoc gen seeds/*.txt --out bindings`, no flags, then
//! `cargo build` in it, offline. The runtime comes with the crate
//! (`vendor/graphdoc-runtime`, a path dependency); every other dependency is
//! in the local registry cache (the workspace's own). Runs in CI with the
//! rest of `cargo test --workspace`.

use std::path::Path;
use std::process::Command;

fn graphdoc(args: &[&str], out: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_graphdoc"))
        .args(args)
        .args(graphdoc_testkit::seed_files())
        .arg("--out")
        .arg(out)
        .output()
        .expect("graphdoc runs")
}

#[test]
fn a_crate_gen_writes_with_no_flags_builds_offline() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("bindings");
    let generated = graphdoc(&["gen"], &out);
    assert!(generated.status.success(), "{generated:?}");

    let manifest = std::fs::read_to_string(out.join("Cargo.toml")).unwrap();
    assert!(
        manifest.contains("graphdoc-runtime = { path = \"vendor/graphdoc-runtime\" }"),
        "{manifest}"
    );
    let runtime_manifest =
        std::fs::read_to_string(out.join("vendor/graphdoc-runtime/Cargo.toml")).unwrap();
    assert!(
        !runtime_manifest.contains("workspace"),
        "the vendored runtime stands alone:\n{runtime_manifest}"
    );
    assert_eq!(
        std::fs::read_to_string(out.join("vendor/graphdoc-runtime/src/lib.rs")).unwrap(),
        std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../graphdoc-runtime/src/lib.rs")
        )
        .unwrap(),
        "the vendored runtime is this tree's"
    );

    // The workspace's versions, which the registry cache holds (cargo trims the rest).
    std::fs::copy(
        graphdoc_testkit::workspace_root().join("Cargo.lock"),
        out.join("Cargo.lock"),
    )
    .unwrap();
    // Kept between runs (and apart from the workspace's own target dir, which
    // `cargo test` holds locked): a rerun only checks the generated crate.
    let target = Path::new(env!("CARGO_TARGET_TMPDIR")).join("gen-builds-target");
    let build = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(["build", "--offline", "--quiet"])
        .current_dir(&out)
        .env("CARGO_TARGET_DIR", &target)
        .env_remove("RUSTFLAGS")
        .output()
        .expect("cargo runs");
    assert!(
        build.status.success(),
        "cargo build --offline of the generated crate failed:\n{}",
        String::from_utf8_lossy(&build.stderr)
    );

    // What gen wrote, the vendored runtime included, is what --check expects.
    let check = graphdoc(&["gen", "--check"], &out);
    assert!(check.status.success(), "{check:?}");
}

#[test]
fn runtime_version_and_runtime_path_vendor_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let published = dir.path().join("published");
    let run = graphdoc(&["gen", "--runtime-version", "0.1"], &published);
    assert!(run.status.success(), "{run:?}");
    let manifest = std::fs::read_to_string(published.join("Cargo.toml")).unwrap();
    assert!(
        manifest.contains("graphdoc-runtime = \"0.1\"\n"),
        "{manifest}"
    );
    assert!(!published.join("vendor").exists());

    let workspace = dir.path().join("workspace");
    let run = graphdoc(
        &["gen", "--runtime-path", "../graphdoc-runtime"],
        &workspace,
    );
    assert!(run.status.success(), "{run:?}");
    let manifest = std::fs::read_to_string(workspace.join("Cargo.toml")).unwrap();
    assert!(
        manifest.contains("graphdoc-runtime = { path = \"../graphdoc-runtime\" }"),
        "{manifest}"
    );
    assert!(!workspace.join("vendor").exists());

    let both = graphdoc(
        &["gen", "--runtime-version", "0.1", "--runtime-path", "../rt"],
        &dir.path().join("both"),
    );
    assert_eq!(both.status.code(), Some(2), "{both:?}");
}

//! The README's build.rs snippet, copied into an empty crate as a new user
//! would, builds and gives typed models. Guards the README against rot.

use std::path::Path;
use std::process::Command;

/// The body of the fenced block whose text holds `marker`.
fn block_with(readme: &str, marker: &str) -> String {
    let at = readme
        .find(marker)
        .unwrap_or_else(|| panic!("README has no block with `{marker}`"));
    let open = readme[..at].rfind("```").expect("an opening fence");
    let close = at + readme[at..].find("```").expect("a closing fence");
    let body = &readme[open..close];
    body.split_once('\n')
        .map(|(_, rest)| rest.to_string())
        .expect("a fence line")
}

#[test]
fn the_readme_build_script_snippet_works_in_an_empty_crate() {
    let root = graphdoc_testkit::workspace_root();
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let build_rs = block_with(&readme, "// build.rs");
    let lib_rs = block_with(&readme, "// src/lib.rs");
    let manifest = block_with(&readme, "# Cargo.toml of your crate");

    let dir = tempfile::tempdir().unwrap();
    let krate = dir.path().join("my-graph");
    std::fs::create_dir_all(krate.join("src")).unwrap();
    std::fs::create_dir_all(krate.join("docs")).unwrap();
    std::fs::create_dir_all(krate.join("tests")).unwrap();
    // The README's dependency paths point at a graphdoc checkout; here, this one.
    let manifest = manifest.replace("path/to/graphdoc", &root.display().to_string());
    std::fs::write(krate.join("Cargo.toml"), manifest).unwrap();
    std::fs::write(krate.join("build.rs"), build_rs).unwrap();
    std::fs::write(krate.join("src/lib.rs"), lib_rs).unwrap();
    // A docs folder of the user's: one real page, under a .md name.
    let seed = root.join("seeds/004_8b2e5b793cf2cf7e.txt");
    std::fs::copy(seed, krate.join("docs/create-userstatuses.md")).unwrap();
    std::fs::write(
        krate.join("tests/typed.rs"),
        r##"
use my_graph::v1_0::{ComplianceStatus, ManagedDeviceMobileAppConfigurationUserStatus as Status};

#[test]
fn typed_models() {
    let s: Status = serde_json::from_str(r#"{"devicesCount": 2, "status": "compliant"}"#).unwrap();
    assert_eq!((s.devices_count, s.status), (Some(2), Some(ComplianceStatus::Compliant)));
}
"##,
    )
    .unwrap();
    let mut manifest = std::fs::read_to_string(krate.join("Cargo.toml")).unwrap();
    manifest.push_str("\n[dev-dependencies]\nserde_json = \"1\"\n");
    std::fs::write(krate.join("Cargo.toml"), manifest).unwrap();
    std::fs::copy(root.join("Cargo.lock"), krate.join("Cargo.lock")).unwrap();

    let test = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(["test", "--quiet"])
        .current_dir(&krate)
        .env("CARGO_TARGET_DIR", scratch_target_dir(&root))
        .output()
        .unwrap();
    assert!(
        test.status.success(),
        "the README's build.rs snippet does not work:\n{}\n{}",
        String::from_utf8_lossy(&test.stdout),
        String::from_utf8_lossy(&test.stderr)
    );
}

fn scratch_target_dir(root: &Path) -> std::path::PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(Into::into)
        .unwrap_or_else(|| root.join("target"));
    target.join("scratch-crates")
}

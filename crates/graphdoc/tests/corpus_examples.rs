//! Every example of the whole v1.0 docs tree as a test of the generated
//! bindings (the same `tests/examples.rs` `cargo xtask gen` writes for the
//! seeds, without snapshots): the route builds the documented request, the
//! documented bodies round-trip through their types. Reports passed, ignored
//! (by reason) and failing counts; failing must be 0: a failure is either a
//! docs defect the lint must diagnose (and ignore the example for) or a
//! generator bug to fix. Ignores the generator itself gives (`graphdoc: ...`,
//! no route function for an example's route match) must be 0 too.
//!
//! Then the same crate runs `v1_bindings/polymorphism.rs`: its typed
//! polymorphic values (a page mixing users, groups and org contacts, derived
//! values in fields and routes, a property the service sends in another shape
//! than documented).
//!
//! Needs the real docs tree (skips with a message when absent, fails under CI).

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::Command;
use std::time::Instant;

use graphdoc::ir::ApiVersion;

#[test]
fn whole_v1_tree_examples_pass_as_tests_of_the_bindings() {
    let Some(v1) = graphdoc_testkit::corpus_v1_dir("corpus examples") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let crate_dir = dir.path().join("graph-v1-examples");
    let runtime = graphdoc_testkit::workspace_root().join("crates/graphdoc-runtime");
    let started = Instant::now();
    graphdoc::Builder::new()
        .input(&v1)
        .api_version(ApiVersion::V1_0)
        .out_dir(&crate_dir)
        .example_snapshots(false)
        .crate_manifest(
            graphdoc::CrateManifest::new("graph-v1")
                .runtime_path(runtime.display().to_string())
                .workspace_root(),
        )
        .generate()
        .unwrap();
    let generated_in = started.elapsed();
    std::fs::copy(
        graphdoc_testkit::workspace_root().join("Cargo.lock"),
        crate_dir.join("Cargo.lock"),
    )
    .unwrap();

    let started = Instant::now();
    let output = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(["test", "--test", "examples", "--manifest-path"])
        .arg(crate_dir.join("Cargo.toml"))
        .args(["--", "--test-threads=2"])
        .env("CARGO_TARGET_DIR", check_target_dir())
        .env("RUSTFLAGS", "-D warnings")
        .env("INSTA_UPDATE", "no")
        .env("RUST_BACKTRACE", "0")
        .output()
        .unwrap();
    let tested_in = started.elapsed();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);

    let mut passed = 0;
    let mut failed = Vec::new();
    let mut ignored: BTreeMap<String, usize> = BTreeMap::new();
    // Ignores the generator gives itself (`graphdoc: ...`), not the docs lint:
    // every one is a generator bug.
    let mut gaps = Vec::new();
    for line in stdout.lines() {
        let Some(rest) = line.strip_prefix("test ") else {
            continue;
        };
        let Some((name, outcome)) = rest.split_once(" ... ") else {
            continue;
        };
        if outcome == "ok" {
            passed += 1;
        } else if outcome == "FAILED" {
            failed.push(name.to_owned());
        } else if let Some(reason) = outcome.strip_prefix("ignored") {
            let reason = reason.trim_start_matches(", ");
            if reason.starts_with("graphdoc:") {
                gaps.push(format!("{name}: {reason}"));
            }
            *ignored.entry(reason_kind(reason)).or_default() += 1;
        }
    }
    let ignored_total: usize = ignored.values().sum();
    let mut figures = graphdoc_testkit::Figures::new();
    figures.line(format!(
        "examples: {} tests; passed {passed}, ignored {ignored_total}, failed {}",
        passed + ignored_total + failed.len(),
        failed.len()
    ));
    for (reason, n) in &ignored {
        figures.line(format!("  ignored {n:>5}: {reason}"));
    }
    for gap in &gaps {
        figures.line(format!("  generator gap: {gap}"));
    }
    figures.line(format!(
        "generated in {generated_in:.1?}; cargo test (build + run) in {tested_in:.1?} \
         (dependencies cached after the first run)"
    ));
    figures.keep("corpus_examples");
    assert!(
        output.status.success() || !failed.is_empty(),
        "cargo test of the v1.0 example tests did not run:\n{}",
        tail(&stderr, 60)
    );
    assert!(
        failed.is_empty(),
        "{} example tests fail: {}\n{}",
        failed.len(),
        failed.join(", "),
        failure_details(&stdout, 40)
    );
    assert!(
        gaps.is_empty(),
        "{} example tests are ignored for generator gaps (each must be fixed, or \
         diagnosed by the lint as a docs defect):\n{}",
        gaps.len(),
        gaps.join("\n")
    );
    assert!(passed > 1000, "only {passed} example tests passed");

    // The polymorphic values of the same bindings, tested by hand.
    let tests = crate_dir.join("tests");
    std::fs::write(
        tests.join("polymorphism.rs"),
        include_str!("v1_bindings/polymorphism.rs"),
    )
    .unwrap();
    let output = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(["test", "--test", "polymorphism", "--manifest-path"])
        .arg(crate_dir.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", check_target_dir())
        .env("RUSTFLAGS", "-D warnings")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    figures.line(format!(
        "polymorphism tests of the same bindings: {}",
        stdout
            .lines()
            .find(|l| l.starts_with("test result"))
            .unwrap_or("did not run")
    ));
    figures.keep("corpus_examples");
    assert!(
        output.status.success(),
        "the v1.0 polymorphism tests fail:\n{}\n{}",
        tail(&stdout, 60),
        tail(&String::from_utf8_lossy(&output.stderr), 60)
    );
}

/// An ignore reason with the specifics (names in backticks, numbers) blanked,
/// so that reasons of one kind count together.
fn reason_kind(reason: &str) -> String {
    if reason.contains(" is not a ") {
        return "an example value is not valid for its type (GD0202)".to_owned();
    }
    let mut out = String::new();
    let mut in_ticks = false;
    for c in reason.chars() {
        match c {
            '`' if in_ticks => {
                in_ticks = false;
                out.push_str("…`");
            }
            '`' => {
                in_ticks = true;
                out.push('`');
            }
            _ if in_ticks => {}
            '"' => {}
            _ => out.push(c),
        }
    }
    out
}

/// The first `lines` lines of each failure's output, for the first failures.
fn failure_details(stdout: &str, failures: usize) -> String {
    stdout
        .split("\n---- ")
        .skip(1)
        .take(failures)
        .map(|section| {
            section
                .lines()
                .filter(|l| !l.trim().is_empty() && !l.starts_with("note:"))
                .take(6)
                .collect::<Vec<_>>()
                .join("\n")
        })
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// The target directory `corpus_gen` uses too, so dependencies are built once.
fn check_target_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| graphdoc_testkit::workspace_root().join("target"));
    target.join("corpus-check")
}

fn tail(text: &str, lines: usize) -> String {
    let all: Vec<&str> = text.lines().collect();
    all[all.len().saturating_sub(lines)..].join("\n")
}

//! The pieces fit: the mock of the whole v1.0 docs tree (`graphdoc-mock`,
//! in-process) answers every documented GET example with a JSON response,
//! sent through the *generated* routes of the v1.0 bindings with the
//! runtime's blocking and async clients, and each answer deserializes into
//! the route's generated type.
//!
//! The bindings are generated with their live tests (`tests/live.rs`, one
//! line per example) and `cargo test --test live --features
//! client,client-async` runs them with `GRAPHDOC_MOCK_URL` pointing at the
//! mock. Reports the examples and routes exercised and the ones skipped, by
//! reason (the lint's, for examples it reports as invalid); failing must be
//! 0, and so must ignores the generator gives itself (`graphdoc: ...`).
//!
//! Needs the real docs tree (skips with a message when absent, fails under CI).

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::process::Command;
use std::time::Instant;

use graphdoc::ir::ApiVersion;

#[test]
fn v1_get_examples_through_generated_routes_and_both_clients_against_the_mock() {
    let Some(v1) = graphdoc_testkit::corpus_v1_dir("corpus live") else {
        return;
    };
    let started = Instant::now();
    let dir = tempfile::tempdir().unwrap();
    let crate_dir = dir.path().join("graph-v1-live");
    let runtime = graphdoc_testkit::workspace_root().join("crates/graphdoc-runtime");
    graphdoc::Builder::new()
        .input(&v1)
        .api_version(ApiVersion::V1_0)
        .out_dir(&crate_dir)
        .example_snapshots(false)
        .example_live_tests(true)
        .crate_manifest(
            graphdoc::CrateManifest::new("graph-v1-live")
                .runtime_path(runtime.display().to_string()),
        )
        .generate()
        .unwrap();
    std::fs::copy(
        graphdoc_testkit::workspace_root().join("Cargo.lock"),
        crate_dir.join("Cargo.lock"),
    )
    .unwrap();

    let parsed = graphdoc::parse_inputs(std::slice::from_ref(&v1)).unwrap();
    let models = graphdoc::models_of(&parsed, Some(ApiVersion::V1_0));
    let server = graphdoc_mock::MockGraph::from_models(&models)
        .quiet(true)
        .serve("127.0.0.1:0")
        .unwrap();
    let prepared_in = started.elapsed();

    let started = Instant::now();
    let output = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args([
            "test",
            "--test",
            "live",
            "--features",
            "client,client-async",
        ])
        .arg("--manifest-path")
        .arg(crate_dir.join("Cargo.toml"))
        .args(["--", "--test-threads=2"])
        .env("CARGO_TARGET_DIR", check_target_dir())
        .env("RUSTFLAGS", "-D warnings")
        .env("GRAPHDOC_MOCK_URL", server.url())
        .env("RUST_BACKTRACE", "0")
        .output()
        .unwrap();
    let tested_in = started.elapsed();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);

    let mut passed = 0;
    let mut failed = Vec::new();
    let mut ignored: BTreeMap<String, usize> = BTreeMap::new();
    let mut gaps = Vec::new();
    for line in stdout.lines() {
        let Some((name, outcome)) = line
            .strip_prefix("test ")
            .and_then(|rest| rest.split_once(" ... "))
        else {
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
    // Each failure names each client's outcome (`blocking client: ok; async
    // client: cannot read ...`).
    let details: Vec<&str> = stdout.split("\n---- ").skip(1).collect();
    let failed_by = |client: &str| {
        details
            .iter()
            .filter(|d| d.contains(&format!("{client}: ")) && !d.contains(&format!("{client}: ok")))
            .count()
    };
    let answered = server.requests();
    let routes: BTreeSet<&str> = answered
        .iter()
        .filter(|r| (200..300).contains(&r.status))
        .filter_map(|r| r.template.as_deref())
        .collect();
    let ignored_total: usize = ignored.values().sum();
    let mut figures = graphdoc_testkit::Figures::new();
    figures.line(format!(
        "live: {} GET examples with a JSON response; exercised {passed} ({} documented \
         routes, {} requests answered), skipped {ignored_total}, failed {}",
        passed + ignored_total + failed.len(),
        routes.len(),
        answered.len(),
        failed.len()
    ));
    for client in ["blocking client", "async client"] {
        figures.line(format!(
            "  {client}: {} ok, {} failed",
            passed + failed.len() - failed_by(client),
            failed_by(client)
        ));
    }
    for (reason, n) in &ignored {
        figures.line(format!("  skipped {n:>5}: {reason}"));
    }
    for gap in &gaps {
        figures.line(format!("  generator gap: {gap}"));
    }
    figures.line(format!(
        "generated and mock started in {prepared_in:.1?}; cargo test (build + run) in \
         {tested_in:.1?}"
    ));
    figures.keep("corpus_live");
    assert!(
        output.status.success() || !failed.is_empty(),
        "cargo test of the v1.0 live tests did not run:\n{}",
        tail(&stderr, 60)
    );
    assert!(
        failed.is_empty(),
        "{} live tests fail: {}\n{}",
        failed.len(),
        failed.join(", "),
        details
            .iter()
            .take(40)
            .map(|d| {
                d.lines()
                    .filter(|l| !l.trim().is_empty() && !l.starts_with("note:"))
                    .take(4)
                    .collect::<Vec<_>>()
                    .join("\n")
            })
            .collect::<Vec<_>>()
            .join("\n\n")
    );
    assert!(
        gaps.is_empty(),
        "{} live tests are ignored for generator gaps:\n{}",
        gaps.len(),
        gaps.join("\n")
    );
    assert!(passed > 500, "only {passed} live tests passed");
    assert!(
        answered.len() >= 2 * passed,
        "each client sent each request"
    );
}

/// An ignore reason with the specifics (names in backticks) blanked, so that
/// reasons of one kind count together.
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

/// The target directory `corpus_examples` and `corpus_gen` use too, so
/// dependencies are built once.
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

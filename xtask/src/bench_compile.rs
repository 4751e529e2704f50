//! `cargo xtask bench --compile`: what the generated v1.0 bindings cost to
//! compile, as ratios to a baseline crate compiled in the same run.
//!
//! Seconds depend on the machine and on whatever else it runs; a ratio to a
//! crate of the same kind of code (serde-derived model structs), measured
//! alternately with the bindings, mostly does not. The targets are
//! seconds on the project's 2-core machine; each is converted once into a
//! ratio with the baseline's time measured there (`BASELINE_*` below).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::bail;
use graphdoc::ir::ApiVersion;

use crate::bench::{Options, ratio, target};

/// The baseline's `cargo check` and `cargo build` (dependencies built) on the
/// project's machine, quiet (load 0.0), fastest of 3, 2026-12-02: what the
/// targets in seconds are divided by.
const BASELINE_CHECK: f64 = 3.0;
const BASELINE_BUILD: f64 = 3.5;

/// `cargo check --all-features` of the v1.0 bindings: 12 s on the project's machine.
const MAX_CHECK_ALL: f64 = 12.0 / BASELINE_CHECK;
/// One workload (every workload: the first and the largest are checked): 2 s.
const MAX_CHECK_ONE_WORKLOAD: f64 = 2.0 / BASELINE_CHECK;
/// The example-test crate (`cargo test --no-run --test examples`, the
/// library included): 60 s.
const MAX_EXAMPLE_TESTS_BUILD: f64 = 60.0 / BASELINE_BUILD;
/// Peak memory of the largest rustc of the all-features check: 1.5 GB.
const MAX_RUSTC_PEAK_BYTES: usize = 1_500_000_000;
/// What the family enums (polymorphic values) may add to `cargo check` of
/// the v1.0 bindings, all features: the polymorphism issue's budget.
const MAX_FAMILIES_CHECK_RATIO: f64 = 1.15;
/// Lines under `src/` per generated type (struct or enum) of the v1.0 bindings.
const MAX_LINES_PER_TYPE: f64 = 70.0;

/// Model structs in the baseline crate, and fields per struct: about the
/// size of one workload of the bindings.
const BASELINE_STRUCTS: usize = 150;
const BASELINE_FIELDS: usize = 8;

pub fn run(options: &Options, failures: &mut Vec<String>) -> anyhow::Result<()> {
    let dir = std::env::temp_dir().join(format!("graphdoc-bench-{}", std::process::id()));
    let bindings = dir.join("graph-v1");
    generate_v1(options, &bindings, true)?;
    let baseline = dir.join("serde-models");
    write_baseline_crate(&baseline, &options.workspace)?;
    let (types, lines) = (
        count_types(&bindings.join("src")),
        count_lines(&bindings.join("src")),
    );
    let per_type = lines as f64 / types as f64;
    println!("generated v1.0 bindings: {lines} lines, {types} types, {per_type:.1} lines per type");
    if per_type > MAX_LINES_PER_TYPE {
        failures.push(format!(
            "lines per type: {per_type:.1} > {MAX_LINES_PER_TYPE:.0}"
        ));
    }
    println!(
        "target lines per type: {per_type:.1} <= {MAX_LINES_PER_TYPE:.0} {}",
        verdict(per_type <= MAX_LINES_PER_TYPE)
    );

    let target_dir = options.workspace.join("target/bench-check");
    // Dependencies first, so the timings below are of the crates' own code.
    check(&baseline, &target_dir, &[])?;
    check(&bindings, &target_dir, &["--no-default-features"])?;
    let rounds = options.runs.clamp(1, 3);

    let (base, all) = fastest_pair(rounds, || {
        Ok((
            check(&baseline, &target_dir, &[])?,
            check(&bindings, &target_dir, &["--all-features"])?,
        ))
    })?;
    // The largest rustc of the run so far is the all-features check's.
    let peak = children_peak_memory();
    println!(
        "cargo check: baseline ({BASELINE_STRUCTS} serde model structs) {:.1}s; v1.0 bindings, all features {:.1}s",
        base.as_secs_f64(),
        all.as_secs_f64()
    );
    target(
        failures,
        "cargo check all features / baseline",
        ratio(all, base),
        MAX_CHECK_ALL,
    );
    match peak {
        Some(peak) => {
            println!(
                "peak rustc memory (the all-features check): {:.2} GB <= {:.2} GB {}",
                peak as f64 / 1e9,
                MAX_RUSTC_PEAK_BYTES as f64 / 1e9,
                verdict(peak <= MAX_RUSTC_PEAK_BYTES)
            );
            if peak > MAX_RUSTC_PEAK_BYTES {
                failures.push(format!(
                    "peak rustc memory: {:.2} GB > 1.5 GB",
                    peak as f64 / 1e9
                ));
            }
        }
        None => println!("peak rustc memory: not measurable here"),
    }

    // The first workload (alphabetically) is a typical one: the target's.
    // The largest is shown too, for what a crate using only it pays.
    let first = first_workload_feature(&bindings)?;
    let largest = largest_workload_feature(&bindings, &first);
    if first.is_none() {
        failures.push("the generated crate has no workload features".into());
    }
    for (label, feature, is_target) in [
        ("one workload", first, true),
        ("largest workload", largest, false),
    ] {
        let Some(feature) = feature else { continue };
        let args = ["--no-default-features", "--features", feature.as_str()];
        let (base, one) = fastest_pair(rounds, || {
            Ok((
                check(&baseline, &target_dir, &[])?,
                check(&bindings, &target_dir, &args)?,
            ))
        })?;
        println!(
            "cargo check, {label} ({feature}): {:.1}s = {:.2}x the baseline",
            one.as_secs_f64(),
            ratio(one, base)
        );
        if is_target {
            target(
                failures,
                &format!("cargo check {label} / baseline"),
                ratio(one, base),
                MAX_CHECK_ONE_WORKLOAD,
            );
        }
    }

    families_cost(options, &dir, &target_dir, failures)?;
    example_tests_build(options, &dir, &baseline, failures)?;
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}

fn verdict(ok: bool) -> &'static str {
    if ok { "ok" } else { "MISSED" }
}

/// Runs `measure` `rounds` times and keeps the fastest of each of the pair.
fn fastest_pair(
    rounds: usize,
    mut measure: impl FnMut() -> anyhow::Result<(Duration, Duration)>,
) -> anyhow::Result<(Duration, Duration)> {
    let mut best = (Duration::MAX, Duration::MAX);
    for _ in 0..rounds {
        let (a, b) = measure()?;
        best = (best.0.min(a), best.1.min(b));
    }
    Ok(best)
}

/// Generates the v1.0 bindings crate into `crate_dir`, with or without the
/// family enums, locked to the workspace's dependency versions.
fn generate_v1(options: &Options, crate_dir: &Path, families: bool) -> anyhow::Result<()> {
    let runtime = options.workspace.join("crates/graphdoc-runtime");
    let name = crate_dir.file_name().unwrap_or_default().to_string_lossy();
    graphdoc::Builder::new()
        .input(&options.docs)
        .api_version(ApiVersion::V1_0)
        .out_dir(crate_dir)
        .families(families)
        // As the whole-tree crates have them: no snapshots nobody reviews.
        .example_snapshots(false)
        .crate_manifest(
            graphdoc::CrateManifest::new(name.as_ref())
                .runtime_path(runtime.display().to_string())
                // Its own profiles, as corpus_examples builds it.
                .workspace_root(),
        )
        .generate()?;
    std::fs::copy(
        options.workspace.join("Cargo.lock"),
        crate_dir.join("Cargo.lock"),
    )?;
    Ok(())
}

/// A crate of serde-derived model structs (optional fields, a nested
/// struct, derives as the bindings have them), on the workspace's versions.
fn write_baseline_crate(dir: &Path, workspace: &Path) -> anyhow::Result<()> {
    let mut lib = String::from("//! The bench's baseline: serde model structs.\n\n");
    for s in 0..BASELINE_STRUCTS {
        lib.push_str(
            "#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]\n",
        );
        lib.push_str(&format!("pub struct Model{s} {{\n"));
        for f in 0..BASELINE_FIELDS {
            let ty = match f % 4 {
                0 => "String".to_owned(),
                1 => "i64".to_owned(),
                2 => "Vec<String>".to_owned(),
                // Nested, as models are, but not deeply (rustc's drop check recurses).
                _ => format!("Box<Model{}>", s % 8),
            };
            lib.push_str(&format!(
                "    #[serde(rename = \"field{f}\", skip_serializing_if = \"Option::is_none\")]\n    pub field_{f}: Option<{ty}>,\n"
            ));
        }
        lib.push_str("    #[serde(flatten)]\n    pub additional: std::collections::BTreeMap<String, serde_json::Value>,\n}\n\n");
    }
    crate::bench_build_dep::write_serde_crate(dir, workspace, "serde-models", &lib)
}

/// `cargo check --all-features` of the v1.0 bindings with family enums
/// against the same bindings without, alternating, fastest of each kept:
/// the ratio is what polymorphism costs to compile.
fn families_cost(
    options: &Options,
    dir: &Path,
    target_dir: &Path,
    failures: &mut Vec<String>,
) -> anyhow::Result<()> {
    let flat = dir.join("graph-v1-flat");
    generate_v1(options, &flat, false)?;
    let with = dir.join("graph-v1");
    check(&flat, target_dir, &["--all-features"])?;
    let (best_flat, best_with) = fastest_pair(options.runs.clamp(1, 3), || {
        Ok((
            check(&flat, target_dir, &["--all-features"])?,
            check(&with, target_dir, &["--all-features"])?,
        ))
    })?;
    let cost = ratio(best_with, best_flat);
    println!(
        "cargo check, all features, family enums vs none: {:.1}s vs {:.1}s = {cost:.2}x \
         ({} vs {} lines)",
        best_with.as_secs_f64(),
        best_flat.as_secs_f64(),
        count_lines(&with.join("src")),
        count_lines(&flat.join("src")),
    );
    target(
        failures,
        "family enums' check cost",
        cost,
        MAX_FAMILIES_CHECK_RATIO,
    );
    Ok(())
}

/// The v1.0 example-test crate (`tests/examples.rs` and the library it
/// tests, dependencies built) against a build of the baseline crate.
fn example_tests_build(
    options: &Options,
    dir: &Path,
    baseline: &Path,
    failures: &mut Vec<String>,
) -> anyhow::Result<()> {
    let bindings = dir.join("graph-v1");
    let target_dir = options.workspace.join("target/bench-tests");
    let build_tests = || {
        cargo(
            &bindings,
            &target_dir,
            &["test", "--no-run", "--test", "examples"],
        )
    };
    let build_baseline = || cargo(baseline, &target_dir, &["build"]);
    // Dependencies first.
    build_baseline()?;
    build_tests()?;
    let (base, tests) = fastest_pair(options.runs.clamp(1, 2), || {
        Ok((build_baseline()?, build_tests()?))
    })?;
    println!(
        "cargo build: baseline {:.1}s; v1.0 example-test crate (library and tests/examples.rs) {:.1}s",
        base.as_secs_f64(),
        tests.as_secs_f64()
    );
    target(
        failures,
        "example-test crate build / baseline",
        ratio(tests, base),
        MAX_EXAMPLE_TESTS_BUILD,
    );
    Ok(())
}

fn check(crate_dir: &Path, target: &Path, args: &[&str]) -> anyhow::Result<Duration> {
    let mut all = vec!["check"];
    all.extend_from_slice(args);
    cargo(crate_dir, target, &all)
}

/// `cargo <args>` in `crate_dir`, its sources touched first so that its own
/// code is really compiled again (not incrementally).
fn cargo(crate_dir: &Path, target: &Path, args: &[&str]) -> anyhow::Result<Duration> {
    let lib = crate_dir.join("src/lib.rs");
    std::fs::write(&lib, std::fs::read(&lib)?)?;
    let started = Instant::now();
    let status = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(args)
        .args(["--quiet", "--manifest-path"])
        .arg(crate_dir.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", target)
        .env("CARGO_INCREMENTAL", "0")
        .status()?;
    if !status.success() {
        bail!("cargo {} in {} failed", args.join(" "), crate_dir.display());
    }
    Ok(started.elapsed())
}

/// The peak resident memory of the largest child process waited for so far
/// (cargo folds its rustc processes' into its own).
fn children_peak_memory() -> Option<usize> {
    let mut usage = std::mem::MaybeUninit::<libc::rusage>::zeroed();
    // SAFETY: getrusage writes the struct it is given, which outlives the call.
    let ok = unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, usage.as_mut_ptr()) } == 0;
    // SAFETY: written by the successful call (and zeroed before it anyway).
    let usage = unsafe { usage.assume_init() };
    // Kilobytes on Linux.
    ok.then(|| usize::try_from(usage.ru_maxrss).unwrap_or(0) * 1024)
}

/// The first workload feature the generated manifest declares.
fn first_workload_feature(crate_dir: &Path) -> anyhow::Result<Option<String>> {
    let manifest = std::fs::read_to_string(crate_dir.join("Cargo.toml"))?;
    let features = manifest.split("[features]").nth(1).unwrap_or("");
    Ok(features
        .lines()
        .take_while(|l| !l.starts_with('['))
        .filter(|l| !l.trim_start().starts_with('#'))
        .filter_map(|l| {
            l.split_once('=')
                .map(|(k, _)| k.trim().trim_matches('"').to_string())
        })
        .find(|name| {
            !name.is_empty()
                && !["default", "full", "client", "client-async", "mock"].contains(&name.as_str())
        }))
}

/// The workload feature whose module (`src/v1_0/<feature>.rs`) is the
/// largest, unless it is `first` (already checked).
fn largest_workload_feature(crate_dir: &Path, first: &Option<String>) -> Option<String> {
    let dir = crate_dir.join("src/v1_0");
    let manifest = std::fs::read_to_string(crate_dir.join("Cargo.toml")).ok()?;
    let features = manifest.split("[features]").nth(1).unwrap_or("");
    features
        .lines()
        .filter_map(|l| l.split_once('=').map(|(k, _)| k.trim().trim_matches('"')))
        .filter_map(|name| {
            let size = std::fs::metadata(dir.join(format!("{name}.rs")))
                .ok()?
                .len();
            Some((size, name.to_string()))
        })
        .max()
        .map(|(_, name)| name)
        .filter(|name| Some(name) != first.as_ref())
}

fn count_lines(dir: &Path) -> usize {
    walk_rs(dir)
        .iter()
        .map(|p| std::fs::read_to_string(p).map_or(0, |t| t.lines().count()))
        .sum()
}

fn count_types(dir: &Path) -> usize {
    walk_rs(dir)
        .iter()
        .map(|p| {
            std::fs::read_to_string(p).map_or(0, |t| {
                t.lines()
                    .filter(|l| {
                        l.trim_start().starts_with("pub struct ")
                            || l.trim_start().starts_with("pub enum ")
                    })
                    .count()
            })
        })
        .sum()
}

fn walk_rs(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                out.extend(walk_rs(&path));
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    out
}

//! `cargo xtask`: project automation, in the manner of rust-analyzer's xtask codegen.
//!
//! - `cargo xtask gen` regenerates the checked-in `generated/` crate from `seeds/`.
//! - `cargo xtask gen --check` fails, naming each stale file, when `generated/` differs
//!   from a fresh generation (CI runs it). It never writes.
//! - `cargo xtask gen --docs DIR --out DIR2` generates from a whole docs tree instead.
//! - `cargo xtask bench [--compile]` times each stage against a bare markdown parse;
//!   `--build-dep` only times graphdoc as a build dependency (also part of `--compile`).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

mod bench;
mod bench_build_dep;
mod bench_compile;

use anyhow::Context as _;
use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "cargo xtask")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Regenerate generated/ (default input: seeds/).
    Gen {
        /// Fail if the checked-in output is stale instead of writing it.
        #[arg(long)]
        check: bool,
        /// Generate from this docs tree instead of seeds/.
        #[arg(long, value_name = "DIR")]
        docs: Option<PathBuf>,
        /// Write here instead of generated/.
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
    },
    /// Time every stage against a bare markdown parse, and peak memory; with
    /// --compile also the cargo check time of the generated bindings.
    Bench {
        /// The docs tree (default: ../shared/graph-docs/api-reference/v1.0).
        #[arg(long, value_name = "DIR")]
        docs: Option<PathBuf>,
        /// Repetitions per stage (the fastest is reported).
        #[arg(long, default_value_t = 5)]
        runs: usize,
        /// Also time `cargo check` of the whole-v1.0 bindings and the
        /// build.rs fixture's cold build (takes minutes).
        #[arg(long)]
        compile: bool,
        /// Only time the build.rs fixture's cold build against a baseline crate.
        #[arg(long, conflicts_with = "compile")]
        build_dep: bool,
    },
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<()> {
    let root = workspace_root();
    match cli.command {
        Command::Gen { check, docs, out } => {
            let inputs = match docs {
                Some(dir) => vec![dir],
                None => seed_files(&root)?,
            };
            let out = out.unwrap_or_else(|| root.join("generated"));
            let runtime = relative_runtime_path(&root, &out);
            let summary = graphdoc::Builder::new()
                .inputs(&inputs)
                .out_dir(&out)
                .crate_manifest(
                    graphdoc::CrateManifest::new("graphdoc-generated").runtime_path(runtime),
                )
                .check(check)
                .generate()?;
            if check {
                println!("{} is up to date ({} files)", out.display(), summary.files);
            } else {
                println!("{}: {}", out.display(), summary);
            }
            Ok(())
        }
        Command::Bench {
            build_dep: true, ..
        } => {
            let mut failures = Vec::new();
            bench_build_dep::run(&root, &mut failures)?;
            anyhow::ensure!(
                failures.is_empty(),
                "targets missed:\n  {}",
                failures.join("\n  ")
            );
            println!("all targets hold");
            Ok(())
        }
        Command::Bench { .. } if cfg!(debug_assertions) => rerun_in_release(),
        Command::Bench {
            docs,
            runs,
            compile,
            build_dep: false,
        } => {
            let docs = docs.unwrap_or_else(|| root.join("../shared/graph-docs/api-reference/v1.0"));
            bench::run(&bench::Options {
                docs,
                runs,
                compile,
                workspace: root,
            })
        }
    }
}

/// `cargo xtask` builds in debug; a benchmark must measure optimised code, so
/// it runs itself again from a release build with the same arguments.
fn rerun_in_release() -> anyhow::Result<()> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let status = std::process::Command::new(cargo)
        .args(["run", "--release", "--quiet", "--package", "xtask", "--"])
        .args(std::env::args_os().skip(1))
        .status()?;
    anyhow::ensure!(status.success(), "the release bench failed");
    Ok(())
}

/// The seed pages are `.txt` files, which a directory input would not pick up
/// (directories contribute `.md` pages), so they are passed one by one.
fn seed_files(root: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let dir = root.join("seeds");
    let mut files = Vec::new();
    for entry in std::fs::read_dir(&dir).with_context(|| format!("reading {}", dir.display()))? {
        let path = entry?.path();
        if path.is_file() {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in the workspace root")
        .to_path_buf()
}

/// The runtime crate's path as the generated Cargo.toml should spell it:
/// relative for generated/ (so the checked-in file is machine-independent),
/// absolute for any other output directory.
fn relative_runtime_path(root: &Path, out: &Path) -> String {
    if out == root.join("generated") {
        "../crates/graphdoc-runtime".to_string()
    } else {
        root.join("crates/graphdoc-runtime").display().to_string()
    }
}

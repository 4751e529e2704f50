//! Embeds graphdoc-runtime's sources, so that a crate `graphdoc gen` writes
//! can carry the runtime beside it (vendored) and build with no registry.
//!
//! Writes `$OUT_DIR/runtime_files.rs`: a table of (path, contents) over the
//! runtime's `src/**` and its `Cargo.toml`, that manifest rewritten to stand
//! alone (see `src/standalone_manifest.rs`). Cargo re-runs this whenever a file
//! under the runtime or the workspace manifest changes, so the table is
//! always the runtime as it is; its order is sorted, so the output is
//! deterministic.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

// The rewrite, shared with the library's unit tests.
#[path = "src/standalone_manifest.rs"]
mod standalone_manifest;

fn main() {
    let manifest_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let resolve = |relative: &str| {
        let path = manifest_dir.join(relative);
        std::fs::canonicalize(&path).unwrap_or_else(|e| {
            fail(&format!(
                "{}: {e} (graphdoc embeds the runtime from its source tree)",
                path.display()
            ))
        })
    };
    let runtime = resolve("../graphdoc-runtime");
    let workspace = resolve("../../Cargo.toml");
    println!(
        "cargo:rerun-if-changed={}",
        runtime.join("Cargo.toml").display()
    );
    println!("cargo:rerun-if-changed={}", runtime.join("src").display());
    println!("cargo:rerun-if-changed={}", workspace.display());

    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let read = |path: &Path| {
        std::fs::read_to_string(path).unwrap_or_else(|e| fail(&format!("{}: {e}", path.display())))
    };
    let member = runtime.join("Cargo.toml");
    let manifest = standalone_manifest::standalone(
        &read(&member),
        &member.display().to_string(),
        &read(&workspace),
        &workspace.display().to_string(),
    )
    .unwrap_or_else(|e| fail(&e));
    let manifest_file = out_dir.join("graphdoc-runtime.Cargo.toml");
    std::fs::write(&manifest_file, manifest).unwrap_or_else(|e| fail(&format!("{e}")));

    let mut sources = Vec::new();
    collect(&runtime.join("src"), "src", &mut sources);
    sources.sort();

    let mut table = String::from(
        "/// graphdoc-runtime's files, as (path in the crate, contents), sorted by path.\n\
         pub(crate) static RUNTIME_FILES: &[(&str, &str)] = &[\n",
    );
    let include = |table: &mut String, path: &str, file: &Path| {
        writeln!(
            table,
            "    ({path:?}, include_str!({:?})),",
            file.display().to_string()
        )
        .expect("writing to a String");
    };
    include(&mut table, "Cargo.toml", &manifest_file);
    for (path, file) in &sources {
        include(&mut table, path, file);
    }
    table.push_str("];\n");
    std::fs::write(out_dir.join("runtime_files.rs"), table)
        .unwrap_or_else(|e| fail(&format!("{e}")));
}

fn fail(why: &str) -> ! {
    panic!("embedding graphdoc-runtime for vendored generated crates: {why}")
}

/// Every file below `dir`, as (`/`-separated path under `prefix`, file).
fn collect(dir: &Path, prefix: &str, out: &mut Vec<(String, PathBuf)>) {
    let entries =
        std::fs::read_dir(dir).unwrap_or_else(|e| fail(&format!("{}: {e}", dir.display())));
    for entry in entries {
        let entry = entry.unwrap_or_else(|e| fail(&format!("{}: {e}", dir.display())));
        let path = entry.path();
        let name = entry.file_name().into_string().unwrap_or_else(|name| {
            fail(&format!(
                "{}: a file name that is not UTF-8: {name:?}",
                dir.display()
            ))
        });
        let relative = format!("{prefix}/{name}");
        if path.is_dir() {
            collect(&path, &relative, out);
        } else {
            out.push((relative, path));
        }
    }
}

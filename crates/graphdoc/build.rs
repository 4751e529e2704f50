//! Embeds graphdoc-runtime's sources, so that a crate `graphdoc gen` writes
//! can carry the runtime beside it (vendored) and build with no registry.
//!
//! Writes `$OUT_DIR/runtime_files.rs`: a table of (path, contents) over the
//! runtime's `src/**` and its `Cargo.toml`, that manifest rewritten without
//! workspace inheritance (the workspace's values written in) and without
//! what only the runtime's own tests need. Cargo re-runs this whenever a file
//! under the runtime or the workspace manifest changes, so the table is
//! always the runtime as it is; its order is sorted, so the output is
//! deterministic.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use toml_edit::{DocumentMut, InlineTable, Item, Value};

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
    let manifest =
        standalone_manifest(&runtime.join("Cargo.toml"), &workspace).unwrap_or_else(|e| fail(&e));
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

/// The runtime's manifest as a crate of its own: every `workspace = true`
/// replaced by the workspace's value, dev-dependencies (its tests are not
/// vendored) and lints inheritance dropped.
fn standalone_manifest(member: &Path, workspace: &Path) -> Result<String, String> {
    let read = |path: &Path| -> Result<DocumentMut, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        text.parse::<DocumentMut>()
            .map_err(|e| format!("{}: {e}", path.display()))
    };
    let mut doc = read(member)?;
    let ws = read(workspace)?;
    let ws = ws
        .get("workspace")
        .and_then(Item::as_table_like)
        .ok_or_else(|| format!("{}: no [workspace] table", workspace.display()))?;
    let at = |what: &str| format!("{}: {what}", member.display());

    if let Some(package) = doc.get_mut("package").and_then(Item::as_table_like_mut) {
        let inherited = ws.get("package").and_then(Item::as_table_like);
        for (key, item) in package.iter_mut() {
            if !inherits(item) {
                continue;
            }
            let value = inherited
                .and_then(|p| p.get(&key))
                .and_then(Item::as_value)
                .ok_or_else(|| {
                    at(&format!(
                        "package.{key} inherits from the workspace, which does not set it"
                    ))
                })?;
            *item = Item::Value(value.clone().decorated(" ", ""));
        }
    }
    doc.remove("dev-dependencies");
    doc.remove("lints");
    let inherited = ws.get("dependencies").and_then(Item::as_table_like);
    for section in ["dependencies", "build-dependencies"] {
        let Some(deps) = doc.get_mut(section).and_then(Item::as_table_like_mut) else {
            continue;
        };
        for (name, item) in deps.iter_mut() {
            if !inherits(item) {
                continue;
            }
            let base = inherited.and_then(|d| d.get(&name)).ok_or_else(|| {
                at(&format!(
                    "{section}.{name} inherits from the workspace, which does not list it"
                ))
            })?;
            let mut spec = match base {
                Item::Value(Value::String(version)) => {
                    let mut t = InlineTable::new();
                    t.insert("version", Value::from(version.value().as_str()));
                    t
                }
                other => other
                    .as_table_like()
                    .map(|t| {
                        t.iter()
                            .filter_map(|(k, v)| Some((k, v.as_value()?.clone())))
                            .collect::<InlineTable>()
                    })
                    .ok_or_else(|| {
                        at(&format!(
                            "workspace.dependencies.{name} is neither a version nor a table"
                        ))
                    })?,
            };
            if spec.contains_key("path") || spec.contains_key("git") {
                return Err(at(&format!(
                    "{section}.{name}: the workspace gives a path or git source, which a vendored crate cannot reach"
                )));
            }
            let local = item.as_table_like().expect("inherits() saw a table");
            for (key, value) in local.iter() {
                let value = value
                    .as_value()
                    .ok_or_else(|| at(&format!("{section}.{name}.{key} is not a plain value")))?;
                match key {
                    "workspace" => {}
                    "features" => {
                        let mut features = spec
                            .get("features")
                            .and_then(Value::as_array)
                            .cloned()
                            .unwrap_or_default();
                        for feature in value.as_array().into_iter().flatten() {
                            features.push(feature.clone());
                        }
                        spec.insert("features", Value::Array(features));
                    }
                    _ => {
                        spec.insert(key, value.clone());
                    }
                }
            }
            for (_, value) in spec.iter_mut() {
                value.decor_mut().clear();
            }
            spec.fmt();
            *item = Item::Value(Value::InlineTable(spec));
        }
    }
    let text = doc.to_string();
    if let Some((n, line)) = text
        .lines()
        .enumerate()
        .find(|(_, l)| l.split('#').next().unwrap_or("").contains("workspace"))
    {
        return Err(at(&format!(
            "line {} of the rewritten manifest still names the workspace: {line}",
            n + 1
        )));
    }
    Ok(format!(
        "# graphdoc-runtime {}, vendored by graphdoc: do not edit (regenerate instead).\n{text}",
        version_of(&doc)
    ))
}

fn version_of(doc: &DocumentMut) -> String {
    doc.get("package")
        .and_then(|p| p.get("version"))
        .and_then(Item::as_str)
        .unwrap_or("")
        .to_owned()
}

/// `key.workspace = true` or `key = { workspace = true, ... }`.
fn inherits(item: &Item) -> bool {
    item.as_table_like()
        .and_then(|t| t.get("workspace"))
        .and_then(Item::as_bool)
        == Some(true)
}

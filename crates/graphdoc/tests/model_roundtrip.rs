//! Property test: for every generated model, random JSON objects holding the
//! type's properties (typed as the merged model says) plus unknown extra keys
//! round-trip through the model without loss.
//!
//! Bindings for the seeds and a sample of real pages (v1.0 resources `a*` to
//! `c*`) are generated into a scratch crate, with a test that builds the
//! random JSON (`model_roundtrip/harness.rs`, from a schema written here) and
//! `cargo test` runs it. Needs the real docs tree (skips with a message when
//! absent, fails under CI). `GRAPHDOC_ROUNDTRIP_CASES` sets the values per
//! type (default 200); `GRAPHDOC_ROUNDTRIP_ALL=1` also generates the inputs
//! of the known losses listed in the harness.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use graphdoc::ir::{ApiModel, ApiVersion, Target, TypeKind, TypeUse};
use serde_json::{Map, Value, json};

/// The qualified names of the types a generated module defines, with their
/// Rust names: each model struct and enum has a doc line `` `microsoft.graph.x` (entity type...) ``,
/// each family enum `` `microsoft.graph.x` (family...) `` (the second map).
fn emitted_types(dir: &Path) -> (BTreeMap<String, String>, BTreeMap<String, String>) {
    let mut found = BTreeMap::new();
    let mut families = BTreeMap::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let file = syn::parse_file(&std::fs::read_to_string(&path).unwrap()).unwrap();
        for item in &file.items {
            let (attrs, ident) = match item {
                syn::Item::Struct(s) => (&s.attrs, &s.ident),
                syn::Item::Enum(e) => (&e.attrs, &e.ident),
                _ => continue,
            };
            let docs = attrs.iter().filter_map(|a| match &a.meta {
                syn::Meta::NameValue(nv) if nv.path.is_ident("doc") => match &nv.value {
                    syn::Expr::Lit(syn::ExprLit {
                        lit: syn::Lit::Str(s),
                        ..
                    }) => Some(s.value()),
                    _ => None,
                },
                _ => None,
            });
            for doc in docs {
                let mut parts = doc.trim().splitn(3, '`');
                let (Some(""), Some(qualified), Some(rest)) =
                    (parts.next(), parts.next(), parts.next())
                else {
                    continue;
                };
                if ["entity type", "complex type", "enum type"]
                    .iter()
                    .any(|kind| rest.starts_with(&format!(" ({kind}")))
                {
                    found.insert(qualified.to_string(), ident.to_string());
                } else if rest.starts_with(" (family") {
                    families.insert(qualified.to_string(), ident.to_string());
                }
            }
        }
    }
    (found, families)
}

/// How the harness generates a value of a property's type.
fn type_spec(model: &ApiModel, module: &str, ty: &TypeUse, inline_values: &[String]) -> Value {
    let mut spec = match &ty.target {
        Target::Primitive(p) => json!({ "p": format!("{p:?}") }),
        Target::Type(id) => json!({ "t": format!("{module} {}", model.ty(*id).qualified) }),
        Target::InlineEnum => json!({ "inline": inline_values }),
        Target::Unresolved(_) => json!({ "any": true }),
    };
    if ty.collection {
        spec["c"] = json!(true);
    }
    spec
}

/// Every type of the model, keyed `<module> <qualified name>`: its kind, and
/// its properties with the inherited ones (the generated structs flatten them).
fn schema_of(model: &ApiModel, module: &str, types: &mut Map<String, Value>) {
    for t in &model.types {
        let entry = if t.kind == TypeKind::Enum {
            let members: Vec<&str> = t.members.iter().map(|m| m.name.as_str()).collect();
            json!({ "kind": "enum", "members": members, "flags": t.is_flags })
        } else {
            let props: Vec<Value> = model
                .all_properties(t.id)
                .into_iter()
                .map(|(_, p)| {
                    json!({
                        "name": p.name,
                        "ty": type_spec(model, module, &p.ty, &p.enum_values),
                    })
                })
                .collect();
            // What a value of the type may be instead (the harness picks one).
            let derived: Vec<String> = model
                .descendants(t.id)
                .into_iter()
                .map(|d| format!("{module} {}", model.ty(d).qualified))
                .collect();
            json!({ "kind": "struct", "props": props, "derived": derived })
        };
        types.insert(format!("{module} {}", t.qualified), entry);
    }
}

#[test]
fn generated_models_round_trip_random_json() {
    let Some(v1) = graphdoc_testkit::corpus_v1_dir("model round trip") else {
        return;
    };
    let mut inputs = graphdoc_testkit::seed_files();
    let mut sample: Vec<PathBuf> = std::fs::read_dir(v1.join("resources"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name.ends_with(".md") && matches!(name.as_bytes()[0], b'a'..=b'c')
        })
        .collect();
    sample.sort();
    assert!(sample.len() > 100, "only {} sample pages", sample.len());
    let derived = pages_of_derived_types(&v1, &sample);
    assert!(
        derived.len() > 10,
        "only {} pages of derived types",
        derived.len()
    );
    inputs.extend(sample);
    inputs.extend(derived);

    let dir = tempfile::tempdir().unwrap();
    let crate_dir = dir.path().join("rt");
    let runtime = graphdoc_testkit::workspace_root().join("crates/graphdoc-runtime");
    graphdoc::Builder::new()
        .inputs(&inputs)
        .out_dir(&crate_dir)
        .routes(false)
        .cargo_metadata(false)
        .crate_manifest(
            graphdoc::CrateManifest::new("rt").runtime_path(runtime.display().to_string()),
        )
        .generate()
        .unwrap();

    // The schema from the merged model; the table of Rust types from the code.
    let parsed = graphdoc::parse_inputs(&inputs).unwrap();
    let mut types = Map::new();
    let mut table = String::from(
        "/// Each model type (schema key) and the check of its Rust type.\nfn table() -> Vec<(&'static str, Check)> {\n    vec![\n",
    );
    let mut family_table = String::from(
        "/// Each family (schema key of its base) and the check of its enum.\nfn families() -> Vec<(&'static str, FamilyCheck)> {\n    vec![\n",
    );
    let mut missing = Vec::new();
    let mut emitted_count = 0;
    for (version, module) in [(ApiVersion::V1_0, "v1_0"), (ApiVersion::Beta, "beta")] {
        let model = graphdoc::model_of(&parsed, Some(version)).unwrap();
        if model.types.is_empty() {
            continue;
        }
        schema_of(&model, module, &mut types);
        let (emitted, families) = emitted_types(&crate_dir.join("src").join(module));
        for t in model.types.iter().filter(|t| !t.derived.is_empty()) {
            match families.get(&t.qualified) {
                Some(ident) => writeln!(
                    family_table,
                    "        ({:?}, |v| check_family(v, rt::{module}::{ident}::type_name)),",
                    format!("{module} {}", t.qualified)
                )
                .unwrap(),
                None => missing.push(format!("family {module} {}", t.qualified)),
            }
        }
        for q in model.types.iter().map(|t| &t.qualified) {
            match emitted.get(q) {
                Some(ident) => {
                    emitted_count += 1;
                    writeln!(
                        table,
                        "        ({:?}, check::<rt::{module}::{ident}>),",
                        format!("{module} {q}")
                    )
                    .unwrap();
                }
                None => missing.push(format!("{module} {q}")),
            }
        }
    }
    table.push_str("    ]\n}\n");
    family_table.push_str("    ]\n}\n");
    assert!(
        family_table.matches("check_family").count() > 10,
        "few families:\n{family_table}"
    );
    table.push_str(&family_table);
    // Every model type has its generated struct or enum (else the table is wrong).
    assert!(missing.is_empty(), "no generated type for {missing:?}");
    assert!(emitted_count > 200, "only {emitted_count} types");

    let tests = crate_dir.join("tests");
    std::fs::create_dir_all(&tests).unwrap();
    std::fs::write(tests.join("table.rs"), table).unwrap();
    std::fs::write(
        tests.join("schema.json"),
        serde_json::to_string_pretty(&json!({ "types": types })).unwrap(),
    )
    .unwrap();
    std::fs::write(
        tests.join("roundtrip.rs"),
        include_str!("model_roundtrip/harness.rs"),
    )
    .unwrap();
    // The round trip needs no HTTP client: drop the dev-dependencies (the
    // runtime's client and mock server) to keep the build small.
    let manifest = crate_dir.join("Cargo.toml");
    let text = std::fs::read_to_string(&manifest).unwrap();
    let text = text.split("\n[dev-dependencies]").next().unwrap();
    std::fs::write(&manifest, text).unwrap();
    std::fs::copy(
        graphdoc_testkit::workspace_root().join("Cargo.lock"),
        crate_dir.join("Cargo.lock"),
    )
    .unwrap();

    let started = Instant::now();
    let mut cargo = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    cargo
        .args(["test", "--quiet", "--test", "roundtrip", "--manifest-path"])
        .arg(&manifest)
        .args(["--", "--nocapture"])
        .env("CARGO_TARGET_DIR", scratch_target_dir());
    if let Some(cases) = std::env::var_os("GRAPHDOC_ROUNDTRIP_CASES") {
        cargo.env("ROUNDTRIP_CASES", cases);
    }
    if let Some(all) = std::env::var_os("GRAPHDOC_ROUNDTRIP_ALL") {
        cargo.env("ROUNDTRIP_ALL", all);
    }
    let run = cargo.output().unwrap();
    let stdout = String::from_utf8_lossy(&run.stdout);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        run.status.success(),
        "the round-trip test of the generated models failed:\n{}\n{}",
        tail(&stdout, 120),
        tail(&stderr, 60)
    );
    println!(
        "{} (build and run: {:.1?})",
        stdout
            .lines()
            .find(|l| l.starts_with("round-tripped"))
            .unwrap_or("?"),
        started.elapsed()
    );
}

/// The resource pages beside `sample` that define the types derived from
/// the sample's types (any depth), so that their families are complete.
fn pages_of_derived_types(v1: &Path, sample: &[PathBuf]) -> Vec<PathBuf> {
    let resources = [v1.join("resources")];
    let parsed = graphdoc::parse_inputs(&resources).unwrap();
    let model = graphdoc::model_of(&parsed, Some(ApiVersion::V1_0)).unwrap();
    let file_name = |path: &str| Path::new(path).file_name().map(|n| n.to_owned());
    let in_sample = |path: &str| {
        sample
            .iter()
            .any(|p| p.file_name() == file_name(path).as_deref())
    };
    let mut pages: Vec<PathBuf> = model
        .types
        .iter()
        .filter(|t| in_sample(model.path(t.loc)))
        .flat_map(|t| model.descendants(t.id))
        .map(|d| model.path(model.ty(d).loc))
        .filter(|path| !in_sample(path))
        .filter_map(|path| Some(resources[0].join(file_name(path)?)))
        .collect();
    pages.sort();
    pages.dedup();
    pages
}

/// A target directory kept between runs, beside the workspace's, so only the
/// generated crate is rebuilt each time.
fn scratch_target_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| graphdoc_testkit::workspace_root().join("target"));
    target.join("scratch-crates")
}

fn tail(text: &str, lines: usize) -> String {
    let all: Vec<&str> = text.lines().collect();
    all[all.len().saturating_sub(lines)..].join("\n")
}

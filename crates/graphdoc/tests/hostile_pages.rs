//! Names taken from the docs (type names, workloads, namespaces, property and
//! enum member names) can never make `gen` write outside its output
//! directory, nor produce code that does not compile.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

const HOSTILE_RESOURCE: &str = r#"---
title: "../../escape resource type"
doc_type: resourcePageType
ms.prod: "../../../../tmp/pwned"
---

# ../../escape resource type

Namespace: ../../microsoft.graph/..

## Properties

| Property | Type | Description |
|:---|:---|:---|
|../etc/passwd|String|A path as a property name.|
|type|Int32|A keyword.|
|self|Boolean|Another keyword.|
|@odata.evil|String|An annotation-like name.|
|9lives|String|A leading digit.|
|Option|String|A prelude name.|
|ünïcödé|String|Non-ASCII.|
|mode|[../../evil/mode](../../evil/mode.md)|A link that climbs.|
"#;

const HOSTILE_ENUM: &str = r#"---
title: "mode enum type"
doc_type: enumPageType
ms.prod: "/absolute/path"
---

# ../../evil/mode enum type

Namespace: microsoft.graph

## Members

| Member | Description |
|:---|:---|
|../up|Climbs.|
|self|A keyword.|
|Other|Clashes with the catch-all variant.|
|a b|Has a space.|
"#;

fn files_below(dir: &Path) -> BTreeSet<PathBuf> {
    let mut out = BTreeSet::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(files_below(&path));
        } else {
            out.insert(path);
        }
    }
    out
}

#[test]
fn hostile_names_stay_inside_the_output_directory() {
    let sandbox = tempfile::tempdir().unwrap();
    let docs = sandbox.path().join("docs/api-reference/v1.0/resources");
    std::fs::create_dir_all(&docs).unwrap();
    std::fs::write(docs.join("escape.md"), HOSTILE_RESOURCE).unwrap();
    std::fs::write(docs.join("mode.md"), HOSTILE_ENUM).unwrap();
    let out = sandbox.path().join("deep/inside/out");

    let summary = graphdoc::Builder::new()
        .input(sandbox.path().join("docs"))
        .out_dir(&out)
        .crate_manifest(graphdoc::CrateManifest::new("hostile"))
        .generate()
        .unwrap();
    assert!(summary.files > 0);

    // Everything written is below `out`; nothing else appeared in the sandbox.
    let written = files_below(sandbox.path());
    for file in &written {
        assert!(
            file.starts_with(&out) || file.starts_with(sandbox.path().join("docs")),
            "wrote outside --out: {}",
            file.display()
        );
    }
    assert!(!Path::new("/tmp/pwned").exists() && !Path::new("/absolute/path").exists());

    // The hostile names became valid Rust: every generated file parses.
    for file in written
        .iter()
        .filter(|f| f.extension().is_some_and(|e| e == "rs"))
    {
        let code = std::fs::read_to_string(file).unwrap();
        syn::parse_file(&code).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    }
}

//! A `gen` that fails, before or in the middle of writing, leaves the previous
//! output byte-identical; a check (`--check`) writes nothing even when stale.
//! (`src/output.rs` tests interruptions at each step of the write itself.)

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Every file below `dir` (relative path -> bytes), skipping graphdoc's staging directory.
fn tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let rel = path.strip_prefix(root).unwrap().to_path_buf();
            if rel.starts_with(".graphdoc-staging") {
                continue;
            } else if path.is_dir() {
                walk(root, &path, out);
            } else {
                out.insert(rel, std::fs::read(&path).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

fn builder(inputs: &[PathBuf], out: &Path) -> graphdoc::Builder {
    graphdoc::Builder::new()
        .inputs(inputs)
        .out_dir(out)
        .crate_manifest(graphdoc::CrateManifest::new("previous"))
        .cargo_metadata(false)
}

/// A page whose workload (`ms.prod`) is longer than any file system allows
/// in a file name: the emitter bounds module names, so it still generates.
const LONG_WORKLOAD: &str = "---\ntitle: \"far resource type\"\ndoc_type: resourcePageType\nms.prod: WORKLOAD\n---\n\n# far resource type\n\nNamespace: microsoft.graph\n\n## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n| id | String | The id. |\n";

#[test]
fn a_failing_gen_leaves_the_previous_tree_byte_identical() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("generated");
    let seeds = graphdoc_testkit::seed_files();
    builder(&seeds, &out).generate().unwrap();
    // A file graphdoc does not own, which must stay too.
    std::fs::write(out.join("src/hand_written.rs"), "// mine\n").unwrap();
    let before = tree(&out);
    assert!(before.len() > 3, "{:?}", before.keys());

    // An emit error: nothing is written.
    let err = builder(&seeds, &out)
        .extra_derive("not a path!")
        .generate()
        .unwrap_err();
    assert!(matches!(err, graphdoc::Error::Emit(_)), "{err}");
    assert_eq!(tree(&out), before);
    assert!(!out.join(".graphdoc-staging").exists());

    // A hostile workload name cannot make a write fail: module names are
    // bounded. (A write failing part-way is covered by the output module's tests.)
    let far = dir.path().join("far.md");
    std::fs::write(&far, LONG_WORKLOAD.replace("WORKLOAD", &"w".repeat(300))).unwrap();
    let mut inputs = seeds.clone();
    inputs.push(far);
    builder(&inputs, &out).generate().unwrap();
    let names: Vec<_> = tree(&out)
        .into_keys()
        .filter(|p| p.to_string_lossy().contains("wwww"))
        .collect();
    assert!(
        !names.is_empty() && names.iter().all(|p| p.file_name().unwrap().len() <= 64),
        "{names:?}"
    );
    assert!(!out.join(".graphdoc-staging").exists());
}

#[test]
fn a_stale_check_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("generated");
    let seeds = graphdoc_testkit::seed_files();
    // Generate from fewer pages, so the check finds changed and missing files.
    builder(&seeds[..1], &out).generate().unwrap();
    std::fs::remove_file(out.join("Cargo.toml")).unwrap();
    let before = tree(&out);

    let err = builder(&seeds, &out).check(true).generate().unwrap_err();
    let graphdoc::Error::Stale { staleness, .. } = &err else {
        panic!("{err}")
    };
    assert!(staleness.missing.contains(&"Cargo.toml".to_string()));
    assert!(!staleness.changed.is_empty(), "{staleness}");
    assert_eq!(tree(&out), before, "--check wrote");
    assert!(!out.join(".graphdoc-staging").exists(), "--check staged");
}

//! Snapshots of the code emitted for the hand-made models: review them like code.

mod common;

use graphdoc_emit::{EmitSettings, GeneratedFile, emit_models};

fn snapshot_files(prefix: &str, files: &[GeneratedFile]) {
    for file in files {
        let name = format!(
            "{prefix}__{}",
            file.path.replace('/', "__").trim_end_matches(".rs")
        );
        insta::assert_snapshot!(name, &file.contents);
    }
}

#[test]
fn seed_models() {
    let files = emit_models(&common::seed_model(), &EmitSettings::new()).unwrap();
    let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(paths, ["lib.rs", "v1_0/mod.rs", "v1_0/common.rs"]);
    snapshot_files("seeds", &files);
}

#[test]
fn edge_cases() {
    let files = emit_models(&common::edge_model(), &EmitSettings::new()).unwrap();
    snapshot_files("edge", &files);
}

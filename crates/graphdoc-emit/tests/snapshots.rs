//! Snapshots of the code emitted for the hand-made models, and of the routes of
//! the seed pages (parsed and merged for real): review them like code.

mod common;

use graphdoc_emit::{EmitSettings, GeneratedFile, emit_crate, emit_models};
use graphdoc_ir::ApiModel;

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
    let files = emit_models(&common::seed_model(), &EmitSettings::new().routes(false)).unwrap();
    let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(paths, ["lib.rs", "v1_0/mod.rs", "v1_0/common.rs"]);
    snapshot_files("seeds", &files);
}

/// The seed pages through the real parser and merger.
fn parsed_seeds() -> Vec<ApiModel> {
    let sources = graphdoc_testkit::seed_sources();
    graphdoc_merge::merge(&graphdoc_parse::parse_sources(&sources))
}

#[test]
fn seed_routes() {
    let models = parsed_seeds();
    let models: Vec<&ApiModel> = models.iter().collect();
    let files = emit_crate(&models, &EmitSettings::new()).unwrap();
    let routes: Vec<GeneratedFile> = files
        .into_iter()
        .filter(|f| f.path.contains("/routes/"))
        .collect();
    let paths: Vec<&str> = routes.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "v1_0/routes/mod.rs",
            "v1_0/routes/device_app_management.rs",
            "v1_0/routes/privileged_signup_status.rs",
            "beta/routes/mod.rs",
            "beta/routes/device_management.rs",
            "beta/routes/education.rs",
            "beta/routes/privileged_signup_status.rs",
        ]
    );
    snapshot_files("seed_routes", &routes);
}

#[test]
fn edge_cases() {
    let files = emit_models(&common::edge_model(), &EmitSettings::new()).unwrap();
    snapshot_files("edge", &files);
}

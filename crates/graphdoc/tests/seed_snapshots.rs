//! The code generated for each seed page, through the whole pipeline (parse,
//! merge, emit) in the single-file layout a build script `include!`s.
//! Review a changed snapshot as you would review the code it is.

#[test]
fn each_seed_generates_reviewed_code() {
    for seed in graphdoc_testkit::seed_files() {
        let out = tempfile::tempdir().unwrap();
        graphdoc::Builder::new()
            .input(&seed)
            .out_dir(out.path())
            .cargo_metadata(false)
            .generate()
            .unwrap();
        let code = std::fs::read_to_string(out.path().join(graphdoc::INCLUDE_FILE)).unwrap();
        let name = seed.file_stem().unwrap().to_string_lossy().into_owned();
        insta::assert_snapshot!(name, code);
    }
}

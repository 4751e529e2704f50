//! graphdoc-runtime's sources, embedded when graphdoc is built, for crates
//! that carry the runtime beside them (see [`CrateManifest::new`]).
//!
//! The table is made by graphdoc's build script from the runtime crate as it
//! is in this tree, so an edit to the runtime is picked up by the next build.
//! Its manifest is rewritten to stand alone (no workspace inheritance).
//!
//! [`CrateManifest::new`]: crate::CrateManifest::new

include!(concat!(env!("OUT_DIR"), "/runtime_files.rs"));

/// The runtime's files as (path relative to the runtime's own directory,
/// contents), sorted by path: `Cargo.toml` and `src/**`.
pub fn runtime_files() -> &'static [(&'static str, &'static str)] {
    RUNTIME_FILES
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_runtime_is_embedded_whole_and_stands_alone() {
        let paths: Vec<&str> = runtime_files().iter().map(|(p, _)| *p).collect();
        assert!(paths.contains(&"Cargo.toml"));
        assert!(paths.contains(&"src/lib.rs"));
        assert!(paths.contains(&"src/http/mod.rs"), "{paths:?}");
        let on_disk = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../graphdoc-runtime/src/lib.rs"
        ))
        .unwrap();
        let embedded = runtime_files()
            .iter()
            .find(|(p, _)| *p == "src/lib.rs")
            .unwrap()
            .1;
        assert_eq!(embedded, on_disk);

        let manifest = runtime_files()[0].1;
        assert!(!manifest.contains("workspace"), "{manifest}");
        assert!(
            manifest.contains("name = \"graphdoc-runtime\""),
            "{manifest}"
        );
        assert!(manifest.contains("\nversion = \""), "{manifest}");
        assert!(!manifest.contains("[dev-dependencies]"), "{manifest}");
    }
}

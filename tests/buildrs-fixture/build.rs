//! Generates bindings for the seed pages into `$OUT_DIR/graphdoc.rs`.

use std::path::Path;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // The seeds are `.txt` pages; a directory input would only pick up `.md` files.
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../seeds");
    let mut pages: Vec<_> = std::fs::read_dir(&seeds)?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    pages.sort();

    graphdoc::Builder::new()
        .inputs(&pages)
        .extra_derive("Eq")
        .generate()?;
    Ok(())
}

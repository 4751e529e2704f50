//! Prints the IR of pages and their diagnostics, for eyeballing the parser:
//! `cargo run -p graphdoc-parse --example dump -- PAGE.md...`

fn main() {
    for (i, path) in std::env::args().skip(1).enumerate() {
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let out = graphdoc_parse::parse_page(&path, graphdoc_ir::FileId(i as u32), &bytes);
        match &out.page {
            Some(page) => println!(
                "{}",
                serde_json::to_string_pretty(page).expect("serializable")
            ),
            None => println!("(no page)"),
        }
        for d in &out.diagnostics {
            eprintln!("{d}");
        }
    }
}

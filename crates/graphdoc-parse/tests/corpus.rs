//! Parses every page of the v1.0 docs tree: no page may panic, and what the
//! parser finds must not fall below floors set a little under the measured
//! figures, so a regression fails here.

use std::collections::BTreeMap;
use std::time::Instant;

use graphdoc_ir::{Code, DocType, TypeKind};

#[test]
fn parses_the_v1_docs_tree() {
    let Some(dir) = graphdoc_testkit::corpus_v1_dir("parse corpus") else {
        return;
    };
    let sources = graphdoc_testkit::corpus_v1_sources(&dir);
    let bytes: usize = sources.iter().map(|(_, b)| b.len()).sum();

    // A bare pulldown-cmark pass over the same pages, for scale.
    let start = Instant::now();
    let events: usize = {
        use rayon::prelude::*;
        let opts = pulldown_cmark::Options::ENABLE_TABLES
            | pulldown_cmark::Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
        sources
            .par_iter()
            .map(|(_, b)| {
                let text = String::from_utf8_lossy(b);
                pulldown_cmark::Parser::new_ext(&text, opts)
                    .into_offset_iter()
                    .count()
            })
            .sum()
    };
    let bare = start.elapsed();
    let start = Instant::now();
    let opts = pulldown_cmark::Options::ENABLE_TABLES
        | pulldown_cmark::Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
    let serial_events: usize = sources
        .iter()
        .map(|(_, b)| {
            let text = String::from_utf8_lossy(b);
            pulldown_cmark::Parser::new_ext(&text, opts)
                .into_offset_iter()
                .count()
        })
        .sum();
    let bare_serial = start.elapsed();
    assert_eq!(serial_events, events);

    let start = Instant::now();
    let corpus = graphdoc_parse::parse_sources(&sources);
    let elapsed = start.elapsed();

    let mut by_doc_type: BTreeMap<String, usize> = BTreeMap::new();
    let mut kinds: BTreeMap<String, usize> = BTreeMap::new();
    let (mut types, mut entities, mut complexes, mut enums) = (0, 0, 0, 0);
    let (mut properties, mut members, mut flags) = (0, 0, 0);
    let (mut operations, mut paths, mut examples, mut paired) = (0, 0, 0, 0);
    let (mut json_bodies, mut methods) = (0, 0);
    for page in &corpus.pages {
        let dt = match &page.meta.doc_type {
            Some(DocType::Other(_)) => "other".to_string(),
            Some(d) => format!("{d:?}"),
            None => "none".to_string(),
        };
        *by_doc_type.entry(dt).or_default() += 1;
        for t in &page.types {
            types += 1;
            match t.kind {
                TypeKind::Entity => entities += 1,
                TypeKind::Complex => complexes += 1,
                TypeKind::Enum => enums += 1,
            }
            properties += t.properties.len();
            members += t.members.len();
            flags += usize::from(t.is_flags);
        }
        for op in &page.operations {
            operations += 1;
            paths += op.paths.len();
            *kinds.entry(format!("{:?}", op.kind)).or_default() += 1;
        }
        for e in &page.examples {
            examples += 1;
            paired += usize::from(e.request.is_some() && e.response.is_some());
            for b in [
                e.request.as_ref().and_then(|r| r.body.as_ref()),
                e.response.as_ref().and_then(|r| r.body.as_ref()),
            ]
            .into_iter()
            .flatten()
            {
                json_bodies += usize::from(matches!(b, graphdoc_ir::Body::Json(_)));
            }
        }
        methods += page.methods.len();
    }
    let mut by_code: BTreeMap<&str, usize> = BTreeMap::new();
    for d in &corpus.diagnostics {
        *by_code.entry(d.code.as_str()).or_default() += 1;
    }

    println!(
        "parse corpus: {} files, {:.1} MB in {:.2?}; bare pulldown-cmark pass ({events} events): {:.2?} on all cores (x{:.2}), {:.2?} on one (x{:.2})",
        sources.len(),
        bytes as f64 / 1e6,
        elapsed,
        bare,
        elapsed.as_secs_f64() / bare.as_secs_f64().max(1e-9),
        bare_serial,
        elapsed.as_secs_f64() / bare_serial.as_secs_f64().max(1e-9),
    );
    println!("  pages by doc_type: {by_doc_type:?}");
    println!(
        "  types: {types} (entity {entities}, complex {complexes}, enum {enums}, flags {flags})"
    );
    println!("  properties: {properties}, enum members: {members}, method links: {methods}");
    println!("  operations: {operations} {kinds:?}, path templates: {paths}");
    println!("  examples: {examples} ({paired} paired), JSON bodies: {json_bodies}");
    println!("  diagnostics by code: {by_code:?}");

    // GRAPHDOC_PARSE_SHOW=GD0108,GD0111 prints the diagnostics with those codes.
    if let Ok(show) = std::env::var("GRAPHDOC_PARSE_SHOW") {
        for d in &corpus.diagnostics {
            if show.split(',').any(|c| c.trim() == d.code.as_str()) {
                println!("{d}");
            }
        }
    }

    // GRAPHDOC_PARSE_DUMP=/tmp/corpus.json writes the whole IR, for analysis.
    if let Ok(path) = std::env::var("GRAPHDOC_PARSE_DUMP") {
        let json = serde_json::to_string(&corpus).expect("the IR serializes");
        std::fs::write(&path, json).expect("dump written");
    }

    // Floors a little under what the parser finds today (see the report of
    // the run that set them): a regression in any part of the parser shows.
    let floors: &[(&str, usize, usize)] = &[
        (
            "apiPage pages",
            by_doc_type.get("ApiPage").copied().unwrap_or(0),
            2_050,
        ),
        (
            "resourcePage pages",
            by_doc_type.get("ResourcePage").copied().unwrap_or(0),
            1_000,
        ),
        (
            "enumPage pages",
            by_doc_type.get("EnumPage").copied().unwrap_or(0),
            138,
        ),
        ("types", types, 1_320),
        ("entity types", entities, 520),
        ("complex types", complexes, 460),
        ("enum types", enums, 315),
        ("flags enums", flags, 4),
        ("properties", properties, 7_300),
        ("enum members", members, 2_500),
        ("method links", methods, 2_250),
        ("operations", operations, 2_050),
        ("actions", kinds.get("Action").copied().unwrap_or(0), 270),
        (
            "functions",
            kinds.get("Function").copied().unwrap_or(0),
            142,
        ),
        ("path templates", paths, 3_650),
        ("examples", examples, 2_500),
        ("paired examples", paired, 2_350),
        ("JSON bodies", json_bodies, 2_500),
    ];
    let low: Vec<String> = floors
        .iter()
        .filter(|(_, found, floor)| found < floor)
        .map(|(what, found, floor)| format!("{what}: {found} < {floor}"))
        .collect();
    assert!(low.is_empty(), "below the floor: {low:?}");
    // Every broken annotation of the tree is read leniently; none is lost.
    // Relaxed JSON the docs' tools read too is not reported; repairs are.
    let count = |c: &str| by_code.get(c).copied().unwrap_or(0);
    let lenient_examples = corpus
        .pages
        .iter()
        .flat_map(|p| &p.examples)
        .flat_map(|e| {
            let request = e.request.as_ref().map(|r| &r.annotation);
            let response = e.response.as_ref().map(|r| &r.annotation);
            request.into_iter().chain(response)
        })
        .filter(|a| a.lenient)
        .count();
    println!(
        "  lenient annotations on examples: {lenient_examples}; repaired (GD0101): {}",
        count("GD0101")
    );
    assert!(
        lenient_examples >= 12,
        "lenient annotations: {lenient_examples}"
    );
    assert!(
        (1..=10).contains(&count("GD0101")),
        "repaired annotations: {}",
        count("GD0101")
    );
    assert_eq!(count("GD0102"), 0, "unreadable annotations");
    // Ceilings where a rise means the parser got worse at reading the docs.
    assert!(
        count("GD0105") <= 40,
        "unknown type spellings: {}",
        count("GD0105")
    );
    assert!(
        count("GD0107") <= 10,
        "unparsed HTTP blocks: {}",
        count("GD0107")
    );
    assert!(
        count("GD0111") <= 40,
        "missing sections: {}",
        count("GD0111")
    );

    let internal: Vec<_> = corpus
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::InternalError)
        .collect();
    assert!(internal.is_empty(), "pages panicked: {internal:#?}");
    assert_eq!(corpus.files.len(), sources.len());
}

//! Bad input: each case yields a diagnostic naming the file (and line where
//! there is one), nothing panics or overflows the stack, and the other pages
//! of a run still go through. Big inputs are generated here, not committed.

use std::time::{Duration, Instant};

use graphdoc_ir::{Body, Code, Corpus, FileId, Severity};
use graphdoc_parse::{parse_annotation, parse_page, parse_sources};

const GOOD: &str = "---\ndoc_type: resourcePageType\n---\n\n# good resource type\n\nNamespace: microsoft.graph\n\n## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n| id | String | The id. |\n";

fn codes(corpus: &Corpus, file: &str) -> Vec<Code> {
    corpus
        .diagnostics
        .iter()
        .filter(|d| d.file == file)
        .map(|d| d.code)
        .collect()
}

/// A run over good and bad pages together: the bad ones are diagnosed by
/// name, the good ones parse, and everything comes back in file order.
#[test]
fn a_run_survives_bad_pages() {
    let mut invalid_utf8 = GOOD.as_bytes().to_vec();
    invalid_utf8.extend_from_slice(b"\nmore \xFF\xFE text\n");
    let sources = vec![
        ("a/good1.md".to_string(), GOOD.as_bytes().to_vec()),
        ("a/empty.md".to_string(), Vec::new()),
        ("a/blank.md".to_string(), b"\xEF\xBB\xBF  \n\n".to_vec()),
        (
            "a/binary.md".to_string(),
            b"PK\x03\x04\x00\x00binary\n\x00".to_vec(),
        ),
        ("a/latin1.md".to_string(), invalid_utf8),
        (
            "a/fence.md".to_string(),
            format!("{GOOD}\n```http\nGET /x\n").into_bytes(),
        ),
        ("a/good2.md".to_string(), GOOD.as_bytes().to_vec()),
    ];
    let corpus = parse_sources(&sources);
    assert_eq!(
        corpus.files,
        sources.iter().map(|(p, _)| p.clone()).collect::<Vec<_>>()
    );
    // Empty and binary files give no page; the others do, in file order.
    let files: Vec<u32> = corpus.pages.iter().map(|p| p.file.0).collect();
    assert_eq!(files, [0, 4, 5, 6]);
    assert_eq!(codes(&corpus, "a/good1.md"), []);
    assert_eq!(codes(&corpus, "a/empty.md"), [Code::EmptyFile]);
    assert_eq!(codes(&corpus, "a/blank.md"), [Code::EmptyFile]);
    assert_eq!(codes(&corpus, "a/binary.md"), [Code::BinaryFile]);
    assert_eq!(codes(&corpus, "a/latin1.md"), [Code::InvalidUtf8]);
    assert_eq!(codes(&corpus, "a/fence.md"), [Code::UnterminatedFence]);
    assert_eq!(codes(&corpus, "a/good2.md"), []);
    let utf8 = corpus
        .diagnostics
        .iter()
        .find(|d| d.code == Code::InvalidUtf8)
        .unwrap();
    assert_eq!((utf8.line, utf8.severity), (15, Severity::Warning));
    let binary = corpus
        .diagnostics
        .iter()
        .find(|d| d.code == Code::BinaryFile)
        .unwrap();
    assert_eq!((binary.line, binary.severity), (1, Severity::Error));
    let fence = corpus
        .diagnostics
        .iter()
        .find(|d| d.code == Code::UnterminatedFence)
        .unwrap();
    assert_eq!(fence.line, 15);
    // Diagnostics come grouped by file, in file order.
    let order: Vec<&str> = corpus.diagnostics.iter().map(|d| d.file.as_str()).collect();
    let mut sorted = order.clone();
    sorted.sort_by_key(|f| sources.iter().position(|(p, _)| p == f));
    assert_eq!(order, sorted);
    // The lossily decoded page still parses.
    assert_eq!(corpus.pages[1].types[0].name, "good");
    // The same input gives the same output.
    assert_eq!(parse_sources(&sources), corpus);
}

#[test]
fn deep_json_body_does_not_overflow() {
    let depth = 100_000;
    let body = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    let page = format!(
        "# Deep\n\n## Examples\n\n<!-- {{ \"blockType\": \"request\", \"name\": \"deep\" }} -->\n```http\nPOST https://graph.microsoft.com/v1.0/deep\nContent-Type: application/json\n\n{body}\n```\n\n<!-- {{ \"blockType\": \"response\" }} -->\n```http\nHTTP/1.1 200 OK\nContent-Type: application/json\n\n{{\"a\": {body}}}\n```\n"
    );
    // Through the parallel runner: its worker threads have ordinary stacks.
    let corpus = parse_sources(&[("deep.md".to_string(), page.into_bytes())]);
    let ex = &corpus.pages[0].examples[0];
    assert!(
        matches!(ex.request.as_ref().unwrap().body, Some(Body::Raw(ref r)) if r.len() == 2 * depth)
    );
    assert!(matches!(
        ex.response.as_ref().unwrap().body,
        Some(Body::Raw(_))
    ));
    let lines: Vec<u32> = corpus
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::InvalidJsonBody)
        .map(|d| d.line)
        .collect();
    assert_eq!(lines, [10, 18]);
}

#[test]
fn deep_nesting_elsewhere_does_not_overflow() {
    let deep = 100_000;
    let pages = [
        // An annotation nested 100,000 levels deep.
        format!(
            "# A\n\n<!-- {{ \"blockType\": \"request\", \"x\": {} }} -->\n",
            "[".repeat(deep)
        ),
        // Block quotes, emphasis, brackets and HTML nested deeply.
        format!("# B\n\n{} x\n", ">".repeat(deep)),
        format!("# C\n\n{}x{}\n", "*".repeat(deep), "*".repeat(deep)),
        format!("# D\n\n{}x{}\n", "[".repeat(deep), "]".repeat(deep)),
        format!("# E\n\n{}\n", "<div>".repeat(deep)),
        // Front matter YAML nested deeply, as flow and as block.
        format!("---\na: {}\n---\n# F\n", "[".repeat(deep)),
        format!(
            "---\n{}---\n# G\n",
            (0..2_000)
                .map(|i| format!("{}k{i}:\n", " ".repeat(i)))
                .collect::<String>()
        ),
        // A table cell with a deep type spelling.
        format!(
            "# H\n\n## Properties\n\n|Property|Type|Description|\n|-|-|-|\n|a|{}|b|\n",
            "Collection(".repeat(deep)
        ),
    ];
    let sources: Vec<(String, Vec<u8>)> = pages
        .iter()
        .enumerate()
        .map(|(i, p)| (format!("deep{i}.md"), p.clone().into_bytes()))
        .collect();
    let corpus = parse_sources(&sources);
    assert_eq!(corpus.pages.len(), pages.len());
    assert!(
        corpus
            .diagnostics
            .iter()
            .all(|d| d.code != Code::InternalError)
    );
    assert!(codes(&corpus, "deep0.md").contains(&Code::InvalidAnnotation));
    assert!(codes(&corpus, "deep5.md").contains(&Code::FrontMatter));
    assert!(codes(&corpus, "deep6.md").contains(&Code::FrontMatter));
    // The annotation reader rejects deep input without recursing.
    assert!(parse_annotation(&format!("{{\"a\": {}", "{\"b\": ".repeat(deep))).is_err());
}

#[test]
fn ten_megabyte_single_line_page_is_fast() {
    let unit = "Some words with `code`, [a link](x.md), **bold** and a TODO | pipe. ";
    let mut page = String::from("---\ndoc_type: resourcePageType\n---\n\n");
    while page.len() < 10_000_000 {
        page.push_str(unit);
    }
    let start = Instant::now();
    let out = parse_page("big.md", FileId(0), page.as_bytes());
    let elapsed = start.elapsed();
    // Linear work is well under a second in release and a few seconds in a
    // debug build; anything quadratic would take hours.
    assert!(elapsed < Duration::from_secs(60), "took {elapsed:?}");
    // Over 100,000 placeholders: one finding for the page, with the count.
    let todos: Vec<_> = out
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::TodoPlaceholder)
        .collect();
    assert_eq!(todos.len(), 1);
    let count: usize = todos[0].message.split(' ').next().unwrap().parse().unwrap();
    assert!(count > 100_000, "{}", todos[0].message);
    // Columns count characters along the one long line.
    assert_eq!(todos[0].line, 5);
    assert_eq!(todos[0].column as usize, unit.find("TODO").unwrap() + 1);
    assert_eq!(
        todos[0].related[0].column as usize,
        unit.len() + unit.find("TODO").unwrap() + 1
    );
}

#[test]
fn ragged_rows_and_odd_bytes_do_not_panic() {
    let inputs: [&[u8]; 8] = [
        b"|a|b|\n|-|-|\n|1|\n|1|2|3|\n",
        b"\xEF\xBB\xBF",
        b"---",
        b"---\n",
        b"<!--",
        b"<!-- {",
        b"```",
        b"# \xE2\x80\n\r\r\n\t|",
    ];
    for (i, bytes) in inputs.iter().enumerate() {
        let out = parse_page(&format!("odd{i}.md"), FileId(i as u32), bytes);
        for d in &out.diagnostics {
            assert_eq!(d.file, format!("odd{i}.md"));
        }
    }
    let out = parse_page("ragged.md", FileId(0), inputs[0]);
    let ragged: Vec<u32> = out
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::RaggedTableRow)
        .map(|d| d.line)
        .collect();
    assert_eq!(ragged, [3, 4]);
}

/// A tiny deterministic generator, so the fuzz tests need no dependency.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.next() % items.len()]
    }
}

#[test]
fn annotation_reader_survives_junk() {
    let alphabet = [
        "{",
        "}",
        "[",
        "]",
        "\"",
        "'",
        ",",
        ":",
        " ",
        "\n",
        "\\",
        "a",
        "blockType",
        "true",
        "1e5",
        "-",
        "//",
        "/*",
        "*/",
        "\u{201c}",
        "\u{201d}",
        "null",
        "é",
        "\t",
        "\r",
        "@odata.type",
    ];
    let mut rng = Lcg(42);
    for _ in 0..20_000 {
        let len = rng.next() % 40;
        let text: String = (0..len).map(|_| rng.pick(&alphabet)).collect();
        if let Ok((keys, lenient)) = parse_annotation(&text) {
            // What is read strictly must be strict JSON.
            if !lenient {
                assert!(
                    serde_json::from_str::<serde_json::Value>(text.trim()).is_ok(),
                    "{text:?}"
                );
            }
            let _ = keys;
        }
    }
}

#[test]
fn page_parser_survives_junk() {
    let alphabet = [
        "# ",
        "## ",
        "### Example 1\n",
        "## HTTP request\n",
        "## Properties\n",
        "## Response\n",
        "## Examples\n",
        "### x values\n",
        "\n",
        "\n\n",
        "|",
        "|---|---|\n",
        "| a | b |\n",
        "`",
        "```",
        "```http\n",
        "~~~",
        "<!-- ",
        " -->",
        "{",
        "}",
        "\"blockType\": \"request\"",
        "GET /x/{id}\n",
        "HTTP/1.1 200 OK\n",
        "POST https://graph.microsoft.com/beta/x\n",
        "Content-Type: application/json\n",
        "[l](x.md)",
        "*",
        "**",
        "> ",
        "- ",
        "1. ",
        "TODO",
        "Not yet documented",
        "---\n",
        "doc_type: apiPageType\n",
        "é",
        "\r\n",
        "\\",
        "Possible values are: `a`, `b`.",
        "Inherited from [entity](entity.md)",
        "Collection(",
        ")",
        " collection",
        "<br>",
        "&amp;",
        "\t",
        "    ",
    ];
    // GRAPHDOC_FUZZ_PAGES=100000 runs a longer session.
    let pages: usize = std::env::var("GRAPHDOC_FUZZ_PAGES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_500);
    let mut rng = Lcg(7);
    let sources: Vec<(String, Vec<u8>)> = (0..pages)
        .map(|i| {
            let len = rng.next() % 120;
            let text: String = (0..len).map(|_| rng.pick(&alphabet)).collect();
            (format!("junk{i}.md"), text.into_bytes())
        })
        .collect();
    let corpus = parse_sources(&sources);
    let internal: Vec<_> = corpus
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::InternalError)
        .collect();
    assert!(internal.is_empty(), "{internal:#?}");
    for d in &corpus.diagnostics {
        assert!(d.file.starts_with("junk"), "{d}");
    }
}

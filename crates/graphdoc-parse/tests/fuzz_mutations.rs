//! A bounded, structure-aware fuzzer CI runs on every change: real pages (the
//! seeds and the fixtures) are cut, spliced, duplicated and salted with the
//! markdown constructs the parser keys on (fences, tables, annotations,
//! section headings, deep JSON, CRLF, BOMs, invalid UTF-8), and every result
//! must pass the invariants of `common/invariants.rs`. The search is seeded,
//! so a failure reproduces; the failing input is written to the target's temp
//! directory. `GRAPHDOC_FUZZ_CASES=200000` runs a longer session (the
//! coverage-guided fuzzers live in `fuzz/`).

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;

use graphdoc_ir::FileId;

mod common;
use common::invariants::check_page;

/// Splitmix64: small, deterministic, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Constructs the parser treats specially, inserted at line starts.
const LINES: &[&str] = &[
    "```\n",
    "```http\n",
    "```json\n",
    "~~~\n",
    "    indented code\n",
    "<!-- { \"blockType\": \"request\", \"name\": \"ex\" } -->\n",
    "<!-- { \"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.user\", \"isCollection\": true } -->\n",
    "<!-- { \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.widget\", \"baseType\": \"microsoft.graph.entity\" } -->\n",
    "<!-- {\n \"blockType\": \"request\",\n",
    "<!--\n",
    "-->\n",
    "---\n",
    "doc_type: apiPageType\n",
    "title: \"x resource type\"\n",
    "# widget resource type\n",
    "## Properties\n",
    "## Relationships\n",
    "## Methods\n",
    "## HTTP request\n",
    "## Request headers\n",
    "## Path parameters\n",
    "## Optional query parameters\n",
    "## Request body\n",
    "## Response\n",
    "## Examples\n",
    "### Example 2\n",
    "## Members\n",
    "## Derived types\n",
    "### size values\n",
    "## Permissions\n",
    "| Property | Type | Description |\n",
    "|:--|:--|:--|\n",
    "|-\t|--\t|\n",
    "| a | Collection(String) | Possible values are: `x`, `y`. Required. |\n",
    "| [b](b.md) | [thing](thing.md) collection | Inherited from [entity](entity.md). |\n",
    "| c |\n",
    "| d | e | f | g | h |\n",
    "GET /users/{id}/things/{thing-id}\n",
    "POST https://graph.microsoft.com/v1.0/widgets\n",
    "HTTP/1.1 201 Created\n",
    "Content-Type: application/json\n",
    "{\"@odata.type\": \"#microsoft.graph.widget\", \"id\": \"1\"}\n",
    "> quoted\n",
    "- item\n",
    "1. item\n",
    "TODO: fill in\n",
    "\n",
    "\n\n\n",
];

/// Bytes inserted anywhere, also mid-character.
const BYTES: &[&[u8]] = &[
    b"\r",
    b"\r\n",
    b"\t",
    b"|",
    b"`",
    b"\\",
    b"\"",
    b"{",
    b"}",
    b"[",
    b"]",
    b"<",
    b">",
    b"*",
    b"\xEF\xBB\xBF",
    b"\xFF",
    b"\xC3",
    b"\xE2\x80",
    b"\xE2\x80\x9C",
    "é".as_bytes(),
    "\u{2028}".as_bytes(),
    "𝕏".as_bytes(),
];

fn line_starts(b: &[u8]) -> Vec<usize> {
    std::iter::once(0)
        .chain(memchr_iter(b'\n', b).map(|i| i + 1))
        .filter(|&i| i <= b.len())
        .collect()
}

fn memchr_iter(needle: u8, hay: &[u8]) -> impl Iterator<Item = usize> + '_ {
    hay.iter()
        .enumerate()
        .filter(move |(_, c)| **c == needle)
        .map(|(i, _)| i)
}

/// A random run of whole lines of `b`, as a byte range.
fn line_range(rng: &mut Rng, b: &[u8]) -> (usize, usize) {
    let starts = line_starts(b);
    let i = rng.below(starts.len());
    let j = (i + 1 + rng.below(8)).min(starts.len());
    let end = starts.get(j).copied().unwrap_or(b.len());
    (starts[i], end.max(starts[i]))
}

fn mutate(rng: &mut Rng, page: &mut Vec<u8>, seeds: &[Vec<u8>]) {
    let at_line = |rng: &mut Rng, b: &[u8]| *rng.pick(&line_starts(b));
    match rng.below(11) {
        0 => {
            let at = rng.below(page.len() + 1);
            page.truncate(at);
        }
        1 => {
            let (s, e) = line_range(rng, page);
            page.drain(s..e);
        }
        2 => {
            let (s, e) = line_range(rng, page);
            let copy = page[s..e].to_vec();
            let at = at_line(rng, page);
            page.splice(at..at, copy);
        }
        3 => {
            let other = rng.pick(seeds);
            let (s, e) = line_range(rng, other);
            let at = at_line(rng, page);
            page.splice(at..at, other[s..e].iter().copied());
        }
        4..=6 => {
            let line = rng.pick(LINES).as_bytes();
            let at = at_line(rng, page);
            page.splice(at..at, line.iter().copied());
        }
        7 => {
            let bytes = *rng.pick(BYTES);
            let at = rng.below(page.len() + 1);
            page.splice(at..at, bytes.iter().copied());
        }
        8 => {
            // Deep nesting where JSON is read: an annotation or a body.
            let depth = 1 + rng.below(3_000);
            let open = *rng.pick(&["[", "{\"a\":", "{", "[{\"b\":"]);
            let mut deep = open.repeat(depth);
            if rng.below(2) == 0 {
                deep.push_str(&"]}".repeat(depth));
            }
            let text = if rng.below(2) == 0 {
                format!("<!-- {{\"blockType\": \"request\", \"x\": {deep} }} -->\n")
            } else {
                format!("```http\nPOST /x\nContent-Type: application/json\n\n{deep}\n```\n")
            };
            let at = at_line(rng, page);
            page.splice(at..at, text.into_bytes());
        }
        9 => {
            // CRLF (or lone CR) line endings over a run of lines.
            let (s, e) = line_range(rng, page);
            let ending: &[u8] = if rng.below(3) == 0 { b"\r" } else { b"\r\n" };
            let mut out = page[..s].to_vec();
            for &c in &page[s..e] {
                match c {
                    b'\n' => out.extend_from_slice(ending),
                    c => out.push(c),
                }
            }
            out.extend_from_slice(&page[e..]);
            *page = out;
        }
        _ => {
            // Swap two lines.
            let (a, ae) = line_range(rng, page);
            let first = page[a..ae].to_vec();
            page.drain(a..ae);
            let at = at_line(rng, page);
            page.splice(at..at, first);
        }
    }
}

fn seeds() -> Vec<Vec<u8>> {
    let fixtures = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&fixtures)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    files.sort();
    files.extend(graphdoc_testkit::seed_files());
    files.iter().map(|p| std::fs::read(p).unwrap()).collect()
}

#[test]
fn mutated_real_pages_keep_the_parser_invariants() {
    let cases: usize = std::env::var("GRAPHDOC_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(4_000);
    let seed: u64 = std::env::var("GRAPHDOC_FUZZ_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0x6772_6170_6864_6f63);
    let seeds = seeds();
    assert!(seeds.len() > 10, "the fixtures and seeds are there");
    let mut rng = Rng(seed);
    let mut failures = Vec::new();
    let mut codes = std::collections::BTreeSet::new();
    for case in 0..cases {
        let mut page = rng.pick(&seeds).clone();
        for _ in 0..1 + rng.below(8) {
            mutate(&mut rng, &mut page, &seeds);
        }
        let result = catch_unwind(AssertUnwindSafe(|| {
            check_page("api-reference/v1.0/api/mutant.md", FileId(1), &page)
        }));
        if let Ok(out) = &result {
            codes.extend(out.diagnostics.iter().map(|d| d.code));
        }
        if let Err(panic) = result {
            let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("fuzz_mutations");
            std::fs::create_dir_all(&dir).unwrap();
            let file = dir.join(format!("case-{case}.md"));
            std::fs::write(&file, &page).unwrap();
            let what = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            failures.push(format!("case {case} ({}): {what}", file.display()));
            if failures.len() >= 5 {
                break;
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failing inputs (seed {seed}):\n{}",
        failures.len(),
        failures.join("\n")
    );
    // The mutants reach the parser's error paths, not just its happy path.
    assert!(codes.len() >= 12, "only {codes:?}");
}

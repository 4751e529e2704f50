//! Regression tests for what fuzzing and the hardening probes found.
//!
//! libFuzzer (`fuzz/`, 6 min of `parse_page` and 5 min of `parse_annotation`)
//! and the structure-aware mutator (`fuzz_mutations.rs`) found no crash. A
//! scaling probe (each markdown construct repeated 2k..512k times) found one
//! hang: pairing each example response rescanned every earlier example, so a
//! page of many unpaired responses was quadratic (128k responses: 12 s in a
//! release build; now 0.15 s).

use std::time::{Duration, Instant};

use graphdoc_ir::{Code, FileId};
use graphdoc_parse::parse_page;

const RESPONSE: &str =
    "<!-- { \"blockType\": \"response\" } -->\n```http\nHTTP/1.1 200 OK\n```\n\n";

#[test]
fn many_unpaired_responses_parse_in_linear_time() {
    const N: usize = 100_000;
    let page = format!("# Many\n\n## Examples\n\n{}", RESPONSE.repeat(N));
    let start = Instant::now();
    let out = parse_page("many.md", FileId(0), page.as_bytes());
    let elapsed = start.elapsed();
    // About 1 s in a debug build; the quadratic pairing took 52 s.
    assert!(elapsed < Duration::from_secs(20), "took {elapsed:?}");
    let page = out.page.unwrap();
    assert_eq!(page.examples.len(), N);
    assert!(page.examples.iter().all(|e| e.request.is_none()));
    let unpaired: Vec<u32> = out
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::UnpairedExample)
        .map(|d| d.line)
        .collect();
    assert_eq!(unpaired.len(), N);
    // Each is located at its own status line.
    assert_eq!(unpaired[..2], [7, 12]);
    assert_eq!(unpaired[N - 1] as usize, 7 + 5 * (N - 1));
}

/// The pairing rules the faster pairing keeps: a response pairs with the
/// latest open request of its name (or whose name prefixes it), else with
/// the latest open request of its `### Example` subsection, else stays alone.
#[test]
fn responses_pair_by_name_then_by_order_within_an_example() {
    let req = |name: &str| {
        format!(
            "<!-- {{ \"blockType\": \"request\", \"name\": \"{name}\" }} -->\n```http\nGET https://graph.microsoft.com/v1.0/{name}\n```\n\n"
        )
    };
    let resp = |name: Option<&str>, status: u16| {
        let name = name.map_or(String::new(), |n| format!(", \"name\": \"{n}\""));
        format!(
            "<!-- {{ \"blockType\": \"response\"{name} }} -->\n```http\nHTTP/1.1 {status} OK\n```\n\n"
        )
    };
    let mut page = String::from("# Pairs\n\n## Examples\n\n### Example 1\n\n");
    // Ten open requests, answered by name in another order.
    for i in 0..10 {
        page.push_str(&req(&format!("r{i}")));
    }
    for i in [3, 0, 9, 5] {
        page.push_str(&resp(Some(&format!("r{i}")), 200 + i));
    }
    // A name the request's name prefixes.
    page.push_str(&resp(Some("r7_response"), 207));
    // Unnamed: the latest open request of this subsection (r8).
    page.push_str(&resp(None, 208));
    // A new subsection: its unnamed response finds no open request in it.
    page.push_str("### Example 2\n\n");
    page.push_str(&resp(None, 299));

    let out = parse_page("pairs.md", FileId(0), page.as_bytes());
    let page = out.page.unwrap();
    let pairs: Vec<(Option<&str>, Option<u16>)> = page
        .examples
        .iter()
        .map(|e| {
            (
                e.request
                    .as_ref()
                    .map(|r| r.url.rsplit('/').next().unwrap()),
                e.response.as_ref().map(|r| r.status),
            )
        })
        .collect();
    assert_eq!(
        pairs,
        [
            (Some("r0"), Some(200)),
            (Some("r1"), None),
            (Some("r2"), None),
            (Some("r3"), Some(203)),
            (Some("r4"), None),
            (Some("r5"), Some(205)),
            (Some("r6"), None),
            (Some("r7"), Some(207)),
            (Some("r8"), Some(208)),
            (Some("r9"), Some(209)),
            (None, Some(299)),
        ]
    );
}

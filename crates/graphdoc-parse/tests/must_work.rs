//! Inputs that must work (issue 9): each test checks that the real content is
//! extracted, not merely that nothing panics. Big inputs are generated here.
//! CRLF and a BOM alone are covered by `fixtures.rs` (`crlf_and_bom_read_like_lf`),
//! a tab-riddled table by `tabs_in_a_table_delimiter_row_do_not_hide_the_table`,
//! and a 100,000-deep body by `bad_input.rs`; here they are combined with the rest.

use std::time::Instant;

use graphdoc_ir::{Body, Code, FileId, Page, Primitive, Severity, TypeName, TypeRef};
use graphdoc_parse::{PageOutcome, parse_page, parse_sources};

const HEAD: &str = "---\ntitle: \"widget resource type\"\ndoc_type: resourcePageType\n---\n\n# widget resource type\n\nNamespace: microsoft.graph\n\nA widget.\n\n";

fn page_of(out: &PageOutcome) -> &Page {
    out.page.as_ref().expect("a page")
}

fn names(page: &Page) -> Vec<&str> {
    page.types[0]
        .properties
        .iter()
        .map(|p| p.name.as_str())
        .collect()
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

/// A BOM, CRLF line endings and tabs around every table cell, all at once,
/// give the same IR as the clean page.
#[test]
fn bom_crlf_and_tabs_in_tables_together_read_like_the_clean_page() {
    let clean = String::from_utf8(fixture("resource_page.md")).unwrap();
    assert!(!clean.contains('\r') && !clean.contains('\t'));
    let mut dirty = String::from("\u{feff}");
    for line in clean.lines() {
        if line.starts_with('|') {
            // Not before the first pipe: a leading tab would indent a code block.
            dirty.push_str(line.replace('|', "\t|\t").trim_start_matches('\t'));
        } else {
            dirty.push_str(line);
        }
        dirty.push_str("\r\n");
    }
    let want = parse_page("r.md", FileId(0), clean.as_bytes());
    let got = parse_page("r.md", FileId(0), dirty.as_bytes());
    let page = page_of(&want);
    assert!(names(page).len() >= 3, "the fixture has a property table");
    assert_eq!(got, want);
}

/// A 100 MB page: linear time, and the table at its very end is read.
#[test]
fn a_hundred_megabyte_page_is_read_to_its_end() {
    const SIZE: usize = 100 * 1024 * 1024;
    let para = "Some *words* with `code`, a [link](x.md), <b>html</b> and more words to\nfill the line, then a second line of the same paragraph.\n\n";
    let mut text = String::with_capacity(SIZE + 1024);
    text.push_str(HEAD);
    let mut lines = HEAD.matches('\n').count();
    while text.len() < SIZE {
        text.push_str(para);
        lines += 3;
    }
    text.push_str("## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n| id | String | The id. |\n| size | Int64 | The size. |\n");
    let last_line = lines + 6;

    let start = Instant::now();
    let out = parse_page("big.md", FileId(0), text.as_bytes());
    println!("100 MB page parsed in {:.2?}", start.elapsed());
    let page = page_of(&out);
    assert_eq!(names(page), ["id", "size"]);
    let size = &page.types[0].properties[1];
    assert_eq!(
        size.ty,
        TypeRef::single(TypeName::Primitive(Primitive::Int64))
    );
    assert_eq!(size.loc.line as usize, last_line);
    assert!(out.diagnostics.is_empty(), "{:?}", &out.diagnostics[..1]);
}

/// A table of 100,000 rows: every row becomes a property, in order, typed and located.
#[test]
fn a_hundred_thousand_table_rows_all_become_properties() {
    const ROWS: usize = 100_000;
    let kinds = [
        "String",
        "Int32",
        "Boolean",
        "[thing](thing.md)",
        "String collection",
    ];
    let mut text = String::from(HEAD);
    text.push_str("## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n");
    let first_row_line = text.matches('\n').count() + 1;
    for i in 0..ROWS {
        text.push_str(&format!(
            "| p{i} | {} | Row {i}. |\n",
            kinds[i % kinds.len()]
        ));
    }
    let start = Instant::now();
    let out = parse_page("rows.md", FileId(0), text.as_bytes());
    println!("100,000-row table parsed in {:.2?}", start.elapsed());
    let page = page_of(&out);
    let props = &page.types[0].properties;
    assert_eq!(props.len(), ROWS);
    for (i, p) in props.iter().enumerate() {
        assert_eq!(p.name, format!("p{i}"));
        assert_eq!(p.loc.line as usize, first_row_line + i);
        assert_eq!(p.description.as_deref(), Some(format!("Row {i}.").as_str()));
    }
    let types: Vec<&TypeRef> = props[..5].iter().map(|p| &p.ty).collect();
    assert_eq!(
        types,
        [
            &TypeRef::single(TypeName::Primitive(Primitive::String)),
            &TypeRef::single(TypeName::Primitive(Primitive::Int32)),
            &TypeRef::single(TypeName::Primitive(Primitive::Boolean)),
            &TypeRef::single(TypeName::Named {
                name: "thing".into(),
                link: Some("thing.md".into())
            }),
            &TypeRef::collection(TypeName::Primitive(Primitive::String)),
        ]
    );
    assert!(out.diagnostics.is_empty(), "{:?}", &out.diagnostics[..1]);
}

/// Invalid UTF-8 in the middle of a page: GD0005 at its line, the bad bytes
/// become U+FFFD, and the content before and after (same table, next
/// section) survives.
#[test]
fn invalid_utf8_mid_page_keeps_the_content_around_it() {
    let mut bytes = HEAD.as_bytes().to_vec();
    bytes.extend_from_slice(
        b"## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n| before | String | Fine. |\n",
    );
    let bad_line = bytes.iter().filter(|&&b| b == b'\n').count() + 1;
    // Latin-1 "caf\xe9", a stray continuation byte and a truncated sequence.
    bytes.extend_from_slice(b"| middle | Int32 | caf\xe9 \x80 \xE2\x82 ok. |\n");
    bytes.extend_from_slice(b"| after | Boolean | Fine too. |\n\n## Relationships\n\n| Relationship | Type | Description |\n|:--|:--|:--|\n| owner | [user](user.md) | The owner. |\n");

    let out = parse_page("latin1.md", FileId(0), &bytes);
    let d: Vec<(Code, u32, Severity)> = out
        .diagnostics
        .iter()
        .map(|d| (d.code, d.line, d.severity))
        .collect();
    assert_eq!(d, [(Code::InvalidUtf8, bad_line as u32, Severity::Warning)]);
    let page = page_of(&out);
    assert_eq!(names(page), ["before", "middle", "after", "owner"]);
    let middle = &page.types[0].properties[1];
    assert_eq!(
        middle.description.as_deref(),
        Some("caf\u{fffd} \u{fffd} \u{fffd} ok.")
    );
    assert_eq!(middle.loc.line as usize, bad_line);
    assert!(page.types[0].properties[3].navigation);
}

/// JSON nested 100,000 deep in an annotation and in example bodies: no stack
/// overflow (the parse runs on an ordinary 2 MiB test thread), the bodies
/// are kept Raw with a warning, the annotation is an error at its line, and
/// the table after all that is still read.
#[test]
fn json_nested_a_hundred_thousand_deep_is_contained() {
    const DEEP: usize = 100_000;
    let arrays = format!("{}{}", "[".repeat(DEEP), "]".repeat(DEEP));
    let objects = format!("{}1{}", "{\"a\":".repeat(DEEP), "}".repeat(DEEP));
    let text = format!(
        "{HEAD}## Examples\n\n<!-- {{ \"blockType\": \"request\", \"name\": \"deep\", \"x\": {arrays} }} -->\n```http\nPOST https://graph.microsoft.com/v1.0/widgets\nContent-Type: application/json\n\n{objects}\n```\n\n<!-- {{ \"blockType\": \"response\" }} -->\n```http\nHTTP/1.1 200 OK\nContent-Type: application/json\n\n{arrays}\n```\n\n## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n| id | String | The id. |\n"
    );
    let head = HEAD.matches('\n').count() as u32;
    let out = parse_page("deep.md", FileId(0), text.as_bytes());
    let d: Vec<(Code, u32)> = out.diagnostics.iter().map(|d| (d.code, d.line)).collect();
    assert_eq!(
        d,
        [
            (Code::InvalidAnnotation, head + 3),
            // Its annotation unreadable, the request block is unannotated.
            (Code::MissingAnnotation, head + 4),
            (Code::InvalidJsonBody, head + 8),
            (Code::InvalidJsonBody, head + 16),
        ]
    );
    let page = page_of(&out);
    assert_eq!(names(page), ["id"]);
    let raw: Vec<usize> = page
        .examples
        .iter()
        .flat_map(|e| {
            let req = e.request.as_ref().and_then(|r| r.body.as_ref());
            let resp = e.response.as_ref().and_then(|r| r.body.as_ref());
            req.into_iter().chain(resp)
        })
        .map(|b| match b {
            Body::Raw(r) => r.len(),
            Body::Json(_) => panic!("a deep body must stay raw"),
        })
        .collect();
    assert_eq!(raw, [objects.len(), arrays.len()]);
    // And through the parallel runner, whose workers have their own stacks.
    let corpus = parse_sources(&[("deep.md".to_string(), text.into_bytes())]);
    assert_eq!(corpus.diagnostics, out.diagnostics);
}

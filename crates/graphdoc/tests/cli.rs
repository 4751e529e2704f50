//! The `graphdoc` binary as users run it: exit codes, output forms, bad input.

use std::path::Path;
use std::process::{Command, Output};

fn graphdoc(args: &[&str]) -> Output {
    let args = args.iter().flat_map(|&a| {
        if a == SEEDS {
            seeds()
        } else {
            vec![a.to_string()]
        }
    });
    Command::new(env!("CARGO_BIN_EXE_graphdoc"))
        .args(args)
        .output()
        .expect("graphdoc runs")
}

/// Stands for the seed files in an argument list.
const SEEDS: &str = "<seeds>";

fn seeds() -> Vec<String> {
    graphdoc_testkit::seed_files()
        .iter()
        .map(|p| p.display().to_string())
        .collect()
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

#[test]
fn ir_of_the_seeds_is_json_with_every_page() {
    let out = graphdoc(&["ir", SEEDS]);
    assert!(out.status.code().is_some_and(|c| c <= 1), "{out:?}");
    let corpus: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(corpus["pages"].as_array().unwrap().len(), 5);
    assert_eq!(corpus["files"].as_array().unwrap().len(), 5);
}

#[test]
fn ir_writes_to_a_file_with_dash_o() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("ir.json");
    let out = graphdoc(&["ir", SEEDS, "-o", file.to_str().unwrap()]);
    assert!(out.status.code().is_some_and(|c| c <= 1), "{out:?}");
    assert!(out.stdout.is_empty());
    let corpus: serde_json::Value = serde_json::from_slice(&std::fs::read(file).unwrap()).unwrap();
    assert_eq!(corpus["pages"].as_array().unwrap().len(), 5);
}

#[test]
fn lint_json_gives_one_object_per_diagnostic_with_the_documented_fields() {
    let out = graphdoc(&["lint", SEEDS, "--format", "json"]);
    let text = stdout(&out);
    assert!(!text.is_empty(), "the seeds are full of TODOs");
    for line in text.lines() {
        let d: serde_json::Value = serde_json::from_str(line).unwrap();
        for field in ["file", "line", "column", "severity", "code", "message"] {
            assert!(d.get(field).is_some(), "{field} missing in {line}");
        }
        assert!(d["code"].as_str().unwrap().starts_with("GD"), "{line}");
    }
}

#[test]
fn lint_human_names_file_line_and_code_and_quotes_the_source() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("p.md");
    std::fs::write(
        &page,
        "---\ndoc_type: apiPageType\n---\n# Get thing\n\n## Examples\n<!-- {\n  \"blockType\": \"request\",\n  \"name\": \"x\",\n} -->\n```http\nGET https://graph.microsoft.com/v1.0/things\n```\n",
    )
    .unwrap();
    let out = graphdoc(&["lint", page.to_str().unwrap()]);
    let text = stdout(&out);
    let path = page.display().to_string();
    let head = text
        .lines()
        .find(|l| l.contains("[GD0101]"))
        .unwrap_or_else(|| panic!("no GD0101 in:\n{text}"));
    assert!(head.starts_with(&format!("{path}:7:")), "{head}");
    assert!(head.contains(": warning[GD0101]: "), "{head}");
    assert!(text.contains("7 | <!-- {"), "{text}");
}

#[test]
fn deny_warnings_turns_warnings_into_a_failing_exit() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("empty.md");
    std::fs::write(&page, "").unwrap();
    assert_eq!(
        graphdoc(&["lint", page.to_str().unwrap()]).status.code(),
        Some(0)
    );
    assert_eq!(
        graphdoc(&["lint", page.to_str().unwrap(), "--deny", "warnings"])
            .status
            .code(),
        Some(1)
    );
}

#[test]
fn bad_pages_are_diagnosed_and_the_others_still_go_through() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("empty.md"), "").unwrap();
    std::fs::write(d.join("binary.md"), b"\x00\x01\x02PNG\x00").unwrap();
    std::fs::write(
        d.join("latin1.md"),
        b"# Caf\xe9\n\nNamespace: microsoft.graph\n",
    )
    .unwrap();
    std::fs::write(d.join("fence.md"), "# Open\n\n```http\nGET /me\n").unwrap();
    std::fs::write(
        d.join("good.md"),
        "---\ndoc_type: resourcePageType\n---\n# good resource type\n",
    )
    .unwrap();
    let out = graphdoc(&["lint", d.to_str().unwrap(), "--format", "json"]);
    assert!(out.status.code().is_some_and(|c| c <= 1), "{out:?}");
    let diagnostics: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let has = |file: &str, code: &str| {
        diagnostics
            .iter()
            .any(|d| d["file"].as_str().unwrap().ends_with(file) && d["code"] == code)
    };
    assert!(has("empty.md", "GD0003"), "{diagnostics:#?}");
    assert!(has("binary.md", "GD0004"), "{diagnostics:#?}");
    assert!(has("latin1.md", "GD0005"), "{diagnostics:#?}");
    assert!(has("fence.md", "GD0109"), "{diagnostics:#?}");

    let ir = graphdoc(&["ir", d.to_str().unwrap()]);
    let corpus: serde_json::Value = serde_json::from_slice(&ir.stdout).unwrap();
    let titles: Vec<&str> = corpus["pages"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p["meta"]["title"].as_str())
        .collect();
    assert!(titles.contains(&"good resource type"), "{titles:?}");
}

#[test]
fn a_directory_without_markdown_pages_says_why_it_found_nothing() {
    let dir = graphdoc_testkit::seeds_dir();
    let out = graphdoc(&["ir", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(dir.to_str().unwrap()) && err.contains(".md"),
        "{err}"
    );
}

#[test]
fn a_missing_input_is_a_usage_failure_naming_it() {
    let out = graphdoc(&["ir", "/no/such/page.md"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/no/such/page.md"));
}

#[test]
fn bad_arguments_exit_2() {
    assert_eq!(graphdoc(&["lint"]).status.code(), Some(2));
    assert_eq!(graphdoc(&["frobnicate"]).status.code(), Some(2));
}

#[test]
fn gen_then_check_is_fresh_and_check_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out_dir = dir.path().join("out");
    let out = out_dir.to_str().unwrap();
    let gen_out = graphdoc(&["gen", SEEDS, "--out", out]);
    assert_eq!(gen_out.status.code(), Some(0), "{gen_out:?}");
    assert!(Path::new(out).join("Cargo.toml").is_file());
    assert_eq!(
        graphdoc(&["gen", SEEDS, "--out", out, "--check"])
            .status
            .code(),
        Some(0)
    );

    let lib = out_dir.join("src/lib.rs");
    std::fs::write(&lib, "// edited by hand").unwrap();
    let check = graphdoc(&["gen", SEEDS, "--out", out, "--check"]);
    assert_eq!(check.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&check.stderr).contains("src/lib.rs"),
        "{check:?}"
    );
    assert_eq!(
        std::fs::read_to_string(&lib).unwrap(),
        "// edited by hand",
        "--check never writes"
    );
}

#[test]
fn lint_checks_examples_against_the_merged_model() {
    let out = graphdoc(&["lint", SEEDS, "--format", "json"]);
    let diagnostics: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let has = |file: &str, line: u64, code: &str| {
        diagnostics.iter().any(|d| {
            d["file"].as_str().unwrap().ends_with(file) && d["line"] == line && d["code"] == code
        })
    };
    // Seed 001 wraps its entity in `value` (a warning at the key); seed 002
    // gives an Int32 the placeholder "Integer" (a note); the merge's findings too.
    assert!(
        has("001_e52056b69a4247d3.txt", 74, "GD0208"),
        "{diagnostics:#?}"
    );
    assert!(
        has("002_5bbb588fb2260839.txt", 103, "GD0200"),
        "{diagnostics:#?}"
    );
    assert!(
        has("001_e52056b69a4247d3.txt", 44, "GD0303"),
        "{diagnostics:#?}"
    );
    assert_eq!(out.status.code(), Some(0), "no errors");
    assert_eq!(
        graphdoc(&["lint", SEEDS, "--deny", "warnings"])
            .status
            .code(),
        Some(1)
    );

    let human = stdout(&graphdoc(&["lint", SEEDS]));
    let at = human
        .find("001_e52056b69a4247d3.txt:74:3: warning[GD0208]")
        .unwrap_or_else(|| panic!("{human}"));
    let quoted: Vec<&str> = human[at..].lines().take(4).collect();
    assert_eq!(quoted[2], "74 |   \"value\": {", "{quoted:#?}");
    assert_eq!(quoted[3], "   |   ^", "{quoted:#?}");
}

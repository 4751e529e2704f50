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
        "---\ndoc_type: apiPageType\n---\n# Get thing\n\n## Examples\n<!-- {\n  \"blockType\": \"request\"\n  \"name\": \"x\"\n} -->\n```http\nGET https://graph.microsoft.com/v1.0/things\n```\n",
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
        has("002_5bbb588fb2260839.txt", 79, "GD0200"),
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

/// A page with a TODO placeholder (GD0106, a note) and an unterminated
/// annotation string (GD0101, a warning).
fn page_with_findings(dir: &Path, name: &str) -> std::path::PathBuf {
    let page = dir.join(name);
    std::fs::write(
        &page,
        "---\ndoc_type: conceptualPageType\n---\n# A page\n\nTODO: write it.\n\n<!-- { \"blockType\": \"ignored\n} -->\n```http\nGET /x\n```\n",
    )
    .unwrap();
    page
}

fn json_findings(out: &Output) -> Vec<(String, u32, u32, String, String, String)> {
    stdout(out)
        .lines()
        .map(|l| {
            let d: serde_json::Value = serde_json::from_str(l).unwrap();
            (
                d["file"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap() as u32,
                d["column"].as_u64().unwrap() as u32,
                d["severity"].as_str().unwrap().to_string(),
                d["code"].as_str().unwrap().to_string(),
                d["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn levels_per_code_in_the_order_given_and_from_graphdoc_toml() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    std::fs::create_dir_all(&docs).unwrap();
    let page = page_with_findings(&docs, "p.md");
    let p = page.to_str().unwrap();
    let codes = |out: &Output| -> Vec<(String, String)> {
        json_findings(out)
            .into_iter()
            .map(|(_, _, _, severity, code, _)| (code, severity))
            .collect()
    };
    let out = graphdoc(&["lint", p, "--format", "json"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        codes(&out),
        [
            ("GD0106".into(), "info".into()),
            ("GD0101".into(), "warning".into())
        ]
    );
    let out = graphdoc(&[
        "lint", p, "--format", "json", "-A", "gd0106", "-D", "GD0101",
    ]);
    assert_eq!(out.status.code(), Some(1), "a denied code fails the run");
    assert_eq!(codes(&out), [("GD0101".into(), "error".into())]);
    // A later flag wins; `warnings` names every warning, not notes.
    let out = graphdoc(&[
        "lint", p, "--format", "json", "-D", "warnings", "-A", "GD0101",
    ]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(codes(&out), [("GD0106".into(), "info".into())]);
    let out = graphdoc(&[
        "lint", p, "--format", "json", "-A", "GD0101", "-D", "warnings",
    ]);
    assert_eq!(
        codes(&out),
        [("GD0106".into(), "info".into())],
        "allowed stays allowed"
    );
    // The repository's graphdoc.toml, found above the input; flags override it.
    std::fs::write(
        dir.path().join("graphdoc.toml"),
        "[lints]\nGD0106 = \"deny\"\nGD0108 = \"warn\"\n",
    )
    .unwrap();
    let out = graphdoc(&["lint", docs.to_str().unwrap(), "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        codes(&out).contains(&("GD0106".into(), "error".into())),
        "{out:?}"
    );
    let out = graphdoc(&["lint", p, "--format", "json", "-W", "GD0106"]);
    assert!(
        codes(&out).contains(&("GD0106".into(), "info".into())),
        "{out:?}"
    );
    // A bad configuration is a usage failure naming the file.
    std::fs::write(
        dir.path().join("graphdoc.toml"),
        "[lints]\nGD0106 = \"loud\"\n",
    )
    .unwrap();
    let out = graphdoc(&["lint", p]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("graphdoc.toml") && err.contains("allow, warn or deny"),
        "{err}"
    );
    assert_eq!(
        graphdoc(&["lint", p, "-D", "GD9999"]).status.code(),
        Some(2)
    );
}

#[test]
fn explain_says_what_why_and_how_to_fix() {
    let out = graphdoc(&["lint", "--explain", "gd0203"]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert!(text.starts_with("GD0203: "), "{text}");
    assert!(
        text.contains("Why it matters: ") && text.contains("How to fix it: "),
        "{text}"
    );
    assert!(text.contains("Default level: warn"), "{text}");
    assert_eq!(
        graphdoc(&["lint", "--explain", "GD9999"]).status.code(),
        Some(2)
    );
}

#[test]
fn sarif_and_github_carry_exactly_the_json_findings() {
    let json = json_findings(&graphdoc(&[
        "lint", SEEDS, "--format", "json", "-W", "GD0108",
    ]));
    assert!(json.len() > 5, "{json:?}");
    let sarif = graphdoc(&["lint", SEEDS, "--format", "sarif", "-W", "GD0108"]);
    let log: serde_json::Value = serde_json::from_slice(&sarif.stdout).unwrap();
    assert_eq!(log["version"], "2.1.0");
    let run = &log["runs"][0];
    let rules: Vec<&str> = run["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    let level = |s: &str| match s {
        "note" => "info".to_string(),
        other => other.to_string(),
    };
    let from_sarif: Vec<_> = run["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let loc = &r["locations"][0]["physicalLocation"];
            let code = r["ruleId"].as_str().unwrap().to_string();
            assert_eq!(rules[r["ruleIndex"].as_u64().unwrap() as usize], code);
            (
                loc["artifactLocation"]["uri"].as_str().unwrap().to_string(),
                loc["region"]["startLine"].as_u64().unwrap_or(0) as u32,
                loc["region"]["startColumn"].as_u64().unwrap_or(0) as u32,
                level(r["level"].as_str().unwrap()),
                code,
                r["message"]["text"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let strip = |f: &str| f.trim_start_matches("./").to_string();
    let json_stripped: Vec<_> = json
        .iter()
        .map(|(f, l, c, s, code, m)| (strip(f), *l, *c, s.clone(), code.clone(), m.clone()))
        .collect();
    assert_eq!(from_sarif, json_stripped);

    let github = stdout(&graphdoc(&[
        "lint", SEEDS, "--format", "github", "-W", "GD0108",
    ]));
    let lines: Vec<&str> = github.lines().collect();
    assert_eq!(lines.len(), json.len());
    for (line, (file, l, c, severity, code, _)) in lines.iter().zip(&json) {
        let command = match severity.as_str() {
            "info" => "notice",
            other => other,
        };
        let mut expected = format!(
            "::{command} file={}",
            file.replace(':', "%3A").replace(',', "%2C")
        );
        if *l > 0 {
            expected.push_str(&format!(",line={l}"));
        }
        if *c > 0 {
            expected.push_str(&format!(",col={c}"));
        }
        expected.push_str(&format!(",title={code}::"));
        assert!(line.starts_with(&expected), "{line} / {expected}");
    }
}

fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args([
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@t",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .output()
        .expect("git runs");
    assert!(out.status.success(), "git {args:?}: {out:?}");
}

#[test]
fn changed_since_and_only_show_the_changed_pages() {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path();
    let docs = repo.join("docs");
    std::fs::create_dir_all(&docs).unwrap();
    page_with_findings(&docs, "a.md");
    page_with_findings(&docs, "b.md");
    git(repo, &["init", "-q"]);
    git(repo, &["add", "."]);
    git(repo, &["commit", "-q", "-m", "docs"]);
    let d = docs.to_str().unwrap();
    let files = |out: &Output| -> Vec<String> {
        let mut f: Vec<String> = json_findings(out)
            .into_iter()
            .map(|(file, ..)| {
                Path::new(&file)
                    .file_name()
                    .unwrap()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        f.dedup();
        f
    };
    assert_eq!(
        files(&graphdoc(&["lint", d, "--format", "json"])),
        ["a.md", "b.md"]
    );
    // Nothing changed yet.
    let out = graphdoc(&["lint", d, "--format", "json", "--changed-since", "HEAD"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(files(&out).is_empty(), "{out:?}");
    // A change to b.md, and a new page c.md.
    let b = docs.join("b.md");
    std::fs::write(&b, std::fs::read_to_string(&b).unwrap() + "\nTODO: more.\n").unwrap();
    page_with_findings(&docs, "c.md");
    let out = graphdoc(&["lint", d, "--format", "json", "--changed-since", "HEAD"]);
    assert_eq!(files(&out), ["b.md", "c.md"], "{out:?}");
    let out = graphdoc(&["lint", d, "--format", "json", "--only", b.to_str().unwrap()]);
    assert_eq!(files(&out), ["b.md"]);
    // Outside a repository: a clear failure.
    let outside = tempfile::tempdir().unwrap();
    page_with_findings(outside.path(), "x.md");
    let out = graphdoc(&[
        "lint",
        outside.path().to_str().unwrap(),
        "--changed-since",
        "HEAD",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("git"),
        "{out:?}"
    );
}

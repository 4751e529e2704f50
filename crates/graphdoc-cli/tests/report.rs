//! `graphdoc report` on the seed pages: the page's structure, its
//! determinism, no URL of anywhere else, and the trend against an earlier run.

use std::path::Path;
use std::process::{Command, Output};

fn graphdoc(dir: &Path, args: &[&str]) -> Output {
    let out = Command::new(env!("CARGO_BIN_EXE_graphdoc"))
        .current_dir(dir)
        .args(args)
        .args(graphdoc_testkit::seed_files())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "graphdoc {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

#[test]
fn the_seed_report_has_every_section_and_no_urls_and_is_deterministic() {
    let dir = tempfile::tempdir().unwrap();
    graphdoc(
        dir.path(),
        &[
            "report",
            "-o",
            "a/report.html",
            "--json",
            "a.json",
            "--no-timestamp",
        ],
    );
    graphdoc(
        dir.path(),
        &["report", "-o", "b/report.html", "--no-timestamp"],
    );
    let a = std::fs::read_to_string(dir.path().join("a/report.html")).unwrap();
    let b = std::fs::read_to_string(dir.path().join("b/report.html")).unwrap();
    assert_eq!(a, b, "the same input gives the same bytes");
    graphdoc_testkit::assert_no_external_urls(&a);
    for id in [
        "summary",
        "workloads",
        "codes",
        "examples",
        "top-pages",
        "findings",
        "workload-table",
        "code-table",
        "findings-table",
    ] {
        assert!(a.contains(&format!("id=\"{id}\"")), "no #{id}");
    }
    assert!(!a.contains("id=\"trend\""), "no trend without --compare");
    assert!(
        a.matches("<svg role=\"img\" class=\"chart\"").count() >= 3,
        "charts"
    );

    // The data: every finding lint shows is a row, every workload a row.
    let data: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("a.json")).unwrap()).unwrap();
    let lint = Command::new(env!("CARGO_BIN_EXE_graphdoc"))
        .current_dir(dir.path())
        .args(["lint", "--format", "json"])
        .args(graphdoc_testkit::seed_files())
        .output()
        .unwrap();
    let lint = String::from_utf8(lint.stdout).unwrap();
    let lines = lint.lines().filter(|l| l.starts_with('{')).count();
    assert_eq!(data["findings"].as_array().unwrap().len(), lines);
    assert_eq!(a.matches("<tr class=\"finding\"").count(), lines);
    let pages = data["summary"]["pages"].as_u64().unwrap() as usize;
    assert_eq!(pages, graphdoc_testkit::seed_files().len());
    let workloads = data["workloads"].as_array().unwrap();
    assert_eq!(
        workloads
            .iter()
            .map(|w| w["pages"].as_u64().unwrap() as usize)
            .sum::<usize>(),
        pages
    );
    for w in workloads {
        let name = w["name"].as_str().unwrap();
        assert!(
            a.contains(&format!("<tr data-workload=\"{name}\">")),
            "{name}"
        );
    }
    let examples = &data["summary"]["examples"];
    assert!(examples["passing"].as_u64().unwrap() > 0, "{examples}");

    // A timestamp only when asked for.
    graphdoc(dir.path(), &["report", "-o", "c.html"]);
    let c = std::fs::read_to_string(dir.path().join("c.html")).unwrap();
    assert!(c.contains(", generated 2"), "a timestamp by default");
    assert!(!a.contains(", generated "));
}

#[test]
fn links_go_to_the_files_or_into_a_repository_browser() {
    let dir = tempfile::tempdir().unwrap();
    graphdoc(
        dir.path(),
        &["report", "-o", "out/deep/r.html", "--no-timestamp"],
    );
    let local = std::fs::read_to_string(dir.path().join("out/deep/r.html")).unwrap();
    // Seeds are passed by absolute path: links are absolute paths on disk.
    let hrefs = graphdoc_testkit::attribute_values(&local, "href");
    assert!(
        hrefs
            .iter()
            .any(|h| h.starts_with('/') && h.contains("seeds/")),
        "{hrefs:?}"
    );
    graphdoc(
        dir.path(),
        &[
            "report",
            "-o",
            "r.html",
            "--no-timestamp",
            "--link-base",
            "https://example.com/docs/blob/main/",
        ],
    );
    let linked = std::fs::read_to_string(dir.path().join("r.html")).unwrap();
    assert!(
        graphdoc_testkit::attribute_values(&linked, "href")
            .iter()
            .any(|h| h.starts_with("https://example.com/docs/blob/main/") && h.contains("#L")),
        "links into the browser"
    );
}

#[test]
fn compare_shows_deltas_per_workload_and_code() {
    let dir = tempfile::tempdir().unwrap();
    graphdoc(
        dir.path(),
        &["report", "--json", "before.json", "--no-timestamp"],
    );
    // An earlier run with fewer findings of the first code and one workload more.
    let mut before: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("before.json")).unwrap())
            .unwrap();
    let first_code = before["codes"][0]["code"].as_str().unwrap().to_owned();
    let count = before["codes"][0]["count"].as_u64().unwrap();
    before["codes"][0]["count"] = (count + 3).into();
    let mut gone = before["workloads"][0].clone();
    gone["name"] = "retired-workload".into();
    before["workloads"].as_array_mut().unwrap().push(gone);
    std::fs::write(
        dir.path().join("before.json"),
        serde_json::to_string(&before).unwrap(),
    )
    .unwrap();
    graphdoc(
        dir.path(),
        &[
            "report",
            "-o",
            "r.html",
            "--no-timestamp",
            "--compare",
            "before.json",
        ],
    );
    let html = std::fs::read_to_string(dir.path().join("r.html")).unwrap();
    assert!(html.contains("id=\"trend\""));
    let row = html
        .split("<tr data-code=\"")
        .filter(|r| r.starts_with(&format!("{first_code}\"><td><code>")))
        .last()
        .expect("the code's trend row");
    assert!(row.contains(">-3</span>"), "{row}");
    assert!(html.contains("<tr data-workload=\"retired-workload\"><td>retired-workload</td>"));

    // Not report data: a clear error naming the file and line.
    std::fs::write(
        dir.path().join("bad.json"),
        "{\n  \"format\": 1,\n  nope\n}",
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_graphdoc"))
        .current_dir(dir.path())
        .args(["report", "--compare", "bad.json", "-o", "x.html"])
        .args(graphdoc_testkit::seed_files())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bad.json:3:"), "{err}");
}

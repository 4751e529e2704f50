//! `graphdoc report` on the whole v1.0 tree, with the service metadata: every
//! workload (front-matter `ms.prod`) is in the page, the counts equal
//! `graphdoc lint --format json`'s, and no `src` or `href` points anywhere else.
//!
//! Needs the real docs tree and metadata (skips with a message when absent,
//! fails under CI). Costs two runs of the debug binary over the tree (about
//! 10 s on 2 cores).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Command;
use std::time::Instant;

#[test]
fn the_v1_report_shows_every_workload_and_lints_counts() {
    let Some(v1) = graphdoc_testkit::corpus_v1_dir("corpus report") else {
        return;
    };
    let Some(metadata) = graphdoc_testkit::metadata_file("corpus report") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let html_path = dir.path().join("report.html");
    let json_path = dir.path().join("report.json");
    let started = Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_graphdoc"))
        .arg("report")
        .arg(&v1)
        .arg("--metadata")
        .arg(&metadata)
        .arg("-o")
        .arg(&html_path)
        .arg("--json")
        .arg(&json_path)
        .arg("--no-timestamp")
        .output()
        .unwrap();
    let report_in = started.elapsed();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let started = Instant::now();
    let lint = Command::new(env!("CARGO_BIN_EXE_graphdoc"))
        .arg("lint")
        .arg(&v1)
        .args(["--format", "json"])
        .output()
        .unwrap();
    let lint_in = started.elapsed();
    println!(
        "report {report_in:.1?}, lint {lint_in:.1?} (debug build; the bench measures the ratio)"
    );
    let html = std::fs::read_to_string(&html_path).unwrap();
    let data: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json_path).unwrap()).unwrap();

    // No URL of anywhere else.
    graphdoc_testkit::assert_no_external_urls(&html);

    // Counts equal lint's: in all, per code, per severity, per page.
    let mut lint_by: BTreeMap<(String, String, String), usize> = BTreeMap::new();
    let mut lint_total = 0;
    for line in String::from_utf8(lint.stdout).unwrap().lines() {
        let d: serde_json::Value = serde_json::from_str(line).unwrap();
        let key = |k: &str| d[k].as_str().unwrap().to_owned();
        *lint_by
            .entry((key("file"), key("code"), key("severity")))
            .or_default() += 1;
        lint_total += 1;
    }
    let findings = data["findings"].as_array().unwrap();
    let mut report_by: BTreeMap<(String, String, String), usize> = BTreeMap::new();
    for f in findings {
        let key = |k: &str| f[k].as_str().unwrap().to_owned();
        *report_by
            .entry((key("file"), key("code"), key("severity")))
            .or_default() += 1;
    }
    assert!(lint_total > 500, "the tree has findings: {lint_total}");
    assert_eq!(findings.len(), lint_total);
    assert_eq!(report_by, lint_by);
    assert_eq!(html.matches("<tr class=\"finding\"").count(), lint_total);
    let s = &data["summary"];
    let by_severity =
        ["error", "warning", "info"].map(|k| s["findings"][k].as_u64().unwrap() as usize);
    assert_eq!(by_severity.iter().sum::<usize>(), lint_total);
    let mut per_code: BTreeMap<String, usize> = BTreeMap::new();
    for ((_, code, _), n) in &lint_by {
        *per_code.entry(code.clone()).or_default() += n;
    }
    let codes: BTreeMap<String, usize> = data["codes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["code"].as_str().unwrap().to_owned(),
                c["count"].as_u64().unwrap() as usize,
            )
        })
        .collect();
    assert_eq!(codes, per_code);

    // Every workload of the pages is a row of the table, and their pages add up.
    let workloads = front_matter_workloads(&v1);
    let rows = data["workloads"].as_array().unwrap();
    let names: BTreeSet<&str> = rows.iter().map(|w| w["name"].as_str().unwrap()).collect();
    for w in &workloads {
        assert!(
            names.contains(w.as_str()),
            "workload {w} missing: {names:?}"
        );
        assert!(
            html.contains(&format!("<tr data-workload=\"{w}\">")),
            "no row for {w}"
        );
    }
    let pages = s["pages"].as_u64().unwrap();
    assert_eq!(
        rows.iter()
            .map(|w| w["pages"].as_u64().unwrap())
            .sum::<u64>(),
        pages
    );
    assert!(pages >= 3_000, "{pages}");

    // Examples and fidelity as the other commands give them.
    let ex = &s["examples"];
    assert_eq!(
        ex["failing"], 0,
        "no generator gaps (corpus_examples holds the same)"
    );
    assert!(ex["passing"].as_u64().unwrap() > 2_000, "{ex}");
    let f = &s["fidelity"];
    assert!(f["types_found"]["percent"].as_f64().unwrap() > 80.0, "{f}");
    assert!(html.contains("id=\"fidelity\""));
}

/// The `ms.prod` values of the pages' front matter, read here without the parser.
fn front_matter_workloads(dir: &Path) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for entry in walk(dir) {
        let text = std::fs::read_to_string(&entry).unwrap_or_default();
        let mut lines = text.lines();
        if lines.next().map(str::trim) != Some("---") {
            continue;
        }
        for line in lines.take_while(|l| l.trim() != "---") {
            if let Some(v) = line.trim().strip_prefix("ms.prod:") {
                let v = v.trim().trim_matches(['"', '\'']).trim();
                if !v.is_empty() && !v.to_ascii_lowercase().contains("todo") {
                    out.insert(v.to_owned());
                }
            }
        }
    }
    out
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else if p.extension().is_some_and(|e| e == "md") {
            out.push(p);
        }
    }
    out
}

//! [`ReportData`]: what the page shows, serializable (the JSON of
//! `graphdoc report --json`), built from what graphdoc knows about a tree.

use std::collections::{BTreeMap, BTreeSet};

use graphdoc_csdl::Fidelity;
use graphdoc_ir::{Code, Diagnostic, Severity};
use serde::{Deserialize, Serialize};

use crate::ReportError;

/// The version of the data format; `--compare` reads only its own.
pub const FORMAT: u32 = 1;

/// The group of pages without a workload (no or an empty `ms.prod`).
pub const NO_WORKLOAD: &str = "(none)";

/// How many pages "Top pages to fix first" lists.
pub const TOP_PAGES: usize = 25;

/// One page of the tree.
#[derive(Debug, Clone)]
pub struct PageInput {
    /// As diagnostics name it.
    pub path: String,
    /// Front-matter `ms.prod`.
    pub workload: Option<String>,
}

/// One example and its test's outcome.
#[derive(Debug, Clone)]
pub struct ExampleInput {
    pub id: String,
    /// Where it is documented (its request, else its response).
    pub file: String,
    pub line: u32,
    pub status: ExampleStatus,
    /// Why it is ignored or failing.
    pub reason: Option<String>,
}

/// What an example's generated test is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ExampleStatus {
    /// It runs and passes: the request builds, the bodies round-trip.
    Passing,
    /// Ignored for a docs defect the lint found, with its reason.
    Ignored,
    /// The generator could not make it a test (a graphdoc gap).
    Failing,
}

/// Everything the report is made from.
pub struct Input<'a> {
    /// What the report is about: the inputs as given.
    pub title: String,
    pub pages: Vec<PageInput>,
    pub types: usize,
    pub operations: usize,
    /// The findings shown at the levels in force, with the severity shown.
    pub findings: &'a [Diagnostic],
    /// The text of a line of a page (1-based), for quoting.
    pub source_line: &'a dyn Fn(&str, u32) -> Option<String>,
    pub examples: Vec<ExampleInput>,
    /// With the service metadata: the whole figures and those per
    /// workload (`None`: documented in no workload, or not documented).
    pub fidelity: Option<(Fidelity, BTreeMap<Option<String>, Fidelity>)>,
    /// An optional timestamp (RFC 3339), the only part that varies between runs.
    pub generated_at: Option<String>,
}

/// The data behind the page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportData {
    pub format: u32,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub generated_at: Option<String>,
    pub summary: Summary,
    /// By workload name; [`NO_WORKLOAD`] last.
    pub workloads: Vec<WorkloadRow>,
    /// Every code with a finding shown, most findings first.
    pub codes: Vec<CodeRow>,
    /// Ignored examples by kind of reason, most first.
    pub ignore_reasons: Vec<ReasonRow>,
    /// The pages with the most findings shown, most first.
    pub top_pages: Vec<PageRow>,
    /// Every finding shown, in lint order.
    pub findings: Vec<FindingRow>,
}

/// Counts of example outcomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ExampleCounts {
    pub passing: usize,
    pub ignored: usize,
    pub failing: usize,
}

impl ExampleCounts {
    pub fn total(&self) -> usize {
        self.passing + self.ignored + self.failing
    }

    /// Passing of all, in percent (100 with no examples).
    pub fn pass_rate(&self) -> f64 {
        percent(self.passing, self.total())
    }

    fn add(&mut self, status: ExampleStatus) {
        match status {
            ExampleStatus::Passing => self.passing += 1,
            ExampleStatus::Ignored => self.ignored += 1,
            ExampleStatus::Failing => self.failing += 1,
        }
    }
}

/// Counts of findings by the severity they are shown with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SeverityCounts {
    pub error: usize,
    pub warning: usize,
    pub info: usize,
}

impl SeverityCounts {
    pub fn total(&self) -> usize {
        self.error + self.warning + self.info
    }

    fn add(&mut self, severity: Severity) {
        match severity {
            Severity::Error => self.error += 1,
            Severity::Warning => self.warning += 1,
            Severity::Info => self.info += 1,
        }
    }
}

/// The page's first section.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    pub pages: usize,
    pub types: usize,
    pub operations: usize,
    pub examples: ExampleCounts,
    pub findings: SeverityCounts,
    /// With the service metadata: what `graphdoc diff-metadata` prints.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fidelity: Option<Fidelity>,
}

/// One workload's row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WorkloadRow {
    pub name: String,
    pub pages: usize,
    pub findings: SeverityCounts,
    /// Findings shown per 100 pages.
    pub findings_per_100_pages: f64,
    pub examples: ExampleCounts,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fidelity: Option<Fidelity>,
}

/// One code's row, with its explanation (the text of `lint --explain`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CodeRow {
    pub code: Code,
    pub count: usize,
    /// Pages with a finding of the code.
    pub pages: usize,
    pub what: String,
    pub why: String,
    pub fix: String,
    pub default_level: String,
}

/// One kind of ignore reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReasonRow {
    pub reason: String,
    pub count: usize,
}

/// A page to fix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageRow {
    pub path: String,
    pub workload: String,
    pub findings: usize,
    /// The first finding's line.
    pub line: u32,
    /// Its codes, with counts, most first.
    pub codes: Vec<(Code, usize)>,
}

/// One finding, with the source line it is on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FindingRow {
    pub file: String,
    pub line: u32,
    pub column: u32,
    pub severity: Severity,
    pub code: Code,
    pub workload: String,
    pub message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

fn percent(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        100.0
    } else {
        part as f64 * 100.0 / whole as f64
    }
}

/// Rounds to 2 decimals, so the JSON says what the page shows.
fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// The kind of an ignore reason, so reasons group: quoted names and
/// values (`` `...` ``, `"..."`) and type names become `…`; JSON paths
/// (`$.a.b`), parenthesized details and an explanation after the verdict
/// (`is not ...: why`) go.
pub fn reason_kind(reason: &str) -> String {
    let mut out = String::with_capacity(reason.len());
    let mut quote: Option<char> = None;
    let mut depth = 0usize;
    for c in reason.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '`' | '"') => {
                quote = Some(c);
                out.push('…');
            }
            (None, '(') => depth += 1,
            (None, ')') => depth = depth.saturating_sub(1),
            (None, _) if depth > 0 => {}
            (None, c) => out.push(c),
        }
    }
    let mut words: Vec<&str> = Vec::new();
    for w in out.split_whitespace().filter(|w| !w.starts_with('$')) {
        let verdict_given = words.contains(&"not");
        let (w, last) = match w.strip_suffix(':') {
            Some(before) if verdict_given => (before, true),
            _ => (w, false),
        };
        words.push(if w.starts_with("microsoft.graph.") {
            "…"
        } else {
            w
        });
        if last {
            break;
        }
    }
    let kind = words.join(" ");
    let kind = kind.trim_end_matches([',', ';', '.', ':', ' ']);
    let kind = kind.replace(" :", ":");
    if kind.is_empty() {
        reason.trim().chars().take(100).collect()
    } else {
        kind.chars().take(100).collect()
    }
}

impl ReportData {
    /// The data of a report: counts, rows and findings, all sorted.
    pub fn build(input: Input<'_>) -> Self {
        let workload_of: BTreeMap<&str, &str> = input
            .pages
            .iter()
            .map(|p| {
                (
                    p.path.as_str(),
                    p.workload.as_deref().unwrap_or(NO_WORKLOAD),
                )
            })
            .collect();
        let workload = |file: &str| workload_of.get(file).copied().unwrap_or(NO_WORKLOAD);

        // Counted per workload name, then assembled into rows.
        let mut pages: BTreeMap<String, usize> = BTreeMap::new();
        let mut findings_by: BTreeMap<String, SeverityCounts> = BTreeMap::new();
        let mut examples_by: BTreeMap<String, ExampleCounts> = BTreeMap::new();
        for page in &input.pages {
            *pages.entry(workload(&page.path).to_owned()).or_default() += 1;
        }
        let mut summary_findings = SeverityCounts::default();
        let mut by_code: BTreeMap<Code, (usize, BTreeSet<&str>)> = BTreeMap::new();
        let mut by_page: BTreeMap<&str, (usize, u32, BTreeMap<Code, usize>)> = BTreeMap::new();
        let mut findings = Vec::with_capacity(input.findings.len());
        for d in input.findings {
            let w = workload(&d.file);
            summary_findings.add(d.severity);
            findings_by.entry(w.to_owned()).or_default().add(d.severity);
            let code = by_code.entry(d.code).or_default();
            code.0 += 1;
            code.1.insert(d.file.as_str());
            let page = by_page
                .entry(d.file.as_str())
                .or_insert((0, u32::MAX, BTreeMap::new()));
            page.0 += 1;
            if d.line > 0 {
                page.1 = page.1.min(d.line);
            }
            *page.2.entry(d.code).or_default() += 1;
            findings.push(FindingRow {
                file: d.file.clone(),
                line: d.line,
                column: d.column,
                severity: d.severity,
                code: d.code,
                workload: w.to_owned(),
                message: d.message.clone(),
                source: (d.line > 0)
                    .then(|| (input.source_line)(&d.file, d.line))
                    .flatten(),
            });
        }
        let mut summary_examples = ExampleCounts::default();
        let mut reasons: BTreeMap<String, usize> = BTreeMap::new();
        for ex in &input.examples {
            summary_examples.add(ex.status);
            examples_by
                .entry(workload(&ex.file).to_owned())
                .or_default()
                .add(ex.status);
            if ex.status != ExampleStatus::Passing {
                let reason = ex.reason.as_deref().unwrap_or("no reason given");
                *reasons.entry(reason_kind(reason)).or_default() += 1;
            }
        }

        let names: BTreeSet<&String> = pages
            .keys()
            .chain(findings_by.keys())
            .chain(examples_by.keys())
            .collect();
        let mut workloads: Vec<WorkloadRow> = names
            .into_iter()
            .map(|name| {
                let pages = pages.get(name).copied().unwrap_or(0);
                let findings = findings_by.get(name).copied().unwrap_or_default();
                let fidelity = input.fidelity.as_ref().and_then(|(_, by)| {
                    let key = (name != NO_WORKLOAD).then(|| name.clone());
                    by.get(&key).copied()
                });
                WorkloadRow {
                    name: name.clone(),
                    pages,
                    findings,
                    findings_per_100_pages: round2(percent(findings.total(), pages.max(1))),
                    examples: examples_by.get(name).copied().unwrap_or_default(),
                    fidelity,
                }
            })
            .collect();
        // The pages without a workload last.
        workloads.sort_by_key(|w| (w.name == NO_WORKLOAD, w.name.clone()));

        let mut codes: Vec<CodeRow> = by_code
            .into_iter()
            .map(|(code, (count, pages))| {
                let e = code.explain();
                CodeRow {
                    code,
                    count,
                    pages: pages.len(),
                    what: e.what.to_owned(),
                    why: e.why.to_owned(),
                    fix: e.fix.to_owned(),
                    default_level: code.default_level().to_string(),
                }
            })
            .collect();
        codes.sort_by(|a, b| b.count.cmp(&a.count).then(a.code.cmp(&b.code)));

        let mut ignore_reasons: Vec<ReasonRow> = reasons
            .into_iter()
            .map(|(reason, count)| ReasonRow { reason, count })
            .collect();
        ignore_reasons.sort_by(|a, b| b.count.cmp(&a.count).then(a.reason.cmp(&b.reason)));

        let mut top_pages: Vec<PageRow> = by_page
            .into_iter()
            .map(|(path, (count, line, codes))| {
                let mut codes: Vec<(Code, usize)> = codes.into_iter().collect();
                codes.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
                PageRow {
                    path: path.to_owned(),
                    workload: workload(path).to_owned(),
                    findings: count,
                    line: if line == u32::MAX { 1 } else { line },
                    codes,
                }
            })
            .collect();
        top_pages.sort_by(|a, b| b.findings.cmp(&a.findings).then(a.path.cmp(&b.path)));
        top_pages.truncate(TOP_PAGES);

        ReportData {
            format: FORMAT,
            title: input.title,
            generated_at: input.generated_at,
            summary: Summary {
                pages: input.pages.len(),
                types: input.types,
                operations: input.operations,
                examples: summary_examples,
                findings: summary_findings,
                fidelity: input.fidelity.as_ref().map(|(whole, _)| *whole),
            },
            workloads,
            codes,
            ignore_reasons,
            top_pages,
            findings,
        }
    }

    /// The JSON form (`graphdoc report --json`), pretty and stable.
    pub fn to_json(&self) -> String {
        let mut json = serde_json::to_string_pretty(self).expect("report data serializes");
        json.push('\n');
        json
    }

    /// Reads the JSON form back; `path` names it in errors.
    pub fn from_json(text: &str, path: &str) -> Result<Self, ReportError> {
        let bad = |e: serde_json::Error| ReportError::BadData {
            path: path.to_owned(),
            line: e.line(),
            column: e.column(),
            message: e.to_string(),
        };
        let value: serde_json::Value = serde_json::from_str(text).map_err(bad)?;
        let found = value.get("format").and_then(serde_json::Value::as_u64);
        if found != Some(u64::from(FORMAT)) {
            return Err(ReportError::Format {
                path: path.to_owned(),
                found: found.and_then(|f| u32::try_from(f).ok()).unwrap_or(0),
                expected: FORMAT,
            });
        }
        serde_json::from_str(text).map_err(bad)
    }
}

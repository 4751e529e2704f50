//! [`render`]: the report page, one self-contained HTML file.
//!
//! Everything is inline: the CSS, the charts (SVG), and a few lines of
//! script that sort the workload table by a column and filter the
//! findings. No `src` or `href` points anywhere else unless `--link-base`
//! asks for links into a repository browser. Every text from the docs
//! (paths, messages, source lines, workload names) is escaped.

use std::fmt::Write as _;

use graphdoc_csdl::{Fidelity, Ratio};

use crate::ReportError;
use crate::chart::{self, Bar};
use crate::compare::{Delta, Trend};
use crate::data::{ExampleCounts, ReportData, SeverityCounts};

/// How the page links to pages and what it compares with.
#[derive(Debug, Clone, Default)]
pub struct RenderOptions {
    /// Links to `{link_base}/{path}#L{line}` (a repository browser) instead
    /// of to the files on disk.
    pub link_base: Option<String>,
    /// Prepended to a relative page path for a link to the file on disk:
    /// the way from the report's directory to the one paths are relative to.
    pub page_prefix: String,
    /// The deltas against an earlier run, shown as a Trend section.
    pub trend: Option<Trend>,
}

/// Escapes text for HTML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Percent-encodes a path for a URL: everything but unreserved characters and `/`.
fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

impl RenderOptions {
    /// The link to a page's line.
    pub fn href(&self, path: &str, line: u32) -> String {
        let path = path.trim_start_matches("./");
        match &self.link_base {
            Some(base) => format!(
                "{}/{}#L{line}",
                base.trim_end_matches('/'),
                encode_path(path.trim_start_matches('/'))
            ),
            None if path.starts_with('/') => encode_path(path),
            None => format!("{}{}", self.page_prefix, encode_path(path)),
        }
    }
}

const STYLE: &str = r#"
:root { --fg: #1a202c; --muted: #4a5568; --line: #e2e8f0; --accent: #2b6cb0; --err: #c53030; --warn: #b7791f; --info: #2f855a; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); margin: 0; background: #f7fafc; }
header { background: #1a365d; color: #fff; padding: 18px 32px; }
header h1 { margin: 0; font-size: 22px; }
header p { margin: 4px 0 0; color: #cbd5e0; }
nav { padding: 8px 32px; background: #edf2f7; border-bottom: 1px solid var(--line); }
nav a { margin-right: 16px; color: var(--accent); text-decoration: none; }
main { padding: 0 32px 32px; max-width: 1280px; }
section { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 16px 20px; margin-top: 20px; }
h2 { margin: 0 0 12px; font-size: 18px; }
.cards { display: flex; flex-wrap: wrap; gap: 12px; }
.card { border: 1px solid var(--line); border-radius: 6px; padding: 10px 14px; min-width: 150px; }
.card .n { font-size: 24px; font-weight: 600; }
.card .l { color: var(--muted); font-size: 12px; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: #f7fafc; position: sticky; top: 0; }
th.sortable { cursor: pointer; user-select: none; }
th.sortable::after { content: " \2195"; color: #a0aec0; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.error { color: var(--err); font-weight: 600; }
.warning { color: var(--warn); font-weight: 600; }
.info { color: var(--info); font-weight: 600; }
.up { color: var(--err); } .down { color: var(--info); }
code, pre { font: 12px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
pre.src { margin: 2px 0 0; padding: 2px 6px; background: #f7fafc; border-left: 3px solid var(--line); white-space: pre-wrap; word-break: break-all; }
details summary { cursor: pointer; color: var(--accent); }
.charts { display: flex; flex-wrap: wrap; gap: 16px; margin-top: 12px; }
svg.chart { max-width: 100%; height: auto; border: 1px solid var(--line); }
.filters { display: flex; gap: 12px; margin-bottom: 8px; align-items: center; }
.muted { color: var(--muted); }
"#;

const SCRIPT: &str = r##"
document.querySelectorAll("table.sortable").forEach(function (table) {
  table.querySelectorAll("th.sortable").forEach(function (th, col) {
    th.addEventListener("click", function () {
      var body = table.tBodies[0], rows = Array.from(body.rows);
      var desc = th.dataset.dir !== "desc"; th.dataset.dir = desc ? "desc" : "asc";
      rows.sort(function (a, b) {
        var x = a.cells[col].dataset.v, y = b.cells[col].dataset.v;
        var c = (isNaN(x) || isNaN(y)) ? String(x).localeCompare(String(y)) : x - y;
        return desc ? -c : c;
      });
      rows.forEach(function (r) { body.appendChild(r); });
    });
  });
});
function filterFindings() {
  var f = {}; document.querySelectorAll("select.filter").forEach(function (s) { f[s.name] = s.value; });
  var shown = 0;
  document.querySelectorAll("#findings-table tbody tr").forEach(function (r) {
    var ok = Object.keys(f).every(function (k) { return !f[k] || r.dataset[k] === f[k]; });
    r.hidden = !ok; if (ok) shown++;
  });
  document.getElementById("findings-shown").textContent = shown;
}
document.querySelectorAll("select.filter").forEach(function (s) { s.addEventListener("change", filterFindings); });
"##;

/// The page.
pub fn render(data: &ReportData, options: &RenderOptions) -> Result<String, ReportError> {
    let mut h = String::with_capacity(256 * 1024 + data.findings.len() * 400);
    let title = format!("Docs health: {}", data.title);
    let _ = writeln!(
        h,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>",
        escape(&title)
    );
    let _ = writeln!(
        h,
        "<header><h1>{}</h1><p>graphdoc docs-health report{}</p></header>",
        escape(&title),
        data.generated_at
            .as_deref()
            .map(|t| format!(", generated {}", escape(t)))
            .unwrap_or_default()
    );
    h.push_str(
        "<nav><a href=\"#summary\">Summary</a><a href=\"#workloads\">By workload</a>\
         <a href=\"#codes\">By code</a><a href=\"#examples\">Examples</a>\
         <a href=\"#top-pages\">Top pages</a><a href=\"#findings\">Findings</a>",
    );
    if options.trend.is_some() {
        h.push_str("<a href=\"#trend\">Trend</a>");
    }
    h.push_str("</nav>\n<main>\n");
    summary(&mut h, data);
    workloads(&mut h, data)?;
    codes(&mut h, data)?;
    examples(&mut h, data);
    top_pages(&mut h, data, options);
    findings(&mut h, data, options);
    if let Some(trend) = &options.trend {
        trend_section(&mut h, trend);
    }
    let _ = writeln!(h, "</main>\n<script>{SCRIPT}</script>\n</body>\n</html>");
    Ok(h)
}

fn card(h: &mut String, id: &str, n: impl std::fmt::Display, label: &str) {
    let _ = write!(
        h,
        "<div class=\"card\" id=\"{id}\"><div class=\"n\">{n}</div><div class=\"l\">{}</div></div>",
        escape(label)
    );
}

fn summary(h: &mut String, data: &ReportData) {
    let s = &data.summary;
    h.push_str("<section id=\"summary\"><h2>Summary</h2><div class=\"cards\">");
    card(h, "sum-pages", s.pages, "pages");
    card(h, "sum-types", s.types, "types");
    card(h, "sum-operations", s.operations, "operations");
    card(h, "sum-examples", s.examples.total(), "examples");
    card(
        h,
        "sum-passing",
        s.examples.passing,
        "examples passing as tests",
    );
    card(
        h,
        "sum-ignored",
        s.examples.ignored,
        "examples ignored (docs defects)",
    );
    card(
        h,
        "sum-failing",
        s.examples.failing,
        "examples failing (graphdoc gaps)",
    );
    card(h, "sum-findings", s.findings.total(), "findings shown");
    card(h, "sum-errors", s.findings.error, "errors");
    card(h, "sum-warnings", s.findings.warning, "warnings");
    card(h, "sum-notes", s.findings.info, "notes");
    h.push_str("</div>\n");
    if let Some(f) = &s.fidelity {
        h.push_str(
            "<h3>Fidelity to the service metadata</h3>\
             <p class=\"muted\">What <code>graphdoc diff-metadata</code> prints: how much of the \
             service's metadata the docs describe, and how much of what they describe it has.</p>\
             <table id=\"fidelity\"><thead><tr><th>figure</th><th class=\"num\">percent</th>\
             <th class=\"num\">found</th><th class=\"num\">of</th></tr></thead><tbody>",
        );
        for (name, r) in fidelity_rows(f) {
            let _ = write!(
                h,
                "<tr><td>{name}</td><td class=\"num\">{:.2}%</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
                r.percent, r.found, r.total
            );
        }
        h.push_str("</tbody></table>\n");
    }
    h.push_str("</section>\n");
}

fn fidelity_rows(f: &Fidelity) -> [(&'static str, Ratio); 7] {
    [
        ("types found", f.types_found),
        ("property recall", f.property_recall),
        ("property precision", f.property_precision),
        ("property type agreement", f.property_type_agreement),
        ("enum member recall", f.enum_member_recall),
        ("bound operations found", f.operations_found),
        (
            "bound operations found on the types found",
            f.operations_found_on_found_types,
        ),
    ]
}

fn num_cell(h: &mut String, v: impl std::fmt::Display, sort: f64) {
    let _ = write!(h, "<td class=\"num\" data-v=\"{sort}\">{v}</td>");
}

fn rate(examples: &ExampleCounts) -> String {
    if examples.total() == 0 {
        "–".to_owned()
    } else {
        format!("{:.1}%", examples.pass_rate())
    }
}

fn workloads(h: &mut String, data: &ReportData) -> Result<(), ReportError> {
    let fidelity = data.summary.fidelity.is_some();
    h.push_str(
        "<section id=\"workloads\"><h2>By workload</h2>\
         <p class=\"muted\">Workloads are the pages' front-matter <code>ms.prod</code>. \
         Click a column to sort.</p>\
         <table class=\"sortable\" id=\"workload-table\"><thead><tr>\
         <th class=\"sortable\">workload</th><th class=\"sortable num\">pages</th>\
         <th class=\"sortable num\">findings</th><th class=\"sortable num\">per 100 pages</th>\
         <th class=\"sortable num\">errors</th><th class=\"sortable num\">warnings</th>\
         <th class=\"sortable num\">notes</th><th class=\"sortable num\">examples</th>\
         <th class=\"sortable num\">pass rate</th>",
    );
    if fidelity {
        h.push_str(
            "<th class=\"sortable num\">property recall</th>\
             <th class=\"sortable num\">property precision</th>",
        );
    }
    h.push_str("</tr></thead><tbody>\n");
    for w in &data.workloads {
        let _ = write!(
            h,
            "<tr data-workload=\"{0}\"><td data-v=\"{0}\">{0}</td>",
            escape(&w.name)
        );
        num_cell(h, w.pages, w.pages as f64);
        num_cell(h, w.findings.total(), w.findings.total() as f64);
        num_cell(
            h,
            format!("{:.1}", w.findings_per_100_pages),
            w.findings_per_100_pages,
        );
        severity_cells(h, &w.findings);
        num_cell(h, w.examples.total(), w.examples.total() as f64);
        let pass = if w.examples.total() == 0 {
            -1.0
        } else {
            w.examples.pass_rate()
        };
        num_cell(h, rate(&w.examples), pass);
        if fidelity {
            match &w.fidelity {
                Some(f) => {
                    for r in [f.property_recall, f.property_precision] {
                        let v = if r.total == 0 { -1.0 } else { r.percent };
                        let text = if r.total == 0 {
                            "–".to_owned()
                        } else {
                            format!("{:.1}%", r.percent)
                        };
                        num_cell(h, text, v);
                    }
                }
                None => h.push_str(
                    "<td class=\"num\" data-v=\"-1\">–</td><td class=\"num\" data-v=\"-1\">–</td>",
                ),
            }
        }
        h.push_str("</tr>\n");
    }
    h.push_str("</tbody></table>\n<div class=\"charts\">");
    let mut by_density: Vec<&crate::data::WorkloadRow> = data.workloads.iter().collect();
    by_density.sort_by(|a, b| {
        b.findings_per_100_pages
            .total_cmp(&a.findings_per_100_pages)
            .then(a.name.cmp(&b.name))
    });
    let bars: Vec<Bar> = by_density
        .iter()
        .map(|w| Bar {
            label: w.name.clone(),
            value: w.findings_per_100_pages,
        })
        .collect();
    h.push_str(&chart::horizontal_bars(
        "Findings per 100 pages, by workload",
        "findings per 100 pages",
        &bars,
        None,
    )?);
    let mut with_examples: Vec<&crate::data::WorkloadRow> = data
        .workloads
        .iter()
        .filter(|w| w.examples.total() > 0)
        .collect();
    with_examples.sort_by(|a, b| {
        a.examples
            .pass_rate()
            .total_cmp(&b.examples.pass_rate())
            .then(a.name.cmp(&b.name))
    });
    let bars: Vec<Bar> = with_examples
        .iter()
        .map(|w| Bar {
            label: w.name.clone(),
            value: w.examples.pass_rate(),
        })
        .collect();
    h.push_str(&chart::horizontal_bars(
        "Example pass rate, by workload (lowest first)",
        "examples passing as tests, percent",
        &bars,
        Some(100.0),
    )?);
    h.push_str("</div></section>\n");
    Ok(())
}

fn severity_cells(h: &mut String, s: &SeverityCounts) {
    num_cell(h, s.error, s.error as f64);
    num_cell(h, s.warning, s.warning as f64);
    num_cell(h, s.info, s.info as f64);
}

fn codes(h: &mut String, data: &ReportData) -> Result<(), ReportError> {
    h.push_str(
        "<section id=\"codes\"><h2>By code</h2>\
         <p class=\"muted\">Each code with what it means, why it matters and how to fix it \
         (the text of <code>graphdoc lint --explain CODE</code>).</p>\
         <table class=\"sortable\" id=\"code-table\"><thead><tr><th class=\"sortable\">code</th>\
         <th class=\"sortable num\">findings</th><th class=\"sortable num\">pages</th>\
         <th>what it means</th></tr></thead><tbody>\n",
    );
    for c in &data.codes {
        let _ = write!(
            h,
            "<tr data-code=\"{code}\"><td data-v=\"{code}\"><code>{code}</code></td>",
            code = c.code
        );
        num_cell(h, c.count, c.count as f64);
        num_cell(h, c.pages, c.pages as f64);
        let _ = writeln!(
            h,
            "<td>{}<details><summary>why it matters, how to fix it</summary>\
             <p><b>Why it matters:</b> {}</p><p><b>How to fix it:</b> {}</p>\
             <p class=\"muted\">Default level: {}.</p></details></td></tr>",
            escape(&c.what),
            escape(&c.why),
            escape(&c.fix),
            escape(&c.default_level)
        );
    }
    h.push_str("</tbody></table>\n<div class=\"charts\">");
    let bars: Vec<Bar> = data
        .codes
        .iter()
        .map(|c| Bar {
            label: c.code.to_string(),
            value: c.count as f64,
        })
        .collect();
    h.push_str(&chart::horizontal_bars(
        "Findings by code",
        "findings",
        &bars,
        None,
    )?);
    h.push_str("</div></section>\n");
    Ok(())
}

fn examples(h: &mut String, data: &ReportData) {
    let e = &data.summary.examples;
    let _ = writeln!(
        h,
        "<section id=\"examples\"><h2>Examples</h2><p>Each documented example is a test of the \
         generated bindings: {} pass, {} are ignored for a docs defect the lint found, {} fail \
         (the generator has no call for them: a graphdoc gap).</p>\
         <table id=\"reason-table\"><thead><tr><th>why ignored or failing</th>\
         <th class=\"num\">examples</th></tr></thead><tbody>",
        e.passing, e.ignored, e.failing
    );
    for r in &data.ignore_reasons {
        let _ = writeln!(
            h,
            "<tr><td>{}</td><td class=\"num\">{}</td></tr>",
            escape(&r.reason),
            r.count
        );
    }
    h.push_str("</tbody></table></section>\n");
}

fn top_pages(h: &mut String, data: &ReportData, options: &RenderOptions) {
    h.push_str(
        "<section id=\"top-pages\"><h2>Top pages to fix first</h2>\
         <p class=\"muted\">The pages with the most findings shown, each linked at its first \
         finding.</p><table id=\"top-table\"><thead><tr><th>page</th><th>workload</th>\
         <th class=\"num\">findings</th><th>codes</th></tr></thead><tbody>\n",
    );
    for p in &data.top_pages {
        let codes: Vec<String> = p
            .codes
            .iter()
            .map(|(c, n)| format!("<code>{c}</code>&nbsp;×{n}"))
            .collect();
        let _ = writeln!(
            h,
            "<tr><td><a href=\"{}\">{}:{}</a></td><td>{}</td><td class=\"num\">{}</td><td>{}</td></tr>",
            escape(&options.href(&p.path, p.line)),
            escape(&p.path),
            p.line,
            escape(&p.workload),
            p.findings,
            codes.join(", ")
        );
    }
    h.push_str("</tbody></table></section>\n");
}

fn options_of<'a>(values: impl Iterator<Item = &'a str>) -> String {
    let mut values: Vec<&str> = values.collect();
    values.sort_unstable();
    values.dedup();
    values
        .into_iter()
        .map(|v| format!("<option value=\"{0}\">{0}</option>", escape(v)))
        .collect()
}

fn findings(h: &mut String, data: &ReportData, options: &RenderOptions) {
    let _ = writeln!(
        h,
        "<section id=\"findings\"><h2>Findings</h2><div class=\"filters\">\
         <label>workload <select class=\"filter\" name=\"workload\"><option value=\"\">all</option>{}</select></label>\
         <label>code <select class=\"filter\" name=\"code\"><option value=\"\">all</option>{}</select></label>\
         <label>severity <select class=\"filter\" name=\"severity\"><option value=\"\">all</option>{}</select></label>\
         <span class=\"muted\"><span id=\"findings-shown\">{}</span> of {} shown</span></div>\
         <table id=\"findings-table\"><thead><tr><th>where</th><th>severity</th><th>code</th>\
         <th>finding</th></tr></thead><tbody>",
        options_of(data.findings.iter().map(|f| f.workload.as_str())),
        options_of(data.findings.iter().map(|f| f.code.as_str())),
        options_of(data.findings.iter().map(|f| f.severity.as_str())),
        data.findings.len(),
        data.findings.len()
    );
    for f in &data.findings {
        let _ = write!(
            h,
            "<tr class=\"finding\" data-workload=\"{w}\" data-code=\"{c}\" data-severity=\"{s}\">\
             <td><a href=\"{href}\">{file}:{line}</a></td><td class=\"{s}\">{s}</td>\
             <td><code>{c}</code></td><td>{msg}",
            w = escape(&f.workload),
            c = f.code,
            s = f.severity,
            href = escape(&options.href(&f.file, f.line.max(1))),
            file = escape(&f.file),
            line = f.line,
            msg = escape(&f.message),
        );
        if let Some(src) = &f.source {
            let _ = write!(h, "<pre class=\"src\">{}</pre>", escape(src));
        }
        h.push_str("</td></tr>\n");
    }
    h.push_str("</tbody></table></section>\n");
}

fn signed(n: i64) -> String {
    let class = match n.cmp(&0) {
        std::cmp::Ordering::Greater => "up",
        std::cmp::Ordering::Less => "down",
        std::cmp::Ordering::Equal => "same",
    };
    format!("<span class=\"{class}\">{n:+}</span>")
}

fn signed_f(x: f64, more_is_better: bool) -> String {
    let class = if x.abs() < 0.005 {
        "same"
    } else if (x > 0.0) == more_is_better {
        "down"
    } else {
        "up"
    };
    format!("<span class=\"{class}\">{x:+.1}</span>")
}

fn delta_cells(h: &mut String, d: &Delta<usize>) {
    let _ = write!(
        h,
        "<td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>",
        d.before,
        d.after,
        signed(d.change())
    );
}

fn trend_section(h: &mut String, trend: &Trend) {
    let _ = write!(
        h,
        "<section id=\"trend\"><h2>Trend</h2><p>Against the earlier run{}: findings {} → {} ({}), \
         passing examples {} → {} ({}), pages {} → {}.</p>",
        trend
            .before_generated_at
            .as_deref()
            .map(|t| format!(" of {}", escape(t)))
            .unwrap_or_default(),
        trend.findings.before,
        trend.findings.after,
        signed(trend.findings.change()),
        trend.passing_examples.before,
        trend.passing_examples.after,
        signed(trend.passing_examples.change()),
        trend.pages.before,
        trend.pages.after,
    );
    h.push_str(
        "<h3>Per workload</h3><table id=\"trend-workloads\"><thead><tr><th>workload</th>\
         <th class=\"num\">findings before</th><th class=\"num\">now</th><th class=\"num\">change</th>\
         <th class=\"num\">per 100 pages change</th><th class=\"num\">pass rate change</th></tr></thead><tbody>\n",
    );
    for w in &trend.workloads {
        let _ = write!(h, "<tr data-workload=\"{0}\"><td>{0}</td>", escape(&w.name));
        delta_cells(h, &w.findings);
        let _ = writeln!(
            h,
            "<td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            signed_f(w.findings_per_100_pages.change(), false),
            signed_f(w.pass_rate.change(), true)
        );
    }
    h.push_str(
        "</tbody></table><h3>Per code</h3><table id=\"trend-codes\"><thead><tr><th>code</th>\
         <th class=\"num\">before</th><th class=\"num\">now</th><th class=\"num\">change</th></tr></thead><tbody>\n",
    );
    for c in &trend.codes {
        let _ = write!(h, "<tr data-code=\"{0}\"><td><code>{0}</code></td>", c.code);
        delta_cells(h, &c.count);
        h.push_str("</tr>\n");
    }
    h.push_str("</tbody></table></section>\n");
}

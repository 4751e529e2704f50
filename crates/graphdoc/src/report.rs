//! `graphdoc report`: the docs-health report of an [`Analysis`], as data
//! ([`graphdoc_report::ReportData`], the JSON of `--json`) and as one
//! self-contained HTML page (see the `graphdoc-report` crate).
//!
//! The findings are the ones `graphdoc lint` shows at the same levels (the
//! same [`Analysis`] and [`crate::config::resolve`]); the examples'
//! outcomes are the decisions the example-test emitter makes
//! ([`graphdoc_emit::example_outcomes`]); the fidelity figures are
//! `graphdoc diff-metadata`'s, also per workload
//! ([`graphdoc_csdl::diff_by`]).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use graphdoc_emit::ExampleOutcome;
use graphdoc_ir::{ApiVersion, Levels};
use graphdoc_report::{ExampleInput, ExampleStatus, Input, PageInput};
pub use graphdoc_report::{RenderOptions, ReportData, Trend};

use crate::render::{MAX_QUOTED_CHARS, SourceMap};
use crate::{Analysis, Error, input};

/// What goes into a report besides the analysis.
#[derive(Debug, Clone, Default)]
pub struct ReportOptions {
    /// What the report is about (the inputs as given).
    pub title: String,
    /// The service's `$metadata`, for the fidelity figures.
    pub metadata: Option<PathBuf>,
    /// The version compared with the metadata, when the pages describe several.
    pub api_version: Option<ApiVersion>,
    /// The levels the findings are shown at.
    pub levels: Levels,
    /// A timestamp to show (RFC 3339); `None` for byte-identical runs.
    pub generated_at: Option<String>,
}

/// The report's data.
pub fn report_data(analysis: &Analysis, options: &ReportOptions) -> Result<ReportData, Error> {
    let parsed = &analysis.parsed;
    let findings = options.levels.apply(analysis.diagnostics.clone());
    let sources = SourceMap::new(&parsed.sources);
    let source_line = |path: &str, line: u32| {
        sources.line(path, line).map(|text| {
            let text = text.trim_end();
            if text.chars().count() > MAX_QUOTED_CHARS {
                let mut t: String = text.chars().take(MAX_QUOTED_CHARS).collect();
                t.push('…');
                t
            } else {
                text.to_owned()
            }
        })
    };

    let workload_of: HashMap<&str, Option<&String>> = parsed
        .corpus
        .pages
        .iter()
        .map(|p| (parsed.corpus.path(p.file), p.meta.workload.as_ref()))
        .collect();
    let pages = parsed
        .sources
        .iter()
        .map(|(path, _)| PageInput {
            path: path.clone(),
            workload: workload_of.get(path.as_str()).copied().flatten().cloned(),
        })
        .collect();

    let examples = example_inputs(analysis)?;
    let fidelity = match &options.metadata {
        Some(path) => Some(fidelity(analysis, path, options.api_version)?),
        None => None,
    };
    Ok(ReportData::build(Input {
        title: options.title.clone(),
        pages,
        types: analysis.models.iter().map(|m| m.types.len()).sum(),
        operations: analysis.models.iter().map(|m| m.operations.len()).sum(),
        findings: &findings,
        source_line: &source_line,
        examples,
        fidelity,
        generated_at: options.generated_at.clone(),
    }))
}

/// Every example with the outcome of its generated test.
fn example_inputs(analysis: &Analysis) -> Result<Vec<ExampleInput>, Error> {
    use rayon::prelude::*;
    let settings = graphdoc_emit::EmitSettings::new();
    let planned = analysis
        .models
        .par_iter()
        .map(|m| graphdoc_emit::PlannedVersion::new(m, &settings))
        .collect::<Result<Vec<_>, _>>()?;
    let versions: Vec<graphdoc_emit::VersionExamples<'_>> = analysis
        .models
        .iter()
        .zip(&analysis.lints)
        .map(|(model, lint)| graphdoc_emit::VersionExamples {
            model,
            examples: &lint.examples,
            diagnostics: &lint.diagnostics,
        })
        .collect();
    let outcomes = graphdoc_emit::example_outcomes(&planned, &versions, &settings)?;
    Ok(outcomes
        .into_iter()
        .map(|(ex, outcome)| {
            let source = ex
                .request
                .as_ref()
                .map(|r| &r.source)
                .or(ex.response.as_ref().map(|r| &r.source));
            let (status, reason) = match outcome {
                ExampleOutcome::Pass => (ExampleStatus::Passing, None),
                ExampleOutcome::Ignored { reason } => (ExampleStatus::Ignored, Some(reason)),
                ExampleOutcome::Failing { reason } => (ExampleStatus::Failing, Some(reason)),
            };
            ExampleInput {
                id: ex.id.clone(),
                file: source.map(|s| s.file.clone()).unwrap_or_default(),
                line: source.map_or(0, |s| s.line),
                status,
                reason,
            }
        })
        .collect())
}

type FidelityFigures = (
    graphdoc_csdl::Fidelity,
    std::collections::BTreeMap<Option<String>, graphdoc_csdl::Fidelity>,
);

/// The docs against the metadata: the whole figures and those per workload.
fn fidelity(
    analysis: &Analysis,
    path: &Path,
    version: Option<ApiVersion>,
) -> Result<FidelityFigures, Error> {
    let docs = match version {
        Some(v) => analysis.models.iter().find(|m| m.version == v),
        None if analysis.models.len() == 1 => analysis.models.first(),
        None => {
            let found: Vec<_> = analysis.models.iter().map(|m| m.version.as_str()).collect();
            return Err(Error::AmbiguousVersion(found.join(", ")));
        }
    };
    let empty;
    let docs = match docs {
        Some(d) => d,
        None => {
            empty = graphdoc_ir::ApiModel::new(version.unwrap_or(ApiVersion::V1_0));
            &empty
        }
    };
    let xml = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    let name = input::display_path(path);
    let service = graphdoc_csdl::read_metadata_with(&xml, &name, docs.version)
        .map_err(|source| Error::Metadata { path: name, source })?;
    let (report, by_workload) = graphdoc_csdl::diff_by(docs, &service, |t| t.workload.clone());
    Ok((report.fidelity, by_workload))
}

/// The page: `data` rendered, links to the pages relative to `out` (the
/// report file), or into `link_base`, with the trend against `compare`.
pub fn render_html(
    data: &ReportData,
    out: Option<&Path>,
    link_base: Option<String>,
    compare: Option<&ReportData>,
) -> Result<String, Error> {
    let options = RenderOptions {
        link_base,
        page_prefix: out.map(prefix_to_cwd).unwrap_or_default(),
        trend: compare.map(|before| Trend::between(before, data)),
    };
    Ok(graphdoc_report::html::render(data, &options)?)
}

/// Reads an earlier run's data (`graphdoc report --json`).
pub fn read_data(path: &Path) -> Result<ReportData, Error> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    Ok(ReportData::from_json(&text, &input::display_path(path))?)
}

/// The way from the directory of the report file `out` back to the current
/// directory (page paths are relative to it): `../../` for `a/b/r.html`.
fn prefix_to_cwd(out: &Path) -> String {
    let Ok(cwd) = std::env::current_dir() else {
        return String::new();
    };
    let dir = out.parent().unwrap_or(Path::new(""));
    let abs = cwd.join(dir);
    let abs = std::fs::canonicalize(&abs).unwrap_or(abs);
    let cwd = std::fs::canonicalize(&cwd).unwrap_or(cwd);
    match abs.strip_prefix(&cwd) {
        Ok(rel) => "../".repeat(rel.components().count()),
        // The report outside the current directory: absolute links.
        Err(_) => format!("{}/", input::display_path(&cwd)),
    }
}

/// Now, as RFC 3339 UTC to the second (the report's optional timestamp).
pub fn now_rfc3339() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

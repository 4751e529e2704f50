//! The `graphdoc` command line: arguments in, the library's results out.
//! Every command's logic is the `graphdoc` library's.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use clap::{CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use graphdoc::ir::{ApiVersion, Code, Diagnostic, Level, Severity};
use graphdoc::render::{self, SourceMap};

/// Turns Microsoft Graph documentation pages into typed Rust bindings.
///
/// Exit codes: 0 no errors, 1 errors found in the docs (or stale output with --check), 2 usage or I/O failure.
#[derive(Parser)]
#[command(name = "graphdoc", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Write the IR of the pages as JSON.
    Ir {
        /// Page files (any extension) or directories (every .md below, recursively).
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// Write to FILE instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Report defects in the pages: parse, merge and example checks (GD02xx).
    ///
    /// Levels come from each code's default, then the `graphdoc.toml` found
    /// by walking up from the first input (its `[lints]` table), then
    /// -A/-W/-D in the order given; `warnings` names every warning.
    Lint {
        #[arg(required_unless_present = "explain")]
        inputs: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = LintFormat::Human)]
        format: LintFormat,
        /// Do not show findings of CODE (or `warnings`).
        #[arg(short = 'A', long = "allow", value_name = "CODE")]
        allow: Vec<String>,
        /// Show findings of CODE (or `warnings`) as warnings.
        #[arg(short = 'W', long = "warn", value_name = "CODE")]
        warn: Vec<String>,
        /// Show findings of CODE (or `warnings`) as errors: the run fails.
        #[arg(short = 'D', long = "deny", value_name = "CODE")]
        deny: Vec<String>,
        /// Print what CODE means, why it matters and how to fix it.
        #[arg(long, value_name = "CODE", conflicts_with_all = ["changed_since", "only"])]
        explain: Option<String>,
        /// Show findings only for pages changed since this git revision
        /// (committed, staged, unstaged or untracked); the whole tree gives context.
        #[arg(long, value_name = "REV", conflicts_with = "only")]
        changed_since: Option<String>,
        /// Show findings only for these pages; the whole tree gives context.
        #[arg(long, value_name = "PATH", num_args = 1..)]
        only: Vec<PathBuf>,
        /// Read levels from this file instead of the `graphdoc.toml` found above the input.
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
    },
    /// Write the docs-health report: one self-contained HTML page (summary,
    /// workloads, codes, top pages, findings; fidelity with --metadata;
    /// trend with --compare).
    ///
    /// Findings are the ones `lint` shows at the same levels (defaults,
    /// `graphdoc.toml`, -A/-W/-D).
    Report {
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// The HTML page to write (standard output if neither -o nor --json).
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// The service's $metadata document, for the fidelity figures.
        #[arg(long, value_name = "FILE.xml")]
        metadata: Option<PathBuf>,
        #[arg(long, value_parser = parse_version)]
        api_version: Option<ApiVersion>,
        /// Also write the data behind the page as JSON (for a later --compare).
        #[arg(long, value_name = "FILE")]
        json: Option<PathBuf>,
        /// Show deltas against an earlier run's --json data.
        #[arg(long, value_name = "FILE")]
        compare: Option<PathBuf>,
        /// Link pages into a repository browser: URL/path#Lline (run from the repository root).
        #[arg(long, value_name = "URL")]
        link_base: Option<String>,
        /// Leave the timestamp out: the same input gives the same bytes.
        #[arg(long)]
        no_timestamp: bool,
        /// Do not show findings of CODE (or `warnings`).
        #[arg(short = 'A', long = "allow", value_name = "CODE")]
        allow: Vec<String>,
        /// Show findings of CODE (or `warnings`) as warnings.
        #[arg(short = 'W', long = "warn", value_name = "CODE")]
        warn: Vec<String>,
        /// Show findings of CODE (or `warnings`) as errors.
        #[arg(short = 'D', long = "deny", value_name = "CODE")]
        deny: Vec<String>,
        /// Read levels from this file instead of the `graphdoc.toml` found above the input.
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
    },
    /// Generate a bindings crate (Cargo.toml and src/) into --out.
    Gen {
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// The crate directory to write.
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Exit 1, naming each stale file, if --out differs from a fresh generation; write nothing.
        #[arg(long)]
        check: bool,
        /// Package name of the generated crate.
        #[arg(long, default_value = "graph-bindings")]
        crate_name: String,
        /// Depend on graphdoc-runtime at this path (a workspace's copy), as
        /// written into Cargo.toml. Default: the runtime's sources are written
        /// beside the crate (vendor/graphdoc-runtime) and depended on there.
        #[arg(long, value_name = "PATH", conflicts_with = "runtime_version")]
        runtime_path: Option<String>,
        /// Depend on the published graphdoc-runtime of this version requirement
        /// (e.g. 0.1) instead of vendoring it.
        #[arg(long, value_name = "VERSION")]
        runtime_version: Option<String>,
    },
    /// Write the merged model as OData CSDL XML (EDMX 4.0).
    Csdl {
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Which version, when the pages describe several.
        #[arg(long, value_parser = parse_version)]
        api_version: Option<ApiVersion>,
    },
    /// Compare what the docs say with the service's CSDL metadata.
    DiffMetadata {
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// The service's $metadata document.
        #[arg(long, value_name = "FILE.xml")]
        metadata: PathBuf,
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        #[arg(long, value_parser = parse_version)]
        api_version: Option<ApiVersion>,
    },
    /// Serve a mock of Graph made from the pages: each documented route
    /// answers with its documented example, under `/v1.0` and `/beta`.
    ///
    /// Undocumented paths get 404, undocumented methods 405, malformed JSON
    /// bodies 400 (Graph error bodies); `$top`, `$skip`, `$select` and `$count`
    /// shape the answers. Logs a line per request on standard error.
    #[cfg(feature = "mock")]
    Mock {
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// Where to listen; port 0 picks a free one. Loopback unless you say otherwise.
        #[arg(long, value_name = "HOST:PORT", default_value = "127.0.0.1:8787")]
        addr: String,
        /// Serve only this version.
        #[arg(long, value_parser = parse_version)]
        api_version: Option<ApiVersion>,
    },
}

fn parse_version(s: &str) -> Result<ApiVersion, String> {
    ApiVersion::parse(s).ok_or_else(|| format!("unknown API version `{s}` (expected v1.0 or beta)"))
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Human,
    Json,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum LintFormat {
    /// `path:line:col: warning[GD0203]: message`, the source line, a caret.
    Human,
    /// One JSON object per finding.
    Json,
    /// A SARIF 2.1.0 log, for GitHub code scanning.
    Sarif,
    /// GitHub Actions workflow commands (`::warning file=...::message`).
    Github,
}

fn main() -> ExitCode {
    let matches = Cli::command().get_matches();
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(e) => e.exit(),
    };
    let flags = matches
        .subcommand_matches("lint")
        .or_else(|| matches.subcommand_matches("report"))
        .map(level_flags)
        .unwrap_or_default();
    match run(cli, flags) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::from(2)
        }
    }
}

/// The -A/-W/-D flags in the order given (a later one wins).
fn level_flags(lint: &clap::ArgMatches) -> Vec<(String, Level)> {
    let mut flags = Vec::new();
    for (id, level) in [
        ("allow", Level::Allow),
        ("warn", Level::Warn),
        ("deny", Level::Deny),
    ] {
        if let (Some(indices), Some(values)) = (lint.indices_of(id), lint.get_many::<String>(id)) {
            flags.extend(indices.zip(values).map(|(i, v)| (i, v.clone(), level)));
        }
    }
    flags.sort_by_key(|(i, _, _)| *i);
    flags.into_iter().map(|(_, v, l)| (v, l)).collect()
}

fn run(cli: Cli, level_flags: Vec<(String, Level)>) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Ir { inputs, output } => {
            let parsed = graphdoc::parse_inputs(&inputs)?;
            let json = serde_json::to_string_pretty(&parsed.corpus)?;
            write_output(output.as_deref(), json.as_bytes())?;
            Ok(exit_for(&parsed.corpus.diagnostics, Severity::Error))
        }
        Command::Lint {
            inputs,
            format,
            explain,
            changed_since,
            only,
            config,
            ..
        } => {
            if let Some(code) = explain {
                let code = Code::parse(&code.trim().to_ascii_uppercase())
                    .with_context(|| format!("`{code}` is no graphdoc code (GDnnnn)"))?;
                print!("{}", code.explain().render(code));
                return Ok(ExitCode::SUCCESS);
            }
            let levels = graphdoc::config::resolve(&inputs, config.as_deref(), &level_flags)?;
            let pages = match (changed_since, only.is_empty()) {
                (Some(rev), _) => Some(graphdoc::changed::since(&rev, &inputs[0])?),
                (None, false) => Some(graphdoc::changed::Pages::new(only)),
                (None, true) => None,
            };
            let analysis = graphdoc::analyze(&inputs, pages.as_ref())?;
            let diagnostics = levels.apply(analysis.diagnostics);
            print_diagnostics(
                &diagnostics,
                &SourceMap::new(&analysis.parsed.sources),
                format,
            )?;
            Ok(exit_for(&diagnostics, Severity::Error))
        }
        Command::Report {
            inputs,
            output,
            metadata,
            api_version,
            json,
            compare,
            link_base,
            no_timestamp,
            config,
            ..
        } => {
            use graphdoc::report;
            let levels = graphdoc::config::resolve(&inputs, config.as_deref(), &level_flags)?;
            let before = compare.as_deref().map(report::read_data).transpose()?;
            let analysis = graphdoc::analyze(&inputs, None)?;
            let title: Vec<String> = inputs.iter().map(|i| i.display().to_string()).collect();
            let options = report::ReportOptions {
                title: title.join(" "),
                metadata,
                api_version,
                levels,
                generated_at: (!no_timestamp).then(report::now_rfc3339),
            };
            let data = report::report_data(&analysis, &options)?;
            for path in output.iter().chain(&json) {
                if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                    std::fs::create_dir_all(dir)
                        .with_context(|| format!("creating {}", dir.display()))?;
                }
            }
            if let Some(path) = &json {
                write_output(Some(path), data.to_json().as_bytes())?;
            }
            if output.is_some() || json.is_none() {
                let html =
                    report::render_html(&data, output.as_deref(), link_base, before.as_ref())?;
                write_output(output.as_deref(), html.as_bytes())?;
            }
            if let Some(path) = &output {
                let s = &data.summary;
                eprintln!(
                    "{}: {} pages, {} findings, {} of {} examples passing",
                    path.display(),
                    s.pages,
                    s.findings.total(),
                    s.examples.passing,
                    s.examples.total()
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Gen {
            inputs,
            out,
            check,
            crate_name,
            runtime_path,
            runtime_version,
        } => {
            let mut manifest = graphdoc::CrateManifest::new(crate_name);
            if let Some(path) = runtime_path {
                manifest = manifest.runtime_path(path);
            }
            if let Some(version) = runtime_version {
                manifest = manifest.runtime_version(version);
            }
            let builder = graphdoc::Builder::new()
                .inputs(&inputs)
                .out_dir(&out)
                .crate_manifest(manifest)
                .check(check);
            match builder.generate() {
                Ok(summary) => {
                    eprintln!("{}: {summary}", out.display());
                    Ok(ExitCode::SUCCESS)
                }
                Err(stale @ graphdoc::Error::Stale { .. }) => {
                    eprintln!("error: {stale}");
                    Ok(ExitCode::from(1))
                }
                Err(other) => Err(other.into()),
            }
        }
        #[cfg(feature = "mock")]
        Command::Mock {
            inputs,
            addr,
            api_version,
        } => {
            let parsed = graphdoc::parse_inputs(&inputs)?;
            let models = graphdoc::models_of(&parsed, api_version);
            let mock = graphdoc_mock::MockGraph::from_models(&models);
            let summary = mock.summary();
            let server = mock.serve(addr.as_str())?;
            println!("graphdoc mock: listening on {} ({summary})", server.url());
            std::io::stdout().flush()?;
            server.wait();
            Ok(ExitCode::SUCCESS)
        }
        Command::Csdl {
            inputs,
            output,
            api_version,
        } => {
            let parsed = graphdoc::parse_inputs(&inputs)?;
            let xml = graphdoc::csdl_of(&parsed, api_version)?;
            write_output(output.as_deref(), xml.as_bytes())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::DiffMetadata {
            inputs,
            metadata,
            format,
            api_version,
        } => {
            let parsed = graphdoc::parse_inputs(&inputs)?;
            let report = graphdoc::diff_metadata(&parsed, &metadata, api_version)?;
            let text = match format {
                Format::Human => report.render(),
                Format::Json => report.to_json(),
            };
            write_output(None, text.as_bytes())?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn exit_for(diagnostics: &[Diagnostic], threshold: Severity) -> ExitCode {
    if diagnostics.iter().any(|d| d.severity >= threshold) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn print_diagnostics(
    diagnostics: &[Diagnostic],
    sources: &SourceMap<'_>,
    format: LintFormat,
) -> anyhow::Result<()> {
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    if format == LintFormat::Sarif {
        writeln!(out, "{}", render::sarif(diagnostics))?;
    }
    for d in diagnostics {
        match format {
            LintFormat::Human => write!(out, "{}", render::human(d, sources))?,
            LintFormat::Json => writeln!(out, "{}", render::json_line(d))?,
            LintFormat::Github => writeln!(out, "{}", render::github(d))?,
            LintFormat::Sarif => {}
        }
    }
    if format == LintFormat::Human {
        writeln!(out, "{}", render::summary(diagnostics))?;
    }
    out.flush()?;
    Ok(())
}

fn write_output(path: Option<&std::path::Path>, bytes: &[u8]) -> anyhow::Result<()> {
    match path {
        Some(path) => {
            std::fs::write(path, bytes).with_context(|| format!("writing {}", path.display()))
        }
        None => {
            let mut stdout = std::io::stdout().lock();
            stdout.write_all(bytes)?;
            stdout.write_all(b"\n")?;
            Ok(())
        }
    }
}

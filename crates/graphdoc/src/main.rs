//! The `graphdoc` command line.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use clap::{Parser, Subcommand, ValueEnum};
use graphdoc::ir::{ApiVersion, Diagnostic, Severity};
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
    Lint {
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// Treat warnings as errors (exit 1 when there are any).
        #[arg(long, value_name = "LEVEL", value_parser = ["warnings"])]
        deny: Option<String>,
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
        /// Depend on graphdoc-runtime at this path instead of the published version.
        #[arg(long, value_name = "PATH")]
        runtime_path: Option<String>,
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
}

fn parse_version(s: &str) -> Result<ApiVersion, String> {
    ApiVersion::parse(s).ok_or_else(|| format!("unknown API version `{s}` (expected v1.0 or beta)"))
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Human,
    Json,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
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
            deny,
        } => {
            let parsed = graphdoc::parse_inputs(&inputs)?;
            let diagnostics = graphdoc::diagnostics(&parsed);
            print_diagnostics(&diagnostics, &SourceMap::new(&parsed.sources), format)?;
            let threshold = if deny.is_some() {
                Severity::Warning
            } else {
                Severity::Error
            };
            Ok(exit_for(&diagnostics, threshold))
        }
        Command::Gen {
            inputs,
            out,
            check,
            crate_name,
            runtime_path,
        } => {
            let mut manifest = graphdoc::CrateManifest::new(crate_name);
            if let Some(path) = runtime_path {
                manifest = manifest.runtime_path(path);
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
        Command::Csdl {
            inputs,
            output,
            api_version,
        } => {
            let parsed = graphdoc::parse_inputs(&inputs)?;
            let model = graphdoc::model_of(&parsed, api_version)?;
            let xml = graphdoc_csdl::write_csdl(&model)?;
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
            let docs = graphdoc::model_of(&parsed, api_version)?;
            let xml = std::fs::read_to_string(&metadata)
                .with_context(|| format!("reading {}", metadata.display()))?;
            let service = graphdoc_csdl::read_metadata_with(
                &xml,
                &metadata.display().to_string(),
                docs.version,
            )
            .map_err(|source| graphdoc::Error::Metadata {
                path: metadata.display().to_string(),
                source,
            })?;
            let report = graphdoc_csdl::diff(&docs, &service);
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
    format: Format,
) -> anyhow::Result<()> {
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for d in diagnostics {
        match format {
            Format::Human => write!(out, "{}", render::human(d, sources))?,
            Format::Json => writeln!(out, "{}", render::json_line(d))?,
        }
    }
    if let Format::Human = format {
        writeln!(out, "{}", summary(diagnostics))?;
    }
    out.flush()?;
    Ok(())
}

fn summary(diagnostics: &[Diagnostic]) -> String {
    let count = |s: Severity| diagnostics.iter().filter(|d| d.severity == s).count();
    format!(
        "{} errors, {} warnings, {} notes",
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info)
    )
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

//! Rendering diagnostics for people (with the source line and a caret) and for
//! tools (JSON, one object per line).

use std::collections::HashMap;
use std::fmt::Write as _;

use graphdoc_ir::{Code, Diagnostic, Severity};

/// Source texts by displayed path, for quoting the offending line.
#[derive(Default)]
pub struct SourceMap<'a> {
    texts: HashMap<&'a str, &'a [u8]>,
}

impl<'a> SourceMap<'a> {
    pub fn new(sources: &'a [(String, Vec<u8>)]) -> Self {
        Self {
            texts: sources
                .iter()
                .map(|(path, bytes)| (path.as_str(), bytes.as_slice()))
                .collect(),
        }
    }

    /// Line `line` (1-based) of `path`, without its line ending, lossily decoded.
    pub fn line(&self, path: &str, line: u32) -> Option<String> {
        let bytes = self.texts.get(path)?;
        let raw = bytes
            .split(|&b| b == b'\n')
            .nth(line.checked_sub(1)? as usize)?;
        let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
        Some(String::from_utf8_lossy(raw).into_owned())
    }
}

/// Longest source excerpt quoted under a diagnostic; a 10 MB line is not reprinted.
pub const MAX_QUOTED_CHARS: usize = 160;

/// The human form:
///
/// ```text
/// path:line:col: warning[GD0101]: message
///    |
/// 12 | the source line
///    |     ^
/// ```
pub fn human(diagnostic: &Diagnostic, sources: &SourceMap<'_>) -> String {
    let mut out = format!("{diagnostic}\n");
    if let Some(text) = sources.line(&diagnostic.file, diagnostic.line) {
        let number = diagnostic.line.to_string();
        let gutter = " ".repeat(number.len());
        let column = diagnostic.column.max(1) as usize;
        // Show a window of the line that contains the column.
        let start = column.saturating_sub(MAX_QUOTED_CHARS / 2).min(column - 1);
        let excerpt: String = text
            .chars()
            .skip(start)
            .take(MAX_QUOTED_CHARS)
            .map(untab)
            .collect();
        let marker = if diagnostic.column == 0 {
            String::new()
        } else {
            format!("{}^", " ".repeat(column - 1 - start))
        };
        let _ = writeln!(out, "{gutter} |\n{number} | {excerpt}\n{gutter} | {marker}");
    }
    for related in &diagnostic.related {
        let _ = writeln!(
            out,
            "  note: {}:{}:{}: {}",
            related.file, related.line, related.column, related.message
        );
    }
    out
}

fn untab(c: char) -> char {
    if c == '\t' { ' ' } else { c }
}

/// One JSON object per diagnostic: `file`, `line`, `column`, `severity`, `code`, `message`
/// (and `related` when there is any).
pub fn json_line(diagnostic: &Diagnostic) -> String {
    serde_json::to_string(diagnostic).expect("diagnostics serialize")
}

/// One GitHub Actions workflow command per finding:
/// `::warning file=p.md,line=3,col=1,title=GD0203::message`, which GitHub
/// shows on the pull request's lines.
pub fn github(d: &Diagnostic) -> String {
    let command = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    };
    let mut props = format!("file={}", github_property(&d.file));
    if d.line > 0 {
        props.push_str(&format!(",line={}", d.line));
        if d.column > 0 {
            props.push_str(&format!(",col={}", d.column));
        }
    }
    props.push_str(&format!(",title={}", d.code));
    format!("::{command} {props}::{}", github_data(&d.message))
}

/// A workflow command's message: `%`, CR and LF escaped.
fn github_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A workflow command's property value: the message's escapes plus `:` and `,`.
fn github_property(s: &str) -> String {
    github_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// The findings as a SARIF 2.1.0 log for GitHub code scanning: one rule per
/// code (with its explanation as help), one result per finding, its
/// related locations kept.
pub fn sarif(diagnostics: &[Diagnostic]) -> String {
    let codes: std::collections::BTreeSet<Code> = diagnostics.iter().map(|d| d.code).collect();
    let codes: Vec<Code> = codes.into_iter().collect();
    let rules = codes
        .iter()
        .map(|&code| {
            let e = code.explain();
            sarif::Rule {
                id: code.as_str(),
                name: format!("{code:?}"),
                short_description: sarif::Text {
                    text: e.what.to_string(),
                },
                full_description: sarif::Text {
                    text: e.what.to_string(),
                },
                help: sarif::Text {
                    text: format!(
                        "{}\n\nWhy it matters: {}\n\nHow to fix it: {}",
                        e.what, e.why, e.fix
                    ),
                },
                default_configuration: sarif::Configuration {
                    level: sarif_level(code.default_severity()),
                },
            }
        })
        .collect();
    let location = |file: &str, line: u32, column: u32| sarif::Location {
        physical_location: sarif::PhysicalLocation {
            artifact_location: sarif::ArtifactLocation {
                uri: file.trim_start_matches("./").replace('\\', "/"),
            },
            region: (line > 0).then_some(sarif::Region {
                start_line: line,
                start_column: (column > 0).then_some(column),
            }),
        },
        message: None,
    };
    let results = diagnostics
        .iter()
        .map(|d| sarif::Result {
            rule_id: d.code.as_str(),
            rule_index: codes.binary_search(&d.code).expect("every code has a rule"),
            level: sarif_level(d.severity),
            message: sarif::Text {
                text: d.message.clone(),
            },
            locations: vec![location(&d.file, d.line, d.column)],
            related_locations: d
                .related
                .iter()
                .enumerate()
                .map(|(i, r)| sarif::Related {
                    id: i,
                    location: sarif::Location {
                        message: Some(sarif::Text {
                            text: r.message.clone(),
                        }),
                        ..location(&r.file, r.line, r.column)
                    },
                })
                .collect(),
        })
        .collect();
    let log = sarif::Log {
        schema: sarif::SCHEMA,
        version: "2.1.0",
        runs: vec![sarif::Run {
            tool: sarif::Tool {
                driver: sarif::Driver {
                    name: "graphdoc",
                    version: env!("CARGO_PKG_VERSION"),
                    information_uri: env!("CARGO_PKG_REPOSITORY"),
                    rules,
                },
            },
            results,
        }],
    };
    serde_json::to_string_pretty(&log).expect("a SARIF log serializes")
}

fn sarif_level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// The subset of SARIF 2.1.0 graphdoc writes. (serde-sarif, the maintained
/// crate, generates its types at build time with tools that pull two more
/// major versions of syn into the tree; these few types need none.)
mod sarif {
    use serde::Serialize;

    pub const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

    #[derive(Serialize)]
    pub struct Log {
        #[serde(rename = "$schema")]
        pub schema: &'static str,
        pub version: &'static str,
        pub runs: Vec<Run>,
    }

    #[derive(Serialize)]
    pub struct Run {
        pub tool: Tool,
        pub results: Vec<Result>,
    }

    #[derive(Serialize)]
    pub struct Tool {
        pub driver: Driver,
    }

    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    pub struct Driver {
        pub name: &'static str,
        pub version: &'static str,
        pub information_uri: &'static str,
        pub rules: Vec<Rule>,
    }

    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    pub struct Rule {
        pub id: &'static str,
        pub name: String,
        pub short_description: Text,
        pub full_description: Text,
        pub help: Text,
        pub default_configuration: Configuration,
    }

    #[derive(Serialize)]
    pub struct Configuration {
        pub level: &'static str,
    }

    #[derive(Serialize)]
    pub struct Text {
        pub text: String,
    }

    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    pub struct Result {
        pub rule_id: &'static str,
        pub rule_index: usize,
        pub level: &'static str,
        pub message: Text,
        pub locations: Vec<Location>,
        #[serde(skip_serializing_if = "Vec::is_empty")]
        pub related_locations: Vec<Related>,
    }

    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    pub struct Location {
        pub physical_location: PhysicalLocation,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub message: Option<Text>,
    }

    #[derive(Serialize)]
    pub struct Related {
        pub id: usize,
        #[serde(flatten)]
        pub location: Location,
    }

    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    pub struct PhysicalLocation {
        pub artifact_location: ArtifactLocation,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub region: Option<Region>,
    }

    #[derive(Serialize)]
    pub struct ArtifactLocation {
        pub uri: String,
    }

    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    pub struct Region {
        pub start_line: u32,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub start_column: Option<u32>,
    }
}

/// The closing line of the human form: `N errors, N warnings, N notes`.
pub fn summary(diagnostics: &[Diagnostic]) -> String {
    let count = |s: Severity| diagnostics.iter().filter(|d| d.severity == s).count();
    format!(
        "{} errors, {} warnings, {} notes",
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use graphdoc_ir::Code;

    #[test]
    fn quotes_the_line_with_a_caret_under_the_column() {
        let sources = vec![("p.md".to_string(), b"first\r\n  \"a\": 1,\n}\n".to_vec())];
        let map = SourceMap::new(&sources);
        let d = Diagnostic::new(Code::LenientAnnotation, "p.md", 2, 9, "trailing comma");
        assert_eq!(
            human(&d, &map),
            "p.md:2:9: warning[GD0101]: trailing comma\n  |\n2 |   \"a\": 1,\n  |         ^\n"
        );
    }

    #[test]
    fn a_huge_line_is_quoted_as_a_window_around_the_column() {
        let line = "x".repeat(10_000) + "!" + &"y".repeat(10_000);
        let sources = vec![("big.md".to_string(), line.into_bytes())];
        let d = Diagnostic::new(Code::BadHttpBlock, "big.md", 1, 10_001, "here");
        let text = human(&d, &SourceMap::new(&sources));
        let quoted = text.lines().nth(2).unwrap();
        assert!(quoted.len() < 200 && quoted.contains('!'), "{quoted}");
        let caret = text.lines().nth(3).unwrap();
        assert_eq!(caret.find('^').unwrap(), quoted.find('!').unwrap());
    }

    #[test]
    fn github_commands_escape_their_data() {
        let d = Diagnostic::new(
            Code::UnknownExampleProperty,
            "a,b:c.md",
            3,
            5,
            "50% off\nnext",
        );
        assert_eq!(
            github(&d),
            "::warning file=a%2Cb%3Ac.md,line=3,col=5,title=GD0203::50%25 off%0Anext"
        );
        let file_level = Diagnostic::new(Code::EmptyFile, "e.md", 0, 0, "empty");
        assert_eq!(
            github(&file_level),
            "::warning file=e.md,title=GD0003::empty"
        );
    }

    #[test]
    fn sarif_has_a_rule_per_code_and_a_result_per_finding() {
        let ds = vec![
            Diagnostic::new(Code::UnknownExampleProperty, "./p.md", 3, 5, "m1"),
            Diagnostic::new(Code::EmptyFile, "e.md", 0, 0, "m2"),
            Diagnostic::new(Code::UnknownExampleProperty, "q.md", 1, 1, "m3"),
        ];
        let v: serde_json::Value = serde_json::from_str(&sarif(&ds)).unwrap();
        assert_eq!(v["version"], "2.1.0");
        let run = &v["runs"][0];
        let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
        assert_eq!(rules.len(), 2);
        assert_eq!(rules[0]["id"], "GD0003");
        assert!(
            rules[1]["help"]["text"]
                .as_str()
                .unwrap()
                .contains("How to fix it")
        );
        let results = run["results"].as_array().unwrap();
        assert_eq!(results.len(), 3);
        assert_eq!(results[0]["ruleIndex"], 1);
        let loc = &results[0]["locations"][0]["physicalLocation"];
        assert_eq!(loc["artifactLocation"]["uri"], "p.md");
        assert_eq!(loc["region"]["startLine"], 3);
        assert!(results[1]["locations"][0]["physicalLocation"]["region"].is_null());
    }

    #[test]
    fn json_has_the_documented_fields() {
        let d = Diagnostic::new(Code::EmptyFile, "e.md", 0, 0, "empty file");
        let v: serde_json::Value = serde_json::from_str(&json_line(&d)).unwrap();
        assert_eq!(
            v,
            serde_json::json!({"file":"e.md","line":0,"column":0,"severity":"warning","code":"GD0003","message":"empty file"})
        );
    }
}

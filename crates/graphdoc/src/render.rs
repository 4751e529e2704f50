//! Rendering diagnostics for people (with the source line and a caret) and for
//! tools (JSON, one object per line).

use std::collections::HashMap;
use std::fmt::Write as _;

use graphdoc_ir::Diagnostic;

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
    fn line(&self, path: &str, line: u32) -> Option<String> {
        let bytes = self.texts.get(path)?;
        let raw = bytes
            .split(|&b| b == b'\n')
            .nth(line.checked_sub(1)? as usize)?;
        let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
        Some(String::from_utf8_lossy(raw).into_owned())
    }
}

/// Longest source excerpt quoted under a diagnostic; a 10 MB line is not reprinted.
const MAX_QUOTED_CHARS: usize = 160;

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
    fn json_has_the_documented_fields() {
        let d = Diagnostic::new(Code::EmptyFile, "e.md", 0, 0, "empty file");
        let v: serde_json::Value = serde_json::from_str(&json_line(&d)).unwrap();
        assert_eq!(
            v,
            serde_json::json!({"file":"e.md","line":0,"column":0,"severity":"warning","code":"GD0003","message":"empty file"})
        );
    }
}

//! The lenient reader for `<!-- { ... } -->` annotations.
//!
//! Strict JSON first; then JSON5 (trailing commas, unquoted keys, single
//! quotes, comments); then a repair pass for the defects found in the docs
//! (raw line breaks inside strings, missing commas, unterminated strings,
//! unbalanced brackets). Nothing here recurses on the input's nesting: deep
//! input is rejected before any recursive parser sees it.

use std::collections::BTreeMap;

use serde_json::Value;

/// Deeper annotations are rejected (real ones nest two or three levels).
const MAX_DEPTH: usize = 100;

/// How far from strict JSON an annotation was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Leniency {
    Strict,
    /// Relaxed JSON the docs' own tools read too (Json.NET's defaults):
    /// trailing commas, single quotes, unquoted keys, comments, raw line
    /// breaks inside strings.
    Relaxed,
    /// Needed repairs no JSON reader makes: missing commas, unterminated
    /// strings, unbalanced brackets.
    Repaired,
}

/// Reads an annotation's JSON text (the comment body, without `<!--`/`-->`).
///
/// Returns the keys and whether lenient reading was needed, or a message
/// saying why the text could not be read. Never panics, never recurses deeper
/// than serde_json's own limit.
pub fn parse_annotation(text: &str) -> Result<(BTreeMap<String, Value>, bool), String> {
    parse_annotation_leniently(text).map(|(keys, l)| (keys, l != Leniency::Strict))
}

/// [`parse_annotation`], saying how lenient the reading had to be.
pub fn parse_annotation_leniently(
    text: &str,
) -> Result<(BTreeMap<String, Value>, Leniency), String> {
    let t = text.trim().trim_start_matches('\u{feff}');
    if t.is_empty() {
        return Err("empty annotation".to_string());
    }
    let strict_err = match serde_json::from_str::<BTreeMap<String, Value>>(t) {
        Ok(map) => return Ok((map, Leniency::Strict)),
        // Valid JSON of another shape (an array, a string, ...).
        Err(e) if e.is_data() => return Err("annotation is not a JSON object".to_string()),
        Err(e) => e.to_string(),
    };
    if max_depth(t) > MAX_DEPTH {
        return Err(format!("annotation nested deeper than {MAX_DEPTH} levels"));
    }
    if let Ok(map) = json5::from_str::<BTreeMap<String, Value>>(t) {
        return Ok((map, Leniency::Relaxed));
    }
    let relaxed = json5::from_str::<BTreeMap<String, Value>>(&escape_line_breaks(t)).is_ok();
    for mode in [Mode::EscapeNewlines, Mode::CloseAtNewline] {
        let fixed = repair(t, mode);
        if let Ok(map) = serde_json::from_str::<BTreeMap<String, Value>>(&fixed) {
            let leniency = if relaxed {
                Leniency::Relaxed
            } else {
                Leniency::Repaired
            };
            return Ok((map, leniency));
        }
    }
    Err(strict_err)
}

/// Raw line breaks inside quoted strings written as `\n`, and nothing else.
fn escape_line_breaks(t: &str) -> String {
    let mut out = String::with_capacity(t.len() + 8);
    let mut quote: Option<char> = None;
    let mut escaped = false;
    for c in t.chars() {
        match quote {
            Some(q) => {
                if escaped {
                    escaped = false;
                } else if c == '\\' {
                    escaped = true;
                } else if c == q {
                    quote = None;
                } else if c == '\n' {
                    out.push_str("\\n");
                    continue;
                } else if c == '\r' {
                    continue;
                }
            }
            None if c == '"' || c == '\'' => quote = Some(c),
            None => {}
        }
        out.push(c);
    }
    out
}

/// Maximum bracket nesting outside strings (iterative).
fn max_depth(t: &str) -> usize {
    let mut depth = 0usize;
    let mut max = 0usize;
    let mut in_str: Option<char> = None;
    let mut escape = false;
    for c in t.chars() {
        if let Some(q) = in_str {
            if escape {
                escape = false;
            } else if c == '\\' {
                escape = true;
            } else if c == q || c == '\n' {
                in_str = None;
            }
            continue;
        }
        match c {
            '"' | '\'' => in_str = Some(c),
            '{' | '[' => {
                depth += 1;
                max = max.max(depth);
            }
            '}' | ']' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    max
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// A raw line break inside a string becomes `\n`.
    EscapeNewlines,
    /// A raw line break inside a string ends it (an unterminated string).
    CloseAtNewline,
}

fn is_open_quote(c: char) -> bool {
    matches!(c, '"' | '\'' | '\u{201c}' | '\u{201d}')
}

fn closes(open: char, c: char) -> bool {
    match open {
        '\u{201c}' | '\u{201d}' => matches!(c, '\u{201c}' | '\u{201d}' | '"'),
        _ => c == open,
    }
}

/// Rewrites almost-JSON into JSON, in one pass.
fn repair(t: &str, mode: Mode) -> String {
    let chars: Vec<char> = t.chars().collect();
    let mut out = String::with_capacity(t.len() + 16);
    // Last significant (non-space) char written outside strings.
    let mut last = '\0';
    let mut stack: Vec<char> = Vec::new();
    let mut i = 0;
    let n = chars.len();

    // Inserts a comma when a value starts right after another value.
    fn sep(out: &mut String, last: char) {
        if matches!(last, '"' | '}' | ']') || last.is_ascii_alphanumeric() {
            out.push(',');
        }
    }

    while i < n {
        let c = chars[i];
        if is_open_quote(c) {
            sep(&mut out, last);
            out.push('"');
            i += 1;
            while i < n {
                let d = chars[i];
                if closes(c, d) {
                    i += 1;
                    break;
                }
                match d {
                    '\\' => {
                        let next = chars.get(i + 1).copied();
                        match next {
                            Some('"' | '\\' | '/' | 'b' | 'f' | 'n' | 'r' | 't' | 'u') => {
                                out.push('\\');
                                out.push(next.unwrap_or('\\'));
                                i += 2;
                            }
                            Some('\'') => {
                                out.push('\'');
                                i += 2;
                            }
                            _ => {
                                out.push_str("\\\\");
                                i += 1;
                            }
                        }
                        continue;
                    }
                    '"' => out.push_str("\\\""),
                    '\n' if mode == Mode::CloseAtNewline => break,
                    '\n' => out.push_str("\\n"),
                    '\r' => out.push_str("\\r"),
                    '\t' => out.push_str("\\t"),
                    d if (d as u32) < 0x20 => out.push(' '),
                    d => out.push(d),
                }
                i += 1;
            }
            out.push('"');
            last = '"';
            continue;
        }
        match c {
            '/' if chars.get(i + 1) == Some(&'/') => {
                while i < n && chars[i] != '\n' {
                    i += 1;
                }
                continue;
            }
            '/' if chars.get(i + 1) == Some(&'*') => {
                i += 2;
                while i < n && !(chars[i] == '*' && chars.get(i + 1) == Some(&'/')) {
                    i += 1;
                }
                i += 2;
                continue;
            }
            '{' | '[' => {
                sep(&mut out, last);
                stack.push(if c == '{' { '}' } else { ']' });
                out.push(c);
                last = c;
            }
            '}' | ']' => {
                // Drop a trailing comma.
                if last == ',' {
                    let trimmed = out.trim_end().len();
                    out.truncate(trimmed);
                    if out.ends_with(',') {
                        out.pop();
                    }
                }
                // Close whatever is open up to the matching bracket.
                if stack.contains(&c) {
                    while let Some(open) = stack.pop() {
                        out.push(open);
                        if open == c {
                            break;
                        }
                    }
                }
                last = c;
            }
            // Repeated or leading commas are dropped.
            ',' if last != ',' && !matches!(last, '{' | '[' | ':' | '\0') => {
                out.push(',');
                last = ',';
            }
            ':' => {
                out.push(':');
                last = ':';
            }
            c if c.is_whitespace() => out.push(c),
            c if c.is_alphanumeric() || matches!(c, '_' | '$' | '@' | '-' | '+' | '.') => {
                let start = i;
                while i < n
                    && (chars[i].is_alphanumeric()
                        || matches!(chars[i], '_' | '$' | '@' | '-' | '+' | '.'))
                {
                    i += 1;
                }
                let word: String = chars[start..i].iter().collect();
                sep(&mut out, last);
                let is_key = chars[i..].iter().find(|c| !c.is_whitespace()) == Some(&':');
                let literal = matches!(word.as_str(), "true" | "false" | "null")
                    || serde_json::from_str::<serde_json::Number>(&word).is_ok();
                if literal && !is_key {
                    out.push_str(&word);
                    last = word.chars().last().unwrap_or('0');
                } else {
                    out.push('"');
                    out.push_str(&word);
                    out.push('"');
                    last = '"';
                }
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    if last == ',' {
        let trimmed = out.trim_end().len();
        out.truncate(trimmed);
        out.pop();
    }
    while let Some(open) = stack.pop() {
        out.push(open);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(t: &str) -> (BTreeMap<String, Value>, bool) {
        parse_annotation(t).unwrap_or_else(|e| panic!("{t}: {e}"))
    }

    #[test]
    fn strict() {
        let (m, lenient) = ok(r#"{ "blockType": "request", "name": "x" }"#);
        assert!(!lenient);
        assert_eq!(m["blockType"], "request");
    }

    #[test]
    fn trailing_comma() {
        let (m, lenient) = ok("{\n  \"blockType\": \"response\",\n}");
        assert!(lenient);
        assert_eq!(m["blockType"], "response");
        let (m, _) = ok("{ \"a\": [ ], \"b\": [\n\n ],\n}");
        assert_eq!(m["b"], serde_json::json!([]));
    }

    #[test]
    fn unquoted_key() {
        let (m, lenient) = ok("{ \"blockType\": \"response\", isCollection: true }");
        assert!(lenient);
        assert_eq!(m["isCollection"], true);
    }

    #[test]
    fn raw_newline_in_string() {
        let (m, lenient) = ok(
            "{\n \"suppressions\": [\n  \"Warning: x:\n      more text\"\n ],\n \"tocPath\": \"\"\n}",
        );
        assert!(lenient);
        assert_eq!(m["suppressions"][0], "Warning: x:\n      more text");
    }

    #[test]
    fn unterminated_string() {
        let (m, lenient) = ok(
            "{\n  \"type\": \"#page.annotation\",\n  \"description\": \"User delete x,\n  \"keywords\": \"\",\n  \"tocPath\": \"\"\n}",
        );
        assert!(lenient);
        assert_eq!(m["keywords"], "");
        assert_eq!(m["description"], "User delete x,");
    }

    #[test]
    fn missing_comma() {
        let (m, lenient) = ok("{\n  \"tocPath\": \"\"\n  \"suppressions\": []\n}");
        assert!(lenient);
        assert_eq!(m["suppressions"], serde_json::json!([]));
    }

    #[test]
    fn missing_close_and_single_quotes() {
        let (m, lenient) = ok("{ 'blockType': 'request', \"name\": \"a\"");
        assert!(lenient);
        assert_eq!(m["name"], "a");
    }

    #[test]
    fn rejects() {
        assert!(parse_annotation("").is_err());
        assert!(parse_annotation("[1, 2]").is_err());
        let deep = "{\"a\":".to_string() + &"[".repeat(100_000);
        assert!(parse_annotation(&deep).is_err());
    }

    #[test]
    fn never_panics_on_odd_input() {
        for t in [
            "{",
            "}",
            "{\"a\"",
            "{'",
            "{\"a\":\\",
            "{/*",
            "{//",
            "{\u{201c}a\u{201d}: 1}",
            "{,,,}",
            "{\"a\": tru}",
            "{\"a\": -}",
            "{:}",
            "{\"\\u12\"}",
        ] {
            let _ = parse_annotation(t);
        }
    }
}

//! Where a value of an example body is in its page: JSON paths to lines and
//! columns, read from the page's text (the IR keeps only the line of a
//! block's first line).

use std::collections::HashMap;
use std::fmt::Write as _;

/// One step of a path into a JSON value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Seg {
    Key(String),
    Index(usize),
}

/// The path in the form messages show: `$.value[0].status`.
pub(crate) fn display(path: &[Seg]) -> String {
    let mut out = String::from("$");
    for seg in path {
        match seg {
            Seg::Key(k)
                if !k.is_empty()
                    && k.chars()
                        .all(|c| c.is_alphanumeric() || matches!(c, '_' | '@' | '.' | '-')) =>
            {
                let _ = write!(out, ".{k}");
            }
            Seg::Key(k) => {
                let _ = write!(out, "[{}]", serde_json::Value::String(k.clone()));
            }
            Seg::Index(i) => {
                let _ = write!(out, "[{i}]");
            }
        }
    }
    out
}

/// Positions (1-based line, 1-based column in characters) of the keys (and
/// array elements) of one body, by [`display`] path.
#[derive(Debug, Default)]
pub(crate) struct BodyMap {
    positions: HashMap<String, (u32, u32)>,
}

impl BodyMap {
    /// The position of `path`, else of its nearest ancestor that has one.
    pub(crate) fn find(&self, path: &[Seg]) -> Option<(u32, u32)> {
        (0..=path.len())
            .rev()
            .find_map(|n| self.positions.get(&display(&path[..n])).copied())
    }
}

/// Reads the body of the HTTP block whose first line is `first_line`
/// (1-based) of `text`: the first line after it that starts with `{` or `[`,
/// before the closing fence. An empty map when there is none or the JSON
/// cannot be followed.
pub(crate) fn body_map(text: &str, first_line: u32) -> BodyMap {
    let mut offset = 0;
    let mut start = None;
    for (line_no, line) in (1u32..).zip(text.split_inclusive('\n')) {
        if line_no > first_line {
            let t = line.trim_start();
            if t.starts_with("```") || t.starts_with("~~~") {
                break;
            }
            if t.starts_with('{') || t.starts_with('[') {
                let indent = line.len() - t.len();
                let col = line[..indent].chars().count() as u32 + 1;
                start = Some((offset + indent, line_no, col));
                break;
            }
        }
        offset += line.len();
    }
    let Some((pos, line, col)) = start else {
        return BodyMap::default();
    };
    let mut scanner = Scanner {
        bytes: text.as_bytes(),
        pos,
        line,
        col,
        positions: HashMap::new(),
    };
    // What was read before the scanner lost its way (if it does) is right: keep it.
    let _ = scanner.value(&mut Vec::new(), 0);
    BodyMap {
        positions: scanner.positions,
    }
}

/// Nesting deeper than this is not followed (serde_json's own limit is 128).
const MAX_DEPTH: usize = 128;

struct Scanner<'t> {
    bytes: &'t [u8],
    pos: usize,
    line: u32,
    col: u32,
    positions: HashMap<String, (u32, u32)>,
}

impl Scanner<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn bump(&mut self) -> Option<u8> {
        let b = self.peek()?;
        self.pos += 1;
        if b == b'\n' {
            self.line += 1;
            self.col = 1;
        } else if b & 0xC0 != 0x80 {
            self.col += 1;
        }
        Some(b)
    }

    fn ws(&mut self) {
        while self.peek().is_some_and(|b| b.is_ascii_whitespace()) {
            self.bump();
        }
    }

    fn record(&mut self, path: &[Seg]) {
        self.positions
            .entry(display(path))
            .or_insert((self.line, self.col));
    }

    fn value(&mut self, path: &mut Vec<Seg>, depth: usize) -> Option<()> {
        if depth > MAX_DEPTH {
            return None;
        }
        self.ws();
        if path.is_empty() {
            self.record(path);
        }
        match self.peek()? {
            b'{' => {
                self.bump();
                self.ws();
                if self.peek()? == b'}' {
                    self.bump();
                    return Some(());
                }
                loop {
                    self.ws();
                    if self.peek()? != b'"' {
                        return None;
                    }
                    let (line, col) = (self.line, self.col);
                    let key = self.string()?;
                    path.push(Seg::Key(key));
                    self.positions.entry(display(path)).or_insert((line, col));
                    self.ws();
                    if self.bump()? != b':' {
                        return None;
                    }
                    self.value(path, depth + 1)?;
                    path.pop();
                    self.ws();
                    match self.bump()? {
                        b',' => continue,
                        b'}' => return Some(()),
                        _ => return None,
                    }
                }
            }
            b'[' => {
                self.bump();
                self.ws();
                if self.peek()? == b']' {
                    self.bump();
                    return Some(());
                }
                let mut i = 0;
                loop {
                    self.ws();
                    path.push(Seg::Index(i));
                    self.record(path);
                    self.value(path, depth + 1)?;
                    path.pop();
                    self.ws();
                    match self.bump()? {
                        b',' => i += 1,
                        b']' => return Some(()),
                        _ => return None,
                    }
                }
            }
            b'"' => self.string().map(drop),
            _ => {
                let start = self.pos;
                while self
                    .peek()
                    .is_some_and(|b| !b.is_ascii_whitespace() && !matches!(b, b',' | b']' | b'}'))
                {
                    self.bump();
                }
                (self.pos > start).then_some(())
            }
        }
    }

    /// A JSON string at the cursor, decoded.
    fn string(&mut self) -> Option<String> {
        let start = self.pos;
        self.bump();
        loop {
            match self.bump()? {
                b'\\' => {
                    self.bump()?;
                }
                b'"' => break,
                b'\n' => return None,
                _ => {}
            }
        }
        let raw = std::str::from_utf8(&self.bytes[start..self.pos]).ok()?;
        serde_json::from_str(raw).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_keys_and_elements_below_the_headers() {
        let text = "x\n```http\nHTTP/1.1 200 OK\nContent-Type: application/json\n\n{\n  \"a\": 1,\n  \"b\": [\n    {\"c\": \"é\", \"d\": 2}\n  ]\n}\n```\n{\"e\": 1}\n";
        let map = body_map(text, 3);
        let at = |p: &[Seg]| map.find(p);
        assert_eq!(at(&[]), Some((6, 1)));
        assert_eq!(at(&[Seg::Key("a".into())]), Some((7, 3)));
        assert_eq!(
            at(&[Seg::Key("b".into()), Seg::Index(0), Seg::Key("d".into())]),
            Some((9, 16))
        );
        // Unknown paths fall back to their nearest ancestor.
        assert_eq!(at(&[Seg::Key("b".into()), Seg::Index(3)]), Some((8, 3)));
        assert_eq!(at(&[Seg::Key("e".into())]), Some((6, 1)));
    }

    #[test]
    fn no_body_gives_an_empty_map() {
        assert_eq!(body_map("GET /me\n```\n{\"a\": 1}", 1).find(&[]), None);
    }

    #[test]
    fn paths_display_like_jsonpath() {
        let p = [
            Seg::Key("value".into()),
            Seg::Index(0),
            Seg::Key("odd key".into()),
        ];
        assert_eq!(display(&p), "$.value[0][\"odd key\"]");
    }
}

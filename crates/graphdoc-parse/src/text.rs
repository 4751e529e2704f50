//! Source text handling: decoding, line/column lookup, diagnostics sink.

use std::borrow::Cow;
use std::cell::Cell;

use graphdoc_ir::{Code, Diagnostic, FileId, Loc};

/// Maps byte offsets to 1-based line and character columns.
///
/// No table of line starts is built: a cursor moves forward through the
/// text counting line breaks (`memchr`), so lookups in increasing order cost
/// linear time in total, also on one very long line. A lookup behind the
/// cursor on the same line is cheap; further back, the cursor restarts.
pub(crate) struct LineIndex<'a> {
    src: &'a [u8],
    file: FileId,
    cursor: Cell<Cursor>,
}

#[derive(Clone, Copy)]
struct Cursor {
    off: usize,
    line: u32,
    line_start: usize,
    col: u32,
}

const START: Cursor = Cursor {
    off: 0,
    line: 1,
    line_start: 0,
    col: 1,
};

impl<'a> LineIndex<'a> {
    pub(crate) fn new(src: &'a str, file: FileId) -> Self {
        Self {
            src: src.as_bytes(),
            file,
            cursor: Cell::new(START),
        }
    }

    fn seek(&self, offset: usize) -> Cursor {
        let offset = offset.min(self.src.len());
        let mut c = self.cursor.get();
        if offset < c.off {
            if offset >= c.line_start {
                let col = 1 + count_chars(&self.src[c.line_start..offset]);
                return Cursor {
                    off: offset,
                    col,
                    ..c
                };
            }
            c = START;
        }
        let seg = &self.src[c.off..offset];
        match memchr::memrchr(b'\n', seg) {
            Some(i) => {
                let count = memchr::memchr_iter(b'\n', seg).count() as u32;
                c.line += count;
                c.line_start = c.off + i + 1;
                c.col = 1 + count_chars(&self.src[c.line_start..offset]);
            }
            None => c.col += count_chars(seg),
        }
        c.off = offset;
        self.cursor.set(c);
        c
    }

    /// 1-based line of a byte offset.
    pub(crate) fn line(&self, offset: usize) -> u32 {
        self.seek(offset).line
    }

    /// The location of a byte offset.
    pub(crate) fn loc(&self, offset: usize) -> Loc {
        let c = self.seek(offset);
        Loc::new(self.file, c.line, c.col)
    }
}

/// Counts UTF-8 characters in a byte slice (lead bytes), without requiring
/// the slice to start or end on a character boundary.
fn count_chars(bytes: &[u8]) -> u32 {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count() as u32
}

/// Collects diagnostics for one page.
pub(crate) struct Sink<'a> {
    pub(crate) path: &'a str,
    pub(crate) diags: Vec<Diagnostic>,
}

impl<'a> Sink<'a> {
    pub(crate) fn new(path: &'a str) -> Self {
        Self {
            path,
            diags: Vec::new(),
        }
    }

    pub(crate) fn at(&mut self, code: Code, loc: Loc, message: impl Into<String>) {
        self.diags.push(Diagnostic::new(
            code, self.path, loc.line, loc.column, message,
        ));
    }

    pub(crate) fn file(&mut self, code: Code, message: impl Into<String>) {
        self.diags
            .push(Diagnostic::new(code, self.path, 0, 0, message));
    }
}

/// Turns raw bytes into the text the parser reads: lossy UTF-8 (with the line
/// of the first invalid byte), without a BOM, with CRLF normalized to LF
/// (line numbers are unchanged by that), and with tabs in table delimiter
/// rows (`|---\t|---|`) turned into spaces, which GFM tables would otherwise
/// reject (byte offsets are unchanged by that).
pub(crate) struct Decoded<'a> {
    pub(crate) text: Cow<'a, str>,
    /// 1-based line of the first invalid UTF-8 sequence, if any.
    pub(crate) invalid_utf8_line: Option<u32>,
}

pub(crate) fn decode(bytes: &[u8]) -> Decoded<'_> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let (text, invalid_utf8_line) = match std::str::from_utf8(bytes) {
        Ok(s) => (Cow::Borrowed(s), None),
        Err(e) => {
            let upto = e.valid_up_to();
            let line = 1 + memchr::memchr_iter(b'\n', &bytes[..upto]).count() as u32;
            (
                Cow::Owned(String::from_utf8_lossy(bytes).into_owned()),
                Some(line),
            )
        }
    };
    let text = if memchr::memchr(b'\r', text.as_bytes()).is_some() {
        Cow::Owned(text.replace("\r\n", "\n"))
    } else {
        text
    };
    let text = untab_delimiter_rows(text);
    Decoded {
        text,
        invalid_utf8_line,
    }
}

/// Replaces tabs with spaces on table delimiter rows: lines of only `|`,
/// `-`, `:` and blanks, with at least one `|` and one `-`.
fn untab_delimiter_rows(text: Cow<'_, str>) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    let is_delimiter_row = |line: &[u8]| {
        line.iter()
            .all(|b| matches!(b, b'|' | b'-' | b':' | b' ' | b'\t'))
            && line.contains(&b'|')
            && line.contains(&b'-')
    };
    let mut fix: Vec<(usize, usize)> = Vec::new();
    for tab in memchr::memchr_iter(b'\t', bytes) {
        if fix.last().is_some_and(|&(_, end)| tab < end) {
            continue;
        }
        let start = memchr::memrchr(b'\n', &bytes[..tab]).map_or(0, |i| i + 1);
        let end = memchr::memchr(b'\n', &bytes[tab..]).map_or(bytes.len(), |i| tab + i);
        if is_delimiter_row(&bytes[start..end]) {
            fix.push((start, end));
        } else {
            // Skip the rest of this line.
            fix.push((end, end));
        }
    }
    if !fix.iter().any(|(s, e)| s < e) {
        return text;
    }
    let mut owned = text.into_owned().into_bytes();
    for (s, e) in fix {
        for b in &mut owned[s..e] {
            if *b == b'\t' {
                *b = b' ';
            }
        }
    }
    // Only ASCII tabs became ASCII spaces: still UTF-8.
    Cow::Owned(String::from_utf8(owned).expect("tab to space keeps UTF-8"))
}

/// Finds `needle` in `hay` ignoring ASCII case; `needle` must be lowercase ASCII.
pub(crate) fn find_ci(hay: &str, needle: &str) -> Option<usize> {
    let h = hay.as_bytes();
    let n = needle.as_bytes();
    if n.is_empty() {
        return Some(0);
    }
    if h.len() < n.len() {
        return None;
    }
    let first = n[0];
    let upper = first.to_ascii_uppercase();
    let mut i = 0;
    while i + n.len() <= h.len() {
        let rest = &h[i..h.len() - n.len() + 1];
        let j = if first == upper {
            memchr::memchr(first, rest)?
        } else {
            memchr::memchr2(first, upper, rest)?
        };
        let at = i + j;
        if h[at..at + n.len()].eq_ignore_ascii_case(n) {
            return Some(at);
        }
        i = at + 1;
    }
    None
}

/// Whether `s` contains `needle` ignoring ASCII case (`needle` lowercase).
pub(crate) fn contains_ci(s: &str, needle: &str) -> bool {
    find_ci(s, needle).is_some()
}

/// Collapses runs of whitespace into one space and trims.
pub(crate) fn squash_ws(s: &str) -> Cow<'_, str> {
    let t = s.trim();
    let b = t.as_bytes();
    // Single spaces only, and no other (ASCII or Unicode) whitespace.
    let plain = b
        .iter()
        .enumerate()
        .all(|(i, &c)| c == b' ' && b.get(i + 1) != Some(&b' ') || !c.is_ascii_whitespace());
    if plain && (t.is_ascii() || !t.contains(|c: char| !c.is_ascii() && c.is_whitespace())) {
        return Cow::Borrowed(t);
    }
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters() {
        let src = "ab\nçé x\n";
        let idx = LineIndex::new(src, FileId(0));
        assert_eq!(idx.loc(0), Loc::new(FileId(0), 1, 1));
        assert_eq!(idx.loc(3), Loc::new(FileId(0), 2, 1));
        let x = src.find('x').unwrap();
        assert_eq!(idx.loc(x), Loc::new(FileId(0), 2, 4));
        // Backwards lookups still work.
        assert_eq!(idx.loc(1), Loc::new(FileId(0), 1, 2));
    }

    #[test]
    fn find_ci_works() {
        assert_eq!(find_ci("Possible Values are", "values"), Some(9));
        assert_eq!(find_ci("abc", "abcd"), None);
        assert_eq!(find_ci("xxAB", "ab"), Some(2));
        assert!(contains_ci("Not Yet Documented", "not yet documented"));
    }

    #[test]
    fn decode_strips_bom_and_crlf() {
        let d = decode(b"\xEF\xBB\xBFa\r\nb");
        assert_eq!(d.text, "a\nb");
        let d = decode(b"| a\t| b |\n|---\t|---|\n|x\t|y|\n");
        assert_eq!(d.text, "| a\t| b |\n|--- |---|\n|x\t|y|\n");
        let d = decode(b"a\n\xFFb");
        assert_eq!(d.invalid_utf8_line, Some(2));
    }
}

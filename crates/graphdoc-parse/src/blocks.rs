//! The one pass over pulldown-cmark's event stream: turns a page into a flat
//! list of blocks (headings, paragraphs, tables, code blocks, annotations)
//! with byte offsets. Everything later reads these blocks, never the markdown.
//!
//! No recursion: nesting is tracked with counters and a small link stack.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::LazyLock;

use memchr::memmem;

use graphdoc_ir::{Annotation, Code};
use pulldown_cmark::{
    CodeBlockKind, CowStr, Event, MetadataBlockKind, Options, Parser, Tag, TagEnd,
};

use crate::annotation::{Leniency, parse_annotation_leniently};
use crate::text::{LineIndex, Sink};

/// Inline content rendered as "markdown-lite": text as written, inline code
/// kept in backticks, links reduced to their text, emphasis markers and HTML
/// tags dropped, line breaks as spaces.
///
/// The text borrows from the page while it is one piece of source text (most
/// table cells), and is copied only when pieces are joined.
#[derive(Debug, Default, Clone)]
pub(crate) struct Inline<'a> {
    pub(crate) text: Cow<'a, str>,
    pub(crate) links: Vec<Link<'a>>,
    /// Ranges of inline code content (without the backticks) in `text`.
    pub(crate) codes: Vec<Range<usize>>,
}

#[derive(Debug, Clone)]
pub(crate) struct Link<'a> {
    pub(crate) dest: Cow<'a, str>,
    /// Range of the link text in [`Inline::text`].
    pub(crate) text: Range<usize>,
}

/// A pulldown-cmark string as a `Cow`, without copying borrowed text.
pub(crate) fn cow(s: CowStr<'_>) -> Cow<'_, str> {
    match s {
        CowStr::Borrowed(b) => Cow::Borrowed(b),
        other => Cow::Owned(other.to_string()),
    }
}

impl<'a> Inline<'a> {
    fn push(&mut self, s: CowStr<'a>) {
        append(&mut self.text, s);
    }

    fn push_str(&mut self, s: &str) {
        owned(&mut self.text, s.len()).push_str(s);
    }

    pub(crate) fn trimmed(&self) -> &str {
        self.text.trim()
    }

    pub(crate) fn link_text(&self, link: &Link) -> &str {
        self.text.get(link.text.clone()).unwrap_or("")
    }

    pub(crate) fn code(&self, r: &Range<usize>) -> &str {
        self.text.get(r.clone()).unwrap_or("")
    }

    /// The text without backticks, emphasis leftovers and surrounding space:
    /// the form for names (property, header, member names).
    pub(crate) fn name(&self) -> String {
        clean_name(&self.text)
    }

    /// [`Inline::name`] without copying when nothing needs removing.
    pub(crate) fn name_ref(&self) -> Cow<'_, str> {
        clean_name_ref(&self.text)
    }

    /// The text as a description (`None` when empty), reusing the text's
    /// buffer when it can.
    pub(crate) fn into_description(self) -> Option<String> {
        let t = self.text.trim();
        if t.is_empty() {
            return None;
        }
        if t.len() == self.text.len() {
            let mut s = self.text.into_owned();
            // Joined text has slack; the IR keeps it, so give it back.
            if s.capacity() > s.len() + s.len() / 4 + 16 {
                s.shrink_to_fit();
            }
            return Some(s);
        }
        Some(t.to_string())
    }
}

/// Cleans a name cell: drops backticks, asterisks, and surrounding spaces.
pub(crate) fn clean_name(s: &str) -> String {
    clean_name_ref(s).into_owned()
}

/// [`clean_name`], borrowing when nothing needs removing.
pub(crate) fn clean_name_ref(s: &str) -> Cow<'_, str> {
    let t = s.trim();
    if !t.bytes().any(|b| matches!(b, b'`' | b'*' | b'\\')) {
        return Cow::Borrowed(t);
    }
    let s: String = t.chars().filter(|c| *c != '`' && *c != '*').collect();
    Cow::Owned(s.trim().trim_matches('\\').trim().to_string())
}

#[derive(Debug)]
pub(crate) struct Row<'a> {
    pub(crate) cells: Vec<Inline<'a>>,
    pub(crate) off: usize,
}

#[derive(Debug)]
pub(crate) enum Block<'a> {
    Heading {
        level: u8,
        inl: Inline<'a>,
        off: usize,
    },
    Para {
        inl: Inline<'a>,
        /// Inside a block quote (notes, warnings).
        quoted: bool,
        off: usize,
    },
    Table {
        header: Vec<Inline<'a>>,
        rows: Vec<Row<'a>>,
        off: usize,
    },
    Code {
        /// The first word of the info string, e.g. `http`, `json`, `msgraph-interactive`.
        info: String,
        text: Cow<'a, str>,
        off: usize,
        /// Offset of the first content line (for locating lines inside).
        content_off: usize,
    },
    /// A `<!-- { ... } -->` comment that parsed (strictly or leniently).
    Annotation(Annotation),
}

/// The result of the block pass.
pub(crate) struct Blocks<'a> {
    pub(crate) front_matter: Option<(Cow<'a, str>, usize)>,
    pub(crate) blocks: Vec<Block<'a>>,
}

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
}

struct TableState<'a> {
    header: Vec<Inline<'a>>,
    rows: Vec<Row<'a>>,
    off: usize,
    row: Vec<Inline<'a>>,
    row_off: usize,
}

struct CodeState<'a> {
    info: String,
    text: Cow<'a, str>,
    off: usize,
    content_off: Option<usize>,
    fenced: bool,
}

/// Runs pulldown-cmark over `src` and collects blocks, reporting TODO
/// placeholders, ragged table rows, unterminated fences and bad annotations.
pub(crate) fn collect<'a>(src: &'a str, idx: &LineIndex<'_>, sink: &mut Sink<'_>) -> Blocks<'a> {
    let mut out = Blocks {
        front_matter: None,
        blocks: Vec::with_capacity(64),
    };
    let mut meta: Option<(Cow<'a, str>, usize)> = None;
    let mut in_meta = false;
    let mut cur: Option<(Inline<'a>, usize)> = None;
    let mut heading: Option<u8> = None;
    let mut quote_depth = 0usize;
    let mut link_stack: Vec<(Cow<'a, str>, usize)> = Vec::new();
    let mut table: Option<TableState<'a>> = None;
    let mut code: Option<CodeState<'a>> = None;
    let mut html: Option<(String, usize)> = None;
    let placeholders = find_placeholders(src);
    let mut next_placeholder = 0usize;

    for (ev, range) in Parser::new_ext(src, options()).into_offset_iter() {
        match ev {
            Event::Start(tag) => match tag {
                Tag::MetadataBlock(MetadataBlockKind::YamlStyle) => {
                    in_meta = true;
                    // Only a block at the very start is front matter;
                    // pulldown-cmark also reports `---` pairs further down.
                    if range.start == 0 && out.front_matter.is_none() {
                        meta = Some((Cow::Borrowed(""), range.start));
                    }
                }
                Tag::MetadataBlock(_) => in_meta = true,
                Tag::Heading { level, .. } => {
                    flush_para(&mut cur, &mut out.blocks, quote_depth);
                    heading = Some(level as u8);
                    cur = Some((Inline::default(), range.start));
                }
                Tag::Paragraph => {
                    flush_para(&mut cur, &mut out.blocks, quote_depth);
                    if table.is_none() {
                        cur = Some((Inline::default(), range.start));
                    }
                }
                Tag::BlockQuote(_) => {
                    flush_para(&mut cur, &mut out.blocks, quote_depth);
                    quote_depth += 1;
                }
                Tag::CodeBlock(kind) => {
                    flush_para(&mut cur, &mut out.blocks, quote_depth);
                    let (info, fenced) = match kind {
                        CodeBlockKind::Fenced(info) => (
                            info.split_whitespace().next().unwrap_or("").to_string(),
                            true,
                        ),
                        CodeBlockKind::Indented => (String::new(), false),
                    };
                    code = Some(CodeState {
                        info,
                        text: Cow::Borrowed(""),
                        off: range.start,
                        content_off: None,
                        fenced,
                    });
                }
                Tag::HtmlBlock => {
                    flush_para(&mut cur, &mut out.blocks, quote_depth);
                    html = Some((String::new(), range.start));
                }
                Tag::List(_) | Tag::Item => {
                    flush_para(&mut cur, &mut out.blocks, quote_depth);
                }
                Tag::Table(_) => {
                    flush_para(&mut cur, &mut out.blocks, quote_depth);
                    table = Some(TableState {
                        header: Vec::new(),
                        rows: Vec::new(),
                        off: range.start,
                        row: Vec::new(),
                        row_off: range.start,
                    });
                }
                Tag::TableHead => {
                    if let Some(t) = table.as_mut() {
                        t.row.clear();
                        t.row_off = range.start;
                    }
                }
                Tag::TableRow => {
                    if let Some(t) = table.as_mut() {
                        t.row = Vec::with_capacity(t.header.len());
                        t.row_off = range.start;
                        let expected = t.header.len();
                        let found = count_row_cells(&src[range.clone()]);
                        if expected > 0 && found != expected {
                            sink.at(
                                Code::RaggedTableRow,
                                idx.loc(range.start),
                                format!("table row has {found} cell(s), the header has {expected}"),
                            );
                        }
                    }
                }
                Tag::TableCell => {
                    cur = Some((Inline::default(), range.start));
                }
                Tag::Link { dest_url, .. } => {
                    let at = cur.as_ref().map_or(0, |(inl, _)| inl.text.len());
                    link_stack.push((cow(dest_url), at));
                }
                _ => {}
            },
            Event::End(tag) => match tag {
                TagEnd::MetadataBlock(_) => {
                    in_meta = false;
                    if let Some(m) = meta.take() {
                        out.front_matter = Some(m);
                    }
                }
                TagEnd::Heading(_) => {
                    if let Some((inl, off)) = cur.take() {
                        out.blocks.push(Block::Heading {
                            level: heading.unwrap_or(1),
                            inl,
                            off,
                        });
                    }
                    heading = None;
                }
                TagEnd::Paragraph | TagEnd::Item | TagEnd::List(_) => {
                    flush_para(&mut cur, &mut out.blocks, quote_depth);
                }
                TagEnd::BlockQuote(_) => {
                    flush_para(&mut cur, &mut out.blocks, quote_depth);
                    quote_depth = quote_depth.saturating_sub(1);
                }
                TagEnd::CodeBlock => {
                    if let Some(c) = code.take() {
                        if c.fenced && !fence_closed(&src[range.clone()]) {
                            sink.at(
                                Code::UnterminatedFence,
                                idx.loc(c.off),
                                "code fence is never closed; it runs to the end of its container",
                            );
                        }
                        let content_off = c.content_off.unwrap_or(range.end);
                        out.blocks.push(Block::Code {
                            info: c.info,
                            text: c.text,
                            off: c.off,
                            content_off,
                        });
                    }
                }
                TagEnd::HtmlBlock => {
                    if let Some((text, off)) = html.take() {
                        // Outside block quotes the block is its source text,
                        // read in place; inside, the quote markers are gone
                        // from the collected text.
                        let block = if quote_depth == 0 {
                            src.get(off.min(range.start)..range.end).unwrap_or(&text)
                        } else {
                            &text
                        };
                        scan_comments(block, off, src, idx, sink, &mut out.blocks);
                    }
                }
                TagEnd::TableHead => {
                    if let Some(t) = table.as_mut() {
                        t.header = std::mem::take(&mut t.row);
                    }
                }
                TagEnd::TableRow => {
                    if let Some(t) = table.as_mut() {
                        let cells = std::mem::take(&mut t.row);
                        t.rows.push(Row {
                            cells,
                            off: t.row_off,
                        });
                    }
                }
                TagEnd::TableCell => {
                    let inl = cur.take().map(|(i, _)| i).unwrap_or_default();
                    if let Some(t) = table.as_mut() {
                        t.row.push(inl);
                    }
                }
                TagEnd::Table => {
                    if let Some(t) = table.take() {
                        out.blocks.push(Block::Table {
                            header: t.header,
                            rows: t.rows,
                            off: t.off,
                        });
                    }
                }
                TagEnd::Link => {
                    if let Some((dest, start)) = link_stack.pop()
                        && let Some((inl, _)) = cur.as_mut()
                    {
                        let end = inl.text.len();
                        inl.links.push(Link {
                            dest,
                            text: start.min(end)..end,
                        });
                    }
                }
                _ => {}
            },
            Event::Text(t) => {
                if in_meta {
                    if let Some((m, _)) = meta.as_mut() {
                        append(m, t);
                    }
                } else if let Some(c) = code.as_mut() {
                    if c.content_off.is_none() {
                        c.content_off = Some(range.start);
                    }
                    append(&mut c.text, t);
                } else {
                    if next_placeholder < placeholders.len() {
                        report_placeholders(
                            &placeholders,
                            &mut next_placeholder,
                            range.clone(),
                            src,
                            idx,
                            sink,
                        );
                    }
                    let inl = open_inline(&mut cur, range.start, table.is_some());
                    if let Some(inl) = inl {
                        inl.push(t);
                    }
                }
            }
            Event::Code(t) => {
                if let Some(inl) = open_inline(&mut cur, range.start, table.is_some()) {
                    inl.push_str("`");
                    let start = inl.text.len();
                    inl.push_str(&t);
                    let end = inl.text.len();
                    inl.push_str("`");
                    inl.codes.push(start..end);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some((inl, _)) = cur.as_mut() {
                    inl.push_str(" ");
                }
            }
            Event::Html(t) => {
                if quote_depth > 0
                    && let Some((h, _)) = html.as_mut()
                {
                    h.push_str(&t);
                }
            }
            Event::InlineHtml(t) => {
                if t.starts_with("<!--") {
                    if t.trim_start_matches("<!--").trim_start().starts_with('{') {
                        scan_comments(&t, range.start, src, idx, sink, &mut out.blocks);
                    }
                } else if t
                    .as_bytes()
                    .get(..3)
                    .is_some_and(|b| b.eq_ignore_ascii_case(b"<br"))
                    && let Some((inl, _)) = cur.as_mut()
                    && !inl.text.ends_with(' ')
                {
                    inl.push_str(" ");
                }
            }
            Event::Rule => {
                flush_para(&mut cur, &mut out.blocks, quote_depth);
            }
            _ => {}
        }
    }
    // Defensive: anything left open is flushed.
    flush_para(&mut cur, &mut out.blocks, quote_depth);
    out
}

/// Appends to a `Cow`, borrowing while there is only one piece.
fn append<'a>(to: &mut Cow<'a, str>, s: CowStr<'a>) {
    if to.is_empty() {
        *to = cow(s);
    } else {
        owned(to, s.len()).push_str(&s);
    }
}

/// The owned string of a `Cow`, with room for `more` bytes and some slack
/// (text is usually joined from several pieces).
fn owned<'c>(to: &'c mut Cow<'_, str>, more: usize) -> &'c mut String {
    if let Cow::Borrowed(b) = *to {
        let mut s = String::with_capacity((b.len() + more) * 2 + 16);
        s.push_str(b);
        *to = Cow::Owned(s);
    }
    to.to_mut()
}

/// The inline under construction; tight list items have text without a
/// paragraph, so one is opened implicitly.
fn open_inline<'a, 'c>(
    cur: &'c mut Option<(Inline<'a>, usize)>,
    off: usize,
    in_table: bool,
) -> Option<&'c mut Inline<'a>> {
    if cur.is_none() && !in_table {
        *cur = Some((Inline::default(), off));
    }
    cur.as_mut().map(|(i, _)| i)
}

fn flush_para<'a>(
    cur: &mut Option<(Inline<'a>, usize)>,
    blocks: &mut Vec<Block<'a>>,
    quote_depth: usize,
) {
    if let Some((inl, off)) = cur.take()
        && !inl.text.trim().is_empty()
    {
        blocks.push(Block::Para {
            inl,
            quoted: quote_depth > 0,
            off,
        });
    }
}

/// Cells in a table row's source line, by GFM's rule: unescaped pipes split
/// cells; a leading and a trailing pipe are optional.
fn count_row_cells(row: &str) -> usize {
    let line = row.split('\n').next().unwrap_or("").trim();
    if line.is_empty() {
        return 0;
    }
    let bytes = line.as_bytes();
    let mut pipes = 0usize;
    let mut escaped_until = 0usize;
    for i in memchr::memchr2_iter(b'|', b'\\', bytes) {
        if i < escaped_until {
            continue;
        }
        if bytes[i] == b'\\' {
            escaped_until = i + 2;
        } else {
            pipes += 1;
        }
    }
    let mut cells = pipes + 1;
    if line.starts_with('|') {
        cells -= 1;
    }
    if line.len() > 1 && line.ends_with('|') && !line.ends_with("\\|") {
        cells -= 1;
    }
    cells
}

/// Whether a fenced code block's source ends with a closing fence.
fn fence_closed(block: &str) -> bool {
    let mut lines = block.trim_end_matches('\n').rsplit('\n');
    let Some(last) = lines.next() else {
        return false;
    };
    if lines.next().is_none() {
        // Only the opening line.
        return false;
    }
    // Strip container prefixes (block quote markers) and indentation.
    let last = last.trim_start_matches([' ', '>', '\t']);
    let t = last.trim_end();
    (t.len() >= 3 && t.bytes().all(|b| b == b'`')) || (t.len() >= 3 && t.bytes().all(|b| b == b'~'))
}

/// Offsets of `TODO` and "Not yet documented" in the whole page, found
/// with one SIMD scan; the event pass reports those that fall inside text
/// (not code, comments or link targets).
fn find_placeholders(src: &str) -> Vec<usize> {
    static TODO: LazyLock<memmem::Finder<'static>> = LazyLock::new(|| memmem::Finder::new("TODO"));
    static NYD: LazyLock<memmem::Finder<'static>> =
        LazyLock::new(|| memmem::Finder::new("ot yet documented"));
    let b = src.as_bytes();
    let mut out: Vec<usize> = TODO.find_iter(b).collect();
    out.extend(
        NYD.find_iter(b)
            .filter(|&i| i > 0 && matches!(b[i - 1], b'N' | b'n'))
            .map(|i| i - 1),
    );
    out.sort_unstable();
    out
}

/// Reports the placeholders inside a text event's source range.
fn report_placeholders(
    found: &[usize],
    next: &mut usize,
    range: Range<usize>,
    src: &str,
    idx: &LineIndex<'_>,
    sink: &mut Sink<'_>,
) {
    while *next < found.len() && found[*next] < range.start {
        *next += 1;
    }
    while *next < found.len() && found[*next] < range.end {
        let at = found[*next];
        *next += 1;
        let snippet = src
            .get(at..)
            .map_or_else(String::new, |t| snippet_from(t, 0));
        let snippet = if snippet.starts_with("TODO") {
            snippet
        } else {
            "Not yet documented".to_string()
        };
        sink.at(
            Code::TodoPlaceholder,
            idx.loc(at),
            format!("placeholder: {snippet}"),
        );
    }
}

/// Up to ~60 characters of text starting at byte `i`, for messages.
pub(crate) fn snippet_from(t: &str, i: usize) -> String {
    let rest = &t[i..];
    let end = rest.char_indices().nth(60).map_or(rest.len(), |(j, _)| j);
    let s = &rest[..end];
    let s = s.split(['\n', '|', '*', '"']).next().unwrap_or(s);
    s.trim().trim_end_matches(['.', ':']).trim().to_string()
}

/// Finds `<!-- { ... } -->` comments in HTML and turns them into annotations.
fn scan_comments(
    html: &str,
    off: usize,
    src: &str,
    idx: &LineIndex<'_>,
    sink: &mut Sink<'_>,
    blocks: &mut Vec<Block<'_>>,
) {
    // When the HTML is the source slice, offsets inside are exact.
    let exact = src.get(off..off + html.len()) == Some(html);
    let mut pos = 0;
    let find = |hay: &str, needle: &str| memchr::memmem::find(hay.as_bytes(), needle.as_bytes());
    while let Some(open) = find(&html[pos..], "<!--") {
        let cstart = pos + open;
        let start = cstart + 4;
        let (inner, next) = match find(&html[start..], "-->") {
            Some(close) => (&html[start..start + close], start + close + 3),
            None => (&html[start..], html.len()),
        };
        pos = next;
        if !inner.trim_start().starts_with('{') {
            continue;
        }
        let loc = idx.loc(if exact { off + cstart } else { off });
        match parse_annotation_leniently(inner) {
            Ok((keys, leniency)) => {
                // Relaxed JSON (trailing commas, raw line breaks) is what the
                // docs' own tools read too: only repairs are reported.
                if leniency == Leniency::Repaired {
                    sink.at(
                        Code::LenientAnnotation,
                        loc,
                        "annotation is not JSON any reader accepts (a missing comma, an unterminated string or unbalanced brackets); read by repairing it",
                    );
                }
                let lenient = leniency != Leniency::Strict;
                blocks.push(Block::Annotation(Annotation { keys, lenient, loc }));
            }
            Err(e) => {
                sink.at(
                    Code::InvalidAnnotation,
                    loc,
                    format!("annotation could not be read: {e}"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn row_cells() {
        assert_eq!(count_row_cells("|a|b|c|\n"), 3);
        assert_eq!(count_row_cells("a|b"), 2);
        assert_eq!(count_row_cells("| a \\| b | c |"), 2);
        assert_eq!(count_row_cells("| one"), 1);
        assert_eq!(count_row_cells("|1|2|3|4|"), 4);
    }

    #[test]
    fn fences() {
        assert!(fence_closed("```http\nGET /x\n```\n"));
        assert!(!fence_closed("```http\nGET /x\n"));
        assert!(!fence_closed("```http\n"));
        assert!(fence_closed("  ```json\n  {}\n  ```"));
    }
}

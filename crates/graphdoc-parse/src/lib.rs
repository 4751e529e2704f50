//! The parse stage of graphdoc: turns one Microsoft Graph documentation page
//! (markdown with YAML front matter and JSON annotations) into an IR
//! [`Page`], with located diagnostics, in one pass over pulldown-cmark's event
//! stream. It does no file IO; [`parse_sources`] parses many pages in parallel.

use std::panic::{AssertUnwindSafe, catch_unwind};

use graphdoc_ir::{Code, Corpus, Diagnostic, FileId, Page};
use rayon::prelude::*;

mod annotation;
mod blocks;
mod frontmatter;
mod http;
mod page;
mod text;
mod types;

pub use annotation::parse_annotation;

/// What parsing one page yields: the page (absent for empty or binary
/// files) and the diagnostics, in the order they were found.
#[derive(Debug, Clone, PartialEq)]
pub struct PageOutcome {
    pub page: Option<Page>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Parses one page. `path` names the file in diagnostics and decides the API
/// version (`api-reference/v1.0/...`); its stem is the operation id.
///
/// Never panics on any input: bad input becomes diagnostics (empty file
/// GD0003, binary GD0004, invalid UTF-8 GD0005 then parsed lossily).
pub fn parse_page(path: &str, file: FileId, bytes: &[u8]) -> PageOutcome {
    let mut sink = text::Sink::new(path);
    let content = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if content.iter().all(u8::is_ascii_whitespace) {
        sink.file(Code::EmptyFile, "file is empty");
        return PageOutcome {
            page: None,
            diagnostics: sink.diags,
        };
    }
    if let Some(i) = memchr::memchr(0, bytes) {
        let line = 1 + memchr::memchr_iter(b'\n', &bytes[..i]).count() as u32;
        sink.diags.push(Diagnostic::new(
            Code::BinaryFile,
            path,
            line,
            0,
            "file holds NUL bytes: not a text page, skipped",
        ));
        return PageOutcome {
            page: None,
            diagnostics: sink.diags,
        };
    }
    let decoded = text::decode(bytes);
    if let Some(line) = decoded.invalid_utf8_line {
        sink.diags.push(Diagnostic::new(
            Code::InvalidUtf8,
            path,
            line,
            0,
            "file is not valid UTF-8; invalid bytes were replaced with U+FFFD",
        ));
    }
    let page = page::build(path, file, &decoded.text, &mut sink);
    // Report in source order (front matter is read after the body pass).
    // Conventions a page follows throughout: one finding each, with a count.
    let diags = std::mem::take(&mut sink.diags);
    let diags = graphdoc_ir::group_per_file(diags, Code::MissingAnnotation, |n, _| {
        format!(
            "{n} example HTTP blocks on this page have no `<!-- {{ \"blockType\": ... }} -->` annotation (the first is here)"
        )
    });
    sink.diags = graphdoc_ir::group_per_file(diags, Code::TodoPlaceholder, |n, first| {
        format!(
            "{n} placeholders on this page (the first: {})",
            first.message
        )
    });
    sink.diags.sort_by_key(|d| (d.line, d.column));
    PageOutcome {
        page: Some(page),
        diagnostics: sink.diags,
    }
}

/// Parses many pages in parallel. File ids are indexes into `sources`;
/// `corpus.files` holds the paths; pages and diagnostics come in file order,
/// so the result is the same on every run. A panic while parsing one page
/// becomes a GD0001 diagnostic for that page and the others go on.
pub fn parse_sources(sources: &[(String, Vec<u8>)]) -> Corpus {
    let files: Vec<String> = sources.iter().map(|(p, _)| p.replace('\\', "/")).collect();
    let outcomes: Vec<PageOutcome> = sources
        .par_iter()
        .zip(files.par_iter())
        .enumerate()
        .map(|(i, ((_, bytes), path))| guarded(path, || parse_page(path, FileId(i as u32), bytes)))
        .collect();
    let mut corpus = Corpus {
        files,
        pages: Vec::with_capacity(sources.len()),
        diagnostics: Vec::new(),
    };
    for o in outcomes {
        corpus.pages.extend(o.page);
        corpus.diagnostics.extend(o.diagnostics);
    }
    corpus
}

/// Runs `parse`, turning a panic into a GD0001 diagnostic for `path`.
fn guarded(path: &str, parse: impl FnOnce() -> PageOutcome) -> PageOutcome {
    catch_unwind(AssertUnwindSafe(parse)).unwrap_or_else(|panic| {
        let what = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".to_string());
        PageOutcome {
            page: None,
            diagnostics: vec![Diagnostic::new(
                Code::InternalError,
                path,
                0,
                0,
                format!("graphdoc failed on this page (please report): {what}"),
            )],
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_an_internal_error() {
        let out = guarded("x.md", || panic!("boom"));
        assert!(out.page.is_none());
        let [d] = out.diagnostics.as_slice() else {
            panic!("one diagnostic")
        };
        assert_eq!((d.code, d.file.as_str()), (Code::InternalError, "x.md"));
        assert!(d.message.contains("boom"));
    }
}

//! Doc comments laid out beside prettyplease instead of through it.
//!
//! Doc text is half the bytes of the generated sources. Through the
//! formatter every doc line is escaped into a string literal, parsed back by
//! syn, and unescaped again by prettyplease, only to be printed as `/// line`
//! at the item's indent. While a piece of code is rendered by
//! [`unparse_deferring_docs`],
//! [`doc_attrs`](crate::codegen::doc_attrs) emits one short placeholder
//! attribute per doc comment instead and keeps its lines here; the
//! placeholder lines of the formatted text are then replaced by the doc
//! lines, at the indent prettyplease gave the placeholder. The text is the
//! one prettyplease would print (see [`expand`]); the formatter does not see
//! it.
//!
//! The doc lines are kept in a thread-local table, not in the token builders'
//! context: `doc_attrs` is called from dozens of builders that carry none.
//! Code built without a table (outside `unparse_deferring_docs`) gets the doc
//! attributes themselves, which prettyplease prints the same way. So a build
//! closure must not wait on rayon (`join`, `par_iter`): the waiting thread
//! could run another task, whose code would then take placeholders from this
//! table and keep them. None does (tokens are not `Send`); debug builds
//! check that every placeholder made is laid out.

use std::cell::RefCell;

use proc_macro2::TokenStream;
use quote::quote;

/// Starts a placeholder's text: a control character, which no doc line
/// carries at its start (each begins with a space, or is empty).
const MARKER: char = '\u{7}';

thread_local! {
    /// The doc comments of the code being rendered, by placeholder number.
    static DEFERRED: RefCell<Option<Vec<Vec<String>>>> = const { RefCell::new(None) };
}

/// Unparses the tokens `build` makes, its doc comments laid out by [`expand`].
pub(crate) fn unparse_deferring_docs(
    build: impl FnOnce() -> TokenStream,
) -> Result<String, crate::EmitError> {
    let table = Table::open();
    let tokens = build();
    let docs = table.close();
    Ok(expand(crate::unparse(tokens)?, &docs))
}

/// This thread's table while it is open; the one before it comes back when
/// it is closed or dropped (so a panicking build leaves no table behind).
struct Table {
    outer: Option<Option<Vec<Vec<String>>>>,
}

impl Table {
    fn open() -> Self {
        let outer = DEFERRED.with(|d| d.replace(Some(Vec::new())));
        Self { outer: Some(outer) }
    }

    fn close(mut self) -> Vec<Vec<String>> {
        let outer = self.outer.take().expect("closed once");
        DEFERRED
            .with(|d| d.replace(outer))
            .expect("the table opened above")
    }
}

impl Drop for Table {
    fn drop(&mut self) {
        if let Some(outer) = self.outer.take() {
            DEFERRED.with(|d| d.replace(outer));
        }
    }
}

/// The attribute standing for a doc comment of `lines` (each the text after
/// `///`) while [`unparse_deferring_docs`] keeps a table; else the lines back.
pub(crate) fn placeholder(lines: Vec<String>) -> Result<TokenStream, Vec<String>> {
    DEFERRED.with(|d| match d.borrow_mut().as_mut() {
        Some(table) => {
            let text = format!("{MARKER}{}", table.len());
            table.push(lines);
            Ok(quote!(#[doc = #text]))
        }
        None => Err(lines),
    })
}

/// `code` with each placeholder line replaced by its doc lines, at its
/// indent, each as prettyplease prints a one-line doc attribute: `///`, then
/// the text without trailing spaces.
fn expand(code: String, docs: &[Vec<String>]) -> String {
    if docs.is_empty() {
        return code;
    }
    let text_len: usize = docs.iter().flatten().map(|l| l.len() + 8).sum();
    let mut out = String::with_capacity(code.len() + text_len);
    let mut laid_out = 0;
    for line in code.split_inclusive('\n') {
        match placeholder_in(line, docs) {
            Some((indent, style, lines)) => {
                laid_out += 1;
                for doc in lines {
                    out.push_str(indent);
                    out.push_str(style);
                    out.push_str(doc.trim_end_matches(' '));
                    out.push('\n');
                }
            }
            None => out.push_str(line),
        }
    }
    debug_assert_eq!(
        laid_out,
        docs.len(),
        "a doc placeholder was not printed as a comment (inside a macro call?)"
    );
    out
}

/// The indent, comment style (`///` or `//!`) and doc lines of a placeholder line.
fn placeholder_in<'a, 'd>(
    line: &'a str,
    docs: &'d [Vec<String>],
) -> Option<(&'a str, &'a str, &'d [String])> {
    let text = line.trim_start_matches(' ');
    let (style, rest) = text.split_at_checked(3)?;
    if style != "///" && style != "//!" {
        return None;
    }
    let number = rest.strip_prefix(MARKER)?.trim_end();
    let lines = docs.get(number.parse::<usize>().ok()?)?;
    Some((&line[..line.len() - text.len()], style, lines))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codegen::doc_attrs;

    /// The same items rendered with and without the table.
    fn both(build: impl Fn() -> TokenStream) -> (String, String) {
        (
            unparse_deferring_docs(&build).unwrap(),
            crate::unparse(build()).unwrap(),
        )
    }

    #[test]
    fn the_text_is_what_prettyplease_prints() {
        let (deferred, formatted) = both(|| {
            let item_doc = doc_attrs(&[
                "An item.\n\nWith `code`, a [link](x), trailing spaces   \n  and an indent".into(),
                "Another paragraph: \"quoted\" \\ backslash \t tab, ünïcode".into(),
            ]);
            let field_doc = doc_attrs(&["A field.".into()]);
            let fn_doc = doc_attrs(&["A function.".into()]);
            let module_doc = crate::inner(doc_attrs(&["A module.".into()]));
            quote! {
                #module_doc
                #item_doc
                pub struct S {
                    #field_doc
                    pub a: Option<String>,
                }
                pub mod m {
                    #fn_doc
                    pub fn f() {}
                }
            }
        });
        assert_eq!(deferred, formatted);
        assert!(deferred.contains("    /// A field.\n"), "{deferred}");
        assert!(deferred.starts_with("//! A module.\n"), "{deferred}");
        assert!(!deferred.contains(MARKER));
    }

    #[test]
    fn no_table_outside_unparse_deferring_docs() {
        let tokens = doc_attrs(&["Eager.".into()]).to_string();
        assert!(tokens.contains("Eager."), "{tokens}");
        assert!(!tokens.contains(MARKER));
    }

    #[test]
    fn a_panicking_build_leaves_no_table_behind() {
        let panicked = std::panic::catch_unwind(|| {
            unparse_deferring_docs(|| {
                let _ = doc_attrs(&["Deferred.".into()]);
                panic!("a builder's bug")
            })
        });
        assert!(panicked.is_err());
        let tokens = doc_attrs(&["Eager.".into()]).to_string();
        assert!(tokens.contains("Eager."), "{tokens}");
    }

    #[test]
    fn a_line_that_looks_like_a_placeholder_but_is_not_one_is_kept() {
        let docs = vec![vec![" one".to_owned()]];
        let code = format!("///{MARKER}7\n    ///{MARKER}0\n// {MARKER}0\n");
        assert_eq!(
            expand(code, &docs),
            format!("///{MARKER}7\n    /// one\n// {MARKER}0\n")
        );
    }
}

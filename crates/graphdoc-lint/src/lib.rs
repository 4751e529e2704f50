//! Checks the merged model and its examples against each other: produces
//! diagnostics for docs maintainers (codes `GD02xx`) and checked,
//! placeholder-normalized examples ([`CheckedExample`]) from which the emitter
//! writes one test per example.
//!
//! ```no_run
//! # let model: graphdoc_ir::ApiModel = unimplemented!();
//! # let sources: Vec<(String, Vec<u8>)> = vec![];
//! // With the page texts at hand, findings point at the JSON key's line.
//! let report = graphdoc_lint::Linter::new(&model).sources(&sources).run();
//! for example in &report.examples {
//!     if let Some(reason) = &example.ignore { println!("{}: ignored: {reason}", example.id) }
//! }
//! ```
//!
//! # What an example is checked against
//! The model says what each operation sends and returns
//! ([`graphdoc_ir::ModelOperation::request`] and
//! [`graphdoc_ir::ModelOperation::response`], decided by the merge); the
//! lint reads that and never decides it again.
//! - Request bodies: what the operation sends: its parameters, the type it
//!   creates or updates, or a value of the type the page names.
//! - Response bodies: the example annotation's own `@odata.type` first (a
//!   page documents examples of several types: `room` examples on a `place`
//!   page), else the page's Response type (a collection for list pages; a
//!   collection when either says so). A collection is a page
//!   `{"value": [...]}`; a primitive or enum result may be bare or wrapped in
//!   `{"value": x}`; a single entity or complex value wrapped so is a defect
//!   ([`Code::WrappedSingleValue`]) and is checked and kept unwrapped.
//! - Objects: an `@odata.type` naming a derived type selects it; properties
//!   come from the type's table and its bases'; annotations (`@odata.*`,
//!   `x@odata.*`) are not properties. A property the table lacks is
//!   [`Code::UnknownExampleProperty`] (not on open types). A response not
//!   marked `"truncated": true`, whose request has no `$select`, must show
//!   every non-navigation property ([`Code::MissingExampleProperty`]).
//! - Primitives are checked by the runtime's own parsers (`graphdoc-runtime`):
//!   Int32 range, RFC 3339 DateTimeOffset, Date, TimeOfDay, ISO 8601
//!   Duration, Guid, base64 Binary, Double with `"NaN"`/`"INF"`/`"-INF"`. A
//!   value the check accepts is a value the generated bindings deserialize.
//! - Enum values must be members ([`Code::UnknownEnumValue`]); Graph enums
//!   are evolvable, so the bindings still read an unknown one and the test runs.
//! - Blocks the docs mark `"blockType": "ignored"` are normalized like any
//!   other, but only their invalid values (which keep the test from passing)
//!   are reported; JSON syntax is still checked.
//!
//! # Missing base types
//! A property an example shows that the type's table lacks, or an
//! `@odata.type` naming a type where another is declared, is often a base
//! type the page does not name. Such evidence is folded into one finding
//! per type ([`Code::BaseTypeNotNamed`]), naming the base type that declares
//! the properties where one does, instead of one finding per property per
//! example; see the `bases` module for the rules.
//!
//! # Placeholders
//! A string that spells a type (`"String"`, `"Int32"`, `"Integer"`,
//! `"Boolean"`, `"Guid"`, `"Date"`, `"Double"`, `"Edm.Binary"`, ...),
//! optionally with a qualifier that may refine it (`"String (timestamp)"`,
//! `"String (identifier)"`), is a placeholder. Where it is not a valid value
//! of its position it becomes that position's deterministic sample, with an
//! info diagnostic ([`Code::PlaceholderValue`]):
//!
//! | position | sample |
//! | --- | --- |
//! | Boolean | `false` |
//! | integers, Single, Double, Decimal | `0` |
//! | DateTimeOffset | `"2000-01-01T00:00:00Z"` |
//! | Date / TimeOfDay / Duration | `"2000-01-01"` / `"00:00:00"` / `"PT0S"` |
//! | Guid | `"00000000-0000-0000-0000-000000000000"` |
//! | Binary | `"AA=="` |
//! | enum | its first member (also for the enum's own name or `"Enumeration"`) |
//! | entity, complex type, parameters | `{}` |
//! | collection | `[sample]` |
//!
//! A placeholder that already is a valid value (any placeholder in a String
//! position) stays as it is, unreported. A value that is neither valid nor a
//! placeholder is [`Code::InvalidExampleValue`] and the example is ignored
//! with the reason.
//!
//! # Ignored examples
//! An example is never dropped: when it cannot be a passing test,
//! [`CheckedExample::ignore`] says why (a diagnostic, here or from an
//! earlier stage, says where): no request or no response (`GD0103`), a body
//! that is not JSON (`GD0110`), a response type that no page defines
//! (`GD0303`, [`Code::UndefinedExampleType`]) or that nothing declares
//! ([`Code::UndeclaredResponseType`]), an invalid value, or a URL that
//! matches none of the operation's paths ([`Code::UnmatchedExampleUrl`]).
//!
//! Output is deterministic: examples in operation id then document order,
//! diagnostics sorted.

use std::collections::{BTreeSet, HashMap};

use graphdoc_ir::{ApiModel, CheckedExample, Diagnostic};

mod bases;
mod check;
mod locate;
mod url;
mod value;

use graphdoc_ir::Code;

/// Checks a model's examples; see the crate documentation for the rules.
pub struct Linter<'m> {
    model: &'m ApiModel,
    sources: HashMap<&'m str, &'m [u8]>,
    /// Check only the examples on these pages (all when `None`).
    only: Option<BTreeSet<&'m str>>,
}

/// What a [`Linter`] run finds.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Report {
    /// Every example of the model, checked, in operation id then document order.
    pub examples: Vec<CheckedExample>,
    /// Sorted and deduplicated.
    pub diagnostics: Vec<Diagnostic>,
}

impl<'m> Linter<'m> {
    pub fn new(model: &'m ApiModel) -> Self {
        Self {
            model,
            sources: HashMap::new(),
            only: None,
        }
    }

    /// Checks only the examples on these pages (by the paths the model's
    /// files have): a run over a docs tree for a change to a few pages. The
    /// whole model still gives the context; findings that group examples
    /// (per page, per type) group those of these pages.
    pub fn only(mut self, pages: impl IntoIterator<Item = &'m str>) -> Self {
        self.only = Some(pages.into_iter().collect());
        self
    }

    /// The page texts, by the paths the model's files have, for locating
    /// findings at the JSON key's line; without them a finding points at the
    /// first line of its HTTP block (its message names the JSON path anyway).
    pub fn sources(mut self, sources: &'m [(String, Vec<u8>)]) -> Self {
        self.sources
            .extend(sources.iter().map(|(p, b)| (p.as_str(), b.as_slice())));
        self
    }

    pub fn run(&self) -> Report {
        use rayon::prelude::*;
        // Names first, in order (an example's id and the first example of its
        // name depend on the ones before it); then the checks, on all cores.
        let mut named = Vec::new();
        let mut ids = BTreeSet::new();
        let mut first_of_name: HashMap<&str, (String, u32)> = HashMap::new();
        for (op_id, op) in &self.model.operations {
            for (n, ex) in op.examples.iter().enumerate() {
                let natural = ex
                    .name
                    .clone()
                    .unwrap_or_else(|| format!("{op_id}-example-{}", n + 1));
                let id = unique(&mut ids, natural);
                let loc = ex
                    .request
                    .as_ref()
                    .map(|r| r.loc)
                    .or(ex.response.as_ref().map(|r| r.loc));
                let on_page = loc.is_none_or(|l| {
                    self.only
                        .as_ref()
                        .is_none_or(|only| only.contains(self.model.path(l)))
                });
                // Tools register examples by the names of their requests; a
                // block marked `ignored` registers nothing.
                let registered = ex
                    .request
                    .as_ref()
                    .is_some_and(|r| r.annotation.block_type() != Some("ignored"));
                let first = ex.name.as_deref().filter(|_| registered).and_then(|name| {
                    let loc = ex
                        .request
                        .as_ref()
                        .map(|r| r.loc)
                        .or(ex.response.as_ref().map(|r| r.loc))
                        .unwrap_or_default();
                    let here = (self.model.path(loc).to_string(), loc.line);
                    match first_of_name.get(name) {
                        Some(first) => Some(first.clone()),
                        None => {
                            first_of_name.insert(name, here);
                            None
                        }
                    }
                });
                if on_page {
                    named.push((id, op, ex, first));
                }
            }
        }
        let checked: Vec<_> = named
            .into_par_iter()
            .chunks(EXAMPLES_PER_TASK)
            .map(|chunk| {
                let mut checker = check::Checker {
                    linter: self,
                    model: self.model,
                    diagnostics: Vec::new(),
                    base_hints: Vec::new(),
                };
                let examples: Vec<CheckedExample> = chunk
                    .into_iter()
                    .map(|(id, op, ex, first)| checker.example(id, op, ex, first))
                    .collect();
                (examples, checker.diagnostics, checker.base_hints)
            })
            .collect();
        let mut examples = Vec::new();
        let mut diagnostics = Vec::new();
        let mut base_hints = Vec::new();
        for (e, d, h) in checked {
            examples.extend(e);
            diagnostics.extend(d);
            base_hints.extend(h);
        }
        diagnostics.extend(bases::findings(self.model, base_hints));
        let mut diagnostics =
            graphdoc_ir::group_per_file(diagnostics, Code::PlaceholderValue, |n, first| {
                format!(
                    "{n} values in this page's examples are type placeholders, not example \
                 values; the tests use typed samples (the first: {})",
                    first.message
                )
            });
        diagnostics.sort();
        diagnostics.dedup();
        Report {
            examples,
            diagnostics,
        }
    }
}

/// Examples checked by one task: enough to outweigh the task's cost.
const EXAMPLES_PER_TASK: usize = 64;

fn unique(ids: &mut BTreeSet<String>, natural: String) -> String {
    let mut id = natural.clone();
    let mut n = 1;
    while !ids.insert(id.clone()) {
        n += 1;
        id = format!("{natural}-{n}");
    }
    id
}

/// Every finding about `model`'s examples (without the page texts: located
/// at the HTTP block; use [`Linter::sources`] for the JSON key's line).
pub fn lint(model: &ApiModel) -> Vec<Diagnostic> {
    Linter::new(model).run().diagnostics
}

/// The round trip of checked examples (of `model`): every example that is
/// not ignored must check clean again, its normalized bodies unchanged by a
/// second check (see the crate docs). Returns `(example id, problem)` for each
/// that does not: a bug in this crate, never a docs defect.
pub fn verify(model: &ApiModel, examples: &[CheckedExample]) -> Vec<(String, String)> {
    examples
        .iter()
        .filter(|ex| ex.ignore.is_none())
        .filter_map(|ex| check::recheck(model, ex).map(|problem| (ex.id.clone(), problem)))
        .collect()
}

/// The checked examples of `model` and the findings about them.
pub fn check_examples(model: &ApiModel) -> (Vec<CheckedExample>, Vec<Diagnostic>) {
    let report = Linter::new(model).run();
    (report.examples, report.diagnostics)
}

//! What the mock answers from: per API version, every documented (path
//! template, method) with its operation's checked examples, and the one
//! decision of which template a request path means.

use std::collections::HashMap;

use graphdoc_ir::{
    ApiModel, ApiVersion, Body, CheckedExample, HttpMethod, PathTemplate, RequestShape,
    ResponseShape, Segment,
};

use crate::query;

/// A documented response, placeholders normalised by the lint.
#[derive(Debug, Clone)]
pub(crate) struct Canned {
    /// The documented request path, percent-decoded and ASCII-lowercased
    /// (how a request's path is compared with it).
    pub(crate) path: String,
    /// The documented query, percent-decoded pairs.
    pub(crate) query: Vec<(String, String)>,
    /// The template the documented URL matched.
    pub(crate) template: Option<String>,
    pub(crate) status: u16,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) body: Option<Body>,
    /// The lint's reason the example cannot be a passing test, if any.
    pub(crate) ignored: bool,
}

/// A documented operation.
#[derive(Debug)]
pub(crate) struct Operation {
    pub(crate) id: String,
    pub(crate) method: HttpMethod,
    /// Its request body is JSON (not bytes, not none).
    pub(crate) json_request: bool,
    /// It answers with no content.
    pub(crate) no_content: bool,
    pub(crate) examples: Vec<Canned>,
}

/// A documented path template of an operation.
#[derive(Debug)]
struct Route {
    template: PathTemplate,
    specificity: usize,
    operation: usize,
}

/// One API version's routes, bucketed by their first segment.
#[derive(Debug)]
pub(crate) struct VersionTable {
    pub(crate) version: ApiVersion,
    pub(crate) operations: Vec<Operation>,
    routes: Vec<Route>,
    /// Lowercased first literal segment -> routes starting with it.
    by_first: HashMap<String, Vec<usize>>,
    /// Routes whose first segment is not fixed text.
    other: Vec<usize>,
}

/// What a request path means in a version.
#[derive(Debug)]
pub(crate) enum Match<'t> {
    /// No documented template matches.
    None,
    /// The most specific template matching (several may spell one path
    /// with different placeholder names), and the operations of the
    /// request's method there (several pages may document one route), in
    /// operation id order; none when the method has no template matching.
    Found {
        template: &'t str,
        operations: Vec<&'t Operation>,
        /// Without operations: the methods documented on the most specific
        /// templates matching, sorted.
        allowed: Vec<HttpMethod>,
    },
}

impl VersionTable {
    /// The table of a model, with the lint's checked examples of it.
    pub(crate) fn new(model: &ApiModel, examples: &[CheckedExample]) -> Self {
        let mut by_op: HashMap<&str, Vec<&CheckedExample>> = HashMap::new();
        for ex in examples {
            by_op.entry(ex.operation.as_str()).or_default().push(ex);
        }
        let mut operations = Vec::new();
        let mut routes = Vec::new();
        for (id, mop) in &model.operations {
            let index = operations.len();
            operations.push(Operation {
                id: id.clone(),
                method: mop.op.method,
                json_request: !matches!(mop.request, RequestShape::None | RequestShape::Bytes),
                no_content: mop.response == ResponseShape::None,
                examples: by_op
                    .get(id.as_str())
                    .into_iter()
                    .flatten()
                    .filter_map(|ex| canned(ex))
                    .collect(),
            });
            for template in &mop.op.paths {
                routes.push(Route {
                    specificity: template.specificity(),
                    template: template.clone(),
                    operation: index,
                });
            }
        }
        let mut by_first: HashMap<String, Vec<usize>> = HashMap::new();
        let mut other = Vec::new();
        for (i, route) in routes.iter().enumerate() {
            match route.template.segments.first() {
                Some(Segment::Literal(text) | Segment::Qualified(text)) => {
                    by_first
                        .entry(text.to_ascii_lowercase())
                        .or_default()
                        .push(i);
                }
                _ => other.push(i),
            }
        }
        Self {
            version: model.version,
            operations,
            routes,
            by_first,
            other,
        }
    }

    /// The number of documented (template, operation) routes.
    pub(crate) fn routes(&self) -> usize {
        self.routes.len()
    }

    /// What `path` (relative to the version root, not decoded) means for
    /// `method`: the most specific templates (by
    /// [`PathTemplate::specificity`]) of the method's operations matching
    /// it; where the method has none, the most specific templates of any
    /// method, for a `405`. (So a page documenting a route with a literal
    /// id, `/classes/acdefc6b-.../categories/{id}`, does not hide the
    /// other methods' `/classes/{id}/categories/{id}`.)
    pub(crate) fn lookup(&self, method: Option<HttpMethod>, path: &str) -> Match<'_> {
        let first = path
            .trim_start_matches('/')
            .split('/')
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        let matching: Vec<&Route> = self
            .by_first
            .get(&first)
            .into_iter()
            .flatten()
            .chain(&self.other)
            .map(|&i| &self.routes[i])
            .filter(|r| r.template.matches(path).is_some())
            .collect();
        let of_method = most_specific(
            matching
                .iter()
                .copied()
                .filter(|r| Some(self.operations[r.operation].method) == method),
        );
        if let Some(hit) = of_method.first() {
            return Match::Found {
                template: &hit.template.template,
                operations: of_method
                    .iter()
                    .map(|r| &self.operations[r.operation])
                    .collect(),
                allowed: Vec::new(),
            };
        }
        let best = most_specific(matching.iter().copied());
        let Some(first) = best.first() else {
            return Match::None;
        };
        let mut allowed: Vec<HttpMethod> = best
            .iter()
            .map(|r| self.operations[r.operation].method)
            .collect();
        allowed.sort();
        allowed.dedup();
        Match::Found {
            template: &first.template.template,
            operations: Vec::new(),
            allowed,
        }
    }
}

/// The routes of the highest specificity, in order.
fn most_specific<'r>(routes: impl Iterator<Item = &'r Route>) -> Vec<&'r Route> {
    let mut best: Vec<&Route> = Vec::new();
    for route in routes {
        match best.first().map(|b| b.specificity) {
            Some(s) if s > route.specificity => {}
            Some(s) if s == route.specificity => best.push(route),
            _ => best = vec![route],
        }
    }
    best
}

/// An example the mock can answer with: one with a response.
fn canned(ex: &CheckedExample) -> Option<Canned> {
    let response = ex.response.as_ref()?;
    let request = ex.request.as_ref();
    Some(Canned {
        path: request.map_or_else(String::new, |r| query::normalize_path(&r.path)),
        query: request
            .and_then(|r| r.query.as_deref())
            .map(query::pairs)
            .unwrap_or_default(),
        template: request
            .and_then(|r| r.route.as_ref())
            .map(|m| m.template.clone()),
        status: response.status,
        headers: response.headers.clone(),
        body: response.body.clone(),
        ignored: ex.ignore.is_some(),
    })
}

/// The example to answer a request with, among the examples of the
/// operations documenting its route: the one documenting the very path,
/// then the same query, then the matched template, then one the lint found
/// sound; the first documented among equals.
pub(crate) fn pick<'t>(
    operations: &[&'t Operation],
    path: &str,
    query: &[(String, String)],
    template: &str,
) -> Option<&'t Canned> {
    let path = query::normalize_path(path);
    operations
        .iter()
        .flat_map(|op| &op.examples)
        .enumerate()
        .max_by_key(|(i, ex)| {
            (
                ex.path == path,
                ex.query == query,
                ex.template.as_deref() == Some(template),
                !ex.ignored,
                std::cmp::Reverse(*i),
            )
        })
        .map(|(_, ex)| ex)
}

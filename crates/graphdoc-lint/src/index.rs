//! Lookups into one model: types by any spelling, properties along the
//! inheritance chain, derivation.

use std::collections::{BTreeMap, HashMap};

use graphdoc_ir::{ApiModel, ModelType, Property, TypeKind};

/// Base chains longer than this are cut (the merge cuts cycles; this only
/// bounds the walk).
const MAX_DEPTH: usize = 64;

pub(crate) struct Index<'m> {
    pub(crate) model: &'m ApiModel,
    by_lower: HashMap<String, &'m str>,
    by_simple: HashMap<String, Vec<&'m str>>,
    props: HashMap<&'m str, Props<'m>>,
}

/// A type's properties, its base types' first, each name once.
pub(crate) struct Props<'m> {
    pub(crate) ordered: Vec<&'m Property>,
    pub(crate) by_name: BTreeMap<&'m str, &'m Property>,
    /// The type or one of its bases is open.
    pub(crate) open: bool,
}

impl<'m> Props<'m> {
    /// The properties of a parameters table (the first of a repeated name).
    pub(crate) fn of(params: &'m [Property]) -> Self {
        let mut ordered = Vec::new();
        let mut by_name = BTreeMap::new();
        for p in params {
            if !by_name.contains_key(p.name.as_str()) {
                by_name.insert(p.name.as_str(), p);
                ordered.push(p);
            }
        }
        Props {
            ordered,
            by_name,
            open: false,
        }
    }
}

impl<'m> Index<'m> {
    pub(crate) fn new(model: &'m ApiModel) -> Self {
        let mut by_lower = HashMap::new();
        let mut by_simple: HashMap<String, Vec<&'m str>> = HashMap::new();
        for q in model.types.keys() {
            by_lower.entry(q.to_ascii_lowercase()).or_insert(q.as_str());
            let simple = q.rsplit('.').next().unwrap_or(q);
            by_simple
                .entry(simple.to_ascii_lowercase())
                .or_default()
                .push(q.as_str());
        }
        let mut index = Self {
            model,
            by_lower,
            by_simple,
            props: HashMap::new(),
        };
        let props = model
            .types
            .keys()
            .map(|q| (q.as_str(), index.flatten(q)))
            .collect();
        index.props = props;
        index
    }

    fn flatten(&self, qualified: &'m str) -> Props<'m> {
        let chain = self.chain(qualified);
        let mut ordered = Vec::new();
        let mut by_name = BTreeMap::new();
        let mut open = false;
        for (_, t) in chain.iter().rev() {
            open |= t.def.open_type;
            for p in &t.def.properties {
                if !by_name.contains_key(p.name.as_str()) {
                    by_name.insert(p.name.as_str(), p);
                    ordered.push(p);
                }
            }
        }
        Props {
            ordered,
            by_name,
            open,
        }
    }

    /// The type and its bases (with their qualified names), most derived first.
    fn chain(&self, qualified: &str) -> Vec<(&'m str, &'m ModelType)> {
        let mut out = Vec::new();
        let mut next = self.model.types.get_key_value(qualified);
        while let Some((q, t)) = next {
            if out.len() == MAX_DEPTH {
                break;
            }
            out.push((q.as_str(), t));
            next = t
                .def
                .base_type
                .as_deref()
                .and_then(|b| self.model.types.get_key_value(b));
        }
        out
    }

    pub(crate) fn get(&self, qualified: &str) -> Option<&'m ModelType> {
        self.model.types.get(qualified)
    }

    pub(crate) fn kind(&self, qualified: &str) -> Option<TypeKind> {
        self.get(qualified).map(|t| t.def.kind)
    }

    /// The qualified name of a type as examples spell it: `#microsoft.graph.user`,
    /// `microsoft.graph.user`, `user`, any case. A simple name prefers
    /// `microsoft.graph`, then the first by qualified name.
    pub(crate) fn resolve(&self, spelling: &str) -> Option<&'m str> {
        let s = spelling.trim().trim_start_matches('#').to_ascii_lowercase();
        if s.is_empty() {
            return None;
        }
        if let Some(q) = self.by_lower.get(&s) {
            return Some(q);
        }
        if s.contains('.') {
            // `graph.user`, `#graph.user`: a namespace alias or a short namespace.
            let simple = s.rsplit('.').next().unwrap_or(&s);
            let candidates = self.by_simple.get(simple)?;
            return candidates
                .iter()
                .find(|q| q.to_ascii_lowercase().ends_with(&s))
                .copied();
        }
        let candidates = self.by_simple.get(&s)?;
        candidates
            .iter()
            .find(|q| q.starts_with("microsoft.graph.") && q.matches('.').count() == 2)
            .or_else(|| candidates.first())
            .copied()
    }

    pub(crate) fn props(&self, qualified: &str) -> Option<&Props<'m>> {
        self.props.get(qualified)
    }

    /// Whether `derived` is `base` or derives from it.
    pub(crate) fn derives_from(&self, derived: &str, base: &str) -> bool {
        self.chain(derived).iter().any(|(q, _)| *q == base)
    }
}

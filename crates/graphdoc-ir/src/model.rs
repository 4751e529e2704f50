//! The merged API model: every page of one API version folded into one set of
//! types and operations. The merge stage writes it; emitters and the CSDL
//! writer read it.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::{ApiVersion, Diagnostic, Example, Loc, Operation, TypeDef};

/// One API version's types and operations, merged from many pages.
///
/// Invariants the merge stage upholds (emitters may rely on them):
/// - keys of `types` are qualified names (`microsoft.graph.user`), and equal
///   to `namespace + "." + name` of the value;
/// - every [`crate::TypeName::Named`] reference inside the model holds such a
///   qualified name, or is an [`crate::TypeName::Unknown`] with a diagnostic;
/// - `base_type` of a type, when set, is a qualified name;
/// - operation ids are unique and `operations` is keyed by them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ApiModel {
    pub version: ApiVersion,
    /// Source paths, indexed by [`crate::FileId`] in every [`Loc`] of the model.
    pub files: Vec<String>,
    pub types: BTreeMap<String, ModelType>,
    pub operations: BTreeMap<String, ModelOperation>,
    /// What the merge had to say (conflicts, unresolved references, duplicates).
    pub diagnostics: Vec<Diagnostic>,
}

impl ApiModel {
    pub fn new(version: ApiVersion) -> Self {
        Self {
            version,
            files: Vec::new(),
            types: BTreeMap::new(),
            operations: BTreeMap::new(),
            diagnostics: Vec::new(),
        }
    }

    /// The path of a location's file.
    pub fn path(&self, loc: Loc) -> &str {
        self.files
            .get(loc.file.0 as usize)
            .map_or("<unknown>", String::as_str)
    }
}

/// A merged type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ModelType {
    pub def: TypeDef,
    /// The workload (front-matter `ms.prod`) of the page that defines it, for Cargo features.
    pub workload: Option<String>,
    /// Every place that contributed facts to the type, first the defining one.
    pub sources: Vec<Loc>,
}

/// A merged operation with its examples.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ModelOperation {
    pub op: Operation,
    pub workload: Option<String>,
    pub examples: Vec<Example>,
}

//! CSDL in and out, and the docs-versus-metadata diff.
//!
//! - [`read_metadata`] reads the service's CSDL (`$metadata`, EDMX 4.0) into
//!   the IR's resolved [`ApiModel`], so the metadata and the docs can be
//!   compared and emitted the same way; it is where metadata type names are
//!   resolved to [`graphdoc_ir::TypeId`]s.
//! - [`write_csdl`] writes an [`ApiModel`] (typically the one merged from the
//!   docs) as CSDL.
//! - [`diff`] compares a docs model with a metadata model: what the docs
//!   describe that the metadata lacks, what the metadata has that no page
//!   documents, and the [`Fidelity`] figures that sum it up. It matches the
//!   two models' types with their own queries ([`ApiModel::get`],
//!   [`ApiModel::type_named`], [`ApiModel::all_properties`],
//!   [`ApiModel::derives_from`]), and their operations by name and resolved
//!   [`graphdoc_ir::Binding`].
//!
//! XML is read and written with quick-xml only (no string concatenation), so
//! the output is well-formed and escaped.
//!
//! [`ApiModel`]: graphdoc_ir::ApiModel
//! [`ApiModel::get`]: graphdoc_ir::ApiModel::get
//! [`ApiModel::type_named`]: graphdoc_ir::ApiModel::type_named
//! [`ApiModel::all_properties`]: graphdoc_ir::ApiModel::all_properties
//! [`ApiModel::derives_from`]: graphdoc_ir::ApiModel::derives_from

mod diff;
mod read;
mod write;
mod xml;

pub use diff::{
    DiffEntry, DiffKind, DiffReport, EVOLVABLE_ENUM_SENTINEL, Fidelity, PATTERN_ONLY_BINDINGS,
    Ratio, SourcePos, diff, diff_by,
};
pub use read::{read_metadata, read_metadata_with};
pub use write::write_csdl;

/// The namespace of types and operations whose page names none.
pub const DEFAULT_NAMESPACE: &str = "microsoft.graph";

/// The annotation term descriptions are read from and written as.
pub const DESCRIPTION_TERM: &str = "Org.OData.Core.V1.Description";

/// Why CSDL could not be read or written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CsdlError {
    /// The input is not well-formed XML, or not CSDL as expected.
    #[error("{line}:{column}: {message}")]
    Invalid {
        /// 1-based line of the offending input.
        line: u32,
        /// 1-based column, in characters.
        column: u32,
        message: String,
    },
    /// Writing failed.
    #[error("writing CSDL: {0}")]
    Write(String),
}

impl CsdlError {
    pub(crate) fn at(lines: &xml::LineIndex<'_>, offset: usize, message: String) -> Self {
        let (line, column) = lines.line_col(offset);
        CsdlError::Invalid {
            line,
            column,
            message,
        }
    }

    /// The line and column of a read error.
    pub fn position(&self) -> Option<(u32, u32)> {
        match self {
            CsdlError::Invalid { line, column, .. } => Some((*line, *column)),
            CsdlError::Write(_) => None,
        }
    }
}

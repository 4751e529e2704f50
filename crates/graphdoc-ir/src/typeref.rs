//! References to types, as written in type cells and link targets.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A reference to a type, possibly a collection of it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct TypeRef {
    pub name: TypeName,
    pub collection: bool,
}

impl TypeRef {
    pub fn single(name: TypeName) -> Self {
        Self {
            name,
            collection: false,
        }
    }

    pub fn collection(name: TypeName) -> Self {
        Self {
            name,
            collection: true,
        }
    }
}

/// What a type reference names.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum TypeName {
    /// An Edm primitive.
    Primitive(Primitive),
    /// A type defined by some page: `name` is as written (simple or qualified),
    /// `link` is the markdown link target when the cell had one. A cell that
    /// offers linked alternatives gives `a or b` (linked to the first); the
    /// merge stage resolves it to their nearest common base type.
    Named { name: String, link: Option<String> },
    /// "Enumeration" (or "enum") with its values listed inline in the description.
    InlineEnum,
    /// A spelling graphdoc could not classify, kept verbatim (and diagnosed).
    Unknown(String),
}

/// The Edm primitive types the docs use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Primitive {
    String,
    Boolean,
    Byte,
    SByte,
    Int16,
    Int32,
    Int64,
    Single,
    Double,
    Decimal,
    DateTimeOffset,
    Date,
    TimeOfDay,
    Duration,
    Guid,
    Binary,
    Stream,
    /// Untyped JSON (`Edm.Untyped`, `Json`).
    Json,
}

impl Primitive {
    pub const ALL: [Primitive; 18] = [
        Primitive::String,
        Primitive::Boolean,
        Primitive::Byte,
        Primitive::SByte,
        Primitive::Int16,
        Primitive::Int32,
        Primitive::Int64,
        Primitive::Single,
        Primitive::Double,
        Primitive::Decimal,
        Primitive::DateTimeOffset,
        Primitive::Date,
        Primitive::TimeOfDay,
        Primitive::Duration,
        Primitive::Guid,
        Primitive::Binary,
        Primitive::Stream,
        Primitive::Json,
    ];

    /// The Edm name, e.g. `Edm.Int32`.
    pub fn edm_name(self) -> &'static str {
        match self {
            Primitive::String => "Edm.String",
            Primitive::Boolean => "Edm.Boolean",
            Primitive::Byte => "Edm.Byte",
            Primitive::SByte => "Edm.SByte",
            Primitive::Int16 => "Edm.Int16",
            Primitive::Int32 => "Edm.Int32",
            Primitive::Int64 => "Edm.Int64",
            Primitive::Single => "Edm.Single",
            Primitive::Double => "Edm.Double",
            Primitive::Decimal => "Edm.Decimal",
            Primitive::DateTimeOffset => "Edm.DateTimeOffset",
            Primitive::Date => "Edm.Date",
            Primitive::TimeOfDay => "Edm.TimeOfDay",
            Primitive::Duration => "Edm.Duration",
            Primitive::Guid => "Edm.Guid",
            Primitive::Binary => "Edm.Binary",
            Primitive::Stream => "Edm.Stream",
            Primitive::Json => "Edm.Untyped",
        }
    }

    /// Reads the spellings the docs use for primitives, case-insensitively:
    /// `String`, `Edm.String`, `Int32`, `Integer`, `Boolean`, `bool`,
    /// `DateTimeOffset`, `datetime`, `Timestamp`, `Guid`, `Binary`, ...
    pub fn from_doc_spelling(spelling: &str) -> Option<Self> {
        let s = spelling.trim();
        let s = s
            .strip_prefix("Edm.")
            .or_else(|| s.strip_prefix("edm."))
            .unwrap_or(s);
        let lower = s.to_ascii_lowercase();
        Some(match lower.as_str() {
            "string" | "str" | "url" | "uri" => Primitive::String,
            "boolean" | "bool" => Primitive::Boolean,
            "byte" => Primitive::Byte,
            "sbyte" => Primitive::SByte,
            "int16" | "short" => Primitive::Int16,
            "int32" | "int" | "integer" | "number" => Primitive::Int32,
            "int64" | "long" => Primitive::Int64,
            "single" | "float" => Primitive::Single,
            "double" => Primitive::Double,
            "decimal" => Primitive::Decimal,
            "datetimeoffset" | "datetime" | "timestamp" => Primitive::DateTimeOffset,
            "date" => Primitive::Date,
            "timeofday" | "time" => Primitive::TimeOfDay,
            "duration" | "timespan" => Primitive::Duration,
            "guid" | "uuid" => Primitive::Guid,
            "binary" | "byte[]" => Primitive::Binary,
            "stream" => Primitive::Stream,
            "json" | "untyped" | "object" => Primitive::Json,
            _ => return None,
        })
    }
}

impl fmt::Display for Primitive {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.edm_name())
    }
}

impl fmt::Display for TypeRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = match &self.name {
            TypeName::Primitive(p) => p.edm_name().to_string(),
            TypeName::Named { name, .. } => name.clone(),
            TypeName::InlineEnum => "Enumeration".to_string(),
            TypeName::Unknown(raw) => raw.clone(),
        };
        if self.collection {
            write!(f, "Collection({name})")
        } else {
            f.write_str(&name)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doc_spellings_of_primitives() {
        assert_eq!(
            Primitive::from_doc_spelling("Edm.Int32"),
            Some(Primitive::Int32)
        );
        assert_eq!(
            Primitive::from_doc_spelling("integer"),
            Some(Primitive::Int32)
        );
        assert_eq!(
            Primitive::from_doc_spelling(" DateTimeOffset "),
            Some(Primitive::DateTimeOffset)
        );
        assert_eq!(Primitive::from_doc_spelling("user"), None);
    }

    #[test]
    fn displays_collections_in_csdl_form() {
        let r = TypeRef::collection(TypeName::Primitive(Primitive::String));
        assert_eq!(r.to_string(), "Collection(Edm.String)");
    }
}

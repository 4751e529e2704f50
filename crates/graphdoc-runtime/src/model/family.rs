//! Polymorphic values: a type and the types derived from it, told apart by
//! `@odata.type`.
//!
//! Graph sends a derived type wherever its base is declared: the members of a
//! group (`directoryObject`) are users, groups, devices and service
//! principals; a message's attachments are file and item attachments. For
//! each type with derived types, the bindings have an enum with a variant per
//! type of the family (each boxed), implementing [`Family`]. Its
//! `Deserialize` is [`deserialize_family`]: the object is read once, its
//! `@odata.type` looked up in the family's table, and the named type built
//! from it; no annotation, or one the bindings do not know, gives the
//! declared (base) type, which keeps every property it has no field for.
//! Its `Serialize` writes the variant's struct with [`serialize_variant`],
//! adding the variant's `@odata.type` where the value has none, so the
//! service can tell what it is sent.
//!
//! ```
//! use graphdoc_runtime::{AdditionalProperties, Family, FromObject, Object};
//! use graphdoc_runtime::{derived, deserialize_family, deserialize_object};
//!
//! #[derive(Debug, Default)]
//! struct Item { odata_type: Option<String>, id: Option<String>, additional: AdditionalProperties }
//! #[derive(Debug, Default)]
//! struct File { odata_type: Option<String>, id: Option<String>, size: Option<i64>, additional: AdditionalProperties }
//!
//! impl FromObject for Item {
//!     fn from_object(o: &mut Object) -> Result<Self, serde_json::Error> {
//!         let value = Self { odata_type: o.read("@odata.type"), id: o.read("id"), additional: o.finish() };
//!         o.conclude(value)
//!     }
//! }
//! impl FromObject for File {
//!     fn from_object(o: &mut Object) -> Result<Self, serde_json::Error> {
//!         let value = Self {
//!             odata_type: o.read("@odata.type"),
//!             id: o.read("id"),
//!             size: o.read("size"),
//!             additional: o.finish(),
//!         };
//!         o.conclude(value)
//!     }
//! }
//!
//! #[derive(Debug)]
//! enum AnyItem { Item(Box<Item>), File(Box<File>) }
//! impl From<File> for AnyItem {
//!     fn from(v: File) -> Self { Self::File(Box::new(v)) }
//! }
//! impl Family for AnyItem {
//!     const BASE: &'static str = "example.item";
//!     const DERIVED: &'static [(&'static str, graphdoc_runtime::model::Build<Self>)] =
//!         &[("example.file", derived::<File, Self>)];
//!     fn base(o: &mut Object) -> Result<Self, serde_json::Error> {
//!         Item::from_object(o).map(|v| Self::Item(Box::new(v)))
//!     }
//! }
//! impl<'de> serde::Deserialize<'de> for AnyItem {
//!     fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
//!         deserialize_family(d)
//!     }
//! }
//!
//! let any: AnyItem = serde_json::from_str(r##"{"@odata.type": "#example.File", "size": 3}"##).unwrap();
//! assert!(matches!(any, AnyItem::File(f) if f.size == Some(3)));
//! let any: AnyItem = serde_json::from_str(r##"{"@odata.type": "#example.folder", "n": 3}"##).unwrap();
//! assert!(matches!(any, AnyItem::Item(i) if i.additional["n"] == 3));
//! ```

use std::cmp::Ordering;
use std::collections::BTreeMap;

use serde::de::Error as _;
use serde::ser::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

use super::{FromObject, Object};

/// How a family builds one of its variants from an object's properties.
pub type Build<F> = fn(&mut Object) -> Result<F, serde_json::Error>;

/// The enum of a type and the types derived from it (generated).
pub trait Family: Sized + 'static {
    /// The qualified name of the declared (base) type, e.g.
    /// `microsoft.graph.directoryObject`: its namespace completes an
    /// `@odata.type` that has none.
    const BASE: &'static str;
    /// The derived types these bindings know: qualified names, sorted
    /// ASCII-case-insensitively, each with how its variant is built.
    const DERIVED: &'static [(&'static str, Build<Self>)];
    /// Builds the base variant: for an object without an `@odata.type`, or
    /// with one that names no known derived type.
    fn base(object: &mut Object) -> Result<Self, serde_json::Error>;
}

/// Builds a derived type's variant, through its `From` impl.
pub fn derived<T: FromObject + Into<F>, F>(object: &mut Object) -> Result<F, serde_json::Error> {
    T::from_object(object).map(Into::into)
}

/// How the family `F` builds the value an `@odata.type` annotation names:
/// `#` optional, the name matched ASCII-case-insensitively, a name without a
/// namespace taken to be in the base type's. `None` for the base type and
/// for types these bindings do not know.
pub fn builder_for<F: Family>(annotation: &str) -> Option<Build<F>> {
    let name = annotation.trim().trim_start_matches('#');
    find::<F>(name).or_else(|| {
        let (namespace, _) = F::BASE.rsplit_once('.')?;
        (!name.contains('.'))
            .then(|| find::<F>(&format!("{namespace}.{name}")))
            .flatten()
    })
}

fn find<F: Family>(name: &str) -> Option<Build<F>> {
    F::DERIVED
        .binary_search_by(|(known, _)| compare_ignoring_case(known, name))
        .ok()
        .map(|i| F::DERIVED[i].1)
}

fn compare_ignoring_case(a: &str, b: &str) -> Ordering {
    a.bytes()
        .map(|c| c.to_ascii_lowercase())
        .cmp(b.bytes().map(|c| c.to_ascii_lowercase()))
}

/// A property every variant of a family has, as the family's accessor reads
/// it: the variants' structs hold it as `Option<T>`, or as `Option<Box<T>>`
/// where the type contains itself, and the accessor gives `Option<&T>` for
/// both.
pub trait SharedProperty<T> {
    /// The value, if any.
    fn shared(&self) -> Option<&T>;
}

impl<T> SharedProperty<T> for Option<T> {
    fn shared(&self) -> Option<&T> {
        self.as_ref()
    }
}

impl<T> SharedProperty<T> for Option<Box<T>> {
    fn shared(&self) -> Option<&T> {
        self.as_deref()
    }
}

/// `Deserialize::deserialize` for a family enum: the variant `@odata.type`
/// names, else the base variant. Never fails for an unknown type.
pub fn deserialize_family<'de, D: Deserializer<'de>, F: Family>(
    deserializer: D,
) -> Result<F, D::Error> {
    let mut object = Object::from(BTreeMap::<String, Value>::deserialize(deserializer)?);
    let build = object
        .peek("@odata.type")
        .and_then(Value::as_str)
        .and_then(builder_for::<F>)
        .unwrap_or(F::base);
    build(&mut object).map_err(D::Error::custom)
}

/// `Serialize::serialize` for a family's variant: its struct `value`, with the
/// annotation `implied` (`#` and the variant's qualified name; `None` for the
/// base variant) added when the value carries none (`annotated` false).
pub fn serialize_variant<S: Serializer, T: Serialize>(
    value: &T,
    annotated: bool,
    implied: Option<&'static str>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match implied {
        Some(annotation) if !annotated => {
            let mut json = serde_json::to_value(value).map_err(S::Error::custom)?;
            if let Value::Object(map) = &mut json {
                map.insert("@odata.type".to_owned(), Value::from(annotation));
            }
            json.serialize(serializer)
        }
        _ => value.serialize(serializer),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq)]
    enum Shape {
        Base(String),
        Circle(String),
        Square(String),
    }

    fn annotation(o: &mut Object) -> String {
        o.take::<String>("@odata.type").unwrap().unwrap_or_default()
    }

    impl Family for Shape {
        const BASE: &'static str = "geo.shape";
        const DERIVED: &'static [(&'static str, Build<Self>)] = &[
            ("geo.circle", |o| Ok(Shape::Circle(annotation(o)))),
            ("geo.Square", |o| Ok(Shape::Square(annotation(o)))),
        ];
        fn base(o: &mut Object) -> Result<Self, serde_json::Error> {
            Ok(Shape::Base(annotation(o)))
        }
    }

    fn shape(annotation: &str) -> Shape {
        let json = serde_json::json!({ "@odata.type": annotation });
        deserialize_family(json).unwrap()
    }

    #[test]
    fn annotations_pick_the_variant_whatever_their_spelling() {
        for a in [
            "#geo.circle",
            "geo.circle",
            "#GEO.Circle",
            " #geo.circle",
            "#circle",
        ] {
            assert_eq!(shape(a), Shape::Circle(a.to_owned()), "{a}");
        }
        assert_eq!(shape("#geo.square"), Shape::Square("#geo.square".into()));
    }

    #[test]
    fn no_or_unknown_annotations_give_the_base() {
        assert_eq!(shape("#geo.triangle"), Shape::Base("#geo.triangle".into()));
        assert_eq!(shape("#other.circle"), Shape::Base("#other.circle".into()));
        assert_eq!(shape(""), Shape::Base(String::new()));
        let none: Shape = deserialize_family(serde_json::json!({})).unwrap();
        assert_eq!(none, Shape::Base(String::new()));
        assert!(deserialize_family::<_, Shape>(serde_json::json!([1])).is_err());
    }

    #[test]
    fn serializing_adds_the_implied_annotation_only_when_missing() {
        let v = serde_json::json!({"a": 1});
        let out = |annotated, implied| {
            serialize_variant(&v, annotated, implied, serde_json::value::Serializer).unwrap()
        };
        assert_eq!(
            out(false, Some("#geo.circle")),
            serde_json::json!({"a": 1, "@odata.type": "#geo.circle"})
        );
        assert_eq!(out(true, Some("#geo.circle")), v);
        assert_eq!(out(false, None), v);
    }
}

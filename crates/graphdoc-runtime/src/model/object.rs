//! Deserializing and serializing model structs cheaply (in compile time).
//!
//! serde's derived `Deserialize` is by far the most expensive part of compiling the
//! generated models: a visitor per struct, generic over the deserializer, with every
//! field's deserialization inlined into it. Generated structs use this instead: the
//! JSON object is read once as a map (code shared by all structs), then each known
//! property is taken out of it and converted ([`Object::take`], generic only over the
//! field's type, so shared by every field of that type), and what is left is the
//! struct's [`AdditionalProperties`]. A generated impl is a few lines:
//!
//! ```
//! use graphdoc_runtime::{AdditionalProperties, FromObject, Object, deserialize_object, leniently};
//!
//! #[derive(Debug, Default, PartialEq)]
//! struct Entity {
//!     id: Option<String>,
//!     additional: AdditionalProperties,
//! }
//!
//! impl FromObject for Entity {
//!     fn from_object(o: &mut Object) -> Result<Self, serde_json::Error> {
//!         let value = Self { id: o.read("id"), additional: o.finish() };
//!         o.conclude(value)
//!     }
//! }
//!
//! impl<'de> serde::Deserialize<'de> for Entity {
//!     fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
//!         deserialize_object(d, Self::from_object)
//!     }
//! }
//!
//! let e: Entity = serde_json::from_str(r#"{"id": "1", "extra": true}"#).unwrap();
//! assert_eq!(e.id.as_deref(), Some("1"));
//! assert_eq!(e.additional["extra"], serde_json::json!(true));
//!
//! // A value of the wrong type is kept, not an error (unless strict, see `strictly`).
//! let e: Entity = leniently(|| serde_json::from_str(r#"{"id": 7}"#)).unwrap();
//! assert_eq!(e.id, None);
//! assert_eq!(e.additional["id"], serde_json::json!(7));
//! assert_eq!(e.additional.mismatched().collect::<Vec<_>>(), ["id"]);
//! ```
//!
//! The cost moves to run time: values pass through `serde_json::Value`, about twice
//! the work of a derived impl, which is small next to a network round trip.
//!
//! Serializing is the same in reverse, with no detour: [`ObjectWriter`] writes
//! each present [`Property`] under its wire name, then the additional
//! properties. Generated code gets all three impls from one
//! [`graph_object!`](crate::graph_object) invocation listing the wire names.
//!
//! Neither direction returns early per field: [`Object::read`] and
//! [`ObjectWriter::property`] keep the first error until [`Object::conclude`]
//! and [`ObjectWriter::finish`]. A `?` per field in a struct expression
//! makes rustc build a drop of every field read before it on each error
//! path, which grows with the square of the fields; on the v1.0 bindings
//! that was a third of `cargo check` and a quarter of its peak memory.

use std::collections::{BTreeMap, BTreeSet};

use serde::de::{DeserializeOwned, Error as _};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

use super::{AdditionalProperties, Patch, strict};

/// The properties of a JSON object being turned into a struct.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Object {
    properties: BTreeMap<String, Value>,
    mismatched: BTreeSet<String>,
    /// The first error of a [`read`](Self::read), kept for [`conclude`](Self::conclude):
    /// its message, as a custom error has nothing else (and `Object` stays `Clone`).
    error: Option<String>,
}

/// A generated model struct: built from the properties of a JSON object.
pub trait FromObject: Sized {
    /// Takes the struct's properties out of `object` (the rest become its
    /// additional properties).
    fn from_object(object: &mut Object) -> Result<Self, serde_json::Error>;
}

impl Object {
    /// Takes a property out: `None` when absent or `null`, else the value converted
    /// to `T`. A value that does not convert stays in the object, as an
    /// additional property recorded as mismatched, and gives `None`; when
    /// deserializing [strictly](crate::strictly), it is an error naming the property.
    pub fn take<T: DeserializeOwned>(&mut self, key: &str) -> Result<Option<T>, serde_json::Error> {
        let Some(value) = self.properties.get(key) else {
            return Ok(None);
        };
        if value.is_null() {
            self.properties.remove(key);
            return Ok(None);
        }
        match T::deserialize(value) {
            Ok(converted) => {
                self.properties.remove(key);
                Ok(Some(converted))
            }
            Err(e) if strict::is_strict() => Err(serde_json::Error::custom(format_args!(
                "property `{key}`: {e}"
            ))),
            Err(_) => {
                self.mismatched.insert(key.to_owned());
                Ok(None)
            }
        }
    }

    /// Takes the property `key` out as a field's value (see [`Property::take`]).
    /// An error is kept, and the field left empty, until [`conclude`](Self::conclude)
    /// returns the first one: a struct is read with no early return per field.
    pub fn read<P: Property>(&mut self, key: &str) -> P {
        match P::take(self, key) {
            Ok(value) => value,
            Err(e) => {
                self.error.get_or_insert_with(|| e.to_string());
                P::default()
            }
        }
    }

    /// `value`, read by [`read`](Self::read)s, or the first error they met.
    pub fn conclude<T>(&mut self, value: T) -> Result<T, serde_json::Error> {
        match self.error.take() {
            None => Ok(value),
            Some(message) => Err(serde_json::Error::custom(message)),
        }
    }

    /// The value of a property, left in place.
    pub fn peek(&self, key: &str) -> Option<&Value> {
        self.properties.get(key)
    }

    /// Takes a property of an update (PATCH) body out: [`Patch::Absent`] when
    /// absent, [`Patch::Null`] when `null`, else the value converted to `T`. A
    /// conversion error names the property.
    pub fn take_patch<T: DeserializeOwned>(
        &mut self,
        key: &str,
    ) -> Result<Patch<T>, serde_json::Error> {
        match self.properties.remove(key) {
            None => Ok(Patch::Absent),
            Some(Value::Null) => Ok(Patch::Null),
            Some(value) => serde_json::from_value(value)
                .map(Patch::Value)
                .map_err(|e| serde_json::Error::custom(format_args!("property `{key}`: {e}"))),
        }
    }

    /// The properties not taken yet (the unknown ones, once every known one is
    /// taken, and the mismatched ones), with the names of the mismatched ones.
    pub fn finish(&mut self) -> AdditionalProperties {
        AdditionalProperties::new(
            std::mem::take(&mut self.properties),
            std::mem::take(&mut self.mismatched),
        )
    }
}

impl From<BTreeMap<String, Value>> for Object {
    fn from(properties: BTreeMap<String, Value>) -> Self {
        Self {
            properties,
            mismatched: BTreeSet::new(),
            error: None,
        }
    }
}

/// A field of a model struct: `Option<T>` (absent or `null` is `None`) or, in
/// an update body, [`Patch<T>`] (absent, `null` and a value kept apart). Its
/// `Default` is what a field is left with when [`Object::read`] meets an error.
pub trait Property: Serialize + Default + Sized {
    /// Takes the property `key` out of `object` (see [`Object::take`] and
    /// [`Object::take_patch`]).
    fn take(object: &mut Object, key: &str) -> Result<Self, serde_json::Error>;

    /// Whether the field is left out of the serialized object.
    fn is_absent(&self) -> bool;
}

impl<T: DeserializeOwned + Serialize> Property for Option<T> {
    fn take(object: &mut Object, key: &str) -> Result<Self, serde_json::Error> {
        object.take(key)
    }

    fn is_absent(&self) -> bool {
        self.is_none()
    }
}

impl<T: DeserializeOwned + Serialize> Property for Patch<T> {
    fn take(object: &mut Object, key: &str) -> Result<Self, serde_json::Error> {
        object.take_patch(key)
    }

    fn is_absent(&self) -> bool {
        Patch::is_absent(self)
    }
}

/// `Serialize::serialize` for a model struct: a JSON object of its present
/// properties, in the order written, then its additional properties.
#[must_use = "an object is written by `finish`"]
pub struct ObjectWriter<M: SerializeMap> {
    map: M,
    /// The first error of a [`property`](Self::property), returned by [`finish`](Self::finish).
    error: Option<M::Error>,
}

impl<M: SerializeMap> ObjectWriter<M> {
    /// Starts the object.
    pub fn new<S: Serializer<SerializeMap = M>>(serializer: S) -> Result<Self, S::Error> {
        serializer
            .serialize_map(None)
            .map(|map| Self { map, error: None })
    }

    /// Writes `value` as the property `key`, unless it is absent (`None`,
    /// [`Patch::Absent`]); [`Patch::Null`] is written as `null`. An error is
    /// kept for [`finish`](Self::finish), and nothing more is written.
    pub fn property<P: Property>(&mut self, key: &str, value: &P) {
        if self.error.is_some() || value.is_absent() {
            return;
        }
        if let Err(e) = self.map.serialize_entry(key, value) {
            self.error = Some(e);
        }
    }

    /// Writes the additional properties and ends the object, or returns the
    /// first error of a [`property`](Self::property).
    pub fn finish(mut self, additional: &AdditionalProperties) -> Result<M::Ok, M::Error> {
        if let Some(e) = self.error {
            return Err(e);
        }
        for (key, value) in additional.iter() {
            self.map.serialize_entry(key, value)?;
        }
        self.map.end()
    }
}

/// `Deserialize::deserialize` for a model struct: reads a JSON object and builds the
/// struct from it with `build` (a non-capturing closure).
pub fn deserialize_object<'de, D: Deserializer<'de>, T>(
    deserializer: D,
    build: fn(&mut Object) -> Result<T, serde_json::Error>,
) -> Result<T, D::Error> {
    let mut object = Object::from(BTreeMap::deserialize(deserializer)?);
    build(&mut object).map_err(D::Error::custom)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::strictly;
    use serde_json::json;

    #[derive(Debug, PartialEq)]
    struct Thing {
        n: Option<i32>,
        list: Option<Vec<String>>,
        rest: AdditionalProperties,
    }

    fn build(o: &mut Object) -> Result<Thing, serde_json::Error> {
        // As `graph_object!` reads a struct.
        let value = Thing {
            n: o.read("n"),
            list: o.read("list"),
            rest: o.finish(),
        };
        o.conclude(value)
    }

    /// Lenient, whatever the crate features (`strict` makes it the default).
    fn thing(v: Value) -> Result<Thing, serde_json::Error> {
        crate::leniently(|| strict_thing(v))
    }

    fn strict_thing(v: Value) -> Result<Thing, serde_json::Error> {
        struct W(Thing);
        impl<'de> Deserialize<'de> for W {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                deserialize_object(d, build).map(W)
            }
        }
        serde_json::from_str::<W>(&v.to_string()).map(|w| w.0)
    }

    #[test]
    fn takes_known_and_keeps_the_rest() {
        let t = thing(json!({"n": 1, "list": ["a"], "x": null, "y": {"z": 1}})).unwrap();
        assert_eq!(t.n, Some(1));
        assert_eq!(t.list, Some(vec!["a".to_owned()]));
        assert_eq!(
            *t.rest,
            BTreeMap::from([("x".into(), json!(null)), ("y".into(), json!({"z": 1}))])
        );
        assert!(!t.rest.has_mismatches());
    }

    #[test]
    fn null_and_absent_are_none() {
        let t = thing(json!({"n": null})).unwrap();
        assert_eq!((t.n, t.list), (None, None));
        assert!(t.rest.is_empty());
    }

    #[test]
    fn a_mismatched_value_is_kept_and_recorded() {
        let t = thing(json!({"n": "one", "list": "a", "x": 1})).unwrap();
        assert_eq!((t.n, t.list), (None, None));
        assert_eq!(
            *t.rest,
            BTreeMap::from([
                ("list".into(), json!("a")),
                ("n".into(), json!("one")),
                ("x".into(), json!(1)),
            ])
        );
        assert_eq!(t.rest.mismatched().collect::<Vec<_>>(), ["list", "n"]);
    }

    #[test]
    fn strictly_the_first_mismatch_is_the_error() {
        let err = strictly(|| strict_thing(json!({"n": "one", "list": 2})))
            .unwrap_err()
            .to_string();
        assert!(err.contains("property `n`"), "{err}");
        assert!(!err.contains("list"), "{err}");
    }

    /// A value whose serialization fails.
    #[derive(Debug, Default, serde::Deserialize)]
    struct Unwritable;

    impl Serialize for Unwritable {
        fn serialize<S: Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
            Err(serde::ser::Error::custom("unwritable"))
        }
    }

    #[test]
    fn a_property_that_fails_to_serialize_fails_the_object() {
        let mut out = Vec::new();
        let mut serializer = serde_json::Serializer::new(&mut out);
        let mut writer = ObjectWriter::new(&mut serializer).unwrap();
        writer.property("a", &Some(1));
        writer.property("b", &Some(Unwritable));
        writer.property("c", &Some(3));
        let err = writer.finish(&AdditionalProperties::default()).unwrap_err();
        assert_eq!(err.to_string(), "unwritable");
        assert_eq!(String::from_utf8(out).unwrap(), r#"{"a":1,"b":"#);
    }

    #[test]
    fn strictly_a_mismatch_is_an_error_naming_the_property() {
        let default = crate::model::is_strict();
        let err = strictly(|| strict_thing(json!({"n": "one"})))
            .unwrap_err()
            .to_string();
        assert!(err.contains("property `n`"), "{err}");
        assert_eq!(
            crate::model::is_strict(),
            default,
            "strictness ends with the closure"
        );
        assert!(thing(json!([1])).is_err());
        assert!(thing(json!("text")).is_err());
    }

    #[test]
    fn patches_tell_absent_null_and_value_apart() {
        let mut o = Object::from(BTreeMap::from([
            ("a".to_owned(), json!(null)),
            ("b".to_owned(), json!(2)),
            ("c".to_owned(), json!("x")),
        ]));
        assert_eq!(o.take_patch::<i32>("a").unwrap(), Patch::Null);
        assert_eq!(o.take_patch::<i32>("b").unwrap(), Patch::Value(2));
        assert_eq!(o.take_patch::<i32>("z").unwrap(), Patch::Absent);
        let err = o.take_patch::<i32>("c").unwrap_err().to_string();
        assert!(err.contains("property `c`"), "{err}");
        assert!(o.finish().is_empty());
    }

    #[test]
    fn from_a_map() {
        let mut o = Object::from(BTreeMap::from([("n".to_owned(), json!(5))]));
        assert_eq!(o.take::<i32>("n").unwrap(), Some(5));
        assert_eq!(o.take::<i32>("n").unwrap(), None);
        assert!(o.finish().is_empty());
    }
}

//! The properties of an object that its struct has no field for.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::ops::{Deref, DerefMut};

use serde::{Serialize, Serializer};
use serde_json::Value;

/// The properties of a JSON object that its struct does not hold in a field,
/// kept verbatim so that a round trip loses nothing:
///
/// - properties these bindings do not know, and instance annotations such as
///   `@odata.etag`;
/// - **mismatched** properties: known ones whose JSON value does not fit the
///   field's documented type (a string where the docs say a collection). The
///   field is left `None`, the value is kept here under its own name, and its
///   name is listed by [`AdditionalProperties::mismatched`]. One wrong property
///   never fails a whole response; see [`crate::strictly`] for tests that want
///   it to.
///
/// It dereferences to the map of properties: `user.additional["mail"]`,
/// `.get(..)`, `.insert(..)`, `.iter()`. It serializes as that map (flattened
/// into the struct's object).
#[derive(Clone, Default, PartialEq, Eq, Hash)]
pub struct AdditionalProperties {
    properties: BTreeMap<String, Value>,
    mismatched: BTreeSet<String>,
}

impl AdditionalProperties {
    pub(crate) fn new(properties: BTreeMap<String, Value>, mismatched: BTreeSet<String>) -> Self {
        Self {
            properties,
            mismatched,
        }
    }

    /// The names of the known properties whose value did not fit their field's
    /// type, in name order. Their values are in the map.
    pub fn mismatched(&self) -> impl Iterator<Item = &str> {
        self.mismatched.iter().map(String::as_str)
    }

    /// Whether any known property's value did not fit its field.
    pub fn has_mismatches(&self) -> bool {
        !self.mismatched.is_empty()
    }

    /// The map of properties.
    pub fn into_map(self) -> BTreeMap<String, Value> {
        self.properties
    }
}

/// The map, as a map's `Debug`; the mismatched names after it when there are any.
impl fmt::Debug for AdditionalProperties {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.mismatched.is_empty() {
            return self.properties.fmt(f);
        }
        f.debug_struct("AdditionalProperties")
            .field("properties", &self.properties)
            .field("mismatched", &self.mismatched)
            .finish()
    }
}

impl Deref for AdditionalProperties {
    type Target = BTreeMap<String, Value>;

    fn deref(&self) -> &Self::Target {
        &self.properties
    }
}

impl DerefMut for AdditionalProperties {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.properties
    }
}

impl From<BTreeMap<String, Value>> for AdditionalProperties {
    fn from(properties: BTreeMap<String, Value>) -> Self {
        Self {
            properties,
            mismatched: BTreeSet::new(),
        }
    }
}

impl FromIterator<(String, Value)> for AdditionalProperties {
    fn from_iter<I: IntoIterator<Item = (String, Value)>>(iter: I) -> Self {
        BTreeMap::from_iter(iter).into()
    }
}

impl Serialize for AdditionalProperties {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.properties.serialize(serializer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_and_writes_as_its_map() {
        let mut extra: AdditionalProperties = [("a".to_owned(), json!(1))].into_iter().collect();
        extra.insert("b".into(), json!("x"));
        assert_eq!(extra["a"], json!(1));
        assert_eq!(
            serde_json::to_value(&extra).unwrap(),
            json!({"a": 1, "b": "x"})
        );
        assert!(!extra.has_mismatches());
        assert_eq!(extra.into_map().len(), 2);
    }
}

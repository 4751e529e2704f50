//! Three-state fields for update (PATCH) bodies.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A field of an update (PATCH) body: leave the property alone, clear it, or set it.
///
/// In a PATCH body, an absent property keeps its value, `null` clears it, and a
/// value replaces it; an `Option` cannot tell the first two apart. Generated patch
/// structs declare each field as
///
/// ```
/// # use graphdoc_runtime::Patch;
/// #[derive(Default, serde::Serialize, serde::Deserialize)]
/// struct UserPatch {
///     #[serde(rename = "displayName", default, skip_serializing_if = "Patch::is_absent")]
///     display_name: Patch<String>,
/// }
///
/// let body = UserPatch { display_name: Patch::Null };
/// assert_eq!(serde_json::to_string(&body).unwrap(), r#"{"displayName":null}"#);
/// let body = UserPatch::default();
/// assert_eq!(serde_json::to_string(&body).unwrap(), "{}");
/// ```
///
/// so that [`Patch::Absent`] is omitted, [`Patch::Null`] is written as `null` and
/// [`Patch::Value`] as the value. Deserializing gives `Null` for `null` and `Value`
/// otherwise; a missing field becomes `Absent` through `#[serde(default)]`
/// (generated patch structs deserialize through [`Object::take_patch`] instead,
/// which does the same).
/// Serializing `Absent` without the `skip_serializing_if` writes `null`.
///
/// [`Object::take_patch`]: crate::Object::take_patch
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Patch<T> {
    /// Not sent: the property keeps its value.
    #[default]
    Absent,
    /// Sent as `null`: the property is cleared.
    Null,
    /// Sent with this value.
    Value(T),
}

impl<T> Patch<T> {
    /// Whether the field is left out of the body (the `skip_serializing_if` predicate).
    pub fn is_absent(&self) -> bool {
        matches!(self, Patch::Absent)
    }

    /// Whether the field is sent as `null`.
    pub fn is_null(&self) -> bool {
        matches!(self, Patch::Null)
    }

    /// Whether the field is sent with a value.
    pub fn is_value(&self) -> bool {
        matches!(self, Patch::Value(_))
    }

    /// The value, if there is one.
    pub fn value(&self) -> Option<&T> {
        match self {
            Patch::Value(v) => Some(v),
            _ => None,
        }
    }

    /// The value, if there is one.
    pub fn into_value(self) -> Option<T> {
        match self {
            Patch::Value(v) => Some(v),
            _ => None,
        }
    }

    /// `Some(v)` sets the value, `None` clears it (sends `null`).
    pub fn from_option(value: Option<T>) -> Self {
        value.map_or(Patch::Null, Patch::Value)
    }

    /// A patch of a reference to the value.
    pub fn as_ref(&self) -> Patch<&T> {
        match self {
            Patch::Absent => Patch::Absent,
            Patch::Null => Patch::Null,
            Patch::Value(v) => Patch::Value(v),
        }
    }

    /// Maps the value, keeping `Absent` and `Null`.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Patch<U> {
        match self {
            Patch::Absent => Patch::Absent,
            Patch::Null => Patch::Null,
            Patch::Value(v) => Patch::Value(f(v)),
        }
    }
}

impl<T> From<T> for Patch<T> {
    fn from(value: T) -> Self {
        Patch::Value(value)
    }
}

impl<T: Serialize> Serialize for Patch<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Patch::Absent | Patch::Null => serializer.serialize_none(),
            Patch::Value(v) => v.serialize(serializer),
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Patch<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Option::<T>::deserialize(deserializer).map(Patch::from_option)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[derive(Debug, Default, PartialEq, Serialize, Deserialize)]
    struct Body {
        #[serde(rename = "a", default, skip_serializing_if = "Patch::is_absent")]
        a: Patch<String>,
        #[serde(rename = "b", default, skip_serializing_if = "Patch::is_absent")]
        b: Patch<Vec<i32>>,
    }

    #[test]
    fn absent_is_omitted_null_is_null_value_is_value() {
        let body = Body {
            a: Patch::Null,
            b: Patch::Absent,
        };
        assert_eq!(serde_json::to_value(&body).unwrap(), json!({"a": null}));
        let body = Body {
            a: "x".to_string().into(),
            b: Patch::Value(vec![1]),
        };
        assert_eq!(
            serde_json::to_value(&body).unwrap(),
            json!({"a": "x", "b": [1]})
        );
        assert_eq!(serde_json::to_value(Body::default()).unwrap(), json!({}));
    }

    #[test]
    fn deserialize_tells_absent_null_and_value_apart() {
        let body: Body = serde_json::from_value(json!({"a": null, "b": [2]})).unwrap();
        assert_eq!(body.a, Patch::Null);
        assert_eq!(body.b, Patch::Value(vec![2]));
        let body: Body = serde_json::from_value(json!({})).unwrap();
        assert!(body.a.is_absent() && body.b.is_absent());
    }

    #[test]
    fn helpers() {
        assert_eq!(Patch::from_option(Some(1)), Patch::Value(1));
        assert_eq!(Patch::<i32>::from_option(None), Patch::Null);
        assert_eq!(Patch::Value(2).map(|v| v * 2).into_value(), Some(4));
        assert_eq!(Patch::<i32>::Null.value(), None);
        assert!(Patch::Value(1).as_ref().is_value());
        assert!(Patch::<i32>::default().is_absent());
        assert!(Patch::<i32>::Null.is_null());
    }
}

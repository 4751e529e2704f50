//! Support for generated enums: evolvable enums and flags.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A generated Graph enum: a variant per documented member plus a catch-all
/// variant holding any other value verbatim, because Graph enums are evolvable
/// (new members appear without notice).
///
/// A generated enum implements this trait and two serde impls that delegate to
/// it, which keeps the generated code small:
///
/// ```
/// use std::borrow::Cow;
/// use graphdoc_runtime::GraphEnum;
///
/// #[derive(Debug, Clone, PartialEq, Eq, Hash)]
/// pub enum Color { Red, UnknownFutureValue, Other(String) }
///
/// impl GraphEnum for Color {
///     fn as_str(&self) -> &str {
///         match self {
///             Self::Red => "red",
///             Self::UnknownFutureValue => "unknownFutureValue",
///             Self::Other(value) => value,
///         }
///     }
///     fn from_wire(value: Cow<'_, str>) -> Self {
///         match &*value {
///             "red" => Self::Red,
///             "unknownFutureValue" => Self::UnknownFutureValue,
///             _ => Self::Other(value.into_owned()),
///         }
///     }
/// }
/// impl serde::Serialize for Color {
///     fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
///         s.serialize_str(self.as_str())
///     }
/// }
/// impl<'de> serde::Deserialize<'de> for Color {
///     fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
///         graphdoc_runtime::deserialize_enum(d)
///     }
/// }
///
/// let c: Color = serde_json::from_str(r#""green""#).unwrap();
/// assert_eq!(c, Color::Other("green".into()));
/// assert_eq!(serde_json::to_string(&c).unwrap(), r#""green""#);
/// ```
///
/// `unknownFutureValue` is an ordinary member: Graph sends it in place of members
/// added after it unless the request opts in with the
/// `Prefer: include-unknown-enum-members` header.
///
/// The catch-all variant is for values unknown to the bindings; a known value put
/// in it still serializes right but does not compare equal to its own variant. Use
/// [`GraphEnum::parse`] to get the right variant for a string.
pub trait GraphEnum: Sized {
    /// The value as it is written on the wire, e.g. `notApplicable`.
    fn as_str(&self) -> &str;

    /// The variant for a wire value; an unknown value goes in the catch-all variant.
    fn from_wire(value: Cow<'_, str>) -> Self;

    /// The variant for a wire value (see [`GraphEnum::from_wire`]).
    fn parse(value: &str) -> Self {
        Self::from_wire(Cow::Borrowed(value))
    }
}

/// `Deserialize::deserialize` for a [`GraphEnum`]: reads a string, never fails on
/// an unknown value.
pub fn deserialize_enum<'de, D: Deserializer<'de>, E: GraphEnum>(
    deserializer: D,
) -> Result<E, D::Error> {
    deserializer.deserialize_str(EnumVisitor(PhantomData))
}

struct EnumVisitor<E>(PhantomData<E>);

impl<E: GraphEnum> Visitor<'_> for EnumVisitor<E> {
    type Value = E;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an enum member name")
    }

    fn visit_str<Er: de::Error>(self, v: &str) -> Result<E, Er> {
        Ok(E::from_wire(Cow::Borrowed(v)))
    }

    fn visit_string<Er: de::Error>(self, v: String) -> Result<E, Er> {
        Ok(E::from_wire(Cow::Owned(v)))
    }
}

/// The value of a flags enum: a set of members, written comma-separated
/// (`"apps,tabs"`); the empty set is `""`.
///
/// Members keep their order and unknown members are kept verbatim, so a round trip
/// gives back what Graph sent. Spaces around members are accepted (`"apps, tabs"`)
/// and not written back: OData separates members with a bare comma.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Flags<E>(pub Vec<E>);

impl<E> Default for Flags<E> {
    fn default() -> Self {
        Self(Vec::new())
    }
}

impl<E> Flags<E> {
    /// The members.
    pub fn iter(&self) -> std::slice::Iter<'_, E> {
        self.0.iter()
    }

    /// Whether no member is set.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<E: PartialEq> Flags<E> {
    /// Whether the member is set.
    pub fn contains(&self, member: &E) -> bool {
        self.0.contains(member)
    }
}

impl<E> From<Vec<E>> for Flags<E> {
    fn from(members: Vec<E>) -> Self {
        Self(members)
    }
}

impl<E> FromIterator<E> for Flags<E> {
    fn from_iter<I: IntoIterator<Item = E>>(iter: I) -> Self {
        Self(iter.into_iter().collect())
    }
}

impl<'a, E> IntoIterator for &'a Flags<E> {
    type Item = &'a E;
    type IntoIter = std::slice::Iter<'a, E>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl<E: GraphEnum> fmt::Display for Flags<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, member) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(",")?;
            }
            f.write_str(member.as_str())?;
        }
        Ok(())
    }
}

impl<E: GraphEnum> Flags<E> {
    /// Parses a comma-separated list of members.
    pub fn parse(value: &str) -> Self {
        if value.trim().is_empty() {
            return Self(Vec::new());
        }
        Self(value.split(',').map(|m| E::parse(m.trim())).collect())
    }
}

impl<E: GraphEnum> Serialize for Flags<E> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de, E: GraphEnum> Deserialize<'de> for Flags<E> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V<E>(PhantomData<E>);
        impl<E: GraphEnum> Visitor<'_> for V<E> {
            type Value = Flags<E>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("comma-separated enum member names")
            }
            fn visit_str<Er: de::Error>(self, v: &str) -> Result<Flags<E>, Er> {
                Ok(Flags::parse(v))
            }
        }
        deserializer.deserialize_str(V(PhantomData))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[derive(Debug, Clone, PartialEq, Eq)]
    enum Tab {
        Apps,
        Tabs,
        Other(String),
    }

    impl GraphEnum for Tab {
        fn as_str(&self) -> &str {
            match self {
                Self::Apps => "apps",
                Self::Tabs => "tabs",
                Self::Other(v) => v,
            }
        }
        fn from_wire(value: Cow<'_, str>) -> Self {
            match &*value {
                "apps" => Self::Apps,
                "tabs" => Self::Tabs,
                _ => Self::Other(value.into_owned()),
            }
        }
    }

    impl Serialize for Tab {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.serialize_str(self.as_str())
        }
    }

    impl<'de> Deserialize<'de> for Tab {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            deserialize_enum(d)
        }
    }

    #[test]
    fn unknown_values_round_trip() {
        let v: Tab = serde_json::from_value(json!("apps")).unwrap();
        assert_eq!(v, Tab::Apps);
        let v: Tab = serde_json::from_value(json!("meetings")).unwrap();
        assert_eq!(v, Tab::Other("meetings".into()));
        assert_eq!(serde_json::to_value(&v).unwrap(), json!("meetings"));
        // From a reader (owned or borrowed strings both work).
        let v: Tab = serde_json::from_reader(&b"\"Apps\""[..]).unwrap();
        assert_eq!(v, Tab::Other("Apps".into()));
        assert!(serde_json::from_value::<Tab>(json!(1)).is_err());
        assert_eq!(Tab::parse("tabs"), Tab::Tabs);
    }

    #[test]
    fn flags_are_comma_separated() {
        let f: Flags<Tab> = serde_json::from_value(json!("apps,tabs,chat")).unwrap();
        assert_eq!(f.0, [Tab::Apps, Tab::Tabs, Tab::Other("chat".into())]);
        assert!(f.contains(&Tab::Tabs));
        assert_eq!(serde_json::to_value(&f).unwrap(), json!("apps,tabs,chat"));
        let f: Flags<Tab> = serde_json::from_value(json!("")).unwrap();
        assert!(f.is_empty());
        assert_eq!(serde_json::to_value(&f).unwrap(), json!(""));
        let f: Flags<Tab> = serde_json::from_value(json!("apps, tabs")).unwrap();
        assert_eq!(f.to_string(), "apps,tabs");
        let f: Flags<Tab> = vec![Tab::Tabs].into();
        assert_eq!(f.iter().count(), 1);
        assert_eq!((&f).into_iter().next(), Some(&Tab::Tabs));
        let f: Flags<Tab> = [Tab::Apps].into_iter().collect();
        assert_eq!(f, Flags(vec![Tab::Apps]));
    }
}

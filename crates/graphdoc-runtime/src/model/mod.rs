//! Values of the model types: what generated structs and enums are made of.
//! Requests, responses, paging and errors are in the sibling `http` module.

use std::fmt;

mod additional;
mod binary;
mod duration;
mod enums;
mod family;
mod macros;
mod number;
mod object;
mod patch;
mod strict;
mod time;

pub use additional::AdditionalProperties;
pub use binary::Base64Bytes;
pub use duration::IsoDuration;
pub use enums::{Flags, GraphEnum, deserialize_enum};
pub use family::{
    Build, Family, SharedProperty, builder_for, derived, deserialize_family, serialize_variant,
};
pub use number::{GraphF32, GraphF64};
pub use object::{FromObject, Object, ObjectWriter, Property, deserialize_object};
pub use patch::Patch;
#[cfg(any(feature = "client", feature = "client-async"))]
pub(crate) use strict::strict_guard;
pub use strict::{is_strict, leniently, strictly};
pub use time::{DateTimeOffset, TimeOfDay};

/// `Edm.Date`: a calendar date, `YYYY-MM-DD` on the wire (chrono's own serde form,
/// which round-trips byte for byte).
pub type Date = chrono::NaiveDate;

/// `Edm.Guid`. Serialized hyphenated and lowercase, as Graph sends GUIDs; an
/// uppercase or braced GUID is accepted and normalised to that form.
pub type Guid = uuid::Uuid;

/// `Edm.Decimal`: a JSON number kept as `serde_json` parsed it. Integers stay exact
/// integers (up to 64 bits) and serialize back as integers; other values are `f64`s.
/// Graph sends decimals as JSON numbers unless a client opts in to
/// `IEEE754Compatible=true`, which these bindings do not.
pub type Decimal = serde_json::Number;

/// A string that is not a valid value of one of this module's types.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    what: &'static str,
    input: String,
}

impl ParseError {
    pub(crate) fn new(what: &'static str, input: &str) -> Self {
        Self {
            what,
            input: input.to_owned(),
        }
    }

    /// What was expected, e.g. `an ISO 8601 duration`.
    pub fn expected(&self) -> &'static str {
        self.what
    }

    /// The text that failed to parse.
    pub fn input(&self) -> &str {
        &self.input
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid {}: {:?}", self.what, self.input)
    }
}

impl std::error::Error for ParseError {}

/// Serde support for the types that are written as strings and parsed with `FromStr`.
macro_rules! serde_via_str {
    ($ty:ty, $expecting:literal) => {
        impl serde::Serialize for $ty {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_str(self)
            }
        }

        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct Visitor;
                impl serde::de::Visitor<'_> for Visitor {
                    type Value = $ty;
                    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        f.write_str($expecting)
                    }
                    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<$ty, E> {
                        v.parse().map_err(E::custom)
                    }
                }
                deserializer.deserialize_str(Visitor)
            }
        }
    };
}
pub(crate) use serde_via_str;

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn round_trip<T: serde::Serialize + serde::de::DeserializeOwned>(text: &str) -> String {
        let v: T = serde_json::from_str(text).unwrap();
        serde_json::to_string(&v).unwrap()
    }

    #[test]
    fn aliases_round_trip_what_graph_sends() {
        for s in [r#""2014-01-01""#, r#""0001-01-01""#, r#""9999-12-31""#] {
            assert_eq!(round_trip::<Date>(s), s);
        }
        let guid = r#""7086705f-705f-7086-5f70-86705f708670""#;
        assert_eq!(round_trip::<Guid>(guid), guid);
        assert_eq!(
            round_trip::<Guid>(r#""7086705F-705F-7086-5F70-86705F708670""#),
            guid
        );
        for s in ["12", "-3", "1.25", "18446744073709551615"] {
            assert_eq!(round_trip::<Decimal>(s), s);
        }
    }

    #[test]
    fn parse_errors_say_what_was_expected() {
        let err = "P".parse::<IsoDuration>().unwrap_err();
        assert_eq!(err.expected(), "ISO 8601 duration");
        assert_eq!(err.input(), "P");
        assert_eq!(err.to_string(), "invalid ISO 8601 duration: \"P\"");
        let err = serde_json::from_value::<DateTimeOffset>(json!("String (timestamp)"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("String (timestamp)"), "{err}");
    }
}

//! `Edm.Double` and `Edm.Single`, which Graph may send as `"NaN"`, `"INF"` or `"-INF"`.

use std::fmt;

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Integral values below this magnitude are written as JSON integers: any
/// integral float is exactly an integer, and these fit an `i64`.
const INTEGER_BOUND: f64 = 9_223_372_036_854_774_784.0; // the largest f64 below 2^63

macro_rules! graph_float {
    ($(#[$doc:meta])* $name:ident, $float:ty, $to_wire:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Default)]
        pub struct $name(pub $float);

        impl $name {
            /// The number.
            pub fn get(self) -> $float {
                self.0
            }
        }

        impl From<$float> for $name {
            fn from(value: $float) -> Self {
                Self(value)
            }
        }

        impl From<$name> for $float {
            fn from(value: $name) -> Self {
                value.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Display::fmt(&self.0, f)
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let v = self.0;
                if v.is_nan() {
                    serializer.serialize_str("NaN")
                } else if v.is_infinite() {
                    serializer.serialize_str(if v > 0.0 { "INF" } else { "-INF" })
                } else {
                    let to_wire: fn($float) -> f64 = $to_wire;
                    let w = to_wire(v);
                    if w.fract() == 0.0 && w.abs() < INTEGER_BOUND && !(w == 0.0 && w.is_sign_negative()) {
                        // Graph (.NET) writes integral doubles without a fraction: `1`, not `1.0`.
                        serializer.serialize_i64(w as i64)
                    } else {
                        serializer.serialize_f64(w)
                    }
                }
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct V;
                impl Visitor<'_> for V {
                    type Value = $name;
                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str("a number or one of \"NaN\", \"INF\", \"-INF\"")
                    }
                    fn visit_f64<E: de::Error>(self, v: f64) -> Result<$name, E> {
                        Ok($name(v as $float))
                    }
                    fn visit_i64<E: de::Error>(self, v: i64) -> Result<$name, E> {
                        Ok($name(v as $float))
                    }
                    fn visit_u64<E: de::Error>(self, v: u64) -> Result<$name, E> {
                        Ok($name(v as $float))
                    }
                    fn visit_str<E: de::Error>(self, v: &str) -> Result<$name, E> {
                        match v {
                            "NaN" => Ok($name(<$float>::NAN)),
                            "INF" => Ok($name(<$float>::INFINITY)),
                            "-INF" => Ok($name(<$float>::NEG_INFINITY)),
                            _ => v
                                .trim()
                                .parse::<$float>()
                                .map($name)
                                .map_err(|_| E::invalid_value(de::Unexpected::Str(v), &self)),
                        }
                    }
                }
                deserializer.deserialize_any(V)
            }
        }
    };
}

graph_float!(
    /// `Edm.Double`: an `f64` that also reads and writes Graph's `"NaN"`, `"INF"` and
    /// `"-INF"` strings.
    ///
    /// Serialization reproduces what Graph sends: non-finite values as those strings,
    /// integral values as JSON integers (`3`, as .NET writes them), others as
    /// shortest round-trip decimals. Inputs Graph does not send are normalised: `3.0`
    /// is written `3`, and numeric strings (`"1.5"`, sent only under
    /// `IEEE754Compatible=true`) are read and written as numbers.
    GraphF64,
    f64,
    |v| v
);

graph_float!(
    /// `Edm.Single`: an `f32` with the same JSON form as [`GraphF64`].
    GraphF32,
    f32,
    // The f64 nearest the f32's shortest decimal: `0.168f32` is written (and
    // becomes a `serde_json::Value`) as 0.168, not as its widened binary value
    // 0.1679999977350235.
    |v| v.to_string().parse().unwrap_or(f64::from(v))
);

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};

    #[test]
    fn singles_keep_their_shortest_decimal_even_through_a_json_value() {
        let v: GraphF32 = serde_json::from_value(json!(0.168)).unwrap();
        assert_eq!(serde_json::to_value(v).unwrap(), json!(0.168));
        let big: GraphF32 = serde_json::from_value(json!(20000000)).unwrap();
        assert_eq!(serde_json::to_value(big).unwrap(), json!(20000000));
        assert_eq!(serde_json::to_string(&big).unwrap(), "20000000");
        let rounded: GraphF32 = serde_json::from_value(json!(500000000000_i64)).unwrap();
        assert_eq!(
            serde_json::to_value(rounded).unwrap(),
            json!(500000000000_i64),
            "5e11 as f32 is written 5e11"
        );
        let huge = GraphF64(1e17);
        assert_eq!(serde_json::to_string(&huge).unwrap(), "100000000000000000");
    }

    fn round_trip<T: Serialize + for<'de> Deserialize<'de>>(input: Value) -> Value {
        // Through text, as on the wire (`to_value` would widen an `f32` to `f64` first).
        let v: T = serde_json::from_str(&input.to_string()).unwrap();
        serde_json::from_str(&serde_json::to_string(&v).unwrap()).unwrap()
    }

    #[test]
    fn special_strings_round_trip() {
        for s in ["NaN", "INF", "-INF"] {
            assert_eq!(round_trip::<GraphF64>(json!(s)), json!(s));
            assert_eq!(round_trip::<GraphF32>(json!(s)), json!(s));
        }
        let v: GraphF64 = serde_json::from_str("\"NaN\"").unwrap();
        assert!(v.0.is_nan());
        let v: GraphF64 = serde_json::from_str("\"-INF\"").unwrap();
        assert_eq!(v.0, f64::NEG_INFINITY);
    }

    #[test]
    fn numbers_round_trip_as_graph_writes_them() {
        for n in [
            json!(0),
            json!(3),
            json!(-7),
            json!(1.5),
            json!(-0.25),
            json!(1e300),
        ] {
            assert_eq!(round_trip::<GraphF64>(n.clone()), n);
        }
        for n in [json!(0), json!(3), json!(0.1), json!(-2.5)] {
            assert_eq!(round_trip::<GraphF32>(n.clone()), n);
        }
        assert_eq!(
            serde_json::to_string(&GraphF64(47.6062)).unwrap(),
            "47.6062"
        );
    }

    #[test]
    fn normalises_what_graph_does_not_send() {
        assert_eq!(round_trip::<GraphF64>(json!(3.0)), json!(3));
        assert_eq!(round_trip::<GraphF64>(json!("1.5")), json!(1.5));
        assert_eq!(round_trip::<GraphF64>(json!(-0.0)), json!(-0.0));
        assert!(serde_json::from_value::<GraphF64>(json!("many")).is_err());
        assert!(serde_json::from_value::<GraphF64>(json!(true)).is_err());
    }

    #[test]
    fn conversions() {
        assert_eq!(f64::from(GraphF64::from(2.5)), 2.5);
        assert_eq!(GraphF32(1.5).get(), 1.5);
        assert_eq!(GraphF64(1.5).to_string(), "1.5");
    }
}

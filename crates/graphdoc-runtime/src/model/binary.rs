//! `Edm.Binary`: bytes, base64-encoded on the wire.

use std::fmt;
use std::str::FromStr;

use base64::Engine as _;
use base64::alphabet;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};

use super::{ParseError, serde_via_str};

const LENIENT: GeneralPurposeConfig =
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent);
const STANDARD: GeneralPurpose = GeneralPurpose::new(&alphabet::STANDARD, LENIENT);
const URL_SAFE: GeneralPurpose = GeneralPurpose::new(&alphabet::URL_SAFE, LENIENT);

/// `Edm.Binary`: bytes, written as standard base64 with padding, as Graph writes them.
///
/// Reading also accepts base64 without padding and the URL-safe alphabet (which
/// OData allows in URLs); those are written back in the standard form.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Base64Bytes(pub Vec<u8>);

impl Base64Bytes {
    /// The bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// The bytes.
    pub fn into_bytes(self) -> Vec<u8> {
        self.0
    }
}

impl From<Vec<u8>> for Base64Bytes {
    fn from(bytes: Vec<u8>) -> Self {
        Self(bytes)
    }
}

impl From<&[u8]> for Base64Bytes {
    fn from(bytes: &[u8]) -> Self {
        Self(bytes.to_vec())
    }
}

impl From<Base64Bytes> for Vec<u8> {
    fn from(bytes: Base64Bytes) -> Self {
        bytes.0
    }
}

impl AsRef<[u8]> for Base64Bytes {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

impl FromStr for Base64Bytes {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        STANDARD
            .decode(s)
            .or_else(|_| URL_SAFE.decode(s))
            .map(Self)
            .map_err(|_| ParseError::new("base64", s))
    }
}

impl fmt::Display for Base64Bytes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&STANDARD.encode(&self.0))
    }
}

serde_via_str!(Base64Bytes, "a base64 string");

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn round_trips_standard_base64() {
        for (text, bytes) in [
            ("", &b""[..]),
            ("aGVsbG8=", b"hello"),
            ("aGk=", b"hi"),
            ("+/8=", &[0xfb, 0xff]),
        ] {
            let v: Base64Bytes = serde_json::from_value(json!(text)).unwrap();
            assert_eq!(v.as_bytes(), bytes);
            assert_eq!(serde_json::to_value(&v).unwrap(), json!(text));
        }
    }

    #[test]
    fn accepts_unpadded_and_url_safe() {
        assert_eq!("aGk".parse::<Base64Bytes>().unwrap().0, b"hi");
        let v: Base64Bytes = "-_8".parse().unwrap();
        assert_eq!(v.0, [0xfb, 0xff]);
        assert_eq!(v.to_string(), "+/8=");
        assert!("not base64!".parse::<Base64Bytes>().is_err());
    }
}

//! `Edm.Duration`: ISO 8601 durations such as `P1DT2H`, `PT0S`, `-PT1.5S`.

use std::fmt::{self, Write as _};
use std::str::FromStr;

use chrono::TimeDelta;

use super::{ParseError, serde_via_str};

/// `Edm.Duration`: an ISO 8601 duration (`[-]P[nY][nM][nW][nD][T[nH][nM][n[.f]S]]`).
///
/// The text is kept as written and serialized unchanged, so a round trip is
/// lossless (`PT60M` stays `PT60M`, not `PT1H`); the components are parsed for
/// inspection. Equality is equality of the text. Fractions are allowed on seconds
/// only, as in XML Schema and OData.
///
/// A duration made from a [`TimeDelta`] is written as Graph (.NET) writes one:
/// days, hours, minutes and seconds, zero components left out, `PT0S` for zero.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct IsoDuration {
    text: String,
    negative: bool,
    years: u64,
    months: u64,
    weeks: u64,
    days: u64,
    hours: u64,
    minutes: u64,
    seconds: u64,
    nanos: u32,
}

impl IsoDuration {
    /// The duration as written, e.g. `P1DT2H`.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Whether it is written with a leading `-`.
    pub fn is_negative(&self) -> bool {
        self.negative
    }

    /// The `Y` component.
    pub fn years(&self) -> u64 {
        self.years
    }

    /// The `M` component of the date part.
    pub fn months(&self) -> u64 {
        self.months
    }

    /// The `W` component.
    pub fn weeks(&self) -> u64 {
        self.weeks
    }

    /// The `D` component.
    pub fn days(&self) -> u64 {
        self.days
    }

    /// The `H` component.
    pub fn hours(&self) -> u64 {
        self.hours
    }

    /// The `M` component of the time part.
    pub fn minutes(&self) -> u64 {
        self.minutes
    }

    /// The whole seconds of the `S` component.
    pub fn seconds(&self) -> u64 {
        self.seconds
    }

    /// The fraction of the `S` component, in nanoseconds (digits past the ninth are dropped).
    pub fn nanoseconds(&self) -> u32 {
        self.nanos
    }

    /// The exact length, or `None` when it has years or months (whose length
    /// depends on the calendar) or does not fit a [`TimeDelta`].
    pub fn to_time_delta(&self) -> Option<TimeDelta> {
        if self.years != 0 || self.months != 0 {
            return None;
        }
        let days = self.weeks.checked_mul(7)?.checked_add(self.days)?;
        let secs = days
            .checked_mul(86_400)?
            .checked_add(self.hours.checked_mul(3_600)?)?
            .checked_add(self.minutes.checked_mul(60)?)?
            .checked_add(self.seconds)?;
        let delta = TimeDelta::new(i64::try_from(secs).ok()?, self.nanos)?;
        Some(if self.negative { -delta } else { delta })
    }

    /// The duration of a [`TimeDelta`], written as Graph writes one (`P1DT2H30M`,
    /// `-PT1.5S`, `PT0S`).
    pub fn from_time_delta(delta: TimeDelta) -> Self {
        let negative = delta < TimeDelta::zero();
        let abs = delta.abs();
        let total = abs.num_seconds() as u64;
        let nanos = abs.subsec_nanos() as u32;
        let (days, hours, minutes, seconds) = (
            total / 86_400,
            total / 3_600 % 24,
            total / 60 % 60,
            total % 60,
        );
        let mut text = String::new();
        if negative {
            text.push('-');
        }
        text.push('P');
        if days > 0 {
            let _ = write!(text, "{days}D");
        }
        if hours > 0 || minutes > 0 || seconds > 0 || nanos > 0 || days == 0 {
            text.push('T');
            if hours > 0 {
                let _ = write!(text, "{hours}H");
            }
            if minutes > 0 {
                let _ = write!(text, "{minutes}M");
            }
            if seconds > 0 || nanos > 0 || (hours == 0 && minutes == 0) {
                let _ = write!(text, "{seconds}");
                if nanos > 0 {
                    let fraction = format!("{nanos:09}");
                    let _ = write!(text, ".{}", fraction.trim_end_matches('0'));
                }
                text.push('S');
            }
        }
        Self {
            text,
            negative,
            years: 0,
            months: 0,
            weeks: 0,
            days,
            hours,
            minutes,
            seconds,
            nanos,
        }
    }
}

impl From<TimeDelta> for IsoDuration {
    fn from(delta: TimeDelta) -> Self {
        Self::from_time_delta(delta)
    }
}

impl FromStr for IsoDuration {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = || ParseError::new("ISO 8601 duration", s);
        let (negative, body) = match s.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, s.strip_prefix('+').unwrap_or(s)),
        };
        let body = body.strip_prefix('P').ok_or_else(err)?;
        let mut d = IsoDuration {
            text: s.to_owned(),
            negative,
            years: 0,
            months: 0,
            weeks: 0,
            days: 0,
            hours: 0,
            minutes: 0,
            seconds: 0,
            nanos: 0,
        };
        let (date_part, time_part) = match body.split_once('T') {
            Some((date, time)) => (date, Some(time)),
            None => (body, None),
        };
        let date = parse_part(date_part, false, &mut d).ok_or_else(err)?;
        let time = match time_part {
            // `PT` alone is not a duration.
            Some(time) => match parse_part(time, true, &mut d) {
                Some(0) | None => return Err(err()),
                Some(n) => n,
            },
            None => 0,
        };
        if date + time == 0 {
            return Err(err());
        }
        Ok(d)
    }
}

/// Parses the components of the date part (`YMWD`) or time part (`HMS`) into `d`,
/// in their required order, each at most once; returns how many there were.
fn parse_part(part: &str, time: bool, d: &mut IsoDuration) -> Option<usize> {
    let designators: &[u8] = if time { b"HMS" } else { b"YMWD" };
    let mut rest = part;
    let mut next = 0;
    let mut count = 0;
    while !rest.is_empty() {
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        let int: u64 = rest[..digits].parse().ok()?;
        rest = &rest[digits..];
        let mut nanos = 0;
        if time && (rest.starts_with('.') || rest.starts_with(',')) {
            let frac = rest[1..].bytes().take_while(u8::is_ascii_digit).count();
            if frac == 0 {
                return None;
            }
            let padded = format!("{:0<9}", &rest[1..=frac.min(9)]);
            nanos = padded[..9].parse().ok()?;
            rest = &rest[1 + frac..];
            if !rest.starts_with('S') {
                return None;
            }
        }
        let designator = *rest.as_bytes().first()?;
        next += designators[next..].iter().position(|c| *c == designator)? + 1;
        rest = &rest[1..];
        count += 1;
        let slot = match (time, designator) {
            (false, b'Y') => &mut d.years,
            (false, b'M') => &mut d.months,
            (false, b'W') => &mut d.weeks,
            (false, _) => &mut d.days,
            (true, b'H') => &mut d.hours,
            (true, b'M') => &mut d.minutes,
            (true, _) => {
                d.nanos = nanos;
                &mut d.seconds
            }
        };
        *slot = int;
    }
    Some(count)
}

impl fmt::Display for IsoDuration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

serde_via_str!(IsoDuration, "an ISO 8601 duration string");

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn d(s: &str) -> IsoDuration {
        s.parse().unwrap()
    }

    #[test]
    fn parses_components() {
        let v = d("P1Y2M3W4DT5H6M7.25S");
        assert_eq!((v.years(), v.months(), v.weeks(), v.days()), (1, 2, 3, 4));
        assert_eq!(
            (v.hours(), v.minutes(), v.seconds(), v.nanoseconds()),
            (5, 6, 7, 250_000_000)
        );
        assert!(!v.is_negative());
        assert_eq!(v.to_time_delta(), None);
        assert_eq!(d("P1DT2H").to_time_delta(), Some(TimeDelta::hours(26)));
        assert_eq!(d("PT0S").to_time_delta(), Some(TimeDelta::zero()));
        assert_eq!(
            d("-PT1.5S").to_time_delta(),
            Some(TimeDelta::milliseconds(-1500))
        );
        assert_eq!(d("P2W").to_time_delta(), Some(TimeDelta::days(14)));
    }

    #[test]
    fn round_trips_text_unchanged() {
        for s in [
            "P1DT2H",
            "PT0S",
            "-PT1.5S",
            "PT60M",
            "P0D",
            "PT1.0000000S",
            "P1M",
            "PT36H",
        ] {
            assert_eq!(d(s).to_string(), s);
            assert_eq!(serde_json::to_value(d(s)).unwrap(), json!(s));
            let back: IsoDuration = serde_json::from_value(json!(s)).unwrap();
            assert_eq!(back.as_str(), s);
        }
    }

    #[test]
    fn rejects_invalid() {
        for s in [
            "", "P", "PT", "1D", "P1H", "PT1D", "P1D2Y", "P1.5D", "PT1.S", "PT1.5M", "P1DT",
            "P-1D", "PTS", "P1YY", "P1D ",
        ] {
            assert!(s.parse::<IsoDuration>().is_err(), "{s:?}");
        }
    }

    #[test]
    fn from_time_delta_writes_like_graph() {
        let cases = [
            (TimeDelta::hours(26), "P1DT2H"),
            (TimeDelta::zero(), "PT0S"),
            (TimeDelta::milliseconds(-1500), "-PT1.5S"),
            (TimeDelta::days(2), "P2D"),
            (TimeDelta::minutes(90), "PT1H30M"),
            (TimeDelta::seconds(86_401), "P1DT1S"),
        ];
        for (delta, text) in cases {
            let v = IsoDuration::from(delta);
            assert_eq!(v.as_str(), text);
            assert_eq!(v, d(text));
            assert_eq!(v.to_time_delta(), Some(delta));
        }
    }
}

//! `Edm.DateTimeOffset` and `Edm.TimeOfDay`: chrono values that remember how they
//! were written, so that serializing gives back the text Graph sent.
//!
//! chrono's own serde form is not Graph's: it writes `+00:00` where Graph writes
//! `Z`, and 3, 6 or 9 fractional digits where Graph writes up to 7. These wrappers
//! keep the format of a parsed value (seconds present or not, the number of
//! fractional digits, `Z` or a numeric offset) and write it back unchanged.

use std::cmp::Ordering;
use std::fmt::{self, Write as _};
use std::hash::{Hash, Hasher};
use std::str::FromStr;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime, TimeZone, Timelike, Utc};

use super::{ParseError, serde_via_str};

const NANOS_PER_SEC: u32 = 1_000_000_000;

/// How a time of day was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
struct TimeFormat {
    /// `HH:MM:SS` rather than `HH:MM`.
    seconds: bool,
    /// Digits after the decimal point (0: no point).
    fraction_digits: u8,
}

impl TimeFormat {
    /// The format for a new value: seconds, and the fewest fractional digits up to
    /// `min_digits`..=7 that hold it (9 when it has sub-100ns precision).
    fn for_nanos(nanos: u32, min_digits: u8) -> Self {
        let nanos = nanos % NANOS_PER_SEC;
        let fraction_digits = if !nanos.is_multiple_of(100) {
            9
        } else {
            let digits = format!("{nanos:09}");
            let significant = digits.trim_end_matches('0').len() as u8;
            significant.max(min_digits)
        };
        TimeFormat {
            seconds: true,
            fraction_digits,
        }
    }
}

/// Parses `HH:MM[:SS[.fff...]]` at the start of `s`; returns the rest.
fn parse_time(s: &str) -> Option<(NaiveTime, TimeFormat, &str)> {
    let b = s.as_bytes();
    let two = |i: usize| -> Option<u32> {
        let (h, l) = (*b.get(i)?, *b.get(i + 1)?);
        (h.is_ascii_digit() && l.is_ascii_digit()).then(|| u32::from((h - b'0') * 10 + (l - b'0')))
    };
    let hour = two(0)?;
    if b.get(2) != Some(&b':') {
        return None;
    }
    let minute = two(3)?;
    let mut rest = &s[5..];
    let mut format = TimeFormat {
        seconds: false,
        fraction_digits: 0,
    };
    let (mut second, mut nanos) = (0, 0);
    if b.get(5) == Some(&b':') {
        second = two(6)?;
        format.seconds = true;
        rest = &s[8..];
        if let Some(after_point) = rest.strip_prefix('.') {
            let digits = after_point.bytes().take_while(u8::is_ascii_digit).count();
            if digits == 0 {
                return None;
            }
            let mut padded = [b'0'; 9];
            for (slot, d) in padded.iter_mut().zip(after_point.bytes().take(digits)) {
                *slot = d;
            }
            nanos = padded
                .iter()
                .fold(0u32, |acc, d| acc * 10 + u32::from(d - b'0'));
            format.fraction_digits = u8::try_from(digits).unwrap_or(u8::MAX);
            rest = &after_point[digits..];
        }
    }
    let time = if second == 60 {
        // A leap second: chrono keeps it as second 59 with an extra second of nanos.
        NaiveTime::from_hms_nano_opt(hour, minute, 59, NANOS_PER_SEC + nanos)?
    } else {
        NaiveTime::from_hms_nano_opt(hour, minute, second, nanos)?
    };
    Some((time, format, rest))
}

fn write_time(out: &mut String, time: NaiveTime, format: TimeFormat) {
    let (mut second, mut nanos) = (time.second(), time.nanosecond());
    if nanos >= NANOS_PER_SEC {
        second += 1;
        nanos -= NANOS_PER_SEC;
    }
    let _ = write!(out, "{:02}:{:02}", time.hour(), time.minute());
    if format.seconds {
        let _ = write!(out, ":{second:02}");
        if format.fraction_digits > 0 {
            let digits = format!("{nanos:09}");
            let n = usize::from(format.fraction_digits);
            out.push('.');
            out.push_str(&digits[..n.min(9)]);
            out.extend(std::iter::repeat_n('0', n.saturating_sub(9)));
        }
    }
}

/// How an offset was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum OffsetStyle {
    /// `Z`.
    Zulu,
    /// `+HH:MM` / `-HH:MM`.
    Numeric,
    /// No offset at all (read as UTC).
    Absent,
}

/// `Edm.DateTimeOffset`: a `chrono::DateTime<FixedOffset>` that serializes back to
/// the text it was parsed from.
///
/// Graph writes `2014-01-01T00:00:00Z` or `2023-05-10T17:52:43.1234567Z`: `Z` and at
/// most 7 fractional digits, trailing zeros dropped. A parsed value keeps its
/// format (seconds or not, the number of fractional digits, `Z`, a numeric offset
/// or none); a value made with [`DateTimeOffset::new`] is written as Graph would
/// write it. Inputs Graph does not send are normalised: a lowercase `t` or `z`, or a
/// space separator, are written `T` and `Z`; `-00:00` is written `+00:00`; more than
/// 9 fractional digits keep their count but not their digits past the ninth
/// (chrono's nanosecond precision). A missing offset is read as UTC and stays missing.
///
/// Equality, ordering and hashing look at the instant, the offset and the format,
/// so values that serialize differently are never equal; compare
/// [`DateTimeOffset::value`]s to compare instants.
#[derive(Debug, Clone, Copy)]
pub struct DateTimeOffset {
    value: DateTime<FixedOffset>,
    time: TimeFormat,
    offset: OffsetStyle,
}

impl DateTimeOffset {
    /// A value written as Graph writes it: `Z` for UTC, up to 7 fractional digits.
    pub fn new(value: DateTime<FixedOffset>) -> Self {
        let offset = if value.offset().local_minus_utc() == 0 {
            OffsetStyle::Zulu
        } else {
            OffsetStyle::Numeric
        };
        Self {
            value,
            time: TimeFormat::for_nanos(value.nanosecond(), 0),
            offset,
        }
    }

    /// The date and time.
    pub fn value(&self) -> DateTime<FixedOffset> {
        self.value
    }

    /// The instant in UTC.
    pub fn to_utc(&self) -> DateTime<Utc> {
        self.value.with_timezone(&Utc)
    }

    fn key(&self) -> (chrono::NaiveDateTime, i32, TimeFormat, OffsetStyle) {
        (
            self.value.naive_utc(),
            self.value.offset().local_minus_utc(),
            self.time,
            self.offset,
        )
    }
}

impl From<DateTime<FixedOffset>> for DateTimeOffset {
    fn from(value: DateTime<FixedOffset>) -> Self {
        Self::new(value)
    }
}

impl From<DateTime<Utc>> for DateTimeOffset {
    fn from(value: DateTime<Utc>) -> Self {
        Self::new(value.fixed_offset())
    }
}

impl From<DateTimeOffset> for DateTime<FixedOffset> {
    fn from(value: DateTimeOffset) -> Self {
        value.value
    }
}

impl PartialEq for DateTimeOffset {
    fn eq(&self, other: &Self) -> bool {
        self.key() == other.key()
    }
}

impl Eq for DateTimeOffset {}

impl Hash for DateTimeOffset {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.key().hash(state);
    }
}

impl PartialOrd for DateTimeOffset {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for DateTimeOffset {
    fn cmp(&self, other: &Self) -> Ordering {
        self.key().cmp(&other.key())
    }
}

impl FromStr for DateTimeOffset {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = || ParseError::new("DateTimeOffset (YYYY-MM-DDTHH:MM:SS[.f]Z)", s);
        let b = s.as_bytes();
        let date_ok = b.len() > 10
            && b[..10].iter().enumerate().all(|(i, c)| {
                if i == 4 || i == 7 {
                    *c == b'-'
                } else {
                    c.is_ascii_digit()
                }
            })
            && matches!(b[10], b'T' | b't' | b' ');
        if !date_ok {
            return Err(err());
        }
        let date = NaiveDate::parse_from_str(&s[..10], "%Y-%m-%d").map_err(|_| err())?;
        let (time, time_format, rest) = parse_time(&s[11..]).ok_or_else(err)?;
        let (offset, style) = match rest {
            "Z" | "z" => (FixedOffset::east_opt(0), OffsetStyle::Zulu),
            "" => (FixedOffset::east_opt(0), OffsetStyle::Absent),
            _ => {
                let rb = rest.as_bytes();
                let sign = match rb.first() {
                    Some(b'+') => 1,
                    Some(b'-') => -1,
                    _ => return Err(err()),
                };
                let num = |r: std::ops::Range<usize>| -> Option<i32> {
                    let t = rest.get(r)?;
                    t.bytes()
                        .all(|c| c.is_ascii_digit())
                        .then(|| t.parse().ok())?
                };
                if rb.len() != 6 || rb[3] != b':' {
                    return Err(err());
                }
                let (h, m) = (num(1..3).ok_or_else(err)?, num(4..6).ok_or_else(err)?);
                if m >= 60 {
                    return Err(err());
                }
                (
                    FixedOffset::east_opt(sign * (h * 3600 + m * 60)),
                    OffsetStyle::Numeric,
                )
            }
        };
        let offset = offset.ok_or_else(err)?;
        let value = offset
            .from_local_datetime(&date.and_time(time))
            .single()
            .ok_or_else(err)?;
        Ok(Self {
            value,
            time: time_format,
            offset: style,
        })
    }
}

impl fmt::Display for DateTimeOffset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let local = self.value.naive_local();
        let mut out = String::with_capacity(36);
        let _ = write!(out, "{}T", local.date().format("%Y-%m-%d"));
        write_time(&mut out, local.time(), self.time);
        match self.offset {
            OffsetStyle::Zulu => out.push('Z'),
            OffsetStyle::Absent => {}
            OffsetStyle::Numeric => {
                let secs = self.value.offset().local_minus_utc();
                let sign = if secs < 0 { '-' } else { '+' };
                let secs = secs.unsigned_abs();
                let _ = write!(out, "{sign}{:02}:{:02}", secs / 3600, secs / 60 % 60);
            }
        }
        f.write_str(&out)
    }
}

serde_via_str!(DateTimeOffset, "a DateTimeOffset string");

/// `Edm.TimeOfDay`: a `chrono::NaiveTime` that serializes back to the text it was
/// parsed from (`HH:MM:SS.fffffff`, or `HH:MM`, `HH:MM:SS`, any number of
/// fractional digits).
///
/// A value made with [`TimeOfDay::new`] is written as Graph writes it, with 7
/// fractional digits (`08:00:00.0000000`). Equality looks at the format too.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TimeOfDay {
    value: NaiveTime,
    format: TimeFormat,
}

impl TimeOfDay {
    /// A value written as Graph writes it: `HH:MM:SS.fffffff`.
    pub fn new(value: NaiveTime) -> Self {
        Self {
            value,
            format: TimeFormat::for_nanos(value.nanosecond(), 7),
        }
    }

    /// The time.
    pub fn value(&self) -> NaiveTime {
        self.value
    }
}

impl From<NaiveTime> for TimeOfDay {
    fn from(value: NaiveTime) -> Self {
        Self::new(value)
    }
}

impl From<TimeOfDay> for NaiveTime {
    fn from(value: TimeOfDay) -> Self {
        value.value
    }
}

impl FromStr for TimeOfDay {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match parse_time(s) {
            Some((value, format, "")) => Ok(Self { value, format }),
            _ => Err(ParseError::new("TimeOfDay (HH:MM:SS[.fffffff])", s)),
        }
    }
}

impl fmt::Display for TimeOfDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = String::with_capacity(18);
        write_time(&mut out, self.value, self.format);
        f.write_str(&out)
    }
}

serde_via_str!(TimeOfDay, "a TimeOfDay string");

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn dto(s: &str) -> DateTimeOffset {
        s.parse().unwrap()
    }

    #[test]
    fn date_time_offsets_round_trip_byte_for_byte() {
        for s in [
            "2014-01-01T00:00:00Z",
            "2023-05-10T17:52:43.1234567Z",
            "2023-05-10T17:52:43.1200000Z",
            "2023-05-10T17:52:43.0000000Z",
            "2023-05-10T17:52:43.5Z",
            "0001-01-01T00:00:00Z",
            "9999-12-31T23:59:59.9999999Z",
            "2019-03-01T10:00:00+05:30",
            "2019-03-01T10:00:00-08:00",
            "2019-03-01T10:00:00.123456789+01:00",
            "2019-03-01T10:00Z",
            "2019-03-01T10:00:00",
            "2016-12-31T23:59:60Z",
        ] {
            assert_eq!(dto(s).to_string(), s);
            let json = serde_json::to_string(&dto(s)).unwrap();
            assert_eq!(json, format!("\"{s}\""));
            let back: DateTimeOffset = serde_json::from_str(&json).unwrap();
            assert_eq!(back, dto(s));
        }
    }

    #[test]
    fn chrono_default_would_not_round_trip() {
        // Why the wrapper exists.
        let graph_form = "2023-05-10T17:52:43.1234567Z";
        let chrono_form = serde_json::to_string(&dto(graph_form).value()).unwrap();
        assert_eq!(chrono_form, "\"2023-05-10T17:52:43.123456700Z\"");
        let graph_form = "2023-05-10T17:52:43.0000000Z";
        let chrono_form = serde_json::to_string(&dto(graph_form).value()).unwrap();
        assert_eq!(chrono_form, "\"2023-05-10T17:52:43Z\"");
    }

    #[test]
    fn parsed_values_are_right() {
        let v = dto("2019-03-01T10:00:00.5+05:30").value();
        assert_eq!(v.offset().local_minus_utc(), 5 * 3600 + 30 * 60);
        assert_eq!(v.nanosecond(), 500_000_000);
        assert_eq!(
            dto("2019-03-01T04:30:00Z").to_utc(),
            dto("2019-03-01T10:00:00+05:30").to_utc()
        );
        assert_ne!(
            dto("2019-03-01T04:30:00Z"),
            dto("2019-03-01T10:00:00+05:30")
        );
        assert!(dto("2019-03-01T04:30:00Z") < dto("2019-03-01T04:30:01Z"));
    }

    #[test]
    fn normalises_what_graph_does_not_send() {
        assert_eq!(
            dto("2014-01-01t00:00:00z").to_string(),
            "2014-01-01T00:00:00Z"
        );
        assert_eq!(
            dto("2014-01-01 00:00:00Z").to_string(),
            "2014-01-01T00:00:00Z"
        );
        assert_eq!(
            dto("2014-01-01T00:00:00.12345678912Z").to_string(),
            "2014-01-01T00:00:00.12345678900Z"
        );
    }

    #[test]
    fn rejects_garbage() {
        for s in [
            "",
            "String (timestamp)",
            "2014-01-01",
            "2014-13-01T00:00:00Z",
            "2014-01-01T25:00:00Z",
            "2014-01-01T00:00:00.Z",
            "2014-01-01T00:00:00+5:30",
            "2014-01-01T00:00:00+05:60",
            "2014-01-01T00:00:00Zjunk",
        ] {
            assert!(s.parse::<DateTimeOffset>().is_err(), "{s}");
        }
        assert!(serde_json::from_value::<DateTimeOffset>(json!(12)).is_err());
    }

    #[test]
    fn new_values_are_written_as_graph_writes_them() {
        let utc = Utc.with_ymd_and_hms(2014, 1, 1, 0, 0, 0).unwrap();
        assert_eq!(
            DateTimeOffset::from(utc).to_string(),
            "2014-01-01T00:00:00Z"
        );
        let precise = utc + chrono::TimeDelta::nanoseconds(120_000_000);
        assert_eq!(
            DateTimeOffset::from(precise).to_string(),
            "2014-01-01T00:00:00.12Z"
        );
        let nanos = utc + chrono::TimeDelta::nanoseconds(1);
        assert_eq!(
            DateTimeOffset::from(nanos).to_string(),
            "2014-01-01T00:00:00.000000001Z"
        );
        let offset = FixedOffset::west_opt(8 * 3600).unwrap();
        assert_eq!(
            DateTimeOffset::new(utc.with_timezone(&offset)).to_string(),
            "2013-12-31T16:00:00-08:00"
        );
    }

    #[test]
    fn times_of_day_round_trip() {
        for s in [
            "08:00:00.0000000",
            "17:30:00",
            "17:30",
            "23:59:59.9999999",
            "00:00:00.5",
        ] {
            let t: TimeOfDay = s.parse().unwrap();
            assert_eq!(t.to_string(), s);
            assert_eq!(serde_json::to_value(t).unwrap(), json!(s));
        }
        let t: TimeOfDay = "08:30:15.25".parse().unwrap();
        assert_eq!(
            t.value(),
            NaiveTime::from_hms_milli_opt(8, 30, 15, 250).unwrap()
        );
        assert_eq!(
            TimeOfDay::new(NaiveTime::from_hms_opt(8, 0, 0).unwrap()).to_string(),
            "08:00:00.0000000"
        );
        for bad in ["8:00", "08:00:00Z", "24:00:00", "08:00:00.", "noon"] {
            assert!(bad.parse::<TimeOfDay>().is_err(), "{bad}");
        }
    }
}

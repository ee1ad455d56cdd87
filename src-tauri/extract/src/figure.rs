//! One extracted figure: the contract in `shared/figure-schema.md`, shared by
//! the extractor, the store, the review window and the exports.

use serde::{Deserialize, Serialize};

/// A unit-like enum of the schema with its names (`avg_growth`): serde uses
/// them, and `as_str`/`FromStr` give them to the store and the exports
/// without a serde round trip.
macro_rules! schema_enum {
    ($(#[$attr:meta])* pub enum $ty:ident { $($variant:ident => $name:literal),+ $(,)? }) => {
        $(#[$attr])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum $ty {
            $(#[serde(rename = $name)] $variant),+
        }

        impl $ty {
            pub const ALL: &'static [$ty] = &[$($ty::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self {
                    $($ty::$variant => $name),+
                }
            }
        }

        impl std::str::FromStr for $ty {
            type Err = String;
            fn from_str(s: &str) -> Result<$ty, String> {
                match s {
                    $($name => Ok($ty::$variant),)+
                    _ => Err(format!("`{s}` is not a {}", stringify!($ty).to_lowercase())),
                }
            }
        }
    };
}

/// A number stated in a report, tied to what it measures. Report-level fields
/// of the schema (`report`, `jurisdiction`, `report_year`) live on the report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Figure {
    /// Canonical indicator from the catalog, `None` for a quantity outside it.
    pub indicator: Option<String>,
    pub measure: Measure,
    pub kind: Kind,
    pub period: Option<Period>,
    /// The number as stated, in the unit as stated; negative for a fall.
    /// `None` only for `Measure::Qualitative`.
    pub value: Option<f64>,
    /// The unit as stated, simplified (`亿元`, `%`, `个百分点`); empty when none.
    pub unit: String,
    pub value_base: Option<f64>,
    pub unit_base: String,
    pub qualifier: Qualifier,
    pub value_low: Option<f64>,
    pub value_high: Option<f64>,
    /// For targets only.
    pub firmness: Option<Firmness>,
    /// The exact surface span (`827亿元`), a slice of `Document::text`.
    pub text: String,
    /// Character offsets of `text` in `Document::text`.
    pub start: usize,
    pub end: usize,
    /// Index into `Document::sentences`.
    pub sentence: usize,
    pub flags: Vec<Flag>,
}

schema_enum! {
    pub enum Measure {
        Level => "level",
        Growth => "growth",
        AvgGrowth => "avg_growth",
        Rate => "rate",
        Share => "share",
        ChangePp => "change_pp",
        Multiple => "multiple",
        Qualitative => "qualitative",
        Other => "other",
    }
}

schema_enum! {
    pub enum Kind {
        Actual => "actual",
        Estimate => "estimate",
        Target => "target",
    }
}

schema_enum! {
    pub enum Qualifier {
        Eq => "eq",
        Approx => "approx",
        Ge => "ge",
        Le => "le",
        Range => "range",
    }
}

schema_enum! {
    pub enum Firmness {
        Binding => "binding",
        Expected => "expected",
        Aspirational => "aspirational",
    }
}

/// The year a figure is about, or a span of years (`2016-2020`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Period {
    pub start: i32,
    pub end: i32,
}

impl Period {
    pub fn year(y: i32) -> Period {
        Period { start: y, end: y }
    }
}

impl std::fmt::Display for Period {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.start == self.end {
            write!(f, "{}", self.start)
        } else {
            write!(f, "{}-{}", self.start, self.end)
        }
    }
}

impl std::str::FromStr for Period {
    type Err = String;
    fn from_str(s: &str) -> Result<Period, String> {
        let bad = || format!("period `{s}` is not a year (2020) or a span (2016-2020)");
        let (a, b) = s.split_once('-').unwrap_or((s, s));
        let start: i32 = a.trim().parse().map_err(|_| bad())?;
        let end: i32 = b.trim().parse().map_err(|_| bad())?;
        if start > end {
            return Err(bad());
        }
        Ok(Period { start, end })
    }
}

impl Serialize for Period {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Period {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Period, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// A reason a reviewer should look twice. Flags never change the value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Flag {
    pub code: FlagCode,
    /// Human-readable reason, naming the figures compared
    /// (`一般公共预算收入 2001亿元 exceeds 地区生产总值 358亿元`).
    pub reason: String,
}

impl std::fmt::Display for Flag {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.code.as_str(), self.reason)
    }
}

schema_enum! {
    pub enum FlagCode {
        Magnitude => "magnitude",
        OutOfRange => "out_of_range",
        SharesSum => "shares_sum",
        DecimalLost => "decimal_lost",
        Garbled => "garbled",
        Contradiction => "contradiction",
        CrossReport => "cross_report",
    }
}

#[cfg(test)]
mod schema_name_tests {
    use super::*;

    #[test]
    fn names_are_the_serde_names_and_parse_back() {
        macro_rules! check {
            ($($ty:ident),+) => {$(
                for &v in $ty::ALL {
                    assert_eq!(serde_json::to_value(v).unwrap(), v.as_str(), "{v:?}");
                    assert_eq!(v.as_str().parse::<$ty>(), Ok(v));
                }
                assert!("no such name".parse::<$ty>().is_err());
            )+};
        }
        check!(Measure, Kind, Qualifier, Firmness, FlagCode);
    }
}

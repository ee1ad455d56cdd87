//! The indicator catalog: canonical names, aliases and plausibility bounds,
//! read from a TOML data file (`data/catalog.toml`, built in) so that adding
//! an alias needs no Rust change.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use serde::Deserialize;
use std::sync::OnceLock;

use crate::figure::Measure;

/// The built-in catalog file.
pub const BUILTIN_TOML: &str = include_str!("../data/catalog.toml");

#[derive(Debug, thiserror::Error)]
pub enum CatalogError {
    #[error("catalog is not valid TOML: {0}")]
    Toml(#[from] toml::de::Error),
    #[error("catalog: {0}")]
    Invalid(String),
    #[error("catalog: cannot build the alias matcher: {0}")]
    Matcher(#[from] aho_corasick::BuildError),
}

/// One catalog indicator and what is plausible for it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    pub name: String,
    pub aliases: Vec<String>,
    #[serde(default)]
    pub national_aliases: Vec<String>,
    /// Base units a level of this indicator can have; empty: no levels.
    #[serde(default)]
    pub units: Vec<String>,
    #[serde(default = "default_percent_measure")]
    pub percent_measure: PercentMeasure,
    pub growth: Option<[f64; 2]>,
    pub avg_growth: Option<[f64; 2]>,
    pub rate: Option<[f64; 2]>,
    pub level_base: Option<[f64; 2]>,
    pub max_vs_gdp: Option<f64>,
    pub typical_vs_gdp: Option<f64>,
    pub max_vs_population: Option<f64>,
}

/// What a bare percentage of an indicator means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PercentMeasure {
    Growth,
    Rate,
}

impl PercentMeasure {
    pub fn measure(self) -> Measure {
        match self {
            PercentMeasure::Growth => Measure::Growth,
            PercentMeasure::Rate => Measure::Rate,
        }
    }
}

fn default_percent_measure() -> PercentMeasure {
    PercentMeasure::Growth
}

/// A mention naming urban and rural residents at once (城乡居民人均可支配收入).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pair {
    pub aliases: Vec<String>,
    pub single: String,
    pub split: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CatalogFile {
    indicator: Vec<Indicator>,
    #[serde(default)]
    pair: Vec<Pair>,
}

/// What an alias stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Indicator(usize),
    Pair(usize),
}

#[derive(Debug, Clone)]
struct AliasInfo {
    target: Target,
    national_only: bool,
}

/// The loaded catalog with its alias matcher.
#[derive(Debug, Clone)]
pub struct Catalog {
    pub indicators: Vec<Indicator>,
    pub pairs: Vec<Pair>,
    aliases: Vec<AliasInfo>,
    matcher: AhoCorasick,
}

/// One alias occurrence in a text, in character offsets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    pub target: Target,
}

impl Catalog {
    /// The catalog shipped in `data/catalog.toml`.
    pub fn builtin() -> &'static Catalog {
        static CAT: OnceLock<Catalog> = OnceLock::new();
        CAT.get_or_init(|| Catalog::from_toml(BUILTIN_TOML).expect("built-in catalog is valid"))
    }

    pub fn from_toml(text: &str) -> Result<Catalog, CatalogError> {
        let file: CatalogFile = toml::from_str(text)?;
        let mut patterns = Vec::new();
        let mut aliases = Vec::new();
        for (i, ind) in file.indicator.iter().enumerate() {
            if ind.aliases.is_empty() {
                return Err(CatalogError::Invalid(format!(
                    "{} has no aliases",
                    ind.name
                )));
            }
            for a in &ind.aliases {
                patterns.push(a.clone());
                aliases.push(AliasInfo {
                    target: Target::Indicator(i),
                    national_only: false,
                });
            }
            for a in &ind.national_aliases {
                patterns.push(a.clone());
                aliases.push(AliasInfo {
                    target: Target::Indicator(i),
                    national_only: true,
                });
            }
        }
        let find = |name: &str| file.indicator.iter().position(|i| i.name == name);
        for (i, p) in file.pair.iter().enumerate() {
            for n in p.split.iter().chain(std::iter::once(&p.single)) {
                if find(n).is_none() {
                    return Err(CatalogError::Invalid(format!(
                        "pair names unknown indicator {n}"
                    )));
                }
            }
            for a in &p.aliases {
                patterns.push(a.clone());
                aliases.push(AliasInfo {
                    target: Target::Pair(i),
                    national_only: false,
                });
            }
        }
        // A DFA: built once per catalog, and several times faster per byte of
        // report than the default NFA for a few hundred aliases.
        let matcher = AhoCorasickBuilder::new()
            .kind(Some(AhoCorasickKind::DFA))
            .match_kind(MatchKind::LeftmostLongest)
            .ascii_case_insensitive(true)
            .build(&patterns)?;
        Ok(Catalog {
            indicators: file.indicator,
            pairs: file.pair,
            aliases,
            matcher,
        })
    }

    pub fn index_of(&self, name: &str) -> Option<usize> {
        self.indicators.iter().position(|i| i.name == name)
    }

    /// Every alias occurrence in `text`, leftmost-longest, as character offsets.
    /// `char_of` maps byte offsets of `text` to character offsets.
    pub fn mentions(&self, text: &str, char_of: &[u32], national: bool) -> Vec<Mention> {
        self.mentions_with(text, national, |b| char_of[b] as usize)
    }

    /// [`Catalog::mentions`] without a byte-to-character table: matches come
    /// in text order, so a cursor counts the characters between them.
    pub(crate) fn mentions_counting(&self, text: &str, national: bool) -> Vec<Mention> {
        let bytes = text.as_bytes();
        let (mut byte, mut ch) = (0, 0);
        self.mentions_with(text, national, |b| {
            if b < byte {
                (byte, ch) = (0, 0);
            }
            // Matches of whole aliases fall on character boundaries, where
            // str's (block-wise) count applies; otherwise characters are the
            // bytes that are not UTF-8 continuation bytes.
            ch += match text.get(byte..b) {
                Some(t) => t.chars().count(),
                None => bytes[byte..b]
                    .iter()
                    .filter(|&&x| (x as i8) >= -0x40)
                    .count(),
            };
            byte = b;
            ch
        })
    }

    fn mentions_with(
        &self,
        text: &str,
        national: bool,
        mut char_at: impl FnMut(usize) -> usize,
    ) -> Vec<Mention> {
        let mut out = Vec::new();
        // Overlapping national-only aliases must not hide the ordinary ones, so
        // matching runs over the whole text and drops national-only hits when
        // the report is not national.
        for m in self.matcher.find_iter(text) {
            let info = &self.aliases[m.pattern().as_usize()];
            if info.national_only && !national {
                continue;
            }
            out.push(Mention {
                start: char_at(m.start()),
                end: char_at(m.end()),
                target: info.target,
            });
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_catalog_loads_and_matches_longest() {
        let cat = Catalog::builtin();
        let text = "人均地区生产总值增长,单位GDP能耗下降";
        let char_of = crate::char_index(text);
        let m = cat.mentions(text, &char_of, false);
        let names: Vec<_> = m
            .iter()
            .map(|m| match m.target {
                Target::Indicator(i) => cat.indicators[i].name.as_str(),
                Target::Pair(_) => "pair",
            })
            .collect();
        assert_eq!(names, vec!["人均地区生产总值", "单位地区生产总值能耗"]);
    }

    #[test]
    fn national_alias_only_in_national_reports() {
        let cat = Catalog::builtin();
        let text = "国内生产总值增长6%";
        let char_of = crate::char_index(text);
        let gdp = cat.index_of("地区生产总值").unwrap();
        let m = cat.mentions(text, &char_of, true);
        assert_eq!(m[0].target, Target::Indicator(gdp));
        // In a provincial report the country's GDP is not the region's: the
        // national alias still consumes the text, so 生产总值 inside it does
        // not match either.
        assert!(cat.mentions(text, &char_of, false).is_empty());
    }

    #[test]
    fn counting_offsets_match_the_table() {
        let cat = Catalog::builtin();
        let text =
            "GDP增长6%,国内生产总值827亿元;城乡居民人均可支配收入分别增长5%、7%,一般公共预算收入";
        let char_of = crate::char_index(text);
        for national in [false, true] {
            assert_eq!(
                cat.mentions_counting(text, national),
                cat.mentions(text, &char_of, national)
            );
        }
    }

    #[test]
    fn bad_catalog_is_an_error() {
        assert!(Catalog::from_toml("[[indicator]]\nname='x'\naliases=[]\n").is_err());
        assert!(Catalog::from_toml("nonsense = ").is_err());
    }
}

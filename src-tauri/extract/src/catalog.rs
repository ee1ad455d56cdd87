//! The indicator catalog: canonical names, aliases and plausibility bounds,
//! read from a TOML data file (`data/catalog.toml`, built in) so that adding
//! an alias needs no Rust change.

use serde::Deserialize;
use std::sync::OnceLock;

use crate::figure::Measure;
use crate::words::Words;

/// The built-in catalog file.
pub const BUILTIN_TOML: &str = include_str!("../data/catalog.toml");

#[derive(Debug, thiserror::Error)]
pub enum CatalogError {
    #[error("catalog is not valid TOML: {0}")]
    Toml(#[from] toml::de::Error),
    #[error("catalog: {0}")]
    Invalid(String),
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
    /// The aliases, in the order of `aliases`.
    matcher: Words,
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
        if patterns.iter().any(|p| p.is_empty()) {
            return Err(CatalogError::Invalid("an alias is empty".into()));
        }
        let matcher =
            Words::ascii_caseless(&patterns.iter().map(String::as_str).collect::<Vec<_>>());
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

    /// Every alias occurrence in `chars` (the folded text, decoded), with
    /// ASCII letters matched in any case: at each position the longest alias
    /// starting there, the search going on after it (leftmost-longest).
    /// Offsets are character offsets.
    pub fn mentions(&self, chars: &[char], national: bool) -> Vec<Mention> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < chars.len() {
            // Most characters start no alias: bit tests rule them out here,
            // without a call.
            if !self.matcher.may_start_at(chars, i) {
                i += 1;
                continue;
            }
            let Some(a) = self.matcher.longest_at(chars, i) else {
                i += 1;
                continue;
            };
            let end = i + self.matcher.len_of(a);
            // A national-only alias still takes its text in other reports, so
            // that the ordinary aliases inside it (生产总值 in 国内生产总值) do
            // not match either.
            let info = &self.aliases[a];
            if national || !info.national_only {
                out.push(Mention {
                    start: i,
                    end,
                    target: info.target,
                });
            }
            i = end;
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn builtin_catalog_loads_and_matches_longest() {
        let cat = Catalog::builtin();
        let m = cat.mentions(&chars("人均地区生产总值增长,单位gdp能耗下降"), false);
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
        let text = chars("国内生产总值增长6%");
        let gdp = cat.index_of("地区生产总值").unwrap();
        let m = cat.mentions(&text, true);
        assert_eq!(m[0].target, Target::Indicator(gdp));
        // In a provincial report the country's GDP is not the region's: the
        // national alias still consumes the text, so 生产总值 inside it does
        // not match either.
        assert!(cat.mentions(&text, false).is_empty());
    }

    /// The scan finds what a leftmost-longest Aho-Corasick automaton over the
    /// same aliases (the matcher it replaced) finds, in every seed report.
    #[test]
    fn mentions_agree_with_aho_corasick() {
        use aho_corasick::{AhoCorasick, MatchKind};
        let cat = Catalog::builtin();
        let file: CatalogFile = toml::from_str(BUILTIN_TOML).unwrap();
        let patterns: Vec<&String> = file
            .indicator
            .iter()
            .flat_map(|i| i.aliases.iter().chain(&i.national_aliases))
            .chain(file.pair.iter().flat_map(|p| &p.aliases))
            .collect();
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .ascii_case_insensitive(true)
            .build(&patterns)
            .unwrap();
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../samples");
        let mut texts = vec![
            "GDP增长6%,国内生产总值827亿元;城乡居民人均可支配收入分别增长5%、7%,Cpi".to_string(),
        ];
        for e in std::fs::read_dir(dir).unwrap() {
            texts.push(gwr_load::load_path(&e.unwrap().path()).unwrap().match_text);
        }
        for text in &texts {
            let char_of = crate::char_index(text);
            for national in [false, true] {
                let expected: Vec<Mention> = ac
                    .find_iter(text)
                    .map(|m| (m, &cat.aliases[m.pattern().as_usize()]))
                    .filter(|(_, a)| national || !a.national_only)
                    .map(|(m, a)| Mention {
                        start: char_of[m.start()] as usize,
                        end: char_of[m.end()] as usize,
                        target: a.target,
                    })
                    .collect();
                assert!(expected.len() > 2);
                assert_eq!(cat.mentions(&chars(text), national), expected);
            }
        }
    }

    #[test]
    fn bad_catalog_is_an_error() {
        assert!(Catalog::from_toml("[[indicator]]\nname='x'\naliases=[]\n").is_err());
        assert!(Catalog::from_toml("nonsense = ").is_err());
    }
}

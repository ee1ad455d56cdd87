//! China's administrative divisions (`data/divisions.csv`: code and name),
//! used to recognise a report's jurisdiction and its level.

use std::collections::HashMap;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, MatchKind};

use crate::Level;

const DIVISIONS_CSV: &str = include_str!("../data/divisions.csv");

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Division {
    pub code: String,
    pub name: String,
}

impl Division {
    pub fn level(&self) -> Level {
        if self.code.ends_with("0000") {
            Level::Province
        } else if self.code.ends_with("00") {
            Level::Prefecture
        } else if self.name.ends_with('市') {
            Level::CountyCity
        } else {
            Level::County
        }
    }

    /// The enclosing prefecture (or, for a municipality's district, province).
    pub fn parent(&self) -> Option<&'static Division> {
        let g = gazetteer();
        match self.level() {
            Level::Province | Level::National => None,
            Level::Prefecture => g.by_code(&format!("{}0000", &self.code[..2])),
            Level::County | Level::CountyCity => g
                .by_code(&format!("{}00", &self.code[..4]))
                .or_else(|| g.by_code(&format!("{}0000", &self.code[..2]))),
        }
    }

    /// The name researchers use: districts, whose names repeat across the
    /// country (新华区, 城区), carry their city (`呼和浩特市玉泉区`).
    pub fn display_name(&self) -> String {
        match (self.level(), self.parent()) {
            (Level::County, Some(p)) if self.name.ends_with('区') => {
                format!("{}{}", p.name, self.name)
            }
            _ => self.name.clone(),
        }
    }
}

pub struct Gazetteer {
    divisions: Vec<Division>,
    by_code: HashMap<String, usize>,
    /// Full names, and short names of provinces and prefectures (`上海`, `内蒙古`).
    names: Vec<(String, usize)>,
    matcher: AhoCorasick,
}

impl Gazetteer {
    pub fn by_code(&self, code: &str) -> Option<&Division> {
        self.by_code.get(code).map(|&i| &self.divisions[i])
    }

    /// Every division named in `text`, leftmost-longest, with counts.
    pub fn mentions(&self, text: &str) -> Vec<(&Division, usize)> {
        let mut counts: HashMap<usize, usize> = HashMap::new();
        for m in self.matcher.find_iter(text) {
            *counts
                .entry(self.names[m.pattern().as_usize()].1)
                .or_default() += 1;
        }
        let mut out: Vec<(&Division, usize)> = counts
            .into_iter()
            .map(|(i, n)| (&self.divisions[i], n))
            .collect();
        out.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.code.cmp(&b.0.code)));
        out
    }
}

pub fn gazetteer() -> &'static Gazetteer {
    static G: OnceLock<Gazetteer> = OnceLock::new();
    G.get_or_init(|| {
        let divisions: Vec<Division> = DIVISIONS_CSV
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .filter_map(|l| l.split_once(','))
            .map(|(c, n)| Division {
                code: c.trim().to_string(),
                name: n.trim().to_string(),
            })
            .collect();
        let by_code = divisions
            .iter()
            .enumerate()
            .map(|(i, d)| (d.code.clone(), i))
            .collect();
        let mut names: Vec<(String, usize)> = Vec::new();
        for (i, d) in divisions.iter().enumerate() {
            names.push((d.name.clone(), i));
            if let Some(short) = short_name(d) {
                names.push((short, i));
            }
        }
        let matcher = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(names.iter().map(|(n, _)| n.as_str()))
            .expect("division names build an automaton");
        Gazetteer {
            divisions,
            by_code,
            names,
            matcher,
        }
    })
}

/// `上海市` → `上海`, `内蒙古自治区` → `内蒙古`, `河北省` → `河北`; only for provinces
/// and prefectures, whose short names are unambiguous in a report.
fn short_name(d: &Division) -> Option<String> {
    if !matches!(d.level(), Level::Province | Level::Prefecture) {
        return None;
    }
    let n = d.name.as_str();
    let short = [
        "维吾尔自治区",
        "壮族自治区",
        "回族自治区",
        "自治区",
        "省",
        "市",
        "盟",
    ]
    .iter()
    .find_map(|suf| n.strip_suffix(suf))?;
    (short.chars().count() >= 2).then(|| short.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_parents_and_names() {
        let g = gazetteer();
        let yuquan = g.by_code("150104").unwrap();
        assert_eq!(yuquan.level(), Level::County);
        assert_eq!(yuquan.display_name(), "呼和浩特市玉泉区");
        let erguna = g.by_code("150784").unwrap();
        assert_eq!(
            (erguna.level(), erguna.display_name().as_str()),
            (Level::CountyCity, "额尔古纳市")
        );
        assert_eq!(g.by_code("150000").unwrap().level(), Level::Province);
        assert_eq!(g.by_code("150200").unwrap().level(), Level::Prefecture);
        let found = g.mentions("2023年呼和浩特市玉泉区政府工作报告，上海");
        let names: Vec<&str> = found.iter().map(|(d, _)| d.name.as_str()).collect();
        assert!(
            names.contains(&"玉泉区") && names.contains(&"呼和浩特市") && names.contains(&"上海市"),
            "{names:?}"
        );
    }
}

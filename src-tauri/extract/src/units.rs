//! Units as reports state them: an optional multiplier (万, 亿, 万亿) and a
//! unit word (元, 人次, 万千瓦 is 万 + 千瓦). Each maps to a base unit so
//! `827亿元` and `8.27百亿元` compare equal.

use crate::words::Words;
use std::sync::LazyLock;

/// What kind of quantity a unit makes, which decides the measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum UnitClass {
    Percent,
    PercentPoint,
    Multiple,
    Money,
    /// Persons (人, 人次, 名): the population check applies.
    People,
    Other,
    /// No unit at all (a bare number, a ratio component).
    Bare,
}

pub(crate) struct UnitDef {
    pub word: &'static str,
    pub base: &'static str,
    pub factor: f64,
    pub class: UnitClass,
}

const fn u(word: &'static str, base: &'static str, factor: f64, class: UnitClass) -> UnitDef {
    UnitDef {
        word,
        base,
        factor,
        class,
    }
}

use UnitClass::*;

/// Unit words, matched longest first. Calendar words (年 after a Chinese
/// numeral, 月, 日) are handled by the scanner, not here.
pub(crate) static UNITS: &[UnitDef] = &[
    u("个百分点", "个百分点", 1.0, PercentPoint),
    u("百分点", "个百分点", 1.0, PercentPoint),
    u("%", "%", 1.0, Percent),
    u("‰", "‰", 1.0, Percent),
    u("倍", "倍", 1.0, Multiple),
    u("元", "元", 1.0, Money),
    u("美元", "美元", 1.0, Money),
    u("欧元", "欧元", 1.0, Money),
    u("港元", "港元", 1.0, Money),
    u("人民币", "元", 1.0, Money),
    u("人次", "人次", 1.0, People),
    u("人", "人", 1.0, People),
    u("名", "人", 1.0, People),
    u("位", "人", 1.0, People),
    u("户", "户", 1.0, Other),
    u("平方公里", "平方公里", 1.0, Other),
    u("平方千米", "平方公里", 1.0, Other),
    u("平方米", "平方米", 1.0, Other),
    u("平米", "平方米", 1.0, Other),
    u("亩", "亩", 1.0, Other),
    u("公顷", "公顷", 1.0, Other),
    u("吨", "吨", 1.0, Other),
    u("斤", "斤", 1.0, Other),
    u("公斤", "公斤", 1.0, Other),
    u("千克", "公斤", 1.0, Other),
    u("千瓦时", "千瓦时", 1.0, Other),
    u("度", "千瓦时", 1.0, Other),
    u("千瓦", "千瓦", 1.0, Other),
    u("兆瓦", "千瓦", 1e3, Other),
    u("GW", "千瓦", 1e6, Other),
    u("MW", "千瓦", 1e3, Other),
    u("kW", "千瓦", 1.0, Other),
    u("KW", "千瓦", 1.0, Other),
    u("千伏", "千伏", 1.0, Other),
    u("伏", "伏", 1.0, Other),
    u("公里", "公里", 1.0, Other),
    u("千米", "公里", 1.0, Other),
    u("km", "公里", 1.0, Other),
    u("延长米", "米", 1.0, Other),
    u("米", "米", 1.0, Other),
    u("立方米", "立方米", 1.0, Other),
    u("方", "立方米", 1.0, Other),
    u("标准箱", "标准箱", 1.0, Other),
    u("TEU", "标准箱", 1.0, Other),
    u("个月", "个月", 1.0, Other),
    u("个", "个", 1.0, Other),
    u("家", "家", 1.0, Other),
    u("套", "套", 1.0, Other),
    u("台套", "台套", 1.0, Other),
    u("座", "座", 1.0, Other),
    u("项", "项", 1.0, Other),
    u("所", "所", 1.0, Other),
    u("条", "条", 1.0, Other),
    u("件", "件", 1.0, Other),
    u("处", "处", 1.0, Other),
    u("台", "台", 1.0, Other),
    u("辆", "辆", 1.0, Other),
    u("艘", "艘", 1.0, Other),
    u("架", "架", 1.0, Other),
    u("只", "只", 1.0, Other),
    u("头", "头", 1.0, Other),
    u("匹", "匹", 1.0, Other),
    u("口", "口", 1.0, Other),
    u("株", "株", 1.0, Other),
    u("棵", "棵", 1.0, Other),
    u("间", "间", 1.0, Other),
    u("张", "张", 1.0, Other),
    u("床", "张", 1.0, Other),
    u("场次", "场次", 1.0, Other),
    u("场", "场", 1.0, Other),
    u("批次", "批", 1.0, Other),
    u("批", "批", 1.0, Other),
    u("支", "支", 1.0, Other),
    u("种", "种", 1.0, Other),
    u("部", "部", 1.0, Other),
    u("起", "起", 1.0, Other),
    u("宗", "宗", 1.0, Other),
    u("例", "例", 1.0, Other),
    u("剂次", "剂次", 1.0, Other),
    u("剂", "剂", 1.0, Other),
    u("册", "册", 1.0, Other),
    u("份", "份", 1.0, Other),
    u("块", "块", 1.0, Other),
    u("栋", "栋", 1.0, Other),
    u("幢", "栋", 1.0, Other),
    u("列", "列", 1.0, Other),
    u("趟", "趟", 1.0, Other),
    u("班", "班", 1.0, Other),
    u("对", "对", 1.0, Other),
    u("类", "类", 1.0, Other),
    u("次", "次", 1.0, Other),
    u("天", "天", 1.0, Other),
    u("小时", "小时", 1.0, Other),
    u("分钟", "分钟", 1.0, Other),
    u("周岁", "岁", 1.0, Other),
    u("岁", "岁", 1.0, Other),
    u("基", "基", 1.0, Other),
    u("根", "根", 1.0, Other),
    u("篇", "篇", 1.0, Other),
    u("年", "年", 1.0, Other),
];

pub(crate) struct Multiplier {
    pub word: &'static str,
    pub factor: f64,
}

/// Multipliers between the numeral and the unit, longest first.
pub(crate) static MULTIPLIERS: &[Multiplier] = &[
    Multiplier {
        word: "万亿",
        factor: 1e12,
    },
    Multiplier {
        word: "千亿",
        factor: 1e11,
    },
    Multiplier {
        word: "百亿",
        factor: 1e10,
    },
    Multiplier {
        word: "千万",
        factor: 1e7,
    },
    Multiplier {
        word: "百万",
        factor: 1e6,
    },
    Multiplier {
        word: "亿",
        factor: 1e8,
    },
    Multiplier {
        word: "万",
        factor: 1e4,
    },
    Multiplier {
        word: "千",
        factor: 1e3,
    },
    Multiplier {
        word: "百",
        factor: 1e2,
    },
];

/// Does `chars[i..]` start with `word`?
pub(crate) fn starts_with(chars: &[char], i: usize, word: &str) -> bool {
    for (k, w) in (i..).zip(word.chars()) {
        if chars.get(k) != Some(&w) {
            return false;
        }
    }
    true
}

/// The longest unit word at `i`, if any.
pub(crate) fn unit_at(chars: &[char], i: usize) -> Option<&'static UnitDef> {
    // This runs after every numeral.
    static WORDS: LazyLock<Words> =
        LazyLock::new(|| Words::new(&UNITS.iter().map(|u| u.word).collect::<Vec<_>>()));
    WORDS.longest_at(chars, i).map(|k| &UNITS[k])
}

/// The multiplier at `i`, unless the characters there begin a unit word
/// (千瓦, 百分点, 千米 are units, not 千 or 百 times something).
pub(crate) fn multiplier_at(chars: &[char], i: usize) -> Option<&'static Multiplier> {
    // Every multiplier starts with one of these; most calls see none.
    if !matches!(chars.get(i), Some('万' | '亿' | '千' | '百')) {
        return None;
    }
    if let Some(u) = unit_at(chars, i) {
        if u.word.chars().count() > 1 {
            return None;
        }
    }
    MULTIPLIERS
        .iter()
        .find(|m| m.word.starts_with(chars[i]) && starts_with(chars, i, m.word))
}

/// Every unit as a report may state it, for pickers and validation in the
/// review window: each unit word alone and after each multiplier (亿元, 万千瓦).
pub fn known_units() -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for u in UNITS.iter().filter(|u| !matches!(u.class, UnitClass::Bare)) {
        out.push(u.word.to_string());
        if matches!(
            u.class,
            UnitClass::Percent | UnitClass::PercentPoint | UnitClass::Multiple
        ) {
            continue;
        }
        for m in MULTIPLIERS {
            out.push(format!("{}{}", m.word, u.word));
        }
    }
    out.sort();
    out.dedup();
    out
}

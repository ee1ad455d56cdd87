//! The token stream a paragraph is diffed over, made for Chinese policy text.
//!
//! - A number expression (`4.5%`, `1.5万亿元`, `0.48个百分点`, `300多家`,
//!   `6%左右`, `2021-2025年`) is ONE token, so a changed target reads as a value
//!   change (`6.5% → 6%`) and not as scattered digits.
//! - Punctuation is one token per character; whitespace is its own token (the
//!   diff drops it unless whitespace is asked to count).
//! - The text between is split into short phrases at function characters
//!   (的, 和, 等, 在, …): no dictionary, yet equal phrases anchor the diff and
//!   changed ones are highlighted whole. A replaced run of phrases is refined
//!   character by character later (see `inline`), keeping only common runs that
//!   read as words.
//!
//! Tokens are found on the compare text of one paragraph; offsets are character
//! offsets relative to the paragraph start.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Number,
    Word,
    Punct,
    Space,
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Token {
    pub kind: Kind,
    /// Character range in the paragraph.
    pub start: u32,
    pub end: u32,
}

/// Characters that glue phrases together. Splitting at them keeps phrase
/// tokens short enough to match across years without a dictionary.
fn is_function_char(c: char) -> bool {
    matches!(
        c,
        '的' | '地'
            | '得'
            | '了'
            | '和'
            | '与'
            | '及'
            | '并'
            | '等'
            | '在'
            | '对'
            | '将'
            | '把'
            | '被'
            | '从'
            | '向'
            | '或'
            | '而'
            | '是'
            | '也'
            | '都'
            | '着'
            | '为'
    )
}

pub(crate) fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{3000}' || c == '\u{200b}' || c == '\u{feff}'
}

/// Letters, digits and CJK ideographs: anything that is not punctuation,
/// symbol or space.
pub(crate) fn is_word_char(c: char) -> bool {
    // Fast paths for the two cases that make up nearly all report text; the
    // general Unicode lookup is slow for CJK.
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    if ('\u{4E00}'..='\u{9FFF}').contains(&c) {
        return true;
    }
    c.is_alphanumeric()
}

/// Magnitudes that scale a number (`1.5万亿`).
const MAGNITUDES: &[&str] = &["万亿", "亿", "万", "千", "百"];

/// Units, longest first where one is a prefix of another.
const UNITS: &[&str] = &[
    "个百分点",
    "百分点",
    "平方公里",
    "平方米",
    "立方米",
    "千瓦时",
    "标准箱",
    "美元",
    "欧元",
    "元",
    "%",
    "‰",
    "人次",
    "千米",
    "公里",
    "公顷",
    "千瓦",
    "千克",
    "公斤",
    "斤",
    "小时",
    "周年",
    "个月",
    "年",
    "月",
    "日",
    "天",
    "亩",
    "吨",
    "米",
    "人",
    "户",
    "家",
    "所",
    "座",
    "个",
    "项",
    "条",
    "件",
    "套",
    "辆",
    "台",
    "名",
    "倍",
    "次",
    "批",
    "处",
    "栋",
    "间",
    "岁",
    "种",
    "类",
    "位",
    "部",
    "届",
    "期",
    "轮",
    "张",
    "头",
    "只",
    "支",
    "片",
];

/// Qualifiers that belong to the number they follow (`6%左右`, `1万人以上`).
const QUALIFIERS: &[&str] = &["左右", "以上", "以下", "以内", "之内", "上下"];

/// Range separators between two numbers (`6-6.5%`, `3～5年`).
fn is_range_sep(c: char) -> bool {
    matches!(c, '-' | '—' | '–' | '~' | '～' | '至')
}

fn starts_with(chars: &[char], at: usize, s: &str) -> bool {
    (at..).zip(s.chars()).all(|(i, c)| chars.get(i) == Some(&c))
}

fn eat_any(chars: &[char], at: usize, list: &[&str]) -> usize {
    list.iter()
        .find(|s| starts_with(chars, at, s))
        .map_or(at, |s| at + s.chars().count())
}

/// Digits with an optional decimal part and `,` thousands groups (`1,256.5`).
fn eat_digits(chars: &[char], at: usize) -> usize {
    let mut i = at;
    while i < chars.len() && chars[i].is_ascii_digit() {
        i += 1;
    }
    if i == at {
        return at;
    }
    loop {
        // A thousands group is exactly three digits, so `5%,2019年` is not one number.
        if chars.get(i) == Some(&',')
            && (1..=3).all(|k| chars.get(i + k).is_some_and(|c| c.is_ascii_digit()))
            && !chars.get(i + 4).is_some_and(|c| c.is_ascii_digit())
        {
            i += 4;
            continue;
        }
        if chars.get(i) == Some(&'.') && chars.get(i + 1).is_some_and(|c| c.is_ascii_digit()) {
            i += 1;
            while i < chars.len() && chars[i].is_ascii_digit() {
                i += 1;
            }
        }
        break;
    }
    i
}

/// One number with its magnitude and unit, without range or qualifier.
fn eat_quantity(chars: &[char], at: usize) -> usize {
    let mut i = eat_digits(chars, at);
    if i == at {
        return at;
    }
    if matches!(chars.get(i), Some('多' | '余')) {
        i += 1;
    }
    i = eat_any(chars, i, MAGNITUDES);
    if matches!(chars.get(i), Some('多' | '余')) {
        i += 1;
    }
    let u = eat_any(chars, i, UNITS);
    // A compound unit (`元/吨`) is one unit; a bare `/` after a unit is not.
    if u > i && chars.get(u) == Some(&'/') {
        let v = eat_any(chars, u + 1, UNITS);
        if v > u + 1 {
            return v;
        }
    }
    u
}

/// A full number expression starting at `at`, or `at` when there is none.
fn eat_number(chars: &[char], at: usize) -> usize {
    let mut i = eat_quantity(chars, at);
    if i == at {
        return at;
    }
    if chars.get(i).copied().is_some_and(is_range_sep) {
        let j = eat_quantity(chars, i + 1);
        if j > i + 1 {
            i = j;
        }
    }
    eat_any(chars, i, QUALIFIERS)
}

/// Split one paragraph's compare text into tokens.
pub(crate) fn tokenize(chars: &[char]) -> Vec<Token> {
    let mut out = Vec::with_capacity(chars.len() / 2 + 1);
    let mut i = 0;
    let mut word_start: Option<usize> = None;
    let flush = |out: &mut Vec<Token>, ws: &mut Option<usize>, end: usize| {
        if let Some(s) = ws.take() {
            out.push(Token {
                kind: Kind::Word,
                start: s as u32,
                end: end as u32,
            });
        }
    };
    while i < chars.len() {
        let c = chars[i];
        // A digit run inside a Latin word (`G60`, `PM2.5`) stays a number token
        // of its own: the letters are a name, the digits may still change.
        if c.is_ascii_digit() {
            let j = eat_number(chars, i);
            flush(&mut out, &mut word_start, i);
            out.push(Token {
                kind: Kind::Number,
                start: i as u32,
                end: j as u32,
            });
            i = j;
            continue;
        }
        if is_space(c) {
            flush(&mut out, &mut word_start, i);
            let mut j = i + 1;
            while j < chars.len() && is_space(chars[j]) {
                j += 1;
            }
            out.push(Token {
                kind: Kind::Space,
                start: i as u32,
                end: j as u32,
            });
            i = j;
            continue;
        }
        if !is_word_char(c) {
            flush(&mut out, &mut word_start, i);
            out.push(Token {
                kind: Kind::Punct,
                start: i as u32,
                end: i as u32 + 1,
            });
            i += 1;
            continue;
        }
        if is_function_char(c) {
            flush(&mut out, &mut word_start, i);
            out.push(Token {
                kind: Kind::Word,
                start: i as u32,
                end: i as u32 + 1,
            });
            i += 1;
            continue;
        }
        if word_start.is_none() {
            word_start = Some(i);
        }
        i += 1;
    }
    flush(&mut out, &mut word_start, chars.len());
    out
}

/// What a number token says: its leading value (when it is a single value),
/// its unit with magnitude, and whether it names a calendar year.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct NumberInfo {
    pub value: Option<f64>,
    pub unit: String,
    pub is_year: bool,
}

pub(crate) fn number_info(chars: &[char]) -> NumberInfo {
    let end = eat_digits(chars, 0);
    let digits: String = chars[..end].iter().filter(|c| **c != ',').collect();
    let rest = &chars[end..];
    let is_range = rest.iter().any(|c| is_range_sep(*c))
        && rest
            .iter()
            .skip_while(|c| !is_range_sep(**c))
            .any(|c| c.is_ascii_digit());
    let mut unit: String = rest
        .iter()
        .take_while(|c| !is_range_sep(**c) && !c.is_ascii_digit())
        .collect();
    for q in QUALIFIERS {
        if let Some(u) = unit.strip_suffix(q) {
            unit = u.to_string();
            break;
        }
    }
    let unit = unit.trim_start_matches(['多', '余']).to_string();
    let value = if is_range {
        None
    } else {
        digits.parse::<f64>().ok()
    };
    let is_year = unit == "年"
        && end == 4
        && value.is_some_and(|v| (1900.0..=2100.0).contains(&v))
        && !is_range;
    NumberInfo {
        value,
        unit,
        is_year,
    }
}

/// Sentence ends, for the coarser sentence-level fallback.
pub(crate) fn is_sentence_end(c: char) -> bool {
    matches!(c, '。' | '；' | ';' | '！' | '!' | '？' | '?' | '.')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<(Kind, String)> {
        let chars: Vec<char> = s.chars().collect();
        tokenize(&chars)
            .into_iter()
            .map(|t| {
                (
                    t.kind,
                    chars[t.start as usize..t.end as usize].iter().collect(),
                )
            })
            .collect()
    }

    fn numbers(s: &str) -> Vec<String> {
        toks(s)
            .into_iter()
            .filter(|(k, _)| *k == Kind::Number)
            .map(|(_, t)| t)
            .collect()
    }

    #[test]
    fn number_expressions_are_single_tokens() {
        assert_eq!(
            numbers("国内生产总值增长6.5%左右,达到134.9万亿元,下降0.48个百分点"),
            ["6.5%左右", "134.9万亿元", "0.48个百分点"]
        );
        assert_eq!(
            numbers("新增就业1,256万人以上,建设300多家企业,2021-2025年"),
            ["1,256万人以上", "300多家", "2021-2025年"]
        );
        assert_eq!(numbers("增长5%,2019年"), ["5%", "2019年"]);
        assert_eq!(numbers("粮价2800元/吨"), ["2800元/吨"]);
        assert_eq!(numbers("成本3元/。"), ["3元"]);
    }

    #[test]
    fn words_split_at_function_chars_and_punctuation() {
        let t = toks("坚持稳中求进工作总基调,推动经济社会的高质量发展");
        let words: Vec<&str> = t.iter().map(|(_, s)| s.as_str()).collect();
        assert_eq!(
            words,
            [
                "坚持稳中求进工作总基调",
                ",",
                "推动经济社会",
                "的",
                "高质量发展"
            ]
        );
    }

    #[test]
    fn spaces_are_tokens_of_their_own() {
        let t = toks("\u{3000}\u{3000}各位代表: ");
        assert_eq!(t[0], (Kind::Space, "\u{3000}\u{3000}".to_string()));
        assert_eq!(t.last().unwrap().0, Kind::Space);
    }

    #[test]
    fn number_info_reads_value_unit_and_year() {
        let c = |s: &str| s.chars().collect::<Vec<_>>();
        let n = number_info(&c("6.5%左右"));
        assert_eq!(
            (n.value, n.unit.as_str(), n.is_year),
            (Some(6.5), "%", false)
        );
        let n = number_info(&c("1,256万人"));
        assert_eq!((n.value, n.unit.as_str()), (Some(1256.0), "万人"));
        let n = number_info(&c("2019年"));
        assert!(n.is_year);
        let n = number_info(&c("6-6.5%"));
        assert_eq!(n.value, None);
        let n = number_info(&c("300多家"));
        assert_eq!((n.value, n.unit.as_str()), (Some(300.0), "家"));
    }
}

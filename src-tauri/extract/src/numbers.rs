//! The number scanner: every quantity in the folded text, in one left-to-right
//! pass over characters, with no regular expressions. It knows what is *not* a
//! figure (years, dates, times, phone numbers, ordinals, list numbers, plan
//! names such as 十三五, words such as 一般 or 一是) so that the engine above
//! only sees quantities.

use std::borrow::Cow;

use crate::figure::Qualifier;
use crate::units::{multiplier_at, starts_with, unit_at, UnitClass};
use gwr_load::CharCursor;

/// One quantity found in the text.
#[derive(Debug, Clone)]
pub(crate) struct Quantity {
    /// Span of the figure's text (numeral, unit and adjacent qualifiers).
    pub start: usize,
    pub end: usize,
    /// Where the numeral itself starts and where the unit ends, without the
    /// adjacent qualifiers: context words are looked for outside this.
    pub core_start: usize,
    pub core_end: usize,
    pub value: f64,
    pub low: Option<f64>,
    pub high: Option<f64>,
    /// The unit as stated, multiplier included (`亿元`, `万人`, `%`); borrowed
    /// unless a multiplier and a unit word had to be joined.
    pub unit: Cow<'static, str>,
    pub unit_base: &'static str,
    /// `value * factor` is the amount in `unit_base`.
    pub factor: f64,
    pub class: UnitClass,
    /// A qualifier written right next to the number (近, 约, 左右, 以上, 余).
    pub qualifier: Qualifier,
    /// Components of one ratio (`47:11.9:41.1`) share a group number.
    pub ratio_group: Option<u32>,
}

fn cn_digit(c: char) -> Option<u32> {
    Some(match c {
        '零' | '〇' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

fn cn_power(c: char) -> Option<u64> {
    Some(match c {
        '十' => 10,
        '百' => 100,
        '千' => 1000,
        '万' => 10_000,
        '亿' => 100_000_000,
        _ => return None,
    })
}

fn is_cn_numeral(c: char) -> bool {
    cn_digit(c).is_some() || cn_power(c).is_some()
}

/// Characters that may start a quantity or a plan name (digits, Chinese
/// numerals), one bit per `char as usize % 1024`: the scanner tests every
/// character of a report, and the `match` of `is_cn_numeral` is slow for that.
const STARTS: [u64; 16] = {
    let cs = [
        '零', '〇', '一', '二', '两', '三', '四', '五', '六', '七', '八', '九', '十', '百', '千',
        '万', '亿', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9',
    ];
    let mut bits = [0u64; 16];
    let mut i = 0;
    while i < cs.len() {
        let c = cs[i] as usize % 1024;
        bits[c / 64] |= 1 << (c % 64);
        i += 1;
    }
    bits
};

fn may_start(c: char) -> bool {
    let k = c as usize % 1024;
    STARTS[k / 64] & (1 << (k % 64)) != 0 && (c.is_ascii_digit() || is_cn_numeral(c))
}

/// Value of a Chinese numeral (一百二十, 两千, 三万五千, 二〇二〇).
fn parse_cn(s: &[char]) -> Option<f64> {
    if s.is_empty() {
        return None;
    }
    if s.iter().all(|c| cn_digit(*c).is_some()) {
        // Digit by digit: 二〇二〇; a single digit is itself.
        let mut v = 0f64;
        for c in s {
            v = v * 10.0 + cn_digit(*c)? as f64;
        }
        return Some(v);
    }
    let (mut total, mut section, mut digit) = (0u64, 0u64, None::<u64>);
    for &c in s {
        if let Some(d) = cn_digit(c) {
            digit = Some(d as u64);
        } else if let Some(p) = cn_power(c) {
            match p {
                10_000 | 100_000_000 => {
                    section += digit.take().unwrap_or(0);
                    if section == 0 {
                        section = 1;
                    }
                    total = (total + section) * p;
                    section = 0;
                }
                _ => {
                    section += digit.take().unwrap_or(1) * p;
                }
            }
        }
    }
    Some((total + section + digit.unwrap_or(0)) as f64)
}

fn is_ascii_letter(c: char) -> bool {
    c.is_ascii_alphabetic()
}

/// Opening and closing quotation marks as they appear after folding.
fn is_open_quote(c: char) -> bool {
    matches!(c, '“' | '"' | '「' | '『' | '《' | '‘')
}
fn is_close_quote(c: char) -> bool {
    matches!(c, '”' | '"' | '」' | '』' | '》' | '’')
}

fn is_dash(c: char) -> bool {
    matches!(c, '-' | '—' | '–' | '~' | '～' | '－' | '―' | '一')
}

/// Characters that end a list marker (`1.`, `2、`, `(3)`).
fn is_list_end(c: char) -> bool {
    matches!(c, '.' | '、' | ')' | '．')
}

fn is_break(c: char) -> bool {
    matches!(
        c,
        '\n' | ' ' | '\t' | ':' | '(' | '。' | ';' | '!' | '?' | '\u{3000}'
    )
}

/// Plan names (十三五, “十四五”, 十二五) are periods, not figures.
pub(crate) fn plan_span(chars: &[char], i: usize) -> Option<(usize, (i32, i32))> {
    if i + 3 > chars.len() || chars[i] != '十' || chars[i + 2] != '五' {
        return None;
    }
    let n = match chars[i + 1] {
        '一' => 11,
        '二' => 12,
        '三' => 13,
        '四' => 14,
        '五' => 15,
        _ => return None,
    };
    let start = 2006 + (n - 11) * 5;
    Some((i + 3, (start, start + 4)))
}

struct Numeral {
    end: usize,
    value: f64,
    arabic: bool,
    /// Digits before the decimal point (to recognise years and phone numbers).
    int_digits: usize,
    has_decimal: bool,
}

/// An Arabic numeral at `i`: digits, thousands commas (only where the original
/// text has an ASCII comma followed by exactly three digits) and a decimal part.
fn arabic_at(chars: &[char], orig: &CharCursor, i: usize) -> Option<Numeral> {
    if !chars.get(i)?.is_ascii_digit() {
        return None;
    }
    // The digits read as an integer, and how many follow the point.
    let (mut mantissa, mut digits, mut scale) = (0u64, 0usize, 0usize);
    let mut take = |c: char| {
        mantissa = mantissa.wrapping_mul(10) + u64::from(c as u8 - b'0');
        digits += 1;
    };
    let mut k = i;
    let mut int_digits = 0;
    while k < chars.len() {
        let c = chars[k];
        if c.is_ascii_digit() {
            take(c);
            int_digits += 1;
            k += 1;
        } else if c == ','
            && orig.get(k) == Some(',')
            && k + 3 < chars.len() + 1
            && (1..=3).all(|d| chars.get(k + d).is_some_and(|c| c.is_ascii_digit()))
            && !chars.get(k + 4).is_some_and(|c| c.is_ascii_digit())
        {
            k += 1;
        } else {
            break;
        }
    }
    let mut has_decimal = false;
    if k + 1 < chars.len() && matches!(chars[k], '.' | '．') && chars[k + 1].is_ascii_digit() {
        has_decimal = true;
        k += 1;
        while k < chars.len() && chars[k].is_ascii_digit() {
            take(chars[k]);
            scale += 1;
            k += 1;
        }
    }
    Some(Numeral {
        end: k,
        value: decimal_value(mantissa, digits, scale, &chars[i..k]),
        arabic: true,
        int_digits,
        has_decimal,
    })
}

/// The value of a numeral (`text`, commas and a point included) whose
/// `digits` digits read as the integer `mantissa`, `scale` of them after the
/// point: as `str::parse` gives it, without building a string. Up to 15
/// digits both `mantissa` and the power of ten are exact doubles, and their
/// quotient is rounded correctly, as the parse is.
fn decimal_value(mantissa: u64, digits: usize, scale: usize, text: &[char]) -> f64 {
    const POW10: [f64; 16] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
    ];
    if digits <= 15 {
        return mantissa as f64 / POW10[scale];
    }
    let s: String = text
        .iter()
        .filter(|c| **c != ',')
        .map(|c| if *c == '．' { '.' } else { *c })
        .collect();
    s.parse().expect("digits with at most one point")
}

/// A Chinese numeral at `i` (never starting with 百, 千, 万 or 亿: 千方百计 and
/// 万众一心 are words). Trailing 万/亿 are left for the multiplier.
fn chinese_at(chars: &[char], i: usize) -> Option<Numeral> {
    let c = *chars.get(i)?;
    if cn_digit(c).is_none() && c != '十' {
        return None;
    }
    let mut k = i;
    while k < chars.len() && is_cn_numeral(chars[k]) {
        k += 1;
    }
    // Leave a final 万/亿 (and 千 before a unit like 千瓦) to the multiplier / unit.
    let mut end = k;
    while end > i + 1 && matches!(chars[end - 1], '万' | '亿') {
        end -= 1;
    }
    if end > i + 1 && chars[end - 1] == '千' && unit_at(chars, end - 1).is_some() {
        end -= 1;
    }
    let value = parse_cn(&chars[i..end])?;
    Some(Numeral {
        end,
        value,
        arabic: false,
        int_digits: 0,
        has_decimal: false,
    })
}

/// Scan `chars` (the folded text) for quantities. `orig` is the display text,
/// used only to tell a thousands comma from a folded Chinese comma.
pub(crate) fn scan(chars: &[char], orig: &CharCursor) -> Vec<Quantity> {
    let mut out = Vec::new();
    let mut i = 0;
    let n = chars.len();
    let mut ratio_groups = 0u32;
    while i < n {
        // Most characters cannot start a quantity or a plan name: pass over
        // them in a loop of their own, which keeps its state in registers.
        match chars[i..].iter().position(|&c| may_start(c)) {
            Some(k) => i += k,
            None => break,
        }
        let c = chars[i];
        // 百分之五 / 百分之三十 / 百分之2.5
        if c == '百' && starts_with(chars, i, "百分之") {
            let j = i + 3;
            if let Some(num) = arabic_at(chars, orig, j).or_else(|| chinese_at(chars, j)) {
                let mut q = quantity(
                    i,
                    num.end,
                    num.value,
                    "%".into(),
                    "%",
                    1.0,
                    UnitClass::Percent,
                );
                q.core_start = i;
                extend_qualifiers(chars, &mut q);
                out.push(q);
                i = num.end;
                continue;
            }
        }
        if let Some((end, _)) = plan_span(chars, i) {
            i = end;
            continue;
        }
        let num = if c.is_ascii_digit() {
            arabic_at(chars, orig, i)
        } else {
            chinese_at(chars, i)
        };
        let Some(num) = num else {
            i += 1;
            continue;
        };
        let prev = if i > 0 { chars[i - 1] } else { '\n' };
        // Part of an identifier (G5511, S43, PM2.5, X3.4) or a longer digit run.
        if num.arabic && (is_ascii_letter(prev) || prev == '.' || prev == '_' || prev == '/') {
            i = skip_token(chars, num.end);
            continue;
        }
        if !num.arabic && is_cn_numeral(prev) {
            i = num.end;
            continue;
        }
        match classify(chars, orig, i, &num) {
            Verdict::Skip(end) => {
                i = end.max(i + 1);
                continue;
            }
            Verdict::Ratio(parts) => {
                ratio_groups += 1;
                let end = parts.last().map(|p| p.1).unwrap_or(num.end);
                for (s, e, v) in parts {
                    let mut q = quantity(s, e, v, "".into(), "", 1.0, UnitClass::Bare);
                    q.ratio_group = Some(ratio_groups);
                    out.push(q);
                }
                i = end;
                continue;
            }
            Verdict::Keep => {}
        }
        let Some(mut q) = with_unit(chars, i, &num) else {
            i = num.end;
            continue;
        };
        // A range: 6%—6.5%, 6%至7%, 6-6.5%.
        let mut k = q.core_end;
        let joiner = chars.get(k).copied();
        let joiner_len = match joiner {
            Some('至') | Some('到') => 1,
            Some(d) if is_dash(d) && d != '一' => {
                if chars.get(k + 1) == Some(&d) {
                    2
                } else {
                    1
                }
            }
            _ => 0,
        };
        if joiner_len > 0 {
            k += joiner_len;
            let second = if chars.get(k).is_some_and(|c| c.is_ascii_digit()) {
                arabic_at(chars, orig, k)
            } else {
                chinese_at(chars, k).filter(|_| !num.arabic)
            };
            if let Some(second) = second {
                if let Some(q2) = with_unit(chars, k, &second) {
                    let calendar = matches!(chars.get(q2.core_end), Some('月') | Some('日'));
                    // 1—5月, 3至5日: a span of the calendar, not a figure.
                    if calendar && q.unit.is_empty() {
                        i = q2.core_end + 1;
                        continue;
                    }
                    let same = q.unit.is_empty() || q.unit == q2.unit;
                    if !calendar && same && second.value >= num.value {
                        let low = num.value;
                        let high = second.value;
                        q = Quantity {
                            end: q2.end,
                            core_end: q2.core_end,
                            value: (low + high) / 2.0,
                            low: Some(low),
                            high: Some(high),
                            unit: q2.unit.clone(),
                            unit_base: q2.unit_base,
                            factor: q2.factor,
                            class: q2.class,
                            qualifier: Qualifier::Range,
                            ..q
                        };
                    }
                }
            }
        }
        extend_qualifiers(chars, &mut q);
        i = q.end.max(i + 1);
        out.push(q);
    }
    out
}

fn quantity(
    start: usize,
    end: usize,
    value: f64,
    unit: Cow<'static, str>,
    base: &'static str,
    factor: f64,
    class: UnitClass,
) -> Quantity {
    Quantity {
        start,
        end,
        core_start: start,
        core_end: end,
        value,
        low: None,
        high: None,
        unit,
        unit_base: base,
        factor,
        class,
        qualifier: Qualifier::Eq,
        ratio_group: None,
    }
}

/// Skip to the end of an alphanumeric identifier.
fn skip_token(chars: &[char], mut k: usize) -> usize {
    while k < chars.len() && (chars[k].is_ascii_alphanumeric() || chars[k] == '.') {
        k += 1;
    }
    k
}

enum Verdict {
    Keep,
    Skip(usize),
    Ratio(Vec<(usize, usize, f64)>),
}

/// Is the numeral at `i` a figure? Decides years, dates, times, phone numbers,
/// ordinals, list markers and ratios.
fn classify(chars: &[char], orig: &CharCursor, i: usize, num: &Numeral) -> Verdict {
    let prev = if i > 0 { chars[i - 1] } else { '\n' };
    let next = chars.get(num.end).copied().unwrap_or('\n');
    let next2 = chars.get(num.end + 1).copied().unwrap_or('\n');
    if prev == '第' || (i >= 2 && chars[i - 2] == '第' && prev == ' ') {
        return Verdict::Skip(num.end);
    }
    // 十次全会, 第十次党代会: which meeting, not a count.
    if ["次全会", "次全体会议", "次党代会"]
        .iter()
        .any(|w| starts_with(chars, num.end, w))
    {
        return Verdict::Skip(num.end);
    }
    if num.arabic {
        let year_like =
            !num.has_decimal && num.int_digits == 4 && (1900.0..=2100.0).contains(&num.value);
        // Years: 2020年, 2020年度, 2011—2020, (2021—2035年).
        if year_like {
            if next == '年' {
                return Verdict::Skip(num.end + 1);
            }
            if is_dash(next) || next == '至' || next == '到' {
                let mut k = num.end + 1;
                if chars.get(k).is_some_and(|c| is_dash(*c)) {
                    k += 1;
                }
                if let Some(n2) = arabic_at(chars, orig, k) {
                    if n2.int_digits == 4 || n2.int_digits <= 2 {
                        return Verdict::Skip(skip_date(chars, n2.end));
                    }
                }
            }
            if prev == '(' && next == ')' {
                return Verdict::Skip(num.end);
            }
        }
        // Dates and times: 2023-01-18, 13:54, 9:00-18:00, 3月, 11日.
        if matches!(next, '月' | '日' | '号' | '时' | '届' | '版') {
            return Verdict::Skip(num.end + 1);
        }
        if starts_with(chars, num.end, "国道")
            || starts_with(chars, num.end, "省道")
            || starts_with(chars, num.end, "热线")
            || starts_with(chars, num.end, "次会议")
            || starts_with(chars, num.end, "号线")
        {
            return Verdict::Skip(num.end);
        }
        if (next == '-' || next == '/') && next2.is_ascii_digit() && (year_like || chars[i] == '0')
        {
            return Verdict::Skip(skip_date(chars, num.end));
        }
        // Phone numbers and long codes.
        if !num.has_decimal && num.int_digits >= 7 && (chars[i] == '0' || num.int_digits == 11) {
            return Verdict::Skip(skip_date(chars, num.end));
        }
        if matches!(next, ':' | '∶') && next2.is_ascii_digit() {
            return ratio_or_time(chars, orig, i);
        }
        // Identifiers: 5G, 4A级, 3D (a unit such as GW or kW is fine).
        if is_ascii_letter(next) {
            if unit_at(chars, num.end).is_some() {
                return Verdict::Keep;
            }
            return Verdict::Skip(skip_token(chars, num.end));
        }
        // 2×66万千瓦: the count before × is a factor, keep what follows.
        if matches!(next, '×' | '*' | 'x') {
            return Verdict::Skip(num.end + 1);
        }
        // 4×4防雷车: a dimension, not a count.
        if prev == '×'
            && unit_at(chars, num.end).is_none()
            && multiplier_at(chars, num.end).is_none()
        {
            return Verdict::Skip(num.end);
        }
        // List markers: `1.` `2、` `(3)` at the start of a line or after a break.
        if !num.has_decimal && num.int_digits <= 3 && is_list_end(next) {
            let at_start = is_break(prev) || i == 0;
            let in_parens = prev == '(' && next == ')';
            if at_start || in_parens {
                return Verdict::Skip(num.end + 1);
            }
        }
        // A code on its own between quotes (“12345”热线).
        if is_open_quote(prev) && is_close_quote(next) && num.int_digits >= 4 {
            return Verdict::Skip(num.end + 1);
        }
        // Fractions: 1/4.
        Verdict::Keep
    } else {
        // Chinese numerals are figures only when they count something.
        // 一 alone (一般, 一是, 一批, 一年来) never is; numerals inside slogans in
        // quotation marks (“两个屏障”) are names, not counts.
        if next == '、' || next == '是' || next == '大' || starts_with(chars, num.end, "次产业")
        {
            return Verdict::Skip(num.end);
        }
        let has_power = chars[i..num.end].iter().any(|c| cn_power(*c).is_some())
            || multiplier_at(chars, num.end).is_some();
        if num.value < 2.0 && !has_power {
            return Verdict::Skip(num.end);
        }
        if in_quotes(chars, i) {
            return Verdict::Skip(num.end);
        }
        Verdict::Keep
    }
}

/// Within a short quotation (a slogan such as “两个屏障”, “四个一批”)?
fn in_quotes(chars: &[char], i: usize) -> bool {
    let lo = i.saturating_sub(8);
    let mut k = i;
    while k > lo {
        k -= 1;
        let c = chars[k];
        if is_close_quote(c) && c != '"' {
            return false;
        }
        if is_open_quote(c) {
            // The quotation must also close soon after.
            let hi = (i + 10).min(chars.len());
            return chars[i..hi].iter().any(|c| is_close_quote(*c));
        }
        if matches!(c, '。' | ';' | ',' | '\n') {
            return false;
        }
    }
    false
}

/// Skip a run of digits and date/time separators.
fn skip_date(chars: &[char], mut k: usize) -> usize {
    while k < chars.len()
        && (chars[k].is_ascii_digit() || matches!(chars[k], '-' | ':' | '/' | '.'))
    {
        k += 1;
    }
    k
}

/// `47:11.9:41.1` is a ratio (an industrial structure); `13:54` and
/// `11:29:31` are times.
fn ratio_or_time(chars: &[char], orig: &CharCursor, i: usize) -> Verdict {
    let mut parts = Vec::new();
    let mut k = i;
    while let Some(n) = arabic_at(chars, orig, k) {
        parts.push((k, n.end, n.value, n.has_decimal, n.int_digits));
        k = n.end;
        if chars.get(k).is_some_and(|c| matches!(c, ':' | '∶'))
            && chars.get(k + 1).is_some_and(|c| c.is_ascii_digit())
        {
            k += 1;
        } else {
            break;
        }
    }
    let end = parts.last().map(|p| p.1).unwrap_or(i + 1);
    let lo = i.saturating_sub(16);
    let ctx: String = chars[lo..i].iter().collect();
    let structural = ctx.contains("结构")
        || ctx.contains("比例")
        || ctx.contains("比为")
        || ctx.contains("之比");
    let decimal = parts.iter().any(|p| p.3);
    let sum: f64 = parts.iter().map(|p| p.2).sum();
    let time_like = parts.len() <= 3 && parts[1..].iter().all(|p| p.4 == 2 && !p.3) && !decimal;
    let is_ratio =
        structural || decimal || (parts.len() >= 3 && (sum - 100.0).abs() < 1.0 && !time_like);
    if is_ratio && parts.len() >= 2 {
        Verdict::Ratio(parts.into_iter().map(|p| (p.0, p.1, p.2)).collect())
    } else {
        Verdict::Skip(skip_date(chars, end))
    }
}

/// Read the multiplier and unit after a numeral; `None` when a Chinese numeral
/// has no unit (then it is a word, not a count).
fn with_unit(chars: &[char], i: usize, num: &Numeral) -> Option<Quantity> {
    let mut k = num.end;
    let mut qualifier = Qualifier::Eq;
    // 3000多万元, 1万余户: 多/余 right after the numeral or the multiplier.
    let mut take_more = |k: &mut usize| {
        if matches!(chars.get(*k), Some('多') | Some('余')) && !starts_with(chars, *k, "多元") {
            qualifier = Qualifier::Ge;
            *k += 1;
        }
    };
    take_more(&mut k);
    let mut mult = "";
    let mut factor = 1.0;
    if let Some(m) = multiplier_at(chars, k) {
        // A lone 百/千 after an Arabic numeral is rare and usually a word (5千亿 is fine).
        mult = m.word;
        factor = m.factor;
        k += m.word.chars().count();
        if matches!(chars.get(k), Some('多') | Some('余')) {
            qualifier = Qualifier::Ge;
            k += 1;
        }
    } else if starts_with(chars, k, "多元") {
        // 64亿多元 handled above; a bare 多元 after a numeral is 多 + 元.
        qualifier = Qualifier::Ge;
        k += 1;
    }
    let unit = unit_at(chars, k);
    if !num.arabic {
        let u = unit?;
        // Chinese numerals before 年 are durations in phrases (五年来, 三年行动).
        if u.word == "年" {
            return None;
        }
    }
    let (unit_word, base, ufactor, class, uend) = match unit {
        Some(u) => (
            u.word,
            u.base,
            u.factor,
            u.class,
            k + u.word.chars().count(),
        ),
        None => ("", "", 1.0, UnitClass::Bare, k),
    };
    let unit_s: Cow<'static, str> = match (mult, unit_word) {
        ("", w) => w.into(),
        (m, "") => m.into(),
        (m, w) => (m.to_string() + w).into(),
    };
    let base = if base.is_empty() && !mult.is_empty() {
        ""
    } else {
        base
    };
    let mut q = quantity(i, uend, num.value, unit_s, base, factor * ufactor, class);
    q.qualifier = qualifier;
    Some(q)
}

/// Qualifiers written against the number: 近/约/超/逾 before, 左右/以上/以内/
/// 以下 after. They widen the span so `text` reads as the report states it.
fn extend_qualifiers(chars: &[char], q: &mut Quantity) {
    // As characters, not strings: this runs for every quantity.
    const PRE: &[(&[char], Qualifier)] = &[
        (&['接', '近'], Qualifier::Approx),
        (&['大', '约'], Qualifier::Approx),
        (&['约'], Qualifier::Approx),
        (&['近'], Qualifier::Approx),
        (&['超', '过'], Qualifier::Ge),
        (&['突', '破'], Qualifier::Ge),
        (&['不', '到'], Qualifier::Le),
        (&['不', '足'], Qualifier::Le),
        (&['跨', '过'], Qualifier::Ge),
        (&['逾'], Qualifier::Ge),
        (&['超'], Qualifier::Ge),
        (&['不', '低', '于'], Qualifier::Ge),
        (&['不', '少', '于'], Qualifier::Ge),
        (&['至', '少'], Qualifier::Ge),
        (&['不', '超', '过'], Qualifier::Le),
        (&['不', '高', '于'], Qualifier::Le),
    ];
    const POST: &[(&[char], Qualifier)] = &[
        (&['左', '右'], Qualifier::Approx),
        (&['上', '下'], Qualifier::Approx),
        (&['以', '上'], Qualifier::Ge),
        (&['多'], Qualifier::Ge),
        (&['以', '内'], Qualifier::Le),
        (&['以', '下'], Qualifier::Le),
        (&['之', '内'], Qualifier::Le),
    ];
    let s = q.core_start;
    for (w, ql) in PRE {
        if chars[..s].ends_with(w) {
            q.start = s - w.len();
            if q.qualifier == Qualifier::Eq {
                q.qualifier = *ql;
            }
            break;
        }
    }
    let e = q.core_end;
    for (w, ql) in POST {
        if chars[e..].starts_with(w) {
            // 多 after the unit only in 1万人多 style; not 多元化.
            if *w == ['多']
                && chars
                    .get(e + 1)
                    .is_some_and(|c| !matches!(c, ',' | '。' | ';' | '、'))
            {
                continue;
            }
            q.end = e + w.len();
            if q.qualifier != Qualifier::Range {
                q.qualifier = *ql;
            }
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan_str(s: &str) -> Vec<(String, f64, String)> {
        let chars: Vec<char> = s.chars().collect();
        scan(&chars, &CharCursor::new(s))
            .into_iter()
            .map(|q| {
                (
                    chars[q.start..q.end].iter().collect(),
                    q.value,
                    q.unit.into_owned(),
                )
            })
            .collect()
    }

    #[test]
    fn chinese_numerals() {
        assert_eq!(
            parse_cn(&"一百二十".chars().collect::<Vec<_>>()),
            Some(120.0)
        );
        assert_eq!(parse_cn(&"两千".chars().collect::<Vec<_>>()), Some(2000.0));
        assert_eq!(
            parse_cn(&"三万五千".chars().collect::<Vec<_>>()),
            Some(35000.0)
        );
        assert_eq!(parse_cn(&"十".chars().collect::<Vec<_>>()), Some(10.0));
        for c in "零〇一二两三四五六七八九十百千万亿0123456789".chars() {
            assert!(may_start(c), "{c}");
        }
        assert_eq!(
            parse_cn(&"二〇二〇".chars().collect::<Vec<_>>()),
            Some(2020.0)
        );
    }

    #[test]
    fn arabic_with_units() {
        let got = scan_str("实现地区生产总值827亿元,增长2.4%,新增1.67万套,近3.6万元");
        let vals: Vec<_> = got.iter().map(|g| (g.1, g.2.as_str())).collect();
        assert_eq!(
            vals,
            vec![(827.0, "亿元"), (2.4, "%"), (1.67, "万套"), (3.6, "万元")]
        );
        assert_eq!(got[3].0, "近3.6万元");
    }

    #[test]
    fn not_figures() {
        for s in [
            "2020年",
            "十三五时期",
            "一般公共预算",
            "一是稳运行",
            "第一批",
            "2023-01-18 11:29:31",
            "联系电话:0472-5621828",
            "建设5G基站",
            "4A级景区",
            "PM2.5浓度",
            "G5511大通道",
            "3月11日",
            "(2011—2020)",
            "一年来",
            "“两个屏障”",
        ] {
            assert!(scan_str(s).is_empty(), "{s} gave {:?}", scan_str(s));
        }
    }

    #[test]
    fn list_markers_are_not_figures() {
        assert_eq!(scan_str("\n1.实施帮扶行动,就业率达到90%以上").len(), 1);
        assert_eq!(scan_str(" 12.新建养老服务中心350个").len(), 1);
    }

    #[test]
    fn numeral_values_as_parsed() {
        let mut cases: Vec<String> = [
            "0.1",
            "1,234.5",
            "1．5",
            "123456789012345",
            "1234567890.12345",
            "12345678901234567",
            "9007199254740993.25",
            "0.000000000000001",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        for m in (0..2_000_000u64).step_by(997) {
            let d = m.to_string();
            for p in 1..d.len() {
                cases.push(format!("{}.{}", &d[..p], &d[p..]));
            }
            cases.push(d);
        }
        for s in &cases {
            let chars: Vec<char> = s.chars().collect();
            let got = arabic_at(&chars, &CharCursor::new(s), 0).unwrap();
            assert_eq!(got.end, chars.len(), "{s}");
            let want: f64 = s.replace(',', "").replace('．', ".").parse().unwrap();
            assert_eq!(got.value.to_bits(), want.to_bits(), "{s}");
        }
    }

    #[test]
    fn thousands_comma_only_when_ascii() {
        let got = scan_str("投资1,234.5万元");
        assert_eq!(got[0].1, 1234.5);
        // A folded Chinese comma between numbers separates them.
        let chars: Vec<char> = "增长7%,8%".chars().collect();
        assert_eq!(scan(&chars, &CharCursor::new("增长7%，8%")).len(), 2);
    }

    #[test]
    fn ranges_ratios_and_chinese_counts() {
        let got = scan_str("增长6%—6.5%");
        assert_eq!(
            (got.len(), got[0].1, got[0].0.as_str()),
            (1, 6.25, "6%—6.5%")
        );
        let got = scan_str("增长6%至7%");
        assert_eq!(got[0].1, 6.5);
        assert_eq!(scan_str("三次产业结构由47:11.9:41.1演进").len(), 3);
        let got = scan_str("培训两千余人");
        assert_eq!((got[0].1, got[0].2.as_str()), (2000.0, "人"));
        let got = scan_str("降低百分之五");
        assert_eq!((got[0].1, got[0].2.as_str()), (5.0, "%"));
        let got = scan_str("资金64亿多元");
        assert_eq!((got[0].1, got[0].2.as_str()), (64.0, "亿元"));
        let got = scan_str("装机2×66万千瓦");
        assert_eq!((got[0].1, got[0].2.as_str()), (66.0, "万千瓦"));
    }
}

//! The matching form of a text: simplified script and half-width ASCII, with
//! exactly one output character per input character so offsets carry over.
//! Indicators, units and chrome phrases are matched on this form; the display
//! text keeps its own script.
//!
//! Traditional→simplified conversion is OpenCC's `t2s`: its two tables
//! (`data/opencc/TS*.txt`, Apache-2.0, copied unchanged from ferrous-opencc
//! 0.4) applied the way OpenCC applies them, longest key first from left to
//! right. Looking keys up in sorted tables is an order of magnitude cheaper
//! than ferrous-opencc's FST walk with an allocation per match, which made
//! conversion the most costly part of loading; a test checks the output
//! against ferrous-opencc itself.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use crate::mapped::split_lines;

const TS_CHARACTERS: &str = include_str!("../data/opencc/TSCharacters.txt");
const TS_PHRASES: &str = include_str!("../data/opencc/TSPhrases.txt");

/// OpenCC's t2s conversion: one group of a phrase table and a character
/// table. At each position the longest key of either table wins (the phrase
/// table on a tie) and is replaced by its first value; an unmatched character
/// is copied.
struct T2s {
    /// Single-character keys, sorted by key.
    chars: Vec<(char, &'static str)>,
    /// Phrase keys by their first character, sorted by it; within one first
    /// character, longest key first.
    phrases: Vec<(char, Vec<(&'static str, &'static str)>)>,
    /// For each character below U+10000, 1 + its index in `chars`, or 0.
    char_index: Vec<u16>,
    /// One bit per character below U+10000: whether it starts a phrase.
    starts_phrase: Vec<u64>,
}

impl T2s {
    fn new() -> T2s {
        let mut chars = Vec::new();
        let mut phrases: Vec<(char, Vec<(&str, &str)>)> = Vec::new();
        for (key, value) in table(TS_PHRASES) {
            let first = key.chars().next().unwrap_or_default();
            match phrases.iter_mut().find(|(c, _)| *c == first) {
                Some((_, keys)) => keys.push((key, value)),
                None => phrases.push((first, vec![(key, value)])),
            }
        }
        for (key, value) in table(TS_CHARACTERS) {
            let mut cs = key.chars();
            match (cs.next(), cs.next()) {
                (Some(c), None) => chars.push((c, value)),
                // A longer key in the character table acts as a phrase.
                _ => {
                    let first = key.chars().next().unwrap_or_default();
                    match phrases.iter_mut().find(|(c, _)| *c == first) {
                        Some((_, keys)) => keys.push((key, value)),
                        None => phrases.push((first, vec![(key, value)])),
                    }
                }
            }
        }
        chars.sort_by_key(|e| e.0);
        phrases.sort_by_key(|e| e.0);
        for (_, keys) in &mut phrases {
            // Stable: among equal lengths the phrase table (read first) wins.
            keys.sort_by_key(|(k, _)| std::cmp::Reverse(k.len()));
        }
        let mut char_index = vec![0u16; 0x10000];
        for (i, &(c, _)) in chars.iter().enumerate() {
            if (c as u32) < 0x10000 {
                char_index[c as usize] = u16::try_from(i + 1).expect("fewer than 65535 keys");
            }
        }
        let mut starts_phrase = vec![0u64; 0x10000 / 64];
        for &(c, _) in phrases.iter().filter(|e| (e.0 as u32) < 0x10000) {
            starts_phrase[c as usize / 64] |= 1 << (c as u32 % 64);
        }
        T2s {
            chars,
            phrases,
            char_index,
            starts_phrase,
        }
    }

    /// False only for characters that start no key; most characters of most
    /// texts start none and are copied without a search.
    fn may_start_key(&self, c: char) -> bool {
        self.may_start_phrase(c) || (c as u32) >= 0x10000 || self.char_index[c as usize] != 0
    }

    fn may_start_phrase(&self, c: char) -> bool {
        let c = c as u32;
        c >= 0x10000 || self.starts_phrase[c as usize / 64] & (1 << (c % 64)) != 0
    }

    /// The value of a single-character key.
    fn char_value(&self, c: char) -> Option<&'static str> {
        let i = if (c as u32) < 0x10000 {
            (self.char_index[c as usize] as usize).checked_sub(1)
        } else {
            self.chars.binary_search_by_key(&c, |e| e.0).ok()
        };
        i.map(|i| self.chars[i].1)
    }

    fn convert(&self, text: &str) -> String {
        self.convert_counted(text).0
    }

    /// [`T2s::convert`], and how many characters longer (or shorter, when
    /// negative) the result is than `text`.
    fn convert_counted(&self, text: &str) -> (String, isize) {
        let char_count = |s: &str| s.chars().count() as isize;
        let mut out = String::with_capacity(text.len());
        let mut growth = 0;
        // Characters that start no key are copied in runs, from `copied_to` on.
        let mut copied_to = 0;
        let mut chars = text.chars();
        loop {
            let rest = chars.as_str();
            let Some(c) = chars.next() else {
                break;
            };
            if !self.may_start_key(c) {
                continue;
            }
            let at = text.len() - rest.len();
            // Checked first: most keys follow another key, and an empty
            // `push_str` still calls `memcpy`.
            if copied_to < at {
                out.push_str(&text[copied_to..at]);
            }
            copied_to = at;
            let phrases = self
                .may_start_phrase(c)
                .then(|| self.phrases.binary_search_by_key(&c, |e| e.0).ok())
                .flatten();
            if let Some(i) = phrases {
                if let Some((k, v)) = self.phrases[i].1.iter().find(|(k, _)| rest.starts_with(k)) {
                    out.push_str(v);
                    growth += char_count(v) - char_count(k);
                    copied_to = at + k.len();
                    chars = text[copied_to..].chars();
                    continue;
                }
            }
            if let Some(v) = self.char_value(c) {
                // Nearly every value is one character, pushed as such.
                let mut value_chars = v.chars();
                match (value_chars.next(), value_chars.next()) {
                    (Some(one), None) => out.push(one),
                    _ => {
                        out.push_str(v);
                        growth += char_count(v) - 1;
                    }
                }
                copied_to = at + c.len_utf8();
            }
        }
        out.push_str(&text[copied_to..]);
        (out, growth)
    }
}

/// The entries of an OpenCC text table as ferrous-opencc reads them: `key`,
/// a tab, values separated by single spaces; the first value is used; a
/// later entry for the same key replaces an earlier one.
fn table(src: &'static str) -> BTreeMap<&'static str, &'static str> {
    let mut entries = BTreeMap::new();
    for line in src.lines() {
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let parts: Vec<&str> = line.split('\t').collect();
        if parts.len() != 2 || parts[0].is_empty() || parts[1].split(' ').any(str::is_empty) {
            continue;
        }
        let first = parts[1].split(' ').next().unwrap_or_default();
        entries.insert(parts[0], first);
    }
    entries
}

fn t2s() -> &'static T2s {
    static CONVERTER: OnceLock<T2s> = OnceLock::new();
    CONVERTER.get_or_init(T2s::new)
}

/// Full-width ASCII forms (０-９, Ａ-Ｚ, ％, ：, ，…) to ASCII, and the
/// ideographic space to a space. One character in, one out.
pub fn half_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

/// Fold a text for matching: per line, OpenCC's traditional→simplified
/// conversion when it keeps the length (it nearly always does), else
/// character by character; then half-width.
pub fn fold(text: &str) -> String {
    fold_with(text, has_traditional(text))
}

/// [`fold`] when the caller already knows whether the text (or the document
/// it comes from) needs script conversion.
pub fn fold_with(text: &str, traditional: bool) -> String {
    let mut out = String::with_capacity(text.len());
    if !traditional {
        // Half-width leaves `\n` alone, so lines need not be taken apart.
        push_half_width(&mut out, text);
        return out;
    }
    for (i, line) in split_lines(text).enumerate() {
        if i > 0 {
            out.push('\n');
        }
        push_half_width(&mut out, &simplify_line(line));
    }
    out
}

/// Appends `s` with [`half_width`] applied, copying unchanged runs whole.
fn push_half_width(out: &mut String, s: &str) {
    let bytes = s.as_bytes();
    let mut start = 0;
    let mut replace = |at: usize, c: char| {
        out.push_str(&s[start..at]);
        out.push(half_width(c));
        start = at + c.len_utf8();
    };
    // Only U+FF01..=U+FF5E (EF BC 81..EF BD 9E) and U+3000 (E3 80 80)
    // change. The first are found by their lead byte, U+3000 whole: E3 also
    // leads common punctuation (、。《》), and stopping at each costs more.
    let mut spaces = memchr::memmem::find_iter(bytes, "\u{3000}".as_bytes());
    let mut next_space = spaces.next();
    let full_width = memchr::memchr_iter(0xEF, bytes).filter(|&i| match bytes[i..] {
        [0xEF, 0xBC, b, ..] => b >= 0x81,
        [0xEF, 0xBD, b, ..] => b <= 0x9E,
        _ => false,
    });
    for i in full_width.chain(std::iter::once(bytes.len())) {
        while let Some(j) = next_space.filter(|&j| j < i) {
            replace(j, '\u{3000}');
            next_space = spaces.next();
        }
        if let Some(c) = s[i..].chars().next() {
            replace(i, c);
        }
    }
    out.push_str(&s[start..]);
}

/// Characters sampled from each of three places in a text to decide whether
/// it needs script conversion at all.
const SAMPLE_CHARS: usize = 400;

/// Whether the text is written in traditional script: more than 2% of the
/// characters of three samples (start, middle, end) change under
/// traditional→simplified conversion. Simplified text changes a little too
/// (OpenCC maps some shared characters), hence a share, not any change.
/// Conversion is the costly part of loading, and most reports are simplified.
pub fn has_traditional(text: &str) -> bool {
    has_traditional_counted(text, text.chars().count())
}

/// [`has_traditional`] of a text whose length in characters, `n`, is known.
pub fn has_traditional_counted<'a>(text: &'a str, n: usize) -> bool {
    debug_assert_eq!(n, text.chars().count());
    // The samples of `char_slice(text, at, at + SAMPLE_CHARS)` for `at` at the
    // start, middle and end, without walking the whole text for each.
    let prefix = |s: &'a str| &s[..s.char_indices().nth(SAMPLE_CHARS).map_or(s.len(), |p| p.0)];
    let samples: Vec<&str> = if n <= 3 * SAMPLE_CHARS {
        vec![text]
    } else {
        // `Chars::nth` skips ahead block-wise; `CharIndices::nth` decodes each.
        let mut cs = text.chars();
        cs.nth(n / 2 - SAMPLE_CHARS / 2 - 1);
        let middle = text.len() - cs.as_str().len();
        let end = text
            .char_indices()
            .rev()
            .nth(SAMPLE_CHARS - 1)
            .map_or(0, |p| p.0);
        vec![prefix(text), prefix(&text[middle..]), &text[end..]]
    };
    let (mut changed, mut total) = (0usize, 0usize);
    for sample in samples {
        let converted = simplify_line(sample);
        changed += sample
            .chars()
            .zip(converted.chars())
            .filter(|(a, b)| a != b)
            .count();
        total += sample.chars().count();
    }
    changed * 50 > total
}

fn simplify_line(line: &str) -> String {
    // Pure ASCII lines are the common case; no key is ASCII.
    if line.is_ascii() {
        return line.to_string();
    }
    let cc = t2s();
    let (converted, growth) = cc.convert_counted(line);
    if growth == 0 {
        return converted;
    }
    let mut buf = [0u8; 4];
    line.chars()
        .map(|c| {
            let one = cc.convert(c.encode_utf8(&mut buf));
            let mut it = one.chars();
            match (it.next(), it.next()) {
                (Some(s), None) => s,
                _ => c,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traditional_and_full_width_fold_with_equal_length() {
        let t = "政府工作報告：地區生產總值８２７億元，增長２．４％。";
        let f = fold(t);
        assert_eq!(f, "政府工作报告:地区生产总值827亿元,增长2.4%。");
        assert_eq!(f.chars().count(), t.chars().count());
    }

    #[test]
    fn a_long_traditional_text_is_converted_throughout() {
        let t = "國內生產總值增長。\n".repeat(2000);
        let f = fold(&t);
        assert!(!f.contains('國') && f.contains("国内生产总值增长"));
        let s = "国内生产总值增长。\n".repeat(2000);
        assert_eq!(fold(&s), s);
    }

    #[test]
    fn half_width_changes_only_characters_push_half_width_decodes() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            if half_width(c) != c {
                let mut buf = [0u8; 4];
                assert!(matches!(c.encode_utf8(&mut buf).as_bytes()[0], 0xEF | 0xE3));
            }
        }
        let mut out = String::new();
        push_half_width(&mut out, "ａ１\u{3000}、。，中Ａ");
        assert_eq!(out, "a1 、。,中A");
    }

    #[test]
    fn lines_stay_lines() {
        assert_eq!(fold("國內\n發展"), "国内\n发展");
    }

    /// The copy of OpenCC's t2s gives what ferrous-opencc gives: for every
    /// character alone, every table key in and out of context, and every
    /// line of the seed reports.
    #[test]
    fn t2s_matches_ferrous_opencc() {
        let reference =
            ferrous_opencc::OpenCC::from_config(ferrous_opencc::config::BuiltinConfig::T2s)
                .unwrap();
        let ours = t2s();
        let check = |s: &str| assert_eq!(ours.convert(s), reference.convert(s), "{s:?}");
        let mut all = String::new();
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            all.push(c);
            if all.len() > 4000 {
                check(&all);
                all.clear();
            }
        }
        check(&all);
        for c in (0x2000..=0x3FFFF).filter_map(char::from_u32) {
            check(c.encode_utf8(&mut [0u8; 4]));
        }
        let mut keys: Vec<&str> = table(TS_PHRASES).into_keys().collect();
        keys.extend(table(TS_CHARACTERS).into_keys());
        for k in &keys {
            check(k);
            check(&format!("国{k}發展"));
            let short: String = k
                .chars()
                .take(k.chars().count().saturating_sub(1))
                .collect();
            check(&format!("{short}了"));
            for k2 in keys.iter().take(300) {
                check(&format!("{k}{k2}"));
            }
        }
        check(&keys.concat());
        let samples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../samples");
        for entry in std::fs::read_dir(samples).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            for line in text.lines() {
                check(line);
            }
        }
    }
}

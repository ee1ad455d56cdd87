//! The matching form of a text: simplified script and half-width ASCII, with
//! exactly one output character per input character so offsets carry over.
//! Indicators, units and chrome phrases are matched on this form; the display
//! text keeps its own script.

use std::sync::OnceLock;

use ferrous_opencc::config::BuiltinConfig;
use ferrous_opencc::OpenCC;

fn t2s() -> Option<&'static OpenCC> {
    static CONVERTER: OnceLock<Option<OpenCC>> = OnceLock::new();
    CONVERTER
        .get_or_init(|| OpenCC::from_config(BuiltinConfig::T2s).ok())
        .as_ref()
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
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        if traditional {
            out.extend(simplify_line(line).chars().map(half_width));
        } else {
            out.extend(line.chars().map(half_width));
        }
    }
    out
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
    let n = text.chars().count();
    let samples: Vec<&str> = if n <= 3 * SAMPLE_CHARS {
        vec![text]
    } else {
        [0, n / 2 - SAMPLE_CHARS / 2, n - SAMPLE_CHARS]
            .iter()
            .map(|&at| crate::document::char_slice(text, at, at + SAMPLE_CHARS))
            .collect()
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
    // Pure ASCII or already-simplified lines are the common case; OpenCC
    // leaves them unchanged, so skip it for ASCII.
    if line.is_ascii() {
        return line.to_string();
    }
    let Some(cc) = t2s() else {
        return line.to_string();
    };
    let converted = cc.convert(line);
    if converted.chars().count() == line.chars().count() {
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
    fn lines_stay_lines() {
        assert_eq!(fold("國內\n發展"), "国内\n发展");
    }
}

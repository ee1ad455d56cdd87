//! A report whose paragraphs were collapsed into one long line (spaces where
//! line breaks were) is split again at the report's own markers.

use crate::mapped::{split_lines, MappedText};

/// A line this long with spaces between Chinese text is a collapsed report.
const COLLAPSED_MIN_CHARS: usize = 600;

/// Returns the text and how many breaks were inserted. The text is
/// normalised ([`super::whitespace::normalise`]).
/// Takes the text by value so that, unchanged, it is handed back without a copy.
pub fn resplit(input: MappedText) -> (MappedText, usize) {
    // Most texts have no collapsed line, and then nothing changes.
    if !split_lines(input.text()).any(is_collapsed) {
        return (input, 0);
    }
    let (text, origins) = (input.text(), input.origins());
    let mut out = MappedText::with_capacity(text.len());
    let mut inserted = 0;
    let mut s = 0;
    for line in split_lines(text) {
        let e = s + line.chars().count();
        if is_collapsed(line) {
            // Runs between breaks are copied whole. The text is normalised,
            // so its only spaces are ASCII ones.
            let (mut run_byte, mut run_char) = (0, 0);
            for b in memchr::memchr_iter(b' ', line.as_bytes()) {
                if is_break(line, b) {
                    let i = run_char + line[run_byte..b].chars().count();
                    out.push_str(&line[run_byte..b], &origins[s + run_char..s + i]);
                    out.push('\n', origins[s + i]);
                    inserted += 1;
                    (run_byte, run_char) = (b + 1, i + 1);
                }
            }
            out.push_str(&line[run_byte..], &origins[s + run_char..e]);
        } else {
            out.push_str(line, &origins[s..e]);
        }
        if e < origins.len() {
            out.push('\n', origins[e]);
        }
        s = e + 1;
    }
    (out, inserted)
}

/// A long line with spaces between Chinese text, or a title block run together.
fn is_collapsed(line: &str) -> bool {
    // Cheap necessary conditions first: long in bytes or naming 各位代表,
    // then a gap (spaces are found by memchr); characters are counted last.
    let names_opening = || line.contains("各位代表");
    if line.len() < COLLAPSED_MIN_CHARS && !names_opening() {
        return false;
    }
    let gaps = cjk_gaps(line);
    if gaps == 0 {
        return false;
    }
    let long = line.len() >= COLLAPSED_MIN_CHARS && line.chars().count() >= COLLAPSED_MIN_CHARS;
    if !long && !names_opening() {
        return false;
    }
    (gaps >= 3 && long) || is_title_block(line.chars())
}

fn is_cjkish(c: char) -> bool {
    ('\u{2E80}'..='\u{9FFF}').contains(&c)
        || ('\u{F900}'..='\u{FAFF}').contains(&c)
        || ('\u{FF00}'..='\u{FFEF}').contains(&c)
        || ('\u{3000}'..='\u{303F}').contains(&c)
        || matches!(
            c,
            '—' | '“' | '”' | '‘' | '’' | '…' | '─' | ':' | ';' | ',' | ')' | '(' | '.' | '|'
        )
}

/// A title, meeting line, speaker and `各位代表` run together on one line.
fn is_title_block(line: impl Iterator<Item = char>) -> bool {
    // 各位代表 is written the same in both scripts; 报告 is not.
    let s: String = line.take(200).collect();
    (s.contains("工作报告") || s.contains("工作報告")) && s.contains("各位代表")
}

/// Spaces with Chinese on both sides, counted up to 3 (all [`is_collapsed`]
/// asks). The text is normalised, so its only spaces are ASCII ones, and
/// they are found without decoding the line.
fn cjk_gaps(line: &str) -> usize {
    let mut gaps = 0;
    for b in memchr::memchr_iter(b' ', line.as_bytes()) {
        let before = line[..b].chars().next_back();
        let after = line[b + 1..].chars().next();
        if before.is_some_and(is_cjkish) && after.is_some_and(is_cjkish) {
            gaps += 1;
            if gaps == 3 {
                break;
            }
        }
    }
    gaps
}

/// A space (at byte `b`) in a collapsed line is a paragraph break unless it
/// sits between Latin letters or digits (`PM 2.5`) or between an office and a name.
fn is_break(line: &str, b: usize) -> bool {
    let (before_space, after_space) = (&line[..b], &line[b + 1..]);
    let before = before_space.chars().next_back().unwrap_or(' ');
    let after = after_space.chars().next().unwrap_or(' ');
    if before.is_ascii_alphanumeric() && after.is_ascii_alphanumeric() {
        return false;
    }
    if !(is_cjkish(after) || after == '-' || after.is_ascii_digit()) {
        return false;
    }
    !crate::metadata::OFFICES
        .iter()
        .any(|o| before_space.ends_with(o))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collapsed_line_splits_at_markers_but_not_in_names() {
        let body = "全年地区生产总值完成50.29亿元,同比增长6%。".repeat(30);
        let line = format!(
            "2023年额尔古纳市政府工作报告 --2023年3月11日在额尔古纳市第六届人民代表大会第三次会议上 额尔古纳市人民政府市长 耿浩 各位代表: 一、2022年工作回顾 {body} ——经济质效持续提升。PM 2.5浓度下降。"
        );
        let (out, n) = resplit(MappedText::from_utf8(&line));
        let lines: Vec<&str> = out.text().lines().collect();
        assert_eq!(lines[0], "2023年额尔古纳市政府工作报告");
        assert!(lines[1].starts_with("--2023年3月11日"));
        assert_eq!(lines[2], "额尔古纳市人民政府市长 耿浩");
        assert_eq!(lines[3], "各位代表:");
        assert_eq!(lines[4], "一、2022年工作回顾");
        assert!(lines.last().unwrap().contains("PM 2.5"));
        assert_eq!(n, lines.len() - 1);
    }

    #[test]
    fn ordinary_lines_are_untouched() {
        let text = "各位代表:\n现在, 我代表市人民政府向大会报告工作。";
        let (out, n) = resplit(MappedText::from_utf8(text));
        assert_eq!((out.text(), n), (text, 0));
    }
}

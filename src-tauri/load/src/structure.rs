//! Sections, paragraphs and sentences of a clean text, with character offsets.
//! Top-level headings (`一、…`) open sections; each section is classified by
//! its heading (review of last year, of several years, plans, annex), which
//! is what tells an outcome from a target.

use crate::mapped::{lead_table, split_lines, utf8_len, FLAGGED};
use crate::{Paragraph, ParagraphKind, Part, Section, Sentence};

/// Headings are short; a longer line starting `一、` is a numbered sentence.
const HEADING_MAX_CHARS: usize = 45;

pub struct Structure {
    pub sections: Vec<Section>,
    pub paragraphs: Vec<Paragraph>,
    pub sentences: Vec<Sentence>,
}

/// The Chinese numerals that number headings (`一`..`十`).
pub(crate) fn is_cn_digit(c: char) -> bool {
    matches!(
        c,
        '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十'
    )
}

pub fn analyse(text: &str, folded: &str, report_year: Option<i32>) -> Structure {
    let mut sections: Vec<Section> = Vec::new();
    let mut paragraphs = Vec::new();
    let mut sentences = Vec::new();
    let mut pos = 0;
    let total = text.chars().count();
    let mut after_plan = false;
    // Folding keeps each line's characters one for one, so the folded line
    // is read for everything, the text line only for a section's heading.
    for (line, fline) in split_lines(text).zip(split_lines(folded)) {
        let start = pos;
        if line.is_empty() {
            pos += 1;
            continue;
        }
        let kind = paragraph_kind(fline);
        if kind == ParagraphKind::Heading && is_top_heading(fline) {
            if let Some(last) = sections.last_mut() {
                last.end = start;
            } else if start > 0 {
                sections.push(Section {
                    heading: String::new(),
                    start: 0,
                    end: start,
                    part: Part::Preamble,
                    years: None,
                });
            }
            let years = heading_years(fline, report_year);
            let mut part = classify(fline, years, report_year);
            if part == Part::Plan {
                after_plan = true;
            } else if part == Part::Other && after_plan {
                part = Part::Plan;
            }
            sections.push(Section {
                heading: line.to_string(),
                start,
                end: total,
                part,
                years,
            });
        }
        let p = paragraphs.len();
        // Splitting into sentences counts the line's characters on the way.
        let len = if kind == ParagraphKind::Heading {
            let len = fline.chars().count();
            sentences.push(Sentence {
                start,
                end: start + len,
                paragraph: p,
            });
            len
        } else {
            split_sentences(fline, start, p, &mut sentences)
        };
        let end = start + len;
        paragraphs.push(Paragraph {
            start,
            end,
            kind,
            section: sections.len().checked_sub(1),
        });
        pos = end + 1;
    }
    if sections.is_empty() {
        sections.push(Section {
            heading: String::new(),
            start: 0,
            end: total,
            part: Part::Preamble,
            years: None,
        });
        for p in &mut paragraphs {
            p.section = Some(0);
        }
    }
    Structure {
        sections,
        paragraphs,
        sentences,
    }
}

fn paragraph_kind(l: &str) -> ParagraphKind {
    // The first six characters, without allocating.
    let mut first_six = ['\0'; 6];
    let mut n = 0;
    for (slot, c) in first_six.iter_mut().zip(l.chars()) {
        *slot = c;
        n += 1;
    }
    let cs = &first_six[..n];
    let first = cs.first().copied().unwrap_or(' ');
    if is_top_heading(l) || is_sub_heading(l) {
        ParagraphKind::Heading
    } else if matches!(first, '—' | '─' | '-') {
        ParagraphKind::Lead
    } else if first.is_ascii_digit() {
        let digits = cs.iter().take_while(|c| c.is_ascii_digit()).count();
        if matches!(cs.get(digits), Some('.' | '、'))
            && !cs.get(digits + 1).is_some_and(|c| c.is_ascii_digit())
        {
            ParagraphKind::ListItem
        } else {
            ParagraphKind::Body
        }
    } else {
        ParagraphKind::Body
    }
}

/// `一、2022年工作回顾`, short and without a full stop.
fn is_top_heading(l: &str) -> bool {
    let n = l.chars().take_while(|&c| is_cn_digit(c)).count();
    n > 0
        && l.chars().nth(n) == Some('、')
        && l.chars().count() <= HEADING_MAX_CHARS
        && !l.trim_end().ends_with('。')
}

/// `（一）…` or `(一)…` on a short line.
fn is_sub_heading(l: &str) -> bool {
    let mut cs = l.chars();
    cs.next() == Some('(')
        && cs.next().is_some_and(is_cn_digit)
        && l.chars().count() <= HEADING_MAX_CHARS
        && !l.contains('。')
}

/// The lead bytes of `!?;。！？；`, flagged in a [`lead_table`].
static SENTENCE_END_LEAD: [u8; 256] = lead_table(b"!?;\xE3\xEF");

/// Appends the sentences of a line and returns its length in characters.
fn split_sentences(
    folded_line: &str,
    start: usize,
    paragraph: usize,
    out: &mut Vec<Sentence>,
) -> usize {
    let bytes = folded_line.as_bytes();
    let char_at = |b: usize| folded_line[b..].chars().next().unwrap_or_default();
    // `s` starts the open sentence, `i` counts the characters read to byte `b`.
    let (mut s, mut i, mut b) = (0, 0, 0);
    while b < bytes.len() {
        // Every terminator starts with a flagged byte; other characters are
        // stepped over undecoded.
        let lead = SENTENCE_END_LEAD[bytes[b] as usize];
        let ends = lead & FLAGGED != 0
            && matches!(char_at(b), '!' | '?' | ';' | '。' | '！' | '？' | '；');
        b += (lead & !FLAGGED) as usize;
        i += 1;
        if ends {
            // Closing quotes and brackets belong to the sentence they close.
            while b < bytes.len()
                && matches!(char_at(b), '”' | '’' | ')' | '」' | '』' | '】' | '》')
            {
                b += utf8_len(bytes[b]);
                i += 1;
            }
            out.push(Sentence {
                start: start + s,
                end: start + i,
                paragraph,
            });
            s = i;
        }
    }
    if s < i {
        out.push(Sentence {
            start: start + s,
            end: start + i,
            paragraph,
        });
    }
    i
}

/// Ordinal of a five-year plan (十三五) to its years.
pub fn five_year_plan(n: u32) -> Option<(i32, i32)> {
    (3..=20).contains(&n).then(|| {
        let start = 1966 + 5 * (n as i32 - 3);
        (start, start + 4)
    })
}

/// `十三五` → 13, found anywhere in a line.
pub fn plan_ordinal(l: &str) -> Option<u32> {
    let cs: Vec<char> = l.chars().collect();
    (0..cs.len()).find_map(|i| {
        if cs.get(i) != Some(&'十') {
            return None;
        }
        let unit = cs
            .get(i + 1)
            .and_then(|c| "一二三四五六七八九".find(*c).map(|b| b as u32 / 3 + 1));
        let (n, j) = match unit {
            Some(u) => (10 + u, i + 2),
            None => (10, i + 1),
        };
        (cs.get(j) == Some(&'五') && cs.get(j + 1) != Some(&'年')).then_some(n)
    })
}

fn heading_years(l: &str, report_year: Option<i32>) -> Option<(i32, i32)> {
    let mut span: Option<(i32, i32)> = None;
    let mut add = |a: i32, b: i32| {
        span = Some(match span {
            Some((x, y)) => (x.min(a), y.max(b)),
            None => (a, b),
        })
    };
    let cs: Vec<char> = l.chars().collect();
    for i in 0..cs.len() {
        if (i == 0 || !cs[i - 1].is_ascii_digit()) && cs.len() >= i + 5 && cs[i + 4] == '年' {
            if let Ok(y) = cs[i..i + 4].iter().collect::<String>().parse::<i32>() {
                if (1949..=2100).contains(&y) {
                    add(y, y);
                }
            }
        }
    }
    if let Some((a, b)) = plan_ordinal(l).and_then(five_year_plan) {
        add(a, b);
    }
    if let Some(y) = report_year {
        if l.contains("过去五年") || l.contains("五年工作回顾") {
            add(y - 5, y - 1);
        }
    }
    span
}

fn classify(l: &str, years: Option<(i32, i32)>, report_year: Option<i32>) -> Part {
    let has = |ws: &[&str]| ws.iter().any(|w| l.contains(w));
    if has(&["附件", "名词解释", "注释", "附录"]) {
        return Part::Annex;
    }
    if has(&[
        "回顾",
        "过去一年",
        "过去五年",
        "工作总结",
        "主要成绩",
        "发展成就",
    ]) {
        return match years {
            Some((a, b)) if b > a => Part::MultiYearReview,
            _ if has(&["五年", "十二五", "十三五", "十四五"]) => Part::MultiYearReview,
            _ => Part::Review,
        };
    }
    if has(&[
        "安排",
        "任务",
        "目标",
        "今后",
        "总体要求",
        "工作重点",
        "重点工作",
        "思路",
        "政策取向",
        "规划",
        "建议",
    ]) {
        return Part::Plan;
    }
    match (years, report_year) {
        (Some((a, _)), Some(y)) if a >= y => Part::Plan,
        (Some((_, b)), Some(y)) if b < y => Part::Review,
        _ => Part::Other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_paragraphs_sentences() {
        let text = "各位代表:\n一、2020年及“十三五”时期工作回顾\n全年实现地区生产总值827亿元,同比增长2.4%;一般公共预算收入56.3亿元。“好”。\n——守住底线\n二、2021年工作安排\n1.新建学校3所。\n三、加强政府自身建设";
        let f = crate::fold::fold(text);
        let s = analyse(text, &f, Some(2021));
        let parts: Vec<Part> = s.sections.iter().map(|x| x.part).collect();
        assert_eq!(
            parts,
            vec![
                Part::Preamble,
                Part::MultiYearReview,
                Part::Plan,
                Part::Plan
            ]
        );
        assert_eq!(s.sections[1].years, Some((2016, 2020)));
        let kinds: Vec<ParagraphKind> = s.paragraphs.iter().map(|p| p.kind).collect();
        use ParagraphKind::*;
        assert_eq!(
            kinds,
            vec![Body, Heading, Body, Lead, Heading, ListItem, Heading]
        );
        let sent: Vec<String> = s
            .sentences
            .iter()
            .map(|x| text.chars().skip(x.start).take(x.end - x.start).collect())
            .collect();
        assert!(
            sent.contains(&"全年实现地区生产总值827亿元,同比增长2.4%;".to_string()),
            "{sent:?}"
        );
        assert!(sent.contains(&"“好”。".to_string()), "{sent:?}");
    }

    #[test]
    fn sentence_ends_are_found_by_their_first_byte() {
        for c in ['。', '！', '？', '；'] {
            assert!(matches!(c.to_string().as_bytes()[0], 0xE3 | 0xEF), "{c}");
        }
        let mut out = Vec::new();
        split_sentences("甲。”乙!丙？）丁；」戊", 10, 0, &mut out);
        let ends: Vec<usize> = out.iter().map(|x| x.end).collect();
        assert_eq!(ends, vec![13, 15, 17, 21, 22]);
    }

    #[test]
    fn plan_ordinals() {
        assert_eq!(
            plan_ordinal("“十三五”时期").and_then(five_year_plan),
            Some((2016, 2020))
        );
        assert_eq!(
            plan_ordinal("十四五规划").and_then(five_year_plan),
            Some((2021, 2025))
        );
        assert_eq!(
            plan_ordinal("十五五").and_then(five_year_plan),
            Some((2026, 2030))
        );
        assert_eq!(plan_ordinal("十五年"), None);
    }
}

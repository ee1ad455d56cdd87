//! Kind and period of figures from the report's structure and wording: which
//! part of the report a sentence is in (review, five-year review, plans), the
//! cues that move the period within a part (刚刚过去的2017年, “十三五”时期,
//! 今后五年), and the report year.

use gwr_load::{Document, Part};

use crate::figure::{Firmness, Kind, Period};
use crate::numbers::plan_span;
use crate::units::starts_with;
use crate::words::Words;
use std::sync::LazyLock;

/// What the figures of one sentence are about.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Frame {
    pub kind: Kind,
    pub period: Option<Period>,
}

/// Walks the sentences in order and keeps the running frame.
pub(crate) struct Tracker {
    pub report_year: Option<i32>,
    section: Option<usize>,
    section_frame: Frame,
    /// A frame set by a cue at the start of a sentence; it holds until the
    /// next cue or section.
    sticky: Option<Frame>,
    /// A cue of the other kind than the section (去年… in a plan): this
    /// sentence only.
    once: Option<Frame>,
}

fn year(y: i32) -> Option<Period> {
    Some(Period::year(y))
}

fn span(a: i32, b: i32) -> Option<Period> {
    Some(Period { start: a, end: b })
}

/// Four ASCII digits forming a plausible year at `i`.
fn year_at(chars: &[char], i: usize) -> Option<i32> {
    if i + 4 > chars.len() || !chars[i..i + 4].iter().all(|c| c.is_ascii_digit()) {
        return None;
    }
    if i > 0 && chars[i - 1].is_ascii_digit()
        || chars.get(i + 4).is_some_and(|c| c.is_ascii_digit())
    {
        return None;
    }
    let y: i32 = chars[i..i + 4].iter().collect::<String>().parse().ok()?;
    (1950..=2100).contains(&y).then_some(y)
}

fn contains(chars: &[char], w: &str) -> bool {
    find(chars, w).is_some()
}

pub(crate) fn find(chars: &[char], w: &str) -> Option<usize> {
    let first = w.chars().next()?;
    (0..chars.len()).find(|&i| chars[i] == first && starts_with(chars, i, w))
}

impl Tracker {
    pub fn new(doc: &Document) -> Tracker {
        let ry = doc.metadata.report_year;
        Tracker {
            report_year: ry,
            section: None,
            section_frame: Frame {
                kind: Kind::Actual,
                period: ry.and_then(|y| year(y - 1)),
            },
            sticky: None,
            once: None,
        }
    }

    fn review_year(&self) -> Option<Period> {
        self.report_year.and_then(|y| year(y - 1))
    }

    fn past_five(&self) -> Option<Period> {
        self.report_year.and_then(|y| span(y - 5, y - 1))
    }

    fn next_five(&self) -> Option<Period> {
        self.report_year.and_then(|y| span(y, y + 4))
    }

    fn target_year(&self) -> Option<Period> {
        self.report_year.and_then(year)
    }

    /// The frame a section heading gives.
    fn heading_frame(&self, part: Part, heading: &[char]) -> Frame {
        let ry = self.report_year;
        let plan = (0..heading.len()).find_map(|i| plan_span(heading, i).map(|p| p.1));
        let heading_year = (0..heading.len()).find_map(|i| year_at(heading, i));
        let review = contains(heading, "回顾") || contains(heading, "成就");
        let five_back = contains(heading, "过去五年") || contains(heading, "五年来");
        let five_ahead = contains(heading, "今后五年") || contains(heading, "未来五年");
        let part = if review && matches!(part, Part::Plan | Part::Other | Part::Preamble) {
            Part::Review
        } else {
            part
        };
        match part {
            Part::Review | Part::MultiYearReview => {
                let period = if five_back {
                    self.past_five()
                } else if let Some(y) = heading_year.filter(|y| ry.is_none_or(|r| *y < r)) {
                    year(y)
                } else if let (Some((a, b)), None) = (plan, heading_year) {
                    span(a, b)
                } else if part == Part::MultiYearReview {
                    self.past_five()
                } else {
                    self.review_year()
                };
                Frame {
                    kind: Kind::Actual,
                    period,
                }
            }
            Part::Plan | Part::Other | Part::Annex => {
                let period = if five_ahead {
                    self.next_five()
                } else if let Some((a, b)) = plan.filter(|p| ry.is_none_or(|r| p.1 >= r)) {
                    span(a, b)
                } else if let Some(y) = heading_year.filter(|y| ry.is_none_or(|r| *y >= r)) {
                    year(y)
                } else {
                    self.target_year()
                };
                Frame {
                    kind: Kind::Target,
                    period,
                }
            }
            Part::Preamble => Frame {
                kind: Kind::Actual,
                period: self.review_year(),
            },
        }
    }

    /// Enter the sentence `all[start..end]`; `all` is the folded text.
    pub fn enter(
        &mut self,
        doc: &Document,
        all: &[char],
        start: usize,
        end: usize,
        para_start: bool,
    ) {
        let chars = &all[start..end];
        let sec = doc.section_at(start);
        if sec != self.section {
            self.section = sec;
            self.sticky = None;
            self.section_frame = match sec {
                Some(i) => {
                    let s = &doc.sections[i];
                    // The heading's folded text, clamped as `match_slice` does
                    // (which would walk the text from its start).
                    let hlen = s.heading.chars().count();
                    let a = s.start.min(all.len());
                    let b = (s.start + hlen).min(all.len());
                    self.heading_frame(s.part, &all[a..b])
                }
                None => Frame {
                    kind: Kind::Actual,
                    period: self.review_year(),
                },
            };
        }
        let body = trim_start(chars);
        // A heading run into the text (one-line reports): 一、2022年工作回顾 …
        if let Some(h) = inline_heading(body) {
            let part = if contains(h, "回顾") || contains(h, "成就") {
                Part::Review
            } else {
                Part::Plan
            };
            self.section_frame = self.heading_frame(part, h);
            self.sticky = None;
        }
        self.once = None;
        if let Some(f) = self.cue_frame(head(body, 16), para_start) {
            // A look back from a plan (去年一季度…) or ahead from a review
            // does not change what the section is about.
            if (f.kind == Kind::Target) == (self.section_frame.kind == Kind::Target) {
                self.sticky = Some(f);
            } else {
                self.once = Some(f);
            }
        }
    }

    /// The frame cued by words at the start of a sentence, if any.
    fn cue_frame(&self, head: &[char], para_start: bool) -> Option<Frame> {
        let ry = self.report_year?;
        let base = self.sticky.unwrap_or(self.section_frame);
        let reviewing = base.kind != Kind::Target;
        if let Some(i) = find(head, "刚刚过去的") {
            let y = year_at(head, i + 5).unwrap_or(ry - 1);
            return Some(Frame {
                kind: Kind::Actual,
                period: year(y),
            });
        }
        // Each of these cues contains 年; most sentence heads do not.
        if head.contains(&'年') {
            for w in ["过去的一年", "过去一年", "一年来", "去年"] {
                if starts_with(head, 0, w) || (para_start && find(head, w).is_some_and(|i| i <= 6))
                {
                    return Some(Frame {
                        kind: Kind::Actual,
                        period: year(ry - 1),
                    });
                }
            }
            for w in ["过去五年", "五年来", "过去的五年"] {
                if find(head, w).is_some_and(|i| i <= 6) {
                    return Some(Frame {
                        kind: Kind::Actual,
                        period: self.past_five(),
                    });
                }
            }
            for w in ["今后五年", "未来五年"] {
                if find(head, w).is_some_and(|i| i <= 6) {
                    return Some(Frame {
                        kind: Kind::Target,
                        period: self.next_five(),
                    });
                }
            }
        }
        // “十三五”时期, 十三五期间 at the start of a sentence.
        let skip = head
            .iter()
            .take_while(|c| matches!(c, '“' | '"' | '‘' | '「'))
            .count();
        if let Some((end, (a, b))) = plan_span(head, skip) {
            let rest = &head[end..];
            let rest = &rest[rest
                .iter()
                .take_while(|c| matches!(c, '”' | '"' | '’' | '」'))
                .count()..];
            if starts_with(rest, 0, "时期")
                || starts_with(rest, 0, "期间")
                || starts_with(rest, 0, "以来")
            {
                let kind = if b < ry { Kind::Actual } else { Kind::Target };
                return Some(Frame {
                    kind,
                    period: span(a, b),
                });
            }
        }
        // 2020年, … / 今年 … at the start of a sentence.
        if let Some(y) = year_at(head, 0) {
            let since = ["以来", "来", "起", "以后", "开始", "初", "底", "前"]
                .iter()
                .any(|w| starts_with(head, 5, w));
            if head.get(4) == Some(&'年') && !since {
                if y < ry && reviewing {
                    return Some(Frame {
                        kind: Kind::Actual,
                        period: year(y),
                    });
                }
                if y >= ry && !reviewing {
                    return Some(Frame {
                        kind: Kind::Target,
                        period: year(y),
                    });
                }
            }
        }
        None
    }

    /// The frame of the current sentence before per-figure cues.
    pub fn frame(&self) -> Frame {
        self.once.or(self.sticky).unwrap_or(self.section_frame)
    }
}

fn trim_start(chars: &[char]) -> &[char] {
    let k = chars
        .iter()
        .take_while(|c| c.is_whitespace() || matches!(c, '\u{3000}' | '—' | '-'))
        .count();
    &chars[k..]
}

fn head(chars: &[char], n: usize) -> &[char] {
    &chars[..chars.len().min(n)]
}

/// `一、2022年工作回顾` / `三、2023年工作安排` at the start of a sentence.
fn inline_heading(chars: &[char]) -> Option<&[char]> {
    let k = chars
        .iter()
        .take_while(|c| "一二三四五六七八九十".contains(**c))
        .count();
    if k == 0 || k > 2 || chars.get(k) != Some(&'、') {
        return None;
    }
    let h = head(&chars[k + 1..], 24);
    let keys = [
        "回顾",
        "工作安排",
        "主要任务",
        "重点工作",
        "工作任务",
        "工作建议",
        "目标任务",
        "预期目标",
    ];
    keys.iter().any(|w| contains(h, w)).then_some(h)
}

/// Firmness of a target from the nearest cue before it in its clause.
pub(crate) fn firmness(before: &[char]) -> Firmness {
    const CUES: &[(&str, Firmness)] = &[
        ("确保", Firmness::Binding),
        ("必须", Firmness::Binding),
        ("控制在", Firmness::Binding),
        ("严格控制", Firmness::Binding),
        ("严控", Firmness::Binding),
        ("坚决", Firmness::Binding),
        ("不突破", Firmness::Binding),
        ("力争", Firmness::Aspirational),
        ("争取", Firmness::Aspirational),
        ("努力", Firmness::Aspirational),
        ("力求", Firmness::Aspirational),
        ("争创", Firmness::Aspirational),
        ("奋力", Firmness::Aspirational),
        ("预期", Firmness::Expected),
        ("目标", Firmness::Expected),
    ];
    static WORDS: LazyLock<Words> =
        LazyLock::new(|| Words::new(&CUES.iter().map(|c| c.0).collect::<Vec<_>>()));
    // The cue ending last; of cues ending at the same place, the first listed.
    WORDS
        .last_index(before)
        .map_or(Firmness::Expected, |i| CUES[i].1)
}

/// Years named by a plan's end (“十二五”末) right before a figure.
pub(crate) fn plan_end_year(before: &[char]) -> Option<i32> {
    let n = before.len();
    let lo = n.saturating_sub(10);
    for i in (lo..n).rev() {
        if let Some((end, (_, b))) = plan_span(before, i) {
            let rest = &before[end..];
            let rest = &rest[rest.iter().take_while(|c| matches!(c, '”' | '"')).count()..];
            if starts_with(rest, 0, "末") || starts_with(rest, 0, "期末") {
                return Some(b);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn firmness_takes_the_nearest_cue() {
        assert_eq!(
            firmness(&v("主要预期目标是:地区生产总值增长")),
            Firmness::Expected
        );
        assert_eq!(firmness(&v("城镇登记失业率控制在")), Firmness::Binding);
        assert_eq!(
            firmness(&v("确保完成任务,力争引进资金")),
            Firmness::Aspirational
        );
        assert_eq!(firmness(&v("新建公路")), Firmness::Expected);
    }

    #[test]
    fn plan_end_years() {
        assert_eq!(plan_end_year(&v("产业结构由“十二五”末的")), Some(2015));
        assert_eq!(plan_end_year(&v("调整为“十三五”末的")), Some(2020));
        assert_eq!(plan_end_year(&v("增长")), None);
    }

    #[test]
    fn inline_headings() {
        assert!(inline_heading(&v("二、2023年工作安排 2023年是")).is_some());
        assert!(inline_heading(&v("一是全力稳运行")).is_none());
    }
}

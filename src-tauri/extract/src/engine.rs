//! From quantities to figures: which indicator a number measures, what it
//! measures (level, growth, share…), its kind, period, qualifier and firmness.
//!
//! Works sentence by sentence on the folded text. Within a sentence an
//! indicator named once governs the numbers that follow it until a `;`, or
//! until another subject is named (`规模以上工业企业复工率` is not the
//! indicator before it). Numbers joined only by 和/、 form a value group that
//! shares measure and qualifier, and that 分别/均 distribute over indicators.

use gwr_load::{Document, Level};

use crate::catalog::{Catalog, Indicator, Mention, Target};
use crate::context::{find, firmness, plan_end_year, Frame, Tracker};
use crate::figure::{Figure, Firmness, Kind, Measure, Period, Qualifier};
use crate::numbers::{scan, Quantity};
use crate::units::{starts_with, UnitClass};
use crate::words::Words;
use gwr_load::CharCursor;
use std::cell::OnceCell;
use std::sync::LazyLock;

/// Extraction with a chosen catalog. [`crate::extract`] uses the built-in one.
pub struct Extractor<'c> {
    catalog: &'c Catalog,
}

/// A sentence-like unit of analysis: a loader sentence, or a stretch of text
/// between sentences (headings the loader left out) attached to a neighbour.
struct Unit {
    start: usize,
    end: usize,
    sentence: usize,
    para_start: bool,
}

/// Per-quantity analysis before it becomes one or more figures.
#[derive(Clone)]
struct Slot {
    q: usize,
    subject: Subject,
    measure: Measure,
    negative: bool,
    qualifier: Qualifier,
    role: Role,
    /// Where the local clause of this quantity starts (for cues).
    clause_start: usize,
    seg_start: usize,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Subject {
    None,
    One(usize),
    Pair(usize),
    /// Several indicators named together (`A、B分别增长…`), in order.
    List(usize, usize),
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Role {
    Plain,
    From,
    To,
}

/// Words that say nothing about *what* is measured: a number after only these
/// still belongs to the indicator named before.
const TRANSPARENT: &[&str] = &[
    "按可比价格计算",
    "按可比价计算",
    "按可比口径计算",
    "按可比口径",
    "按现价计算",
    "可比价",
    "同比",
    "比上年",
    "较上年",
    "比去年",
    "较去年",
    "比上年同期",
    "同期",
    "上年",
    "去年",
    "分别",
    "增长到",
    "提高到",
    "增加到",
    "下降到",
    "降低到",
    "增长至",
    "提高至",
    "增加至",
    "增长",
    "下降",
    "增加",
    "减少",
    "提高",
    "降低",
    "提升",
    "上升",
    "上涨",
    "回落",
    "达到",
    "完成",
    "实现",
    "突破",
    "超过",
    "年均",
    "平均",
    "增速",
    "增幅",
    "涨幅",
    "降幅",
    "全年",
    "预计",
    "总量",
    "名义",
    "实际",
    "左右",
    "以上",
    "以内",
    "力争",
    "争取",
    "确保",
    "控制在",
    "保持在",
    "稳定在",
    "保持",
    "稳定",
    "以及",
    "累计",
    "总额",
    "规模",
    "今年",
    "刚刚",
    "已经",
    "首次",
    "一举",
    "继续",
    "努力",
    "合计",
    "全市",
    "全区",
    "全县",
    "全旗",
    "全省",
    "全盟",
    "全州",
    "总计",
    "共计",
    "预期",
    "目标",
    "分别为",
    "增至",
    "降至",
    "只",
    "达",
    "为",
    "到",
    "至",
    "约",
    "近",
    "均",
    "和",
    "与",
    "及",
    "了",
    "的",
    "在",
    "共",
    "再",
    "已",
    "由",
    "从",
    "超",
    "逾",
    "比",
    "较",
    "元",
    "亿",
    "万",
];

static GROWTH_UP: LazyLock<Words> = LazyLock::new(|| {
    Words::new(&[
        "增长", "增加", "提高", "提升", "上升", "上涨", "增幅", "增速", "涨幅", "扩大", "增",
    ])
});
static GROWTH_DOWN: LazyLock<Words> = LazyLock::new(|| {
    Words::new(&[
        "下降", "减少", "降低", "回落", "下滑", "降幅", "缩减", "压减", "压降", "缩小", "收窄",
        "减", "降",
    ])
});
static COMPARE: LazyLock<Words> = LazyLock::new(|| {
    Words::new(&[
        "高于", "低于", "快于", "慢于", "高出", "超出", "领先", "好于", "多于", "少于",
    ])
});

fn is_han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3400}'..='\u{4dbf}').contains(&c)
}

fn is_delim(c: char) -> bool {
    matches!(
        c,
        ',' | ';' | ':' | '。' | '!' | '?' | '\n' | '，' | '；' | '：'
    )
}

fn is_seg_delim(c: char) -> bool {
    matches!(c, ';' | ':' | '。' | '!' | '?' | '\n' | '；' | '：')
}

/// Whether more than `limit` Han characters are left in `s` once transparent
/// words are taken out; `剔除…后` (after removing a factor) counts as
/// transparent too. Stops counting past the limit.
fn residual_exceeds(s: &[char], limit: usize) -> bool {
    let mut n = 0;
    let mut i = 0;
    while i < s.len() {
        if s[i] == '剔' && s.get(i + 1) == Some(&'除') {
            if let Some(k) = (i..s.len()).find(|&k| s[k] == '后') {
                i = k + 1;
                continue;
            }
        }
        if let Some(n) = transparent_at(s, i) {
            i += n;
            continue;
        }
        if is_han(s[i]) {
            n += 1;
            if n > limit {
                return true;
            }
        }
        i += 1;
    }
    false
}

/// Length of the longest transparent word at `s[i..]` (this runs for every
/// character between an indicator and its number).
fn transparent_at(s: &[char], i: usize) -> Option<usize> {
    static WORDS: LazyLock<Words> = LazyLock::new(|| Words::new(TRANSPARENT));
    WORDS.longest_at(s, i).map(|w| WORDS.len_of(w))
}

/// Words saying a figure is the present state (刚刚超过2万亿元).
static NOW: LazyLock<Words> =
    LazyLock::new(|| Words::new(&["刚刚", "已经", "目前", "当前", "现有"]));
static LAST_YEAR: LazyLock<Words> = LazyLock::new(|| Words::new(&["去年", "上年"]));

/// Policy nouns built from fall words; a number after them is an amount.
const DOWN_NOUNS: &[&str] = &["减税降费", "减税", "降费", "减负", "降本", "减费"];

/// Whether `s[i..i + n]` lies inside one of [`DOWN_NOUNS`].
fn inside_noun(s: &[char], i: usize, n: usize) -> bool {
    DOWN_NOUNS.iter().any(|w| {
        let len = w.chars().count();
        (i.saturating_sub(len)..=i).any(|k| k + len >= i + n && starts_with(s, k, w))
    })
}

fn has(s: &[char], w: &str) -> bool {
    find(s, w).is_some()
}

/// 均 as "each" (均增长), not inside 年均, 平均 or 人均.
fn has_each(s: &[char]) -> bool {
    s.iter()
        .enumerate()
        .any(|(i, c)| *c == '均' && (i == 0 || !matches!(s[i - 1], '年' | '平' | '人')))
}

/// Only list connectors between two numbers (`和`, `、`, `,`).
fn is_connector(s: &[char]) -> bool {
    // No connector has more than two characters: stop at a third.
    let mut t = ['\0'; 2];
    let mut n = 0;
    for &c in s.iter().filter(|c| !c.is_whitespace()) {
        if n == 2 {
            return false;
        }
        t[n] = c;
        n += 1;
    }
    matches!(
        &t[..n],
        ['和'] | ['、'] | ['与'] | ['及'] | ['以', '及'] | [','] | ['，'] | ['、', '和']
    )
}

/// The characters of `s`, allocated once at the exact size (`collect` grows
/// by doubling from a quarter of the byte length), pushed from Chars' own
/// fold, which costs fewer instructions per character than `extend`.
pub(crate) fn chars_of(s: &str) -> Vec<char> {
    let mut v = Vec::with_capacity(s.chars().count());
    s.chars().for_each(|c| v.push(c));
    v
}

/// Map byte offsets of `s` to character offsets (one extra entry at the end).
pub fn char_index(s: &str) -> Vec<u32> {
    let mut v = vec![0u32; s.len() + 1];
    let mut ci = 0u32;
    for (b, ch) in s.char_indices() {
        for k in 0..ch.len_utf8() {
            v[b + k] = ci;
        }
        ci += 1;
    }
    v[s.len()] = ci;
    v
}

impl<'c> Extractor<'c> {
    pub fn new(catalog: &'c Catalog) -> Extractor<'c> {
        Extractor { catalog }
    }

    pub fn catalog(&self) -> &Catalog {
        self.catalog
    }

    /// Every figure of `doc`, in text order, with flags.
    pub fn extract(&self, doc: &Document) -> Vec<Figure> {
        // The folded text is decoded once for extraction and flags.
        let chars = chars_of(&doc.match_text);
        let mut figs = self.figures(doc, &chars);
        crate::flags::flag_chars(doc, self.catalog, &chars, &mut figs);
        figs
    }

    /// Figures without the plausibility pass.
    pub fn extract_unflagged(&self, doc: &Document) -> Vec<Figure> {
        self.figures(doc, &chars_of(&doc.match_text))
    }

    /// Figures of `doc` whose folded text, decoded, is `chars`.
    fn figures(&self, doc: &Document, chars: &[char]) -> Vec<Figure> {
        // Most reports need no folding: equal texts need no count.
        let same_len = doc.text == doc.match_text || doc.text.chars().count() == chars.len();
        // The loader promises equal lengths; if that ever breaks, report
        // spans of the folded text rather than misaligned ones.
        let display_text = if same_len { &doc.text } else { &doc.match_text };
        let orig = CharCursor::new(display_text);
        let national = doc.metadata.level == Some(Level::National);
        let mut mentions = self.catalog.mentions(chars, national);
        // 单位生产总值二氧化碳排放量 is an intensity, not the GDP.
        mentions.retain(|m| {
            !(m.start >= 2 && chars[m.start - 2] == '单' && chars[m.start - 1] == '位')
        });
        // The scan reads the display text with a cursor of its own: it ends
        // at the end of the text, and walking back from there to the first
        // figure would cost more than the whole walk forward.
        let mut quantities = scan(chars, &CharCursor::new(display_text));
        // Numbers inside an alias (500万元以上固定资产投资) are part of a name.
        let mut m = 0;
        quantities.retain(|q| {
            while m < mentions.len() && mentions[m].end <= q.start {
                m += 1;
            }
            !(m < mentions.len() && mentions[m].start < q.end)
        });
        let units = units_of(doc, chars.len());
        let mut tracker = Tracker::new(doc);
        let mut out = Vec::with_capacity(quantities.len() + 8);
        let (mut qi, mut mi) = (0, 0);
        for u in &units {
            tracker.enter(doc, chars, u.start, u.end, u.para_start);
            while qi < quantities.len() && quantities[qi].start < u.start {
                qi += 1;
            }
            let q0 = qi;
            while qi < quantities.len() && quantities[qi].end <= u.end {
                qi += 1;
            }
            while mi < mentions.len() && mentions[mi].start < u.start {
                mi += 1;
            }
            let m0 = mi;
            let mut m1 = mi;
            while m1 < mentions.len() && mentions[m1].end <= u.end {
                m1 += 1;
            }
            let sent = Sent {
                doc,
                chars,
                orig: &orig,
                unit: u,
                qs: &quantities[q0..qi],
                ms: &mentions[m0..m1],
                frame: tracker.frame(),
                report_year: tracker.report_year,
                estimate: OnceCell::new(),
            };
            self.sentence(&sent, &mut out);
        }
        out
    }

    fn sentence(&self, s: &Sent, out: &mut Vec<Figure>) {
        let slots = self.slots(s);
        for slot in &slots {
            self.emit(s, slot, &slots, out);
        }
        // Only targets can be stated without a number.
        if s.frame.kind == Kind::Target {
            self.qualitative(s, out);
        }
    }

    /// Subject, measure and role of every quantity of a sentence.
    fn slots(&self, s: &Sent) -> Vec<Slot> {
        let chars = s.chars;
        let mut slots: Vec<Slot> = Vec::with_capacity(s.qs.len());
        let mut current = Subject::None;
        let mut seg_start = s.unit.start;
        let mut prev_end = s.unit.start;
        for (k, q) in s.qs.iter().enumerate() {
            // A `;` or `:` since the previous number starts a new segment.
            if let Some(p) = (prev_end..q.core_start)
                .rev()
                .find(|&p| is_seg_delim(chars[p]))
            {
                seg_start = p + 1;
                current = Subject::None;
            }
            let pre_start = prev_end.max(seg_start);
            let pre = &chars[pre_start..q.core_start.max(pre_start)];
            let clause_start = (pre_start..q.core_start)
                .rev()
                .find(|&p| is_delim(chars[p]))
                .map(|p| p + 1)
                .unwrap_or(pre_start);
            let local = &chars[clause_start..q.core_start.max(clause_start)];
            let prev_slot = slots.last().cloned();
            let connected = k > 0 && is_connector(pre);
            if q.ratio_group.is_some() {
                slots.push(Slot {
                    q: k,
                    subject: Subject::None,
                    measure: Measure::Share,
                    negative: false,
                    qualifier: Qualifier::Eq,
                    role: Role::Plain,
                    clause_start,
                    seg_start,
                });
                prev_end = q.end;
                continue;
            }
            // A value joined to the previous one by 和/、 shares its reading.
            if let (true, Some(p)) = (connected, prev_slot.as_ref()) {
                let pq = &s.qs[p.q];
                if pq.class == q.class || q.class == UnitClass::Bare || pq.class == UnitClass::Bare
                {
                    let mut slot = p.clone();
                    slot.q = k;
                    slot.qualifier = q.qualifier;
                    slot.role = Role::Plain;
                    slots.push(slot);
                    prev_end = q.end;
                    continue;
                }
            }
            let subject = self.subject(s, pre_start, q, current);
            if let Some(subj) = subject.explicit {
                current = subj;
            } else if !subject.inherited {
                current = Subject::None;
            }
            let subj = subject.explicit.unwrap_or(if subject.inherited {
                current
            } else {
                Subject::None
            });
            let after = &chars[q.end..(q.end + 4).min(s.unit.end)];
            let ind = self.first_indicator(subj);
            let (measure, negative, to_level) = measure_of(q, local, pre, after, ind);
            let mut qualifier = q.qualifier;
            if qualifier == Qualifier::Eq
                && (local.ends_with(&['控', '制', '在']) || has(local, "控制在"))
            {
                qualifier = Qualifier::Le;
            }
            let mut role = Role::Plain;
            if to_level {
                if let Some(p) = slots.last_mut() {
                    let from_local = &chars[p.clause_start..s.qs[p.q].core_start];
                    if p.role == Role::Plain && (has(from_local, "从") || has(from_local, "由")) {
                        p.role = Role::From;
                        p.measure = measure;
                        role = Role::To;
                    }
                }
            }
            slots.push(Slot {
                q: k,
                subject: subj,
                measure,
                negative,
                qualifier,
                role,
                clause_start,
                seg_start,
            });
            prev_end = q.end;
        }
        // A trailing 左右/以上 of a value group applies to the whole group
        // (分别增长6%和8%左右).
        let mut i = 0;
        while i < slots.len() {
            let mut j = i;
            while j + 1 < slots.len() && {
                let a = &s.qs[slots[j].q];
                let b = &s.qs[slots[j + 1].q];
                a.end <= b.core_start && is_connector(&chars[a.end..b.core_start])
            } {
                j += 1;
            }
            if j > i {
                let last = slots[j].qualifier;
                if matches!(last, Qualifier::Approx | Qualifier::Ge | Qualifier::Le) {
                    for sl in &mut slots[i..j] {
                        if sl.qualifier == Qualifier::Eq {
                            sl.qualifier = last;
                        }
                    }
                }
            }
            i = j + 1;
        }
        slots
    }

    fn first_indicator(&self, subj: Subject) -> Option<&Indicator> {
        match subj {
            Subject::One(i) => Some(&self.catalog.indicators[i]),
            Subject::Pair(p) => self
                .catalog
                .index_of(&self.catalog.pairs[p].single)
                .map(|i| &self.catalog.indicators[i]),
            _ => None,
        }
    }

    /// Which indicator governs quantity `q`, looking at the mentions between
    /// `pre_start` and it.
    fn subject(&self, s: &Sent, pre_start: usize, q: &Quantity, _current: Subject) -> SubjectFind {
        let chars = s.chars;
        let pre = &chars[pre_start..q.core_start.max(pre_start)];
        // The whole of a share (占地区生产总值比重) is not the subject: ignore
        // mentions after the last 占, and comparisons (高于全区平均).
        let zhan = (0..pre.len())
            .rev()
            // (相 tested first: starts_with decodes the word at every position.)
            .find(|&i| pre[i] == '占' || (pre[i] == '相' && starts_with(pre, i, "相当于")))
            .map(|p| pre_start + p);
        let cands: Vec<&Mention> =
            s.ms.iter()
                .filter(|m| m.start >= pre_start && m.end <= q.core_start)
                .filter(|m| zhan.is_none_or(|z| m.start < z))
                .filter(|m| {
                    let b = &chars[m.start.saturating_sub(2)..m.start];
                    COMPARE.last_of(b).is_none() && !b.ends_with(&['比'])
                })
                .collect();
        if let Some(last) = cands.last() {
            let tail_end = zhan.filter(|z| *z > last.end).unwrap_or(q.core_start);
            let tail = &chars[last.end..tail_end];
            if residual_exceeds(tail, 2) {
                return SubjectFind {
                    explicit: Some(Subject::None),
                    inherited: false,
                };
            }
            // Several indicators listed before 分别 share out the values.
            let mut list_start = cands.len() - 1;
            while list_start > 0 {
                let a = cands[list_start - 1];
                let b = cands[list_start];
                if a.end <= b.start && is_connector(&chars[a.end..b.start]) {
                    list_start -= 1;
                } else {
                    break;
                }
            }
            let subj = if list_start < cands.len() - 1 && has(tail, "分别") {
                let idx =
                    s.ms.iter()
                        .position(|m| std::ptr::eq(m, cands[list_start]))
                        .unwrap_or(0);
                Subject::List(idx, cands.len() - list_start)
            } else {
                match last.target {
                    Target::Indicator(i) => Subject::One(i),
                    Target::Pair(p) => Subject::Pair(p),
                }
            };
            return SubjectFind {
                explicit: Some(subj),
                inherited: false,
            };
        }
        let before_zhan = match zhan {
            Some(z) => &chars[pre_start..z],
            None => pre,
        };
        if !residual_exceeds(before_zhan, 1) {
            SubjectFind {
                explicit: None,
                inherited: true,
            }
        } else {
            SubjectFind {
                explicit: Some(Subject::None),
                inherited: false,
            }
        }
    }

    /// Turn one slot into figures (two for 均 over a pair).
    fn emit(&self, s: &Sent, slot: &Slot, slots: &[Slot], out: &mut Vec<Figure>) {
        let q = &s.qs[slot.q];
        let chars = s.chars;
        let (kind, period) = self.kind_period(s, slot, q);
        // One figure for each indicator this slot's value goes to.
        let mut emit_for = |t: Option<usize>| {
            let ind = t.map(|i| &self.catalog.indicators[i]);
            // A level in a unit the indicator cannot have (近7年, 第21位) is
            // some other quantity.
            let ind = ind.filter(|ind| unit_fits(ind, q, slot.measure));
            out.push(self.figure(s, slot, q, ind, kind, period));
        };
        // 一季度生产总值下降6.7%: part of a year is not the annual indicator.
        if part_of_year(&chars[s.unit.start..q.core_start]) {
            emit_for(None);
            return;
        }
        match slot.subject {
            Subject::None => emit_for(None),
            Subject::One(i) => {
                // 单位GDP能耗和二氧化碳排放分别降低13.5%、18%: of a group shared
                // out by 分别, only the first value is the named indicator's.
                let group = group_of(s, slots, slot);
                let first = &slots[group.start];
                let ctx = &chars[first.seg_start..s.qs[first.q].core_start];
                let shared_out = group.len() > 1 && has(ctx, "分别");
                emit_for(if shared_out && first.q != slot.q {
                    None
                } else {
                    Some(i)
                });
            }
            Subject::Pair(p) | Subject::List(p, _) => {
                let names: Vec<Option<usize>> = match slot.subject {
                    Subject::Pair(_) => self.catalog.pairs[p]
                        .split
                        .iter()
                        .map(|n| self.catalog.index_of(n))
                        .collect(),
                    Subject::List(m0, n) => s.ms[m0..m0 + n]
                        .iter()
                        .map(|m| match m.target {
                            Target::Indicator(i) => Some(i),
                            Target::Pair(p) => self.catalog.index_of(&self.catalog.pairs[p].single),
                        })
                        .collect(),
                    _ => unreachable!(),
                };
                // The value group this slot belongs to.
                let group = group_of(s, slots, slot);
                let pos = group
                    .clone()
                    .position(|k| slots[k].q == slot.q)
                    .unwrap_or(0);
                let first = &slots[group.start];
                let start = s.qs[first.q].core_start;
                let ctx = &chars[first.seg_start..start];
                let clause = &chars[first.clause_start..start];
                if group.len() == names.len() && (has(ctx, "分别") || group.len() > 1) {
                    emit_for(names[pos]);
                } else if has_each(clause)
                    || (group.len() == 1
                        && has(clause, "分别")
                        && names.len() > 1
                        && matches!(slot.subject, Subject::Pair(_)))
                {
                    // 均增长8%: the same value for each.
                    names.iter().for_each(|&n| emit_for(n));
                } else if let Subject::Pair(p) = slot.subject {
                    emit_for(self.catalog.index_of(&self.catalog.pairs[p].single));
                } else {
                    emit_for(None);
                }
            }
        }
    }

    fn figure(
        &self,
        s: &Sent,
        slot: &Slot,
        q: &Quantity,
        ind: Option<&Indicator>,
        kind: Kind,
        period: Option<Period>,
    ) -> Figure {
        let sign = if slot.negative { -1.0 } else { 1.0 };
        let (mut low, mut high) = (q.low.map(|v| v * sign), q.high.map(|v| v * sign));
        if let (Some(a), Some(b)) = (low, high) {
            if a > b {
                (low, high) = (Some(b), Some(a));
            }
        }
        let value = q.value * sign;
        let firm = (kind == Kind::Target).then(|| {
            let before = &s.chars[slot.seg_start..q.core_start];
            if slot.qualifier == Qualifier::Le && has(before, "控制在") {
                Firmness::Binding
            } else {
                firmness(before)
            }
        });
        Figure {
            indicator: ind.map(|i| i.name.clone()),
            measure: slot.measure,
            kind,
            period,
            value: Some(value),
            unit: q.unit.to_string(),
            value_base: Some(value * q.factor),
            unit_base: if q.unit_base.is_empty() && q.unit.is_empty() {
                String::new()
            } else {
                q.unit_base.to_string()
            },
            qualifier: slot.qualifier,
            value_low: low,
            value_high: high,
            firmness: firm,
            text: s.orig.slice(q.start, q.end).to_string(),
            start: q.start,
            end: q.end,
            sentence: s.unit.sentence,
            flags: Vec::new(),
        }
    }

    /// Kind and period of one quantity: the sentence frame, moved by cues in
    /// its own clause.
    fn kind_period(&self, s: &Sent, slot: &Slot, q: &Quantity) -> (Kind, Option<Period>) {
        let chars = s.chars;
        let Frame {
            mut kind,
            mut period,
        } = s.frame;
        let ry = s.report_year;
        let before_sent = &chars[s.unit.start..q.core_start];
        let local = &chars[slot.clause_start..q.core_start];
        let seg = &chars[slot.seg_start..q.core_start];
        // 去年一季度…增长5.8% in a plan: an outcome of last year.
        if let Some(r) = ry {
            // 地区生产总值刚刚超过2万亿元 in a plan section: the present state.
            if kind == Kind::Target && NOW.any_in(local) {
                kind = Kind::Actual;
                period = Some(Period::year(r - 1));
            }
            if kind == Kind::Target {
                if let Some((p, _)) = LAST_YEAR.last_of(seg) {
                    let b = if p > 0 { seg[p - 1] } else { ' ' };
                    if !matches!(b, '比' | '较' | '于' | '同') {
                        kind = Kind::Actual;
                        period = Some(Period::year(r - 1));
                    }
                }
            }
        }
        let _ = before_sent;
        if kind == Kind::Actual && s.estimate_at().is_some_and(|p| p + 2 <= q.core_start) {
            kind = Kind::Estimate;
        }
        if let Some(y) = plan_end_year(local) {
            period = Some(Period::year(y));
            if let Some(r) = ry {
                if y < r && kind == Kind::Target {
                    kind = Kind::Actual;
                }
            }
        } else if let Some(p) = period {
            let spanning = p.start != p.end;
            match slot.role {
                Role::From if spanning => period = Some(Period::year(p.start)),
                Role::To if spanning => period = Some(Period::year(p.end)),
                Role::From => period = Some(Period::year(p.start - 1)),
                _ => {}
            }
            if spanning && slot.role == Role::Plain {
                let level_like = matches!(
                    slot.measure,
                    Measure::Level | Measure::Rate | Measure::Share
                );
                if level_like && !has(local, "累计") && reaches(local) {
                    period = Some(Period::year(p.end));
                }
            }
        }
        // 到2025年 in a target: that year.
        if kind == Kind::Target {
            if let Some(i) = find(seg, "到") {
                let y: String = seg[i + 1..].iter().take(4).collect();
                if seg.get(i + 5) == Some(&'年') {
                    if let Ok(y) = y.parse::<i32>() {
                        if ry.is_none_or(|r| y >= r) && (1990..2100).contains(&y) {
                            period = Some(Period::year(y));
                        }
                    }
                }
            }
        }
        // An average annual growth is over several years.
        if slot.measure == Measure::AvgGrowth {
            if let (Some(p), Some(r)) = (period, ry) {
                if p.start == p.end {
                    period = Some(if kind == Kind::Target {
                        Period {
                            start: r,
                            end: r + 4,
                        }
                    } else {
                        Period {
                            start: r - 5,
                            end: r - 1,
                        }
                    });
                }
            }
        }
        let _ = q;
        (kind, period)
    }

    /// Catalog indicators given a target without a number
    /// (居民收入增长与经济增长基本同步).
    fn qualitative(&self, s: &Sent, out: &mut Vec<Figure>) {
        // Only a clause naming an indicator gives a figure: without mentions
        // the clauses need not be walked.
        if s.frame.kind != Kind::Target || s.ms.is_empty() {
            return;
        }
        let chars = s.chars;
        // In a list of targets (主要预期目标…) any of these words make a
        // target; elsewhere only the strong ones do (稳定提升居民收入水平 is a
        // task, 确保粮食总产只增不减 is a target).
        static STRONG: LazyLock<Words> = LazyLock::new(|| {
            Words::new(&["同步", "只增不减", "下达", "国家要求", "合理区间", "控制在"])
        });
        static WEAK: LazyLock<Words> = LazyLock::new(|| {
            Words::new(&[
                "持续下降",
                "稳步提高",
                "持续提高",
                "稳定",
                "控制",
                "完成",
                "下降",
                "提高",
                "增长",
            ])
        });
        let mut listing = None;
        let mut c0 = s.unit.start;
        let mut emitted: Vec<usize> = Vec::new();
        for p in s.unit.start..=s.unit.end {
            let at_end = p == s.unit.end;
            if !at_end && !is_delim(chars[p]) {
                continue;
            }
            let (a, b) = (c0, p);
            c0 = p + 1;
            if b <= a || s.qs.iter().any(|q| q.start < b && q.end > a) {
                continue;
            }
            // Cues matter only for a clause naming an indicator; the mentions
            // are few, the clauses many.
            if !s.ms.iter().any(|m| m.start >= a && m.end <= b) {
                continue;
            }
            let clause = &chars[a..b];
            let cued = STRONG.any_in(clause)
                || (*listing.get_or_insert_with(|| {
                    ["目标", "预期", "指标"].iter().any(|w| has(s.text(), w))
                }) && WEAK.any_in(clause));
            if !cued {
                continue;
            }
            for m in s.ms.iter().filter(|m| m.start >= a && m.end <= b) {
                let zhan = clause[..m.start - a].contains(&'占');
                if zhan {
                    continue;
                }
                let idx = match m.target {
                    Target::Indicator(i) => Some(i),
                    Target::Pair(p) => self.catalog.index_of(&self.catalog.pairs[p].single),
                };
                let Some(idx) = idx else { continue };
                if emitted.contains(&idx) {
                    continue;
                }
                emitted.push(idx);
                let before = &chars[s.unit.start..m.start];
                let seg_start = (s.unit.start..m.start)
                    .rev()
                    .find(|&p| is_seg_delim(chars[p]))
                    .map(|p| p + 1)
                    .unwrap_or(s.unit.start);
                let _ = before;
                out.push(Figure {
                    indicator: Some(self.catalog.indicators[idx].name.clone()),
                    measure: Measure::Qualitative,
                    kind: Kind::Target,
                    period: s.frame.period,
                    value: None,
                    unit: String::new(),
                    value_base: None,
                    unit_base: String::new(),
                    qualifier: Qualifier::Eq,
                    value_low: None,
                    value_high: None,
                    firmness: Some(firmness(&chars[seg_start..m.start])),
                    text: s.orig.slice(m.start, b).to_string(),
                    start: m.start,
                    end: b,
                    sentence: s.unit.sentence,
                    flags: Vec::new(),
                });
            }
        }
    }
}

struct SubjectFind {
    explicit: Option<Subject>,
    inherited: bool,
}

struct Sent<'a> {
    #[allow(dead_code)]
    doc: &'a Document,
    chars: &'a [char],
    orig: &'a CharCursor<'a>,
    unit: &'a Unit,
    qs: &'a [Quantity],
    ms: &'a [Mention],
    frame: Frame,
    report_year: Option<i32>,
    /// See [`Sent::estimate_at`].
    estimate: OnceCell<Option<usize>>,
}

impl Sent<'_> {
    fn text(&self) -> &[char] {
        &self.chars[self.unit.start..self.unit.end]
    }

    /// Where the first 预计 is from the start of the whole sentence (up to
    /// its 。, across the ；-split parts, which 预计 governs) to the end of
    /// this unit. Found once for all figures of the unit: a figure is an
    /// estimate if it lies wholly before it.
    fn estimate_at(&self) -> Option<usize> {
        *self.estimate.get_or_init(|| {
            let start = self.unit.start;
            let full_start = (0..start)
                .rev()
                .take(400)
                .find(|&p| matches!(self.chars[p], '。' | '!' | '?' | '\n'))
                .map(|p| p + 1)
                .unwrap_or(start.saturating_sub(400));
            find(&self.chars[full_start..self.unit.end], "预计").map(|p| full_start + p)
        })
    }
}

/// Words before a figure saying it is about part of a year (一季度, 上半年,
/// 前三季度, 1—5月), unless 全年 comes after them: `一季度下降6.7%，全年增长1.7%`.
/// Only words after the last `。；;` or line break of `before` count.
fn part_of_year(before: &[char]) -> bool {
    const PARTS: [&str; 8] = [
        "一季度",
        "二季度",
        "三季度",
        "四季度",
        "上半年",
        "下半年",
        "前三季度",
        "季度末",
    ];
    // 1—5月 / 1-11月 / 1至9月: a month range.
    let months = |i: usize| {
        let w = &before[i..];
        w.len() >= 4
            && w[0] == '1'
            && matches!(w[1], '-' | '—' | '–' | '至' | '~' | '－')
            && w[2].is_ascii_digit()
            && (w[3] == '月' || (w[3].is_ascii_digit() && w.get(4) == Some(&'月')))
    };
    // One scan from the right, to the first break, for the last start of any
    // word or range (was a scan for the break, then one per word with memcmp
    // at each position); most characters fail on the first-character match.
    // No word holds a break, so a match after one lies wholly after it.
    for i in (0..before.len()).rev() {
        let hit = match before[i] {
            '。' | '；' | ';' | '\n' => return false,
            '1' => months(i),
            '一' | '二' | '三' | '四' | '上' | '下' | '前' | '季' => {
                PARTS.iter().any(|w| starts_with(before, i, w))
            }
            _ => false,
        };
        if hit {
            return !before[i..].windows(2).any(|w| w[0] == '全' && w[1] == '年');
        }
    }
    false
}

/// Does the clause say the figure is a level reached (达到, 提高到, 突破)?
fn reaches(local: &[char]) -> bool {
    static REACH: LazyLock<Words> = LazyLock::new(|| {
        Words::new(&[
            "达到",
            "达",
            "提高到",
            "增加到",
            "增长到",
            "扩大到",
            "提升到",
            "突破",
            "超过",
            "增至",
            "提高至",
            "跨过",
            "迈上",
            "跃上",
            "迈过",
        ])
    });
    REACH.any_in(local)
}

/// The value group `slot` belongs to: a range of `slots`.
fn group_of(s: &Sent, slots: &[Slot], slot: &Slot) -> std::ops::Range<usize> {
    let i = slots.iter().position(|x| x.q == slot.q).unwrap_or(0);
    let joined = |a: usize, b: usize| {
        let qa = &s.qs[slots[a].q];
        let qb = &s.qs[slots[b].q];
        qa.end <= qb.core_start && is_connector(&s.chars[qa.end..qb.core_start])
    };
    let mut lo = i;
    while lo > 0 && joined(lo - 1, lo) {
        lo -= 1;
    }
    let mut hi = i;
    while hi + 1 < slots.len() && joined(hi, hi + 1) {
        hi += 1;
    }
    lo..hi + 1
}

/// Can `q` be a figure of `ind` with this measure?
fn unit_fits(ind: &Indicator, q: &Quantity, measure: Measure) -> bool {
    match q.class {
        UnitClass::Percent | UnitClass::PercentPoint | UnitClass::Multiple => true,
        UnitClass::Bare => measure != Measure::Level && !q.unit.is_empty(),
        _ => ind.units.iter().any(|u| u == q.unit_base),
    }
}

/// Measure and sign of a quantity from the words around it. Returns
/// (measure, negative, reached-level: 提高到 X is a level, not a change).
fn measure_of(
    q: &Quantity,
    local: &[char],
    pre: &[char],
    after: &[char],
    ind: Option<&Indicator>,
) -> (Measure, bool, bool) {
    let up = GROWTH_UP.last_of(local);
    // 减税降费10.47亿元 is an amount of tax cuts, not a fall: a down word
    // inside such a policy noun is no verb.
    let down = GROWTH_DOWN
        .last_of(local)
        .filter(|&(i, n)| !inside_noun(local, i, n));
    let verb = match (up, down) {
        (Some(u), Some(d)) => Some(if d.0 + d.1 >= u.0 + u.1 {
            (d, true)
        } else {
            (u, false)
        }),
        (Some(u), None) => Some((u, false)),
        (None, Some(d)) => Some((d, true)),
        (None, None) => None,
    };
    // 提高到 / 增长到 / 降至 / 调整为: a level reached.
    let to_level = |v: (usize, usize)| {
        let k = v.0 + v.1;
        let k = if local.get(k) == Some(&'了') {
            k + 1
        } else {
            k
        };
        matches!(local.get(k), Some('到') | Some('至') | Some('为'))
    };
    let reached = verb.is_some_and(|(v, _)| to_level(v)) || has(local, "调整为");
    let compare = COMPARE
        .last_of(local)
        .is_some_and(|(p, _)| p == 0 || local[p - 1] != '不');
    let avg = has(local, "年均") || has(local, "年平均");
    let negative = verb.is_some_and(|(_, d)| d) && !reached;
    match q.class {
        UnitClass::PercentPoint => {
            if compare {
                (Measure::Other, false, false)
            } else {
                (Measure::ChangePp, negative, false)
            }
        }
        UnitClass::Multiple => {
            if verb.is_some() && !compare {
                (Measure::Multiple, false, false)
            } else {
                (Measure::Other, false, false)
            }
        }
        UnitClass::Percent => {
            // 比例提升168% is a growth of a share; 占…比重提高到52% is a share.
            let grows = verb.is_some() && !reached && !has(pre, "占");
            let share = !grows
                && (has(pre, "占")
                    || has(local, "比重")
                    || has(local, "占比")
                    || has(local, "比例"));
            if compare || (local.last() == Some(&'的') && !share) {
                // 完成预算的107.6%: a ratio to a plan, not a growth.
                (Measure::Other, false, false)
            } else if share {
                (Measure::Share, false, reached)
            } else if let (Some(_), false) = (verb, reached) {
                if avg {
                    (Measure::AvgGrowth, negative, false)
                } else {
                    (Measure::Growth, negative, false)
                }
            } else if reached {
                let m = match ind {
                    Some(i) if i.percent_measure == crate::catalog::PercentMeasure::Rate => {
                        Measure::Rate
                    }
                    Some(_) => Measure::Rate,
                    None => {
                        if has(local, "率") {
                            Measure::Rate
                        } else {
                            Measure::Share
                        }
                    }
                };
                (m, false, true)
            } else if let Some(i) = ind {
                let m = i.percent_measure.measure();
                if m == Measure::Growth && avg {
                    (Measure::AvgGrowth, false, false)
                } else {
                    (m, false, false)
                }
            } else if has(local, "率") || has(local, "覆盖") {
                (Measure::Rate, false, false)
            } else if starts_with(after, 0, "的增") || starts_with(after, 0, "的经济增") {
                (Measure::Growth, false, false)
            } else if after.first() == Some(&'的') {
                (Measure::Share, false, false)
            } else {
                (Measure::Other, false, false)
            }
        }
        UnitClass::Bare if q.ratio_group.is_some() => (Measure::Share, false, false),
        _ => {
            // A change in a level (比上年增加8天, 压减投资702亿元) is not a level.
            if let (Some(((p, n), d)), false) = (verb, reached) {
                let near = local.len() - (p + n) <= 2;
                let new_word = p > 0 && local[p - 1] == '新';
                if near && !new_word && !compare {
                    return (Measure::Other, d, false);
                }
            }
            (Measure::Level, false, reached)
        }
    }
}

/// Sentences as units of analysis, plus the stretches between them.
fn units_of(doc: &Document, n: usize) -> Vec<Unit> {
    let mut units = Vec::with_capacity(doc.sentences.len() + 8);
    let mut pos = 0;
    let mut last_para = usize::MAX;
    for (i, s) in doc.sentences.iter().enumerate() {
        let (start, end) = (s.start.min(n), s.end.min(n));
        if start > pos {
            units.push(Unit {
                start: pos,
                end: start,
                sentence: i.saturating_sub(1),
                para_start: true,
            });
        }
        if end > start.max(pos) {
            units.push(Unit {
                start: start.max(pos),
                end,
                sentence: i,
                para_start: s.paragraph != last_para,
            });
        }
        last_para = s.paragraph;
        pos = pos.max(end);
    }
    if pos < n {
        units.push(Unit {
            start: pos,
            end: n,
            sentence: doc.sentences.len().saturating_sub(1),
            para_start: true,
        });
    }
    units
}

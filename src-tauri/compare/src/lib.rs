//! Wording diff of two government work reports: what a jurisdiction said
//! differently from one year to the next.
//!
//! Start at [`compare`]: it takes two loaded [`Document`]s and returns a
//! [`Comparison`], plain serialisable data that the renderers
//! ([`render_text`], [`render_json`], [`render_html`], or [`render`] with a
//! [`Format`]) and the UI read. How it works:
//!
//! 1. **Align** (`align`): sections are matched by heading (ordinal and
//!    years stripped) and content; paragraphs inside matched sections by
//!    bigram similarity along the heaviest monotone chain; strong leftovers
//!    anywhere are paired too, and every pair out of order is *moved*, not
//!    deleted and inserted.
//! 2. **Diff** (`inline`): matched paragraphs are diffed over a token stream
//!    for Chinese policy text (`tokens`): a number expression (`4.5%`,
//!    `1.5万亿元`, `0.48个百分点`, `6%左右`) is one token, text is phrases
//!    split at function characters. Replaced runs are refined to characters,
//!    keeping only common runs that read as words. A number replaced by a
//!    number is a [`ValueChange`] (`6.5% → 6%`).
//! 3. **Score**: per paragraph pair and per report, `2 × equal / (old + new)`
//!    over characters, whitespace aside.
//!
//! Comparison runs on the folded text (`Document::match_text`: simplified
//! script, half-width), so traditional against simplified and `，` against
//! `,` are no change; whitespace is ignored. [`Options`] turns either off.
//! All offsets are character offsets into each document's own
//! `Document::text`, and every excerpt carries its text in that document's
//! script, so each side displays as written.
//!
//! Time is bounded: [`Options::time_budget_ms`] caps the whole comparison.
//! A pair whose phrase diff runs past its share falls back to a sentence
//! diff, and past the budget to a whole-paragraph change;
//! [`Comparison::fallback`] says so and [`Block::granularity`] says where.
//!
//! # Wiring `gwr diff A B --format text|json|html`
//!
//! Load both files, [`compare`], [`render`] with the parsed [`Format`]
//! (`"text".parse::<Format>()`; an unknown name is an [`UnknownFormat`]
//! whose message lists the choices), print. Text is plain (`[-old-]{+new+}`
//! markers, no colour); HTML is one self-contained page, safe to open.
//!
//! ```no_run
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! # let (a, b, format) = ("a.txt", "b.txt", "html");
//! let old = gwr_load::load_path(std::path::Path::new(a))?;
//! let new = gwr_load::load_path(std::path::Path::new(b))?;
//! let format: gwr_compare::Format = format.parse()?;
//! let cmp = gwr_compare::compare(&old, &new, &gwr_compare::Options::default());
//! print!("{}", gwr_compare::render(&cmp, format));
//! # Ok(()) }
//! ```
//!
//! # Example
//!
//! ```
//! use gwr_compare::{compare, render, Format, Options, NumberKind};
//!
//! let old = gwr_load::load_bytes("2024.txt", "各位代表：\n一、2024年工作安排\n国内生产总值增长5%左右。".as_bytes()).unwrap();
//! let new = gwr_load::load_bytes("2025.txt", "各位代表：\n一、2025年工作安排\n国内生产总值增长4.5%左右。".as_bytes()).unwrap();
//! let cmp = compare(&old, &new, &Options::default());
//!
//! let growth = cmp.value_changes.iter().find(|v| v.kind == NumberKind::Quantity).unwrap();
//! assert_eq!((growth.old_value, growth.new_value), (Some(5.0), Some(4.5)));
//! assert_eq!(growth.old.text, "5%左右");
//!
//! // What `gwr diff A B --format html` writes: one self-contained page.
//! let html = render(&cmp, Format::Html);
//! assert!(html.starts_with("<!DOCTYPE html>"));
//! let format: Format = "json".parse().unwrap();
//! assert!(render(&cmp, format).contains("\"value_changes\""));
//! ```

mod align;
mod inline;
mod model;
mod prepare;
mod render;
pub mod timeline;
mod tokens;

use std::collections::HashMap;
use std::time::{Duration, Instant};

use gwr_load::Document;

pub use model::{
    Block, BlockKind, Comparison, DocInfo, Excerpt, Fallback, Granularity, NumberKind, Options,
    SectionPair, SectionSide, Segment, SegmentOp, Stats, ValueChange,
};
pub use render::{render, render_html, render_json, render_text, Format, UnknownFormat};

use inline::{PairInput, RawSeg};
use prepare::{Interner, Para, Side};

/// A pair (weaker than a sure match) is kept only if this share of its
/// characters is common after diffing; otherwise it is shown as a deletion
/// and an insertion.
const KEEP_MIN: f64 = 0.3;
/// ... or this share of the shorter paragraph is common.
const COVER_MIN: f64 = 0.4;
/// Weak pairs whose shorter paragraph has at least this many characters are
/// screened by phrase overlap before they are diffed.
const PREFILTER_ABOVE: usize = 150;

/// Compare two reports, `old` (usually the earlier year) against `new`.
pub fn compare(old: &Document, new: &Document, opts: &Options) -> Comparison {
    let start = Instant::now();
    let budget = Duration::from_millis(opts.time_budget_ms);
    let hard = start + budget;
    // One pair may use an eighth of the budget before it falls back, so a
    // single pathological paragraph cannot starve the rest.
    let share = (budget / 8).max(Duration::from_millis(1));

    let mut interner = Interner::default();
    let a = Side::new(old, opts, &mut interner);
    let b = Side::new(new, opts, &mut interner);
    let al = align::align(&a, &b);

    // Diff every pair first: a weak pair whose diff shows little in common
    // reads better as a deletion and an insertion than as a wall of changes.
    let mut pairs = al.pairs.clone();
    let mut diffs: Vec<Option<inline::PairDiff>> = Vec::with_capacity(pairs.len());
    let mut keep = Vec::with_capacity(pairs.len());
    let mut fell_back = 0usize;
    let mut coarsest = Granularity::Phrase;
    for p in &pairs {
        let (pa, pb) = (&a.paras[p.a], &b.paras[p.b]);
        if pa.key == pb.key {
            diffs.push(None);
            keep.push(true);
            continue;
        }
        let input = PairInput {
            old: &a.chars[pa.start..pa.end],
            new: &b.chars[pb.start..pb.end],
            ignore_whitespace: opts.ignore_whitespace,
        };
        // Long weak pairs are many and their diffs the slowest (little in
        // common); most fail the check below. Skip those that cannot pass it
        // even with every common phrase matched, with a margin of a half for
        // what refinement finds inside changed phrases. Short paragraphs
        // (reworded headings) are cheap, and refinement is most of what they
        // have in common, so they are always diffed.
        if p.sim < align::MOVE_MIN && pa.weight.min(pb.weight) >= PREFILTER_ABOVE {
            let bound = inline::token_overlap(&input, &mut interner);
            let min = pa.weight.min(pb.weight) as f64;
            if ratio(bound, pa.weight + pb.weight) < KEEP_MIN / 2.0
                && (bound as f64) < COVER_MIN / 2.0 * min
            {
                diffs.push(None);
                keep.push(false);
                continue;
            }
        }
        let deadline = (Instant::now() + share).min(hard);
        let mut d = inline::diff_pair(&input, &mut interner, deadline, hard);
        d.segs = validate_values(
            absorb_short_equals(merge_segs(d.segs), input.old),
            input.old,
        );
        let eq: usize = d
            .segs
            .iter()
            .filter(|s| s.op == SegmentOp::Equal)
            .map(|s| count_chars(input.old, &s.old))
            .sum();
        let sim = ratio(eq, pa.weight + pb.weight);
        // A short paragraph taken into a longer one (a sentence grew into a
        // paragraph, a heading was reworded) has a low ratio but much of the
        // short side in common.
        let covered = eq as f64 >= COVER_MIN * pa.weight.min(pb.weight) as f64;
        keep.push(
            d.granularity != Granularity::Phrase
                || sim >= KEEP_MIN
                || covered
                || p.sim >= align::MOVE_MIN,
        );
        if d.granularity != Granularity::Phrase {
            fell_back += 1;
            coarsest = coarsest.max(d.granularity);
        }
        diffs.push(Some(d));
    }
    let mut kept = keep.iter();
    pairs.retain(|_| *kept.next().unwrap());
    let mut kept = keep.iter();
    diffs.retain(|_| *kept.next().unwrap());
    let mut diff_of_b: Vec<Option<Option<inline::PairDiff>>> =
        (0..b.paras.len()).map(|_| None).collect();
    for (p, d) in pairs.iter().zip(diffs) {
        diff_of_b[p.b] = Some(d);
    }
    align::mark_moved(&mut pairs, &a, &b);

    let mut out = Builder {
        a: &a,
        b: &b,
        blocks: Vec::new(),
        value_changes: Vec::new(),
        stats: Stats::default(),
        equal_chars: 0,
    };
    let sections = section_pairs(&a, &b, &al.groups);
    let sec_of_a: HashMap<usize, usize> = sections
        .iter()
        .enumerate()
        .filter_map(|(i, s)| s.1.map(|g| (g, i)))
        .collect();
    let sec_of_b: HashMap<usize, usize> = sections
        .iter()
        .enumerate()
        .filter_map(|(i, s)| s.2.map(|g| (g, i)))
        .collect();

    // Reading order of the new report; an old-only paragraph comes right
    // after the in-place pair that precedes it in the old report.
    let mut pair_of_b: Vec<Option<usize>> = vec![None; b.paras.len()];
    let mut paired_a = vec![false; a.paras.len()];
    for (k, p) in pairs.iter().enumerate() {
        pair_of_b[p.b] = Some(k);
        paired_a[p.a] = true;
    }
    let mut anchors: Vec<usize> = pairs.iter().filter(|p| !p.moved).map(|p| p.a).collect();
    anchors.sort_unstable();
    let mut after_anchor: HashMap<Option<usize>, Vec<usize>> = HashMap::new();
    for i in (0..a.paras.len()).filter(|&i| !paired_a[i]) {
        let k = anchors.partition_point(|&x| x < i);
        after_anchor
            .entry(k.checked_sub(1).map(|k| anchors[k]))
            .or_default()
            .push(i);
    }
    let emit_deleted = |out: &mut Builder, key: Option<usize>| {
        for &i in after_anchor.get(&key).map(Vec::as_slice).unwrap_or(&[]) {
            out.deleted(i, sec_of_a.get(&a.paras[i].group).copied());
        }
    };
    emit_deleted(&mut out, None);
    for j in 0..b.paras.len() {
        let section = sec_of_b.get(&b.paras[j].group).copied();
        match pair_of_b[j] {
            None => out.inserted(j, section),
            Some(k) => {
                let p = pairs[k];
                let d = diff_of_b[j].take().flatten();
                out.pair(p.a, p.b, p.moved, section, d);
                if !p.moved {
                    emit_deleted(&mut out, Some(p.a));
                }
            }
        }
    }

    let fallback = (fell_back > 0).then(|| Fallback {
        granularity: coarsest,
        blocks: fell_back,
        reason: format!(
            "{fell_back} paragraph pair(s) could not be diffed by phrase within the time budget ({} ms in all, {} ms per pair); they were diffed at {} level",
            opts.time_budget_ms,
            share.as_millis(),
            match coarsest {
                Granularity::Sentence => "sentence",
                _ => "sentence or whole-paragraph",
            }
        ),
    });
    let total_a: usize = a.paras.iter().map(|p| p.weight).sum();
    let total_b: usize = b.paras.iter().map(|p| p.weight).sum();
    let Builder {
        blocks,
        value_changes,
        mut stats,
        equal_chars,
        ..
    } = out;
    stats.value_changes = value_changes.len();
    Comparison {
        old: doc_info(old, &a),
        new: doc_info(new, &b),
        options: opts.clone(),
        similarity: ratio(equal_chars, total_a + total_b),
        vocabulary: prepare::dice(&a.all_bigrams(), &b.all_bigrams()),
        stats,
        sections: sections.into_iter().map(|s| s.0).collect(),
        blocks,
        value_changes,
        fallback,
    }
}

fn ratio(equal: usize, total: usize) -> f64 {
    if total == 0 {
        1.0
    } else {
        (2 * equal) as f64 / total as f64
    }
}

fn doc_info(doc: &Document, side: &Side) -> DocInfo {
    DocInfo {
        file_name: doc.source.file_name.clone(),
        sha256: doc.source.sha256.clone(),
        title: doc.metadata.title.clone(),
        jurisdiction: doc.metadata.jurisdiction.clone(),
        report_year: doc.metadata.report_year,
        chars: doc.text.chars().count(),
        paragraphs: side.paras.len(),
    }
}

/// Section pairs in reading order of the new report, with the group index of
/// each side; old-only sections follow the matched section before them.
fn section_pairs(
    a: &Side,
    b: &Side,
    groups: &[align::GroupPair],
) -> Vec<(SectionPair, Option<usize>, Option<usize>)> {
    let side = |s: &Side, g: usize| {
        let grp = &s.groups[g];
        SectionSide {
            index: grp.section,
            preamble: grp.preamble,
            heading: grp.heading.clone(),
            start: grp.start,
            end: grp.end,
        }
    };
    let mut partner_of_b: Vec<Option<&align::GroupPair>> = vec![None; b.groups.len()];
    let mut matched_a = vec![false; a.groups.len()];
    for g in groups {
        partner_of_b[g.b] = Some(g);
        matched_a[g.a] = true;
    }
    let mut anchors: Vec<usize> = groups.iter().filter(|g| !g.moved).map(|g| g.a).collect();
    anchors.sort_unstable();
    let mut after: HashMap<Option<usize>, Vec<usize>> = HashMap::new();
    for i in (0..a.groups.len()).filter(|&i| !matched_a[i]) {
        let k = anchors.partition_point(|&x| x < i);
        after
            .entry(k.checked_sub(1).map(|k| anchors[k]))
            .or_default()
            .push(i);
    }
    let mut out = Vec::new();
    let old_only = |out: &mut Vec<_>, key: Option<usize>| {
        for &i in after.get(&key).map(Vec::as_slice).unwrap_or(&[]) {
            out.push((
                SectionPair {
                    old: Some(side(a, i)),
                    new: None,
                    similarity: 0.0,
                    moved: false,
                },
                Some(i),
                None,
            ));
        }
    };
    old_only(&mut out, None);
    for (j, partner) in partner_of_b.iter().enumerate() {
        match partner {
            Some(g) => {
                out.push((
                    SectionPair {
                        old: Some(side(a, g.a)),
                        new: Some(side(b, j)),
                        similarity: g.sim,
                        moved: g.moved,
                    },
                    Some(g.a),
                    Some(j),
                ));
                if !g.moved {
                    old_only(&mut out, Some(g.a));
                }
            }
            None => out.push((
                SectionPair {
                    old: None,
                    new: Some(side(b, j)),
                    similarity: 0.0,
                    moved: false,
                },
                None,
                Some(j),
            )),
        }
    }
    out
}

/// Accumulates blocks, value changes and counts.
struct Builder<'s, 'd> {
    a: &'s Side<'d>,
    b: &'s Side<'d>,
    blocks: Vec<Block>,
    value_changes: Vec<ValueChange>,
    stats: Stats,
    /// Equal characters (whitespace aside) over all pairs.
    equal_chars: usize,
}

fn excerpt(s: &Side, start: usize, end: usize) -> Excerpt {
    Excerpt {
        start,
        end,
        text: s.text(start, end).to_string(),
    }
}

fn para_excerpt(s: &Side, p: &Para) -> Excerpt {
    excerpt(s, p.start, p.end)
}

impl Builder<'_, '_> {
    fn deleted(&mut self, i: usize, section: Option<usize>) {
        let p = &self.a.paras[i];
        let ex = para_excerpt(self.a, p);
        self.stats.deleted += 1;
        self.stats.deleted_chars += p.weight;
        self.blocks.push(Block {
            kind: BlockKind::Deleted,
            old_paragraph: Some(p.index),
            new_paragraph: None,
            old: Some(ex.clone()),
            new: None,
            section,
            similarity: 0.0,
            granularity: Granularity::Phrase,
            segments: vec![Segment {
                op: SegmentOp::Delete,
                old: Some(ex),
                new: None,
                value_change: None,
            }],
        });
    }

    fn inserted(&mut self, j: usize, section: Option<usize>) {
        let p = &self.b.paras[j];
        let ex = para_excerpt(self.b, p);
        self.stats.inserted += 1;
        self.stats.inserted_chars += p.weight;
        self.blocks.push(Block {
            kind: BlockKind::Inserted,
            old_paragraph: None,
            new_paragraph: Some(p.index),
            old: None,
            new: Some(ex.clone()),
            section,
            similarity: 0.0,
            granularity: Granularity::Phrase,
            segments: vec![Segment {
                op: SegmentOp::Insert,
                old: None,
                new: Some(ex),
                value_change: None,
            }],
        });
    }

    /// A matched pair; `diff` is `None` when the paragraphs are equal.
    fn pair(
        &mut self,
        i: usize,
        j: usize,
        moved: bool,
        section: Option<usize>,
        diff: Option<inline::PairDiff>,
    ) {
        let (pa, pb) = (&self.a.paras[i], &self.b.paras[j]);
        let (ea, eb) = (para_excerpt(self.a, pa), para_excerpt(self.b, pb));
        let block_index = self.blocks.len();
        let Some(diff) = diff else {
            self.equal_chars += pa.weight;
            if moved {
                self.stats.moved += 1;
            } else {
                self.stats.equal += 1;
            }
            self.blocks.push(Block {
                kind: if moved {
                    BlockKind::Moved
                } else {
                    BlockKind::Equal
                },
                old_paragraph: Some(pa.index),
                new_paragraph: Some(pb.index),
                old: Some(ea.clone()),
                new: Some(eb.clone()),
                section,
                similarity: 1.0,
                granularity: Granularity::Phrase,
                segments: vec![Segment {
                    op: SegmentOp::Equal,
                    old: Some(ea),
                    new: Some(eb),
                    value_change: None,
                }],
            });
            return;
        };
        let (ca, cb) = (
            &self.a.chars[pa.start..pa.end],
            &self.b.chars[pb.start..pb.end],
        );
        let segs = diff.segs;
        let mut eq = 0;
        for s in &segs {
            match s.op {
                SegmentOp::Equal => eq += count_chars(ca, &s.old),
                SegmentOp::Delete => self.stats.deleted_chars += count_chars(ca, &s.old),
                SegmentOp::Insert => self.stats.inserted_chars += count_chars(cb, &s.new),
            }
        }
        self.equal_chars += eq;

        // Value changes come from the untiled ranges, which are exactly the numbers.
        let mut vc_of_seg: Vec<Option<usize>> = vec![None; segs.len()];
        for k in 1..segs.len() {
            let (d, n) = (&segs[k - 1], &segs[k]);
            if d.value && n.value && d.op == SegmentOp::Delete && n.op == SegmentOp::Insert {
                let v = self.value_change(pa, pb, &d.old, &n.new, cb, block_index);
                vc_of_seg[k - 1] = Some(self.value_changes.len());
                vc_of_seg[k] = Some(self.value_changes.len());
                self.value_changes.push(v);
            }
        }
        let tiled = tile(&segs, ca.len(), cb.len());
        let segments = tiled
            .into_iter()
            .zip(vc_of_seg)
            .filter_map(|(s, vc)| {
                let old = (s.op != SegmentOp::Insert)
                    .then(|| excerpt(self.a, pa.start + s.old.start, pa.start + s.old.end));
                let new = (s.op != SegmentOp::Delete)
                    .then(|| excerpt(self.b, pb.start + s.new.start, pb.start + s.new.end));
                let empty = old.as_ref().is_none_or(|e| e.start == e.end)
                    && new.as_ref().is_none_or(|e| e.start == e.end);
                (!empty).then_some(Segment {
                    op: s.op,
                    old,
                    new,
                    value_change: vc,
                })
            })
            .collect();
        if moved {
            self.stats.moved += 1;
        } else {
            self.stats.modified += 1;
        }
        self.blocks.push(Block {
            kind: if moved {
                BlockKind::Moved
            } else {
                BlockKind::Modified
            },
            old_paragraph: Some(pa.index),
            new_paragraph: Some(pb.index),
            old: Some(ea),
            new: Some(eb),
            section,
            similarity: ratio(eq, pa.weight + pb.weight),
            granularity: diff.granularity,
            segments,
        });
    }

    #[allow(clippy::too_many_arguments)]
    fn value_change(
        &self,
        pa: &Para,
        pb: &Para,
        old: &std::ops::Range<usize>,
        new: &std::ops::Range<usize>,
        cb: &[char],
        block: usize,
    ) -> ValueChange {
        let ia = tokens::number_info(&self.a.chars[pa.start + old.start..pa.start + old.end]);
        let ib = tokens::number_info(&cb[new.clone()]);
        // Context: the words before the new number, back to the previous
        // punctuation, at most 12 characters.
        // A clause shorter than 4 characters (`,达到`) borrows from the one
        // before, so the indicator's name shows; a sentence end always stops.
        let mut from = new.start;
        while from > 0 && new.start - from < 12 {
            let c = cb[from - 1];
            let decimal = c == '.' && from >= 2 && cb[from - 2].is_ascii_digit();
            let punct = !tokens::is_word_char(c) && !tokens::is_space(c);
            let named = cb[from..new.start]
                .iter()
                .filter(|c| tokens::is_word_char(**c) && !c.is_ascii_digit())
                .count();
            if punct && ((tokens::is_sentence_end(c) && !decimal) || named >= 4) {
                break;
            }
            from -= 1;
        }
        ValueChange {
            kind: if ia.is_year && ib.is_year {
                NumberKind::Year
            } else {
                NumberKind::Quantity
            },
            old: excerpt(self.a, pa.start + old.start, pa.start + old.end),
            new: excerpt(self.b, pb.start + new.start, pb.start + new.end),
            old_value: ia.value,
            new_value: ib.value,
            old_unit: ia.unit,
            new_unit: ib.unit,
            context: self
                .b
                .text(pb.start + from, pb.start + new.start)
                .trim()
                .to_string(),
            block,
        }
    }
}

/// A short equal word between two changes (`的`, `地`, `发展`) is shown
/// inside the change: `[-A-]{+B+}的[-C-]{+D+}` reads as confetti, the
/// joined replacement as a phrase. Punctuation stays (it marks clauses), so
/// do numbers next to value changes. The rule is diff-match-patch's semantic
/// cleanup, capped at 4 characters: an equality no longer than the larger
/// side of the change on each side of it.
fn absorb_short_equals(segs: Vec<RawSeg>, old: &[char]) -> Vec<RawSeg> {
    // Runs of changes between equal segments, as (deleted, inserted) sizes.
    let size = |s: &RawSeg| match s.op {
        SegmentOp::Delete => s.old.len(),
        SegmentOp::Insert => s.new.len(),
        SegmentOp::Equal => 0,
    };
    let mut out = segs;
    // Each absorption rescans the paragraph; past this many segments (only
    // pathological paragraphs) the highlights stay as diffed.
    if out.len() > 2000 {
        return out;
    }
    loop {
        let mut changed = false;
        let n = out.len();
        let mut k = 0;
        while k < n {
            if out[k].op != SegmentOp::Equal {
                k += 1;
                continue;
            }
            // The change runs just before and after this equal segment.
            let mut l = k;
            let (mut left, mut left_value) = (0usize, false);
            while l > 0 && out[l - 1].op != SegmentOp::Equal {
                l -= 1;
                left = left.max(size(&out[l]));
                left_value |= out[l].value;
            }
            let mut r = k + 1;
            let (mut right, mut right_value) = (0usize, false);
            while r < n && out[r].op != SegmentOp::Equal {
                right = right.max(size(&out[r]));
                right_value |= out[r].value;
                r += 1;
            }
            let text = &old[out[k].old.clone()];
            let len = text.iter().filter(|c| !tokens::is_space(**c)).count();
            let wordy = text
                .iter()
                .all(|c| tokens::is_word_char(*c) || tokens::is_space(*c));
            if l < k
                && r > k + 1
                && !left_value
                && !right_value
                && wordy
                && len <= 4
                && (len <= 1 || (len <= left && len <= right))
            {
                let e = out[k].clone();
                out[k] = RawSeg {
                    op: SegmentOp::Delete,
                    old: e.old.clone(),
                    new: e.new.start..e.new.start,
                    value: false,
                };
                out.insert(
                    k + 1,
                    RawSeg {
                        op: SegmentOp::Insert,
                        old: e.old.end..e.old.end,
                        new: e.new,
                        value: false,
                    },
                );
                out = merge_segs(out);
                changed = true;
                break;
            }
            k += 1;
        }
        if !changed {
            return out;
        }
    }
}

/// A number replaced by a number is a value change only if what leads up to
/// it is unchanged: at least 4 equal characters, the start of the paragraph,
/// or a value change just before. `[-公共财政预算收入-]{+全社会固定资产投资+}增长[-5%-]{+10%+}`
/// is two different indicators, not 5% → 10% of one.
fn validate_values(segs: Vec<RawSeg>, old: &[char]) -> Vec<RawSeg> {
    let mut out = segs;
    let mut demoted = false;
    for k in 0..out.len() {
        if !(out[k].value && out[k].op == SegmentOp::Delete) {
            continue;
        }
        let ok = match k.checked_sub(1).map(|p| &out[p]) {
            None => true,
            Some(prev) if prev.op == SegmentOp::Equal => {
                let text = &old[prev.old.clone()];
                let chars = text.iter().filter(|c| !tokens::is_space(**c)).count();
                // After another value change (`分别增长[-6.5%-]{+7%+}、[-9.4%-]{+8%+}`)
                // the context is that one's.
                let after_value = k >= 2 && out[k - 2].value;
                chars >= 4 || k == 1 || after_value
            }
            Some(prev) => prev.value,
        };
        if !ok {
            out[k].value = false;
            if let Some(next) = out.get_mut(k + 1) {
                if next.value && next.op == SegmentOp::Insert {
                    next.value = false;
                }
            }
            demoted = true;
        }
    }
    if demoted {
        merge_segs(out)
    } else {
        out
    }
}

/// Non-space characters of a range: what similarity counts.
fn count_chars(cs: &[char], r: &std::ops::Range<usize>) -> usize {
    cs[r.clone()]
        .iter()
        .filter(|c| !tokens::is_space(**c))
        .count()
}

/// Merge neighbouring segments of the same kind (value changes stay apart),
/// and put the deletes of a change run before its inserts.
fn merge_segs(segs: Vec<RawSeg>) -> Vec<RawSeg> {
    let mut out: Vec<RawSeg> = Vec::with_capacity(segs.len());
    let mut run: Vec<RawSeg> = Vec::new();
    let flush = |out: &mut Vec<RawSeg>, run: &mut Vec<RawSeg>| {
        // A run with value changes keeps its order so each number's delete
        // stays next to its insert.
        if run.iter().any(|s| s.value) {
            for s in run.drain(..) {
                push_merged(out, s);
            }
            return;
        }
        let dels: Vec<RawSeg> = run
            .iter()
            .filter(|s| s.op == SegmentOp::Delete)
            .cloned()
            .collect();
        let ins: Vec<RawSeg> = run
            .iter()
            .filter(|s| s.op == SegmentOp::Insert)
            .cloned()
            .collect();
        run.clear();
        for s in dels.into_iter().chain(ins) {
            push_merged(out, s);
        }
    };
    for s in segs {
        if s.op == SegmentOp::Equal {
            flush(&mut out, &mut run);
            push_merged(&mut out, s);
        } else {
            run.push(s);
        }
    }
    flush(&mut out, &mut run);
    out
}

fn push_merged(out: &mut Vec<RawSeg>, s: RawSeg) {
    if s.old.is_empty() && s.new.is_empty() {
        return;
    }
    if let Some(last) = out.last_mut() {
        if last.op == s.op && !last.value && !s.value {
            last.old.end = last.old.end.max(s.old.end);
            last.new.end = last.new.end.max(s.new.end);
            return;
        }
    }
    out.push(s);
}

/// Stretch segments so that each side's segments cover its paragraph without
/// gaps: skipped whitespace goes to the segment after it, trailing whitespace
/// to the last. On the side a segment does not touch, its range is the
/// position it sits at.
fn tile(segs: &[RawSeg], la: usize, lb: usize) -> Vec<RawSeg> {
    fn old_range(s: &mut RawSeg) -> &mut std::ops::Range<usize> {
        &mut s.old
    }
    fn new_range(s: &mut RawSeg) -> &mut std::ops::Range<usize> {
        &mut s.new
    }
    let mut out = segs.to_vec();
    tile_side(&mut out, la, SegmentOp::Insert, old_range);
    tile_side(&mut out, lb, SegmentOp::Delete, new_range);
    out
}

fn tile_side(
    segs: &mut [RawSeg],
    len: usize,
    other: SegmentOp,
    range: fn(&mut RawSeg) -> &mut std::ops::Range<usize>,
) {
    let mut cursor = 0;
    let mut last = None;
    for (k, s) in segs.iter_mut().enumerate() {
        let used = s.op != other;
        let r = range(s);
        if !used {
            *r = cursor..cursor;
            continue;
        }
        r.start = cursor;
        r.end = r.end.max(cursor);
        cursor = r.end;
        last = Some(k);
    }
    if let Some(k) = last {
        range(&mut segs[k]).end = len;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_deserialise_from_a_partial_object() {
        let o: Options = serde_json::from_str(r#"{"fold": false}"#).unwrap();
        assert_eq!(
            o,
            Options {
                fold: false,
                ..Options::default()
            }
        );
    }
}

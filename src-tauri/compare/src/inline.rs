//! The wording diff of one matched paragraph pair.
//!
//! Phrase tokens (see `tokens`) are diffed with `similar`; each replaced run is
//! then split at number pairs (a number replaced by a number in the same place
//! is a value change) and the text between is refined character by character,
//! keeping only common runs long enough to read as words (a semantic cleanup in
//! the manner of diff-match-patch), so highlights are phrases, not confetti.
//!
//! Everything here works in paragraph-local character offsets; `lib.rs` turns
//! them into document offsets and text.

use std::ops::Range;
use std::time::{Duration, Instant};

use similar::{capture_diff_slices_deadline, Algorithm, DiffOp};

use crate::model::{Granularity, SegmentOp};
use crate::prepare::Interner;
use crate::tokens::{self, is_sentence_end, is_space, Kind, Token};

/// The phrase-level algorithm. Histogram was tried: no faster on the corpus
/// pairs and no more readable, so the library's default stays.
const TOKEN_ALGORITHM: Algorithm = Algorithm::Myers;

/// Below this many elements on both sides a diff is cheap whatever the input,
/// so it runs without a deadline: `similar` reads the clock in its inner
/// loop, which costs more than the diff itself on small inputs. The
/// comparison's overall budget is still checked between pairs.
const NO_DEADLINE_BELOW: usize = 2000;

fn deadline_for(a: usize, b: usize, deadline: Instant) -> Option<Instant> {
    (a.max(b) >= NO_DEADLINE_BELOW).then_some(deadline)
}

/// Runs longer than this (both sides) are refined only if they share at
/// least `REFINE_MIN_OVERLAP` of their element pairs.
const REFINE_CHECK_ABOVE: usize = 60;
const REFINE_MIN_OVERLAP: f64 = 0.15;

/// Dice coefficient of the distinct adjacent pairs of two element runs.
fn pair_overlap(a: &[u32], b: &[u32]) -> f64 {
    let pairs = |v: &[u32]| {
        let mut p: Vec<u64> = v
            .windows(2)
            .map(|w| ((w[0] as u64) << 32) | w[1] as u64)
            .collect();
        p.sort_unstable();
        p.dedup();
        p
    };
    crate::prepare::dice(&pairs(a), &pairs(b))
}

/// A replaced run larger than this (in elements, either side) is not refined
/// to characters: the refinement would be slow and unreadable anyway.
const REFINE_MAX: usize = 4000;

/// `oa` replaced by `ob`: a Delete and an Insert, each only if not empty.
fn push_replace(out: &mut Vec<RawSeg>, oa: Range<usize>, ob: Range<usize>) {
    if !oa.is_empty() {
        out.push(RawSeg {
            op: SegmentOp::Delete,
            old: oa.clone(),
            new: ob.start..ob.start,
            value: false,
        });
    }
    if !ob.is_empty() {
        out.push(RawSeg {
            op: SegmentOp::Insert,
            old: oa.end..oa.end,
            new: ob,
            value: false,
        });
    }
}

/// A segment in paragraph-local character offsets, before tiling.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RawSeg {
    pub op: SegmentOp,
    pub old: Range<usize>,
    pub new: Range<usize>,
    /// Both sides of a value change: a Delete of the old number directly
    /// followed by an Insert of the new one, both flagged.
    pub value: bool,
}

pub(crate) struct PairDiff {
    pub segs: Vec<RawSeg>,
    pub granularity: Granularity,
}

/// The two paragraphs of a pair, as compare characters.
pub(crate) struct PairInput<'a> {
    pub old: &'a [char],
    pub new: &'a [char],
    pub ignore_whitespace: bool,
}

struct Toks {
    toks: Vec<Token>,
    keys: Vec<u32>,
}

fn tokens_of(chars: &[char], ignore_ws: bool, interner: &mut Interner) -> Toks {
    let toks: Vec<Token> = tokens::tokenize(chars)
        .into_iter()
        .filter(|t| !(ignore_ws && t.kind == Kind::Space))
        .collect();
    let keys = toks
        .iter()
        .map(|t| interner.intern(&chars[t.start as usize..t.end as usize]))
        .collect();
    Toks { toks, keys }
}

/// Characters (whitespace aside) the two paragraphs could have in common as
/// whole phrase tokens, in any order: an upper bound, cheap to compute, on
/// what the phrase diff will find before refinement.
pub(crate) fn token_overlap(input: &PairInput, interner: &mut Interner) -> usize {
    let a = tokens_of(input.old, true, interner);
    let b = tokens_of(input.new, true, interner);
    let mut counts: crate::prepare::FxMap<u32, (u32, u32)> = Default::default();
    for (k, t) in a.keys.iter().zip(&a.toks) {
        let e = counts.entry(*k).or_insert((0, t.end - t.start));
        e.0 += 1;
    }
    let mut common = 0usize;
    for k in &b.keys {
        if let Some(e) = counts.get_mut(k) {
            if e.0 > 0 {
                e.0 -= 1;
                common += e.1 as usize;
            }
        }
    }
    common
}

/// Diff one pair. `deadline` bounds the phrase diff; `hard` is the end of
/// the whole comparison's budget, after which only the paragraph-level
/// fallback runs.
pub(crate) fn diff_pair(
    input: &PairInput,
    interner: &mut Interner,
    deadline: Instant,
    hard: Instant,
) -> PairDiff {
    if Instant::now() < hard {
        let a = tokens_of(input.old, input.ignore_whitespace, interner);
        let b = tokens_of(input.new, input.ignore_whitespace, interner);
        if let Some(segs) = phrase_diff(input, &a, &b, deadline) {
            return PairDiff {
                segs,
                granularity: Granularity::Phrase,
            };
        }
        // The sentence diff gets a short budget of its own, still inside the hard end.
        let short = (Instant::now() + Duration::from_millis(50)).min(hard);
        if let Some(segs) = sentence_diff(input, interner, short) {
            return PairDiff {
                segs,
                granularity: Granularity::Sentence,
            };
        }
    }
    PairDiff {
        segs: vec![
            RawSeg {
                op: SegmentOp::Delete,
                old: 0..input.old.len(),
                new: 0..0,
                value: false,
            },
            RawSeg {
                op: SegmentOp::Insert,
                old: input.old.len()..input.old.len(),
                new: 0..input.new.len(),
                value: false,
            },
        ],
        granularity: Granularity::Paragraph,
    }
}

/// `None` when the deadline passed (the output of `similar` past its
/// deadline is valid but arbitrary, so it is not shown).
fn phrase_diff(input: &PairInput, a: &Toks, b: &Toks, deadline: Instant) -> Option<Vec<RawSeg>> {
    let ops = capture_diff_slices_deadline(
        TOKEN_ALGORITHM,
        &a.keys,
        &b.keys,
        deadline_for(a.keys.len(), b.keys.len(), deadline),
    );
    if Instant::now() > deadline {
        return None;
    }
    let mut out = Vec::new();
    let span = |t: &Toks, r: Range<usize>| -> Range<usize> {
        if r.is_empty() {
            let at = t.toks.get(r.start).map_or_else(
                || t.toks.last().map_or(0, |x| x.end as usize),
                |x| x.start as usize,
            );
            at..at
        } else {
            t.toks[r.start].start as usize..t.toks[r.end - 1].end as usize
        }
    };
    for op in ops {
        let (ra, rb) = (op.old_range(), op.new_range());
        match op {
            DiffOp::Equal { .. } => out.push(RawSeg {
                op: SegmentOp::Equal,
                old: span(a, ra),
                new: span(b, rb),
                value: false,
            }),
            DiffOp::Delete { .. } => out.push(RawSeg {
                op: SegmentOp::Delete,
                old: span(a, ra),
                new: span(b, rb.start..rb.start),
                value: false,
            }),
            DiffOp::Insert { .. } => out.push(RawSeg {
                op: SegmentOp::Insert,
                old: span(a, ra.start..ra.start),
                new: span(b, rb),
                value: false,
            }),
            DiffOp::Replace { .. } => {
                refine_replace(input, a, b, ra, rb, deadline, &mut out);
                if Instant::now() > deadline {
                    return None;
                }
            }
        }
    }
    Some(out)
}

/// The unit a number is compared on for pairing: its unit without magnitude,
/// so `3000亿元` and `1.2万亿元` still pair as money.
fn base_unit(chars: &[char], t: &Token) -> String {
    let info = tokens::number_info(&chars[t.start as usize..t.end as usize]);
    info.unit
        .trim_start_matches(['万', '亿', '千', '百'])
        .to_string()
}

/// Split a replaced token run at number pairs, then refine the text between.
fn refine_replace(
    input: &PairInput,
    a: &Toks,
    b: &Toks,
    ra: Range<usize>,
    rb: Range<usize>,
    deadline: Instant,
    out: &mut Vec<RawSeg>,
) {
    let mut anchors: Vec<(usize, usize)> = Vec::new();
    let is_num = |t: &Toks, i: usize| t.toks[i].kind == Kind::Number;
    if ra.len() == 1 && rb.len() == 1 && is_num(a, ra.start) && is_num(b, rb.start) {
        // One number replaced by one number between equal context.
        anchors.push((ra.start, rb.start));
    } else {
        // In a longer rewrite a number pairs with a number only when the two
        // characters before each are the same and the units agree
        // (全年经济增长6.5% → 预期经济增长6%): pairing any two numbers would
        // invent value changes.
        let num_keys =
            |t: &Toks, chars: &[char], r: Range<usize>| -> Vec<(usize, (Vec<char>, String))> {
                r.filter(|&i| is_num(t, i))
                    .map(|i| {
                        let tok = &t.toks[i];
                        let before: Vec<char> = chars[..tok.start as usize]
                            .iter()
                            .rev()
                            .filter(|c| !is_space(**c))
                            .take(2)
                            .copied()
                            .collect();
                        (i, (before, base_unit(chars, tok)))
                    })
                    .collect()
            };
        let na = num_keys(a, input.old, ra.clone());
        let nb = num_keys(b, input.new, rb.clone());
        if !na.is_empty() && !nb.is_empty() {
            let ka: Vec<&(Vec<char>, String)> = na.iter().map(|x| &x.1).collect();
            let kb: Vec<&(Vec<char>, String)> = nb.iter().map(|x| &x.1).collect();
            for op in capture_diff_slices_deadline(
                Algorithm::Myers,
                &ka,
                &kb,
                deadline_for(ka.len(), kb.len(), deadline),
            ) {
                if let DiffOp::Equal {
                    old_index,
                    new_index,
                    len,
                } = op
                {
                    for k in 0..len {
                        anchors.push((na[old_index + k].0, nb[new_index + k].0));
                    }
                }
            }
        }
    }
    let (mut ia, mut ib) = (ra.start, rb.start);
    for (x, y) in anchors {
        refine_text(input, a, b, ia..x, ib..y, deadline, out);
        let (ta, tb) = (a.toks[x], b.toks[y]);
        let (oa, ob) = (
            ta.start as usize..ta.end as usize,
            tb.start as usize..tb.end as usize,
        );
        if a.keys[x] == b.keys[y] {
            out.push(RawSeg {
                op: SegmentOp::Equal,
                old: oa,
                new: ob,
                value: false,
            });
        } else {
            out.push(RawSeg {
                op: SegmentOp::Delete,
                old: oa.clone(),
                new: ob.start..ob.start,
                value: true,
            });
            out.push(RawSeg {
                op: SegmentOp::Insert,
                old: oa.end..oa.end,
                new: ob,
                value: true,
            });
        }
        ia = x + 1;
        ib = y + 1;
    }
    refine_text(input, a, b, ia..ra.end, ib..rb.end, deadline, out);
}

/// Character-level refinement of a replaced run of tokens. Numbers stay
/// atomic: a number that did not pair is replaced whole.
fn refine_text(
    input: &PairInput,
    a: &Toks,
    b: &Toks,
    ra: Range<usize>,
    rb: Range<usize>,
    deadline: Instant,
    out: &mut Vec<RawSeg>,
) {
    if ra.is_empty() && rb.is_empty() {
        return;
    }
    // Elements: (key, char range). Chars are their code point; numbers get
    // their token key with the top bit set, which no code point has.
    let elems = |t: &Toks, chars: &[char], r: Range<usize>| -> Vec<(u32, u32, u32)> {
        let mut v = Vec::new();
        for i in r {
            let tok = t.toks[i];
            if tok.kind == Kind::Number {
                v.push((t.keys[i] | 0x8000_0000, tok.start, tok.end));
            } else {
                for p in tok.start..tok.end {
                    v.push((chars[p as usize] as u32, p, p + 1));
                }
            }
        }
        v
    };
    let ea = elems(a, input.old, ra.clone());
    let eb = elems(b, input.new, rb.clone());
    let at = |t: &Toks, r: &Range<usize>| -> usize {
        t.toks.get(r.start).map_or_else(
            || t.toks.last().map_or(0, |x| x.end as usize),
            |x| x.start as usize,
        )
    };
    let (pa, pb) = (at(a, &ra), at(b, &rb));
    let whole = |out: &mut Vec<RawSeg>| {
        let oa = ea
            .first()
            .map_or(pa..pa, |f| f.1 as usize..ea.last().unwrap().2 as usize);
        let ob = eb
            .first()
            .map_or(pb..pb, |f| f.1 as usize..eb.last().unwrap().2 as usize);
        push_replace(out, oa, ob);
    };
    if ea.is_empty() || eb.is_empty() || ea.len() > REFINE_MAX || eb.len() > REFINE_MAX {
        whole(out);
        return;
    }
    let ka: Vec<u32> = ea.iter().map(|e| e.0).collect();
    let kb: Vec<u32> = eb.iter().map(|e| e.0).collect();
    // Two long runs with little wording in common would cost the most to
    // refine (an LCS diff is slowest on dissimilar input) and the cleanup
    // would fold the scattered matches back into one change anyway.
    if ka.len().min(kb.len()) > REFINE_CHECK_ABOVE && pair_overlap(&ka, &kb) < REFINE_MIN_OVERLAP {
        whole(out);
        return;
    }
    let ops = capture_diff_slices_deadline(
        Algorithm::Myers,
        &ka,
        &kb,
        deadline_for(ka.len(), kb.len(), deadline),
    );
    let weight = |e: &[(u32, u32, u32)], r: Range<usize>| -> usize {
        e[r].iter().map(|x| (x.2 - x.1) as usize).sum()
    };
    let mut pieces: Vec<Piece> = Vec::new();
    for op in ops {
        let (r1, r2) = (op.old_range(), op.new_range());
        let equal = matches!(op, DiffOp::Equal { .. });
        let p = Piece {
            equal,
            a: r1.clone(),
            b: r2.clone(),
            wa: weight(&ea, r1),
            wb: weight(&eb, r2),
        };
        push_piece(&mut pieces, p);
    }
    // Punctuation that both sides keep is structure (clause boundaries):
    // never fold it into a change.
    let has_punct = |p: &Piece| {
        ea[p.a.clone()].iter().any(|e| {
            e.0 & 0x8000_0000 == 0 && char::from_u32(e.0).is_some_and(|c| !tokens::is_word_char(c))
        })
    };
    for p in cleanup(pieces, has_punct) {
        let span = |e: &[(u32, u32, u32)], r: &Range<usize>, at: usize| -> Range<usize> {
            if r.is_empty() {
                let s = e.get(r.start).map_or(at, |x| x.1 as usize);
                s..s
            } else {
                e[r.start].1 as usize..e[r.end - 1].2 as usize
            }
        };
        let end_a = ea.last().unwrap().2 as usize;
        let end_b = eb.last().unwrap().2 as usize;
        let (sa, sb) = (span(&ea, &p.a, end_a), span(&eb, &p.b, end_b));
        if p.equal {
            out.push(RawSeg {
                op: SegmentOp::Equal,
                old: sa,
                new: sb,
                value: false,
            });
            continue;
        }
        if !sa.is_empty() {
            out.push(RawSeg {
                op: SegmentOp::Delete,
                old: sa.clone(),
                new: sb.start..sb.start,
                value: false,
            });
        }
        if !sb.is_empty() {
            out.push(RawSeg {
                op: SegmentOp::Insert,
                old: sa.end..sa.end,
                new: sb,
                value: false,
            });
        }
    }
}

/// A run of elements: equal on both sides, or changed (either side may be empty).
#[derive(Debug, Clone)]
struct Piece {
    equal: bool,
    a: Range<usize>,
    b: Range<usize>,
    /// Characters covered on each side.
    wa: usize,
    wb: usize,
}

fn push_piece(v: &mut Vec<Piece>, p: Piece) {
    if p.a.is_empty() && p.b.is_empty() {
        return;
    }
    if let Some(last) = v.last_mut() {
        if last.equal == p.equal {
            last.a.end = p.a.end;
            last.b.end = p.b.end;
            last.wa += p.wa;
            last.wb += p.wb;
            return;
        }
    }
    v.push(p);
}

/// Semantic cleanup: an equal run between two changes that is no longer than
/// the larger side of the change before it and of the change after it is
/// folded into the change (`[-稳定-]就业{+优先+}` → `[-稳定就业-]{+就业优先+}`).
/// So is any single equal character between changes. Repeats until stable.
/// Equal runs with punctuation stay.
fn cleanup(mut v: Vec<Piece>, has_punct: impl Fn(&Piece) -> bool) -> Vec<Piece> {
    loop {
        let mut changed = false;
        let mut k = 1;
        while k + 1 < v.len() {
            if v[k].equal && !v[k - 1].equal && !v[k + 1].equal && !has_punct(&v[k]) {
                let len = v[k].wa;
                let left = v[k - 1].wa.max(v[k - 1].wb);
                let right = v[k + 1].wa.max(v[k + 1].wb);
                if len <= 1 || (len <= left && len <= right) {
                    let (l, m, r) = (v[k - 1].clone(), v[k].clone(), v[k + 1].clone());
                    let merged = Piece {
                        equal: false,
                        a: l.a.start..r.a.end,
                        b: l.b.start..r.b.end,
                        wa: l.wa + m.wa + r.wa,
                        wb: l.wb + m.wb + r.wb,
                    };
                    v.splice(k - 1..k + 2, std::iter::once(merged));
                    changed = true;
                    continue;
                }
            }
            k += 1;
        }
        if !changed {
            return v;
        }
    }
}

/// Sentence ranges of a paragraph; a `.` between digits is a decimal point.
fn sentences(chars: &[char]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, &c) in chars.iter().enumerate() {
        let decimal = c == '.'
            && i > 0
            && chars[i - 1].is_ascii_digit()
            && chars.get(i + 1).is_some_and(|d| d.is_ascii_digit());
        if is_sentence_end(c) && !decimal {
            out.push(start..i + 1);
            start = i + 1;
        }
    }
    if start < chars.len() {
        out.push(start..chars.len());
    }
    out
}

/// The coarser fallback: whole sentences as the diff's units.
fn sentence_diff(
    input: &PairInput,
    interner: &mut Interner,
    deadline: Instant,
) -> Option<Vec<RawSeg>> {
    let (sa, sb) = (sentences(input.old), sentences(input.new));
    let mut key = |chars: &[char], r: &Range<usize>| -> u32 {
        let s: Vec<char> = chars[r.clone()]
            .iter()
            .copied()
            .filter(|c| !(input.ignore_whitespace && is_space(*c)))
            .collect();
        interner.intern(&s)
    };
    let ka: Vec<u32> = sa.iter().map(|r| key(input.old, r)).collect();
    let kb: Vec<u32> = sb.iter().map(|r| key(input.new, r)).collect();
    let ops = capture_diff_slices_deadline(
        Algorithm::Myers,
        &ka,
        &kb,
        deadline_for(ka.len(), kb.len(), deadline),
    );
    if Instant::now() > deadline {
        return None;
    }
    let span = |s: &[Range<usize>], r: Range<usize>, len: usize| -> Range<usize> {
        if r.is_empty() {
            let at = s.get(r.start).map_or(len, |x| x.start);
            at..at
        } else {
            s[r.start].start..s[r.end - 1].end
        }
    };
    let (la, lb) = (input.old.len(), input.new.len());
    let mut out = Vec::new();
    for op in ops {
        let (oa, ob) = (span(&sa, op.old_range(), la), span(&sb, op.new_range(), lb));
        match op {
            DiffOp::Equal { .. } => out.push(RawSeg {
                op: SegmentOp::Equal,
                old: oa,
                new: ob,
                value: false,
            }),
            _ => push_replace(&mut out, oa, ob),
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(old: &str, new: &str) -> Vec<(SegmentOp, String, String, bool)> {
        let (a, b): (Vec<char>, Vec<char>) = (old.chars().collect(), new.chars().collect());
        let input = PairInput {
            old: &a,
            new: &b,
            ignore_whitespace: true,
        };
        let far = Instant::now() + Duration::from_secs(10);
        let d = diff_pair(&input, &mut Interner::default(), far, far);
        assert_eq!(d.granularity, Granularity::Phrase);
        d.segs
            .into_iter()
            .map(|s| {
                (
                    s.op,
                    a[s.old.clone()].iter().collect(),
                    b[s.new.clone()].iter().collect(),
                    s.value,
                )
            })
            .collect()
    }

    #[test]
    fn a_changed_target_is_a_value_change() {
        let segs = run(
            "国内生产总值增长6.5%左右,城镇新增就业1100万人以上",
            "国内生产总值增长6%左右,城镇新增就业1100万人以上",
        );
        let changed: Vec<_> = segs.iter().filter(|s| s.0 != SegmentOp::Equal).collect();
        assert_eq!(changed.len(), 2);
        assert_eq!((changed[0].1.as_str(), changed[0].3), ("6.5%左右", true));
        assert_eq!((changed[1].2.as_str(), changed[1].3), ("6%左右", true));
    }

    #[test]
    fn refinement_keeps_common_words_and_drops_confetti() {
        let segs = run("深入实施乡村振兴战略。", "全面推进乡村振兴。");
        let eq: Vec<&str> = segs
            .iter()
            .filter(|s| s.0 == SegmentOp::Equal)
            .map(|s| s.1.as_str())
            .collect();
        assert!(eq.contains(&"乡村振兴"), "{segs:?}");
        // 稳定就业 → 就业优先: a lone common word between two changes of its
        // size reads better as one replacement.
        let segs = run("稳定就业。", "就业优先。");
        assert_eq!(segs[0].0, SegmentOp::Delete);
        assert_eq!(segs[0].1, "稳定就业");
        assert_eq!(segs[1].2, "就业优先");
    }

    #[test]
    fn numbers_in_unrelated_rewrites_are_not_paired() {
        let segs = run("粮食产量达到1.3万亿斤。", "新建高标准农田8000万亩。");
        assert!(segs.iter().all(|s| !s.3), "{segs:?}");
    }

    #[test]
    fn numbers_pair_by_preceding_word_in_longer_rewrites() {
        let segs = run("全年经济增长6.5%,物价稳定。", "预期经济增长6%,就业优先。");
        let vals: Vec<_> = segs.iter().filter(|s| s.3).collect();
        assert_eq!(vals.len(), 2, "{segs:?}");
        assert_eq!(vals[0].1, "6.5%");
        assert_eq!(vals[1].2, "6%");
    }

    #[test]
    fn sentences_do_not_split_decimals() {
        let c: Vec<char> = "增长6.5%。物价稳定.".chars().collect();
        assert_eq!(sentences(&c), vec![0..7, 7..12]);
    }
}

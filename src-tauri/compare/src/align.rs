//! Alignment: which section of the old report is which section of the new,
//! and which paragraph is which paragraph, before any wording is diffed.
//!
//! 1. Candidates: for every old paragraph, the new paragraphs that share rare
//!    character bigrams with it, scored by the Dice coefficient of their
//!    bigram sets (an inverted index keeps this near linear).
//! 2. Sections: scored by heading (ordinal and years stripped) and content,
//!    matched greedily one to one.
//! 3. Paragraphs inside each matched section pair: the heaviest monotone chain
//!    of candidate pairs (weight = similarity × length).
//! 4. Leftovers anywhere in the report with a strong candidate are paired too.
//! 5. Every pair outside the heaviest monotone chain over all pairs is *moved*.

use crate::prepare::{dice, FxMap, Side};

/// Below this a pair of paragraphs is not considered the same paragraph.
/// Low, because consecutive reports rewrite heavily; the monotone chain
/// inside matched sections and the check after diffing (`KEEP_MIN` in
/// lib.rs) keep weak pairs honest.
const ALIGN_MIN: f64 = 0.2;
/// A paragraph paired outside its matched section pair must be this similar.
pub(crate) const MOVE_MIN: f64 = 0.5;
/// Below this two sections are not matched.
const SECTION_MIN: f64 = 0.25;
/// Candidates scored exactly per old paragraph.
const TOP_K: usize = 8;

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Pair {
    pub a: usize,
    pub b: usize,
    pub sim: f64,
    /// Outside the heaviest monotone chain: shown as moved.
    pub moved: bool,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct GroupPair {
    pub a: usize,
    pub b: usize,
    pub sim: f64,
    pub moved: bool,
}

pub(crate) struct Alignment {
    /// Paragraph pairs, indices into `Side::paras`.
    pub pairs: Vec<Pair>,
    /// Matched section groups, indices into `Side::groups`.
    pub groups: Vec<GroupPair>,
}

/// Per old paragraph: `(new paragraph, similarity)` with similarity ≥ ALIGN_MIN,
/// best first.
fn candidates(a: &Side, b: &Side) -> Vec<Vec<(usize, f64)>> {
    let nb = b.paras.len();
    let mut by_key: FxMap<u32, Vec<usize>> = FxMap::default();
    let mut postings: FxMap<u64, Vec<u32>> = FxMap::default();
    for (j, p) in b.paras.iter().enumerate() {
        by_key.entry(p.key).or_default().push(j);
        for &g in &p.bigrams {
            postings.entry(g).or_default().push(j as u32);
        }
    }
    // Bigrams in many paragraphs (发展, 推进) say little about which paragraph
    // is which and would make candidate search quadratic; the exact score
    // below still counts them.
    let cap = (nb / 4).max(8);
    let mut counts = vec![0u32; nb];
    let mut touched: Vec<usize> = Vec::new();
    let na = a.paras.len();
    let mut out = Vec::with_capacity(na);
    for (i, p) in a.paras.iter().enumerate() {
        for &g in &p.bigrams {
            if let Some(list) = postings.get(&g) {
                if list.len() > cap {
                    continue;
                }
                for &j in list {
                    let j = j as usize;
                    if counts[j] == 0 {
                        touched.push(j);
                    }
                    counts[j] += 1;
                }
            }
        }
        touched.sort_unstable_by(|x, y| counts[*y].cmp(&counts[*x]).then(x.cmp(y)));
        let mut cands: Vec<(usize, f64)> = touched
            .iter()
            .take(TOP_K)
            .map(|&j| (j, dice(&p.bigrams, &b.paras[j].bigrams)))
            .collect();
        // A paragraph of only common bigrams has no rare ones to be found
        // by: try the paragraphs at the same relative place.
        if cands.is_empty() && nb > 0 {
            let j0 = i * nb / na;
            for j in j0.saturating_sub(1)..(j0 + 2).min(nb) {
                if !cands.iter().any(|c| c.0 == j) {
                    cands.push((j, dice(&p.bigrams, &b.paras[j].bigrams)));
                }
            }
        }
        for &j in by_key.get(&p.key).map(Vec::as_slice).unwrap_or(&[]) {
            match cands.iter_mut().find(|c| c.0 == j) {
                Some(c) => c.1 = 1.0,
                None => cands.push((j, 1.0)),
            }
        }
        for &j in &touched {
            counts[j] = 0;
        }
        touched.clear();
        // Equal keys beat a merely identical bigram set (word order changed).
        for c in cands.iter_mut() {
            if c.1 >= 1.0 && b.paras[c.0].key != p.key {
                c.1 = 0.999;
            }
        }
        cands.retain(|c| c.1 >= ALIGN_MIN);
        cands.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
        out.push(cands);
    }
    out
}

/// Heaviest chain of items strictly increasing in both `a` and `b`; returns
/// the indices of the chosen items. O(n log n) with a Fenwick tree of maxima.
fn heaviest_chain(items: &[(usize, usize, f64)], nb: usize) -> Vec<usize> {
    let mut order: Vec<usize> = (0..items.len()).collect();
    // Same `a`: larger `b` first, so two items with one `a` never chain.
    order.sort_by(|&x, &y| {
        items[x]
            .0
            .cmp(&items[y].0)
            .then(items[y].1.cmp(&items[x].1))
    });
    let mut tree: Vec<(f64, usize)> = vec![(0.0, usize::MAX); nb + 1];
    let mut prev = vec![usize::MAX; items.len()];
    let mut best = (0.0, usize::MAX);
    for &k in &order {
        let (_, b, w) = items[k];
        // Best chain ending at a `b` strictly below this one.
        let mut q = (0.0, usize::MAX);
        let mut i = b;
        while i > 0 {
            if tree[i].0 > q.0 {
                q = tree[i];
            }
            i &= i - 1;
        }
        let total = q.0 + w;
        prev[k] = q.1;
        if total > best.0 {
            best = (total, k);
        }
        let mut i = b + 1;
        while i <= nb {
            if total > tree[i].0 {
                tree[i] = (total, k);
            }
            i += i & i.wrapping_neg();
        }
    }
    let mut chain = Vec::new();
    let mut k = best.1;
    while k != usize::MAX {
        chain.push(k);
        k = prev[k];
    }
    chain.reverse();
    chain
}

/// Section groups: heading similarity and content similarity (bigram sets of
/// the whole section, and how much of each side has a candidate paragraph in
/// the other), matched greedily, best first.
fn match_groups(a: &Side, b: &Side, cands: &[Vec<(usize, f64)>]) -> Vec<GroupPair> {
    let (na, nb) = (a.groups.len(), b.groups.len());
    // Paragraph evidence: best candidate weight per (old group, new group).
    let mut para_score = vec![0.0f64; na * nb];
    let mut best_b: FxMap<(usize, usize), f64> = FxMap::default();
    for (i, cs) in cands.iter().enumerate() {
        let pa = &a.paras[i];
        let mut best_per_group: FxMap<usize, f64> = FxMap::default();
        for &(j, sim) in cs {
            let g = b.paras[j].group;
            let e = best_per_group.entry(g).or_insert(0.0);
            *e = e.max(sim);
            let e = best_b.entry((j, pa.group)).or_insert(0.0);
            *e = e.max(sim);
        }
        for (g, sim) in best_per_group {
            para_score[pa.group * nb + g] += sim * pa.weight as f64;
        }
    }
    for ((j, ga), sim) in best_b {
        para_score[ga * nb + b.paras[j].group] += sim * b.paras[j].weight as f64;
    }
    let mut scored = Vec::new();
    for (i, ga) in a.groups.iter().enumerate() {
        for (j, gb) in b.groups.iter().enumerate() {
            let total = (ga.weight + gb.weight).max(1) as f64;
            let content =
                0.5 * dice(&ga.bigrams, &gb.bigrams) + 0.5 * para_score[i * nb + j] / total;
            let sim = match (ga.preamble, gb.preamble) {
                (true, true) => 0.3 + 0.7 * content,
                (false, false) => {
                    0.3 * dice(&ga.heading_bigrams, &gb.heading_bigrams) + 0.7 * content
                }
                _ => 0.7 * content,
            };
            if sim >= SECTION_MIN {
                scored.push((i, j, sim));
            }
        }
    }
    scored.sort_by(|x, y| y.2.total_cmp(&x.2).then((x.0, x.1).cmp(&(y.0, y.1))));
    let (mut used_a, mut used_b) = (vec![false; na], vec![false; nb]);
    let mut out = Vec::new();
    for (i, j, sim) in scored {
        if !used_a[i] && !used_b[j] {
            used_a[i] = true;
            used_b[j] = true;
            out.push(GroupPair {
                a: i,
                b: j,
                sim,
                moved: false,
            });
        }
    }
    let items: Vec<(usize, usize, f64)> = out.iter().map(|g| (g.a, g.b, g.sim)).collect();
    let chain = heaviest_chain(&items, nb);
    for (k, g) in out.iter_mut().enumerate() {
        g.moved = !chain.contains(&k);
    }
    out.sort_by_key(|g| g.b);
    out
}

/// What stays in place is the heaviest monotone chain of all pairs; every
/// other pair is moved. Leaves the pairs sorted by new paragraph.
pub(crate) fn mark_moved(pairs: &mut [Pair], a: &Side, b: &Side) {
    let items: Vec<(usize, usize, f64)> = pairs
        .iter()
        .map(|p| {
            let w = (a.paras[p.a].weight + b.paras[p.b].weight) as f64 / 2.0;
            (p.a, p.b, p.sim * w + 1e-9)
        })
        .collect();
    let mut in_chain = vec![false; pairs.len()];
    for k in heaviest_chain(&items, b.paras.len()) {
        in_chain[k] = true;
    }
    for (p, keep) in pairs.iter_mut().zip(in_chain) {
        p.moved = !keep;
    }
    pairs.sort_by_key(|p| p.b);
}

pub(crate) fn align(a: &Side, b: &Side) -> Alignment {
    let cands = candidates(a, b);
    let groups = match_groups(a, b, &cands);
    let mut group_partner = vec![usize::MAX; a.groups.len()];
    for g in &groups {
        group_partner[g.a] = g.b;
    }

    // Paragraphs within matched section pairs, in order.
    let mut pairs: Vec<Pair> = Vec::new();
    let mut items_by_group: Vec<Vec<(usize, usize, f64)>> = vec![Vec::new(); a.groups.len()];
    for (i, cs) in cands.iter().enumerate() {
        let ga = a.paras[i].group;
        for &(j, sim) in cs {
            if b.paras[j].group == group_partner[ga] {
                let w = sim * (a.paras[i].weight + b.paras[j].weight) as f64 / 2.0;
                items_by_group[ga].push((i, j, w.max(1e-9)));
            }
        }
    }
    let sim_of = |i: usize, j: usize| cands[i].iter().find(|c| c.0 == j).map_or(0.0, |c| c.1);
    for items in &items_by_group {
        for k in heaviest_chain(items, b.paras.len()) {
            let (i, j, _) = items[k];
            pairs.push(Pair {
                a: i,
                b: j,
                sim: sim_of(i, j),
                moved: false,
            });
        }
    }

    // Strong pairs among the leftovers, wherever they are.
    let mut used_a = vec![false; a.paras.len()];
    let mut used_b = vec![false; b.paras.len()];
    for p in &pairs {
        used_a[p.a] = true;
        used_b[p.b] = true;
    }
    let mut rest: Vec<(usize, usize, f64)> = Vec::new();
    for (i, cs) in cands.iter().enumerate() {
        if used_a[i] {
            continue;
        }
        for &(j, sim) in cs {
            if !used_b[j] && sim >= MOVE_MIN {
                rest.push((i, j, sim));
            }
        }
    }
    rest.sort_by(|x, y| y.2.total_cmp(&x.2).then((x.0, x.1).cmp(&(y.0, y.1))));
    for (i, j, sim) in rest {
        if !used_a[i] && !used_b[j] {
            used_a[i] = true;
            used_b[j] = true;
            pairs.push(Pair {
                a: i,
                b: j,
                sim,
                moved: false,
            });
        }
    }

    mark_moved(&mut pairs, a, b);
    Alignment { pairs, groups }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heaviest_chain_prefers_weight_over_count() {
        // (0,2) heavy crosses (1,0) and (2,1) light.
        let items = [(0, 2, 10.0), (1, 0, 1.0), (2, 1, 1.0)];
        assert_eq!(heaviest_chain(&items, 3), vec![0]);
        let items = [(0, 2, 1.0), (1, 0, 1.0), (2, 1, 1.0)];
        assert_eq!(heaviest_chain(&items, 3), vec![1, 2]);
    }

    #[test]
    fn heaviest_chain_never_uses_one_side_twice() {
        let items = [(0, 0, 1.0), (0, 1, 1.0), (1, 1, 1.0)];
        let chain = heaviest_chain(&items, 2);
        assert_eq!(chain, vec![0, 2]);
    }
}

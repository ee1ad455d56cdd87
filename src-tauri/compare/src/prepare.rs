//! One side of the comparison, ready to align: the compare text as chars,
//! the non-blank paragraphs with their keys and bigram sets, and the section
//! groups they belong to.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use gwr_load::Document;

use crate::model::Options;
use crate::tokens::{is_space, is_word_char};

/// FxHash: the diff interns tens of thousands of short keys per comparison,
/// and SipHash's DoS resistance buys nothing for local text.
#[derive(Default, Clone, Copy)]
pub(crate) struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(b as u64);
        }
    }
    fn write_u32(&mut self, n: u32) {
        self.write_u64(n as u64);
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

pub(crate) type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// Maps equal char sequences to equal small integers, shared by both sides so
/// that keys compare across documents. Exact: no hash collisions can make two
/// different texts look equal.
#[derive(Default)]
pub(crate) struct Interner {
    map: FxMap<Vec<char>, u32>,
}

impl Interner {
    pub fn intern(&mut self, s: &[char]) -> u32 {
        if let Some(&k) = self.map.get(s) {
            return k;
        }
        let k = self.map.len() as u32;
        self.map.insert(s.to_vec(), k);
        k
    }
}

pub(crate) struct Para {
    /// Index into `Document::paragraphs`.
    pub index: usize,
    /// Character range in the document.
    pub start: usize,
    pub end: usize,
    /// Index into `Side::groups`.
    pub group: usize,
    /// Interned compare text (whitespace removed when ignored): equal keys
    /// mean the paragraphs are the same for this comparison.
    pub key: u32,
    /// Sorted, distinct character bigrams of the content characters.
    pub bigrams: Vec<u64>,
    /// Characters that count (whitespace aside).
    pub weight: usize,
}

/// A section of the document, or the preamble before the first heading.
pub(crate) struct Group {
    pub section: Option<usize>,
    /// Before the first heading (no section, or the loader's preamble section).
    pub preamble: bool,
    pub heading: String,
    pub start: usize,
    pub end: usize,
    /// Indices into `Side::paras`.
    pub paras: Vec<usize>,
    pub heading_bigrams: Vec<u64>,
    pub bigrams: Vec<u64>,
    pub weight: usize,
}

pub(crate) struct Side<'a> {
    pub doc: &'a Document,
    /// The text compared: folded or as displayed, one entry per character.
    pub chars: Vec<char>,
    /// Byte offset in `doc.text` of each character, plus the end.
    text_bytes: Vec<usize>,
    pub paras: Vec<Para>,
    pub groups: Vec<Group>,
}

impl<'a> Side<'a> {
    pub fn new(doc: &'a Document, opts: &Options, interner: &mut Interner) -> Side<'a> {
        let mut text_bytes: Vec<usize> = doc.text.char_indices().map(|(b, _)| b).collect();
        text_bytes.push(doc.text.len());
        let n = text_bytes.len() - 1;
        let mut chars: Vec<char> = if opts.fold {
            doc.match_text.chars().collect()
        } else {
            doc.text.chars().collect()
        };
        // match_text has as many characters as text by contract; should a
        // loader bug break that, compare on the display text rather than
        // report offsets that point at the wrong characters.
        if chars.len() != n {
            chars = doc.text.chars().collect();
        }

        let ranges = paragraph_ranges(doc, n);
        let mut groups: Vec<Group> = Vec::new();
        let mut group_of_section: FxMap<Option<usize>, usize> = FxMap::default();
        let mut paras = Vec::with_capacity(ranges.len());
        let mut buf: Vec<char> = Vec::new();
        for (index, start, end, section) in ranges {
            let section = section.filter(|&s| s < doc.sections.len());
            buf.clear();
            buf.extend(
                chars[start..end]
                    .iter()
                    .copied()
                    .filter(|c| !(opts.ignore_whitespace && is_space(*c))),
            );
            if buf.iter().all(|c| is_space(*c)) {
                continue;
            }
            let key = interner.intern(&buf);
            let weight = buf.iter().filter(|c| !is_space(**c)).count();
            let bigrams = bigram_set(&chars[start..end]);
            let g = *group_of_section.entry(section).or_insert_with(|| {
                let (heading, gs, ge) = match section {
                    Some(s) => {
                        let sec = &doc.sections[s];
                        (sec.heading.clone(), sec.start, sec.end)
                    }
                    None => (String::new(), start, end),
                };
                let preamble =
                    section.is_none_or(|s| doc.sections[s].part == gwr_load::Part::Preamble);
                let hchars: Vec<char> = if preamble {
                    Vec::new()
                } else if opts.fold {
                    heading_key(&heading, doc, section)
                } else {
                    heading.chars().collect()
                };
                groups.push(Group {
                    section,
                    preamble,
                    heading,
                    start: gs,
                    end: ge,
                    paras: Vec::new(),
                    heading_bigrams: bigram_set(&strip_ordinal(&hchars)),
                    bigrams: Vec::new(),
                    weight: 0,
                });
                groups.len() - 1
            });
            let grp = &mut groups[g];
            grp.paras.push(paras.len());
            grp.weight += weight;
            if section.is_none() {
                grp.end = grp.end.max(end);
            }
            paras.push(Para {
                index,
                start,
                end,
                group: g,
                key,
                bigrams,
                weight,
            });
        }
        for g in &mut groups {
            let mut all: Vec<u64> = g
                .paras
                .iter()
                .flat_map(|&p| paras[p].bigrams.iter().copied())
                .collect();
            all.sort_unstable();
            all.dedup();
            g.bigrams = all;
        }
        Side {
            doc,
            chars,
            text_bytes,
            paras,
            groups,
        }
    }

    /// Distinct bigrams of the whole report.
    pub fn all_bigrams(&self) -> Vec<u64> {
        let mut all: Vec<u64> = self
            .groups
            .iter()
            .flat_map(|g| g.bigrams.iter().copied())
            .collect();
        all.sort_unstable();
        all.dedup();
        all
    }

    /// Display text of a character range.
    pub fn text(&self, start: usize, end: usize) -> &str {
        let n = self.text_bytes.len() - 1;
        let (s, e) = (start.min(n), end.min(n));
        &self.doc.text[self.text_bytes[s]..self.text_bytes[e.max(s)]]
    }
}

/// Paragraph ranges `(index, start, end, section)`; falls back to lines when
/// the loader produced no paragraphs for a non-empty text.
fn paragraph_ranges(doc: &Document, n: usize) -> Vec<(usize, usize, usize, Option<usize>)> {
    if !doc.paragraphs.is_empty() {
        return doc
            .paragraphs
            .iter()
            .enumerate()
            .map(|(i, p)| {
                (
                    i,
                    p.start.min(n),
                    p.end.min(n).max(p.start.min(n)),
                    p.section,
                )
            })
            .collect();
    }
    let mut out = Vec::new();
    let mut pos = 0;
    for (i, line) in doc.text.split('\n').enumerate() {
        let len = line.chars().count();
        out.push((i, pos, pos + len, None));
        pos += len + 1;
    }
    out
}

/// The heading in its folded form: the section heading is display text, so
/// take the folded characters at the same place when the heading starts the
/// section, and fall back to the heading as written.
fn heading_key(heading: &str, doc: &Document, section: Option<usize>) -> Vec<char> {
    if let Some(s) = section {
        let sec = &doc.sections[s];
        let len = heading.chars().count();
        let shown = doc.slice(sec.start, sec.start + len);
        if shown == heading {
            return doc
                .match_slice(sec.start, sec.start + len)
                .chars()
                .collect();
        }
    }
    heading.chars().collect()
}

/// `一、2023年工作回顾` → `年工作回顾`: the ordinal and the years change from
/// report to report and say nothing about which sections correspond.
fn strip_ordinal(h: &[char]) -> Vec<char> {
    let body: &[char] = match h.iter().position(|c| matches!(c, '、' | ')' | '）' | '.')) {
        Some(p) if p <= 4 => &h[p + 1..],
        _ => h,
    };
    body.iter()
        .copied()
        .filter(|c| !c.is_ascii_digit() && !is_space(*c))
        .collect()
}

/// Sorted distinct bigrams over content characters (punctuation and spaces
/// skipped), the similarity signal for aligning paragraphs and sections. A
/// single content character makes a one-character "bigram" so that very short
/// paragraphs can still match.
pub(crate) fn bigram_set(chars: &[char]) -> Vec<u64> {
    let mut prev: Option<char> = None;
    let mut out = Vec::with_capacity(chars.len());
    for &c in chars {
        if !is_word_char(c) {
            continue;
        }
        if let Some(p) = prev {
            out.push(((p as u64) << 32) | c as u64);
        }
        prev = Some(c);
    }
    if out.is_empty() {
        if let Some(p) = prev {
            out.push((p as u64) << 32);
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// Dice coefficient of two sorted distinct sets.
pub(crate) fn dice(a: &[u64], b: &[u64]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    2.0 * common as f64 / (a.len() + b.len()) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinals_and_years_do_not_count_in_headings() {
        let a: Vec<char> = "一、2018年工作回顾".chars().collect();
        let b: Vec<char> = "一、2019年工作回顾".chars().collect();
        assert_eq!(strip_ordinal(&a), strip_ordinal(&b));
        assert!(
            dice(
                &bigram_set(&strip_ordinal(&a)),
                &bigram_set(&strip_ordinal(&b))
            ) == 1.0
        );
    }

    #[test]
    fn dice_of_sets() {
        let a = bigram_set(&"推动高质量发展".chars().collect::<Vec<_>>());
        let b = bigram_set(&"高质量发展".chars().collect::<Vec<_>>());
        assert!((dice(&a, &b) - 0.8).abs() < 1e-9);
        assert_eq!(dice(&[], &[]), 1.0);
        assert_eq!(dice(&a, &[]), 0.0);
    }
}

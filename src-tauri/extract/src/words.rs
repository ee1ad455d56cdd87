//! Fixed word lists (growth verbs, firmness cues) looked up at the end of a
//! stretch of folded text. These lookups run for every number, so a list is
//! decoded once and the scan goes right to left, skipping characters that no
//! word ends with, and stops at the first (rightmost) hit.

/// A word list, decoded, with a filter on the words' last characters.
pub(crate) struct Words {
    words: Vec<Vec<char>>,
    /// One bit per `char as usize % 1024` for the last characters.
    last: [u64; 16],
}

impl Words {
    pub fn new(list: &[&str]) -> Words {
        let words: Vec<Vec<char>> = list.iter().map(|w| w.chars().collect()).collect();
        let mut last = [0u64; 16];
        for w in &words {
            let c = *w.last().expect("no empty words") as usize % 1024;
            last[c / 64] |= 1 << (c % 64);
        }
        Words { words, last }
    }

    /// The end of the rightmost occurrence of any word in `s`, and the
    /// indices (in list order) of the words ending there.
    fn rightmost<'a>(&'a self, s: &'a [char]) -> Option<(usize, impl Iterator<Item = usize> + 'a)> {
        let e = (1..=s.len()).rev().find(|&e| {
            let c = s[e - 1] as usize % 1024;
            self.last[c / 64] & (1 << (c % 64)) != 0 && self.ends_at(s, e).next().is_some()
        })?;
        Some((e, self.ends_at(s, e)))
    }

    fn ends_at<'a>(&'a self, s: &'a [char], e: usize) -> impl Iterator<Item = usize> + 'a {
        self.words
            .iter()
            .enumerate()
            .filter(move |(_, w)| w.len() <= e && s[e - w.len()..e] == w[..])
            .map(|(i, _)| i)
    }

    /// The occurrence of any word that ends last in `s`, the longest of those
    /// ending there: (position, length).
    pub fn last_of(&self, s: &[char]) -> Option<(usize, usize)> {
        let (e, hits) = self.rightmost(s)?;
        let n = hits.map(|i| self.words[i].len()).max()?;
        Some((e - n, n))
    }

    /// The index of the word that ends last in `s`, the first in list order
    /// of those ending there.
    pub fn last_index(&self, s: &[char]) -> Option<usize> {
        self.rightmost(s)?.1.next()
    }

    /// Whether any word occurs in `s`.
    pub fn any_in(&self, s: &[char]) -> bool {
        self.rightmost(s).is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn rightmost_end_then_longest() {
        let w = Words::new(&["增长", "长", "提高", "增"]);
        assert_eq!(w.last_of(&v("提高产量,增长了")), Some((5, 2)));
        assert_eq!(w.last_of(&v("增长提高了")), Some((2, 2)));
        assert_eq!(w.last_of(&v("下降")), None);
        assert_eq!(w.last_index(&v("增长")), Some(0));
        assert!(w.any_in(&v("再增")));
        assert!(!w.any_in(&v("")));
    }
}

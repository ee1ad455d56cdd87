//! Fixed word lists (growth verbs, firmness cues, transparent words, units)
//! looked up in the folded text. These lookups run for every number or
//! character, so a list is decoded once, characters that no word ends (or
//! starts) with are rejected by a bit filter, a search for the last
//! occurrence goes right to left and stops at the first hit, and the longest
//! word at a position is found by walking a trie.

/// A word list, decoded, with filters on the words' first and last characters.
#[derive(Debug, Clone)]
pub(crate) struct Words {
    words: Vec<Vec<char>>,
    /// One bit per `char as usize % 1024` for the last characters.
    last: [u64; 16],
    /// The same for the first characters.
    first: [u64; 16],
    /// The same for the characters that are words on their own.
    single: [u64; 16],
    /// One bit per hash of the first two characters of longer words.
    first_two: [u64; 64],
    /// The words as a trie; node 0 is the root.
    trie: Vec<Node>,
    /// Indices of the words by last character (sorted), in list order.
    by_last: Vec<(char, Vec<usize>)>,
    /// Whether [`Words::longest_at`] matches ASCII letters in any case.
    caseless: bool,
}

/// A trie node: the word spelled by the path to it, if any (the first listed
/// of duplicates), and the next characters with their nodes, sorted.
#[derive(Debug, Clone, Default)]
struct Node {
    word: Option<usize>,
    next: Vec<(char, usize)>,
}

/// Add word `i` to the bucket of `c`, keeping list order within a bucket.
fn index(buckets: &mut Vec<(char, Vec<usize>)>, c: char, i: usize) {
    match buckets.iter_mut().find(|e| e.0 == c) {
        Some(e) => e.1.push(i),
        None => buckets.push((c, vec![i])),
    }
}

/// `a == b` element by element: the words are a few characters long, shorter
/// than what a call to memcmp pays off for.
fn same(a: &[char], b: &[char]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x == y)
}

fn set(bits: &mut [u64; 16], c: char) {
    let c = c as usize % 1024;
    bits[c / 64] |= 1 << (c % 64);
}

fn get(bits: &[u64; 16], c: char) -> bool {
    let c = c as usize % 1024;
    bits[c / 64] & (1 << (c % 64)) != 0
}

fn pair_bit(a: char, b: char) -> (usize, u64) {
    let h = (a as usize).wrapping_mul(31).wrapping_add(b as usize) % 4096;
    (h / 64, 1 << (h % 64))
}

impl Words {
    pub fn new(list: &[&str]) -> Words {
        Words::build(list.iter().map(|w| w.to_string()).collect(), false)
    }

    /// A list whose words [`Words::longest_at`] finds with ASCII letters in
    /// any case (GDP, gdp). The searches for the last occurrence
    /// ([`Words::last_of`] and the like) compare exactly.
    pub fn ascii_caseless(list: &[&str]) -> Words {
        Words::build(list.iter().map(|w| w.to_ascii_lowercase()).collect(), true)
    }

    fn build(list: Vec<String>, caseless: bool) -> Words {
        let words: Vec<Vec<char>> = list.iter().map(|w| w.chars().collect()).collect();
        let (mut last, mut first) = ([0u64; 16], [0u64; 16]);
        let (mut single, mut first_two) = ([0u64; 16], [0u64; 64]);
        let mut trie = vec![Node::default()];
        let mut by_last = Vec::new();
        for (i, w) in words.iter().enumerate() {
            let (a, z) = (w[0], *w.last().expect("no empty words"));
            set(&mut first, a);
            // The first-character test reads the text unfolded.
            if caseless {
                set(&mut first, a.to_ascii_uppercase());
            }
            set(&mut last, z);
            match w.get(1) {
                Some(&b) => {
                    let (k, bit) = pair_bit(a, b);
                    first_two[k] |= bit;
                }
                None => set(&mut single, a),
            }
            index(&mut by_last, z, i);
            let mut node = 0;
            for &c in w {
                node = match trie[node].next.binary_search_by_key(&c, |e| e.0) {
                    Ok(k) => trie[node].next[k].1,
                    Err(k) => {
                        trie.push(Node::default());
                        let new = trie.len() - 1;
                        trie[node].next.insert(k, (c, new));
                        new
                    }
                };
            }
            trie[node].word.get_or_insert(i);
        }
        by_last.sort_by_key(|e| e.0);
        Words {
            words,
            last,
            first,
            single,
            first_two,
            trie,
            by_last,
            caseless,
        }
    }

    fn fold(&self, c: char) -> char {
        if self.caseless {
            c.to_ascii_lowercase()
        } else {
            c
        }
    }

    /// The longest word starting at `s[i]` (of equally long ones, the first
    /// listed): its index in the list.
    pub fn longest_at(&self, s: &[char], i: usize) -> Option<usize> {
        if !self.may_start_at(s, i) {
            return None;
        }
        let (mut node, mut best) = (0, None);
        for &c in &s[i..] {
            let next = &self.trie[node].next;
            match next.binary_search_by_key(&self.fold(c), |e| e.0) {
                Ok(k) => node = next[k].1,
                Err(_) => break,
            }
            best = self.trie[node].word.or(best);
        }
        best
    }

    /// Whether some word may start at `s[i]`: false rules it out by bit
    /// filters on one and two characters, which callers running over every
    /// character can test without a call.
    #[inline]
    pub fn may_start_at(&self, s: &[char], i: usize) -> bool {
        let Some(&c) = s.get(i) else { return false };
        if !get(&self.first, c) {
            return false;
        }
        let c = self.fold(c);
        if get(&self.single, c) {
            return true;
        }
        s.get(i + 1).is_some_and(|&d| {
            let (k, bit) = pair_bit(c, self.fold(d));
            self.first_two[k] & bit != 0
        })
    }

    /// The length of word `i`.
    pub fn len_of(&self, i: usize) -> usize {
        self.words[i].len()
    }

    /// The end of the rightmost occurrence of any word in `s`, and the
    /// indices (in list order) of the words ending there.
    fn rightmost<'a>(&'a self, s: &'a [char]) -> Option<(usize, impl Iterator<Item = usize> + 'a)> {
        let e = (1..=s.len())
            .rev()
            .find(|&e| get(&self.last, s[e - 1]) && self.ends_at(s, e).next().is_some())?;
        Some((e, self.ends_at(s, e)))
    }

    /// The words ending at `s[e - 1]`, in list order: only those of its
    /// bucket can, so the rest are not compared.
    fn ends_at<'a>(&'a self, s: &'a [char], e: usize) -> impl Iterator<Item = usize> + 'a {
        let bucket = match self.by_last.binary_search_by_key(&s[e - 1], |b| b.0) {
            Ok(k) => &self.by_last[k].1[..],
            Err(_) => &[],
        };
        bucket.iter().copied().filter(move |&i| {
            let w = &self.words[i];
            w.len() <= e && same(&s[e - w.len()..e], w)
        })
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

    #[test]
    fn longest_at_prefers_length_then_list_order() {
        let w = Words::new(&["人", "人次", "个", "个月", "人次"]);
        let s = v("5人次,3个月");
        assert_eq!(w.longest_at(&s, 1), Some(1));
        assert_eq!(w.longest_at(&s, 5), Some(3));
        assert_eq!(w.longest_at(&s, 0), None);
        assert_eq!(w.longest_at(&s, 9), None);
        assert_eq!(w.len_of(3), 2);
    }
}

//! The display text (`Document::text`) read by character offset. Only a few
//! spans of it are needed (figure texts, commas between digits), so it is not
//! decoded whole: a cursor walks to each offset from the previous one, and
//! offsets are asked for nearly in text order.

use std::cell::Cell;

pub(crate) struct Display<'a> {
    text: &'a str,
    /// The last offset reached: (character, byte).
    at: Cell<(usize, usize)>,
}

impl<'a> Display<'a> {
    pub fn new(text: &'a str) -> Display<'a> {
        Display {
            text,
            at: Cell::new((0, 0)),
        }
    }

    /// Byte offset of character `k` (the end of the text past its last one).
    fn byte_of(&self, k: usize) -> usize {
        let t = self.text;
        let (mut c, mut b) = self.at.get();
        if c < k {
            // `Chars::nth` skips characters a block of bytes at a time.
            let mut rest = t[b..].chars();
            if rest.nth(k - c - 1).is_some() {
                c = k;
            } else {
                c += t[b..].chars().count();
            }
            b = t.len() - rest.as_str().len();
        }
        while c > k {
            b -= 1;
            while !t.is_char_boundary(b) {
                b -= 1;
            }
            c -= 1;
        }
        self.at.set((c, b));
        b
    }

    /// The character at offset `k`.
    pub fn get(&self, k: usize) -> Option<char> {
        self.text[self.byte_of(k)..].chars().next()
    }

    /// Characters `start..end`, clamped to the text.
    pub fn slice(&self, start: usize, end: usize) -> &'a str {
        let b0 = self.byte_of(start);
        let b1 = self.byte_of(end.max(start));
        &self.text[b0..b1]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_both_ways() {
        let d = Display::new("增长7%，8%");
        assert_eq!(d.slice(2, 4), "7%");
        assert_eq!(d.get(4), Some('，'));
        assert_eq!(d.slice(0, 2), "增长");
        assert_eq!(d.slice(5, 99), "8%");
        assert_eq!(d.get(7), None);
        assert_eq!(d.get(1), Some('长'));
    }
}

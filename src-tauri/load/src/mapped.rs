//! Text that remembers where every character came from. Each cleaning step
//! builds a new [`MappedText`] from the previous one, so offsets in the final
//! clean text always map back to bytes of the original file.

/// The length of the UTF-8 sequence that starts with `lead`, so that valid
/// text can be walked character by character without decoding.
#[inline]
pub fn utf8_len(lead: u8) -> usize {
    UTF8_LEN[lead as usize] as usize
}

/// [`utf8_len`] by lead byte (nothing flagged): one load where range
/// compares cost several branches.
static UTF8_LEN: [u8; 256] = lead_table(&[]);

/// Set in a [`lead_table`] entry for the lead bytes it flags.
pub const FLAGGED: u8 = 0x80;

/// A table by lead byte of the UTF-8 length of the character it starts, with
/// [`FLAGGED`] added for the bytes in `flagged`: a scanner that looks for
/// characters led by those bytes reads both with one load per character.
/// (Use it as a `static`: a `const` table may be copied at every use.)
pub const fn lead_table(flagged: &[u8]) -> [u8; 256] {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = match b {
            0..=0x7F => 1,
            0x80..=0xDF => 2,
            0xE0..=0xEF => 3,
            _ => 4,
        };
        b += 1;
    }
    let mut k = 0;
    while k < flagged.len() {
        t[flagged[k] as usize] |= FLAGGED;
        k += 1;
    }
    t
}

/// The lines of `text`, as `text.split('\n')` gives them, with the breaks
/// found by `memchr` (vectorised) rather than core's word-at-a-time search.
pub fn split_lines(text: &str) -> impl Iterator<Item = &str> + '_ {
    let mut start = 0;
    memchr::memchr_iter(b'\n', text.as_bytes())
        .chain(std::iter::once(text.len()))
        .map(move |end| {
            let line = &text[start..end];
            start = end + 1;
            line
        })
}

/// A string and, for each of its characters, the byte offset in the source.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MappedText {
    text: String,
    origin: Vec<u32>,
}

impl MappedText {
    pub fn new() -> MappedText {
        MappedText::default()
    }

    pub fn with_capacity(bytes: usize) -> MappedText {
        MappedText {
            text: String::with_capacity(bytes),
            origin: Vec::with_capacity(bytes / 2),
        }
    }

    /// Text whose characters map one-to-one onto the UTF-8 bytes of `s`.
    pub fn from_utf8(s: &str) -> MappedText {
        // Filled by stepping from lead byte to lead byte, which costs a few
        // instructions per character; `char_indices` decodes every character.
        // A counted range writes into the exact capacity without checks.
        let bytes = s.as_bytes();
        let mut b = 0;
        let origin = (0..s.chars().count())
            .map(|_| {
                let at = b as u32;
                b += utf8_len(bytes[b]);
                at
            })
            .collect();
        MappedText {
            text: s.to_string(),
            origin,
        }
    }

    #[inline]
    pub fn push(&mut self, c: char, origin: u32) {
        self.text.push(c);
        self.origin.push(origin);
    }

    /// Appends a run of characters with their origins, one per character.
    pub fn push_str(&mut self, s: &str, origins: &[u32]) {
        debug_assert_eq!(s.chars().count(), origins.len());
        self.text.push_str(s);
        self.origin.extend_from_slice(origins);
    }

    /// Re-anchors character `i`, such as a line break placed before its origin was known.
    pub fn set_origin(&mut self, i: usize, origin: u32) {
        self.origin[i] = origin;
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn origins(&self) -> &[u32] {
        &self.origin
    }

    pub fn len_chars(&self) -> usize {
        self.origin.len()
    }

    pub fn is_empty(&self) -> bool {
        self.origin.is_empty()
    }

    /// The last origin, to anchor inserted characters such as a new line break.
    pub fn last_origin(&self) -> u32 {
        self.origin.last().copied().unwrap_or(0)
    }

    /// Characters with their origins.
    pub fn chars(&self) -> impl Iterator<Item = (char, u32)> + '_ {
        self.text.chars().zip(self.origin.iter().copied())
    }

    /// Lines (without their `\n`) as character ranges.
    pub fn line_ranges(&self) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut start = 0;
        for (i, c) in self.text.chars().enumerate() {
            if c == '\n' {
                out.push((start, i));
                start = i + 1;
            }
        }
        out.push((start, self.len_chars()));
        out
    }

    /// The string and its origin table, as they are.
    pub fn into_raw(self) -> (String, Vec<u32>) {
        (self.text, self.origin)
    }

    /// A string and one origin per character.
    pub fn from_raw(text: String, origin: Vec<u32>) -> MappedText {
        debug_assert_eq!(text.chars().count(), origin.len());
        MappedText { text, origin }
    }

    /// The string and its origin table with one closing entry (`end_of_source`).
    pub fn into_parts(mut self, end_of_source: usize) -> (String, Vec<u32>) {
        self.origin.push(end_of_source as u32);
        (self.text, self.origin)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_lines_is_split_at_newlines() {
        for s in ["", "\n", "a", "a\n", "\na\n\nb", "各位\n代表\n"] {
            let ours: Vec<&str> = split_lines(s).collect();
            let core: Vec<&str> = s.split('\n').collect();
            assert_eq!(ours, core, "{s:?}");
        }
    }

    #[test]
    fn from_utf8_origins_are_char_starts() {
        let s = "a各\u{00A0}𠀀b\u{3000}，\n";
        let m = MappedText::from_utf8(s);
        let starts: Vec<u32> = s.char_indices().map(|(b, _)| b as u32).collect();
        assert_eq!(m.origins(), &starts[..]);
        assert_eq!(m.text(), s);
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let mut buf = [0u8; 4];
            let bytes = c.encode_utf8(&mut buf).as_bytes();
            assert_eq!(utf8_len(bytes[0]), bytes.len(), "{c:?}");
        }
    }
}

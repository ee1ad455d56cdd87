//! The loaded report: clean text, its map back to the original bytes, its
//! structure and its metadata. Everything downstream (extraction, storage,
//! comparison) reads a [`Document`] and never the raw file.
//!
//! All offsets are *character* offsets (Unicode scalar values) into
//! [`Document::text`], half-open `[start, end)`.

use serde::{Deserialize, Serialize};

/// A loaded, cleaned report.
#[derive(Debug, Clone)]
pub struct Document {
    pub source: Source,
    /// The original file, byte for byte.
    pub raw: Vec<u8>,
    /// Clean text for display, in the script it was written in. Paragraphs are
    /// separated by a single `\n`.
    pub text: String,
    /// The same text folded for matching: simplified script, half-width digits,
    /// letters and punctuation. Exactly as many characters as `text`, so an
    /// offset found in one is valid in the other.
    pub match_text: String,
    /// For each character of `text`, the byte offset in `raw` (or, for `.docx`,
    /// in the unzipped `word/document.xml`) it came from; one extra entry at the
    /// end holds the end of the last character's source.
    pub origin: Vec<u32>,
    pub sections: Vec<Section>,
    pub paragraphs: Vec<Paragraph>,
    pub sentences: Vec<Sentence>,
    /// Runs of lost characters (U+FFFD, `??` inside Chinese text), kept in the
    /// text and marked so reviewers see them.
    pub garbled: Vec<Span>,
    pub metadata: Metadata,
    /// What cleaning did that a user may want to know ("dropped 14 lines of site chrome").
    pub notes: Vec<String>,
}

impl Document {
    /// Number of characters in `text`.
    pub fn char_len(&self) -> usize {
        self.origin.len().saturating_sub(1)
    }

    /// The clean text of a character range.
    pub fn slice(&self, start: usize, end: usize) -> &str {
        char_slice(&self.text, start, end)
    }

    /// The folded (simplified, half-width) text of a character range.
    pub fn match_slice(&self, start: usize, end: usize) -> &str {
        char_slice(&self.match_text, start, end)
    }

    /// The byte range in the original file a character range came from.
    pub fn raw_range(&self, start: usize, end: usize) -> std::ops::Range<usize> {
        let last = self.origin.len() - 1;
        let s = self.origin[start.min(last)] as usize;
        let e = self.origin[end.min(last)] as usize;
        s..e.max(s)
    }

    /// Index of the sentence containing character `pos`.
    pub fn sentence_at(&self, pos: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.end <= pos);
        (i < self.sentences.len() && self.sentences[i].start <= pos).then_some(i)
    }

    /// Index of the paragraph containing character `pos`.
    pub fn paragraph_at(&self, pos: usize) -> Option<usize> {
        let i = self.paragraphs.partition_point(|p| p.end <= pos);
        (i < self.paragraphs.len() && self.paragraphs[i].start <= pos).then_some(i)
    }

    /// Index of the section containing character `pos`.
    pub fn section_at(&self, pos: usize) -> Option<usize> {
        let i = self.sections.partition_point(|s| s.end <= pos);
        (i < self.sections.len() && self.sections[i].start <= pos).then_some(i)
    }
}

/// `s[start..end]` in characters; out-of-range bounds are clamped.
pub fn char_slice(s: &str, start: usize, end: usize) -> &str {
    let mut it = s
        .char_indices()
        .map(|(b, _)| b)
        .chain(std::iter::once(s.len()));
    let b0 = it.nth(start).unwrap_or(s.len());
    let b1 = if end > start {
        it.nth(end - start - 1).unwrap_or(s.len())
    } else {
        b0
    };
    &s[b0..b1]
}

/// A text read by character offset when only some offsets are needed, asked
/// for nearly in text order (figure spans, sentence bounds): a cursor walks to
/// each offset from the previous one instead of decoding the whole text.
pub struct CharCursor<'a> {
    text: &'a str,
    /// The last offset reached: (character, byte).
    at: std::cell::Cell<(usize, usize)>,
}

impl<'a> CharCursor<'a> {
    pub fn new(text: &'a str) -> CharCursor<'a> {
        CharCursor {
            text,
            at: std::cell::Cell::new((0, 0)),
        }
    }

    /// Byte offset of character `k` (the end of the text past its last one).
    #[inline]
    pub fn byte_of(&self, k: usize) -> usize {
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
    #[inline]
    pub fn get(&self, k: usize) -> Option<char> {
        self.text[self.byte_of(k)..].chars().next()
    }

    /// Characters `start..end`, clamped to the text.
    #[inline]
    pub fn slice(&self, start: usize, end: usize) -> &'a str {
        let b0 = self.byte_of(start);
        let b1 = self.byte_of(end.max(start));
        &self.text[b0..b1]
    }
}

/// Where the report came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    /// The file name, as users refer to the report (`000_8ea42176d04f9a1f.txt`).
    pub file_name: String,
    /// The path it was loaded from, as given.
    pub path: String,
    /// Lower-case hex SHA-256 of the raw bytes: the report's identity.
    pub sha256: String,
    pub format: Format,
    /// The detected (or declared) character encoding, WHATWG name (`UTF-8`, `GBK`, `Big5`).
    pub encoding: String,
    pub byte_len: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Text,
    Html,
    Docx,
}

/// A half-open character range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

/// A part of the report under one top-level heading (`一、2022年工作回顾`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    pub heading: String,
    pub start: usize,
    pub end: usize,
    pub part: Part,
    /// Years the heading names (`2020年及“十三五”时期` gives 2020 and 2016-2020).
    pub years: Option<(i32, i32)>,
}

/// What a section talks about, which decides whether its figures are outcomes or targets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Part {
    /// Everything before the first heading (title, 各位代表, opening words).
    Preamble,
    /// Review of the previous year.
    Review,
    /// Review of several years (过去五年, “十三五”时期).
    MultiYearReview,
    /// Plans, targets and tasks for the report's year (or the coming years).
    Plan,
    /// Annexes and glossaries after the closing words (附件, 名词解释).
    Annex,
    /// A heading that says neither (政府自身建设): usually more plans.
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ParagraphKind {
    /// A top-level or sub heading (`一、…`, `（一）…`).
    Heading,
    /// A lead line such as `——经济质效持续提升。`.
    Lead,
    /// A numbered item (`1.`, `40.`).
    ListItem,
    Body,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Paragraph {
    pub start: usize,
    pub end: usize,
    pub kind: ParagraphKind,
    /// Index into [`Document::sections`], `None` before the first heading.
    pub section: Option<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
    pub paragraph: usize,
}

/// Administrative level of the jurisdiction that gave the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// The State Council (国务院).
    National,
    /// Province, autonomous region or municipality (省, 自治区, 直辖市).
    Province,
    /// Prefecture-level city, league or autonomous prefecture (地级市, 盟, 自治州).
    Prefecture,
    /// County, district or banner (县, 区, 旗).
    County,
    /// County-level city (县级市).
    CountyCity,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::National => "national",
            Level::Province => "province",
            Level::Prefecture => "prefecture",
            Level::County => "county",
            Level::CountyCity => "county_city",
        }
    }

    pub fn parse(s: &str) -> Option<Level> {
        Some(match s {
            "national" => Level::National,
            "province" => Level::Province,
            "prefecture" => Level::Prefecture,
            "county" => Level::County,
            "county_city" => Level::CountyCity,
            _ => return None,
        })
    }
}

/// What was detected about the report; every field is editable later, so
/// every field may be missing.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Metadata {
    /// Simplified Chinese, districts prefixed by their city (`呼和浩特市玉泉区`).
    pub jurisdiction: Option<String>,
    /// Six-digit administrative code, when the jurisdiction was found in the gazetteer.
    pub admin_code: Option<String>,
    pub level: Option<Level>,
    /// The year the report was delivered (not the year its figures are about).
    pub report_year: Option<i32>,
    /// ISO date of the meeting (`2021-02-23`).
    pub meeting_date: Option<String>,
    /// The speaker's name (`奇飞云`).
    pub speaker: Option<String>,
    /// The speaker's office (`代市长`).
    pub speaker_title: Option<String>,
    /// The report's own title line.
    pub title: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cursor_walks_both_ways() {
        let d = CharCursor::new("增长7%，8%");
        assert_eq!(d.slice(2, 4), "7%");
        assert_eq!(d.get(4), Some('，'));
        assert_eq!(d.slice(0, 2), "增长");
        assert_eq!(d.slice(5, 99), "8%");
        assert_eq!(d.get(7), None);
        assert_eq!(d.get(1), Some('长'));
    }

    #[test]
    fn the_cursor_agrees_with_char_indices_in_any_order() {
        let text = "各位代表：\nGDP 827亿元，增长2.4%。😀 end";
        let want: Vec<usize> = text
            .char_indices()
            .map(|(b, _)| b)
            .chain([text.len(), text.len()])
            .collect();
        let cursor = CharCursor::new(text);
        for c in (0..want.len())
            .chain((0..want.len()).rev())
            .chain([3, 1, 20, 2])
        {
            assert_eq!(cursor.byte_of(c), want[c], "char {c}");
        }
    }
}

//! The comparison result: plain data, serialisable, self-contained (every
//! piece of text it points at is also carried as a string, in the script of
//! the document it came from), so it can be rendered, saved as JSON or sent to
//! the UI without the two documents.
//!
//! Offsets are character offsets into each document's `Document::text`,
//! half-open, like everywhere in gwr-load.

use serde::{Deserialize, Serialize};

/// How to compare. The defaults ignore everything that is formatting only.
/// Deserialises from a partial object (`{"fold": false}`), missing fields
/// taking their defaults, so the UI can send only what the user changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Options {
    /// Compare the folded text (simplified script, half-width digits and
    /// punctuation) so that traditional against simplified, or `，` against
    /// `,`, is no change. `false` compares the display text as written.
    pub fold: bool,
    /// Treat whitespace (indentation, spaces inside lines) as no change.
    pub ignore_whitespace: bool,
    /// Wall-clock budget for the whole comparison, in milliseconds. Past it,
    /// paragraphs are diffed at a coarser level and the result says so in
    /// [`Comparison::fallback`].
    pub time_budget_ms: u64,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            fold: true,
            ignore_whitespace: true,
            time_budget_ms: 2000,
        }
    }
}

/// A half-open character range into one document's text, with that text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Excerpt {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// What one document of the pair is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DocInfo {
    pub file_name: String,
    pub sha256: String,
    pub title: Option<String>,
    pub jurisdiction: Option<String>,
    pub report_year: Option<i32>,
    /// Characters in the document's text.
    pub chars: usize,
    pub paragraphs: usize,
}

/// Two reports compared: aligned sections, a block per paragraph (or pair of
/// paragraphs) in reading order of the new report, value changes, scores.
#[derive(Debug, Clone, Serialize)]
pub struct Comparison {
    pub old: DocInfo,
    pub new: DocInfo,
    pub options: Options,
    /// Share of the two reports' text (whitespace aside) that is unchanged:
    /// `2 × equal chars / (old chars + new chars)`, 0..=1.
    pub similarity: f64,
    /// Shared wording wherever it stands: Dice coefficient of the two
    /// reports' sets of character bigrams, 0..=1. Consecutive reports that
    /// were rewritten paragraph by paragraph score low on `similarity` and
    /// still high here.
    pub vocabulary: f64,
    pub stats: Stats,
    pub sections: Vec<SectionPair>,
    pub blocks: Vec<Block>,
    /// Every number that changed value inside a matched paragraph.
    pub value_changes: Vec<ValueChange>,
    /// Set when part of the diff was done at a coarser level than phrases
    /// because the time budget ran out; `None` means every paragraph pair was
    /// diffed in full.
    pub fallback: Option<Fallback>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Stats {
    pub equal: usize,
    pub modified: usize,
    pub moved: usize,
    pub deleted: usize,
    pub inserted: usize,
    /// Characters (whitespace aside) only in the old / only in the new report.
    pub deleted_chars: usize,
    pub inserted_chars: usize,
    pub value_changes: usize,
}

/// A section of one report matched (or not) to a section of the other.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SectionPair {
    /// Index into the old document's sections; `None` for a section only in
    /// the new report. The text before the first heading counts as a section
    /// with index `None` and an empty heading, see [`SectionSide::preamble`].
    pub old: Option<SectionSide>,
    pub new: Option<SectionSide>,
    /// Heading and content similarity the match was made on, 0..=1.
    pub similarity: f64,
    /// The pair is out of order relative to the other matched sections.
    pub moved: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SectionSide {
    /// Index into `Document::sections`, `None` for the preamble.
    pub index: Option<usize>,
    pub preamble: bool,
    pub heading: String,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockKind {
    /// The same paragraph in both (after folding and whitespace rules).
    Equal,
    /// The matched paragraph, reworded in place.
    Modified,
    /// A paragraph that changed position (another section, or out of order);
    /// it may also be reworded.
    Moved,
    /// Only in the old report.
    Deleted,
    /// Only in the new report.
    Inserted,
}

/// How finely a block was diffed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Granularity {
    /// Phrases and number tokens, refined to characters inside changes.
    Phrase,
    /// Whole sentences: the fallback when the phrase diff ran out of time.
    Sentence,
    /// The whole paragraph as one change: the last resort.
    Paragraph,
}

/// One paragraph (or matched pair of paragraphs) in reading order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Block {
    pub kind: BlockKind,
    /// Paragraph index in the old / new document.
    pub old_paragraph: Option<usize>,
    pub new_paragraph: Option<usize>,
    pub old: Option<Excerpt>,
    pub new: Option<Excerpt>,
    /// Index into [`Comparison::sections`].
    pub section: Option<usize>,
    /// `2 × equal chars / (old chars + new chars)` for this pair, 0..=1.
    pub similarity: f64,
    pub granularity: Granularity,
    /// The inline diff: old-side segments (equal, delete) tile the old
    /// paragraph, new-side segments (equal, insert) tile the new one. A delete
    /// directly followed by an insert is a replacement.
    pub segments: Vec<Segment>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SegmentOp {
    Equal,
    Delete,
    Insert,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Segment {
    pub op: SegmentOp,
    /// Present for equal and delete.
    pub old: Option<Excerpt>,
    /// Present for equal and insert.
    pub new: Option<Excerpt>,
    /// Index into [`Comparison::value_changes`] when this segment is one side
    /// of a number whose value changed.
    pub value_change: Option<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NumberKind {
    /// A calendar year (`2019年`): these shift by one between consecutive
    /// reports and are listed apart from quantities.
    Year,
    Quantity,
}

/// A number expression that changed between matched paragraphs (`6.5% → 6%`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ValueChange {
    pub kind: NumberKind,
    /// The whole expressions as displayed (`6.5%左右`, `6%左右`).
    pub old: Excerpt,
    pub new: Excerpt,
    /// The leading value as written (`6.5`), `None` for a range (`6-6.5%`).
    pub old_value: Option<f64>,
    pub new_value: Option<f64>,
    /// Magnitude and unit (`万亿元`, `%`, `个百分点`), empty for a bare number.
    pub old_unit: String,
    pub new_unit: String,
    /// The words just before the number in the new report (`国内生产总值增长`),
    /// so a list of changes reads without the paragraphs.
    pub context: String,
    /// Index into [`Comparison::blocks`].
    pub block: usize,
}

/// What coarser diff was used, where, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fallback {
    /// The coarsest granularity any block was diffed at.
    pub granularity: Granularity,
    /// How many blocks were diffed coarser than phrases.
    pub blocks: usize,
    pub reason: String,
}

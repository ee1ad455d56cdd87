//! Cleaning: from decoded text as scraped to the report's own text. Each step
//! maps characters through, so offsets survive. Steps, in order:
//! 1. [`whitespace`]: line endings, invisible characters, line trimming;
//! 2. [`resplit`]: a report collapsed into one line is split at its own
//!    paragraph markers;
//! 3. [`pinyin`]: glosses such as `當(dāng)前` lose their `(dāng)`;
//! 4. [`chrome`]: site chrome before the title, forum and comment cruft after
//!    the end, and chrome lines in between are dropped.
//!
//! Garbled runs are not removed; [`garbled`] finds them for marking.

pub mod chrome;
pub mod garbled;
pub mod pinyin;
pub mod resplit;
pub mod whitespace;

use crate::mapped::MappedText;

pub struct Cleaned {
    pub text: MappedText,
    pub notes: Vec<String>,
}

pub fn clean(decoded: MappedText) -> Cleaned {
    let mut notes = Vec::new();
    let text = whitespace::normalise(&decoded);
    let (text, split) = resplit::resplit(&text);
    if split > 0 {
        notes.push(format!("split a collapsed line into {split} paragraphs"));
    }
    let (text, glosses) = pinyin::strip_glosses(&text);
    if glosses > 0 {
        notes.push(format!("removed {glosses} pinyin glosses"));
    }
    let text = whitespace::normalise(&text);
    let (text, chrome_notes) = chrome::strip(&text);
    notes.extend(chrome_notes);
    Cleaned { text, notes }
}

/// Simplified, half-width form of a line for pattern checks while cleaning.
pub(crate) fn folded(line: &str) -> String {
    crate::fold::fold(line)
}

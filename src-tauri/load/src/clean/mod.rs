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
    /// `text` folded for matching ([`crate::fold::fold_with`]).
    pub match_text: String,
    pub notes: Vec<String>,
    /// Whether the text needs traditional→simplified conversion for matching.
    pub traditional: bool,
}

pub fn clean(decoded: MappedText) -> Cleaned {
    let mut notes = Vec::new();
    let traditional = crate::fold::has_traditional_counted(decoded.text(), decoded.len_chars());
    let text = whitespace::normalise(&decoded);
    let (text, split) = resplit::resplit(text);
    if split > 0 {
        notes.push(format!("split a collapsed line into {split} paragraphs"));
    }
    let (text, glosses) = pinyin::strip_glosses(text);
    if glosses > 0 {
        notes.push(format!("removed {glosses} pinyin glosses"));
    }
    // Unless a step changed the text, it is still normal.
    let text = if split == 0 && glosses == 0 {
        whitespace::renormalise(text)
    } else {
        whitespace::normalise(&text)
    };
    let (text, match_text, chrome_notes) = chrome::strip(&text, traditional);
    notes.extend(chrome_notes);
    Cleaned {
        text,
        match_text,
        notes,
        traditional,
    }
}

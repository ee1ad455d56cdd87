//! Renderers: terminal text, JSON, and a self-contained HTML page. Each reads
//! only the [`Comparison`], never the documents.

mod html;
mod text;

use std::fmt;
use std::str::FromStr;

use crate::model::{Block, BlockKind, Comparison, NumberKind};

pub use html::render_html;
pub use text::render_text;

/// Output format of `gwr diff A B --format …`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
    Html,
}

/// A `--format` value that is none of `text`, `json`, `html`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownFormat(pub String);

impl fmt::Display for UnknownFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown diff format `{}`; use text, json or html",
            self.0
        )
    }
}

impl std::error::Error for UnknownFormat {}

impl FromStr for Format {
    type Err = UnknownFormat;
    fn from_str(s: &str) -> Result<Format, UnknownFormat> {
        match s.to_ascii_lowercase().as_str() {
            "text" | "txt" => Ok(Format::Text),
            "json" => Ok(Format::Json),
            "html" | "htm" => Ok(Format::Html),
            _ => Err(UnknownFormat(s.to_string())),
        }
    }
}

/// Render in the given format.
pub fn render(c: &Comparison, format: Format) -> String {
    match format {
        Format::Text => render_text(c),
        Format::Json => render_json(c),
        Format::Html => render_html(c),
    }
}

/// Pretty-printed JSON of the whole comparison.
pub fn render_json(c: &Comparison) -> String {
    // The model holds only strings, numbers, options and vectors: it always serialises.
    serde_json::to_string_pretty(c).expect("comparison serialises to JSON")
}

/// `¶3` for paragraph index 2: people count from one.
fn para_label(i: Option<usize>) -> String {
    i.map_or_else(String::new, |i| format!("¶{}", i + 1))
}

fn kind_label(k: BlockKind) -> &'static str {
    match k {
        BlockKind::Equal => "equal",
        BlockKind::Modified => "modified",
        BlockKind::Moved => "moved",
        BlockKind::Deleted => "deleted",
        BlockKind::Inserted => "inserted",
    }
}

fn is_change(b: &Block) -> bool {
    b.kind != BlockKind::Equal
}

fn year_shift_count(c: &Comparison) -> usize {
    c.value_changes
        .iter()
        .filter(|v| v.kind == NumberKind::Year)
        .count()
}

fn doc_label(d: &crate::model::DocInfo) -> String {
    match d.report_year {
        Some(y) => format!("{} ({y})", d.file_name),
        None => d.file_name.clone(),
    }
}

fn section_title(c: &Comparison, i: usize) -> String {
    let s = &c.sections[i];
    let h = |x: &Option<crate::model::SectionSide>| {
        x.as_ref().map(|x| {
            if x.preamble || x.heading.trim().is_empty() {
                "(before the first heading)".to_string()
            } else {
                x.heading.trim().to_string()
            }
        })
    };
    match (h(&s.old), h(&s.new)) {
        (Some(o), Some(n)) if o == n => o,
        (Some(o), Some(n)) => format!("{o} → {n}"),
        (Some(o), None) => format!("{o} (only in old)"),
        (None, Some(n)) => format!("{n} (only in new)"),
        (None, None) => String::new(),
    }
}

//! The types of the export command: what the window asks for
//! ([`ExportRequest`]), what it hears while the file is written
//! ([`ExportProgress`], the `export-progress` event) and what it shows at the
//! end ([`ExportResult`]). Twins of `gwr_export`'s options and summary; counts
//! are `u32` (saturating) because TypeScript has no 64-bit integers.

use gwr_engine::export::{Format, Options, Scope, Summary};
use serde::{Deserialize, Serialize};
use specta::Type;

#[derive(Debug, Clone, Copy, Serialize, Deserialize, Type, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum ExportFormat {
    /// One row per figure, UTF-8 (with a byte order mark if asked).
    Csv,
    /// One JSON object per line.
    Jsonl,
    /// An Excel workbook: figures and reports sheets.
    Xlsx,
    /// Wide: one row per jurisdiction × period, with `<file>.columns.csv`.
    PanelCsv,
}

impl ExportFormat {
    /// The file extension the format is written with.
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Csv | ExportFormat::PanelCsv => "csv",
            ExportFormat::Jsonl => "jsonl",
            ExportFormat::Xlsx => "xlsx",
        }
    }
}

impl From<ExportFormat> for Format {
    fn from(f: ExportFormat) -> Format {
        match f {
            ExportFormat::Csv => Format::Csv,
            ExportFormat::Jsonl => Format::Jsonl,
            ExportFormat::Xlsx => Format::Xlsx,
            ExportFormat::PanelCsv => Format::PanelCsv,
        }
    }
}

/// Which figures; several narrow each other, none means all.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, Type, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum ExportScope {
    All,
    /// Decided by someone (accepted, corrected, rejected) or disputed.
    Reviewed,
    /// Accepted or corrected: the verified dataset.
    Accepted,
    /// Catalog indicators only.
    Catalog,
}

impl From<ExportScope> for Scope {
    fn from(s: ExportScope) -> Scope {
        match s {
            ExportScope::All => Scope::All,
            ExportScope::Reviewed => Scope::Reviewed,
            ExportScope::Accepted => Scope::Accepted,
            ExportScope::Catalog => Scope::Catalog,
        }
    }
}

#[derive(Debug, Clone, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct ExportRequest {
    pub format: ExportFormat,
    pub scope: Vec<ExportScope>,
    /// One report, or (null) the whole project.
    pub report_id: Option<u32>,
    /// For Excel: a UTF-8 byte order mark, so Excel reads Chinese, and text that Excel would run as a formula (=, +, -, @) starts with an apostrophe.
    pub bom: bool,
    /// Where to write, as the save dialog returned it (absolute). Without an
    /// extension, the format's is added.
    pub path: String,
}

impl ExportRequest {
    pub fn options(&self) -> Options {
        Options {
            format: self.format.into(),
            scope: self.scope.iter().copied().map(Into::into).collect(),
            report: self.report_id.map(i64::from),
            bom: self.bom,
        }
    }
}

/// Progress of a running export, sent as the `export-progress` event: figures
/// read out of those in the selected reports.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, Type, PartialEq, Eq, tauri_specta::Event)]
#[serde(rename_all = "camelCase")]
pub struct ExportProgress {
    pub done: u32,
    pub total: u32,
}

#[derive(Debug, Clone, Serialize, Type, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct ExportResult {
    /// The file written (absolute).
    pub path: String,
    pub format: ExportFormat,
    /// Figure rows written (panel: the figures that filled or competed for a cell).
    pub figures: u32,
    /// Figures read.
    pub scanned: u32,
    pub reports: u32,
    /// XLSX cells cut to Excel's 32 767 characters.
    pub truncated_cells: u32,
    pub panel: Option<PanelResult>,
}

#[derive(Debug, Clone, Serialize, Type, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct PanelResult {
    /// Jurisdiction × period rows.
    pub rows: u32,
    /// Indicator columns.
    pub columns: u32,
    /// Figures in scope left out: rejected, disputed, or without jurisdiction.
    pub skipped: u32,
    /// Cells where figures disagreed (the latest report's reviewed figure was kept).
    pub disagreements: u32,
    /// `<file>.columns.csv`: each column's indicator, measure, kind and unit.
    pub codebook_path: String,
}

fn count(n: impl TryInto<u32>) -> u32 {
    n.try_into().unwrap_or(u32::MAX)
}

impl ExportResult {
    pub fn of(s: &Summary, format: ExportFormat) -> ExportResult {
        ExportResult {
            path: s.path.display().to_string(),
            format,
            figures: count(s.figures),
            scanned: count(s.scanned),
            reports: count(s.reports),
            truncated_cells: count(s.truncated_cells),
            panel: s.panel.as_ref().map(|p| PanelResult {
                rows: count(p.rows),
                columns: count(p.columns.len()),
                skipped: count(p.skipped),
                disagreements: count(p.columns.iter().map(|c| c.disagreements).sum::<u64>()),
                codebook_path: p.codebook.display().to_string(),
            }),
        }
    }
}

impl ExportProgress {
    pub fn of(p: gwr_engine::export::Progress) -> ExportProgress {
        ExportProgress {
            done: count(p.done),
            total: count(p.total),
        }
    }
}

impl From<gwr_engine::export::ExportError> for crate::dto::AppError {
    fn from(e: gwr_engine::export::ExportError) -> crate::dto::AppError {
        use crate::dto::{AppError, ErrorCode};
        use gwr_engine::export::ExportError as E;
        match e {
            E::Store(e) => e.into(),
            e @ E::Write { .. } => AppError::new(ErrorCode::Io, e.to_string()),
            e @ E::Cancelled { .. } => AppError::new(ErrorCode::Cancelled, e.to_string()),
        }
    }
}

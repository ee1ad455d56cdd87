//! The engine: every part of GWR Review that is not the window. It re-exports
//! the parts and holds the workflows that chain them, so the `gwr` command
//! line and the desktop app do the same thing the same way:
//!
//! bytes → [`load`] (Document) → [`extract`] (figures) → [`store`] (project,
//! review log) → [`compare`] / [`export`] (datasets).
//!
//! The engine knows nothing of Tauri, the UI or the terminal.

pub use gwr_compare as compare;
pub use gwr_export as export;
pub use gwr_extract as extract;
pub use gwr_load as load;
pub use gwr_store as store;

mod compare_reports;
mod import;
pub mod timeline;

pub use compare_reports::{
    compare_reports, figures_in_changes, ChangedFigure, ReportComparison, Side,
};
pub use import::{import_files, FileOutcome, FileResult};

use std::path::PathBuf;

/// Identifies the extraction engine that produced stored figures, so a later
/// version can tell which reports to re-extract.
pub const EXTRACTOR_VERSION: &str = concat!("gwr-extract ", env!("CARGO_PKG_VERSION"));

/// The project used when none is named: `<data dir>/GWR Review/default.gwr`
/// (on Linux `~/.local/share/gwr-review/default.gwr`).
pub fn default_project_path() -> PathBuf {
    directories::ProjectDirs::from("org", "GWR Review", "gwr-review")
        .map(|d| d.data_dir().to_path_buf())
        .unwrap_or_else(|| PathBuf::from("."))
        .join("default.gwr")
}

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
pub mod reextract;
pub mod timeline;

pub use compare_reports::{
    compare_reports, figures_in_changes, ChangedFigure, ReportComparison, Side,
};
pub use import::{import_files, FileOutcome, FileResult};

use std::path::PathBuf;

/// Bump when the loader or the extractor reads reports differently, so that
/// projects made by an earlier build see their reports as stale.
pub const RULES_REVISION: u32 = 2;

/// Identifies what produced stored figures: the engine's version and rules
/// revision, and a fingerprint of the indicator catalog (an alias added to
/// the data file changes extraction without any Rust change).
pub fn extractor_version() -> &'static str {
    static VERSION: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    VERSION.get_or_init(|| {
        format!(
            "gwr-extract {} r{RULES_REVISION} catalog {:016x}",
            env!("CARGO_PKG_VERSION"),
            fnv1a(gwr_extract::catalog::BUILTIN_TOML.as_bytes())
        )
    })
}

/// FNV-1a: a stable fingerprint (not a security hash; std's hasher may change
/// between Rust releases).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The project used when none is named: `<data dir>/GWR Review/default.gwr`
/// (on Linux `~/.local/share/gwr-review/default.gwr`).
pub fn default_project_path() -> PathBuf {
    directories::ProjectDirs::from("org", "GWR Review", "gwr-review")
        .map(|d| d.data_dir().to_path_buf())
        .unwrap_or_else(|| PathBuf::from("."))
        .join("default.gwr")
}

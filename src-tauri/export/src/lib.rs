//! Datasets out of a project: the reviewed figures as CSV, JSONL or XLSX (one
//! row per figure, corrected values with the originals beside them, review
//! status and provenance), or as a wide panel CSV (one row per jurisdiction ×
//! period) with a codebook beside it.
//!
//! Where to start: [`export`] with [`Options`]. The project is read one report
//! at a time and rows are written as they come (XLSX sheets in constant-memory
//! mode), so memory is bounded by the largest report, not by the project. The
//! file appears only when complete: rows go to a temporary file in the same
//! folder, renamed at the end.
//!
//! ```
//! # let dir = tempfile::tempdir().unwrap();
//! # let mut project = gwr_store::Project::open(&dir.path().join("p.gwr")).unwrap();
//! # let doc = gwr_load::load_bytes("r.txt", "各位代表：\n生产总值827亿元。".as_bytes()).unwrap();
//! # project.import(&doc, &gwr_extract::extract(&doc), "test").unwrap();
//! use gwr_export::{export, Format, Options, Scope};
//! let options = Options { format: Format::Csv, scope: vec![Scope::All], report: None, bom: true };
//! let out = dir.path().join("figures.csv");
//! let summary = export(&project, &options, &out, &mut |p| {
//!     eprintln!("{}/{}", p.done, p.total);
//!     true // keep going
//! })
//! .unwrap();
//! assert_eq!(summary.path, out);
//! ```

mod panel;
mod row;
mod sinks;

use std::path::{Path, PathBuf};

use gwr_store::{DatasetFigure, Project, ReportDataset, StoreError};

pub use panel::PanelColumn;
pub use row::{figure_cells, report_cells, Cell, COLUMNS, REPORT_COLUMNS};
pub use sinks::xlsx_text;

use panel::{Panel, PANEL_KEYS};
use sinks::{CsvSink, JsonlSink, Sink, XlsxSink};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Jsonl,
    Xlsx,
    PanelCsv,
}

/// Which figures to export. Several scopes narrow each other
/// (`[Accepted, Catalog]`: kept figures of catalog indicators).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    All,
    /// Decided by someone (accepted, corrected, rejected) or disputed.
    Reviewed,
    /// Accepted or corrected: the verified dataset.
    Accepted,
    /// A catalog indicator (after correction).
    Catalog,
}

impl Scope {
    pub fn admits(self, f: &DatasetFigure) -> bool {
        use gwr_store::Status;
        match self {
            Scope::All => true,
            Scope::Reviewed => f.is_reviewed(),
            Scope::Accepted => {
                matches!(f.record.state.status, Status::Accepted | Status::Corrected)
            }
            Scope::Catalog => f.record.state.current.indicator.is_some(),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    pub format: Format,
    /// All must admit a figure; empty means all figures.
    pub scope: Vec<Scope>,
    /// One report, or the whole project.
    pub report: Option<i64>,
    /// CSV for Excel: start with a UTF-8 byte order mark, so Excel reads
    /// Chinese, and put an apostrophe before text Excel would run as a
    /// formula (`=HYPERLINK(…)` in a scraped sentence). Without it, every
    /// text is written exactly as stored, for pandas, R or Stata.
    pub bom: bool,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            format: Format::Csv,
            scope: vec![Scope::All],
            report: None,
            bom: false,
        }
    }
}

/// Figures read so far out of those in the selected reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub done: u64,
    pub total: u64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    pub path: PathBuf,
    /// Figure rows written (for the panel: figures that filled a cell or were
    /// considered for one).
    pub figures: u64,
    /// Figures read.
    pub scanned: u64,
    pub reports: usize,
    /// XLSX cells cut to Excel's 32 767 characters.
    pub truncated_cells: u64,
    pub panel: Option<PanelSummary>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PanelSummary {
    pub rows: usize,
    pub columns: Vec<PanelColumn>,
    /// Figures in scope left out: rejected, disputed, or without jurisdiction.
    pub skipped: u64,
    /// `<file>.columns.csv`: each column's indicator, measure, kind and unit.
    pub codebook: PathBuf,
}

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("cannot write {path}: {why}; check that the folder exists and is writable, or choose another file")]
    Write { path: PathBuf, why: String },
    #[error("export cancelled; {path} was not written")]
    Cancelled { path: PathBuf },
}

/// How often the progress callback hears from a long export.
const PROGRESS_EVERY: u64 = 4096;

/// Export the project's figures to `out`. `progress` is called every few
/// thousand figures and at the end of each report; returning `false` cancels
/// the export and leaves no file.
pub fn export(
    project: &Project,
    options: &Options,
    out: &Path,
    progress: &mut dyn FnMut(Progress) -> bool,
) -> Result<Summary, ExportError> {
    let write_err = |why: String| ExportError::Write {
        path: out.to_path_buf(),
        why,
    };
    let ids = match options.report {
        Some(id) => {
            // Fails with "report N does not exist" before any file is made.
            project.report_dataset(id)?;
            vec![id]
        }
        None => project.report_ids()?,
    };
    let total = project.figure_total(options.report)?;
    // The panel is written at the end from its cells; the others stream.
    let mut temp = None;
    let sink: Option<Box<dyn Sink>> = match options.format {
        Format::PanelCsv => None,
        format => {
            let (file, path) = temp_beside(out)?;
            temp = Some(path);
            Some(match format {
                Format::Jsonl => Box::new(JsonlSink::new(file)),
                Format::Xlsx => Box::new(XlsxSink::new(file).map_err(write_err)?),
                _ => Box::new(CsvSink::new(file, options.bom, COLUMNS).map_err(write_err)?),
            })
        }
    };
    let mut panel = Panel::default();
    let (mut done, mut written) = (0u64, 0u64);
    // Reading (SQLite, JSON, replay) and writing (formatting) cost about the
    // same: a writer thread overlaps them. At most two reports wait between.
    let sink = std::thread::scope(|scope| -> Result<Option<Box<dyn Sink>>, ExportError> {
        let (tx, rx) = std::sync::mpsc::sync_channel::<(ReportDataset, Vec<bool>)>(2);
        let writer = sink.map(|mut sink| {
            scope.spawn(move || -> Result<Box<dyn Sink>, String> {
                for (ds, keep) in rx {
                    let mut cells = Vec::with_capacity(COLUMNS.len());
                    let mut n = 0;
                    for (f, _) in ds.figures.iter().zip(&keep).filter(|(_, k)| **k) {
                        row::figure_cells(&ds, f, &mut cells);
                        sink.row(&cells)?;
                        n += 1;
                    }
                    sink.report(&row::report_cells(&ds.report, n))?;
                }
                Ok(sink)
            })
        });
        let tx = writer.is_some().then_some(tx);
        let mut read = || -> Result<(), ExportError> {
            for id in &ids {
                let ds = project.report_dataset(*id)?;
                let mut keep = Vec::with_capacity(ds.figures.len());
                for f in &ds.figures {
                    done += 1;
                    if done % PROGRESS_EVERY == 0 && !progress(Progress { done, total }) {
                        return Err(ExportError::Cancelled {
                            path: out.to_path_buf(),
                        });
                    }
                    let admitted = options.scope.iter().all(|s| s.admits(f));
                    written += u64::from(admitted);
                    if admitted && tx.is_none() {
                        panel.add(&ds, f);
                    }
                    keep.push(admitted);
                }
                if let Some(tx) = &tx {
                    // A closed channel means the writer failed; its error follows.
                    if tx.send((ds, keep)).is_err() {
                        break;
                    }
                }
                if !progress(Progress { done, total }) {
                    return Err(ExportError::Cancelled {
                        path: out.to_path_buf(),
                    });
                }
            }
            Ok(())
        };
        let read = read();
        drop(tx);
        let sink = match writer {
            Some(handle) => Some(
                handle
                    .join()
                    .map_err(|_| write_err("the writer stopped unexpectedly".into()))?
                    .map_err(write_err)?,
            ),
            None => None,
        };
        read?;
        Ok(sink)
    })?;
    let (truncated, panel) = match (sink, temp) {
        (Some(s), Some(temp)) => {
            let truncated = s.finish().map_err(write_err)?;
            temp.persist(out).map_err(|e| write_err(e.to_string()))?;
            (truncated, None)
        }
        _ => (0, Some(write_panel(&panel, out, options.bom)?)),
    };
    Ok(Summary {
        path: out.to_path_buf(),
        figures: written,
        scanned: done,
        reports: ids.len(),
        truncated_cells: truncated,
        panel,
    })
}

/// A temporary file in `out`'s folder, renamed over `out` once complete, so
/// a failed or cancelled export never leaves half a file.
fn temp_beside(out: &Path) -> Result<(std::fs::File, tempfile::TempPath), ExportError> {
    let dir = out
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut builder = tempfile::Builder::new();
    builder.prefix(".gwr-export-");
    // A temporary file is private (0600); a dataset is an ordinary file.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o644));
    // The temporary file's own name would only confuse: say what went wrong.
    let tmp = builder.tempfile_in(dir).map_err(|e| ExportError::Write {
        path: out.to_path_buf(),
        why: e.kind().to_string(),
    })?;
    Ok(tmp.into_parts())
}

/// `panel.csv` → `panel.columns.csv`.
pub fn codebook_path(out: &Path) -> PathBuf {
    let stem = out
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "panel".into());
    out.with_file_name(format!("{stem}.columns.csv"))
}

fn write_panel(panel: &Panel, out: &Path, bom: bool) -> Result<PanelSummary, ExportError> {
    let (order, columns) = panel.columns();
    let mut header: Vec<&str> = PANEL_KEYS.to_vec();
    header.extend(columns.iter().map(|c| c.name.as_str()));
    let (file, temp) = temp_beside(out)?;
    let err = |path: &Path| {
        let path = path.to_path_buf();
        move |why: String| ExportError::Write { path, why }
    };
    let mut sink = CsvSink::new(file, bom, &header).map_err(err(out))?;
    for cells in panel.rows(&order) {
        sink.row(&cells).map_err(err(out))?;
    }
    Box::new(sink).finish().map_err(err(out))?;

    let codebook = codebook_path(out);
    let (file, book_temp) = temp_beside(&codebook)?;
    let mut book = CsvSink::new(
        file,
        bom,
        &[
            "column",
            "indicator",
            "measure",
            "kind",
            "unit",
            "cells",
            "disagreements",
        ],
    )
    .map_err(err(&codebook))?;
    for c in &columns {
        book.text_row(&[
            c.name.clone(),
            c.indicator.clone(),
            c.measure.clone(),
            c.kind.clone(),
            c.unit.clone(),
            c.cells.to_string(),
            c.disagreements.to_string(),
        ])
        .map_err(err(&codebook))?;
    }
    Box::new(book).finish().map_err(err(&codebook))?;
    temp.persist(out).map_err(|e| err(out)(e.to_string()))?;
    book_temp
        .persist(&codebook)
        .map_err(|e| err(&codebook)(e.to_string()))?;
    Ok(PanelSummary {
        rows: panel.row_count(),
        columns,
        skipped: panel.skipped,
        codebook,
    })
}

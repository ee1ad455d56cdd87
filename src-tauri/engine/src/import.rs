//! Importing files into a project: load, extract, store, one file at a time.
//! One bad file never stops the batch and never leaves partial rows.

use std::path::{Path, PathBuf};

use gwr_store::{ImportOutcome, Project, StoreError};

use crate::extractor_version;

#[derive(Debug, Clone, PartialEq)]
pub enum FileOutcome {
    Imported {
        report_id: i64,
        figures: usize,
    },
    /// Already in the project (same bytes).
    Duplicate {
        report_id: i64,
    },
    /// Loading or storing failed; the message names the file and what to do.
    Failed(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct FileResult {
    pub path: PathBuf,
    pub outcome: FileOutcome,
}

/// Import each file; `progress(done, total, path)` is called before each file
/// and once at the end. Stops early only when the project itself fails (the
/// remaining files are reported as failed with that reason).
pub fn import_files(
    project: &mut Project,
    paths: &[PathBuf],
    mut progress: impl FnMut(usize, usize, &Path),
) -> Vec<FileResult> {
    let total = paths.len();
    let mut results = Vec::with_capacity(total);
    let mut fatal: Option<String> = None;
    for (i, path) in paths.iter().enumerate() {
        progress(i, total, path);
        let outcome = match &fatal {
            Some(why) => FileOutcome::Failed(format!("{}: not imported: {why}", path.display())),
            None => match import_one(project, path) {
                Ok(o) => o,
                Err(ImportError::File(msg)) => FileOutcome::Failed(msg),
                Err(ImportError::Project(e)) => {
                    let msg = e.to_string();
                    fatal = Some(msg.clone());
                    FileOutcome::Failed(format!("{}: not imported: {msg}", path.display()))
                }
            },
        };
        results.push(FileResult {
            path: path.clone(),
            outcome,
        });
    }
    if let Some(last) = paths.last() {
        progress(total, total, last);
    }
    results
}

enum ImportError {
    File(String),
    Project(StoreError),
}

fn import_one(project: &mut Project, path: &Path) -> Result<FileOutcome, ImportError> {
    let doc = gwr_load::load_path(path).map_err(|e| ImportError::File(e.to_string()))?;
    if let Some(report_id) = project
        .report_by_hash(&doc.source.sha256)
        .map_err(ImportError::Project)?
    {
        return Ok(FileOutcome::Duplicate { report_id });
    }
    let figures = gwr_extract::extract(&doc);
    match project.import(&doc, &figures, extractor_version()) {
        Ok(ImportOutcome::Imported(report_id)) => Ok(FileOutcome::Imported {
            report_id,
            figures: figures.len(),
        }),
        Ok(ImportOutcome::Duplicate(report_id)) => Ok(FileOutcome::Duplicate { report_id }),
        Err(
            e @ (StoreError::Locked { .. } | StoreError::ReadOnly { .. } | StoreError::Open { .. }),
        ) => Err(ImportError::Project(e)),
        Err(e) => Err(ImportError::File(format!(
            "{}: could not be stored: {e}",
            path.display()
        ))),
    }
}

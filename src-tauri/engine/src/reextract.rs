//! Re-extraction after an engine upgrade: each report is loaded and extracted
//! again from its stored original bytes, and the store swaps the figures in,
//! keeping every review decision attached (see `gwr_store::Reextraction`).
//! One report failing never stops the others.

use gwr_store::{Project, Reextraction, StoreError};

use crate::extractor_version;

#[derive(Debug, Clone, PartialEq)]
pub struct ReportReextraction {
    pub report_id: i64,
    pub file_name: String,
    /// What changed, or why this report was left as it was.
    pub outcome: Result<Reextraction, String>,
}

impl ReportReextraction {
    /// One line: what re-extracting the report did, or why it failed.
    pub fn summary(&self) -> String {
        let x = match &self.outcome {
            Ok(x) => x,
            Err(why) => return why.clone(),
        };
        format!(
            "{}: {} unchanged, {} updated, {} new, {} removed; {} reviewed re-attached, {} reopened, {} not re-attached{}",
            self.file_name,
            x.unchanged,
            x.updated,
            x.added,
            x.removed,
            x.reattached,
            x.reopened.len(),
            x.unattached.len(),
            if x.text_changed { "; clean text changed" } else { "" }
        )
    }

    /// One line per figure a reviewer should look at again: a reviewed
    /// reading the new extractor reads otherwise, a rejected figure to
    /// review again, a reviewed figure no longer extracted.
    pub fn details(&self) -> Vec<String> {
        let Ok(x) = &self.outcome else {
            return Vec::new();
        };
        let kept = x.disagreements.iter().map(|d| {
            format!(
                "kept reviewed reading of figure {} `{}`: {} (new extractor: {})",
                d.figure_id, d.text, d.reviewed, d.extracted
            )
        });
        let reopened = x.reopened.iter().map(|d| {
            format!(
                "figure {} `{}` was rejected as {}; now read as {}: to review again as figure {}",
                d.figure_id,
                d.text,
                d.reviewed,
                d.extracted,
                d.new_figure_id.map_or("?".into(), |id| id.to_string())
            )
        });
        let unattached = x.unattached.iter().map(|u| {
            format!(
                "not re-attached: figure {} `{}` ({}) is no longer extracted; kept with its decisions",
                u.figure_id,
                u.text,
                u.status.as_str()
            )
        });
        kept.chain(reopened).chain(unattached).collect()
    }
}

/// Which reports to re-extract.
#[derive(Debug, Clone, PartialEq)]
pub enum Selection {
    /// Reports extracted by another engine version than this one.
    Stale,
    All,
    Reports(Vec<i64>),
}

/// Reports `selection` picks, with their file names.
pub fn selected(
    project: &Project,
    selection: &Selection,
) -> Result<Vec<(i64, String)>, StoreError> {
    let reports = project.reports()?;
    if let Selection::Reports(ids) = selection {
        if let Some(missing) = ids.iter().find(|id| !reports.iter().any(|r| r.id == **id)) {
            return Err(StoreError::NotFound {
                what: "report",
                id: *missing,
            });
        }
    }
    Ok(reports
        .into_iter()
        .filter(|r| match selection {
            Selection::Stale => r.extractor != extractor_version(),
            Selection::All => true,
            Selection::Reports(ids) => ids.contains(&r.id),
        })
        .map(|r| (r.id, r.file_name))
        .collect())
}

/// Re-extract the selected reports; `progress(done, total, file_name)` before
/// each report. Stops early only when the project itself fails.
pub fn reextract(
    project: &mut Project,
    selection: &Selection,
    mut progress: impl FnMut(usize, usize, &str),
) -> Result<Vec<ReportReextraction>, StoreError> {
    let reports = selected(project, selection)?;
    let total = reports.len();
    let mut out = Vec::with_capacity(total);
    for (i, (report_id, file_name)) in reports.into_iter().enumerate() {
        progress(i, total, &file_name);
        let outcome = match reextract_one(project, report_id) {
            Ok(r) => Ok(r),
            Err(OneError::Report(why)) => Err(why),
            Err(OneError::Project(e)) => return Err(e),
        };
        out.push(ReportReextraction {
            report_id,
            file_name,
            outcome,
        });
    }
    progress(total, total, "");
    Ok(out)
}

enum OneError {
    Report(String),
    Project(StoreError),
}

fn reextract_one(project: &mut Project, report_id: i64) -> Result<Reextraction, OneError> {
    let stored = project.document(report_id).map_err(OneError::Project)?;
    let name = &stored.source.file_name;
    let mut doc = gwr_load::load_bytes(name, &stored.raw).map_err(|why| {
        OneError::Report(format!(
            "{name} (report {report_id}): this version cannot load it any more ({}); its figures and decisions are unchanged",
            why.0
        ))
    })?;
    // Metadata a reviewer corrected decides periods, so it wins over detection.
    let (m, found) = (&stored.metadata, doc.metadata.clone());
    doc.metadata.jurisdiction = m.jurisdiction.clone().or(found.jurisdiction);
    doc.metadata.admin_code = m.admin_code.clone().or(found.admin_code);
    doc.metadata.level = m.level.or(found.level);
    doc.metadata.report_year = m.report_year.or(found.report_year);
    doc.metadata.meeting_date = m.meeting_date.clone().or(found.meeting_date);
    doc.metadata.speaker = m.speaker.clone().or(found.speaker);
    doc.metadata.speaker_title = m.speaker_title.clone().or(found.speaker_title);
    doc.metadata.title = m.title.clone().or(found.title);
    doc.source.path = stored.source.path.clone();
    let figures = gwr_extract::extract(&doc);
    project
        .reextract(report_id, &doc, &figures, extractor_version())
        .map_err(|e| match e {
            e @ (StoreError::Locked { .. }
            | StoreError::ReadOnly { .. }
            | StoreError::Open { .. }) => OneError::Project(e),
            e => OneError::Report(format!(
                "{name} (report {report_id}): not re-extracted: {e}"
            )),
        })
}

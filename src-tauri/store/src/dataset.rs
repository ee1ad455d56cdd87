//! Reading the project for a dataset export, one report at a time, so memory
//! is bounded by the largest report rather than by the project: each report
//! comes with its figures in reading order, their verdicts (see
//! [`crate::Verdict`]) and the source sentences.

use std::collections::HashMap;

use gwr_extract::Figure;
use gwr_load::{Level, Metadata};

use crate::bundle::{verdict, Basis, FigureLogs, Position};
use crate::figure_row::{read_figure, FIGURE_COLUMNS};
use crate::review::{DecisionRecord, Status};
use crate::{FigureRecord, Project, ReportSummary, Result, StoreError};

/// One report, ready to export.
#[derive(Debug, Clone)]
pub struct ReportDataset {
    /// Metadata and counts; `reviewed_count` counts figures with a verdict
    /// (a conflict counts as reviewed).
    pub report: ReportSummary,
    pub figures: Vec<DatasetFigure>,
    text: String,
    /// Byte ranges of the sentences in `text`, by sentence index.
    sentences: Vec<(usize, usize)>,
}

/// A figure with its verdict: `record.state` is the state the dataset uses.
#[derive(Debug, Clone, PartialEq)]
pub struct DatasetFigure {
    pub record: FigureRecord,
    pub basis: Basis,
    /// Each reviewer's own state of the figure (adjudicators excluded).
    pub positions: Vec<Position>,
}

impl DatasetFigure {
    /// `unreviewed`, `accepted`, `corrected`, `rejected`, or `conflict`.
    pub fn status_label(&self) -> &'static str {
        if self.basis == Basis::Conflict {
            "conflict"
        } else {
            self.record.state.status.as_str()
        }
    }

    /// Reviewed: decided by someone, or disputed.
    pub fn is_reviewed(&self) -> bool {
        self.basis == Basis::Conflict || self.record.state.status != Status::Unreviewed
    }
}

impl ReportDataset {
    /// The report's stored text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The source sentence of a figure (empty if its index is out of range).
    pub fn sentence(&self, f: &Figure) -> &str {
        self.sentences
            .get(f.sentence)
            .map(|&(a, b)| &self.text[a..b])
            .unwrap_or("")
    }
}

impl Project {
    /// Report ids in the order of [`Project::reports`] (jurisdiction, year).
    pub fn report_ids(&self) -> Result<Vec<i64>> {
        let mut st = self
            .conn
            .prepare("SELECT id FROM report ORDER BY jurisdiction, report_year, id")?;
        let ids = st
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(ids)
    }

    /// Figures (not retired) of one report or of the whole project: the total
    /// a progress bar counts up to.
    pub fn figure_total(&self, report: Option<i64>) -> Result<u64> {
        let n: i64 = match report {
            Some(id) => self.conn.query_row(
                "SELECT COUNT(*) FROM figure WHERE retired = 0 AND report_id = ?1",
                [id],
                |r| r.get(0),
            )?,
            None => {
                self.conn
                    .query_row("SELECT COUNT(*) FROM figure WHERE retired = 0", [], |r| {
                        r.get(0)
                    })?
            }
        };
        Ok(n as u64)
    }

    /// One report with its figures, verdicts and sentences.
    pub fn report_dataset(&self, report_id: i64) -> Result<ReportDataset> {
        let (mut report, text) = self.report_row(report_id)?;
        let sentences = self.sentence_bytes(report_id, &text)?;
        let mut logs = self.figure_logs(report_id)?;
        let mut st = self.conn.prepare_cached(&format!(
            "SELECT id, ord, added_by, {FIGURE_COLUMNS} FROM figure
             WHERE report_id = ?1 AND retired = 0 ORDER BY start, ord"
        ))?;
        let mut rows = st.query([report_id])?;
        let mut figures = Vec::new();
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            let original = read_figure(r, 3)?;
            let v = verdict(&original, logs.remove(&id).unwrap_or_default());
            figures.push(DatasetFigure {
                record: FigureRecord {
                    id,
                    report_id,
                    ord: r.get(1)?,
                    original,
                    state: v.state,
                    added_by: r.get(2)?,
                },
                basis: v.basis,
                positions: v.positions,
            });
        }
        report.figure_count = figures.len();
        report.catalog_count = figures
            .iter()
            .filter(|f| f.record.original.indicator.is_some())
            .count();
        report.reviewed_count = figures.iter().filter(|f| f.is_reviewed()).count();
        report.flagged_count = figures
            .iter()
            .filter(|f| !f.record.original.flags.is_empty())
            .count();
        Ok(ReportDataset {
            report,
            figures,
            text,
            sentences,
        })
    }

    fn report_row(&self, id: i64) -> Result<(ReportSummary, String)> {
        use rusqlite::OptionalExtension;
        self.conn
            .query_row(
                "SELECT file_name, source_path, sha256, jurisdiction, admin_code, level, report_year,
                        meeting_date, speaker, speaker_title, title, imported_at, extractor, text
                 FROM report WHERE id = ?1",
                [id],
                |r| {
                    let summary = ReportSummary {
                        id,
                        file_name: r.get(0)?,
                        source_path: r.get(1)?,
                        sha256: r.get(2)?,
                        metadata: Metadata {
                            jurisdiction: r.get(3)?,
                            admin_code: r.get(4)?,
                            level: r
                                .get::<_, Option<String>>(5)?
                                .and_then(|l| Level::parse(&l)),
                            report_year: r.get(6)?,
                            meeting_date: r.get(7)?,
                            speaker: r.get(8)?,
                            speaker_title: r.get(9)?,
                            title: r.get(10)?,
                        },
                        figure_count: 0,
                        catalog_count: 0,
                        reviewed_count: 0,
                        flagged_count: 0,
                        imported_at: r.get(11)?,
                        extractor: r.get(12)?,
                    };
                    Ok((summary, r.get(13)?))
                },
            )
            .optional()?
            .ok_or(StoreError::NotFound { what: "report", id })
    }

    /// Sentence character ranges turned into byte ranges of `text` once, so
    /// each figure's sentence is a slice.
    fn sentence_bytes(&self, report_id: i64, text: &str) -> Result<Vec<(usize, usize)>> {
        let cursor = gwr_load::CharCursor::new(text);
        let mut st = self.conn.prepare_cached(
            "SELECT start, \"end\" FROM sentence WHERE report_id = ?1 ORDER BY ord",
        )?;
        let rows = st.query_map([report_id], |r| {
            let (s, e): (i64, i64) = (r.get(0)?, r.get(1)?);
            let s = cursor.byte_of(s.max(0) as usize);
            let e = cursor.byte_of(e.max(0) as usize);
            Ok((s, e.max(s)))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every decision on the report's figures, this project's and merged
    /// ones, grouped by figure, oldest first.
    pub(crate) fn figure_logs(&self, report_id: i64) -> Result<HashMap<i64, FigureLogs>> {
        let mut out: HashMap<i64, FigureLogs> = HashMap::new();
        for (table, merged) in [("decision", false), ("merged_decision", true)] {
            let sql = format!(
                "SELECT d.id, d.figure_id, d.reviewer, d.at, d.action, d.fields, d.comment, d.undoes, d.role
                 FROM {table} d JOIN figure f ON f.id = d.figure_id WHERE f.report_id = ?1 ORDER BY d.id"
            );
            let mut st = self.conn.prepare_cached(&sql)?;
            let mut rows = st.query([report_id])?;
            while let Some(r) = rows.next()? {
                let (d, adjudicator) = decision_row(r)?;
                let logs = out.entry(d.figure_id).or_default();
                if merged {
                    logs.merged.push((d, adjudicator));
                } else {
                    logs.local.push((d, adjudicator));
                }
            }
        }
        Ok(out)
    }
}

/// A decision row selected as `id, figure_id, reviewer, at, action, fields,
/// comment, undoes, role`, and whether it is an adjudicator's.
pub(crate) fn decision_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<(DecisionRecord, bool)> {
    let fields: Option<String> = r.get(5)?;
    let role: String = r.get(8)?;
    Ok((
        DecisionRecord {
            id: r.get(0)?,
            figure_id: r.get(1)?,
            reviewer: r.get(2)?,
            at: r.get(3)?,
            action: r.get(4)?,
            correction: fields.and_then(|f| serde_json::from_str(&f).ok()),
            comment: r.get(6)?,
            undoes: r.get(7)?,
            undone: false,
        },
        role == crate::bundle::ADJUDICATOR,
    ))
}

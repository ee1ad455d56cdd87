//! Reading the project: reports with their counts, a report's stored text and
//! structure, figures with their review state.

use std::collections::HashMap;

use gwr_extract::Figure;
use gwr_load::{Document, Format, Level, Metadata, Paragraph, Section, Sentence, Source, Span};
use rusqlite::{params, OptionalExtension, Row};

use crate::figure_row::{read_figure, FIGURE_COLUMNS};
use crate::import::origin_from_blob;
use crate::review::{replay, DecisionRecord, ReviewState, Status};
use crate::{Project, Result, StoreError};

#[derive(Debug, Clone, PartialEq)]
pub struct ReportSummary {
    pub id: i64,
    pub file_name: String,
    pub source_path: String,
    pub sha256: String,
    pub metadata: Metadata,
    pub figure_count: usize,
    /// Figures of a catalog indicator (not `indicator: null`).
    pub catalog_count: usize,
    pub reviewed_count: usize,
    pub flagged_count: usize,
    pub imported_at: String,
    pub extractor: String,
}

/// A figure as stored, with its state from the log.
#[derive(Debug, Clone, PartialEq)]
pub struct FigureRecord {
    pub id: i64,
    pub report_id: i64,
    pub ord: i64,
    /// As extracted (or as added by a reviewer).
    pub original: Figure,
    pub state: ReviewState,
    pub added_by: Option<String>,
}

/// Corrected report metadata; `None` clears a field.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MetadataPatch {
    pub jurisdiction: Option<String>,
    pub level: Option<Level>,
    pub report_year: Option<i32>,
    pub meeting_date: Option<String>,
    pub speaker: Option<String>,
    pub speaker_title: Option<String>,
}

/// Everything stored about one report.
pub type StoredReport = Document;

const SUMMARY_COLS: &str =
    "id, file_name, source_path, sha256, jurisdiction, admin_code, level, report_year,
    meeting_date, speaker, speaker_title, title, imported_at, extractor";

fn metadata_from(r: &Row<'_>, at: usize) -> rusqlite::Result<Metadata> {
    Ok(Metadata {
        jurisdiction: r.get(at)?,
        admin_code: r.get(at + 1)?,
        level: r
            .get::<_, Option<String>>(at + 2)?
            .and_then(|l| Level::parse(&l)),
        report_year: r.get(at + 3)?,
        meeting_date: r.get(at + 4)?,
        speaker: r.get(at + 5)?,
        speaker_title: r.get(at + 6)?,
        title: r.get(at + 7)?,
    })
}

/// An enum from its serde name (`multi_year_review`).
fn from_name<T: serde::de::DeserializeOwned>(s: String) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(s)).ok()
}

impl Project {
    /// All reports, by jurisdiction and year, with figure and review counts.
    pub fn reports(&self) -> Result<Vec<ReportSummary>> {
        let sql =
            format!("SELECT {SUMMARY_COLS} FROM report ORDER BY jurisdiction, report_year, id");
        let mut st = self.conn.prepare(&sql)?;
        let mut out: Vec<ReportSummary> = st
            .query_map([], |r| {
                Ok(ReportSummary {
                    id: r.get(0)?,
                    file_name: r.get(1)?,
                    source_path: r.get(2)?,
                    sha256: r.get(3)?,
                    metadata: metadata_from(r, 4)?,
                    figure_count: 0,
                    catalog_count: 0,
                    reviewed_count: 0,
                    flagged_count: 0,
                    imported_at: r.get(12)?,
                    extractor: r.get(13)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        for s in &mut out {
            let figures = self.figures(s.id)?;
            s.figure_count = figures.len();
            s.catalog_count = figures
                .iter()
                .filter(|f| f.original.indicator.is_some())
                .count();
            s.reviewed_count = figures
                .iter()
                .filter(|f| f.state.status != Status::Unreviewed)
                .count();
            s.flagged_count = figures
                .iter()
                .filter(|f| !f.original.flags.is_empty())
                .count();
        }
        Ok(out)
    }

    pub fn report_summary(&self, id: i64) -> Result<ReportSummary> {
        self.reports()?
            .into_iter()
            .find(|r| r.id == id)
            .ok_or(StoreError::NotFound { what: "report", id })
    }

    /// The stored document of a report, as it was loaded (metadata as edited).
    pub fn document(&self, id: i64) -> Result<StoredReport> {
        let row = self
            .conn
            .query_row(
                "SELECT file_name, source_path, sha256, format, encoding, byte_len, raw, text, match_text, origin, notes,
                        jurisdiction, admin_code, level, report_year, meeting_date, speaker, speaker_title, title
                 FROM report WHERE id = ?1",
                [id],
                |r| {
                    let format: String = r.get(3)?;
                    let notes: String = r.get(10)?;
                    let origin: Vec<u8> = r.get(9)?;
                    Ok(Document {
                        source: Source {
                            file_name: r.get(0)?,
                            path: r.get(1)?,
                            sha256: r.get(2)?,
                            format: serde_json::from_value(serde_json::Value::String(format)).unwrap_or(Format::Text),
                            encoding: r.get(4)?,
                            byte_len: r.get::<_, i64>(5)? as u64,
                        },
                        raw: r.get(6)?,
                        text: r.get(7)?,
                        match_text: r.get(8)?,
                        origin: origin_from_blob(&origin),
                        sections: Vec::new(),
                        paragraphs: Vec::new(),
                        sentences: Vec::new(),
                        garbled: Vec::new(),
                        metadata: metadata_from(r, 11)?,
                        notes: notes.lines().map(String::from).collect(),
                    })
                },
            )
            .optional()?;
        let mut doc = row.ok_or(StoreError::NotFound { what: "report", id })?;
        let mut st = self.conn.prepare(
            "SELECT heading, start, \"end\", part, year_from, year_to FROM section WHERE report_id = ?1 ORDER BY ord",
        )?;
        doc.sections = st
            .query_map([id], |r| {
                let from: Option<i32> = r.get(4)?;
                let to: Option<i32> = r.get(5)?;
                Ok(Section {
                    heading: r.get(0)?,
                    start: r.get::<_, i64>(1)? as usize,
                    end: r.get::<_, i64>(2)? as usize,
                    part: from_name(r.get(3)?).unwrap_or(gwr_load::Part::Other),
                    years: from.zip(to),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut st = self
            .conn
            .prepare("SELECT start, \"end\", kind, section_ord FROM paragraph WHERE report_id = ?1 ORDER BY ord")?;
        doc.paragraphs = st
            .query_map([id], |r| {
                Ok(Paragraph {
                    start: r.get::<_, i64>(0)? as usize,
                    end: r.get::<_, i64>(1)? as usize,
                    kind: from_name(r.get(2)?).unwrap_or(gwr_load::ParagraphKind::Body),
                    section: r.get::<_, Option<i64>>(3)?.map(|s| s as usize),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        doc.sentences = self.sentences(id)?;
        let mut st = self
            .conn
            .prepare("SELECT start, \"end\" FROM garbled WHERE report_id = ?1")?;
        doc.garbled = st
            .query_map([id], |r| {
                Ok(Span {
                    start: r.get::<_, i64>(0)? as usize,
                    end: r.get::<_, i64>(1)? as usize,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(doc)
    }

    /// A report's stored sentences, in order.
    pub(crate) fn sentences(&self, report_id: i64) -> Result<Vec<Sentence>> {
        let mut st = self.conn.prepare_cached(
            "SELECT start, \"end\", paragraph_ord FROM sentence WHERE report_id = ?1 ORDER BY ord",
        )?;
        let rows = st
            .query_map([report_id], |r| {
                Ok(Sentence {
                    start: r.get::<_, i64>(0)? as usize,
                    end: r.get::<_, i64>(1)? as usize,
                    paragraph: r.get::<_, i64>(2)? as usize,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// The figures of a report in reading order, each with its review state.
    pub fn figures(&self, report_id: i64) -> Result<Vec<FigureRecord>> {
        let mut by_figure: HashMap<i64, Vec<DecisionRecord>> = HashMap::new();
        for d in self.report_log(report_id)? {
            by_figure.entry(d.figure_id).or_default().push(d);
        }
        let mut st = self.conn.prepare(&format!(
            "SELECT id, report_id, ord, added_by, {FIGURE_COLUMNS} FROM figure
             WHERE report_id = ?1 AND retired = 0 ORDER BY start, ord"
        ))?;
        let rows = st.query_map([report_id], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, Option<String>>(3)?,
                read_figure(r, 4)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, report_id, ord, added_by, original) = row?;
            let log = by_figure.remove(&id).unwrap_or_default();
            let state = replay(&original, &log);
            out.push(FigureRecord {
                id,
                report_id,
                ord,
                original,
                state,
                added_by,
            });
        }
        Ok(out)
    }

    /// One figure with its state.
    pub fn figure(&self, figure_id: i64) -> Result<FigureRecord> {
        let report_id: i64 = self
            .conn
            .query_row(
                "SELECT report_id FROM figure WHERE id = ?1",
                [figure_id],
                |r| r.get(0),
            )
            .optional()?
            .ok_or(StoreError::NotFound {
                what: "figure",
                id: figure_id,
            })?;
        self.figures(report_id)?
            .into_iter()
            .find(|f| f.id == figure_id)
            .ok_or(StoreError::NotFound {
                what: "figure",
                id: figure_id,
            })
    }

    /// Correct a report's detected metadata.
    pub fn update_metadata(&mut self, report_id: i64, patch: &MetadataPatch) -> Result<()> {
        if let Some(y) = patch.report_year {
            if !(1949..=2100).contains(&y) {
                return Err(StoreError::Invalid(format!(
                    "{y} is not a plausible report year"
                )));
            }
        }
        self.write(|tx| {
            let n = tx.execute(
                "UPDATE report SET jurisdiction = ?2, level = ?3, report_year = ?4, meeting_date = ?5, speaker = ?6,
                     speaker_title = ?7 WHERE id = ?1",
                params![
                    report_id,
                    patch.jurisdiction,
                    patch.level.map(|l| l.as_str()),
                    patch.report_year,
                    patch.meeting_date,
                    patch.speaker,
                    patch.speaker_title
                ],
            )?;
            if n == 0 {
                return Err(StoreError::NotFound { what: "report", id: report_id });
            }
            Ok(())
        })
    }
}

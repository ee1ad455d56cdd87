//! Importing a loaded report and its figures: one transaction, so a failure
//! leaves no partial rows; the same bytes twice are detected, not duplicated.

use gwr_extract::Figure;
use gwr_load::Document;
use rusqlite::{params, OptionalExtension};

use crate::figure_row::{write_figure, INSERT_FIGURE};
use crate::{now, Project, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportOutcome {
    Imported(i64),
    /// The same file (by SHA-256) is already in the project as this report.
    Duplicate(i64),
}

impl Project {
    /// The report with these bytes, if already imported.
    pub fn report_by_hash(&self, sha256: &str) -> Result<Option<i64>> {
        Ok(self
            .conn
            .query_row("SELECT id FROM report WHERE sha256 = ?1", [sha256], |r| {
                r.get(0)
            })
            .optional()?)
    }

    pub fn import(
        &mut self,
        doc: &Document,
        figures: &[Figure],
        extractor: &str,
    ) -> Result<ImportOutcome> {
        if let Some(id) = self.report_by_hash(&doc.source.sha256)? {
            return Ok(ImportOutcome::Duplicate(id));
        }
        self.write(|tx| {
            let m = &doc.metadata;
            tx.execute(
                "INSERT INTO report (file_name, source_path, sha256, format, encoding, byte_len, raw, text, match_text,
                    origin, notes, jurisdiction, admin_code, level, report_year, meeting_date, speaker, speaker_title,
                    title, extractor, imported_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21)",
                params![
                    doc.source.file_name,
                    doc.source.path,
                    doc.source.sha256,
                    serde_json::to_value(doc.source.format).ok().and_then(|v| v.as_str().map(String::from)),
                    doc.source.encoding,
                    doc.source.byte_len as i64,
                    doc.raw,
                    doc.text,
                    doc.match_text,
                    origin_blob(&doc.origin),
                    doc.notes.join("\n"),
                    m.jurisdiction,
                    m.admin_code,
                    m.level.map(|l| l.as_str()),
                    m.report_year,
                    m.meeting_date,
                    m.speaker,
                    m.speaker_title,
                    m.title,
                    extractor,
                    now(),
                ],
            )?;
            let report_id = tx.last_insert_rowid();
            insert_structure(tx, report_id, doc)?;
            insert_sentences(tx, report_id, doc)?;
            insert_figures(tx, report_id, figures)?;
            Ok(ImportOutcome::Imported(report_id))
        })
    }
}

/// Sections, paragraphs and garbled spans (sentences: [`insert_sentences`]).
pub(crate) fn insert_structure(
    tx: &rusqlite::Transaction<'_>,
    report_id: i64,
    doc: &Document,
) -> Result<()> {
    let mut st = tx.prepare(
        "INSERT INTO section (report_id, ord, heading, start, \"end\", part, year_from, year_to) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    for (i, s) in doc.sections.iter().enumerate() {
        st.execute(params![
            report_id,
            i as i64,
            s.heading,
            s.start as i64,
            s.end as i64,
            enum_str(&s.part),
            s.years.map(|y| y.0),
            s.years.map(|y| y.1)
        ])?;
    }
    let mut st = tx.prepare(
        "INSERT INTO paragraph (report_id, ord, start, \"end\", kind, section_ord) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for (i, p) in doc.paragraphs.iter().enumerate() {
        st.execute(params![
            report_id,
            i as i64,
            p.start as i64,
            p.end as i64,
            enum_str(&p.kind),
            p.section.map(|s| s as i64)
        ])?;
    }
    let mut st =
        tx.prepare("INSERT INTO garbled (report_id, start, \"end\") VALUES (?1, ?2, ?3)")?;
    for g in &doc.garbled {
        st.execute(params![report_id, g.start as i64, g.end as i64])?;
    }
    Ok(())
}

/// Sentences with their folded text (what phrase search matches).
pub(crate) fn insert_sentences(
    tx: &rusqlite::Transaction<'_>,
    report_id: i64,
    doc: &Document,
) -> Result<()> {
    // Sentences come in text order: slicing each from the start of the text
    // would be quadratic in the report's length.
    let folded = gwr_load::CharCursor::new(&doc.match_text);
    let mut st = tx.prepare(
        "INSERT INTO sentence (report_id, ord, start, \"end\", paragraph_ord, search_text) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for (i, s) in doc.sentences.iter().enumerate() {
        st.execute(params![
            report_id,
            i as i64,
            s.start as i64,
            s.end as i64,
            s.paragraph as i64,
            folded.slice(s.start, s.end)
        ])?;
    }
    Ok(())
}

fn insert_figures(
    tx: &rusqlite::Transaction<'_>,
    report_id: i64,
    figures: &[Figure],
) -> Result<()> {
    let mut st = tx.prepare(&INSERT_FIGURE)?;
    for (i, f) in figures.iter().enumerate() {
        write_figure(&mut st, report_id, i, None, f)?;
    }
    Ok(())
}

/// The serde name of a unit-like enum (`multi_year_review`).
pub(crate) fn enum_str<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(String::from))
        .unwrap_or_default()
}

pub(crate) fn origin_blob(origin: &[u32]) -> Vec<u8> {
    origin.iter().flat_map(|o| o.to_le_bytes()).collect()
}

pub(crate) fn origin_from_blob(blob: &[u8]) -> Vec<u32> {
    blob.chunks_exact(4)
        .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
        .collect()
}

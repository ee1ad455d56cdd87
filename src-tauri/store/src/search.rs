//! Phrase search over all sentences (FTS5 with the trigram tokenizer, which
//! needs no word segmentation and so works for Chinese), on the folded text.

use rusqlite::params;

use crate::{Project, Result};

#[derive(Debug, Clone, PartialEq)]
pub struct SearchHit {
    pub report_id: i64,
    pub sentence_ord: i64,
    pub start: usize,
    pub end: usize,
    /// The sentence, folded (simplified, half-width).
    pub text: String,
}

/// How often a phrase occurs in one jurisdiction's report of one year.
#[derive(Debug, Clone, PartialEq)]
pub struct PhraseCount {
    pub jurisdiction: Option<String>,
    pub report_year: Option<i32>,
    pub report_id: i64,
    pub count: usize,
}

/// Quote a phrase for FTS5 so punctuation in it is literal.
fn fts_phrase(phrase: &str) -> String {
    format!("\"{}\"", phrase.replace('"', "\"\""))
}

impl Project {
    /// Sentences containing `phrase` (folded first, so traditional finds simplified).
    pub fn search(&self, phrase: &str, limit: usize) -> Result<Vec<SearchHit>> {
        let folded = gwr_load::fold::fold(phrase.trim());
        if folded.is_empty() {
            return Ok(Vec::new());
        }
        let hits = if folded.chars().count() >= 3 {
            let mut st = self.conn.prepare(
                "SELECT s.report_id, s.ord, s.start, s.\"end\", s.search_text FROM sentence_fts
                 JOIN sentence s ON s.id = sentence_fts.rowid
                 WHERE sentence_fts MATCH ?1 ORDER BY s.report_id, s.ord LIMIT ?2",
            )?;
            let rows = st.query_map(params![fts_phrase(&folded), limit as i64], hit)?;
            rows.collect::<rusqlite::Result<_>>()?
        } else {
            // Trigrams cannot match one- or two-character phrases: scan instead.
            let mut st = self.conn.prepare(
                "SELECT report_id, ord, start, \"end\", search_text FROM sentence
                 WHERE instr(search_text, ?1) > 0 ORDER BY report_id, ord LIMIT ?2",
            )?;
            let rows = st.query_map(params![folded, limit as i64], hit)?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        Ok(hits)
    }

    /// Occurrences of `phrase` per report (jurisdiction × year), for timelines.
    pub fn phrase_counts(&self, phrase: &str) -> Result<Vec<PhraseCount>> {
        let folded = gwr_load::fold::fold(phrase.trim());
        let mut counts: Vec<PhraseCount> = Vec::new();
        let mut st = self
            .conn
            .prepare("SELECT id, jurisdiction, report_year FROM report ORDER BY jurisdiction, report_year, id")?;
        let reports: Vec<(i64, Option<String>, Option<i32>)> = st
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let hits = if folded.is_empty() {
            Vec::new()
        } else {
            self.search(&folded, usize::MAX >> 1)?
        };
        for (id, jurisdiction, report_year) in reports {
            let count = hits
                .iter()
                .filter(|h| h.report_id == id)
                .map(|h| h.text.matches(folded.as_str()).count())
                .sum();
            counts.push(PhraseCount {
                jurisdiction,
                report_year,
                report_id: id,
                count,
            });
        }
        Ok(counts)
    }
}

fn hit(r: &rusqlite::Row<'_>) -> rusqlite::Result<SearchHit> {
    Ok(SearchHit {
        report_id: r.get(0)?,
        sentence_ord: r.get(1)?,
        start: r.get::<_, i64>(2)? as usize,
        end: r.get::<_, i64>(3)? as usize,
        text: r.get(4)?,
    })
}

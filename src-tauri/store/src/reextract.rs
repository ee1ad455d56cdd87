//! Re-extraction after an engine upgrade: a report's stored text, structure
//! and figures are replaced by what the new loader and extractor produce from
//! the same original bytes, and every figure a reviewer touched keeps its
//! decisions.
//!
//! Old and new figures are matched by report, span and value. Spans are
//! compared as byte ranges of the original file (through each text's origin
//! map), so a loader that cleans differently still matches. A figure whose
//! span grew or shrank (`7%` → `7%左右`) matches on value and overlap.
//!
//! What happens to each old figure:
//! - unreviewed, matched: takes the new reading, keeping its id;
//! - unreviewed, not found any more: deleted (nothing refers to it);
//! - reviewed, matched, same reading: new position and flags, decisions kept;
//! - reviewed, matched, different reading: the reviewed reading is kept (a
//!   person checked it), and the difference is reported;
//! - rejected, matched, different reading: the rejected reading is retired
//!   with its decisions, and the new reading is shown for review;
//! - reviewed or added by hand, not found: kept with its decisions, reported.

use std::collections::{HashMap, HashSet};

use gwr_extract::Figure;
use gwr_load::Document;
use rusqlite::params;

use crate::bundle::same_value;
use crate::figure_row::{read_figure, write_figure, FIGURE_COLUMNS, INSERT_FIGURE, UPDATE_FIGURE};
use crate::import::{insert_sentences, insert_structure, origin_blob, origin_from_blob};
use crate::review::{mark_undone, replay, Correction, Status};
use crate::{Project, Result, StoreError};

/// What re-extracting one report did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Reextraction {
    pub report_id: i64,
    /// The loader produced a different clean text (spans were remapped).
    pub text_changed: bool,
    /// Unreviewed figures read exactly as before.
    pub unchanged: usize,
    /// Unreviewed figures whose reading, span or flags changed.
    pub updated: usize,
    /// Figures the new extractor finds that were not there before.
    pub added: usize,
    /// Unreviewed figures the new extractor no longer finds (deleted).
    pub removed: usize,
    /// Reviewed figures matched to a new figure: decisions attached as before.
    pub reattached: usize,
    /// Reviewed figures the new extractor reads differently; the reviewed
    /// reading is kept.
    pub disagreements: Vec<Reread>,
    /// Rejected figures the new extractor reads differently: retired with
    /// their decisions; the new reading is a new figure to review.
    pub reopened: Vec<Reread>,
    /// Reviewed figures the new extractor does not find: kept, with their
    /// decisions, where they were.
    pub unattached: Vec<Unattached>,
    /// Figures added by hand that the new extractor now finds too: the
    /// hand-added figure stays, the duplicate is not added.
    pub found_added_by_hand: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Reread {
    pub figure_id: i64,
    /// The new figure, for a reopened one.
    pub new_figure_id: Option<i64>,
    pub text: String,
    /// `indicator measure kind period value unit`, before and now.
    pub reviewed: String,
    pub extracted: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Unattached {
    pub figure_id: i64,
    pub text: String,
    pub status: Status,
}

/// An old figure as stored.
struct Old {
    id: i64,
    ord: i64,
    figure: Figure,
    added_by: Option<String>,
    /// Any decision, own or merged from a bundle.
    reviewed: bool,
    /// Only merged decisions' authors can change a merged verdict, so a
    /// figure with merged decisions is never reopened here.
    merged: bool,
    status: Status,
    bytes: (u32, u32),
}

impl Project {
    /// Replace report `report_id`'s text, structure and figures with `doc`
    /// and `figures` (loaded and extracted again from the report's stored
    /// bytes), keeping every decision attached. One transaction: on error
    /// nothing changes.
    pub fn reextract(
        &mut self,
        report_id: i64,
        doc: &Document,
        figures: &[Figure],
        extractor: &str,
    ) -> Result<Reextraction> {
        let (sha, old_text, old_origin): (String, String, Vec<u8>) = self
            .conn
            .query_row(
                "SELECT sha256, text, origin FROM report WHERE id = ?1",
                [report_id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .map_err(|e| match e {
                rusqlite::Error::QueryReturnedNoRows => StoreError::NotFound {
                    what: "report",
                    id: report_id,
                },
                e => StoreError::Sql(e),
            })?;
        if sha != doc.source.sha256 {
            return Err(StoreError::Invalid(format!(
                "report {report_id} was imported from other bytes (sha256 {sha}) than the document given ({}); re-extract from the report's stored bytes",
                doc.source.sha256
            )));
        }
        let old_origin = origin_from_blob(&old_origin);
        let old = self.old_figures(report_id, &old_origin)?;
        let text_changed = old_text != doc.text || old_origin != doc.origin;
        // Rewriting sentences rewrites the full-text index, the bulk of the
        // work; most upgrades leave them as they were.
        let sentences_changed = text_changed || self.sentences(report_id)? != doc.sentences;
        let plan = plan(&old, figures, &doc.origin);

        self.write(|tx| {
            tx.execute(
                "UPDATE report SET text = ?2, match_text = ?3, origin = ?4, notes = ?5, extractor = ?6,
                     jurisdiction = COALESCE(jurisdiction, ?7), admin_code = COALESCE(admin_code, ?8),
                     level = COALESCE(level, ?9), report_year = COALESCE(report_year, ?10),
                     meeting_date = COALESCE(meeting_date, ?11), speaker = COALESCE(speaker, ?12),
                     speaker_title = COALESCE(speaker_title, ?13), title = COALESCE(title, ?14)
                 WHERE id = ?1",
                params![
                    report_id,
                    doc.text,
                    doc.match_text,
                    origin_blob(&doc.origin),
                    doc.notes.join("\n"),
                    extractor,
                    doc.metadata.jurisdiction,
                    doc.metadata.admin_code,
                    doc.metadata.level.map(|l| l.as_str()),
                    doc.metadata.report_year,
                    doc.metadata.meeting_date,
                    doc.metadata.speaker,
                    doc.metadata.speaker_title,
                    doc.metadata.title,
                ],
            )?;
            for table in ["section", "paragraph", "garbled"] {
                tx.execute(
                    &format!("DELETE FROM {table} WHERE report_id = ?1"),
                    [report_id],
                )?;
            }
            insert_structure(tx, report_id, doc)?;
            if sentences_changed {
                tx.execute("DELETE FROM sentence WHERE report_id = ?1", [report_id])?;
                insert_sentences(tx, report_id, doc)?;
            }
            apply(tx, report_id, doc, &old, figures, &plan, text_changed)
        })
    }

    fn old_figures(&self, report_id: i64, origin: &[u32]) -> Result<Vec<Old>> {
        let mut logs: HashMap<i64, Vec<crate::DecisionRecord>> = HashMap::new();
        for d in self.report_log(report_id)? {
            logs.entry(d.figure_id).or_default().push(d);
        }
        let merged: HashSet<i64> = self
            .conn
            .prepare(
                "SELECT DISTINCT m.figure_id FROM merged_decision m JOIN figure f ON f.id = m.figure_id
                 WHERE f.report_id = ?1",
            )?
            .query_map([report_id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let mut st = self.conn.prepare(&format!(
            "SELECT id, added_by, ord, {FIGURE_COLUMNS} FROM figure
             WHERE report_id = ?1 AND retired = 0 ORDER BY start, ord"
        ))?;
        let rows: Vec<(i64, Option<String>, i64, Figure)> = st
            .query_map([report_id], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, read_figure(r, 3)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        rows.into_iter()
            .map(|(id, added_by, ord, figure)| {
                let mut log = logs.remove(&id).unwrap_or_default();
                mark_undone(&mut log);
                let status = replay(&figure, &log).status;
                let bytes = byte_span(origin, figure.start, figure.end);
                Ok(Old {
                    id,
                    ord,
                    reviewed: !log.is_empty() || merged.contains(&id),
                    merged: merged.contains(&id),
                    status,
                    added_by,
                    figure,
                    bytes,
                })
            })
            .collect()
    }
}

/// The original-file byte range of a character range.
fn byte_span(origin: &[u32], start: usize, end: usize) -> (u32, u32) {
    let at = |i: usize| origin.get(i).or(origin.last()).copied().unwrap_or(0);
    (at(start), at(end))
}

/// For each old figure, the new figure it matches, if any.
fn plan(old: &[Old], new: &[Figure], new_origin: &[u32]) -> Vec<Option<usize>> {
    let new_bytes: Vec<(u32, u32)> = new
        .iter()
        .map(|f| byte_span(new_origin, f.start, f.end))
        .collect();
    let mut by_span: HashMap<(u32, u32), Vec<usize>> = HashMap::new();
    for (i, b) in new_bytes.iter().enumerate() {
        by_span.entry(*b).or_default().push(i);
    }
    let mut claimed = vec![false; new.len()];
    let mut matched: Vec<Option<usize>> = vec![None; old.len()];
    // Reviewed figures pick first: a person's work should find its figure
    // before an unreviewed one takes it.
    let mut order: Vec<usize> = (0..old.len()).collect();
    order.sort_by_key(|&i| (!old[i].reviewed, old[i].added_by.is_none()));

    let best = |o: &Old, cands: &mut dyn Iterator<Item = usize>, claimed: &[bool]| {
        cands
            .filter(|&n| !claimed[n] && same_value(new[n].value, o.figure.value))
            .max_by_key(|&n| {
                let overlap = overlap(o.bytes, new_bytes[n]);
                (
                    reading_score(&o.figure, &new[n]),
                    overlap,
                    std::cmp::Reverse(n),
                )
            })
    };
    for &i in &order {
        let cands = by_span.get(&old[i].bytes).map(Vec::as_slice).unwrap_or(&[]);
        if let Some(n) = best(&old[i], &mut cands.iter().copied(), &claimed) {
            claimed[n] = true;
            matched[i] = Some(n);
        }
    }
    // Second pass: same value, overlapping span (a qualifier joined the span).
    for &i in &order {
        if matched[i].is_some() {
            continue;
        }
        let o = &old[i];
        let mut cands = (0..new.len()).filter(|&n| overlap(o.bytes, new_bytes[n]) > 0);
        if let Some(n) = best(o, &mut cands, &claimed) {
            claimed[n] = true;
            matched[i] = Some(n);
        }
    }
    matched
}

fn overlap(a: (u32, u32), b: (u32, u32)) -> u32 {
    a.1.min(b.1).saturating_sub(a.0.max(b.0))
}

/// How much of the reading two figures share (indicator weighs most).
fn reading_score(a: &Figure, b: &Figure) -> u8 {
    4 * u8::from(a.indicator == b.indicator)
        + 2 * u8::from(a.measure == b.measure)
        + u8::from(a.kind == b.kind)
        + u8::from(a.period == b.period)
}

fn describe(f: &Figure) -> String {
    let value = f.value.map(|v| v.to_string()).unwrap_or_default();
    format!(
        "{} {:?} {:?} {} {}{}",
        f.indicator.as_deref().unwrap_or("-"),
        f.measure,
        f.kind,
        f.period
            .map(|p| p.to_string())
            .unwrap_or_else(|| "-".into()),
        value,
        f.unit
    )
}

/// Where a kept figure's span is in the new text: through the original
/// bytes, checked against its surface text, else the nearest occurrence.
fn remap(f: &Figure, doc: &Document, old_bytes: (u32, u32)) -> (usize, usize) {
    let chars = doc.origin.len().saturating_sub(1);
    let guess = doc.origin[..chars].partition_point(|&o| o < old_bytes.0);
    let len = f.text.chars().count();
    if doc.slice(guess, guess + len) == f.text {
        return (guess, guess + len);
    }
    let found = doc
        .text
        .match_indices(f.text.as_str())
        .map(|(b, _)| doc.text[..b].chars().count())
        .min_by_key(|&s| s.abs_diff(guess));
    let start = found.unwrap_or(guess.min(chars));
    (start, (start + len).min(chars))
}

fn sentence_at(doc: &Document, pos: usize) -> usize {
    doc.sentences
        .partition_point(|s| s.start <= pos)
        .saturating_sub(1)
}

fn apply(
    tx: &rusqlite::Transaction<'_>,
    report_id: i64,
    doc: &Document,
    old: &[Old],
    new: &[Figure],
    plan: &[Option<usize>],
    text_changed: bool,
) -> Result<Reextraction> {
    let mut out = Reextraction {
        report_id,
        text_changed,
        ..Reextraction::default()
    };
    let mut update = tx.prepare(&UPDATE_FIGURE)?;
    let by_id: HashMap<i64, &Old> = old.iter().map(|o| (o.id, o)).collect();
    let mut write_row = |id: i64, ord: usize, f: &Figure| -> Result<()> {
        if by_id
            .get(&id)
            .is_some_and(|o| o.ord == ord as i64 && o.figure == *f)
        {
            return Ok(());
        }
        Ok(write_figure(&mut update, id, ord, None, f)?)
    };
    let mut used = vec![false; new.len()];
    let mut retire = Vec::new();
    let mut delete = Vec::new();
    let mut reopen = Vec::new();
    let mut unmatched_ord = new.len();
    for (o, m) in old.iter().zip(plan) {
        match *m {
            Some(n) => {
                let nf = &new[n];
                let same_reading = Correction::of(&o.figure) == Correction::of(nf);
                if o.added_by.is_some() {
                    // Keep the hand-added figure; it only moves with the text.
                    let mut kept = o.figure.clone();
                    (kept.start, kept.end, kept.sentence) = (nf.start, nf.end, nf.sentence);
                    kept.text = nf.text.clone();
                    write_row(o.id, n, &kept)?;
                    used[n] = true;
                    out.found_added_by_hand += 1;
                } else if !o.reviewed {
                    write_row(o.id, n, nf)?;
                    used[n] = true;
                    if same_reading
                        && o.figure.flags == nf.flags
                        && (o.figure.start, o.figure.end, &o.figure.text)
                            == (nf.start, nf.end, &nf.text)
                    {
                        out.unchanged += 1;
                    } else {
                        out.updated += 1;
                    }
                } else if same_reading {
                    write_row(o.id, n, nf)?;
                    used[n] = true;
                    out.reattached += 1;
                } else if o.status == Status::Rejected && !o.merged {
                    // The rejected reading stays rejected (retired); the new
                    // reading has not been judged yet.
                    retire.push(o.id);
                    reopen.push((o, n));
                } else {
                    let mut kept = o.figure.clone();
                    (kept.start, kept.end, kept.sentence) = (nf.start, nf.end, nf.sentence);
                    kept.text = nf.text.clone();
                    write_row(o.id, n, &kept)?;
                    used[n] = true;
                    out.reattached += 1;
                    out.disagreements.push(Reread {
                        figure_id: o.id,
                        new_figure_id: None,
                        text: o.figure.text.clone(),
                        reviewed: describe(&o.figure),
                        extracted: describe(nf),
                    });
                }
            }
            None if !o.reviewed && o.added_by.is_none() => delete.push(o.id),
            None => {
                let mut kept = o.figure.clone();
                if text_changed {
                    (kept.start, kept.end) = remap(&o.figure, doc, o.bytes);
                    kept.sentence = sentence_at(doc, kept.start);
                }
                write_row(o.id, unmatched_ord, &kept)?;
                unmatched_ord += 1;
                if o.added_by.is_none() {
                    out.unattached.push(Unattached {
                        figure_id: o.id,
                        text: o.figure.text.clone(),
                        status: o.status,
                    });
                }
            }
        }
    }
    drop(update);
    for id in &delete {
        tx.execute("DELETE FROM figure WHERE id = ?1", [id])?;
    }
    out.removed = delete.len();
    for id in &retire {
        tx.execute("UPDATE figure SET retired = 1 WHERE id = ?1", [id])?;
    }
    let mut insert = tx.prepare(&INSERT_FIGURE)?;
    let mut inserted: HashMap<usize, i64> = HashMap::new();
    for (n, f) in new.iter().enumerate().filter(|(n, _)| !used[*n]) {
        write_figure(&mut insert, report_id, n, None, f)?;
        inserted.insert(n, tx.last_insert_rowid());
    }
    out.added = inserted.len() - reopen.len();
    out.reopened = reopen
        .into_iter()
        .map(|(o, n)| Reread {
            figure_id: o.id,
            new_figure_id: inserted.get(&n).copied(),
            text: o.figure.text.clone(),
            reviewed: describe(&o.figure),
            extracted: describe(&new[n]),
        })
        .collect();
    Ok(out)
}

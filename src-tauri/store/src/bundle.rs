//! Several reviewers. A project's decisions can be written out as a review
//! bundle and another reviewer's bundle merged in: merged decisions are kept
//! per reviewer in their own table and never change this project's log.
//!
//! What the dataset says about a figure (its [`Verdict`]):
//! 1. an adjudicator's decision, when there is one, decides;
//! 2. otherwise, when only this project's log speaks and at most one reviewer
//!    reviewed the figure, the log's replay (the single-reviewer behaviour);
//! 3. otherwise each reviewer's own replay is a [`Position`]: if all who
//!    reviewed agree (both rejected, or both kept with the same fields) that is
//!    the verdict, else the figure is a conflict until adjudicated.

use std::collections::{BTreeMap, HashMap};
use std::io::{BufRead, Write};
use std::path::Path;

use gwr_extract::{Figure, Kind, Measure};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::dataset::decision_row;
use crate::figure_row::{
    insert_added_figure, qualified_figure_columns, read_figure, FIGURE_COLUMNS,
};
use crate::review::{mark_undone, replay, Correction, DecisionRecord, ReviewState, Status};
use crate::{now, Action, FigureRecord, Project, Result, StoreError};

/// The role of an adjudicator's decisions in the log.
pub const ADJUDICATOR: &str = "adjudicator";
const REVIEWER: &str = "reviewer";
const FORMAT: &str = "gwr-review-bundle";
const VERSION: u32 = 1;

/// How a figure's verdict was reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// This project's log, replayed as the review window does.
    Log,
    /// Every reviewer who reviewed it agrees (or a merged reviewer alone did).
    Agreed,
    /// Reviewers differ and no adjudicator has decided.
    Conflict,
    /// An adjudicator decided.
    Adjudicated,
}

impl Basis {
    pub fn as_str(self) -> &'static str {
        match self {
            Basis::Log => "log",
            Basis::Agreed => "agreed",
            Basis::Conflict => "conflict",
            Basis::Adjudicated => "adjudicated",
        }
    }
}

/// One reviewer's own state of a figure (the replay of their decisions only).
#[derive(Debug, Clone, PartialEq)]
pub struct Position {
    pub reviewer: String,
    pub state: ReviewState,
    /// Some of these decisions came from a merged bundle.
    pub merged: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    pub basis: Basis,
    pub state: ReviewState,
    pub positions: Vec<Position>,
}

/// A figure's decisions: this project's and merged ones, each with whether it
/// is an adjudicator's.
#[derive(Debug, Clone, Default)]
pub(crate) struct FigureLogs {
    pub local: Vec<(DecisionRecord, bool)>,
    pub merged: Vec<(DecisionRecord, bool)>,
}

/// Both reviewers rejected it, or both kept it with the same fields.
pub fn same_call(a: &ReviewState, b: &ReviewState) -> bool {
    match (a.status, b.status) {
        (Status::Rejected, Status::Rejected) => true,
        (Status::Accepted | Status::Corrected, Status::Accepted | Status::Corrected) => {
            Correction::of(&a.current) == Correction::of(&b.current)
        }
        _ => false,
    }
}

fn kept(s: Status) -> bool {
    matches!(s, Status::Accepted | Status::Corrected)
}

pub(crate) fn verdict(original: &Figure, logs: FigureLogs) -> Verdict {
    let FigureLogs { local, merged } = logs;
    let has_merged = !merged.is_empty();
    let mut all: Vec<(DecisionRecord, bool)> = Vec::with_capacity(local.len() + merged.len());
    let mut local_log: Vec<DecisionRecord> = local.iter().map(|(d, _)| d.clone()).collect();
    mark_undone(&mut local_log);
    all.extend(local_log.iter().cloned().zip(local.iter().map(|(_, a)| *a)));
    if has_merged {
        // Merged ids live in another table: negate them so one id space holds both.
        let mut m: Vec<DecisionRecord> = merged
            .iter()
            .map(|(d, _)| DecisionRecord {
                id: -d.id,
                undoes: d.undoes.map(|u| -u),
                ..d.clone()
            })
            .collect();
        mark_undone(&mut m);
        all.extend(m.into_iter().zip(merged.iter().map(|(_, a)| *a)));
        all.sort_by(|a, b| a.0.at.cmp(&b.0.at));
    }

    let mut by_reviewer: BTreeMap<&str, (Vec<DecisionRecord>, bool)> = BTreeMap::new();
    let mut adjudication: Vec<DecisionRecord> = Vec::new();
    for (d, adj) in &all {
        if *adj {
            adjudication.push(d.clone());
        } else {
            let e = by_reviewer.entry(d.reviewer.as_str()).or_default();
            e.0.push(d.clone());
            e.1 |= d.id < 0;
        }
    }
    let positions: Vec<Position> = by_reviewer
        .into_iter()
        .map(|(reviewer, (log, merged))| Position {
            reviewer: reviewer.to_string(),
            state: replay(original, &log),
            merged,
        })
        .collect();

    if adjudication.iter().any(|d| !d.undone && d.undoes.is_none()) {
        let state = replay(original, &adjudication);
        return Verdict {
            basis: Basis::Adjudicated,
            state,
            positions,
        };
    }
    let reviewed: Vec<&Position> = positions
        .iter()
        .filter(|p| p.state.status != Status::Unreviewed)
        .collect();
    if !has_merged && reviewed.len() <= 1 {
        return Verdict {
            basis: Basis::Log,
            state: replay(original, &local_log),
            positions,
        };
    }
    let comment = joined_comments(&positions);
    let latest = positions
        .iter()
        .filter(|p| p.state.last_at.is_some())
        .max_by(|a, b| a.state.last_at.cmp(&b.state.last_at));
    let (basis, mut state) = match reviewed.first() {
        None => (
            Basis::Log,
            ReviewState {
                status: Status::Unreviewed,
                current: original.clone(),
                comment: None,
                last_reviewer: latest.and_then(|p| p.state.last_reviewer.clone()),
                last_at: latest.and_then(|p| p.state.last_at.clone()),
            },
        ),
        Some(first) if reviewed.iter().all(|p| same_call(&first.state, &p.state)) => {
            let newest = reviewed
                .iter()
                .max_by(|a, b| a.state.last_at.cmp(&b.state.last_at))
                .unwrap_or(first);
            (Basis::Agreed, newest.state.clone())
        }
        Some(_) => (
            Basis::Conflict,
            ReviewState {
                status: Status::Unreviewed,
                current: original.clone(),
                comment: None,
                last_reviewer: latest.and_then(|p| p.state.last_reviewer.clone()),
                last_at: latest.and_then(|p| p.state.last_at.clone()),
            },
        ),
    };
    state.comment = comment;
    Verdict {
        basis,
        state,
        positions,
    }
}

/// `amy: 数据来自统计公报 | bo: 应为827` (or the one comment alone).
fn joined_comments(positions: &[Position]) -> Option<String> {
    let with: Vec<&Position> = positions
        .iter()
        .filter(|p| p.state.comment.is_some())
        .collect();
    match with.as_slice() {
        [] => None,
        [one] => one.state.comment.clone(),
        many => Some(
            many.iter()
                .map(|p| {
                    format!(
                        "{}: {}",
                        p.reviewer,
                        p.state.comment.as_deref().unwrap_or("")
                    )
                })
                .collect::<Vec<_>>()
                .join(" | "),
        ),
    }
}

// ---- the bundle file: one header line, then one JSON line per figure ------

#[derive(Debug, Serialize, Deserialize)]
struct Header {
    format: String,
    version: u32,
    /// Identifies this export; merging the same bundle twice is a no-op.
    key: String,
    source: String,
    exported_at: String,
    reviewers: Vec<String>,
    figures: usize,
    decisions: usize,
}

#[derive(Debug, Serialize, Deserialize)]
struct BundleFigure {
    report_sha256: String,
    report: String,
    start: usize,
    end: usize,
    text: String,
    value: Option<f64>,
    indicator: Option<String>,
    measure: Measure,
    kind: Kind,
    /// The whole figure, when a reviewer added it by hand (the other project
    /// does not have it).
    added: Option<AddedFigure>,
    decisions: Vec<BundleDecision>,
}

#[derive(Debug, Serialize, Deserialize)]
struct AddedFigure {
    by: String,
    figure: Figure,
}

#[derive(Debug, Serialize, Deserialize)]
struct BundleDecision {
    id: String,
    reviewer: String,
    role: String,
    at: String,
    action: String,
    correction: Option<Correction>,
    comment: Option<String>,
    undoes: Option<String>,
}

/// What [`Project::export_bundle`] wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BundleSummary {
    pub reviewers: Vec<String>,
    pub figures: usize,
    pub decisions: usize,
}

/// What [`Project::merge_bundle`] did.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct MergeReport {
    /// This bundle (by its key) was merged before; nothing was changed.
    pub already_merged: bool,
    pub source: String,
    pub reviewers: Vec<String>,
    pub figures_matched: usize,
    /// Figures a reviewer had added by hand, created here.
    pub figures_added: usize,
    pub decisions_merged: usize,
    /// Decisions this project already holds (same figure, reviewer, time, action).
    pub decisions_already_present: usize,
    pub unmatched: Vec<Unmatched>,
}

/// A figure of the bundle that has no counterpart here, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Unmatched {
    pub report: String,
    pub report_sha256: String,
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub value: Option<f64>,
    pub decisions: usize,
    pub reason: String,
}

fn bundle_err(path: &Path, line: usize, why: impl std::fmt::Display) -> StoreError {
    StoreError::Invalid(format!(
        "review bundle {}, line {line}: {why}; export the bundle again with `gwr bundle export`",
        path.display()
    ))
}

fn io_err(path: &Path, what: &str, e: std::io::Error) -> StoreError {
    StoreError::Invalid(format!(
        "review bundle {}: cannot {what} ({e})",
        path.display()
    ))
}

/// Values written by one project and read by another can differ in the last
/// bit of a float; a figure's stated value never does by more.
pub(crate) fn same_value(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a == b || (a - b).abs() <= 1e-9 * a.abs().max(b.abs()),
        (None, None) => true,
        _ => false,
    }
}

/// A reviewer's decision as an [`Action`] (for adjudication from a position).
pub fn action_for(state: &ReviewState) -> Option<Action> {
    match state.status {
        Status::Accepted => Some(Action::Accept),
        Status::Rejected => Some(Action::Reject),
        Status::Corrected => Some(Action::Correct(Correction::of(&state.current))),
        Status::Unreviewed => None,
    }
}

impl Project {
    /// Record an adjudicator's decision: a row of the log with the role
    /// `adjudicator`, which decides the figure's verdict over the reviewers'.
    pub fn adjudicate(
        &mut self,
        figure_id: i64,
        adjudicator: &str,
        action: &Action,
    ) -> Result<i64> {
        if adjudicator.trim().is_empty() {
            return Err(StoreError::Invalid(
                "name the adjudicator before deciding".into(),
            ));
        }
        self.append_decision(figure_id, adjudicator, ADJUDICATOR, action)
    }

    /// Write this project's decisions (its own and merged ones; only
    /// `reviewer`'s when given) as a review bundle: JSON lines, one header,
    /// then one line per figure with its decisions.
    pub fn export_bundle(
        &self,
        out: &mut dyn Write,
        reviewer: Option<&str>,
    ) -> Result<BundleSummary> {
        let source = self
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let filter = reviewer.unwrap_or("");
        let ids: Vec<i64> = self
            .conn
            .prepare(
                "SELECT figure_id FROM decision WHERE ?1 = '' OR reviewer = ?1
                 UNION SELECT figure_id FROM merged_decision WHERE ?1 = '' OR reviewer = ?1 ORDER BY 1",
            )?
            .query_map([filter], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let (reviewers, decisions): (Vec<String>, i64) = {
            let mut st = self.conn.prepare(
                "SELECT reviewer, COUNT(*) FROM (SELECT reviewer FROM decision UNION ALL SELECT reviewer FROM merged_decision)
                 WHERE ?1 = '' OR reviewer = ?1 GROUP BY reviewer ORDER BY reviewer",
            )?;
            let rows: Vec<(String, i64)> = st
                .query_map([filter], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?;
            (
                rows.iter().map(|r| r.0.clone()).collect(),
                rows.iter().map(|r| r.1).sum(),
            )
        };
        let exported_at = now();
        let header = Header {
            format: FORMAT.into(),
            version: VERSION,
            key: gwr_load::sha256_hex(
                format!(
                    "{}\n{exported_at}\n{filter}\n{decisions}",
                    self.path.display()
                )
                .as_bytes(),
            ),
            source,
            exported_at,
            reviewers: reviewers.clone(),
            figures: ids.len(),
            decisions: decisions as usize,
        };
        let write_err = |e: std::io::Error| {
            StoreError::Invalid(format!("cannot write the review bundle ({e})"))
        };
        serde_json::to_writer(&mut *out, &header).map_err(|e| write_err(e.into()))?;
        out.write_all(b"\n").map_err(write_err)?;

        let mut fig = self.conn.prepare(&format!(
            "SELECT f.added_by, r.sha256, r.file_name, {} FROM figure f JOIN report r ON r.id = f.report_id
             WHERE f.id = ?1",
            qualified_figure_columns("f")
        ))?;
        let mut logs: Vec<_> = [("decision", "d"), ("merged_decision", "m")]
            .iter()
            .map(|(table, tag)| {
                let sql = format!(
                    "SELECT id, figure_id, reviewer, at, action, fields, comment, undoes, role FROM {table}
                     WHERE figure_id = ?1 AND (?2 = '' OR reviewer = ?2) ORDER BY id"
                );
                self.conn.prepare(&sql).map(|st| (st, *tag))
            })
            .collect::<rusqlite::Result<_>>()?;
        let mut written = 0;
        for id in &ids {
            let (added_by, sha, file, figure): (Option<String>, String, String, Figure) = fig
                .query_row([id], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?, read_figure(r, 3)?))
                })?;
            let mut decisions = Vec::new();
            for (st, tag) in logs.iter_mut() {
                let rows = st.query_map(params![id, filter], decision_row)?;
                for row in rows {
                    let (d, adj) = row?;
                    decisions.push(BundleDecision {
                        id: format!("{tag}{}", d.id),
                        reviewer: d.reviewer,
                        role: if adj { ADJUDICATOR } else { REVIEWER }.into(),
                        at: d.at,
                        action: d.action,
                        correction: d.correction,
                        comment: d.comment,
                        undoes: d.undoes.map(|u| format!("{tag}{u}")),
                    });
                }
            }
            written += decisions.len();
            let line = BundleFigure {
                report_sha256: sha,
                report: file,
                start: figure.start,
                end: figure.end,
                text: figure.text.clone(),
                value: figure.value,
                indicator: figure.indicator.clone(),
                measure: figure.measure,
                kind: figure.kind,
                added: added_by.map(|by| AddedFigure { by, figure }),
                decisions,
            };
            serde_json::to_writer(&mut *out, &line).map_err(|e| write_err(e.into()))?;
            out.write_all(b"\n").map_err(write_err)?;
        }
        out.flush().map_err(write_err)?;
        Ok(BundleSummary {
            reviewers,
            figures: ids.len(),
            decisions: written,
        })
    }

    /// Merge another reviewer's bundle: figures are matched by report SHA-256,
    /// character span and stated value (then indicator, measure, kind when
    /// several share a span); decisions are added to the merged log, never to
    /// this project's own. One transaction: a bad line merges nothing.
    pub fn merge_bundle(&mut self, path: &Path) -> Result<MergeReport> {
        let file = std::fs::File::open(path).map_err(|e| io_err(path, "open it", e))?;
        let mut lines = std::io::BufReader::new(file).lines();
        let first = lines
            .next()
            .ok_or_else(|| bundle_err(path, 1, "the file is empty"))?
            .map_err(|e| io_err(path, "read it", e))?;
        let header: Header = serde_json::from_str(&first)
            .ok()
            .filter(|h: &Header| h.format == FORMAT)
            .ok_or_else(|| bundle_err(path, 1, "this is not a GWR Review review bundle"))?;
        if header.version > VERSION {
            return Err(bundle_err(
                path,
                1,
                format!(
                    "bundle version {} comes from a newer GWR Review; update this one",
                    header.version
                ),
            ));
        }
        let mut report = MergeReport {
            source: header.source.clone(),
            reviewers: header.reviewers.clone(),
            ..MergeReport::default()
        };
        let seen: Option<i64> = self
            .conn
            .query_row(
                "SELECT id FROM bundle WHERE bundle_key = ?1",
                [&header.key],
                |r| r.get(0),
            )
            .optional()?;
        if seen.is_some() {
            report.already_merged = true;
            return Ok(report);
        }
        let file_name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        self.write(|tx| {
            tx.execute(
                "INSERT INTO bundle (bundle_key, file_name, source, exported_at, merged_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![header.key, file_name, header.source, header.exported_at, now()],
            )?;
            let bundle_id = tx.last_insert_rowid();
            let mut reports: HashMap<String, Option<i64>> = HashMap::new();
            for (i, line) in lines.enumerate() {
                let n = i + 2;
                let line = line.map_err(|e| io_err(path, "read it", e))?;
                if line.trim().is_empty() {
                    continue;
                }
                let bf: BundleFigure = serde_json::from_str(&line).map_err(|e| bundle_err(path, n, e))?;
                let report_id = match reports.get(&bf.report_sha256) {
                    Some(r) => *r,
                    None => {
                        let r = tx
                            .query_row("SELECT id FROM report WHERE sha256 = ?1", [&bf.report_sha256], |r| r.get(0))
                            .optional()?;
                        reports.insert(bf.report_sha256.clone(), r);
                        r
                    }
                };
                let unmatched = |reason: String| Unmatched {
                    report: bf.report.clone(),
                    report_sha256: bf.report_sha256.clone(),
                    text: bf.text.clone(),
                    start: bf.start,
                    end: bf.end,
                    value: bf.value,
                    decisions: bf.decisions.len(),
                    reason,
                };
                let Some(report_id) = report_id else {
                    report.unmatched.push(unmatched(format!(
                        "report {} is not in this project; import the same file first",
                        bf.report
                    )));
                    continue;
                };
                let figure_id = match match_figure(tx, report_id, &bf)? {
                    Matched::One(id) => {
                        report.figures_matched += 1;
                        id
                    }
                    Matched::None if bf.added.is_some() => {
                        report.figures_added += 1;
                        insert_added(tx, report_id, bf.added.as_ref().unwrap_or_else(|| unreachable!()))?
                    }
                    Matched::None => {
                        report.unmatched.push(unmatched(format!(
                            "no figure `{}` at characters {}–{} with value {} in this project's copy of the report (extracted differently?)",
                            bf.text,
                            bf.start,
                            bf.end,
                            bf.value.map(|v| v.to_string()).unwrap_or_else(|| "none".into())
                        )));
                        continue;
                    }
                    Matched::Many(n) => {
                        report.unmatched.push(unmatched(format!(
                            "{n} figures share characters {}–{}, value and indicator; cannot tell which one was reviewed",
                            bf.start, bf.end
                        )));
                        continue;
                    }
                };
                merge_decisions(tx, bundle_id, figure_id, &bf.decisions, &mut report)?;
            }
            Ok(())
        })?;
        Ok(report)
    }

    /// Per pair of reviewers: Cohen's kappa on keep (accept or correct)
    /// against reject, and exact agreement on corrected fields, overall and
    /// per indicator (as extracted), over the figures both reviewed.
    pub fn agreement(&self) -> Result<Vec<PairAgreement>> {
        let mut pairs: BTreeMap<(String, String), PairAgreement> = BTreeMap::new();
        for id in self.report_ids()? {
            let ds = self.report_dataset(id)?;
            for f in &ds.figures {
                let reviewed: Vec<&Position> = f
                    .positions
                    .iter()
                    .filter(|p| p.state.status != Status::Unreviewed)
                    .collect();
                for (i, a) in reviewed.iter().enumerate() {
                    for b in &reviewed[i + 1..] {
                        let pair = pairs
                            .entry((a.reviewer.clone(), b.reviewer.clone()))
                            .or_insert_with(|| PairAgreement {
                                reviewer_a: a.reviewer.clone(),
                                reviewer_b: b.reviewer.clone(),
                                overall: Counts::default(),
                                by_indicator: BTreeMap::new(),
                            });
                        pair.overall.add(&a.state, &b.state);
                        pair.by_indicator
                            .entry(f.record.original.indicator.clone())
                            .or_default()
                            .add(&a.state, &b.state);
                    }
                }
            }
        }
        Ok(pairs.into_values().collect())
    }

    /// Figures where reviewers differ, with each reviewer's position and the
    /// adjudicator's verdict if there is one (`include_resolved` lists those
    /// too).
    pub fn conflicts(&self, report: Option<i64>, include_resolved: bool) -> Result<Vec<Conflict>> {
        let ids = match report {
            Some(id) => vec![id],
            None => self.report_ids()?,
        };
        let mut out = Vec::new();
        for id in ids {
            let ds = self.report_dataset(id)?;
            for f in &ds.figures {
                let reviewed: Vec<&Position> = f
                    .positions
                    .iter()
                    .filter(|p| p.state.status != Status::Unreviewed)
                    .collect();
                let differ = reviewed.first().is_some_and(|first| {
                    reviewed.iter().any(|p| !same_call(&first.state, &p.state))
                });
                let resolved = f.basis == Basis::Adjudicated;
                if differ && (include_resolved || !resolved) {
                    out.push(Conflict {
                        report_file: ds.report.file_name.clone(),
                        sentence: ds.sentence(&f.record.original).to_string(),
                        figure: f.record.clone(),
                        positions: reviewed.into_iter().cloned().collect(),
                        adjudicated: resolved.then(|| f.record.state.clone()),
                    });
                }
            }
        }
        Ok(out)
    }
}

enum Matched {
    One(i64),
    None,
    Many(usize),
}

fn match_figure(
    tx: &rusqlite::Transaction<'_>,
    report_id: i64,
    bf: &BundleFigure,
) -> Result<Matched> {
    let mut st = tx.prepare_cached(&format!(
        "SELECT id, retired, {FIGURE_COLUMNS} FROM figure
         WHERE report_id = ?1 AND start = ?2 AND \"end\" = ?3 ORDER BY retired, id"
    ))?;
    let rows: Vec<(i64, bool, Figure)> = st
        .query_map(params![report_id, bf.start as i64, bf.end as i64], |r| {
            Ok((r.get(0)?, r.get(1)?, read_figure(r, 2)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut cands: Vec<(i64, Figure, bool)> = rows
        .into_iter()
        .map(|(id, retired, f)| (id, f, retired))
        .filter(|(_, f, _)| same_value(f.value, bf.value))
        .collect();
    // Narrow step by step; a step that would leave nothing is skipped.
    let steps: [&dyn Fn(&Figure) -> bool; 3] = [
        &|f| f.indicator == bf.indicator,
        &|f| f.measure == bf.measure && f.kind == bf.kind,
        &|f| f.text == bf.text,
    ];
    for keep in steps {
        if cands.len() > 1 && cands.iter().any(|c| keep(&c.1)) {
            cands.retain(|c| keep(&c.1));
        }
    }
    if cands.len() > 1 && cands.iter().filter(|c| !c.2).count() == 1 {
        cands.retain(|c| !c.2);
    }
    Ok(match cands.len() {
        0 => Matched::None,
        1 => Matched::One(cands[0].0),
        n => Matched::Many(n),
    })
}

fn insert_added(
    tx: &rusqlite::Transaction<'_>,
    report_id: i64,
    added: &AddedFigure,
) -> Result<i64> {
    Ok(insert_added_figure(
        tx,
        report_id,
        &added.by,
        &added.figure,
    )?)
}

fn merge_decisions(
    tx: &rusqlite::Transaction<'_>,
    bundle_id: i64,
    figure_id: i64,
    decisions: &[BundleDecision],
    report: &mut MergeReport,
) -> Result<()> {
    // Bundle ids → merged_decision ids, for undo targets.
    let mut ids: HashMap<&str, i64> = HashMap::new();
    let mut present_local = tx.prepare_cached(
        "SELECT 1 FROM decision WHERE figure_id = ?1 AND reviewer = ?2 AND at = ?3 AND action = ?4
         AND IFNULL(fields, '') = ?5 AND IFNULL(comment, '') = ?6",
    )?;
    let mut present_merged = tx.prepare_cached(
        "SELECT id FROM merged_decision WHERE figure_id = ?1 AND reviewer = ?2 AND at = ?3 AND action = ?4
         AND IFNULL(fields, '') = ?5 AND IFNULL(comment, '') = ?6",
    )?;
    let mut insert = tx.prepare_cached(
        "INSERT INTO merged_decision (bundle_id, figure_id, reviewer, role, at, action, fields, comment, undoes)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?;
    for d in decisions {
        let fields = d
            .correction
            .as_ref()
            .and_then(|c| serde_json::to_string(c).ok());
        let key = params![
            figure_id,
            d.reviewer,
            d.at,
            d.action,
            fields.as_deref().unwrap_or(""),
            d.comment.as_deref().unwrap_or("")
        ];
        if present_local.exists(key)? {
            report.decisions_already_present += 1;
            continue;
        }
        if let Some(id) = present_merged
            .query_row(key, |r| r.get::<_, i64>(0))
            .optional()?
        {
            ids.insert(&d.id, id);
            report.decisions_already_present += 1;
            continue;
        }
        let undoes = match &d.undoes {
            None => None,
            Some(u) => match ids.get(u.as_str()) {
                Some(id) => Some(*id),
                // Its target is this project's own decision or was never in
                // the bundle: an undo without a target would mean nothing.
                None => {
                    report.decisions_already_present += 1;
                    continue;
                }
            },
        };
        let role = if d.role == ADJUDICATOR {
            ADJUDICATOR
        } else {
            REVIEWER
        };
        insert.execute(params![
            bundle_id, figure_id, d.reviewer, role, d.at, d.action, fields, d.comment, undoes
        ])?;
        ids.insert(&d.id, tx.last_insert_rowid());
        report.decisions_merged += 1;
    }
    Ok(())
}

/// Agreement between two reviewers over the figures both reviewed.
#[derive(Debug, Clone, PartialEq)]
pub struct PairAgreement {
    pub reviewer_a: String,
    pub reviewer_b: String,
    pub overall: Counts,
    /// By the figure's extracted indicator; `None` is outside the catalog.
    pub by_indicator: BTreeMap<Option<String>, Counts>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Figures both reviewed.
    pub figures: usize,
    /// Both kept or both rejected.
    pub agreed: usize,
    pub a_kept: usize,
    pub b_kept: usize,
    /// Both kept and at least one corrected.
    pub corrections: usize,
    /// Of those, the corrected fields are identical.
    pub corrections_identical: usize,
}

impl Counts {
    fn add(&mut self, a: &ReviewState, b: &ReviewState) {
        let (ka, kb) = (kept(a.status), kept(b.status));
        self.figures += 1;
        self.agreed += usize::from(ka == kb);
        self.a_kept += usize::from(ka);
        self.b_kept += usize::from(kb);
        if ka && kb && (a.status == Status::Corrected || b.status == Status::Corrected) {
            self.corrections += 1;
            self.corrections_identical += usize::from(same_call(a, b));
        }
    }

    /// Share of figures with the same keep/reject call.
    pub fn observed(&self) -> Option<f64> {
        (self.figures > 0).then(|| self.agreed as f64 / self.figures as f64)
    }

    /// Cohen's kappa on keep/reject; `None` when undefined (no figures, or
    /// both reviewers made one call throughout so chance agreement is 1).
    pub fn kappa(&self) -> Option<f64> {
        let n = self.figures as f64;
        let po = self.observed()?;
        let (pa, pb) = (self.a_kept as f64 / n, self.b_kept as f64 / n);
        let pe = pa * pb + (1.0 - pa) * (1.0 - pb);
        (pe < 1.0).then(|| (po - pe) / (1.0 - pe))
    }

    /// Share of corrections whose corrected fields are identical.
    pub fn correction_agreement(&self) -> Option<f64> {
        (self.corrections > 0).then(|| self.corrections_identical as f64 / self.corrections as f64)
    }
}

/// A figure reviewers disagree on.
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    pub report_file: String,
    pub sentence: String,
    /// `figure.state` is the verdict (unreviewed while unresolved).
    pub figure: FigureRecord,
    /// Each reviewer's state, reviewers who reviewed it only.
    pub positions: Vec<Position>,
    /// The adjudicator's verdict, once there is one.
    pub adjudicated: Option<ReviewState>,
}

//! Review decisions: an append-only log, one row per decision, committed
//! before the call returns. A figure's state is the replay of its effective
//! decisions; undo appends a row that cancels an earlier one, and redo
//! cancels that undo. Nothing is ever updated or deleted.

use gwr_extract::{Figure, Firmness, Kind, Measure, Period, Qualifier};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::figure_row::insert_added_figure;
use crate::{now, Project, Result, StoreError};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Unreviewed,
    Accepted,
    Corrected,
    Rejected,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Unreviewed => "unreviewed",
            Status::Accepted => "accepted",
            Status::Corrected => "corrected",
            Status::Rejected => "rejected",
        }
    }
}

/// The fields a reviewer may correct; a correction states all of them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Correction {
    pub indicator: Option<String>,
    pub measure: Measure,
    pub kind: Kind,
    pub period: Option<Period>,
    pub value: Option<f64>,
    pub unit: String,
    pub qualifier: Qualifier,
    pub value_low: Option<f64>,
    pub value_high: Option<f64>,
    pub firmness: Option<Firmness>,
}

impl Correction {
    pub fn of(f: &Figure) -> Correction {
        Correction {
            indicator: f.indicator.clone(),
            measure: f.measure,
            kind: f.kind,
            period: f.period,
            value: f.value,
            unit: f.unit.clone(),
            qualifier: f.qualifier,
            value_low: f.value_low,
            value_high: f.value_high,
            firmness: f.firmness,
        }
    }

    /// `f` with these fields. The base value follows the value when the unit
    /// is unchanged; a new unit leaves it unknown rather than wrong.
    pub fn apply(&self, f: &Figure) -> Figure {
        let mut out = f.clone();
        out.value_base = match (f.value_base, f.value, self.value) {
            _ if self.unit != f.unit => None,
            // b / old is the unit factor (exact: 1e8 for 亿); new * factor stays exact.
            (Some(b), Some(old), Some(new)) if old != 0.0 => Some(new * (b / old)),
            (b, old, new) if old == new => b,
            _ => None,
        };
        out.indicator = self.indicator.clone();
        out.measure = self.measure;
        out.kind = self.kind;
        out.period = self.period;
        out.value = self.value;
        out.unit = self.unit.clone();
        out.qualifier = self.qualifier;
        out.value_low = self.value_low;
        out.value_high = self.value_high;
        out.firmness = self.firmness;
        out
    }

    /// A number is a number, a range has both bounds in order.
    pub fn validate(&self) -> std::result::Result<(), String> {
        for v in [self.value, self.value_low, self.value_high]
            .into_iter()
            .flatten()
        {
            if !v.is_finite() {
                return Err(format!("{v} is not a finite number"));
            }
        }
        if self.measure != Measure::Qualitative && self.value.is_none() {
            return Err("a value is required unless the measure is qualitative".into());
        }
        if self.qualifier == Qualifier::Range {
            match (self.value_low, self.value_high) {
                (Some(lo), Some(hi)) if lo <= hi => {}
                _ => return Err("a range needs a low and a high bound, low ≤ high".into()),
            }
        }
        Ok(())
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Action {
    Accept,
    Reject,
    Correct(Correction),
    Comment(String),
}

/// One row of the log.
#[derive(Debug, Clone, PartialEq)]
pub struct DecisionRecord {
    pub id: i64,
    pub figure_id: i64,
    pub reviewer: String,
    pub at: String,
    /// `accept`, `reject`, `correct`, `comment`, `undo`
    pub action: String,
    pub correction: Option<Correction>,
    pub comment: Option<String>,
    pub undoes: Option<i64>,
    /// Cancelled by a later effective undo.
    pub undone: bool,
}

/// A figure's current state, derived from the log.
#[derive(Debug, Clone, PartialEq)]
pub struct ReviewState {
    pub status: Status,
    /// The figure with corrections applied.
    pub current: Figure,
    pub comment: Option<String>,
    pub last_reviewer: Option<String>,
    pub last_at: Option<String>,
}

/// Mark the undone decisions: walking back from the newest, an effective undo
/// cancels its target; a cancelled undo cancels nothing (that is a redo).
pub fn mark_undone(log: &mut [DecisionRecord]) {
    let mut cancelled = std::collections::HashSet::new();
    for d in log.iter_mut().rev() {
        d.undone = cancelled.contains(&d.id);
        if !d.undone {
            if let Some(t) = d.undoes {
                cancelled.insert(t);
            }
        }
    }
}

/// Replay a figure's log (oldest first, `mark_undone` applied).
pub fn replay(original: &Figure, log: &[DecisionRecord]) -> ReviewState {
    let mut s = ReviewState {
        status: Status::Unreviewed,
        current: original.clone(),
        comment: None,
        last_reviewer: None,
        last_at: None,
    };
    for d in log.iter().filter(|d| !d.undone && d.undoes.is_none()) {
        match d.action.as_str() {
            "accept" => {
                s.status = Status::Accepted;
                s.current = original.clone();
            }
            "reject" => s.status = Status::Rejected,
            "correct" => {
                if let Some(c) = &d.correction {
                    s.status = Status::Corrected;
                    s.current = c.apply(original);
                }
            }
            "comment" => s.comment = d.comment.clone().filter(|c| !c.is_empty()),
            _ => {}
        }
        s.last_reviewer = Some(d.reviewer.clone());
        s.last_at = Some(d.at.clone());
    }
    s
}

impl Project {
    /// Append a decision; returns once it is committed to disk.
    pub fn decide(&mut self, figure_id: i64, reviewer: &str, action: &Action) -> Result<i64> {
        if reviewer.trim().is_empty() {
            return Err(StoreError::Invalid(
                "set a reviewer name before deciding".into(),
            ));
        }
        self.append_decision(figure_id, reviewer, "reviewer", action)
    }

    /// One validated row of the log, committed before returning; `role` is
    /// `reviewer` or `adjudicator`.
    pub(crate) fn append_decision(
        &mut self,
        figure_id: i64,
        who: &str,
        role: &str,
        action: &Action,
    ) -> Result<i64> {
        if let Action::Correct(c) = action {
            c.validate().map_err(StoreError::Invalid)?;
        }
        self.write(|tx| {
            let exists: Option<i64> = tx
                .query_row("SELECT id FROM figure WHERE id = ?1", [figure_id], |r| r.get(0))
                .optional()?;
            if exists.is_none() {
                return Err(StoreError::NotFound { what: "figure", id: figure_id });
            }
            let (name, fields, comment) = match action {
                Action::Accept => ("accept", None, None),
                Action::Reject => ("reject", None, None),
                Action::Correct(c) => ("correct", serde_json::to_string(c).ok(), None),
                Action::Comment(t) => ("comment", None, Some(t.clone())),
            };
            tx.execute(
                "INSERT INTO decision (figure_id, reviewer, at, action, fields, comment, role) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![figure_id, who, now(), name, fields, comment, role],
            )?;
            Ok(tx.last_insert_rowid())
        })
    }

    /// The log of one figure, oldest first, with `undone` marked.
    pub fn history(&self, figure_id: i64) -> Result<Vec<DecisionRecord>> {
        let mut log = self.log_where("d.figure_id = ?1", figure_id)?;
        mark_undone(&mut log);
        Ok(log)
    }

    /// The whole log of a report, oldest first, with `undone` marked.
    pub fn report_log(&self, report_id: i64) -> Result<Vec<DecisionRecord>> {
        let mut log = self.log_where("f.report_id = ?1", report_id)?;
        mark_undone(&mut log);
        Ok(log)
    }

    fn log_where(&self, cond: &str, id: i64) -> Result<Vec<DecisionRecord>> {
        let sql = format!(
            "SELECT d.id, d.figure_id, d.reviewer, d.at, d.action, d.fields, d.comment, d.undoes
             FROM decision d JOIN figure f ON f.id = d.figure_id WHERE {cond} ORDER BY d.id"
        );
        let mut st = self.conn.prepare(&sql)?;
        let rows = st.query_map([id], |r| {
            let fields: Option<String> = r.get(5)?;
            Ok(DecisionRecord {
                id: r.get(0)?,
                figure_id: r.get(1)?,
                reviewer: r.get(2)?,
                at: r.get(3)?,
                action: r.get(4)?,
                correction: fields.and_then(|f| serde_json::from_str(&f).ok()),
                comment: r.get(6)?,
                undoes: r.get(7)?,
                undone: false,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Undo this reviewer's latest effective decision in a report. Returns the
    /// figure it touched, or `None` when there is nothing to undo.
    pub fn undo(&mut self, report_id: i64, reviewer: &str) -> Result<Option<i64>> {
        let log = self.report_log(report_id)?;
        let target = log
            .iter()
            .rev()
            .find(|d| !d.undone && d.undoes.is_none() && d.reviewer == reviewer)
            .map(|d| (d.id, d.figure_id));
        self.append_undo(target, reviewer)
    }

    /// Redo: cancel this reviewer's latest effective undo, if no new decision
    /// of theirs came after it.
    pub fn redo(&mut self, report_id: i64, reviewer: &str) -> Result<Option<i64>> {
        let log = self.report_log(report_id)?;
        let mine = log
            .iter()
            .rev()
            .filter(|d| !d.undone && d.reviewer == reviewer);
        let mut target = None;
        for d in mine {
            match d.undoes {
                // An effective undo whose own target is a plain decision.
                Some(t) if log.iter().any(|x| x.id == t && x.undoes.is_none()) => {
                    target = Some((d.id, d.figure_id));
                    break;
                }
                Some(_) => continue,
                None => break,
            }
        }
        self.append_undo(target, reviewer)
    }

    fn append_undo(&mut self, target: Option<(i64, i64)>, reviewer: &str) -> Result<Option<i64>> {
        let Some((decision_id, figure_id)) = target else {
            return Ok(None);
        };
        self.write(|tx| {
            tx.execute(
                "INSERT INTO decision (figure_id, reviewer, at, action, undoes) VALUES (?1, ?2, ?3, 'undo', ?4)",
                params![figure_id, reviewer, now(), decision_id],
            )?;
            Ok(Some(figure_id))
        })
    }

    /// Add a figure the extractor missed; the addition itself is logged as a
    /// correction so the figure counts as reviewed.
    pub fn add_figure(&mut self, report_id: i64, reviewer: &str, figure: &Figure) -> Result<i64> {
        let correction = Correction::of(figure);
        correction.validate().map_err(StoreError::Invalid)?;
        let figure_id = self.write(|tx| {
            insert_added_figure(tx, report_id, reviewer, figure).map_err(|e| {
                match e.sqlite_error_code() {
                    Some(rusqlite::ErrorCode::ConstraintViolation) => StoreError::NotFound {
                        what: "report",
                        id: report_id,
                    },
                    _ => StoreError::Sql(e),
                }
            })
        })?;
        self.decide(figure_id, reviewer, &Action::Correct(correction))?;
        Ok(figure_id)
    }
}

//! Timelines across many reports: what each year's report promised for an
//! indicator, what the next year's report said came of it, and where two
//! reports disagree about the same year.
//!
//! Pure logic on plain inputs ([`ReportRef`] and [`SourcedFigure`], the
//! figures as the reviewer left them, rejected ones already dropped); the
//! engine reads a project into these (`gwr_engine::timeline`).
//!
//! For each jurisdiction × indicator there is one [`Series`] per measure
//! (level, growth, rate …) and per base unit, with a [`TimelineRow`] per
//! period:
//! - **target**: a `Target` figure for the period from that year's report
//!   (2024's target from the 2024 report); failing that, from the latest
//!   earlier report (a five-year plan). Targets stated in a later report
//!   about a past year are not targets and are left out.
//! - **estimate**: an `Estimate` figure (预计) for the period, earliest report.
//! - **outcome**: an `Actual` figure for the period from the earliest report
//!   after the period (normally next year's report).
//! - **gap**: outcome (or, lacking one, estimate) minus target, in the
//!   target's unit (percentage points for rates), with `met` where the target
//!   has a direction (`6%以上`, `5%以内`, a range).
//! - **flags**: [`FlagKind::Disagreement`] when two reports state values for
//!   the same period (same indicator, measure, kind actual) that differ
//!   beyond rounding; [`FlagKind::Ambiguous`] when one report states several
//!   such values; [`FlagKind::Break`] when a level jumps between consecutive
//!   stated years far from the growth the reports state for those years: a
//!   revision or change of basis, so the two sides are not comparable.
//!
//! "Beyond rounding": each value stands for an interval, half a unit of its
//! last stated digit either side (a whole unit for `左右`), open-ended for
//! `以上`/`以内`, its bounds for a range; two values agree when their
//! intervals meet.
//!
//! ```
//! use gwr_compare::timeline::{figure_timelines, ReportRef, SourcedFigure, TimelineFilter};
//! let reports: Vec<ReportRef> = [(1, 2024), (2, 2025)]
//!     .iter()
//!     .map(|&(id, year)| ReportRef { id, file_name: format!("{year}.txt"), jurisdiction: Some("国务院".into()), year: Some(year), chars: 100 })
//!     .collect();
//! let figs = |id: i64, text: &str| -> Vec<SourcedFigure> {
//!     gwr_extract::extract_text(text).into_iter().enumerate()
//!         .map(|(i, figure)| SourcedFigure { report_id: id, figure_id: id * 100 + i as i64, figure })
//!         .collect()
//! };
//! let mut all = figs(1, "一、2024年工作安排\n今年发展主要预期目标是：地区生产总值增长5%左右。");
//! all.extend(figs(2, "一、2024年工作回顾\n地区生产总值增长5%。"));
//! let t = figure_timelines(&reports, &all, &TimelineFilter::indicator("地区生产总值"));
//! let row = &t[0].series[0].rows[0];
//! assert_eq!(row.target.as_ref().unwrap().value, 5.0);
//! assert_eq!(row.outcome.as_ref().unwrap().report_year, Some(2025));
//! assert_eq!(row.gap.as_ref().unwrap().value, 0.0);
//! ```

use std::collections::{BTreeMap, HashMap};

use gwr_extract::{Figure, Firmness, Kind, Measure, Period, Qualifier};
use serde::Serialize;

/// A level whose implied yearly change is this many percentage points away
/// from the stated growth is a break. Levels are usually nominal and growth
/// real, so a few points apart is normal (prices); ten is not. When growth is
/// stated for only some of the years between two levels, the band widens in
/// proportion to the years missing.
pub const BREAK_PP: f64 = 10.0;
/// Without stated growth, a level that falls faster or rises faster than
/// these percentages a year is a break.
pub const BREAK_FALL: f64 = -20.0;
pub const BREAK_RISE: f64 = 50.0;

/// One report, as much as a timeline needs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReportRef {
    pub id: i64,
    pub file_name: String,
    pub jurisdiction: Option<String>,
    /// The report's year (the year it was delivered).
    pub year: Option<i32>,
    /// Characters of its text (for phrase rates).
    pub chars: usize,
}

/// A figure of a report, as it stands after review (the corrected figure for
/// a corrected one). Leave rejected figures out.
#[derive(Debug, Clone, PartialEq)]
pub struct SourcedFigure {
    pub report_id: i64,
    pub figure_id: i64,
    pub figure: Figure,
}

/// Which timelines to build; `None` is all.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TimelineFilter {
    pub indicator: Option<String>,
    pub jurisdiction: Option<String>,
}

impl TimelineFilter {
    pub fn indicator(name: &str) -> TimelineFilter {
        TimelineFilter {
            indicator: Some(name.into()),
            jurisdiction: None,
        }
    }
}

/// One jurisdiction's figures for one indicator over the years.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndicatorTimeline {
    pub jurisdiction: String,
    pub indicator: String,
    pub series: Vec<Series>,
    /// Flags over all series, by kind.
    pub disagreements: usize,
    pub ambiguities: usize,
    pub breaks: usize,
}

/// One measure of an indicator (its level, its growth …) over the years.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Series {
    pub measure: Measure,
    /// The base unit values are compared in (`元`, `%`).
    pub unit_base: String,
    pub rows: Vec<TimelineRow>,
    pub breaks: Vec<Break>,
}

/// One figure as one report states it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Statement {
    pub report_id: i64,
    pub report_year: Option<i32>,
    pub file_name: String,
    pub figure_id: i64,
    pub kind: Kind,
    /// The value in the unit as stated.
    pub value: f64,
    pub unit: String,
    /// The value in the series' base unit.
    pub value_base: f64,
    pub qualifier: Qualifier,
    pub value_low: Option<f64>,
    pub value_high: Option<f64>,
    pub firmness: Option<Firmness>,
    /// The surface text (`5%左右`) and its character offsets in the report.
    pub text: String,
    pub start: usize,
    pub end: usize,
}

impl Statement {
    /// The text as stated, with a minus sign when the value is a fall stated
    /// in words (`下降6.7%` is stored as -6.7 with the text `6.7%`).
    pub fn shown(&self) -> String {
        if self.value < 0.0 && !self.text.contains(['-', '−', '－']) {
            format!("−{}", self.text)
        } else {
            self.text.clone()
        }
    }
}

/// A period of a series: target, estimate, outcome, gap, flags.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TimelineRow {
    pub period: Period,
    pub target: Option<Statement>,
    pub estimate: Option<Statement>,
    pub outcome: Option<Statement>,
    pub gap: Option<Gap>,
    /// Every actual statement of this period other than the outcome: later
    /// reports restating it, other values in the same report.
    pub restated: Vec<Statement>,
    pub flags: Vec<TimelineFlag>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum GapBasis {
    Outcome,
    Estimate,
}

/// Outcome (or estimate) minus target.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Gap {
    pub basis: GapBasis,
    /// In the target's unit; percentage points for rates and growth.
    pub value: f64,
    /// `个百分点` for rates and growth, else the target's unit.
    pub unit: String,
    /// The gap as a percentage of the target, for levels.
    pub relative: Option<f64>,
    /// For a target with a direction (`以上`, `以内`, a range): whether the
    /// outcome reached it, within rounding. `None` for `左右` and plain
    /// targets, where above is not always better.
    pub met: Option<bool>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FlagKind {
    /// Two reports state different values for the same period.
    Disagreement,
    /// One report states several different values for the period.
    Ambiguous,
    /// The level jumps from the previous stated year far from the stated
    /// growth: a revision or a change of basis.
    Break,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TimelineFlag {
    pub kind: FlagKind,
    /// A sentence for the reviewer naming the values and the reports.
    pub message: String,
    pub report_ids: Vec<i64>,
    pub figure_ids: Vec<i64>,
}

/// A discontinuity between two consecutive stated years of a level series.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Break {
    pub from_year: i32,
    pub to_year: i32,
    pub from: Statement,
    pub to: Statement,
    /// Yearly change implied by the two levels, percent.
    pub implied_change: f64,
    /// Yearly growth the reports state for the years in between, percent,
    /// when they state any.
    pub stated_growth: Option<f64>,
    pub message: String,
}

/// Build the timelines of every jurisdiction × indicator the filter admits,
/// sorted by jurisdiction, then indicator.
pub fn figure_timelines(
    reports: &[ReportRef],
    figures: &[SourcedFigure],
    filter: &TimelineFilter,
) -> Vec<IndicatorTimeline> {
    let by_id: HashMap<i64, &ReportRef> = reports.iter().map(|r| (r.id, r)).collect();
    // (jurisdiction, indicator) → (measure rank, unit_base) → period → statements
    type Periods = BTreeMap<Period, Vec<Statement>>;
    type Measures = BTreeMap<(u8, String), (Measure, Periods)>;
    let mut groups: BTreeMap<(String, String), Measures> = BTreeMap::new();
    for sf in figures {
        let f = &sf.figure;
        let (Some(indicator), Some(period), Some(value)) = (&f.indicator, f.period, f.value) else {
            continue;
        };
        if f.measure == Measure::Qualitative || !value.is_finite() {
            continue;
        }
        let Some(report) = by_id.get(&sf.report_id) else {
            continue;
        };
        let jurisdiction = report
            .jurisdiction
            .clone()
            .unwrap_or_else(|| "(unknown)".into());
        if filter.indicator.as_ref().is_some_and(|i| i != indicator)
            || filter
                .jurisdiction
                .as_ref()
                .is_some_and(|j| *j != jurisdiction)
        {
            continue;
        }
        let (value_base, unit_base) = base_of(f, value);
        let st = Statement {
            report_id: report.id,
            report_year: report.year,
            file_name: report.file_name.clone(),
            figure_id: sf.figure_id,
            kind: f.kind,
            value,
            unit: f.unit.clone(),
            value_base,
            qualifier: f.qualifier,
            value_low: f.value_low,
            value_high: f.value_high,
            firmness: f.firmness,
            text: f.text.clone(),
            start: f.start,
            end: f.end,
        };
        groups
            .entry((jurisdiction, indicator.clone()))
            .or_default()
            .entry((measure_rank(f.measure), unit_base))
            .or_insert_with(|| (f.measure, BTreeMap::new()))
            .1
            .entry(period)
            .or_default()
            .push(st);
    }

    let mut out = Vec::new();
    for ((jurisdiction, indicator), measures) in groups {
        let mut series: Vec<Series> = measures
            .into_iter()
            .map(|((_, unit_base), (measure, periods))| Series {
                measure,
                rows: periods
                    .into_iter()
                    .map(|(p, sts)| build_row(p, sts, &unit_base))
                    .collect(),
                unit_base,
                breaks: Vec::new(),
            })
            .collect();
        find_breaks(&mut series, &indicator);
        let count = |k: FlagKind| {
            series
                .iter()
                .flat_map(|s| &s.rows)
                .flat_map(|r| &r.flags)
                .filter(|f| f.kind == k)
                .count()
        };
        out.push(IndicatorTimeline {
            disagreements: count(FlagKind::Disagreement),
            ambiguities: count(FlagKind::Ambiguous),
            breaks: count(FlagKind::Break),
            jurisdiction,
            indicator,
            series,
        });
    }
    out
}

fn measure_rank(m: Measure) -> u8 {
    match m {
        Measure::Level => 0,
        Measure::Growth => 1,
        Measure::AvgGrowth => 2,
        Measure::Rate => 3,
        Measure::Share => 4,
        Measure::ChangePp => 5,
        Measure::Multiple => 6,
        Measure::Other => 7,
        Measure::Qualitative => 8,
    }
}

/// The value in its base unit. The extractor states it; a figure a reviewer
/// added or re-united may not have it, so magnitudes are stripped here.
fn base_of(f: &Figure, value: f64) -> (f64, String) {
    if let Some(b) = f.value_base {
        if !f.unit_base.is_empty() || f.unit.is_empty() {
            return (b, f.unit_base.clone());
        }
    }
    if matches!(f.unit.as_str(), "%" | "个百分点" | "‰") {
        return (value, f.unit.clone());
    }
    let mut factor = 1.0;
    let mut rest = f.unit.as_str();
    for (prefix, m) in [
        ("万亿", 1e12),
        ("亿", 1e8),
        ("万", 1e4),
        ("千", 1e3),
        ("百", 1e2),
    ] {
        if rest.len() > prefix.len() && rest.starts_with(prefix) {
            factor = m;
            rest = &rest[prefix.len()..];
            break;
        }
    }
    (value * factor, rest.to_string())
}

/// Is the unit a percentage, so gaps are percentage points?
fn is_percent(unit_base: &str) -> bool {
    matches!(unit_base, "%" | "个百分点" | "‰")
}

/// Half a unit of the value's last stated digit, in base units.
fn rounding(st: &Statement) -> f64 {
    let factor = factor_of(st);
    let digits = format!("{}", st.value.abs());
    let decimals = digits.split_once('.').map(|(_, d)| d.len()).unwrap_or(0);
    0.5 * 10f64.powi(-(decimals as i32)) * factor
}

/// Base units per stated unit.
fn factor_of(st: &Statement) -> f64 {
    if st.value != 0.0 && st.value_base != 0.0 {
        (st.value_base / st.value).abs()
    } else {
        1.0
    }
}

/// The interval of base values a statement admits.
fn interval(st: &Statement) -> (f64, f64) {
    let tol = rounding(st);
    let f = factor_of(st);
    let v = st.value_base;
    match st.qualifier {
        Qualifier::Eq => (v - tol, v + tol),
        Qualifier::Approx => (v - 2.0 * tol, v + 2.0 * tol),
        Qualifier::Ge => (v - tol, f64::INFINITY),
        Qualifier::Le => (f64::NEG_INFINITY, v + tol),
        Qualifier::Range => {
            let lo = st.value_low.map(|x| x * f).unwrap_or(v);
            let hi = st.value_high.map(|x| x * f).unwrap_or(v);
            (lo.min(hi) - tol, lo.max(hi) + tol)
        }
    }
}

fn agree(a: &Statement, b: &Statement) -> bool {
    let (a0, a1) = interval(a);
    let (b0, b1) = interval(b);
    a0 <= b1 && b0 <= a1
}

/// A statement with its report, for messages: `303.6亿元 (2017 report)`.
fn cite(st: &Statement) -> String {
    match st.report_year {
        Some(y) => format!("{} ({y} report, {})", st.shown(), st.file_name),
        None => format!("{} ({})", st.shown(), st.file_name),
    }
}

fn year_key(st: &Statement) -> (i32, i64) {
    (st.report_year.unwrap_or(i32::MAX), st.report_id)
}

fn build_row(period: Period, mut sts: Vec<Statement>, unit_base: &str) -> TimelineRow {
    sts.sort_by_key(|s| (year_key(s), s.start));
    // The same value stated twice in one report counts once.
    sts.dedup_by(|b, a| {
        a.report_id == b.report_id && a.kind == b.kind && a.value_base == b.value_base
    });
    let mut flags = Vec::new();
    let of_kind = |k: Kind| sts.iter().filter(move |s| s.kind == k);

    // The target of this period: from that year's report, else the latest
    // earlier one. The first in reading order when a report states several.
    let target = of_kind(Kind::Target)
        .filter(|s| s.report_year.is_some_and(|y| y <= period.start))
        .fold(None::<&Statement>, |best, s| match best {
            Some(b) if b.report_year >= s.report_year => Some(b),
            _ => Some(s),
        })
        .cloned();
    if let Some(t) = &target {
        ambiguous_in_report(&mut flags, t, of_kind(Kind::Target), "targets");
    }
    let estimate = of_kind(Kind::Estimate).next().cloned();

    let actuals: Vec<&Statement> = of_kind(Kind::Actual).collect();
    let outcome = actuals
        .iter()
        .find(|s| s.report_year.is_some_and(|y| y > period.end))
        .map(|s| (*s).clone());
    let restated: Vec<Statement> = actuals
        .iter()
        .filter(|s| outcome.as_ref().map(|o| o.figure_id) != Some(s.figure_id))
        .map(|s| (*s).clone())
        .collect();
    if let Some(o) = &outcome {
        ambiguous_in_report(&mut flags, o, actuals.iter().copied(), "values");
    }
    // Disagreements: each pair of reports, once, on the first value each
    // states (other values of one report are ambiguities, flagged above).
    let mut firsts: Vec<&Statement> = Vec::new();
    for s in &actuals {
        if !firsts.iter().any(|f| f.report_id == s.report_id) {
            firsts.push(s);
        }
    }
    for (i, a) in firsts.iter().enumerate() {
        for b in &firsts[i + 1..] {
            if !agree(a, b) {
                let revision = if a.qualifier == Qualifier::Eq && b.qualifier == Qualifier::Eq {
                    let d = (b.value_base - a.value_base)
                        / a.value_base.abs().max(f64::MIN_POSITIVE)
                        * 100.0;
                    if is_percent(unit_base) {
                        format!(
                            " ({} 个百分点)",
                            fmt_signed((b.value_base - a.value_base) / factor_of(a))
                        )
                    } else {
                        format!(" ({}%)", fmt_signed(round_to(d, 1)))
                    }
                } else {
                    String::new()
                };
                flags.push(TimelineFlag {
                    kind: FlagKind::Disagreement,
                    message: format!(
                        "{period}: {} against {}{revision}; the later report revised the figure or uses another basis",
                        cite(a),
                        cite(b)
                    ),
                    report_ids: vec![a.report_id, b.report_id],
                    figure_ids: vec![a.figure_id, b.figure_id],
                });
            }
        }
    }

    let gap = target.as_ref().and_then(|t| {
        let (basis, o) = match (&outcome, &estimate) {
            (Some(o), _) => (GapBasis::Outcome, o),
            (None, Some(e)) => (GapBasis::Estimate, e),
            _ => return None,
        };
        Some(gap_of(t, o, basis, unit_base))
    });
    TimelineRow {
        period,
        target,
        estimate,
        outcome,
        gap,
        restated,
        flags,
    }
}

fn ambiguous_in_report<'a>(
    flags: &mut Vec<TimelineFlag>,
    chosen: &Statement,
    all: impl Iterator<Item = &'a Statement>,
    what: &str,
) {
    let others: Vec<&Statement> = all
        .filter(|s| s.report_id == chosen.report_id && s.figure_id != chosen.figure_id)
        .filter(|s| !agree(s, chosen))
        .collect();
    if others.is_empty() {
        return;
    }
    let mut texts = vec![chosen.shown()];
    texts.extend(others.iter().map(|s| s.shown()));
    let mut figure_ids = vec![chosen.figure_id];
    figure_ids.extend(others.iter().map(|s| s.figure_id));
    flags.push(TimelineFlag {
        kind: FlagKind::Ambiguous,
        message: format!(
            "{} states several {what} for this period: {}; the first is used, reject the others if they are about something else",
            chosen.file_name,
            texts.join(", ")
        ),
        report_ids: vec![chosen.report_id],
        figure_ids,
    });
}

fn gap_of(t: &Statement, o: &Statement, basis: GapBasis, unit_base: &str) -> Gap {
    let factor = factor_of(t);
    let diff = o.value_base - t.value_base;
    let percent = is_percent(unit_base);
    let tol = rounding(t).max(rounding(o));
    let met = match t.qualifier {
        Qualifier::Ge => Some(o.value_base >= t.value_base - tol),
        Qualifier::Le => Some(o.value_base <= t.value_base + tol),
        Qualifier::Range => {
            let (lo, hi) = interval(t);
            Some(o.value_base >= lo && o.value_base <= hi)
        }
        Qualifier::Eq | Qualifier::Approx => None,
    };
    Gap {
        basis,
        value: round_to(diff / factor, 6),
        unit: if percent {
            "个百分点".into()
        } else {
            t.unit.clone()
        },
        relative: (!percent && t.value_base != 0.0)
            .then(|| round_to(diff / t.value_base.abs() * 100.0, 1)),
        met,
    }
}

/// Mark breaks in each level series against the growth series of the same
/// indicator.
fn find_breaks(series: &mut [Series], indicator: &str) {
    // Stated yearly growth (outcome, else estimate), percent.
    let growth: HashMap<i32, f64> = series
        .iter()
        .filter(|s| s.measure == Measure::Growth && s.unit_base == "%")
        .flat_map(|s| &s.rows)
        .filter(|r| r.period.start == r.period.end)
        .filter_map(|r| {
            r.outcome
                .as_ref()
                .or(r.estimate.as_ref())
                .filter(|s| matches!(s.qualifier, Qualifier::Eq | Qualifier::Approx))
                .map(|s| (r.period.start, s.value_base))
        })
        .collect();
    for s in series.iter_mut().filter(|s| s.measure == Measure::Level) {
        let points: Vec<(usize, i32, Statement)> = s
            .rows
            .iter()
            .enumerate()
            .filter(|(_, r)| r.period.start == r.period.end)
            .filter_map(|(i, r)| {
                r.outcome
                    .as_ref()
                    .filter(|o| {
                        matches!(o.qualifier, Qualifier::Eq | Qualifier::Approx)
                            && o.value_base > 0.0
                    })
                    .map(|o| (i, r.period.start, o.clone()))
            })
            .collect();
        for w in points.windows(2) {
            let ((_, y1, a), (i2, y2, b)) = (&w[0], &w[1]);
            let years = (y2 - y1) as f64;
            let implied = ((b.value_base / a.value_base).powf(1.0 / years) - 1.0) * 100.0;
            let stated: Vec<f64> = (y1 + 1..=*y2)
                .filter_map(|y| growth.get(&y).copied())
                .collect();
            let stated_growth = (!stated.is_empty()).then(|| {
                let prod: f64 = stated.iter().map(|g| 1.0 + g / 100.0).product();
                (prod.powf(1.0 / stated.len() as f64) - 1.0) * 100.0
            });
            // Years without stated growth widen the band: with half the
            // years missing it is half as wide again.
            let missing = (years - stated.len() as f64) / years;
            let broken = match stated_growth {
                Some(g) => (implied - g).abs() > BREAK_PP * (1.0 + missing),
                None => !(BREAK_FALL..=BREAK_RISE).contains(&implied),
            };
            if !broken {
                continue;
            }
            let verb = if b.value_base < a.value_base {
                "falls"
            } else {
                "rises"
            };
            let against = match stated_growth {
                Some(g) => format!(
                    ", while the reports state growth of {}% a year",
                    fmt_num(round_to(g, 1))
                ),
                None => String::new(),
            };
            let message = format!(
                "break in {indicator}: {verb} from {} for {y1} to {} for {y2}, {}% a year{against}; the series was revised or changed basis, so years before and after are not comparable",
                cite(a),
                cite(b),
                fmt_num(round_to(implied, 1)),
            );
            s.rows[*i2].flags.push(TimelineFlag {
                kind: FlagKind::Break,
                message: message.clone(),
                report_ids: vec![a.report_id, b.report_id],
                figure_ids: vec![a.figure_id, b.figure_id],
            });
            s.breaks.push(Break {
                from_year: *y1,
                to_year: *y2,
                from: a.clone(),
                to: b.clone(),
                implied_change: round_to(implied, 2),
                stated_growth: stated_growth.map(|g| round_to(g, 2)),
                message,
            });
        }
    }
}

fn round_to(x: f64, places: i32) -> f64 {
    let m = 10f64.powi(places);
    (x * m).round() / m
}

/// A number without float noise or trailing zeros: `5`, `-0.3`, `303.6`.
pub fn fmt_num(x: f64) -> String {
    let s = format!("{:.4}", round_to(x, 4));
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".into()
    } else {
        s.into()
    }
}

/// [`fmt_num`] with a `+` before a positive number.
pub fn fmt_signed(x: f64) -> String {
    let s = fmt_num(x);
    if s.starts_with('-') || s == "0" {
        s
    } else {
        format!("+{s}")
    }
}

/// How often one phrase occurs in each jurisdiction's reports, year by year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PhraseTimeline {
    pub phrase: String,
    pub total: usize,
    /// Sorted by jurisdiction; every report of the project has a point, zero
    /// counts included, so a phrase that disappears shows as a zero.
    pub jurisdictions: Vec<PhraseSeries>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PhraseSeries {
    pub jurisdiction: String,
    pub total: usize,
    /// By year (reports without a year last).
    pub points: Vec<PhrasePoint>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PhrasePoint {
    pub report_id: i64,
    pub year: Option<i32>,
    pub count: usize,
    /// Occurrences per 10,000 characters of the report, so a long report and
    /// a short one compare.
    pub per_10k: f64,
}

/// Pivot per-report counts (`(report id, count)`) into a timeline per
/// jurisdiction. Reports missing from `counts` count zero.
pub fn phrase_timeline(
    phrase: &str,
    reports: &[ReportRef],
    counts: &[(i64, usize)],
) -> PhraseTimeline {
    let count_of: HashMap<i64, usize> = counts.iter().copied().collect();
    let mut by_j: BTreeMap<String, Vec<PhrasePoint>> = BTreeMap::new();
    for r in reports {
        let count = count_of.get(&r.id).copied().unwrap_or(0);
        by_j.entry(r.jurisdiction.clone().unwrap_or_else(|| "(unknown)".into()))
            .or_default()
            .push(PhrasePoint {
                report_id: r.id,
                year: r.year,
                count,
                per_10k: if r.chars == 0 {
                    0.0
                } else {
                    round_to(count as f64 * 10_000.0 / r.chars as f64, 2)
                },
            });
    }
    let jurisdictions: Vec<PhraseSeries> = by_j
        .into_iter()
        .map(|(jurisdiction, mut points)| {
            points.sort_by_key(|p| (p.year.unwrap_or(i32::MAX), p.report_id));
            PhraseSeries {
                jurisdiction,
                total: points.iter().map(|p| p.count).sum(),
                points,
            }
        })
        .collect();
    PhraseTimeline {
        phrase: phrase.to_string(),
        total: jurisdictions.iter().map(|j| j.total).sum(),
        jurisdictions,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(id: i64, year: i32) -> ReportRef {
        ReportRef {
            id,
            file_name: format!("r{year}.txt"),
            jurisdiction: Some("某区".into()),
            year: Some(year),
            chars: 10_000,
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn fig(
        report_id: i64,
        figure_id: i64,
        measure: Measure,
        kind: Kind,
        year: i32,
        value: f64,
        unit: &str,
        q: Qualifier,
    ) -> SourcedFigure {
        let factor = match unit {
            "亿元" => 1e8,
            "万亿元" => 1e12,
            _ => 1.0,
        };
        SourcedFigure {
            report_id,
            figure_id,
            figure: Figure {
                indicator: Some("地区生产总值".into()),
                measure,
                kind,
                period: Some(Period::year(year)),
                value: Some(value),
                unit: unit.into(),
                value_base: Some(value * factor),
                unit_base: if factor == 1.0 {
                    unit.into()
                } else {
                    "元".into()
                },
                qualifier: q,
                value_low: None,
                value_high: None,
                firmness: None,
                text: format!("{}{unit}", fmt_num(value)),
                start: figure_id as usize,
                end: figure_id as usize + 3,
                sentence: 0,
                flags: vec![],
            },
        }
    }

    use Kind::*;
    use Measure::*;
    use Qualifier as Q;

    #[test]
    fn rounding_is_not_a_disagreement_but_a_real_difference_is() {
        let reports = [report(1, 2017), report(2, 2018), report(3, 2019)];
        let figs = [
            fig(1, 10, Level, Actual, 2016, 303.6, "亿元", Q::Eq),
            // 0.03万亿元 = 300亿元 rounded to two decimals: agrees with 303.6亿元.
            fig(2, 20, Level, Actual, 2016, 0.03, "万亿元", Q::Eq),
            // 5%左右 against 5.4%: agrees.
            fig(1, 11, Growth, Actual, 2016, 5.4, "%", Q::Eq),
            fig(2, 21, Growth, Actual, 2016, 5.0, "%", Q::Approx),
            // 7.2% against 6.9%: a disagreement.
            fig(3, 31, Growth, Actual, 2016, 6.9, "%", Q::Eq),
        ];
        let t = figure_timelines(&reports, &figs, &TimelineFilter::default());
        assert_eq!(t.len(), 1);
        let level = &t[0].series[0];
        assert_eq!(level.measure, Level);
        assert!(level.rows[0].flags.is_empty(), "{:?}", level.rows[0].flags);
        assert_eq!(level.rows[0].outcome.as_ref().unwrap().figure_id, 10);
        assert_eq!(level.rows[0].restated.len(), 1);
        let growth = &t[0].series[1];
        let flags = &growth.rows[0].flags;
        // 5.4 vs 6.9 disagree; 5%左右 (4–6) vs 6.9 disagree; 5.4 vs 5%左右 agree.
        assert_eq!(flags.len(), 2, "{flags:?}");
        assert!(flags.iter().all(|f| f.kind == FlagKind::Disagreement));
        assert!(flags[0].message.contains("5.4%"), "{}", flags[0].message);
        assert!(
            flags[0].message.contains("+1.5 个百分点"),
            "{}",
            flags[0].message
        );
        assert_eq!(t[0].disagreements, 2);
    }

    #[test]
    fn target_beside_next_years_outcome_with_gap_and_direction() {
        let reports = [report(1, 2021), report(2, 2022)];
        let figs = [
            fig(1, 10, Growth, Target, 2021, 6.0, "%", Q::Ge),
            fig(2, 20, Growth, Actual, 2021, 8.1, "%", Q::Eq),
            fig(1, 11, Level, Target, 2021, 300.0, "亿元", Q::Eq),
            fig(2, 21, Level, Actual, 2021, 285.0, "亿元", Q::Eq),
            // A "target" stated after the fact is not a target.
            fig(2, 22, Growth, Target, 2021, 9.0, "%", Q::Eq),
        ];
        let t = figure_timelines(&reports, &figs, &TimelineFilter::default());
        let level = &t[0].series[0].rows[0];
        let gap = level.gap.as_ref().unwrap();
        assert_eq!((gap.value, gap.unit.as_str()), (-15.0, "亿元"));
        assert_eq!(gap.relative, Some(-5.0));
        assert_eq!(gap.met, None);
        let growth = &t[0].series[1].rows[0];
        assert_eq!(growth.target.as_ref().unwrap().figure_id, 10);
        let gap = growth.gap.as_ref().unwrap();
        assert_eq!((gap.value, gap.unit.as_str()), (2.1, "个百分点"));
        assert_eq!(
            (gap.met, gap.relative, gap.basis),
            (Some(true), None, GapBasis::Outcome)
        );
    }

    #[test]
    fn estimate_stands_in_for_a_missing_outcome() {
        let reports = [report(1, 2022), report(2, 2023)];
        let figs = [
            fig(1, 10, Growth, Target, 2022, 5.5, "%", Q::Approx),
            fig(2, 20, Growth, Estimate, 2022, 3.0, "%", Q::Eq),
        ];
        let t = figure_timelines(&reports, &figs, &TimelineFilter::default());
        let row = &t[0].series[0].rows[0];
        assert!(row.outcome.is_none());
        let gap = row.gap.as_ref().unwrap();
        assert_eq!((gap.basis, gap.value), (GapBasis::Estimate, -2.5));
    }

    #[test]
    fn level_drop_against_stated_growth_is_a_break() {
        let reports = [report(1, 2016), report(2, 2017), report(3, 2019)];
        let figs = [
            fig(1, 10, Level, Actual, 2015, 287.9, "亿元", Q::Eq),
            fig(2, 20, Level, Actual, 2016, 303.6, "亿元", Q::Eq),
            fig(2, 21, Growth, Actual, 2016, 7.2, "%", Q::Eq),
            fig(3, 30, Level, Actual, 2018, 192.3, "亿元", Q::Eq),
            fig(3, 31, Growth, Actual, 2018, 6.0, "%", Q::Eq),
        ];
        let t = figure_timelines(&reports, &figs, &TimelineFilter::default());
        let level = &t[0].series[0];
        assert_eq!(level.breaks.len(), 1, "{:?}", level.breaks);
        let b = &level.breaks[0];
        assert_eq!((b.from_year, b.to_year), (2016, 2018));
        assert!(b.implied_change < -20.0, "{}", b.implied_change);
        assert_eq!(b.stated_growth, Some(6.0));
        assert!(b.message.contains("303.6亿元") && b.message.contains("192.3亿元"));
        let row2018 = level.rows.iter().find(|r| r.period.start == 2018).unwrap();
        assert_eq!(row2018.flags[0].kind, FlagKind::Break);
        assert_eq!(t[0].breaks, 1);
    }

    #[test]
    fn several_values_in_one_report_are_ambiguous() {
        let reports = [report(1, 2020), report(2, 2021)];
        let mut fall = fig(2, 20, Growth, Actual, 2020, -6.7, "%", Q::Eq);
        fall.figure.text = "6.7%".into(); // 下降6.7%
        let figs = [fall, fig(2, 21, Growth, Actual, 2020, 1.7, "%", Q::Eq)];
        let t = figure_timelines(&reports, &figs, &TimelineFilter::default());
        let row = &t[0].series[0].rows[0];
        assert_eq!(row.flags.len(), 1);
        assert_eq!(row.flags[0].kind, FlagKind::Ambiguous);
        assert_eq!(row.flags[0].figure_ids, vec![20, 21]);
        assert_eq!(row.outcome.as_ref().unwrap().shown(), "−6.7%");
        assert!(
            row.flags[0].message.contains("−6.7%, 1.7%"),
            "{}",
            row.flags[0].message
        );
        assert_eq!(t[0].disagreements, 0);
    }

    #[test]
    fn filter_and_missing_base() {
        let reports = [report(1, 2020), report(2, 2021)];
        let mut f = fig(2, 20, Level, Actual, 2020, 2.5, "万亿元", Q::Eq);
        f.figure.value_base = None;
        f.figure.unit_base = String::new();
        let g = fig(2, 21, Level, Actual, 2020, 25000.0, "亿元", Q::Eq);
        let t = figure_timelines(
            &reports,
            &[f, g],
            &TimelineFilter::indicator("地区生产总值"),
        );
        assert_eq!(t[0].series.len(), 1, "both levels are in 元");
        assert!(t[0].series[0].rows[0].flags.is_empty());
        let none = figure_timelines(&reports, &[], &TimelineFilter::indicator("地区生产总值"));
        assert!(none.is_empty());
        let other = TimelineFilter {
            indicator: None,
            jurisdiction: Some("别处".into()),
        };
        let f = fig(2, 20, Level, Actual, 2020, 2.5, "万亿元", Q::Eq);
        assert!(figure_timelines(&reports, &[f], &other).is_empty());
    }

    #[test]
    fn phrase_points_per_jurisdiction_with_zeros_and_rates() {
        let mut reports = vec![report(1, 2021), report(2, 2020)];
        reports.push(ReportRef {
            id: 3,
            file_name: "x.txt".into(),
            jurisdiction: Some("上海市".into()),
            year: Some(2020),
            chars: 5_000,
        });
        let t = phrase_timeline("新能源", &reports, &[(1, 3), (3, 2)]);
        assert_eq!(t.total, 5);
        assert_eq!(t.jurisdictions[0].jurisdiction, "上海市");
        assert_eq!(t.jurisdictions[0].points[0].per_10k, 4.0);
        let years: Vec<_> = t.jurisdictions[1]
            .points
            .iter()
            .map(|p| (p.year, p.count))
            .collect();
        assert_eq!(years, vec![(Some(2020), 0), (Some(2021), 3)]);
    }

    #[test]
    fn numbers_print_plainly() {
        assert_eq!(fmt_num(5.0), "5");
        assert_eq!(fmt_num(-0.30000000004), "-0.3");
        assert_eq!(fmt_num(303.6), "303.6");
        assert_eq!(fmt_num(-0.00001), "0");
    }
}

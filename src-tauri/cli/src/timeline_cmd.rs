//! `gwr timeline` (figure timelines: targets beside next year's outcomes,
//! disagreements and breaks) and `gwr phrases` (how often phrases occur per
//! jurisdiction and year), over a project's reports.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use gwr_engine::compare::timeline::{
    fmt_num, fmt_signed, IndicatorTimeline, PhraseTimeline, Statement, TimelineFilter, TimelineRow,
};
use gwr_engine::store::Project;
use gwr_engine::timeline::{project_figure_timelines, project_phrase_timelines};

#[derive(Clone, Copy, PartialEq, clap::ValueEnum)]
pub enum OutFormat {
    Text,
    Json,
    Csv,
}

#[derive(clap::Args)]
pub struct TimelineArgs {
    /// Catalog indicator (`地区生产总值`); all indicators when left out.
    #[arg(long)]
    indicator: Option<String>,
    /// Only this jurisdiction (as `gwr reports` lists it).
    #[arg(long)]
    jurisdiction: Option<String>,
    #[arg(long, value_enum, default_value_t = OutFormat::Text)]
    format: OutFormat,
    #[arg(long)]
    project: Option<PathBuf>,
}

#[derive(clap::Args)]
pub struct PhrasesArgs {
    /// One or more phrases (`新能源 稳中求进 乡村振兴`).
    #[arg(required = true)]
    phrases: Vec<String>,
    #[arg(long, value_enum, default_value_t = OutFormat::Text)]
    format: OutFormat,
    #[arg(long)]
    project: Option<PathBuf>,
}

pub fn timeline(args: TimelineArgs) -> Result<ExitCode> {
    let project = Project::open_existing(&crate::project_path(args.project))?;
    let filter = TimelineFilter {
        indicator: args.indicator,
        jurisdiction: args.jurisdiction,
    };
    let timelines = project_figure_timelines(&project, &filter)?;
    let mut out = std::io::stdout().lock();
    match args.format {
        OutFormat::Json => writeln!(out, "{}", serde_json::to_string_pretty(&timelines)?)?,
        OutFormat::Csv => timeline_csv(&timelines, &mut out)?,
        OutFormat::Text => {
            if timelines.is_empty() {
                eprintln!("no figures match; check the indicator name against the catalog and the jurisdiction against `gwr reports`");
            }
            write!(out, "{}", timeline_text(&timelines))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn phrases(args: PhrasesArgs) -> Result<ExitCode> {
    let project = Project::open_existing(&crate::project_path(args.project))?;
    let timelines = project_phrase_timelines(&project, &args.phrases)?;
    let mut out = std::io::stdout().lock();
    match args.format {
        OutFormat::Json => writeln!(out, "{}", serde_json::to_string_pretty(&timelines)?)?,
        OutFormat::Csv => {
            let mut w = csv::Writer::from_writer(&mut out);
            w.write_record([
                "phrase",
                "jurisdiction",
                "year",
                "report_id",
                "count",
                "per_10k_chars",
            ])?;
            for t in &timelines {
                for j in &t.jurisdictions {
                    for p in &j.points {
                        w.write_record([
                            t.phrase.clone(),
                            j.jurisdiction.clone(),
                            p.year.map(|y| y.to_string()).unwrap_or_default(),
                            p.report_id.to_string(),
                            p.count.to_string(),
                            fmt_num(p.per_10k),
                        ])?;
                    }
                }
            }
            w.flush()?;
        }
        OutFormat::Text => write!(out, "{}", phrases_text(&timelines))?,
    }
    Ok(ExitCode::SUCCESS)
}

/// Terminal columns of a string: CJK and full-width characters take two.
fn width(s: &str) -> usize {
    s.chars()
        .map(|c| match c as u32 {
            0x1100..=0x115F
            | 0x2E80..=0xA4CF
            | 0xAC00..=0xD7A3
            | 0xF900..=0xFAFF
            | 0xFE30..=0xFE4F
            | 0xFF00..=0xFF60
            | 0xFFE0..=0xFFE6
            | 0x20000..=0x3FFFD => 2,
            _ => 1,
        })
        .sum()
}

fn pad(s: &str, w: usize) -> String {
    format!("{s}{}", " ".repeat(w.saturating_sub(width(s))))
}

fn stated(s: &Option<Statement>) -> String {
    match s {
        Some(s) => match s.report_year {
            Some(y) => format!("{} ({y})", s.shown()),
            None => s.shown(),
        },
        None => "—".into(),
    }
}

fn gap_text(r: &TimelineRow) -> String {
    let Some(g) = &r.gap else { return "—".into() };
    let mut s = format!("{}{}", fmt_signed(g.value), g.unit);
    if let Some(rel) = g.relative {
        s.push_str(&format!(" ({}%)", fmt_signed(rel)));
    }
    match g.met {
        Some(true) => s.push_str(" met"),
        Some(false) => s.push_str(" missed"),
        None => {}
    }
    if g.basis == gwr_engine::compare::timeline::GapBasis::Estimate {
        s.push_str(" (vs estimate)");
    }
    s
}

fn flag_marks(r: &TimelineRow) -> String {
    use gwr_engine::compare::timeline::FlagKind::*;
    let mut marks: Vec<&str> = r
        .flags
        .iter()
        .map(|f| match f.kind {
            Disagreement => "DISAGREE",
            Ambiguous => "AMBIGUOUS",
            Break => "BREAK",
        })
        .collect();
    marks.dedup();
    marks.join(" ")
}

/// The timelines as tables, one per indicator and measure, with the flag
/// messages under each table.
pub fn timeline_text(timelines: &[IndicatorTimeline]) -> String {
    let mut out = String::new();
    for t in timelines {
        out.push_str(&format!(
            "{} · {}  ({} disagreement(s), {} break(s), {} ambiguous)\n",
            t.jurisdiction, t.indicator, t.disagreements, t.breaks, t.ambiguities
        ));
        for s in &t.series {
            let measure = serde_json::to_value(s.measure)
                .ok()
                .and_then(|v| v.as_str().map(String::from))
                .unwrap_or_default();
            out.push_str(&format!("  {measure} ({})\n", s.unit_base));
            let head = ["period", "target", "estimate", "outcome", "gap", "flags"];
            let cells: Vec<[String; 6]> = s
                .rows
                .iter()
                .map(|r| {
                    [
                        r.period.to_string(),
                        stated(&r.target),
                        stated(&r.estimate),
                        stated(&r.outcome),
                        gap_text(r),
                        flag_marks(r),
                    ]
                })
                .collect();
            let mut widths = head.map(width);
            for row in &cells {
                for (w, c) in widths.iter_mut().zip(row) {
                    *w = (*w).max(width(c));
                }
            }
            let line = |cols: Vec<&str>| {
                let mut l = String::from("    ");
                for (i, c) in cols.iter().enumerate() {
                    if i + 1 == cols.len() {
                        l.push_str(c);
                    } else {
                        l.push_str(&pad(c, widths[i] + 2));
                    }
                }
                l.trim_end().to_string() + "\n"
            };
            out.push_str(&line(head.to_vec()));
            for row in &cells {
                out.push_str(&line(row.iter().map(String::as_str).collect()));
            }
            for r in &s.rows {
                for f in &r.flags {
                    let kind = serde_json::to_value(f.kind)
                        .ok()
                        .and_then(|v| v.as_str().map(str::to_uppercase))
                        .unwrap_or_default();
                    out.push_str(&format!("    ! {kind} {}\n", f.message));
                }
            }
        }
        out.push('\n');
    }
    out
}

fn timeline_csv(timelines: &[IndicatorTimeline], out: &mut impl Write) -> Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record([
        "jurisdiction",
        "indicator",
        "measure",
        "unit_base",
        "period",
        "target",
        "target_value",
        "target_unit",
        "target_report_year",
        "target_figure_id",
        "estimate",
        "estimate_value",
        "estimate_unit",
        "estimate_report_year",
        "outcome",
        "outcome_value",
        "outcome_unit",
        "outcome_report_year",
        "outcome_figure_id",
        "gap",
        "gap_unit",
        "gap_relative_pct",
        "met",
        "flags",
        "flag_messages",
    ])?;
    let opt = |x: Option<String>| x.unwrap_or_default();
    for t in timelines {
        for s in &t.series {
            let measure = serde_json::to_value(s.measure)?
                .as_str()
                .unwrap_or_default()
                .to_string();
            for r in &s.rows {
                let st = |s: &Option<Statement>| -> [String; 5] {
                    match s {
                        Some(s) => [
                            s.shown(),
                            fmt_num(s.value),
                            s.unit.clone(),
                            opt(s.report_year.map(|y| y.to_string())),
                            s.figure_id.to_string(),
                        ],
                        None => Default::default(),
                    }
                };
                let [tt, tv, tu, ty, tid] = st(&r.target);
                let [et, ev, eu, ey, _] = st(&r.estimate);
                let [ot, ov, ou, oy, oid] = st(&r.outcome);
                let g = r.gap.as_ref();
                w.write_record([
                    t.jurisdiction.clone(),
                    t.indicator.clone(),
                    measure.clone(),
                    s.unit_base.clone(),
                    r.period.to_string(),
                    tt,
                    tv,
                    tu,
                    ty,
                    tid,
                    et,
                    ev,
                    eu,
                    ey,
                    ot,
                    ov,
                    ou,
                    oy,
                    oid,
                    opt(g.map(|g| fmt_num(g.value))),
                    opt(g.map(|g| g.unit.clone())),
                    opt(g.and_then(|g| g.relative).map(fmt_num)),
                    opt(g.and_then(|g| g.met).map(|m| m.to_string())),
                    flag_marks(r).replace(' ', ";").to_lowercase(),
                    r.flags
                        .iter()
                        .map(|f| f.message.as_str())
                        .collect::<Vec<_>>()
                        .join(" | "),
                ])?;
            }
        }
    }
    w.flush()?;
    Ok(())
}

/// One block per phrase: per jurisdiction, count per year (and per 10,000
/// characters).
pub fn phrases_text(timelines: &[PhraseTimeline]) -> String {
    let mut out = String::new();
    for t in timelines {
        out.push_str(&format!("{}: {} occurrence(s)\n", t.phrase, t.total));
        let jw = t
            .jurisdictions
            .iter()
            .map(|j| width(&j.jurisdiction))
            .max()
            .unwrap_or(0);
        for j in &t.jurisdictions {
            for (i, p) in j.points.iter().enumerate() {
                let name = if i == 0 { j.jurisdiction.as_str() } else { "" };
                let year = p.year.map(|y| y.to_string()).unwrap_or_else(|| "?".into());
                let bar = "█".repeat(p.count.min(40));
                out.push_str(&format!(
                    "  {}  {year}  {:>4}  {:>6}/10k  {bar}\n",
                    pad(name, jw),
                    p.count,
                    format!("{:.2}", p.per_10k)
                ));
            }
        }
        out.push('\n');
    }
    out
}

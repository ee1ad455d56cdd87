//! Several reviewers on the command line: review bundles out and in,
//! agreement, conflicts, adjudication.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use gwr_engine::store::{action_for, Action, Counts, Project, Status};

#[derive(clap::Args)]
pub struct BundleArgs {
    #[command(subcommand)]
    cmd: BundleCmd,
}

#[derive(clap::Subcommand)]
enum BundleCmd {
    /// Write this project's decisions to a review bundle for another reviewer
    /// or a lead to merge.
    Export {
        #[arg(long)]
        out: PathBuf,
        /// Only this reviewer's decisions.
        #[arg(long)]
        reviewer: Option<String>,
        #[arg(long)]
        project: Option<PathBuf>,
    },
    /// Merge other reviewers' bundles: their decisions are kept per reviewer,
    /// nothing of this project's is overwritten.
    Merge {
        #[arg(required = true)]
        bundles: Vec<PathBuf>,
        #[arg(long)]
        project: Option<PathBuf>,
    },
}

#[derive(clap::Args)]
pub struct AgreementArgs {
    /// Tab-separated output for a spreadsheet.
    #[arg(long)]
    tsv: bool,
    #[arg(long)]
    project: Option<PathBuf>,
}

#[derive(clap::Args)]
pub struct ConflictsArgs {
    #[arg(long)]
    report: Option<i64>,
    /// Also list conflicts an adjudicator has resolved.
    #[arg(long)]
    all: bool,
    #[arg(long)]
    project: Option<PathBuf>,
}

#[derive(clap::Args)]
pub struct AdjudicateArgs {
    figure: i64,
    /// `accept`, `reject`, or `take REVIEWER` (adopt that reviewer's decision,
    /// correction included).
    #[arg(required = true, num_args = 1..=2)]
    decision: Vec<String>,
    #[arg(long)]
    adjudicator: String,
    #[arg(long)]
    project: Option<PathBuf>,
}

pub fn bundle(args: BundleArgs) -> Result<ExitCode> {
    match args.cmd {
        BundleCmd::Export {
            out,
            reviewer,
            project,
        } => {
            let project = Project::open_existing(&crate::project_path(project))?;
            let file = std::fs::File::create(&out).with_context(|| {
                format!(
                    "cannot create {}; check the folder exists and is writable",
                    out.display()
                )
            })?;
            let mut w = std::io::BufWriter::new(file);
            let s = project.export_bundle(&mut w, reviewer.as_deref())?;
            w.flush()
                .with_context(|| format!("cannot write {}", out.display()))?;
            println!(
                "wrote {}: {} decisions on {} figures by {}",
                out.display(),
                s.decisions,
                s.figures,
                if s.reviewers.is_empty() {
                    "nobody".to_string()
                } else {
                    s.reviewers.join(", ")
                }
            );
            Ok(ExitCode::SUCCESS)
        }
        BundleCmd::Merge { bundles, project } => {
            let mut project = Project::open_existing(&crate::project_path(project))?;
            let mut unmatched = 0;
            for b in &bundles {
                let r = project.merge_bundle(b)?;
                if r.already_merged {
                    println!("{}: already merged, nothing changed", b.display());
                    continue;
                }
                println!(
                    "{}: from {} ({}): {} decisions merged on {} figures ({} added by hand), {} already present, {} figures unmatched",
                    b.display(),
                    r.source,
                    r.reviewers.join(", "),
                    r.decisions_merged,
                    r.figures_matched + r.figures_added,
                    r.figures_added,
                    r.decisions_already_present,
                    r.unmatched.len()
                );
                for u in &r.unmatched {
                    println!(
                        "  unmatched  {}  {}–{}  {}  ({} decisions): {}",
                        u.report, u.start, u.end, u.text, u.decisions, u.reason
                    );
                }
                unmatched += r.unmatched.len();
            }
            Ok(if unmatched > 0 {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            })
        }
    }
}

fn fmt(v: Option<f64>) -> String {
    v.map(|v| format!("{v:.3}")).unwrap_or_else(|| "–".into())
}

pub fn agreement(args: AgreementArgs) -> Result<ExitCode> {
    let project = Project::open_existing(&crate::project_path(args.project))?;
    let pairs = project.agreement()?;
    if pairs.is_empty() {
        eprintln!("no figure was reviewed by two reviewers; merge another reviewer's bundle first (`gwr bundle merge FILE`)");
        return Ok(ExitCode::SUCCESS);
    }
    let line = |a: &str, b: &str, ind: &str, c: &Counts| {
        if args.tsv {
            println!(
                "{a}\t{b}\t{ind}\t{}\t{}\t{}\t{}\t{}",
                c.figures,
                fmt(c.observed()),
                fmt(c.kappa()),
                c.corrections,
                fmt(c.correction_agreement())
            );
        } else {
            println!(
                "{a:<10} {b:<10} {ind:<24} {:>7} {:>8} {:>6} {:>11} {:>9}",
                c.figures,
                fmt(c.observed()),
                fmt(c.kappa()),
                c.corrections,
                fmt(c.correction_agreement())
            );
        }
    };
    if args.tsv {
        println!("reviewer_a\treviewer_b\tindicator\tfigures\tagreement\tkappa\tcorrections\tcorrections_identical");
    } else {
        println!(
            "{:<10} {:<10} {:<24} {:>7} {:>8} {:>6} {:>11} {:>9}",
            "a", "b", "indicator", "figures", "agree", "kappa", "corrections", "identical"
        );
    }
    for p in &pairs {
        line(&p.reviewer_a, &p.reviewer_b, "(all)", &p.overall);
        for (ind, c) in &p.by_indicator {
            line(
                &p.reviewer_a,
                &p.reviewer_b,
                ind.as_deref().unwrap_or("(outside catalog)"),
                c,
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn position(status: Status, f: &gwr_engine::extract::Figure) -> String {
    match status {
        Status::Corrected => format!(
            "corrected to {}{} {}",
            f.value.map(|v| v.to_string()).unwrap_or_default(),
            f.unit,
            f.indicator.as_deref().unwrap_or("(outside catalog)")
        ),
        s => s.as_str().to_string(),
    }
}

pub fn conflicts(args: ConflictsArgs) -> Result<ExitCode> {
    let project = Project::open_existing(&crate::project_path(args.project))?;
    let list = project.conflicts(args.report, args.all)?;
    for c in &list {
        let f = &c.figure.original;
        println!(
            "figure {}  {}  {}  {} {}",
            c.figure.id,
            c.report_file,
            f.text,
            f.indicator.as_deref().unwrap_or("(outside catalog)"),
            f.period.map(|p| p.to_string()).unwrap_or_default()
        );
        println!("    {}", c.sentence.replace('\n', " "));
        for p in &c.positions {
            println!(
                "    {:<10} {}{}",
                p.reviewer,
                position(p.state.status, &p.state.current),
                p.state
                    .comment
                    .as_deref()
                    .map(|c| format!("  “{c}”"))
                    .unwrap_or_default()
            );
        }
        if let Some(a) = &c.adjudicated {
            println!(
                "    adjudicated by {}: {}",
                a.last_reviewer.as_deref().unwrap_or("?"),
                position(a.status, &a.current)
            );
        }
    }
    eprintln!("{} conflicts", list.len());
    Ok(ExitCode::SUCCESS)
}

pub fn adjudicate(args: AdjudicateArgs) -> Result<ExitCode> {
    let mut project = Project::open_existing(&crate::project_path(args.project))?;
    let action = match args.decision.as_slice() {
        [d] if d == "accept" => Action::Accept,
        [d] if d == "reject" => Action::Reject,
        [d, reviewer] if d == "take" => {
            let report = project.figure(args.figure)?.report_id;
            let ds = project.report_dataset(report)?;
            let f = ds
                .figures
                .iter()
                .find(|f| f.record.id == args.figure)
                .with_context(|| format!("figure {} is retired", args.figure))?;
            let p = f
                .positions
                .iter()
                .find(|p| &p.reviewer == reviewer)
                .with_context(|| {
                    let names: Vec<&str> =
                        f.positions.iter().map(|p| p.reviewer.as_str()).collect();
                    format!(
                        "{reviewer} has not decided figure {}; reviewers who did: {}",
                        args.figure,
                        names.join(", ")
                    )
                })?;
            action_for(&p.state).with_context(|| {
                format!(
                    "{reviewer}'s decisions on figure {} cancel out",
                    args.figure
                )
            })?
        }
        other => bail!(
            "unknown decision `{}`: use `accept`, `reject` or `take REVIEWER`",
            other.join(" ")
        ),
    };
    let id = project.adjudicate(args.figure, &args.adjudicator, &action)?;
    println!("ok {id}");
    Ok(ExitCode::SUCCESS)
}

//! `gwr`: import reports into a project, list them, show their clean text,
//! extract figures without a project. The same engine as the desktop app.

mod diff_cmd;
mod export_cmd;
mod extract_cmd;
mod reextract_cmd;
mod review_cmd;
mod timeline_cmd;

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use gwr_engine::store::Project;
use gwr_engine::{default_project_path, FileOutcome};

#[derive(Parser)]
#[command(
    name = "gwr",
    version,
    about = "GWR Review: figures from Chinese government work reports"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Compare the wording of two reports (usually one jurisdiction, two years).
    Diff(diff_cmd::DiffArgs),
    /// Load reports (.txt, .html, .docx) into a project, extracting their figures.
    Import {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Project file [default: the user's data folder, shown in the output]
        #[arg(long)]
        project: Option<PathBuf>,
    },
    /// List the project's reports with metadata and counts.
    Reports {
        #[arg(long)]
        project: Option<PathBuf>,
    },
    /// Print a report's clean text with sentence numbers.
    Show {
        /// Report id (see `gwr reports`) or file name.
        report: String,
        #[arg(long)]
        project: Option<PathBuf>,
    },
    /// Load and extract the project's reports again with this version (after
    /// an upgrade), keeping every review decision attached.
    Reextract(reextract_cmd::ReextractArgs),
    /// Print the figures of report files without touching any project.
    Extract {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = extract_cmd::Format::Jsonl)]
        format: extract_cmd::Format,
    },
    /// Record review decisions read from standard input, one per line:
    /// `FIGURE_ID accept`, `FIGURE_ID reject`, `FIGURE_ID comment TEXT`, or
    /// `REPORT_ID undo`. Prints `ok DECISION_ID` once each is committed.
    Decide {
        #[arg(long)]
        reviewer: String,
        #[arg(long)]
        project: Option<PathBuf>,
    },
    /// Print the review log of a report: one line per decision.
    Log {
        report: i64,
        #[arg(long)]
        project: Option<PathBuf>,
    },
    /// Export the figures as a dataset: CSV, JSONL, XLSX or a wide panel CSV.
    Export(export_cmd::ExportArgs),
    /// Review bundles: export this project's decisions, merge other reviewers'.
    Bundle(review_cmd::BundleArgs),
    /// Agreement between reviewers: Cohen's kappa on keep/reject and exact
    /// agreement on corrections, per indicator.
    Agreement(review_cmd::AgreementArgs),
    /// Figures where reviewers differ, with each reviewer's decision.
    Conflicts(review_cmd::ConflictsArgs),
    /// Record an adjudicator's decision on a disputed figure.
    Adjudicate(review_cmd::AdjudicateArgs),
    /// Figure timeline: each year's target beside next year's outcome, with
    /// disagreements between reports and breaks in the series flagged.
    Timeline(timeline_cmd::TimelineArgs),
    /// Phrase timeline: how often phrases occur per jurisdiction and year.
    Phrases(timeline_cmd::PhrasesArgs),
    /// Find sentences containing a phrase, across all reports of the project.
    Search {
        phrase: String,
        #[arg(long)]
        project: Option<PathBuf>,
        #[arg(long, default_value_t = 50)]
        limit: usize,
    },
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("gwr: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn project_path(p: Option<PathBuf>) -> PathBuf {
    p.unwrap_or_else(default_project_path)
}

fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Diff(args) => diff_cmd::run(args),
        Command::Import { files, project } => import(files, project_path(project)),
        Command::Reports { project } => reports(project_path(project)),
        Command::Show { report, project } => show(&report, project_path(project)),
        Command::Extract { files, format } => extract_cmd::run(&files, format),
        Command::Export(args) => export_cmd::run(args),
        Command::Reextract(args) => reextract_cmd::run(args),
        Command::Bundle(args) => review_cmd::bundle(args),
        Command::Agreement(args) => review_cmd::agreement(args),
        Command::Conflicts(args) => review_cmd::conflicts(args),
        Command::Adjudicate(args) => review_cmd::adjudicate(args),
        Command::Decide { reviewer, project } => decide(&reviewer, project_path(project)),
        Command::Log { report, project } => log(report, project_path(project)),
        Command::Timeline(args) => timeline_cmd::timeline(args),
        Command::Phrases(args) => timeline_cmd::phrases(args),
        Command::Search {
            phrase,
            project,
            limit,
        } => search(&phrase, project_path(project), limit),
    }
}

fn import(files: Vec<PathBuf>, path: PathBuf) -> Result<ExitCode> {
    let mut project = Project::open(&path)?;
    eprintln!("project: {}", path.display());
    let bar = indicatif::ProgressBar::new(files.len() as u64);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} {wide_msg}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    if files.len() < 2 {
        bar.set_draw_target(indicatif::ProgressDrawTarget::hidden());
    }
    let results = gwr_engine::import_files(&mut project, &files, |done, _, p| {
        bar.set_position(done as u64);
        bar.set_message(p.display().to_string());
    });
    bar.finish_and_clear();
    let mut failed = 0;
    for r in &results {
        match &r.outcome {
            FileOutcome::Imported { report_id, figures } => {
                println!(
                    "imported  {}  as report {report_id} ({figures} figures)",
                    r.path.display()
                )
            }
            FileOutcome::Duplicate { report_id } => {
                println!(
                    "duplicate {}  already in the project as report {report_id}",
                    r.path.display()
                )
            }
            FileOutcome::Failed(msg) => {
                failed += 1;
                println!("failed    {msg}");
            }
        }
    }
    eprintln!(
        "{} imported or present, {failed} failed",
        results.len() - failed
    );
    Ok(if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn reports(path: PathBuf) -> Result<ExitCode> {
    let project = Project::open_existing(&path)?;
    println!(
        "{:>4}  {:<18} {:<11} {:>4}  {:>7} {:>8} {:>7}  file",
        "id", "jurisdiction", "level", "year", "figures", "reviewed", "flagged"
    );
    for r in project.reports()? {
        let m = &r.metadata;
        println!(
            "{:>4}  {:<18} {:<11} {:>4}  {:>7} {:>8} {:>7}  {}",
            r.id,
            m.jurisdiction.as_deref().unwrap_or("?"),
            m.level.map(|l| l.as_str()).unwrap_or("?"),
            m.report_year
                .map(|y| y.to_string())
                .unwrap_or_else(|| "?".into()),
            r.figure_count,
            r.reviewed_count,
            r.flagged_count,
            r.file_name
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn show(report: &str, path: PathBuf) -> Result<ExitCode> {
    let project = Project::open_existing(&path)?;
    let id = match report.parse::<i64>() {
        Ok(id) => id,
        Err(_) => project
            .reports()?
            .into_iter()
            .find(|r| r.file_name == report)
            .map(|r| r.id)
            .with_context(|| {
                format!(
                    "no report named {report} in {}; see `gwr reports`",
                    path.display()
                )
            })?,
    };
    let doc = project.document(id)?;
    let mut last_paragraph = None;
    for (i, s) in doc.sentences.iter().enumerate() {
        if last_paragraph.is_some_and(|p| p != s.paragraph) {
            println!();
        }
        last_paragraph = Some(s.paragraph);
        println!("{:>5}  {}", i + 1, doc.slice(s.start, s.end));
    }
    Ok(ExitCode::SUCCESS)
}

fn search(phrase: &str, path: PathBuf, limit: usize) -> Result<ExitCode> {
    let project = Project::open_existing(&path)?;
    let names: std::collections::HashMap<i64, String> = project
        .reports()?
        .into_iter()
        .map(|r| {
            (
                r.id,
                format!(
                    "{} {}",
                    r.metadata.jurisdiction.unwrap_or_default(),
                    r.metadata
                        .report_year
                        .map(|y| y.to_string())
                        .unwrap_or_default()
                ),
            )
        })
        .collect();
    let hits = project.search(phrase, limit)?;
    for h in &hits {
        println!(
            "{}  #{}  {}",
            names.get(&h.report_id).map(String::as_str).unwrap_or("?"),
            h.sentence_ord + 1,
            h.text
        );
    }
    eprintln!("{} sentences", hits.len());
    Ok(ExitCode::SUCCESS)
}

fn decide(reviewer: &str, path: PathBuf) -> Result<ExitCode> {
    use gwr_engine::store::Action;
    use std::io::{BufRead, Write};
    let mut project = Project::open_existing(&path)?;
    let stdout = std::io::stdout();
    let mut failed = false;
    for line in std::io::stdin().lock().lines() {
        let line = line?;
        let mut parts = line.trim().splitn(3, ' ');
        let (Some(id), Some(verb)) = (
            parts.next().and_then(|i| i.parse::<i64>().ok()),
            parts.next(),
        ) else {
            eprintln!("gwr: cannot read `{line}`: expected `FIGURE_ID accept|reject|comment TEXT` or `REPORT_ID undo`");
            failed = true;
            continue;
        };
        let result = match verb {
            "accept" => project.decide(id, reviewer, &Action::Accept).map(Some),
            "reject" => project.decide(id, reviewer, &Action::Reject).map(Some),
            "comment" => project
                .decide(
                    id,
                    reviewer,
                    &Action::Comment(parts.next().unwrap_or("").to_string()),
                )
                .map(Some),
            "undo" => match project.undo(id, reviewer) {
                Ok(Some(figure)) => {
                    writeln!(stdout.lock(), "ok undo figure {figure}")?;
                    continue;
                }
                other => other,
            },
            other => {
                eprintln!("gwr: unknown decision `{other}`: use accept, reject, comment or undo");
                failed = true;
                continue;
            }
        };
        match result {
            // Printed only after the transaction committed.
            Ok(Some(d)) => writeln!(stdout.lock(), "ok {d}")?,
            Ok(None) => writeln!(stdout.lock(), "nothing to undo")?,
            Err(e) => {
                eprintln!("gwr: {e}");
                failed = true;
            }
        }
    }
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn log(report: i64, path: PathBuf) -> Result<ExitCode> {
    let project = Project::open_existing(&path)?;
    for d in project.report_log(report)? {
        let what = match (&d.undoes, &d.comment) {
            (Some(t), _) => format!("undo {t}"),
            (None, Some(c)) => format!("{} {c}", d.action),
            _ => d.action.clone(),
        };
        println!(
            "{}\t{}\t{}\t{}\t{}{}",
            d.id,
            d.at,
            d.reviewer,
            d.figure_id,
            what,
            if d.undone { "\t(undone)" } else { "" }
        );
    }
    Ok(ExitCode::SUCCESS)
}

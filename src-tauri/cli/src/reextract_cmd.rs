//! `gwr reextract`: run this version's loader and extractor again over the
//! project's stored reports, keeping every review decision attached.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use gwr_engine::reextract::{reextract, Selection};
use gwr_engine::store::Project;

#[derive(clap::Args)]
pub struct ReextractArgs {
    /// Re-extract every report, not only those extracted by another version.
    #[arg(long, conflicts_with = "report")]
    all: bool,
    /// Only these reports (ids from `gwr reports`).
    #[arg(long, value_delimiter = ',')]
    report: Vec<i64>,
    #[arg(long)]
    project: Option<PathBuf>,
}

pub fn run(args: ReextractArgs) -> Result<ExitCode> {
    let path = crate::project_path(args.project);
    let mut project = Project::open_existing(&path)?;
    let selection = if args.all {
        Selection::All
    } else if !args.report.is_empty() {
        Selection::Reports(args.report)
    } else {
        Selection::Stale
    };
    eprintln!("engine: {}", gwr_engine::extractor_version());
    let bar = indicatif::ProgressBar::new(0);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} {wide_msg}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let results = reextract(&mut project, &selection, |done, total, name| {
        bar.set_length(total as u64);
        bar.set_position(done as u64);
        bar.set_message(name.to_string());
    })?;
    bar.finish_and_clear();
    if results.is_empty() {
        println!(
            "every report was extracted by this version; nothing to do (--all re-extracts anyway)"
        );
        return Ok(ExitCode::SUCCESS);
    }
    let (mut failed, mut unattached) = (0, 0);
    for r in &results {
        match &r.outcome {
            Ok(x) => {
                unattached += x.unattached.len();
                println!("report {:>4}  {}", r.report_id, r.summary());
            }
            Err(_) => {
                failed += 1;
                println!("failed    {}", r.summary());
            }
        }
        for line in r.details() {
            println!("  {line}");
        }
    }
    eprintln!(
        "{} reports re-extracted, {failed} failed, {unattached} reviewed figures not re-attached (kept)",
        results.len() - failed
    );
    Ok(if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

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
        let x = match &r.outcome {
            Ok(x) => x,
            Err(why) => {
                failed += 1;
                println!("failed    {why}");
                continue;
            }
        };
        println!(
            "report {:>4}  {}: {} unchanged, {} updated, {} new, {} removed; {} reviewed re-attached, {} reopened, {} not re-attached{}",
            r.report_id,
            r.file_name,
            x.unchanged,
            x.updated,
            x.added,
            x.removed,
            x.reattached,
            x.reopened.len(),
            x.unattached.len(),
            if x.text_changed { "; clean text changed" } else { "" }
        );
        for d in &x.disagreements {
            println!(
                "  kept reviewed reading of figure {} `{}`: {} (new extractor: {})",
                d.figure_id, d.text, d.reviewed, d.extracted
            );
        }
        for d in &x.reopened {
            println!(
                "  figure {} `{}` was rejected as {}; now read as {}: to review again as figure {}",
                d.figure_id,
                d.text,
                d.reviewed,
                d.extracted,
                d.new_figure_id.map_or("?".into(), |id| id.to_string())
            );
        }
        for u in &x.unattached {
            unattached += 1;
            println!(
                "  not re-attached: figure {} `{}` ({}) is no longer extracted; kept with its decisions",
                u.figure_id,
                u.text,
                u.status.as_str()
            );
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

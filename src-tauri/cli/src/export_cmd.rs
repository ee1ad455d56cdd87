//! `gwr export`: the project's figures as a dataset file.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use gwr_engine::export::{export, Format, Options, Scope};
use gwr_engine::store::Project;

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum FormatArg {
    Csv,
    Jsonl,
    Xlsx,
    /// One row per jurisdiction × period, one column per indicator/measure/kind.
    PanelCsv,
}

#[derive(Clone, Copy, PartialEq, clap::ValueEnum)]
pub enum ScopeArg {
    All,
    /// Accepted, corrected, rejected or disputed.
    Reviewed,
    /// Accepted or corrected.
    Accepted,
    /// Catalog indicators only.
    Catalog,
}

#[derive(clap::Args)]
pub struct ExportArgs {
    #[arg(long, value_enum)]
    format: FormatArg,
    /// Which figures; several narrow each other: `--scope accepted,catalog`.
    #[arg(long, value_enum, value_delimiter = ',', default_value = "all")]
    scope: Vec<ScopeArg>,
    /// Only this report (id from `gwr reports`); default the whole project.
    #[arg(long)]
    report: Option<i64>,
    /// CSV for Excel: a byte order mark so Excel reads Chinese, and an
    /// apostrophe before text Excel would run as a formula (=, +, -, @).
    #[arg(long)]
    bom: bool,
    #[arg(long)]
    out: PathBuf,
    #[arg(long)]
    project: Option<PathBuf>,
}

pub fn run(args: ExportArgs) -> Result<ExitCode> {
    let path = crate::project_path(args.project);
    let project = Project::open_existing(&path)?;
    let options = Options {
        format: match args.format {
            FormatArg::Csv => Format::Csv,
            FormatArg::Jsonl => Format::Jsonl,
            FormatArg::Xlsx => Format::Xlsx,
            FormatArg::PanelCsv => Format::PanelCsv,
        },
        scope: args
            .scope
            .iter()
            .map(|s| match s {
                ScopeArg::All => Scope::All,
                ScopeArg::Reviewed => Scope::Reviewed,
                ScopeArg::Accepted => Scope::Accepted,
                ScopeArg::Catalog => Scope::Catalog,
            })
            .collect(),
        report: args.report,
        bom: args.bom,
    };
    let bar = indicatif::ProgressBar::new(0);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} figures {elapsed}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let summary = export(&project, &options, &args.out, &mut |p| {
        bar.set_length(p.total);
        bar.set_position(p.done);
        true
    })?;
    bar.finish_and_clear();
    match &summary.panel {
        Some(panel) => {
            println!(
                "wrote {}: {} rows × {} indicator columns from {} figures of {} reports",
                summary.path.display(),
                panel.rows,
                panel.columns.len(),
                summary.figures,
                summary.reports
            );
            println!("codebook {}", panel.codebook.display());
            let disputed: u64 = panel.columns.iter().map(|c| c.disagreements).sum();
            if disputed > 0 {
                eprintln!("{disputed} cells had figures that disagree: the reviewed figure of the latest report was kept (see the codebook's disagreements column)");
            }
            if panel.skipped > 0 {
                eprintln!(
                    "{} figures left out: rejected, disputed, or of a report without a jurisdiction",
                    panel.skipped
                );
            }
        }
        None => println!(
            "wrote {}: {} figures of {} reports ({} read)",
            summary.path.display(),
            summary.figures,
            summary.reports,
            summary.scanned
        ),
    }
    if summary.truncated_cells > 0 {
        eprintln!(
            "{} cells were cut to Excel's 32 767 characters; the CSV and JSONL exports keep them whole",
            summary.truncated_cells
        );
    }
    Ok(ExitCode::SUCCESS)
}

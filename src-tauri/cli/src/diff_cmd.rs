//! `gwr diff A B`: the aligned wording diff of two report files, as text,
//! JSON or a self-contained HTML page.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{anyhow, Result};
use gwr_engine::compare::{compare, render, Format, Options};

#[derive(clap::Args)]
pub struct DiffArgs {
    /// The earlier report.
    old: PathBuf,
    /// The later report.
    new: PathBuf,
    /// text, json or html
    #[arg(long, default_value = "text")]
    format: String,
    /// Count script and full/half-width differences as changes.
    #[arg(long)]
    exact: bool,
    /// Give up fine-grained diffing after this many milliseconds.
    #[arg(long, default_value_t = 2000)]
    budget_ms: u64,
}

pub fn run(args: DiffArgs) -> Result<ExitCode> {
    let format: Format = args
        .format
        .parse()
        .map_err(|e: gwr_engine::compare::UnknownFormat| anyhow!("{e}"))?;
    let old = gwr_engine::load::load_path(&args.old)?;
    let new = gwr_engine::load::load_path(&args.new)?;
    let opts = Options {
        fold: !args.exact,
        ignore_whitespace: !args.exact,
        time_budget_ms: args.budget_ms,
    };
    let cmp = compare(&old, &new, &opts);
    print!("{}", render(&cmp, format));
    Ok(ExitCode::SUCCESS)
}

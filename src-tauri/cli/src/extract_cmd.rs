//! `gwr extract`: figures of report files as JSONL (the schema's keys) or CSV,
//! with no project involved.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use gwr_engine::extract::Figure;
use gwr_engine::load::Document;
use serde::Serialize;

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum Format {
    Jsonl,
    Csv,
}

/// One row of `figure-schema.md`, keys in the schema's order.
#[derive(Serialize)]
struct Row<'a> {
    report: &'a str,
    jurisdiction: Option<&'a str>,
    report_year: Option<i32>,
    indicator: Option<&'a str>,
    measure: gwr_engine::extract::Measure,
    kind: gwr_engine::extract::Kind,
    period: Option<String>,
    value: Option<f64>,
    unit: &'a str,
    value_base: Option<f64>,
    unit_base: &'a str,
    qualifier: gwr_engine::extract::Qualifier,
    value_low: Option<f64>,
    value_high: Option<f64>,
    firmness: Option<gwr_engine::extract::Firmness>,
    text: &'a str,
    sentence: &'a str,
    start: usize,
    end: usize,
    /// Joined with `; ` (CSV cannot hold a list); JSONL gets the list.
    flags: String,
}

fn row<'a>(doc: &'a Document, f: &'a Figure) -> Row<'a> {
    let sentence = doc
        .sentences
        .get(f.sentence)
        .map(|s| doc.slice(s.start, s.end))
        .unwrap_or("");
    Row {
        report: &doc.source.file_name,
        jurisdiction: doc.metadata.jurisdiction.as_deref(),
        report_year: doc.metadata.report_year,
        indicator: f.indicator.as_deref(),
        measure: f.measure,
        kind: f.kind,
        period: f.period.map(|p| p.to_string()),
        value: f.value,
        unit: &f.unit,
        value_base: f.value_base,
        unit_base: &f.unit_base,
        qualifier: f.qualifier,
        value_low: f.value_low,
        value_high: f.value_high,
        firmness: f.firmness,
        text: &f.text,
        sentence,
        start: f.start,
        end: f.end,
        flags: f
            .flags
            .iter()
            .map(|x| x.to_string())
            .collect::<Vec<_>>()
            .join("; "),
    }
}

pub fn run(files: &[PathBuf], format: Format) -> Result<ExitCode> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut csv =
        matches!(format, Format::Csv).then(|| csv::Writer::from_writer(std::io::stdout()));
    let mut failed = 0;
    for path in files {
        let doc = match gwr_engine::load::load_path(path) {
            Ok(d) => d,
            Err(e) => {
                eprintln!("gwr: {e}");
                failed += 1;
                continue;
            }
        };
        for f in gwr_engine::extract::extract(&doc) {
            let r = row(&doc, &f);
            match &mut csv {
                Some(w) => w.serialize(&r)?,
                None => {
                    let mut v = serde_json::to_value(&r)?;
                    v["flags"] = f.flags.iter().map(|x| x.to_string()).collect();
                    serde_json::to_writer(&mut out, &v)?;
                    out.write_all(b"\n")?;
                }
            }
        }
    }
    out.flush()?;
    if let Some(mut w) = csv {
        w.flush()?;
    }
    Ok(if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

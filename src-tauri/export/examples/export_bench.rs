//! Export benchmark on a synthetic project.
//!
//!     cargo run --release -p gwr-export --example export_bench -- PROJECT [FIGURES] [FORMATS]
//!
//! Creates PROJECT with FIGURES figures (default 1 000 000: 1 000 reports of
//! 1 000 figures, sentences with commas and quotes, a few thousand decisions)
//! if it does not exist, then times each format (default
//! `csv,jsonl,xlsx,panel-csv`) and prints rows/s. For peak memory run the real
//! command under `/usr/bin/time -v gwr export --format csv ...`.

use std::path::{Path, PathBuf};
use std::time::Instant;

use gwr_export::{export, Format, Options, Scope};
use gwr_extract::{Figure, Kind, Measure, Period, Qualifier};
use gwr_store::{Action, Correction, MetadataPatch, Project};

const PER_REPORT: usize = 1000;

fn main() {
    let mut args = std::env::args().skip(1);
    let path = PathBuf::from(
        args.next()
            .expect("usage: export_bench PROJECT [FIGURES] [FORMATS]"),
    );
    let figures: usize = args
        .next()
        .map_or(1_000_000, |n| n.parse().expect("FIGURES is a number"));
    let formats = args
        .next()
        .unwrap_or_else(|| "csv,jsonl,xlsx,panel-csv".into());
    if !path.exists() {
        let t = Instant::now();
        generate(&path, figures);
        eprintln!(
            "generated {figures} figures in {:.1}s",
            t.elapsed().as_secs_f64()
        );
    }
    let project = Project::open_existing(&path).unwrap();
    let dir = path.parent().unwrap_or(Path::new("."));
    for name in formats.split(',') {
        let (format, ext) = match name {
            "csv" => (Format::Csv, "csv"),
            "jsonl" => (Format::Jsonl, "jsonl"),
            "xlsx" => (Format::Xlsx, "xlsx"),
            "panel-csv" => (Format::PanelCsv, "panel.csv"),
            other => panic!("unknown format {other}"),
        };
        let out = dir.join(format!("bench.{ext}"));
        let options = Options {
            format,
            scope: vec![Scope::All],
            report: None,
            bom: true,
        };
        let t = Instant::now();
        let s = export(&project, &options, &out, &mut |_| true).unwrap();
        let secs = t.elapsed().as_secs_f64();
        let size = std::fs::metadata(&out).map(|m| m.len()).unwrap_or(0);
        println!(
            "{name:<10} {:>9} figures read, {:>9} rows  {secs:>7.2}s  {:>10.0} figures/s  {:>7.1} MB",
            s.scanned,
            s.figures,
            s.scanned as f64 / secs,
            size as f64 / 1e6
        );
    }
}

fn generate(path: &Path, figures: usize) {
    let mut p = Project::open(path).unwrap();
    let reports = figures.div_ceil(PER_REPORT);
    for r in 0..reports {
        let n = PER_REPORT.min(figures - r * PER_REPORT);
        let mut text = format!("第{r}号报告\n各位代表：\n");
        for s in 0..n.div_ceil(2) {
            text.push_str(&format!(
                "全市生产总值{}亿元，同比增长{}.{}%，其中“重点项目”完成投资, \"含引号\"的句子{s}。\n",
                800 + (s + r) % 300,
                s % 9,
                r % 10
            ));
        }
        let doc = gwr_load::load_bytes(&format!("synthetic_{r:04}.txt"), text.as_bytes()).unwrap();
        let mut figs = Vec::with_capacity(n);
        for (i, sent) in doc.sentences.iter().enumerate() {
            let s = doc.slice(sent.start, sent.end);
            for (needle, unit, indicator, measure) in [
                ("亿元", "亿元", "地区生产总值", Measure::Level),
                ("%", "%", "地区生产总值", Measure::Growth),
            ] {
                if figs.len() == n {
                    break;
                }
                let Some(end_byte) = s.find(needle) else {
                    continue;
                };
                let start_byte = s[..end_byte]
                    .char_indices()
                    .rev()
                    .take_while(|(_, c)| c.is_ascii_digit() || *c == '.')
                    .last()
                    .map(|(b, _)| b)
                    .unwrap_or(end_byte);
                let value: f64 = s[start_byte..end_byte].parse().unwrap_or(0.0);
                let start = sent.start + s[..start_byte].chars().count();
                let span = &s[start_byte..end_byte + needle.len()];
                figs.push(Figure {
                    indicator: Some(indicator.into()),
                    measure,
                    kind: Kind::Actual,
                    period: Some(Period::year(2000 + (r % 20) as i32)),
                    value: Some(value),
                    unit: unit.into(),
                    value_base: Some(if unit == "亿元" { value * 1e8 } else { value }),
                    unit_base: if unit == "亿元" { "元" } else { "%" }.into(),
                    qualifier: Qualifier::Eq,
                    value_low: None,
                    value_high: None,
                    firmness: None,
                    text: span.into(),
                    start,
                    end: start + span.chars().count(),
                    sentence: i,
                    flags: vec![],
                });
            }
        }
        let gwr_store::ImportOutcome::Imported(id) = p.import(&doc, &figs, "synthetic").unwrap()
        else {
            continue;
        };
        p.update_metadata(
            id,
            &MetadataPatch {
                jurisdiction: Some(format!("测试市{}", r / 20)),
                level: Some(gwr_load::Level::Prefecture),
                report_year: Some(2001 + (r % 20) as i32),
                ..MetadataPatch::default()
            },
        )
        .unwrap();
        // A few decisions per report: each is its own durable transaction.
        if r % 10 == 0 {
            let stored = p.figures(id).unwrap();
            for (k, f) in stored.iter().take(30).enumerate() {
                let action = match k % 3 {
                    0 => Action::Accept,
                    1 => Action::Reject,
                    _ => {
                        let mut c = Correction::of(&f.original);
                        c.value = f.original.value.map(|v| v + 1.0);
                        Action::Correct(c)
                    }
                };
                p.decide(f.id, "bench", &action).unwrap();
            }
        }
    }
}

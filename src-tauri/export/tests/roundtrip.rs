//! Round trips: export, read the file back with an independent reader
//! (Python's `csv` and `json` modules, calamine for XLSX), compare every
//! value with what the project holds. Chinese text, commas, quotes, newlines
//! and hostile values must survive.

use std::path::{Path, PathBuf};
use std::process::Command;

use gwr_export::{export, Cell, Format, Options, Scope, COLUMNS};
use gwr_extract::{Figure, Kind, Measure, Qualifier};
use gwr_store::{Action, Correction, ImportOutcome, MetadataPatch, Project};

const SAMPLE: &str = "../../samples/000_8ea42176d04f9a1f.txt";

/// A comment no format should mangle.
const HOSTILE: &str =
    "=HYPERLINK(\"x\"),含逗号, 和\"引号\"\n第二行\r\n第三行\t制表符 \u{1} 控制符 '单引号' “弯引号” _x0041_ 不是A";

/// A report with a sentence full of commas and quotes, a real sample, and
/// decisions of every kind.
fn project(dir: &Path) -> (Project, Vec<i64>) {
    let mut p = Project::open(&dir.join("p.gwr")).unwrap();
    let mut ids = Vec::new();
    let text = "各位代表：\n全市生产总值827亿元，增长\"6.2%\"，即“稳中有进”, 好。\n粮食产量下降6.2%，约350万吨。";
    let doc = gwr_load::load_bytes("报告,\"逗号\".txt", text.as_bytes()).unwrap();
    let figs = vec![
        fig(&doc, "827亿元", 827.0, "亿元", Some(82_700_000_000.0), "元"),
        fig(&doc, "6.2%", 6.2, "%", Some(6.2), "%"),
        fig(&doc, "下降6.2%", -6.2, "%", Some(-6.2), "%"),
        fig(&doc, "350万吨", 350.0, "万吨", Some(3_500_000.0), "吨"),
    ];
    let ImportOutcome::Imported(id) = p.import(&doc, &figs, "test").unwrap() else {
        panic!("imported")
    };
    p.update_metadata(
        id,
        &MetadataPatch {
            jurisdiction: Some("乌兰察布市".into()),
            level: Some(gwr_load::Level::Prefecture),
            report_year: Some(2021),
            ..MetadataPatch::default()
        },
    )
    .unwrap();
    ids.push(id);
    let sample = gwr_load::load_path(&Path::new(env!("CARGO_MANIFEST_DIR")).join(SAMPLE)).unwrap();
    let figs = gwr_extract::extract(&sample);
    assert!(figs.len() > 50, "the sample yields figures");
    let ImportOutcome::Imported(id2) = p.import(&sample, &figs, "test").unwrap() else {
        panic!("imported")
    };
    ids.push(id2);

    let f = p.figures(id).unwrap();
    p.decide(f[0].id, "amy", &Action::Accept).unwrap();
    let mut c = Correction::of(&f[1].original);
    c.value = Some(6.5);
    c.qualifier = Qualifier::Range;
    c.value_low = Some(6.0);
    c.value_high = Some(7.0);
    p.decide(f[1].id, "amy", &Action::Correct(c)).unwrap();
    p.decide(f[1].id, "amy", &Action::Comment(HOSTILE.into()))
        .unwrap();
    p.decide(f[2].id, "amy", &Action::Reject).unwrap();
    let g = p.figures(id2).unwrap();
    for (i, x) in g.iter().enumerate().take(30) {
        let a = if i % 3 == 0 {
            Action::Reject
        } else {
            Action::Accept
        };
        p.decide(x.id, "bo", &a).unwrap();
    }
    (p, ids)
}

fn fig(
    doc: &gwr_load::Document,
    text: &str,
    value: f64,
    unit: &str,
    base: Option<f64>,
    unit_base: &str,
) -> Figure {
    let byte = doc.text.find(text).unwrap();
    let start = doc.text[..byte].chars().count();
    Figure {
        indicator: Some(
            if unit == "万吨" {
                "粮食产量"
            } else {
                "地区生产总值"
            }
            .into(),
        ),
        measure: if unit == "%" {
            Measure::Growth
        } else {
            Measure::Level
        },
        kind: Kind::Actual,
        period: Some(gwr_extract::Period::year(2020)),
        value: Some(value),
        unit: unit.into(),
        value_base: base,
        unit_base: unit_base.into(),
        qualifier: Qualifier::Eq,
        value_low: None,
        value_high: None,
        firmness: None,
        text: text.into(),
        start,
        end: start + text.chars().count(),
        sentence: doc.sentence_at(start).unwrap(),
        flags: vec![gwr_extract::Flag {
            code: gwr_extract::FlagCode::OutOfRange,
            reason: "增长, \"超出\"\n范围".into(),
        }],
    }
}

/// Expected rows: the cells as the project holds them, as CSV text.
fn expected(p: &Project, scope: &[Scope], excel: bool) -> Vec<Vec<Option<String>>> {
    let mut rows = Vec::new();
    for id in p.report_ids().unwrap() {
        let ds = p.report_dataset(id).unwrap();
        for f in ds
            .figures
            .iter()
            .filter(|f| scope.iter().all(|s| s.admits(f)))
        {
            let mut cells = Vec::new();
            gwr_export::figure_cells(&ds, f, &mut cells);
            let mut buf = String::new();
            rows.push(
                cells
                    .iter()
                    .map(|c| {
                        let text = c.text(&mut buf).then(|| buf.clone())?;
                        // Excel mode: text Excel would run as a formula starts with '.
                        let is_text = matches!(c, Cell::Str(_) | Cell::Owned(_) | Cell::Flags(_));
                        Some(match text.chars().next() {
                            Some('=' | '+' | '-' | '@' | '\t' | '\r') if excel && is_text => {
                                format!("'{text}")
                            }
                            _ => text,
                        })
                    })
                    .collect(),
            );
        }
    }
    rows
}

fn run(
    p: &Project,
    format: Format,
    scope: Vec<Scope>,
    bom: bool,
    out: &Path,
) -> gwr_export::Summary {
    let options = Options {
        format,
        scope,
        report: None,
        bom,
    };
    let mut calls = 0;
    let s = export(p, &options, out, &mut |_| {
        calls += 1;
        true
    })
    .unwrap();
    assert!(calls >= s.reports, "progress is reported per report");
    s
}

fn python(script: &str, file: &Path) -> serde_json::Value {
    let out = Command::new("python3")
        .arg("-c")
        .arg(script)
        .arg(file)
        .output()
        .expect("python3 is needed for the independent CSV/JSON reader (it ships with the machine image)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

const READ_CSV: &str = r#"
import csv, json, sys
raw = open(sys.argv[1], 'rb').read()
bom = raw.startswith(b'\xef\xbb\xbf')
with open(sys.argv[1], newline='', encoding='utf-8-sig') as f:
    rows = list(csv.reader(f))
print(json.dumps({"bom": bom, "rows": rows}, ensure_ascii=False))
"#;

const READ_JSONL: &str = r#"
import json, sys
with open(sys.argv[1], encoding='utf-8') as f:
    rows = [json.loads(line) for line in f]
print(json.dumps(rows, ensure_ascii=False))
"#;

#[test]
fn csv_survives_an_independent_reader() {
    let dir = tempfile::tempdir().unwrap();
    let (p, _) = project(dir.path());
    for (scope, bom) in [
        (vec![Scope::All], true),
        (vec![Scope::Accepted, Scope::Catalog], false),
    ] {
        let out = dir.path().join("out.csv");
        let summary = run(&p, Format::Csv, scope.clone(), bom, &out);
        let read = python(READ_CSV, &out);
        assert_eq!(read["bom"], bom);
        let rows = read["rows"].as_array().unwrap();
        let header: Vec<&str> = rows[0]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        assert_eq!(header, COLUMNS);
        let want = expected(&p, &scope, bom);
        assert_eq!(rows.len() - 1, want.len());
        assert_eq!(summary.figures as usize, want.len());
        for (got, want) in rows[1..].iter().zip(&want) {
            let got: Vec<&str> = got
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_str().unwrap())
                .collect();
            let want: Vec<&str> = want.iter().map(|c| c.as_deref().unwrap_or("")).collect();
            assert_eq!(got, want);
        }
        if scope == [Scope::All] {
            let comment = COLUMNS.iter().position(|c| *c == "comment").unwrap();
            let sentence = COLUMNS.iter().position(|c| *c == "sentence").unwrap();
            assert!(
                rows.iter().any(|r| r[comment] == format!("'{HOSTILE}")),
                "the comment survives, neutralised for Excel"
            );
            assert!(
                rows.iter().any(|r| r[sentence] == "全市生产总值827亿元，增长\"6.2%\"，即“稳中有进”, 好。"),
                "sentence survives"
            );
        } else {
            assert!(rows[1..]
                .iter()
                .all(|r| ["accepted", "corrected"].contains(&r[33].as_str().unwrap())));
        }
    }
}

#[test]
fn the_corrected_value_sits_beside_the_original() {
    let dir = tempfile::tempdir().unwrap();
    let (p, _) = project(dir.path());
    let out = dir.path().join("out.csv");
    run(&p, Format::Csv, vec![Scope::Reviewed], false, &out);
    let read = python(READ_CSV, &out);
    let rows = read["rows"].as_array().unwrap();
    let col = |name: &str| COLUMNS.iter().position(|c| *c == name).unwrap();
    let corrected = rows
        .iter()
        .find(|r| r[col("status")] == "corrected")
        .expect("the corrected figure is exported");
    assert_eq!(corrected[col("value")], "6.5");
    assert_eq!(corrected[col("original_value")], "6.2");
    assert_eq!(corrected[col("qualifier")], "range");
    assert_eq!(corrected[col("original_qualifier")], "eq");
    assert_eq!(
        (
            corrected[col("value_low")].as_str(),
            corrected[col("value_high")].as_str()
        ),
        (Some("6"), Some("7"))
    );
    assert_eq!(corrected[col("comment")], HOSTILE);
    assert_eq!(corrected[col("reviewer")], "amy");
    assert_eq!(corrected[col("jurisdiction")], "乌兰察布市");
    assert_eq!(corrected[col("report_year")], "2021");
    assert_eq!(corrected[col("report")], "报告,\"逗号\".txt");
    assert_eq!(
        corrected[col("flags")],
        "out_of_range: 增长, \"超出\"\n范围"
    );
    let rejected = rows
        .iter()
        .find(|r| r[col("status")] == "rejected")
        .unwrap();
    assert_eq!(rejected[col("value")], "-6.2");
    assert!(rows.iter().all(|r| r[col("status")] != "unreviewed"));
}

#[test]
fn jsonl_keeps_types_and_text() {
    let dir = tempfile::tempdir().unwrap();
    let (p, _) = project(dir.path());
    let out = dir.path().join("out.jsonl");
    run(&p, Format::Jsonl, vec![Scope::All], false, &out);
    let rows = python(READ_JSONL, &out);
    let rows = rows.as_array().unwrap();
    let want = expected(&p, &[Scope::All], false);
    assert_eq!(rows.len(), want.len());
    for (got, want) in rows.iter().zip(&want) {
        let keys: Vec<&String> = got.as_object().unwrap().keys().collect();
        assert_eq!(keys.len(), COLUMNS.len());
        for (i, k) in COLUMNS.iter().enumerate() {
            let v = &got[*k];
            match (&want[i], v) {
                (None, serde_json::Value::Null) => {}
                (None, serde_json::Value::Array(a)) if a.is_empty() => {}
                (Some(w), serde_json::Value::Number(n)) => {
                    assert_eq!(n.as_f64().unwrap(), w.parse::<f64>().unwrap(), "{k}")
                }
                (Some(w), serde_json::Value::String(s)) => assert_eq!(s, w, "{k}"),
                (Some(w), serde_json::Value::Array(a)) => {
                    let joined: Vec<&str> = a.iter().map(|x| x.as_str().unwrap()).collect();
                    assert_eq!(&joined.join("; "), w, "{k}");
                }
                (w, v) => panic!("{k}: expected {w:?}, got {v}"),
            }
        }
    }
    let corrected = rows.iter().find(|r| r["status"] == "corrected").unwrap();
    assert_eq!(corrected["value"], 6.5);
    assert_eq!(corrected["comment"], HOSTILE);
    assert!(corrected["flags"].is_array());
}

const READ_XLSX: &str = r#"
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1], read_only=True)
print(json.dumps([list(r) for r in wb["figures"].iter_rows(values_only=True)], ensure_ascii=False))
"#;

/// The writer escapes a literal `_xHHHH_` as `_x005F_xHHHH_`, which Excel
/// decodes; calamine and openpyxl leave it as is. Decode as Excel does.
fn ooxml_unescape(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find("_x") {
        let tail = &rest[i..];
        let code = tail
            .get(2..6)
            .filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit()));
        match code.filter(|_| tail.as_bytes().get(6) == Some(&b'_')) {
            Some(h) => {
                out.push_str(&rest[..i]);
                out.push(char::from_u32(u32::from_str_radix(h, 16).unwrap()).unwrap());
                rest = &tail[7..];
            }
            None => {
                out.push_str(&rest[..i + 2]);
                rest = &tail[2..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// What an XLSX cell holds of a text (see `gwr_export::xlsx_text`).
fn xlsx(s: &str) -> String {
    gwr_export::xlsx_text(s, &mut 0).into_owned()
}

#[test]
fn xlsx_has_typed_cells_a_reports_sheet_and_survives_calamine() {
    use calamine::{open_workbook, Data, Reader, Xlsx};
    let dir = tempfile::tempdir().unwrap();
    let (p, ids) = project(dir.path());
    let out = dir.path().join("out.xlsx");
    run(&p, Format::Xlsx, vec![Scope::All], false, &out);
    let mut book: Xlsx<_> = open_workbook(&out).unwrap();
    assert_eq!(
        book.sheet_names(),
        vec!["figures".to_string(), "reports".to_string()]
    );
    let sheet = book.worksheet_range("figures").unwrap();
    let want = expected(&p, &[Scope::All], false);
    assert_eq!(sheet.height(), want.len() + 1);
    let header: Vec<String> = sheet
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(header, COLUMNS);
    for (got, want) in sheet.rows().skip(1).zip(&want) {
        for (i, w) in want.iter().enumerate() {
            let g = got.get(i).unwrap_or(&Data::Empty);
            match (w.as_deref().filter(|w| !w.is_empty()), g) {
                (None, Data::Empty) => {}
                (Some(w), Data::Float(f)) => {
                    assert_eq!(*f, w.parse::<f64>().unwrap(), "{}", COLUMNS[i])
                }
                (Some(w), Data::String(s)) => {
                    assert_eq!(ooxml_unescape(s), xlsx(w), "{}", COLUMNS[i])
                }
                (w, g) => panic!("{}: expected {w:?}, got {g:?}", COLUMNS[i]),
            }
        }
    }
    // openpyxl (what pandas reads XLSX with), when installed, must agree.
    let check = Command::new("python3")
        .args(["-c", "import openpyxl"])
        .status();
    if check.is_ok_and(|s| s.success()) {
        let rows = python(READ_XLSX, &out);
        let rows = rows.as_array().unwrap();
        assert_eq!(rows.len(), want.len() + 1);
        for (got, want) in rows[1..].iter().zip(&want) {
            for (i, w) in want.iter().enumerate() {
                match (w.as_deref().filter(|w| !w.is_empty()), &got[i]) {
                    (None, serde_json::Value::Null) => {}
                    (Some(w), serde_json::Value::Number(n)) => {
                        assert_eq!(n.as_f64().unwrap(), w.parse::<f64>().unwrap())
                    }
                    (Some(w), serde_json::Value::String(s)) => {
                        assert_eq!(ooxml_unescape(s), xlsx(w), "{}", COLUMNS[i])
                    }
                    (w, g) => panic!("{}: expected {w:?}, got {g}", COLUMNS[i]),
                }
            }
        }
    } else {
        // scripts/install-system-packages.sh installs python3-openpyxl.
        panic!("openpyxl is missing: run scripts/install-system-packages.sh (python3-openpyxl)");
    }
    let reports = book.worksheet_range("reports").unwrap();
    assert_eq!(reports.height(), ids.len() + 1);
    let cells: Vec<&Data> = reports.rows().nth(1).unwrap().iter().collect();
    assert!(matches!(cells[0], Data::Float(_)), "report id is a number");
}

#[test]
fn the_panel_has_one_row_per_jurisdiction_and_period_and_a_codebook() {
    let dir = tempfile::tempdir().unwrap();
    let (p, _) = project(dir.path());
    let out = dir.path().join("panel.csv");
    let s = run(&p, Format::PanelCsv, vec![Scope::All], true, &out);
    let panel = s.panel.unwrap();
    let rows = python(READ_CSV, &out);
    let rows = rows["rows"].as_array().unwrap();
    let header: Vec<&str> = rows[0]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(
        &header[..4],
        ["jurisdiction", "admin_code", "level", "period"]
    );
    assert_eq!(rows.len() - 1, panel.rows);
    let gdp = header
        .iter()
        .position(|h| *h == "地区生产总值_level_actual")
        .unwrap();
    let food = header
        .iter()
        .position(|h| *h == "粮食产量_level_actual_吨")
        .unwrap();
    let growth = header
        .iter()
        .position(|h| *h == "地区生产总值_growth_actual")
        .unwrap();
    let row = rows[1..]
        .iter()
        .find(|r| r[0] == "乌兰察布市" && r[3] == "2020")
        .expect("a 乌兰察布市 2020 row");
    assert_eq!(row[gdp], "82700000000", "in the base unit, 元");
    assert_eq!(row[food], "3500000");
    // The rejected fall is left out; the corrected growth (6.5) fills the cell.
    assert_eq!(row[growth], "6.5");
    let book = python(READ_CSV, &panel.codebook);
    let book = book["rows"].as_array().unwrap();
    let entry = book
        .iter()
        .find(|r| r[0] == "地区生产总值_level_actual")
        .unwrap();
    assert_eq!(entry[4], "元");
    assert!(
        panel.skipped >= 1,
        "the rejected figure is counted as skipped"
    );
}

#[test]
fn one_report_cancel_and_errors() {
    let dir = tempfile::tempdir().unwrap();
    let (p, ids) = project(dir.path());
    let out = dir.path().join("one.jsonl");
    let options = Options {
        format: Format::Jsonl,
        scope: vec![],
        report: Some(ids[0]),
        bom: false,
    };
    let s = export(&p, &options, &out, &mut |_| true).unwrap();
    assert_eq!((s.reports, s.figures), (1, 4));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&out).unwrap().permissions().mode();
        assert_eq!(
            mode & 0o777,
            0o644,
            "an export is an ordinary file, not a private temporary"
        );
    }

    let cancelled = dir.path().join("cancelled.csv");
    let e = export(&p, &Options::default(), &cancelled, &mut |_| false).unwrap_err();
    assert!(e.to_string().contains("cancelled"), "{e}");
    assert!(!cancelled.exists(), "a cancelled export leaves no file");
    let leftovers: Vec<PathBuf> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with(".gwr-export-")
        })
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");

    let bad = Options {
        report: Some(9999),
        ..Options::default()
    };
    let e = export(&p, &bad, &dir.path().join("x.csv"), &mut |_| true).unwrap_err();
    assert!(e.to_string().contains("report 9999 does not exist"), "{e}");

    let e = export(
        &p,
        &Options::default(),
        &dir.path().join("no/such/dir/x.csv"),
        &mut |_| true,
    )
    .unwrap_err();
    assert!(
        e.to_string().contains("no/such/dir/x.csv")
            && e.to_string().contains("choose another file"),
        "{e}"
    );
}

#[test]
fn an_overlong_sentence_is_cut_for_excel_only() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = Project::open(&dir.path().join("p.gwr")).unwrap();
    let long = format!("各位代表：\n生产总值827亿元{}。", "长".repeat(40_000));
    let doc = gwr_load::load_bytes("long.txt", long.as_bytes()).unwrap();
    let f = fig(&doc, "827亿元", 827.0, "亿元", None, "");
    p.import(&doc, &[f], "test").unwrap();
    let xlsx = dir.path().join("long.xlsx");
    let s = run(&p, Format::Xlsx, vec![Scope::All], false, &xlsx);
    assert_eq!(s.truncated_cells, 1);
    let csv = dir.path().join("long.csv");
    run(&p, Format::Csv, vec![Scope::All], false, &csv);
    let rows = python(READ_CSV, &csv);
    let sentence = rows["rows"][1][41].as_str().unwrap();
    assert!(
        sentence.chars().count() > 40_000,
        "CSV keeps the whole sentence"
    );
}

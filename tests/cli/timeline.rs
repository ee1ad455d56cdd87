//! `gwr timeline` and `gwr phrases` on the real 海拉尔区 series.

use std::path::PathBuf;

use super::{gwr, text};

fn hailaerqu_project(dir: &std::path::Path) -> String {
    let corpus = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus");
    let project = dir.join("p.gwr").to_str().unwrap().to_string();
    let files: Vec<String> = (2015..=2019)
        .map(|y| {
            corpus
                .join(format!("hailaerqu_{y}.txt"))
                .to_str()
                .unwrap()
                .to_string()
        })
        .collect();
    let mut args = vec!["import", "--project", &project];
    args.extend(files.iter().map(String::as_str));
    let out = gwr(&args);
    assert!(out.status.success(), "{}", text(&out));
    project
}

#[test]
fn timeline_text_json_csv_and_phrases() {
    let dir = tempfile::tempdir().unwrap();
    let p = hailaerqu_project(dir.path());

    let out = gwr(&["timeline", "--indicator", "地区生产总值", "--project", &p]);
    assert!(out.status.success(), "{}", text(&out));
    let t = String::from_utf8_lossy(&out.stdout);
    assert!(t.contains("呼伦贝尔市海拉尔区 · 地区生产总值"), "{t}");
    assert!(
        t.contains("! BREAK") && t.contains("303.6亿元") && t.contains("192.3亿元"),
        "{t}"
    );
    // 2016: target 309亿元 (2016 report), outcome 303.6亿元 (2017 report).
    let row = t
        .lines()
        .find(|l| l.trim_start().starts_with("2016 ") && l.contains("309亿元"))
        .unwrap_or_else(|| panic!("{t}"));
    assert!(
        row.contains("303.6亿元 (2017)") && row.contains("-5.4亿元"),
        "{row}"
    );

    let out = gwr(&[
        "timeline",
        "--indicator",
        "地区生产总值",
        "--format",
        "json",
        "--project",
        &p,
    ]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v[0]["breaks"], 1);
    let level = &v[0]["series"][0];
    assert_eq!(level["measure"], "level");
    assert_eq!(level["breaks"][0]["from_year"], 2016);
    assert_eq!(level["breaks"][0]["to_year"], 2018);

    let out = gwr(&[
        "timeline",
        "--indicator",
        "地区生产总值",
        "--format",
        "csv",
        "--project",
        &p,
    ]);
    let csv = String::from_utf8_lossy(&out.stdout);
    assert!(
        csv.starts_with("jurisdiction,indicator,measure,unit_base,period,target"),
        "{csv}"
    );
    let line2018 = csv
        .lines()
        .find(|l| l.contains(",level,") && l.contains(",2018,"))
        .unwrap();
    assert!(
        line2018.contains(",break,") && line2018.contains("192.3"),
        "{line2018}"
    );

    let out = gwr(&["timeline", "--indicator", "没有这个指标", "--project", &p]);
    assert!(out.status.success());
    assert!(text(&out).contains("no figures match"), "{}", text(&out));

    let out = gwr(&[
        "phrases",
        "新能源",
        "稳中求进",
        "--format",
        "csv",
        "--project",
        &p,
    ]);
    assert!(out.status.success(), "{}", text(&out));
    let csv = String::from_utf8_lossy(&out.stdout);
    assert_eq!(csv.lines().count(), 1 + 2 * 5, "{csv}");
    // 新能源 occurs once in the 2016 report and once in the 2018 report.
    for y in [2016, 2018] {
        let wanted = format!("新能源,呼伦贝尔市海拉尔区,{y},");
        let line = csv.lines().find(|l| l.starts_with(&wanted)).unwrap();
        assert!(line.split(',').nth(4) == Some("1"), "{line}");
    }
    let out = gwr(&["phrases", "新能源", "--project", &p]);
    assert!(
        String::from_utf8_lossy(&out.stdout).starts_with("新能源: 2 occurrence(s)"),
        "{}",
        text(&out)
    );

    let missing = gwr(&[
        "timeline",
        "--project",
        dir.path().join("nope.gwr").to_str().unwrap(),
    ]);
    assert_eq!(missing.status.code(), Some(2));
}

//! The `gwr` binary end to end: import the samples, list, show, extract, and
//! survive hostile input one file at a time.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

mod reextract;
mod timeline;

fn gwr(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gwr"))
        .args(args)
        .output()
        .expect("gwr runs")
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

fn samples() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../samples");
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    v.sort();
    v
}

#[test]
fn import_list_show_and_reimport() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("p.gwr");
    let p = project.to_str().unwrap();
    let mut args = vec!["import", "--project", p];
    let files = samples();
    let names: Vec<&str> = files.iter().map(|f| f.to_str().unwrap()).collect();
    args.extend(&names);
    let out = gwr(&args);
    assert!(out.status.success(), "{}", text(&out));
    assert_eq!(
        text(&out).matches("imported  ").count(),
        5,
        "{}",
        text(&out)
    );

    let again = gwr(&args);
    assert!(again.status.success());
    assert_eq!(
        text(&again).matches("duplicate ").count(),
        5,
        "{}",
        text(&again)
    );

    let list = gwr(&["reports", "--project", p]);
    let listing = text(&list);
    for j in [
        "乌兰察布市",
        "呼和浩特市玉泉区",
        "包头市",
        "内蒙古自治区",
        "额尔古纳市",
    ] {
        assert!(listing.contains(j), "{j} missing from\n{listing}");
    }

    let show = gwr(&["show", "003_2e0490dc36b0060a.txt", "--project", p]);
    let shown = text(&show);
    assert!(show.status.success(), "{shown}");
    assert!(shown.contains("各位代表"));
    assert!(
        !shown.contains("(dāng)") && !shown.contains("(qū)"),
        "pinyin glosses left"
    );
}

#[test]
fn one_bad_file_never_aborts_the_batch() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("p.gwr");
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, b"").unwrap();
    let png = dir.path().join("image.txt");
    std::fs::write(&png, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01").unwrap();
    let elf = dir.path().join("prog");
    std::fs::write(&elf, b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0").unwrap();
    let bad_utf8 = dir.path().join("bad.txt");
    let mut bytes = vec![0xEF, 0xBB, 0xBF];
    bytes.extend_from_slice("各位代表：".as_bytes());
    bytes.extend_from_slice(&[0xC3, 0x28, 0xFF]);
    std::fs::write(&bad_utf8, bytes).unwrap();
    let html = dir.path().join("page.html");
    std::fs::write(&html, "<html><body><script>document.write('x')</script><p>各位代表：</p><p>全年地区生产总值827亿元。<img src=x onerror=alert(1)></p></body></html>").unwrap();
    let missing = dir.path().join("gone.txt");
    let folder = dir.path().join("folder");
    std::fs::create_dir(&folder).unwrap();
    let pdf = dir.path().join("r.pdf");
    std::fs::write(&pdf, b"%PDF-1.4").unwrap();
    let good = &samples()[0];

    let paths = [
        &empty, &png, &elf, &bad_utf8, &html, &missing, &folder, &pdf, good,
    ];
    let mut args = vec![
        "import".to_string(),
        "--project".into(),
        project.display().to_string(),
    ];
    args.extend(paths.iter().map(|p| p.display().to_string()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = gwr(&args);
    let t = text(&out);
    assert_eq!(out.status.code(), Some(1), "{t}");
    for (path, why) in [
        (&empty, "empty"),
        (&png, "PNG"),
        (&elf, "ELF"),
        (&bad_utf8, "claims to be UTF-8"),
        (&missing, "cannot read"),
        (&folder, "directory"),
        (&pdf, "PDF"),
    ] {
        let line = t
            .lines()
            .find(|l| l.contains(path.to_str().unwrap()))
            .unwrap_or_else(|| panic!("no line for {}\n{t}", path.display()));
        assert!(line.starts_with("failed") && line.contains(why), "{line}");
    }
    assert_eq!(
        t.matches("imported  ").count(),
        2,
        "the HTML page and the sample load\n{t}"
    );

    let shown = text(&gwr(&[
        "show",
        "page.html",
        "--project",
        project.to_str().unwrap(),
    ]));
    assert!(
        shown.contains("827亿元")
            && !shown.contains("document.write")
            && !shown.contains("onerror"),
        "{shown}"
    );
}

#[test]
fn a_huge_file_is_refused_quickly_without_reading_it() {
    let dir = tempfile::tempdir().unwrap();
    let huge = dir.path().join("huge.txt");
    let f = std::fs::File::create(&huge).unwrap();
    f.set_len(200 * 1024 * 1024).unwrap(); // sparse: 200 MB without writing them
    let out = gwr(&[
        "import",
        "--project",
        dir.path().join("p.gwr").to_str().unwrap(),
        huge.to_str().unwrap(),
    ]);
    let t = text(&out);
    assert_eq!(out.status.code(), Some(1));
    assert!(t.contains("huge.txt") && t.contains("200 MB"), "{t}");
}

#[test]
fn extract_prints_schema_rows_without_a_project() {
    let out = gwr(&[
        "extract",
        samples()[0].to_str().unwrap(),
        "--format",
        "jsonl",
    ]);
    assert!(out.status.success(), "{}", text(&out));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let first: serde_json::Value =
        serde_json::from_str(stdout.lines().next().expect("figures")).unwrap();
    let keys: Vec<&str> = first
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "report",
            "jurisdiction",
            "report_year",
            "indicator",
            "measure",
            "kind",
            "period",
            "value",
            "unit",
            "value_base",
            "unit_base",
            "qualifier",
            "value_low",
            "value_high",
            "firmness",
            "text",
            "sentence",
            "start",
            "end",
            "flags"
        ]
    );
    assert!(stdout.contains("\"jurisdiction\":\"乌兰察布市\""));
}

/// Kill `gwr decide` with SIGKILL right after it acknowledged decisions, many
/// times over: every acknowledged decision is in the log after reopening, and
/// the project file stays intact.
#[cfg(unix)]
#[test]
fn acknowledged_decisions_survive_sigkill() {
    use std::io::{BufRead, BufReader, Write};
    use std::process::Stdio;

    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("p.gwr");
    let p = project.to_str().unwrap();
    let sample = samples()[0].clone();
    assert!(gwr(&["import", "--project", p, sample.to_str().unwrap()])
        .status
        .success());
    let conn = rusqlite::Connection::open(&project).unwrap();
    let figures: Vec<i64> = conn
        .prepare("SELECT id FROM figure ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    drop(conn);
    assert!(figures.len() >= 20);

    let mut acknowledged: Vec<i64> = Vec::new();
    for round in 0..12 {
        let mut child = Command::new(env!("CARGO_BIN_EXE_gwr"))
            .args(["decide", "--reviewer", "kill-test", "--project", p])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        // Feed more decisions than we wait for, so the kill lands mid-write.
        for k in 0..40 {
            let f = figures[(round * 7 + k) % figures.len()];
            let verb = if k % 3 == 0 { "reject" } else { "accept" };
            writeln!(stdin, "{f} {verb}").unwrap();
        }
        stdin.flush().unwrap();
        for _ in 0..(3 + round % 5) {
            let line = lines.next().unwrap().unwrap();
            acknowledged.push(line.strip_prefix("ok ").unwrap().parse().unwrap());
        }
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
    }

    let conn = rusqlite::Connection::open(&project).unwrap();
    let integrity: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(integrity, "ok");
    for id in &acknowledged {
        let n: i64 = conn
            .query_row("SELECT count(*) FROM decision WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(n, 1, "acknowledged decision {id} was lost");
    }
}

#[test]
fn diff_shows_a_changed_target_as_a_value_change() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/corpus");
    let (a, b) = (
        corpus.join("guowuyuan_2024.txt"),
        corpus.join("guowuyuan_2025.txt"),
    );
    let out = gwr(&[
        "diff",
        a.to_str().unwrap(),
        b.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert!(out.status.success(), "{}", text(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let changes = v["value_changes"].as_array().unwrap();
    // The CPI target moved from about 3% to about 2%.
    assert!(
        changes
            .iter()
            .any(|c| c["old_value"] == 3.0 && c["new_value"] == 2.0),
        "{}",
        serde_json::to_string_pretty(changes).unwrap()
    );
    let html = gwr(&[
        "diff",
        a.to_str().unwrap(),
        b.to_str().unwrap(),
        "--format",
        "html",
    ]);
    let page = String::from_utf8(html.stdout).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>") || page.starts_with("<!doctype html>"));
    assert!(!page.contains("<script"), "the page is static");
}

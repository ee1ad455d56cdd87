//! `gwr reextract`: an upgraded engine re-reads stored reports; decisions stay.

use crate::{gwr, samples, text};

fn log_of(p: &str, report: &str) -> String {
    let o = gwr(&["log", report, "--project", p]);
    assert!(o.status.success(), "{}", text(&o));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn stale_reports_are_reextracted_and_decisions_stay() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("p.gwr");
    let p = project.to_str().unwrap();
    let files: Vec<String> = samples()[..2]
        .iter()
        .map(|s| s.to_str().unwrap().to_string())
        .collect();
    let mut args = vec!["import", "--project", p];
    args.extend(files.iter().map(String::as_str));
    assert!(gwr(&args).status.success());

    let fresh = gwr(&["reextract", "--project", p]);
    assert!(fresh.status.success(), "{}", text(&fresh));
    assert!(text(&fresh).contains("nothing to do"), "{}", text(&fresh));

    let mut decide = std::process::Command::new(env!("CARGO_BIN_EXE_gwr"))
        .args(["decide", "--reviewer", "amy", "--project", p])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    decide
        .stdin
        .take()
        .unwrap()
        .write_all(b"1 accept\n2 reject\n3 comment see table 2\n")
        .unwrap();
    assert!(decide.wait_with_output().unwrap().status.success());
    let before = log_of(p, "1");
    assert_eq!(before.lines().count(), 3);

    // Report 1 was made by an older engine.
    let conn = rusqlite::Connection::open(&project).unwrap();
    conn.execute(
        "UPDATE report SET extractor = 'gwr-extract 0.0.1' WHERE id = 1",
        [],
    )
    .unwrap();
    drop(conn);
    let o = gwr(&["reextract", "--project", p]);
    let out = text(&o);
    assert!(o.status.success(), "{out}");
    assert!(out.contains("report    1"), "{out}");
    assert!(!out.contains("report    2"), "only the stale report: {out}");
    assert!(out.contains("3 reviewed re-attached"), "{out}");
    assert!(out.contains("0 not re-attached"), "{out}");
    assert_eq!(log_of(p, "1"), before, "the log is unchanged");
    let again = gwr(&["reextract", "--project", p]);
    assert!(text(&again).contains("nothing to do"), "{}", text(&again));

    let bad = gwr(&["reextract", "--report", "42", "--project", p]);
    assert!(!bad.status.success());
    assert!(
        text(&bad).contains("report 42 does not exist"),
        "{}",
        text(&bad)
    );
}

//! The project file: imports are atomic and deduplicated, the review log is
//! append-only and replays to the right state, errors name the file.

use gwr_extract::{Figure, Kind, Measure, Qualifier};
use gwr_store::{Action, Correction, ImportOutcome, Project, Status, StoreError};

fn doc() -> gwr_load::Document {
    gwr_load::load_bytes(
        "r.txt",
        "各位代表：\n全年实现地区生产总值827亿元，同比增长2.4%。\n新能源装机突破1000万千瓦。"
            .as_bytes(),
    )
    .unwrap()
}

fn figure(doc: &gwr_load::Document, text: &str, value: f64, unit: &str) -> Figure {
    let byte = doc.text.find(text).unwrap();
    let start = doc.text[..byte].chars().count();
    let end = start + text.chars().count();
    Figure {
        indicator: Some("地区生产总值".into()),
        measure: Measure::Level,
        kind: Kind::Actual,
        period: Some(gwr_extract::Period::year(2020)),
        value: Some(value),
        unit: unit.into(),
        value_base: Some(value * 1e8),
        unit_base: "元".into(),
        qualifier: Qualifier::Eq,
        value_low: None,
        value_high: None,
        firmness: None,
        text: text.into(),
        start,
        end,
        sentence: doc.sentence_at(start).unwrap(),
        flags: vec![],
    }
}

fn project() -> (tempfile::TempDir, Project, i64) {
    let dir = tempfile::tempdir().unwrap();
    let mut p = Project::open(&dir.path().join("p.gwr")).unwrap();
    let d = doc();
    let figs = vec![
        figure(&d, "827亿元", 827.0, "亿元"),
        figure(&d, "2.4%", 2.4, "%"),
    ];
    let ImportOutcome::Imported(id) = p.import(&d, &figs, "test").unwrap() else {
        panic!()
    };
    (dir, p, id)
}

#[test]
fn import_is_deduplicated_by_hash() {
    let (_dir, mut p, id) = project();
    assert_eq!(
        p.import(&doc(), &[], "test").unwrap(),
        ImportOutcome::Duplicate(id)
    );
    assert_eq!(p.reports().unwrap().len(), 1);
    let s = &p.reports().unwrap()[0];
    assert_eq!((s.figure_count, s.reviewed_count), (2, 0));
    let stored = p.document(id).unwrap();
    assert_eq!(stored.text, doc().text);
    assert_eq!(stored.sentences, doc().sentences);
    assert_eq!(stored.origin, doc().origin);
}

#[test]
fn decisions_replay_and_undo_redo_append() {
    let (_dir, mut p, id) = project();
    let figs = p.figures(id).unwrap();
    let (a, b) = (figs[0].id, figs[1].id);
    p.decide(a, "amy", &Action::Accept).unwrap();
    let mut c = Correction::of(&figs[1].original);
    c.value = Some(2.5);
    p.decide(b, "amy", &Action::Correct(c)).unwrap();
    let now = p.figures(id).unwrap();
    assert_eq!(now[0].state.status, Status::Accepted);
    assert_eq!(now[1].state.status, Status::Corrected);
    assert_eq!(now[1].state.current.value, Some(2.5));
    assert_eq!(now[1].original.value, Some(2.4), "the original is kept");

    assert_eq!(p.undo(id, "amy").unwrap(), Some(b));
    assert_eq!(p.figure(b).unwrap().state.status, Status::Unreviewed);
    assert_eq!(p.redo(id, "amy").unwrap(), Some(b));
    assert_eq!(p.figure(b).unwrap().state.current.value, Some(2.5));
    assert_eq!(p.undo(id, "amy").unwrap(), Some(b));
    assert_eq!(p.undo(id, "amy").unwrap(), Some(a));
    assert_eq!(p.undo(id, "amy").unwrap(), None, "nothing left to undo");
    assert!(p
        .figures(id)
        .unwrap()
        .iter()
        .all(|f| f.state.status == Status::Unreviewed));
    // Every step is a row: 2 decisions, 1 undo, 1 redo, 2 undos.
    assert_eq!(p.report_log(id).unwrap().len(), 6);
    // The correction and the first undo (cancelled by the redo) are undone.
    assert_eq!(p.history(b).unwrap().iter().filter(|d| d.undone).count(), 2);
}

#[test]
fn the_log_refuses_updates_and_deletes() {
    let (dir, mut p, id) = project();
    let f = p.figures(id).unwrap()[0].id;
    p.decide(f, "amy", &Action::Reject).unwrap();
    drop(p);
    let conn = rusqlite::Connection::open(dir.path().join("p.gwr")).unwrap();
    assert!(conn
        .execute("UPDATE decision SET action = 'accept'", [])
        .is_err());
    assert!(conn.execute("DELETE FROM decision", []).is_err());
    assert!(
        conn.execute("DELETE FROM report", []).is_err(),
        "a reviewed report cannot vanish"
    );
}

#[test]
fn invalid_corrections_and_unknown_figures_are_refused() {
    let (_dir, mut p, id) = project();
    let f = p.figures(id).unwrap()[0].clone();
    let mut c = Correction::of(&f.original);
    c.value = Some(f64::NAN);
    assert!(matches!(
        p.decide(f.id, "amy", &Action::Correct(c)),
        Err(StoreError::Invalid(_))
    ));
    assert!(matches!(
        p.decide(9999, "amy", &Action::Accept),
        Err(StoreError::NotFound { .. })
    ));
    assert!(matches!(
        p.decide(f.id, " ", &Action::Accept),
        Err(StoreError::Invalid(_))
    ));
    assert!(p.report_log(id).unwrap().is_empty());
}

#[test]
fn phrase_search_is_chinese_aware_and_folded() {
    let (_dir, p, id) = project();
    let hits = p.search("地區生產總值", 10).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].report_id, id);
    assert_eq!(p.search("新能源", 10).unwrap().len(), 1);
    assert_eq!(
        p.search("装机", 10).unwrap().len(),
        1,
        "two-character phrases work too"
    );
    assert_eq!(p.phrase_counts("新能源").unwrap()[0].count, 1);
}

#[test]
fn a_read_only_project_gives_a_clear_error() {
    let (dir, p, id) = project();
    drop(p);
    let path = dir.path().join("p.gwr");
    let mut perms = std::fs::metadata(&path).unwrap().permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&path, perms).unwrap();
    // root ignores file modes; the test only means something for other users.
    if std::fs::OpenOptions::new().write(true).open(&path).is_ok() {
        return;
    }
    let err =
        Project::open(&path).and_then(|mut p| p.decide(id, "amy", &Action::Accept).map(|_| ()));
    let msg = err.err().unwrap().to_string();
    assert!(msg.contains("p.gwr"), "{msg}");
}

#[test]
fn a_locked_project_says_so() {
    let (dir, mut p, id) = project();
    let f = p.figures(id).unwrap()[0].id;
    let other = rusqlite::Connection::open(dir.path().join("p.gwr")).unwrap();
    other.execute_batch("BEGIN EXCLUSIVE").unwrap();
    let err = p.decide(f, "amy", &Action::Accept).err().unwrap();
    assert!(matches!(err, StoreError::Locked { .. }), "{err}");
    assert!(err.to_string().contains("p.gwr"));
    other.execute_batch("ROLLBACK").unwrap();
    p.decide(f, "amy", &Action::Accept).unwrap();
}

#[test]
fn not_a_project_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.gwr");
    std::fs::write(
        &path,
        "this is a text file, not a database, and it is long enough to have a header",
    )
    .unwrap();
    let err = Project::open(&path).err().unwrap().to_string();
    assert!(
        err.contains("notes.gwr") && err.contains("not a GWR Review project"),
        "{err}"
    );
}

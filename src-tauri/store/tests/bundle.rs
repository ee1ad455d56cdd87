//! Several reviewers: bundles out and in, nothing overwritten, verdicts,
//! agreement, conflicts and adjudication.

use gwr_extract::{Figure, Kind, Measure, Qualifier};
use gwr_store::{Action, Basis, Correction, Counts, ImportOutcome, Project, Status};

fn doc(text: &str) -> gwr_load::Document {
    gwr_load::load_bytes("r.txt", text.as_bytes()).unwrap()
}

const TEXT: &str =
    "各位代表：\n全年实现地区生产总值827亿元，同比增长2.4%。\n新能源装机突破1000万千瓦。";

fn figure(doc: &gwr_load::Document, text: &str, value: f64, unit: &str) -> Figure {
    let byte = doc.text.find(text).unwrap();
    let start = doc.text[..byte].chars().count();
    Figure {
        indicator: Some("地区生产总值".into()),
        measure: Measure::Level,
        kind: Kind::Actual,
        period: Some(gwr_extract::Period::year(2020)),
        value: Some(value),
        unit: unit.into(),
        value_base: None,
        unit_base: String::new(),
        qualifier: Qualifier::Eq,
        value_low: None,
        value_high: None,
        firmness: None,
        text: text.into(),
        start,
        end: start + text.chars().count(),
        sentence: doc.sentence_at(start).unwrap(),
        flags: vec![],
    }
}

/// A reviewer's copy of the same report with the same two figures.
fn copy(dir: &std::path::Path, name: &str) -> (Project, i64, Vec<i64>) {
    let mut p = Project::open(&dir.join(format!("{name}.gwr"))).unwrap();
    let d = doc(TEXT);
    let figs = vec![
        figure(&d, "827亿元", 827.0, "亿元"),
        figure(&d, "2.4%", 2.4, "%"),
    ];
    let ImportOutcome::Imported(id) = p.import(&d, &figs, "test").unwrap() else {
        panic!("imported once")
    };
    let ids = p.figures(id).unwrap().iter().map(|f| f.id).collect();
    (p, id, ids)
}

fn bundle(p: &Project, path: &std::path::Path) {
    let mut f = std::fs::File::create(path).unwrap();
    p.export_bundle(&mut f, None).unwrap();
}

fn corrected(p: &Project, figure: i64, value: f64) -> Action {
    let mut c = Correction::of(&p.figure(figure).unwrap().original);
    c.value = Some(value);
    Action::Correct(c)
}

#[test]
fn two_reviewers_merge_into_a_master_without_overwriting() {
    let dir = tempfile::tempdir().unwrap();
    let (mut amy, _, a_ids) = copy(dir.path(), "amy");
    let (mut bo, _, b_ids) = copy(dir.path(), "bo");
    let (mut master, report, m_ids) = copy(dir.path(), "master");

    amy.decide(a_ids[0], "amy", &Action::Accept).unwrap();
    let c = corrected(&amy, a_ids[1], 2.5);
    amy.decide(a_ids[1], "amy", &c).unwrap();
    amy.decide(
        a_ids[1],
        "amy",
        &Action::Comment("见统计公报，含逗号, 和\"引号\"".into()),
    )
    .unwrap();
    let d = doc(TEXT);
    let added = amy
        .add_figure(
            amy.reports().unwrap()[0].id,
            "amy",
            &figure(&d, "1000万千瓦", 1000.0, "万千瓦"),
        )
        .unwrap();
    bo.decide(b_ids[0], "bo", &Action::Reject).unwrap();
    let c = corrected(&bo, b_ids[1], 2.5);
    bo.decide(b_ids[1], "bo", &c).unwrap();
    // An undone decision travels too and stays undone.
    bo.decide(b_ids[1], "bo", &Action::Reject).unwrap();
    bo.undo(bo.reports().unwrap()[0].id, "bo").unwrap();

    let (fa, fb) = (dir.path().join("amy.bundle"), dir.path().join("bo.bundle"));
    bundle(&amy, &fa);
    bundle(&bo, &fb);

    let r = master.merge_bundle(&fa).unwrap();
    assert_eq!(
        (r.figures_matched, r.figures_added, r.decisions_merged),
        (2, 1, 4),
        "{r:?}"
    );
    assert!(r.unmatched.is_empty(), "{:?}", r.unmatched);
    let r = master.merge_bundle(&fb).unwrap();
    assert_eq!((r.figures_matched, r.decisions_merged), (2, 4), "{r:?}");
    assert!(master.merge_bundle(&fa).unwrap().already_merged);

    // The master's own log is untouched; its dataset carries the verdicts.
    assert!(master.report_log(report).unwrap().is_empty());
    let ds = master.report_dataset(report).unwrap();
    assert_eq!(ds.figures.len(), 3, "amy's added figure is created");
    let by_id = |id: i64| ds.figures.iter().find(|f| f.record.id == id).unwrap();
    let gdp = by_id(m_ids[0]);
    assert_eq!(gdp.basis, Basis::Conflict);
    assert_eq!(gdp.status_label(), "conflict");
    assert_eq!(gdp.positions.len(), 2);
    let growth = by_id(m_ids[1]);
    assert_eq!(growth.basis, Basis::Agreed);
    assert_eq!(growth.record.state.status, Status::Corrected);
    assert_eq!(growth.record.state.current.value, Some(2.5));
    assert_eq!(
        growth.record.state.comment.as_deref(),
        Some("见统计公报，含逗号, 和\"引号\"")
    );
    let new = ds
        .figures
        .iter()
        .find(|f| f.record.added_by.as_deref() == Some("amy"))
        .unwrap();
    assert_eq!(new.record.original.text, "1000万千瓦");
    assert_eq!(
        (new.basis, new.record.state.status),
        (Basis::Agreed, Status::Corrected)
    );
    assert_eq!(ds.report.reviewed_count, 3);

    // Merging bo's work into amy's copy changes nothing amy decided.
    let before = amy.figures(amy.reports().unwrap()[0].id).unwrap();
    amy.merge_bundle(&fb).unwrap();
    assert_eq!(amy.figures(amy.reports().unwrap()[0].id).unwrap(), before);
    assert_eq!(amy.figure(added).unwrap().state.status, Status::Corrected);

    // Agreement: gdp differs, growth agrees (same correction).
    let agreement = master.agreement().unwrap();
    assert_eq!(agreement.len(), 1);
    let pair = &agreement[0];
    assert_eq!(
        (pair.reviewer_a.as_str(), pair.reviewer_b.as_str()),
        ("amy", "bo")
    );
    assert_eq!(
        pair.overall,
        Counts {
            figures: 2,
            agreed: 1,
            a_kept: 2,
            b_kept: 1,
            corrections: 1,
            corrections_identical: 1
        }
    );
    assert_eq!(pair.overall.kappa(), Some(0.0));
    assert_eq!(
        pair.by_indicator[&Some("地区生产总值".to_string())].figures,
        2
    );

    // Conflicts, then an adjudicator decides and is recorded as such.
    let conflicts = master.conflicts(None, false).unwrap();
    assert_eq!(conflicts.len(), 1);
    assert_eq!(conflicts[0].figure.id, m_ids[0]);
    assert!(conflicts[0].sentence.contains("827亿元"));
    master
        .adjudicate(m_ids[0], "lead", &Action::Accept)
        .unwrap();
    assert!(master.conflicts(None, false).unwrap().is_empty());
    let resolved = master.conflicts(None, true).unwrap();
    assert_eq!(
        resolved[0].adjudicated.as_ref().map(|s| s.status),
        Some(Status::Accepted)
    );
    let gdp = master
        .report_dataset(report)
        .unwrap()
        .figures
        .into_iter()
        .find(|f| f.record.id == m_ids[0])
        .unwrap();
    assert_eq!(
        (gdp.basis, gdp.record.state.status),
        (Basis::Adjudicated, Status::Accepted)
    );
    assert_eq!(gdp.record.state.last_reviewer.as_deref(), Some("lead"));

    // The adjudication travels in the master's bundle with its role.
    let fm = dir.path().join("master.bundle");
    bundle(&master, &fm);
    let text = std::fs::read_to_string(&fm).unwrap();
    assert!(text.contains("\"role\":\"adjudicator\""), "{text}");
    let (mut other, r2, o_ids) = copy(dir.path(), "other");
    other.merge_bundle(&fm).unwrap();
    let gdp = other
        .report_dataset(r2)
        .unwrap()
        .figures
        .into_iter()
        .find(|f| f.record.id == o_ids[0])
        .unwrap();
    assert_eq!(gdp.basis, Basis::Adjudicated);
}

#[test]
fn a_single_reviewer_project_exports_what_the_window_shows() {
    let dir = tempfile::tempdir().unwrap();
    let (mut p, report, ids) = copy(dir.path(), "solo");
    p.decide(ids[0], "amy", &Action::Reject).unwrap();
    p.decide(ids[0], "amy", &Action::Accept).unwrap();
    let c = corrected(&p, ids[1], 3.0);
    p.decide(ids[1], "amy", &c).unwrap();
    p.undo(report, "amy").unwrap();
    // A second name on the same machine: last decision wins, as in the window.
    p.decide(ids[0], "bo", &Action::Comment("ok".into()))
        .unwrap();
    let window = p.figures(report).unwrap();
    let ds = p.report_dataset(report).unwrap();
    for (w, f) in window.iter().zip(&ds.figures) {
        assert_eq!(f.basis, Basis::Log);
        assert_eq!(&f.record, w);
    }
    assert_eq!(ds.figures[0].record.state.status, Status::Accepted);
    assert_eq!(ds.figures[1].record.state.status, Status::Unreviewed);
    assert_eq!(
        ds.sentence(&ds.figures[0].record.original),
        "全年实现地区生产总值827亿元，同比增长2.4%。"
    );
}

#[test]
fn unmatched_figures_and_reports_are_reported_not_guessed() {
    let dir = tempfile::tempdir().unwrap();
    let (mut amy, _, ids) = copy(dir.path(), "amy");
    amy.decide(ids[0], "amy", &Action::Accept).unwrap();
    let fa = dir.path().join("amy.bundle");
    bundle(&amy, &fa);

    // Same report, figures extracted differently (another value at the span).
    let mut other = Project::open(&dir.path().join("other.gwr")).unwrap();
    let d = doc(TEXT);
    let mut f = figure(&d, "827亿元", 827.0, "亿元");
    f.value = Some(828.0);
    other.import(&d, &[f], "test").unwrap();
    let r = other.merge_bundle(&fa).unwrap();
    assert_eq!(r.decisions_merged, 0);
    assert_eq!(r.unmatched.len(), 1);
    assert!(
        r.unmatched[0].reason.contains("no figure `827亿元`"),
        "{}",
        r.unmatched[0].reason
    );

    // A project without the report at all.
    let mut empty = Project::open(&dir.path().join("empty.gwr")).unwrap();
    empty
        .import(&doc("各位代表：\n另一份报告。"), &[], "test")
        .unwrap();
    let r = empty.merge_bundle(&fa).unwrap();
    assert!(
        r.unmatched[0].reason.contains("not in this project"),
        "{:?}",
        r.unmatched
    );
}

#[test]
fn a_damaged_bundle_names_the_file_and_line_and_merges_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (mut amy, _, ids) = copy(dir.path(), "amy");
    amy.decide(ids[0], "amy", &Action::Accept).unwrap();
    amy.decide(ids[1], "amy", &Action::Reject).unwrap();
    let fa = dir.path().join("amy.bundle");
    bundle(&amy, &fa);
    let mut text = std::fs::read_to_string(&fa).unwrap();
    text.push_str("{not json\n");
    std::fs::write(&fa, text).unwrap();
    let (mut master, report, _) = copy(dir.path(), "master");
    let e = master.merge_bundle(&fa).unwrap_err().to_string();
    assert!(e.contains("amy.bundle") && e.contains("line 4"), "{e}");
    let ds = master.report_dataset(report).unwrap();
    assert!(
        ds.figures.iter().all(|f| f.positions.is_empty()),
        "nothing merged"
    );

    std::fs::write(&fa, "a,b,c\n").unwrap();
    let e = master.merge_bundle(&fa).unwrap_err().to_string();
    assert!(e.contains("not a GWR Review review bundle"), "{e}");
}

#[test]
fn kappa_matches_the_textbook_example() {
    // 50 items: both yes 20, a yes/b no 5, a no/b yes 10, both no 15.
    let c = Counts {
        figures: 50,
        agreed: 35,
        a_kept: 25,
        b_kept: 30,
        corrections: 0,
        corrections_identical: 0,
    };
    assert!((c.observed().unwrap() - 0.7).abs() < 1e-12);
    assert!((c.kappa().unwrap() - 0.4).abs() < 1e-12);
    let all_keep = Counts {
        figures: 3,
        agreed: 3,
        a_kept: 3,
        b_kept: 3,
        ..Counts::default()
    };
    assert_eq!(all_keep.kappa(), None, "chance agreement 1: undefined");
    assert_eq!(all_keep.correction_agreement(), None);
}

//! Re-extraction after an engine upgrade, on a real report: the "old engine"
//! output is the real extraction with the kinds of differences an upgrade
//! brings (a figure missed, a spurious one, a different reading, a narrower
//! span), and every decision must stay attached to the right figure.

use gwr_extract::{Figure, Measure};
use gwr_store::{Action, Correction, ImportOutcome, Project, Status};

const SEED: &str = "../../samples/001_e561e4d3a0bb089f.txt";

fn seed() -> gwr_load::Document {
    gwr_load::load_path(std::path::Path::new(SEED)).unwrap()
}

/// Indices of catalog figures with a value, distinct spans, so each can play
/// one role in the scenario.
fn roles(figs: &[Figure], n: usize) -> Vec<usize> {
    let mut seen = std::collections::HashSet::new();
    let picked: Vec<usize> = (0..figs.len())
        .filter(|&i| {
            let f = &figs[i];
            f.indicator.is_some()
                && f.value.is_some()
                && f.text.chars().count() > 2
                && figs
                    .iter()
                    .filter(|g| (g.start, g.end) == (f.start, f.end))
                    .count()
                    == 1
                && seen.insert(f.sentence)
        })
        .take(n)
        .collect();
    assert_eq!(
        picked.len(),
        n,
        "the seed has enough distinct catalog figures"
    );
    picked
}

fn import(p: &mut Project, doc: &gwr_load::Document, figs: &[Figure]) -> i64 {
    let ImportOutcome::Imported(id) = p.import(doc, figs, "old engine").unwrap() else {
        panic!("imported")
    };
    id
}

fn id_at(p: &Project, report: i64, f: &Figure) -> i64 {
    p.figures(report)
        .unwrap()
        .into_iter()
        .find(|r| (r.original.start, r.original.end, r.original.value) == (f.start, f.end, f.value))
        .map(|r| r.id)
        .unwrap_or_else(|| panic!("figure at {}..{} present", f.start, f.end))
}

fn log_rows(p: &Project, report: i64) -> Vec<(i64, i64, String, String)> {
    p.report_log(report)
        .unwrap()
        .into_iter()
        .map(|d| (d.id, d.figure_id, d.reviewer, d.action))
        .collect()
}

#[test]
fn an_upgrade_keeps_every_decision_attached() {
    let doc = seed();
    let new = gwr_extract::extract(&doc);
    let r = roles(&new, 7);
    let (missed, reread_accepted, reread_rejected, narrower, changed, kept, spurious_at) =
        (r[0], r[1], r[2], r[3], r[4], r[5], r[6]);

    // What the old engine produced.
    let mut old = new.clone();
    let other = |ind: &Option<String>| {
        Some(
            if ind.as_deref() == Some("地区生产总值") {
                "一般公共预算收入"
            } else {
                "地区生产总值"
            }
            .to_string(),
        )
    };
    old[reread_accepted].indicator = other(&old[reread_accepted].indicator);
    old[reread_rejected].indicator = other(&old[reread_rejected].indicator);
    old[changed].measure = if old[changed].measure == Measure::Level {
        Measure::Growth
    } else {
        Measure::Level
    };
    // A narrower span: the old engine left the unit's last character out.
    old[narrower].end -= 1;
    old[narrower].text.pop();
    // A spurious figure the new engine no longer reports, reviewed.
    let mut spurious = new[spurious_at].clone();
    spurious.value = Some(12345.0);
    spurious.indicator = None;
    let spurious_unreviewed = {
        let mut s = spurious.clone();
        s.value = Some(54321.0);
        s
    };
    old.push(spurious.clone());
    old.push(spurious_unreviewed);
    let hand_added = old.remove(missed);

    let dir = tempfile::tempdir().unwrap();
    let mut p = Project::open(&dir.path().join("p.gwr")).unwrap();
    let report = import(&mut p, &doc, &old);

    // A reviewer's work on the old figures.
    let amy = "amy";
    let accepted = id_at(
        &p,
        report,
        &old[old
            .iter()
            .position(|f| f.start == new[reread_accepted].start)
            .unwrap()],
    );
    p.decide(accepted, amy, &Action::Accept).unwrap();
    let rejected = id_at(
        &p,
        report,
        &old[old
            .iter()
            .position(|f| f.start == new[reread_rejected].start)
            .unwrap()],
    );
    p.decide(rejected, amy, &Action::Reject).unwrap();
    let narrow_old = old
        .iter()
        .find(|f| f.start == new[narrower].start)
        .unwrap()
        .clone();
    let narrow_id = id_at(&p, report, &narrow_old);
    let mut fix = Correction::of(&narrow_old);
    fix.value = Some(narrow_old.value.unwrap() + 1.0);
    p.decide(narrow_id, amy, &Action::Correct(fix.clone()))
        .unwrap();
    let kept_id = id_at(&p, report, &new[kept]);
    p.decide(kept_id, amy, &Action::Accept).unwrap();
    p.decide(
        kept_id,
        amy,
        &Action::Comment("checked against the yearbook".into()),
    )
    .unwrap();
    let spurious_id = id_at(&p, report, &spurious);
    p.decide(spurious_id, amy, &Action::Accept).unwrap();
    let added_id = p.add_figure(report, amy, &hand_added).unwrap();
    let changed_id = id_at(
        &p,
        report,
        &old[old
            .iter()
            .position(|f| f.start == new[changed].start)
            .unwrap()],
    );
    let log_before = log_rows(&p, report);

    let x = p.reextract(report, &doc, &new, "new engine").unwrap();

    assert!(!x.text_changed);
    assert_eq!(log_rows(&p, report), log_before, "the log is untouched");
    assert_eq!(
        x.found_added_by_hand, 1,
        "the missed figure was added by hand"
    );
    assert_eq!(x.added, 0, "no duplicate of the hand-added figure");
    assert_eq!(x.removed, 1, "the unreviewed spurious figure is gone");
    assert_eq!(x.updated, 1, "the unreviewed figure with another measure");
    assert_eq!(
        x.reattached, 3,
        "accepted and reread, narrower and corrected, kept: {x:?}"
    );
    assert_eq!(x.disagreements.len(), 1);
    assert_eq!(x.disagreements[0].figure_id, accepted);
    assert_eq!(x.reopened.len(), 1);
    assert_eq!(x.reopened[0].figure_id, rejected);
    assert_eq!(x.unattached.len(), 1);
    assert_eq!(x.unattached[0].figure_id, spurious_id);
    assert_eq!(x.unattached[0].status, Status::Accepted);

    let figs = p.figures(report).unwrap();
    let by_id = |id: i64| figs.iter().find(|f| f.id == id);
    // Accepted, read differently now: the reviewed reading stands.
    let a = by_id(accepted).unwrap();
    assert_eq!(a.state.status, Status::Accepted);
    assert_eq!(
        a.original.indicator,
        old.iter()
            .find(|f| f.start == new[reread_accepted].start)
            .unwrap()
            .indicator
    );
    // Rejected, read differently now: retired, and the new reading is open.
    assert!(by_id(rejected).is_none(), "the rejected reading is retired");
    let reopened = by_id(x.reopened[0].new_figure_id.unwrap()).unwrap();
    assert_eq!(reopened.state.status, Status::Unreviewed);
    assert_eq!(reopened.original, new[reread_rejected]);
    assert_eq!(
        p.history(rejected).unwrap().len(),
        1,
        "its rejection is still in the log"
    );
    // The narrower span found its figure by value and overlap; the
    // correction still applies and the span is the new one.
    let n = by_id(narrow_id).unwrap();
    assert_eq!(n.state.status, Status::Corrected);
    assert_eq!(n.state.current.value, fix.value);
    assert_eq!(
        (n.original.start, n.original.end),
        (new[narrower].start, new[narrower].end)
    );
    // Untouched decisions.
    let k = by_id(kept_id).unwrap();
    assert_eq!(k.state.status, Status::Accepted);
    assert_eq!(
        k.state.comment.as_deref(),
        Some("checked against the yearbook")
    );
    assert_eq!(by_id(spurious_id).unwrap().state.status, Status::Accepted);
    assert_eq!(by_id(added_id).unwrap().added_by.as_deref(), Some(amy));
    assert_eq!(
        by_id(changed_id).unwrap().original.measure,
        new[changed].measure
    );
    // Every new figure is there once (the hand-added one standing for the
    // missed one), plus the unattached reviewed one.
    assert_eq!(figs.len(), new.len() + 1);
    assert_eq!(p.reports().unwrap()[0].extractor, "new engine");
    assert_eq!(p.integrity_check().unwrap(), "ok");

    // Again with the same engine: nothing moves.
    let again = p.reextract(report, &doc, &new, "new engine").unwrap();
    assert_eq!(again.updated + again.added + again.removed, 0, "{again:?}");
    assert!(again.reopened.is_empty() && again.unattached.len() == 1);
    assert_eq!(log_rows(&p, report), log_before);
}

#[test]
fn a_loader_change_remaps_kept_figures_through_the_original_bytes() {
    let doc = seed();
    let new = gwr_extract::extract(&doc);
    // The old loader kept a stray line at the top: every offset is 2 later.
    let mut old_doc = doc.clone();
    old_doc.text = format!("※\n{}", doc.text);
    old_doc.match_text = format!("※\n{}", doc.match_text);
    old_doc.origin = [0, 0]
        .into_iter()
        .chain(doc.origin.iter().copied())
        .collect();
    for s in &mut old_doc.sentences {
        s.start += 2;
        s.end += 2;
    }
    let shift = |f: &Figure| {
        let mut f = f.clone();
        f.start += 2;
        f.end += 2;
        f
    };
    let mut old: Vec<Figure> = new.iter().map(shift).collect();
    let r = roles(&new, 2);
    let mut gone = shift(&new[r[1]]);
    gone.value = Some(777.0);
    old.push(gone.clone());

    let dir = tempfile::tempdir().unwrap();
    let mut p = Project::open(&dir.path().join("p.gwr")).unwrap();
    let report = import(&mut p, &old_doc, &old);
    let accepted = id_at(&p, report, &old[r[0]]);
    p.decide(accepted, "amy", &Action::Accept).unwrap();
    let gone_id = id_at(&p, report, &gone);
    p.decide(gone_id, "amy", &Action::Reject).unwrap();

    let x = p.reextract(report, &doc, &new, "new engine").unwrap();
    assert!(x.text_changed);
    assert_eq!((x.reattached, x.added, x.removed), (1, 0, 0), "{x:?}");
    assert_eq!(x.unchanged, 0, "every unreviewed figure moved");
    assert_eq!(x.updated, new.len() - 1);
    let stored = p.document(report).unwrap();
    assert_eq!(stored.text, doc.text);
    let figs = p.figures(report).unwrap();
    let a = figs.iter().find(|f| f.id == accepted).unwrap();
    assert_eq!(
        (a.original.start, a.original.end),
        (new[r[0]].start, new[r[0]].end)
    );
    assert_eq!(a.state.status, Status::Accepted);
    // Not extracted any more, kept where its text now is.
    let g = figs.iter().find(|f| f.id == gone_id).unwrap();
    assert_eq!(g.state.status, Status::Rejected);
    assert_eq!(
        (g.original.start, g.original.end),
        (new[r[1]].start, new[r[1]].end)
    );
    assert_eq!(g.original.sentence, new[r[1]].sentence);
    // Search finds the new sentences, and only once each.
    let phrase: String = doc.text[..].chars().skip(new[r[0]].start).take(4).collect();
    let hits = p.search(&phrase, 1000).unwrap();
    assert!(!hits.is_empty());
}

#[test]
fn other_bytes_are_refused_and_nothing_changes() {
    let doc = seed();
    let figs = gwr_extract::extract(&doc);
    let dir = tempfile::tempdir().unwrap();
    let mut p = Project::open(&dir.path().join("p.gwr")).unwrap();
    let report = import(&mut p, &doc, &figs);
    let other = gwr_load::load_bytes("x.txt", "各位代表：\n生产总值827亿元。".as_bytes()).unwrap();
    let err = p
        .reextract(report, &other, &[], "new")
        .unwrap_err()
        .to_string();
    assert!(err.contains("other bytes"), "{err}");
    assert_eq!(p.figures(report).unwrap().len(), figs.len());
    assert_eq!(p.reports().unwrap()[0].extractor, "old engine");
    let missing = p.reextract(99, &doc, &figs, "new").unwrap_err().to_string();
    assert!(missing.contains("report 99 does not exist"), "{missing}");
}

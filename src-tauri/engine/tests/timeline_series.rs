//! Timelines on the real multi-year series in shared/corpus: the 海拉尔区 GDP
//! revision is flagged, national targets sit beside next year's outcomes, a
//! reviewer's corrections and rejections change the timeline, phrases count
//! per year; and compare links changed figures to their rows.

use std::path::PathBuf;

use gwr_engine::compare::timeline::{FlagKind, GapBasis, TimelineFilter};
use gwr_engine::extract::{Kind, Measure, Period};
use gwr_engine::store::{Action, Correction, Project};
use gwr_engine::timeline::{project_figure_timelines, project_phrase_timelines};
use gwr_engine::{compare_reports, FileOutcome, Side};

fn corpus(names: &[&str]) -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus");
    names.iter().map(|n| dir.join(n)).collect()
}

fn project_with(
    prefix: &str,
    years: std::ops::RangeInclusive<i32>,
) -> (tempfile::TempDir, Project) {
    let dir = tempfile::tempdir().unwrap();
    let mut p = Project::open(&dir.path().join("p.gwr")).unwrap();
    let names: Vec<String> = years.map(|y| format!("{prefix}_{y}.txt")).collect();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    for r in gwr_engine::import_files(&mut p, &corpus(&names), |_, _, _| {}) {
        assert!(matches!(r.outcome, FileOutcome::Imported { .. }), "{r:?}");
    }
    (dir, p)
}

#[test]
fn hailaerqu_gdp_revision_is_a_break_and_2011_is_a_disagreement() {
    let (_dir, p) = project_with("hailaerqu", 2012..=2019);
    let t = project_figure_timelines(&p, &TimelineFilter::indicator("地区生产总值")).unwrap();
    assert_eq!(
        t.len(),
        1,
        "{:?}",
        t.iter().map(|x| &x.jurisdiction).collect::<Vec<_>>()
    );
    let gdp = &t[0];
    assert_eq!(gdp.jurisdiction, "呼伦贝尔市海拉尔区");
    let level = gdp
        .series
        .iter()
        .find(|s| s.measure == Measure::Level)
        .unwrap();
    assert_eq!(level.unit_base, "元");

    // 303.6亿元 for 2016 (2017 report), 192.3亿元 for 2018 (2019 report).
    let b = level
        .breaks
        .iter()
        .find(|b| (b.from_year, b.to_year) == (2016, 2018))
        .unwrap_or_else(|| panic!("no 2016→2018 break: {:#?}", level.breaks));
    assert_eq!((b.from.value, b.to.value), (303.6, 192.3));
    assert_eq!(
        (b.from.report_year, b.to.report_year),
        (Some(2017), Some(2019))
    );
    assert!(
        b.implied_change < -20.0 && b.stated_growth == Some(6.0),
        "{b:?}"
    );
    assert!(
        b.message.contains("303.6亿元") && b.message.contains("192.3亿元"),
        "{}",
        b.message
    );
    let row2018 = level
        .rows
        .iter()
        .find(|r| r.period == Period::year(2018))
        .unwrap();
    assert!(row2018.flags.iter().any(|f| f.kind == FlagKind::Break));
    // The only break: the other consecutive years grow as stated.
    assert_eq!(level.breaks.len(), 1, "{:#?}", level.breaks);

    // 2011 is stated twice: 198.5亿元 in the 2012 report, 162.4亿元 in the
    // 2016 report's five-year review (revised after the economic census).
    let row2011 = level
        .rows
        .iter()
        .find(|r| r.period == Period::year(2011))
        .unwrap();
    assert_eq!(row2011.outcome.as_ref().unwrap().value, 198.5);
    let d = row2011
        .flags
        .iter()
        .find(|f| f.kind == FlagKind::Disagreement)
        .unwrap_or_else(|| panic!("{:#?}", row2011.flags));
    assert!(
        d.message.contains("198.5亿元") && d.message.contains("162.4亿元"),
        "{}",
        d.message
    );
    assert_eq!(gdp.disagreements, 1);

    // Targets beside outcomes: 2016 target 309亿元, outcome 303.6亿元.
    let row2016 = level
        .rows
        .iter()
        .find(|r| r.period == Period::year(2016))
        .unwrap();
    assert_eq!(row2016.target.as_ref().unwrap().value, 309.0);
    let gap = row2016.gap.as_ref().unwrap();
    assert_eq!((gap.value, gap.unit.as_str()), (-5.4, "亿元"));
    let growth = gdp
        .series
        .iter()
        .find(|s| s.measure == Measure::Growth)
        .unwrap();
    let g2016 = growth
        .rows
        .iter()
        .find(|r| r.period == Period::year(2016))
        .unwrap();
    assert_eq!(g2016.target.as_ref().unwrap().value, 7.5);
    assert_eq!(g2016.outcome.as_ref().unwrap().value, 7.2);
    assert_eq!(g2016.gap.as_ref().unwrap().value, -0.3);
    // Eight consecutive reports: a growth target and the next year's
    // outcome for each of 2012..2018, except 2017: the 2018 report (the one
    // that cleaned up inflated statistics) gives no GDP figure for 2017.
    let paired = growth
        .rows
        .iter()
        .filter(|r| r.target.is_some() && r.outcome.is_some())
        .map(|r| r.period.start)
        .collect::<Vec<_>>();
    assert_eq!(paired, vec![2012, 2013, 2014, 2015, 2016, 2018]);
    let g2017 = growth
        .rows
        .iter()
        .find(|r| r.period == Period::year(2017))
        .unwrap();
    assert_eq!(g2017.target.as_ref().unwrap().value, 7.5);
    assert!(g2017.outcome.is_none() && g2017.gap.is_none());
}

#[test]
fn national_growth_target_beside_next_years_outcome() {
    let (_dir, p) = project_with("guowuyuan", 2021..=2025);
    let t = project_figure_timelines(&p, &TimelineFilter::indicator("地区生产总值")).unwrap();
    let growth = t[0]
        .series
        .iter()
        .find(|s| s.measure == Measure::Growth)
        .unwrap();
    let row = |y| {
        growth
            .rows
            .iter()
            .find(|r| r.period == Period::year(y))
            .unwrap()
    };
    // 2024: 5%左右 in the 2024 report, 5% in the 2025 report.
    let r2024 = row(2024);
    let target = r2024.target.as_ref().unwrap();
    assert_eq!(
        (target.value, target.text.as_str(), target.report_year),
        (5.0, "5%左右", Some(2024))
    );
    assert_eq!(target.kind, Kind::Target);
    let outcome = r2024.outcome.as_ref().unwrap();
    assert_eq!((outcome.value, outcome.report_year), (5.0, Some(2025)));
    let gap = r2024.gap.as_ref().unwrap();
    assert_eq!(
        (gap.value, gap.basis, gap.met),
        (0.0, GapBasis::Outcome, None)
    );
    // 2021: 6%以上, outcome 8.1%: met, 2.1 points above.
    let g = row(2021).gap.clone().unwrap();
    assert_eq!((g.value, g.met), (2.1, Some(true)));
    // 2022: 5.5%左右, outcome 3%.
    assert_eq!(row(2022).gap.as_ref().unwrap().value, -2.5);
    // 2025's target has no outcome yet.
    assert!(row(2025).target.is_some() && row(2025).outcome.is_none() && row(2025).gap.is_none());
    assert_eq!(t[0].disagreements + t[0].breaks, 0, "{:#?}", t[0]);
}

#[test]
fn review_decisions_change_the_timeline() {
    let (_dir, mut p) = project_with("guowuyuan", 2024..=2025);
    p.set_setting("reviewer", "t").unwrap();
    let reports = p.reports().unwrap();
    let r2025 = reports
        .iter()
        .find(|r| r.metadata.report_year == Some(2025))
        .unwrap()
        .id;
    let outcome = p
        .figures(r2025)
        .unwrap()
        .into_iter()
        .find(|f| {
            f.original.indicator.as_deref() == Some("地区生产总值")
                && f.original.measure == Measure::Growth
                && f.original.kind == Kind::Actual
        })
        .unwrap();
    // Correct 5% to 4.6%: the gap follows.
    let mut c = Correction::of(&outcome.original);
    c.value = Some(4.6);
    p.decide(outcome.id, "t", &Action::Correct(c)).unwrap();
    let t = project_figure_timelines(&p, &TimelineFilter::indicator("地区生产总值")).unwrap();
    let growth = t[0]
        .series
        .iter()
        .find(|s| s.measure == Measure::Growth)
        .unwrap();
    let r2024 = growth
        .rows
        .iter()
        .find(|r| r.period == Period::year(2024))
        .unwrap();
    assert_eq!(r2024.gap.as_ref().unwrap().value, -0.4);
    // Reject it: no outcome for 2024 any more.
    p.decide(outcome.id, "t", &Action::Reject).unwrap();
    let t = project_figure_timelines(&p, &TimelineFilter::indicator("地区生产总值")).unwrap();
    let growth = t[0]
        .series
        .iter()
        .find(|s| s.measure == Measure::Growth)
        .unwrap();
    let r2024 = growth
        .rows
        .iter()
        .find(|r| r.period == Period::year(2024))
        .unwrap();
    assert!(r2024.outcome.is_none() && r2024.gap.is_none());
}

#[test]
fn phrase_timeline_counts_per_year() {
    let (_dir, p) = project_with("guowuyuan", 2021..=2025);
    let t = project_phrase_timelines(&p, &["乡村振兴".into(), "新质生产力".into()]).unwrap();
    let rural = &t[0].jurisdictions[0];
    assert_eq!(rural.jurisdiction, "国务院");
    assert_eq!(rural.points.len(), 5);
    let count_in = |file: &str, phrase: &str| {
        std::fs::read_to_string(&corpus(&[file])[0])
            .unwrap()
            .matches(phrase)
            .count()
    };
    for (pt, y) in rural.points.iter().zip(2021..) {
        assert_eq!(pt.year, Some(y));
        assert_eq!(
            pt.count,
            count_in(&format!("guowuyuan_{y}.txt"), "乡村振兴"),
            "{y}"
        );
        assert!(pt.per_10k > 0.0);
    }
    // 新质生产力 entered the national report in 2024.
    let newq: Vec<usize> = t[1].jurisdictions[0]
        .points
        .iter()
        .map(|p| p.count)
        .collect();
    assert_eq!(&newq[..3], &[0, 0, 0]);
    assert!(newq[3] > 0 && newq[4] > 0, "{newq:?}");
}

#[test]
fn compare_links_changed_figures_to_their_rows() {
    let (_dir, p) = project_with("guowuyuan", 2024..=2025);
    let reports = p.reports().unwrap();
    let (a, b) = (reports[0].id, reports[1].id);
    let rc = compare_reports(&p, a, b, &Default::default()).unwrap();
    assert!(!rc.changed_figures.is_empty());
    let figs_b = p.figures(b).unwrap();
    // The CPI target moved from 3%左右 to 2%左右: the 2025 figure is linked.
    let cpi = rc
        .changed_figures
        .iter()
        .find(|c| {
            c.side == Side::New
                && c.text == "2%左右"
                && c.indicator.as_deref() == Some("居民消费价格")
        })
        .unwrap_or_else(|| panic!("{:#?}", rc.changed_figures));
    let rec = figs_b.iter().find(|f| f.id == cpi.figure_id).unwrap();
    let seg = &rc.comparison.blocks[cpi.block].segments[cpi.segment];
    let ex = seg.new.as_ref().unwrap();
    assert!(ex.start < rec.original.end && rec.original.start < ex.end);
    // Every linked figure overlaps a changed segment of its side.
    for c in &rc.changed_figures {
        let seg = &rc.comparison.blocks[c.block].segments[c.segment];
        assert_ne!(seg.op, gwr_engine::compare::SegmentOp::Equal);
        assert_eq!(c.report_id, if c.side == Side::Old { a } else { b });
    }
    // An unchanged figure is not linked: the 5%左右 growth target stayed.
    let growth_target = figs_b
        .iter()
        .find(|f| {
            f.original.text == "5%左右" && f.original.indicator.as_deref() == Some("地区生产总值")
        })
        .unwrap();
    assert!(!rc
        .changed_figures
        .iter()
        .any(|c| c.figure_id == growth_target.id));
}

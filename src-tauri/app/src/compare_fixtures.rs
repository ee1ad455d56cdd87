//! Real data for the compare screen's browser tests: consecutive reports of
//! shared/corpus (国务院 2024–2025, 海拉尔区 2016–2019) imported after the
//! samples (so ids follow those of `seeds.json`), converted to the DTOs the
//! commands return, written to `ui/tests/fixtures/series.json`: `{ reports,
//! texts, figures, comparisons, timelines }`. The mock serves the
//! comparisons and timelines as the backend would.
//! Regenerate: `GWR_WRITE_FIXTURES=1 cargo test -p gwr-review compare_fixtures`.

use std::path::{Path, PathBuf};

use gwr_engine::compare::timeline::TimelineFilter;
use gwr_engine::store::Project;
use gwr_engine::timeline::project_figure_timelines;
use serde::Serialize;

use crate::compare_dto::{ComparisonDto, IndicatorTimelineDto, SegmentOp, TimelineFlagKind};
use crate::dto::{FigureRow, ReportRow, ReportText, Utf16Map};

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Fixtures {
    reports: Vec<ReportRow>,
    texts: Vec<ReportText>,
    figures: Vec<FigureRow>,
    comparisons: Vec<ComparisonDto>,
    timelines: Vec<IndicatorTimelineDto>,
}

const SERIES: &[&str] = &[
    "guowuyuan_2024.txt",
    "guowuyuan_2025.txt",
    "hailaerqu_2016.txt",
    "hailaerqu_2017.txt",
    "hailaerqu_2018.txt",
    "hailaerqu_2019.txt",
];

fn build(root: &Path) -> Fixtures {
    let dir = tempfile::tempdir().unwrap();
    let mut project = Project::open(&dir.path().join("fixtures.gwr")).unwrap();
    let samples = crate::test_samples::sample_files();
    let corpus = root.join("../shared/corpus");
    let series: Vec<PathBuf> = SERIES.iter().map(|n| corpus.join(n)).collect();
    let mut series_ids = Vec::new();
    for (i, r) in gwr_engine::import_files(&mut project, &[samples, series].concat(), |_, _, _| {})
        .into_iter()
        .enumerate()
    {
        match r.outcome {
            gwr_engine::FileOutcome::Imported { report_id, .. } if i >= 5 => {
                series_ids.push(report_id)
            }
            gwr_engine::FileOutcome::Imported { .. } => {}
            other => panic!("{}: {other:?}", r.path.display()),
        }
    }
    let mut out = Fixtures {
        reports: Vec::new(),
        texts: Vec::new(),
        figures: Vec::new(),
        comparisons: Vec::new(),
        timelines: Vec::new(),
    };
    for summary in project
        .reports()
        .unwrap()
        .into_iter()
        .filter(|r| series_ids.contains(&r.id))
    {
        let doc = project.document(summary.id).unwrap();
        let map = Utf16Map::new(&doc.text);
        for f in project.figures(summary.id).unwrap() {
            out.figures.push(FigureRow::of(&f, &doc, &map));
        }
        out.texts
            .push(ReportText::of(summary.id as u32, &doc, &map));
        out.reports.push(summary.into());
    }
    // 国务院 2024 → 2025 and 海拉尔区 2018 → 2019.
    for (a, b) in [(0, 1), (4, 5)] {
        let (old, new) = (series_ids[a], series_ids[b]);
        let rc = gwr_engine::compare_reports(&project, old, new, &Default::default()).unwrap();
        out.comparisons.push(ComparisonDto::of(&rc, old, new, 0.0));
    }
    out.timelines = project_figure_timelines(&project, &TimelineFilter::default())
        .unwrap()
        .iter()
        .filter(|t| t.jurisdiction == "国务院" || t.jurisdiction == "呼伦贝尔市海拉尔区")
        .map(Into::into)
        .collect();
    out
}

fn utf16_slice(text: &str, start: u32, end: u32) -> String {
    let u: Vec<u16> = text.encode_utf16().collect();
    String::from_utf16(&u[start as usize..end as usize]).unwrap()
}

#[test]
fn compare_fixtures_match_the_engine() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let fx = build(root);
    assert_eq!(fx.reports.len(), SERIES.len());
    let text_of = |id: u32| &fx.texts.iter().find(|t| t.report_id == id).unwrap().text;

    for c in &fx.comparisons {
        let (old, new) = (text_of(c.old.report_id), text_of(c.new.report_id));
        // Every excerpt's UTF-16 span is its text in its report, as the UI slices it.
        for b in &c.blocks {
            for (e, t) in [(&b.old, old), (&b.new, new)] {
                if let Some(e) = e {
                    assert_eq!(utf16_slice(t, e.start, e.end), e.text);
                }
            }
            for s in &b.segments {
                if let Some(e) = &s.new {
                    assert_eq!(utf16_slice(new, e.start, e.end), e.text);
                }
                if s.op == SegmentOp::Equal {
                    assert!(s.figure_ids.is_empty());
                }
            }
        }
        // Changed figures are figures of the pair, attached to their segment.
        assert!(!c.changed_figures.is_empty());
        for f in &c.changed_figures {
            let row = fx.figures.iter().find(|r| r.id == f.figure_id).unwrap();
            assert_eq!(row.report_id, f.report_id);
            assert!(c.blocks[f.block as usize].segments[f.segment as usize]
                .figure_ids
                .contains(&f.figure_id));
        }
    }
    let gwy = &fx.comparisons[0];
    assert!(gwy
        .value_changes
        .iter()
        .any(|v| v.old.text == "3%左右" && v.new.text == "2%左右"));

    // The 海拉尔区 GDP break (303.6亿元 for 2016 → 192.3亿元 for 2018) is in the timeline.
    let gdp = fx
        .timelines
        .iter()
        .find(|t| t.jurisdiction == "呼伦贝尔市海拉尔区" && t.indicator == "地区生产总值")
        .unwrap();
    let brk = &gdp.series[0].breaks[0];
    assert_eq!((brk.from.value, brk.to.value), (303.6, 192.3));
    assert!(gdp.series[0]
        .rows
        .iter()
        .any(|r| r.flags.iter().any(|f| f.kind == TimelineFlagKind::Break)));

    let path = root.join("ui/tests/fixtures/series.json");
    if std::env::var_os("GWR_WRITE_FIXTURES").is_some() {
        std::fs::write(&path, serde_json::to_string(&fx).unwrap()).unwrap();
    }
}

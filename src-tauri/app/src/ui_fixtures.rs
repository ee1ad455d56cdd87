//! Real data for the UI's browser tests: the five sample reports imported,
//! extracted and converted to the very DTOs the commands return, written to
//! `ui/tests/fixtures/seeds.json` (shape `{ reports, texts, figures }`).
//! Regenerate: `GWR_WRITE_FIXTURES=1 cargo test -p gwr-review ui_fixtures`.

use std::path::Path;

use gwr_engine::store::Project;
use serde::Serialize;

use crate::dto::{FigureRow, ReportRow, ReportText, Utf16Map};

#[derive(Serialize)]
struct Fixtures {
    reports: Vec<ReportRow>,
    texts: Vec<ReportText>,
    figures: Vec<FigureRow>,
}

fn build() -> Fixtures {
    let dir = tempfile::tempdir().unwrap();
    let mut project = Project::open(&dir.path().join("fixtures.gwr")).unwrap();
    crate::test_samples::import_samples(&mut project);
    let mut out = Fixtures {
        reports: Vec::new(),
        texts: Vec::new(),
        figures: Vec::new(),
    };
    for summary in project.reports().unwrap() {
        let doc = project.document(summary.id).unwrap();
        let map = Utf16Map::new(&doc.text);
        for f in project.figures(summary.id).unwrap() {
            out.figures.push(FigureRow::of(&f, &doc, &map));
        }
        out.texts
            .push(ReportText::of(summary.id as u32, &doc, &map));
        out.reports.push(summary.into());
    }
    out
}

#[test]
fn ui_fixtures_match_the_engine() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let fixtures = build();
    assert_eq!(fixtures.reports.len(), 5);
    assert!(
        fixtures.figures.len() > 100,
        "{} figures",
        fixtures.figures.len()
    );
    // Each figure's UTF-16 span is its text in the report, as the UI will slice it.
    for f in &fixtures.figures {
        let text = &fixtures
            .texts
            .iter()
            .find(|t| t.report_id == f.report_id)
            .unwrap()
            .text;
        let utf16: Vec<u16> = text.encode_utf16().collect();
        let span = String::from_utf16(&utf16[f.start as usize..f.end as usize]).unwrap();
        assert_eq!(span, f.text);
    }
    let path = root.join("ui/tests/fixtures/seeds.json");
    if std::env::var_os("GWR_WRITE_FIXTURES").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, serde_json::to_string(&fixtures).unwrap()).unwrap();
    }
}

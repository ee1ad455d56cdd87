//! Every real report loads and extracts without panicking, and national
//! reports' 国内生产总值 maps onto the GDP indicator.

use gwr_extract::{extract, Kind, Measure};
use std::path::{Path, PathBuf};

/// The shared material: `GWR_SHARED` or `/work/shared`.
fn shared() -> PathBuf {
    let p = std::env::var_os("GWR_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/work/shared"));
    assert!(
        p.join("corpus").is_dir(),
        "shared corpus not found at {}; set GWR_SHARED",
        p.display()
    );
    p
}

fn reports(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.extension()
                .is_some_and(|x| x == "txt" || x == "csv" || x == "html" || x == "docx")
        })
        .collect();
    v.sort();
    v
}

#[test]
fn corpus_and_seeds_extract() {
    let root = shared();
    let mut files = reports(&root.join("corpus"));
    files.extend(reports(&root.join("seeds")));
    assert!(
        files.len() >= 25,
        "expected the 20 corpus reports and 5 seeds"
    );
    for path in &files {
        let doc = gwr_load::load_path(path).unwrap_or_else(|e| panic!("{e}"));
        let figs = extract(&doc);
        let n = doc.char_len();
        assert!(!figs.is_empty(), "{}: no figures", path.display());
        for f in &figs {
            assert!(
                f.start < f.end && f.end <= n,
                "{}: bad span {:?}",
                path.display(),
                f.text
            );
            assert_eq!(doc.slice(f.start, f.end), f.text);
            assert!(f.sentence < doc.sentences.len().max(1));
        }
        let headline = figs
            .iter()
            .filter(|f| f.indicator.as_deref() == Some("地区生产总值"))
            .count();
        assert!(headline > 0, "{}: no GDP figure", path.display());
        // Flags stay rare on real reports.
        let flagged = figs.iter().filter(|f| !f.flags.is_empty()).count();
        assert!(
            flagged * 100 <= figs.len() * 5,
            "{}: {flagged} of {} figures flagged",
            path.display(),
            figs.len()
        );
    }
}

#[test]
fn national_gdp_is_the_gdp_indicator() {
    let root = shared().join("corpus");
    for year in 2021..=2025 {
        let doc = gwr_load::load_path(&root.join(format!("guowuyuan_{year}.txt"))).unwrap();
        assert_eq!(
            doc.metadata.level,
            Some(gwr_load::Level::National),
            "guowuyuan_{year}"
        );
        let figs = extract(&doc);
        let target = figs.iter().find(|f| {
            f.indicator.as_deref() == Some("地区生产总值")
                && f.measure == Measure::Growth
                && f.kind == Kind::Target
                && f.period.is_some_and(|p| p.start == year)
        });
        assert!(
            target.is_some(),
            "guowuyuan_{year}: no 国内生产总值 growth target"
        );
        let actual = figs.iter().find(|f| {
            f.indicator.as_deref() == Some("地区生产总值")
                && f.measure == Measure::Growth
                && f.kind != Kind::Target
                && f.period.is_some_and(|p| p.start == year - 1)
        });
        assert!(
            actual.is_some(),
            "guowuyuan_{year}: no 国内生产总值 growth outcome"
        );
    }
}

#[test]
fn messy_corpus_survives() {
    let dir = shared().join("corpus-large/files");
    let files = reports(&dir);
    assert!(files.len() > 100);
    let mut loaded = 0;
    for path in &files {
        // A file the loader refuses is the loader's business; extraction must
        // not panic on anything it accepts.
        if let Ok(doc) = gwr_load::load_path(path) {
            let figs = extract(&doc);
            for f in &figs {
                assert_eq!(doc.slice(f.start, f.end), f.text, "{}", path.display());
            }
            loaded += 1;
        }
    }
    assert!(
        loaded * 10 >= files.len() * 9,
        "only {loaded} of {} loaded",
        files.len()
    );
}

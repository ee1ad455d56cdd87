//! Recall and precision of catalog-indicator figures on the five seeds,
//! against expectations written by hand in `tests/fixtures/*.toml`.

use gwr_extract::{extract, Figure, FlagCode, Measure, Qualifier};
use serde::Deserialize;
use std::path::{Path, PathBuf};

#[derive(Deserialize)]
struct Fixture {
    report: String,
    figure: Vec<Expected>,
}

#[derive(Deserialize, Debug)]
struct Expected {
    indicator: String,
    measure: Measure,
    kind: gwr_extract::Kind,
    period: String,
    value: Option<f64>,
    unit: String,
    qualifier: Qualifier,
    #[serde(default)]
    flags: Vec<String>,
}

fn samples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../samples")
}

fn matches(e: &Expected, f: &Figure) -> bool {
    f.indicator.as_deref() == Some(e.indicator.as_str())
        && f.measure == e.measure
        && f.kind == e.kind
        && f.period.map(|p| p.to_string()).as_deref() == Some(e.period.as_str())
        && f.unit == e.unit
        && match (e.value, f.value) {
            (Some(a), Some(b)) => (a - b).abs() < 1e-9 * a.abs().max(1.0),
            (None, None) => true,
            _ => false,
        }
}

/// Headline figures: catalog indicator and a measure a dataset would use.
fn headline(f: &Figure) -> bool {
    f.indicator.is_some() && f.measure != Measure::Other
}

struct Score {
    expected: usize,
    found: usize,
    extracted: usize,
    qualifier_ok: usize,
    missing: Vec<String>,
    spurious: Vec<String>,
    flags_missing: Vec<String>,
    flagged: usize,
    total: usize,
}

fn score(fixture: &Path) -> (String, Score) {
    let fx: Fixture = toml::from_str(&std::fs::read_to_string(fixture).unwrap()).unwrap();
    let doc = gwr_load::load_path(&samples().join(&fx.report)).unwrap();
    let figs = extract(&doc);
    let mut used = vec![false; figs.len()];
    let mut s = Score {
        expected: fx.figure.len(),
        found: 0,
        extracted: figs.iter().filter(|f| headline(f)).count(),
        qualifier_ok: 0,
        missing: vec![],
        spurious: vec![],
        flags_missing: vec![],
        flagged: figs.iter().filter(|f| !f.flags.is_empty()).count(),
        total: figs.len(),
    };
    for e in &fx.figure {
        let hit = (0..figs.len()).find(|&i| !used[i] && matches(e, &figs[i]));
        match hit {
            Some(i) => {
                used[i] = true;
                s.found += 1;
                if figs[i].qualifier == e.qualifier {
                    s.qualifier_ok += 1;
                }
                for code in &e.flags {
                    if !figs[i].flags.iter().any(|f| f.code.as_str() == code) {
                        s.flags_missing
                            .push(format!("{} {:?}: {code}", figs[i].text, e.indicator));
                    }
                }
            }
            None => s.missing.push(format!("{e:?}")),
        }
    }
    for (i, f) in figs.iter().enumerate() {
        if headline(f) && !used[i] {
            s.spurious.push(format!(
                "{} {:?} {:?} {:?} {:?} {:?}",
                f.text, f.indicator, f.measure, f.kind, f.period, f.value
            ));
        }
    }
    (fx.report, s)
}

#[test]
fn seeds_recall_and_precision() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    paths.sort();
    assert_eq!(paths.len(), 5, "one fixture per seed");
    let (mut exp, mut found, mut extracted) = (0, 0, 0);
    eprintln!("report                      recall  precision  qualifier  flagged");
    for p in &paths {
        let (name, s) = score(p);
        let recall = s.found as f64 / s.expected as f64;
        let precision = s.found as f64 / s.extracted.max(1) as f64;
        let flagged = s.flagged as f64 / s.total.max(1) as f64;
        eprintln!(
            "{name:<27} {:>5.1}%  {:>8.1}%  {:>8.1}%  {:>5.1}% ({}/{})",
            recall * 100.0,
            precision * 100.0,
            s.qualifier_ok as f64 / s.found.max(1) as f64 * 100.0,
            flagged * 100.0,
            s.flagged,
            s.total
        );
        for m in &s.missing {
            eprintln!("   missing  {m}");
        }
        for m in &s.spurious {
            eprintln!("   spurious {m}");
        }
        assert!(
            s.flags_missing.is_empty(),
            "{name}: expected flags not raised: {:?}",
            s.flags_missing
        );
        assert!(recall >= 0.9, "{name}: recall {recall:.2}");
        assert!(precision >= 0.9, "{name}: precision {precision:.2}");
        assert!(s.qualifier_ok * 10 >= s.found * 9, "{name}: qualifiers");
        // False flags must stay rare: a reviewer stops at a few figures, not at every tenth.
        assert!(
            flagged <= 0.05,
            "{name}: {:.1}% of figures flagged",
            flagged * 100.0
        );
        exp += s.expected;
        found += s.found;
        extracted += s.extracted;
    }
    let (r, p) = (found as f64 / exp as f64, found as f64 / extracted as f64);
    eprintln!(
        "all seeds: recall {:.1}%, precision {:.1}%",
        r * 100.0,
        p * 100.0
    );
    assert!(
        r >= 0.95 && p >= 0.95,
        "overall recall {r:.3} precision {p:.3}"
    );
}

#[test]
fn clean_seeds_raise_no_magnitude_flags() {
    // 000 and 004 are clean texts: nothing there is implausible.
    for name in ["000_8ea42176d04f9a1f.txt", "004_c7f09e0d5707841b.txt"] {
        let doc = gwr_load::load_path(&samples().join(name)).unwrap();
        let figs = extract(&doc);
        let bad: Vec<_> = figs
            .iter()
            .filter(|f| {
                f.flags.iter().any(|fl| {
                    matches!(
                        fl.code,
                        FlagCode::Magnitude | FlagCode::DecimalLost | FlagCode::OutOfRange
                    )
                })
            })
            .map(|f| (f.text.clone(), f.flags.clone()))
            .collect();
        assert!(bad.is_empty(), "{name}: {bad:?}");
    }
}

//! Aligned diff of two real reports of about 60 KB each (goal: < 20 ms per
//! comparison). Loading is outside the timed loop: the bench measures
//! `compare` only, which is what the UI waits for once both reports are open.
//!
//! `cargo bench -p gwr-compare --bench diff`

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, Criterion};
use gwr_compare::{compare, Options};

fn corpus(name: &str) -> gwr_load::Document {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/corpus")
        .join(name);
    gwr_load::load_path(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The pairs the Python difflib script times too (tests/diff_bench).
const PAIRS: &[(&str, &str)] = &[
    ("guowuyuan_2024.txt", "guowuyuan_2025.txt"),
    ("shanghai_2023.txt", "shanghai_2024.txt"),
    ("hailaerqu_2018.txt", "hailaerqu_2019.txt"),
];

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("aligned_diff");
    for (a, b) in PAIRS {
        let (old, new) = (corpus(a), corpus(b));
        let opts = Options::default();
        // A fallback would make the timing meaningless: check it once.
        assert!(compare(&old, &new, &opts).fallback.is_none());
        // Plain ids: tests/diff_bench/difflib_compare.py reads
        // criterion/aligned_diff/<id>/new/estimates.json for the ratio.
        let id = format!(
            "{}_vs_{}",
            a.trim_end_matches(".txt"),
            b.trim_end_matches(".txt")
        );
        eprintln!("{id}: {} + {} bytes", old.raw.len(), new.raw.len());
        group.bench_function(id, |bch| {
            bch.iter(|| compare(black_box(&old), black_box(&new), &opts))
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30);
    targets = bench
}
criterion_main!(benches);

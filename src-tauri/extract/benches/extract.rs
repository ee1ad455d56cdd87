//! Load + extract throughput on the five seeds (bytes of source per second),
//! and extraction alone on already loaded documents.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

#[path = "../../load/benches/samples/mod.rs"]
mod samples;
use samples::seeds;

fn bench(c: &mut Criterion) {
    let files = seeds();
    let bytes: u64 = files.iter().map(|f| f.1.len() as u64).sum();
    let mut g = c.benchmark_group("seeds");
    g.throughput(Throughput::Bytes(bytes));
    g.bench_function("load+extract", |b| {
        b.iter(|| {
            let mut n = 0;
            for (name, raw) in &files {
                let doc = gwr_load::load_bytes(name, raw).unwrap();
                n += gwr_extract::extract(&doc).len();
            }
            n
        })
    });
    let docs: Vec<_> = files
        .iter()
        .map(|(n, r)| gwr_load::load_bytes(n, r).unwrap())
        .collect();
    g.bench_function("extract", |b| {
        b.iter(|| {
            docs.iter()
                .map(|d| gwr_extract::extract(d).len())
                .sum::<usize>()
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);

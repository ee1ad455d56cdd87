//! Load throughput on the five seeds (bytes of source per second), and the
//! stages of loading one after another on the same seeds, so a change can be
//! attributed. The one-time set-up (OpenCC dictionaries, gazetteer automaton)
//! is paid before measuring.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

use gwr_load::{clean, decode, fold, metadata, structure};

mod samples;
use samples::seeds;

fn bench(c: &mut Criterion) {
    let files = seeds();
    let bytes: u64 = files.iter().map(|f| f.1.len() as u64).sum();
    // Warm the process-wide tables so no iteration pays for them.
    for (name, raw) in &files {
        gwr_load::load_bytes(name, raw).unwrap();
    }

    let mut g = c.benchmark_group("seeds");
    g.throughput(Throughput::Bytes(bytes));
    g.bench_function("load", |b| {
        b.iter(|| {
            files
                .iter()
                .map(|(name, raw)| gwr_load::load_bytes(name, raw).unwrap().char_len())
                .sum::<usize>()
        })
    });
    g.finish();

    // Stages, each on the output of the one before (the seeds are plain text).
    let decoded: Vec<_> = files
        .iter()
        .map(|(_, raw)| decode::decode(raw, false).ok().unwrap().text)
        .collect();
    let cleaned: Vec<_> = decoded.iter().map(|d| clean::clean(d.clone())).collect();
    let folded: Vec<_> = cleaned
        .iter()
        .map(|c| fold::fold_with(c.text.text(), c.traditional))
        .collect();
    let years: Vec<_> = files
        .iter()
        .zip(cleaned.iter().zip(&folded))
        .map(|((name, _), (c, f))| metadata::detect(name, c.text.text(), f).report_year)
        .collect();

    let mut g = c.benchmark_group("stages");
    g.throughput(Throughput::Bytes(bytes));
    g.bench_function("sha256", |b| {
        b.iter(|| {
            files
                .iter()
                .map(|(_, raw)| gwr_load::sha256_hex(raw).len())
                .sum::<usize>()
        })
    });
    g.bench_function("decode", |b| {
        b.iter(|| {
            files
                .iter()
                .map(|(_, raw)| decode::decode(raw, false).ok().unwrap().text.len_chars())
                .sum::<usize>()
        })
    });
    g.bench_function("clean", |b| {
        b.iter_batched(
            || decoded.clone(),
            |d| {
                d.into_iter()
                    .map(|t| clean::clean(t).text.len_chars())
                    .sum::<usize>()
            },
            criterion::BatchSize::SmallInput,
        )
    });
    g.bench_function("fold", |b| {
        b.iter(|| {
            cleaned
                .iter()
                .map(|c| fold::fold_with(c.text.text(), c.traditional).len())
                .sum::<usize>()
        })
    });
    g.bench_function("metadata", |b| {
        b.iter(|| {
            files
                .iter()
                .zip(cleaned.iter().zip(&folded))
                .map(|((name, _), (c, f))| metadata::detect(name, c.text.text(), f).report_year)
                .map(Option::unwrap_or_default)
                .sum::<i32>()
        })
    });
    g.bench_function("structure", |b| {
        b.iter(|| {
            cleaned
                .iter()
                .zip(folded.iter().zip(&years))
                .map(|(c, (f, y))| structure::analyse(c.text.text(), f, *y).sentences.len())
                .sum::<usize>()
        })
    });
    g.bench_function("garbled", |b| {
        b.iter(|| {
            cleaned
                .iter()
                .map(|c| clean::garbled::find(c.text.text()).len())
                .sum::<usize>()
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);

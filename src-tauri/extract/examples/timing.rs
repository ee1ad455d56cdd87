//! Time loading and extraction stages on files: `--example timing -- FILE...`.
fn main() {
    let files: Vec<_> = std::env::args()
        .skip(1)
        .map(|p| (p.clone(), std::fs::read(&p).unwrap()))
        .collect();
    let t = std::time::Instant::now();
    let docs: Vec<_> = files
        .iter()
        .map(|(n, r)| gwr_load::load_bytes(n, r).unwrap())
        .collect();
    let load = t.elapsed();
    let t = std::time::Instant::now();
    let ex = gwr_extract::Extractor::new(gwr_extract::Catalog::builtin());
    let n: usize = docs.iter().map(|d| ex.extract_unflagged(d).len()).sum();
    let unflagged = t.elapsed();
    let t = std::time::Instant::now();
    let m: usize = docs.iter().map(|d| gwr_extract::extract(d).len()).sum();
    let full = t.elapsed();
    let bytes: usize = files.iter().map(|f| f.1.len()).sum();
    let mbs = |d: std::time::Duration| bytes as f64 / d.as_secs_f64() / 1e6;
    println!("{bytes} bytes, {n}/{m} figures");
    println!("load {load:?} ({:.1} MB/s), extract without flags {unflagged:?} ({:.1} MB/s), extract {full:?} ({:.1} MB/s)", mbs(load), mbs(unflagged), mbs(full));
}

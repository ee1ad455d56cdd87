//! Extract the seeds N times, for profilers: `--example prof -- N`. The
//! passes are one non-inlined function, so instructions can be counted for
//! extraction alone:
//! `valgrind --tool=callgrind --toggle-collect='prof::pass' …/examples/prof 3`.
#[path = "../../load/benches/samples/mod.rs"]
mod samples;

fn main() {
    let n: usize = std::env::args().nth(1).map_or(10, |a| a.parse().unwrap());
    let docs: Vec<_> = samples::seeds()
        .iter()
        .map(|(name, raw)| gwr_load::load_bytes(name, raw).unwrap())
        .collect();
    gwr_extract::extract(&docs[0]); // builds the catalog outside the measured passes
    let t = std::time::Instant::now();
    let mut m = 0;
    for _ in 0..n {
        m += pass(&docs);
    }
    eprintln!("{m} figures, {:?} per pass", t.elapsed() / n as u32);
}

#[inline(never)]
fn pass(docs: &[gwr_load::Document]) -> usize {
    docs.iter().map(|d| gwr_extract::extract(d).len()).sum()
}

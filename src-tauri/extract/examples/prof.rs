//! Extract the seeds N times, for profilers: `--example prof -- N`. The
//! passes are one non-inlined function, so instructions can be counted for
//! extraction alone:
//! `valgrind --tool=callgrind --toggle-collect='prof::pass' …/examples/prof 3`.
fn main() {
    let n: usize = std::env::args().nth(1).map_or(10, |a| a.parse().unwrap());
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../samples");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    let docs: Vec<_> = files
        .iter()
        .map(|p| gwr_load::load_path(p).unwrap())
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

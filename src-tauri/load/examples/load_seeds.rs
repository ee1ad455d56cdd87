//! Loads the files given `n` times after one warm-up load, for profilers
//! (`valgrind --tool=callgrind --toggle-collect=load_seeds::measured ...`).

#[inline(never)]
fn measured(files: &[(String, Vec<u8>)], n: usize) -> usize {
    let mut chars = 0;
    for _ in 0..n {
        for (name, raw) in files {
            chars += gwr_load::load_bytes(name, raw).unwrap().char_len();
        }
    }
    chars
}

fn main() {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(1);
    let files: Vec<(String, Vec<u8>)> = args
        .map(|p| {
            let name = std::path::Path::new(&p)
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (name, std::fs::read(&p).unwrap())
        })
        .collect();
    // Warm-up outside `measured`: process-wide tables are built once.
    for (name, raw) in &files {
        gwr_load::load_bytes(name, raw).unwrap();
    }
    let t = std::time::Instant::now();
    let chars = measured(&files, n);
    let per = t.elapsed() / n as u32;
    println!("{chars} chars; {per:?} per pass over {} files", files.len());
}

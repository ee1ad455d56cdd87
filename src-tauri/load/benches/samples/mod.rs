//! The five sample reports (`samples/*.txt`) as (file name, bytes), sorted:
//! what the load and extract benchmarks measure. gwr-extract's benchmark and
//! profiling example include this file by path.

use std::path::Path;

pub fn seeds() -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../samples");
    let mut v: Vec<_> = std::fs::read_dir(&dir)
        .expect("samples/ holds the seeds")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read(&p).unwrap(),
            )
        })
        .collect();
    v.sort();
    v
}

//! `cargo run --release -p gwr-compare --example timing -- OLD NEW [N]`: run
//! the comparison N times and print wall time per run; with `time` around it,
//! CPU time per run is the user time / N (steadier on a busy machine).
use std::path::Path;
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 2 {
        return Err("usage: timing OLD NEW [N]".into());
    }
    let old = gwr_load::load_path(Path::new(&args[0]))?;
    let new = gwr_load::load_path(Path::new(&args[1]))?;
    let n: u32 = args.get(2).map_or(Ok(50), |s| s.parse())?;
    let opts = gwr_compare::Options::default();
    let t = Instant::now();
    let mut blocks = 0;
    for _ in 0..n {
        blocks += gwr_compare::compare(&old, &new, &opts).blocks.len();
    }
    println!(
        "{:.2} ms per comparison (wall), {} blocks",
        t.elapsed().as_secs_f64() * 1000.0 / n as f64,
        blocks / n as usize
    );
    Ok(())
}

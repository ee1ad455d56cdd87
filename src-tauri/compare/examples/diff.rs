//! `cargo run -p gwr-compare --example diff -- OLD NEW [text|json|html]`:
//! the comparison the CLI's `gwr diff` will give, for trying it on files.
use std::path::Path;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 2 {
        return Err("usage: diff OLD NEW [text|json|html]".into());
    }
    let old = gwr_load::load_path(Path::new(&args[0]))?;
    let new = gwr_load::load_path(Path::new(&args[1]))?;
    let format: gwr_compare::Format = args.get(2).map_or("text", String::as_str).parse()?;
    let t = std::time::Instant::now();
    let cmp = gwr_compare::compare(&old, &new, &gwr_compare::Options::default());
    eprintln!("compared in {:?}", t.elapsed());
    print!("{}", gwr_compare::render(&cmp, format));
    Ok(())
}

//! The figures of report files as JSON, one line per file (`path<TAB>[…]`), to
//! check that a change to the engine leaves its output byte-identical:
//! `--example dump -- FILE... > before.jsonl`.
fn main() {
    for arg in std::env::args().skip(1) {
        match gwr_load::load_path(std::path::Path::new(&arg)) {
            Ok(doc) => {
                let f = gwr_extract::extract(&doc);
                println!("{arg}\t{}", serde_json::to_string(&f).unwrap());
            }
            Err(e) => println!("{arg}\tERR {e}"),
        }
    }
}

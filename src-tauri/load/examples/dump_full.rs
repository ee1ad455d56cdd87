//! Everything `load_path` produces for each file given, in a stable text form,
//! so two builds can be compared byte for byte (`diff`) after a change that
//! must not alter output. Origins are printed as a SHA-256 of their bytes.

fn main() {
    for p in std::env::args().skip(1) {
        println!("==== {p}");
        let d = match gwr_load::load_path(std::path::Path::new(&p)) {
            Ok(d) => d,
            Err(e) => {
                println!("error: {e}");
                continue;
            }
        };
        println!("source: {:?}", d.source);
        println!("metadata: {:?}", d.metadata);
        println!("notes: {:?}", d.notes);
        println!("chars: {}", d.char_len());
        let origin_bytes: Vec<u8> = d.origin.iter().flat_map(|o| o.to_le_bytes()).collect();
        println!(
            "origin: {} entries, sha256 {}",
            d.origin.len(),
            gwr_load::sha256_hex(&origin_bytes)
        );
        println!("sections: {:?}", d.sections);
        println!("paragraphs: {:?}", d.paragraphs);
        println!("sentences: {:?}", d.sentences);
        println!("garbled: {:?}", d.garbled);
        println!("--- text\n{}\n--- match_text\n{}", d.text, d.match_text);
    }
}

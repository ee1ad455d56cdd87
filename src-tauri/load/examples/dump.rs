fn main() {
    for p in std::env::args().skip(1) {
        let d = gwr_load::load_path(std::path::Path::new(&p)).unwrap();
        println!("== {p} {:?}\n{:?}", d.metadata, d.notes);
        for l in d.text.lines().take(6) {
            println!("  | {}", l.chars().take(80).collect::<String>());
        }
        println!("  ...");
        let n = d.text.lines().count();
        for l in d.text.lines().skip(n.saturating_sub(3)) {
            println!("  | {}", l.chars().take(80).collect::<String>());
        }
        for s in &d.sections {
            println!(
                "  § {:?} {:?} {}",
                s.part,
                s.years,
                s.heading.chars().take(40).collect::<String>()
            );
        }
    }
}

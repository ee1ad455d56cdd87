//! Print the figures of report files as JSON lines with the schema's keys, as
//! `gwr extract FILE --format jsonl` does: report, jurisdiction, report_year,
//! then the figure's fields, the sentence as text and flags as "code: reason".
//!
//! `cargo run -p gwr-extract --example jsonl -- FILE...`

use serde_json::{json, Value};

fn main() {
    let mut failed = false;
    for arg in std::env::args().skip(1) {
        let doc = match gwr_load::load_path(std::path::Path::new(&arg)) {
            Ok(d) => d,
            Err(e) => {
                eprintln!("{e}");
                failed = true;
                continue;
            }
        };
        for f in gwr_extract::extract(&doc) {
            let sentence = doc
                .sentences
                .get(f.sentence)
                .map(|s| doc.slice(s.start, s.end).to_string())
                .unwrap_or_default();
            let mut v = json!({
                "report": doc.source.file_name,
                "jurisdiction": doc.metadata.jurisdiction,
                "report_year": doc.metadata.report_year,
            });
            let Value::Object(fig) = serde_json::to_value(&f).expect("figure serialises") else {
                unreachable!("a struct serialises to an object")
            };
            let obj = v.as_object_mut().expect("object");
            for (k, val) in fig {
                obj.insert(k, val);
            }
            obj.insert("sentence".into(), Value::String(sentence));
            obj.insert(
                "flags".into(),
                Value::Array(
                    f.flags
                        .iter()
                        .map(|fl| Value::String(fl.to_string()))
                        .collect(),
                ),
            );
            println!("{v}");
        }
    }
    if failed {
        std::process::exit(1);
    }
}

//! Helpers shared by the integration tests: corpus loading, hand-made
//! documents and the invariants every comparison must keep.
#![allow(dead_code)]

use std::path::PathBuf;

use gwr_compare::{Comparison, SegmentOp};
use gwr_load::Document;

pub fn corpus(name: &str) -> Document {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/corpus")
        .join(name);
    gwr_load::load_path(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

pub fn corpus_text(name: &str) -> String {
    corpus(name).text
}

pub fn load(name: &str, text: &str) -> Document {
    gwr_load::load_bytes(name, text.as_bytes()).unwrap_or_else(|e| panic!("{name}: {e:?}"))
}

/// A document built by hand, bypassing the loader (which refuses empty
/// files): paragraphs are the lines, no sections.
pub fn raw_doc(name: &str, text: &str, match_text: &str) -> Document {
    let n = text.chars().count();
    let mut paragraphs = Vec::new();
    let mut pos = 0;
    for line in text.split('\n') {
        let len = line.chars().count();
        if len > 0 {
            paragraphs.push(gwr_load::Paragraph {
                start: pos,
                end: pos + len,
                kind: gwr_load::ParagraphKind::Body,
                section: None,
            });
        }
        pos += len + 1;
    }
    Document {
        source: gwr_load::Source {
            file_name: name.into(),
            path: name.into(),
            sha256: String::new(),
            format: gwr_load::Format::Text,
            encoding: "UTF-8".into(),
            byte_len: text.len() as u64,
        },
        raw: text.as_bytes().to_vec(),
        text: text.into(),
        match_text: match_text.into(),
        origin: (0..=n as u32).collect(),
        sections: vec![],
        paragraphs,
        sentences: vec![],
        garbled: vec![],
        metadata: Default::default(),
        notes: vec![],
    }
}

/// Every block's segments tile its paragraphs on both sides, every excerpt's
/// text is the document's text at its offsets, every non-blank paragraph of
/// each document appears in exactly one block, scores are in 0..=1.
pub fn check_invariants(c: &Comparison, old: &Document, new: &Document) {
    // `Document::slice` walks the text from the start; index once instead, so
    // the check stays linear on the huge inputs of the hostile tests.
    let old_chars: Vec<char> = old.text.chars().collect();
    let new_chars: Vec<char> = new.text.chars().collect();
    let slice = |cs: &[char], s: usize, e: usize| -> String { cs[s..e].iter().collect() };
    assert!(
        (0.0..=1.0).contains(&c.similarity),
        "similarity {}",
        c.similarity
    );
    assert!((0.0..=1.0).contains(&c.vocabulary));
    let mut seen_old = Vec::new();
    let mut seen_new = Vec::new();
    for (i, b) in c.blocks.iter().enumerate() {
        assert!(
            (0.0..=1.0).contains(&b.similarity),
            "block {i}: {}",
            b.similarity
        );
        for (cs, ex, side_old) in [(&old_chars, &b.old, true), (&new_chars, &b.new, false)] {
            let Some(ex) = ex else { continue };
            assert_eq!(ex.text, slice(cs, ex.start, ex.end), "block {i} excerpt");
            let segs: Vec<_> = b
                .segments
                .iter()
                .filter_map(|s| {
                    let (used, e) = if side_old {
                        (s.op != SegmentOp::Insert, &s.old)
                    } else {
                        (s.op != SegmentOp::Delete, &s.new)
                    };
                    if used {
                        Some(e.as_ref().expect("segment side present"))
                    } else {
                        assert!(e.is_none(), "block {i}: unused side must be None");
                        None
                    }
                })
                .collect();
            assert!(
                !segs.is_empty(),
                "block {i} has no segments on a side it has"
            );
            assert_eq!(segs[0].start, ex.start, "block {i} first segment start");
            assert_eq!(
                segs.last().unwrap().end,
                ex.end,
                "block {i} last segment end"
            );
            for w in segs.windows(2) {
                assert_eq!(w[0].end, w[1].start, "block {i}: segments must tile");
            }
            for s in &segs {
                assert_eq!(s.text, slice(cs, s.start, s.end), "block {i} segment text");
            }
        }
        if let Some(p) = b.old_paragraph {
            seen_old.push(p);
        }
        if let Some(p) = b.new_paragraph {
            seen_new.push(p);
        }
    }
    for (doc, cs, seen, which) in [
        (old, &old_chars, &mut seen_old, "old"),
        (new, &new_chars, &mut seen_new, "new"),
    ] {
        seen.sort_unstable();
        let expected: Vec<usize> = doc
            .paragraphs
            .iter()
            .enumerate()
            .filter(|(_, p)| !slice(cs, p.start, p.end).trim().is_empty())
            .map(|(i, _)| i)
            .collect();
        assert_eq!(*seen, expected, "{which} paragraphs must each appear once");
    }
    for v in &c.value_changes {
        assert_eq!(v.old.text, slice(&old_chars, v.old.start, v.old.end));
        assert_eq!(v.new.text, slice(&new_chars, v.new.start, v.new.end));
        assert!(v.block < c.blocks.len());
    }
}

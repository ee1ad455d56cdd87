//! Plain text for a terminal or a file: changed paragraphs only, inline
//! markers `[-old-]{+new+}` (the wdiff convention), then the value changes.

use std::fmt::Write;

use super::{doc_label, is_change, kind_label, para_label, section_title, year_shift_count};
use crate::model::{Block, BlockKind, Comparison, NumberKind, SegmentOp};

/// Render for reading in a terminal. Unchanged paragraphs are counted, not shown.
pub fn render_text(c: &Comparison) -> String {
    let mut s = String::new();
    let st = &c.stats;
    let _ = writeln!(s, "--- {}", doc_label(&c.old));
    let _ = writeln!(s, "+++ {}", doc_label(&c.new));
    let _ = writeln!(
        s,
        "similarity {:.3} (shared vocabulary {:.3}) · {} equal, {} modified, {} moved, {} deleted, {} inserted paragraphs · {} value changes",
        c.similarity, c.vocabulary, st.equal, st.modified, st.moved, st.deleted, st.inserted, st.value_changes
    );
    if let Some(f) = &c.fallback {
        let _ = writeln!(s, "note: {}", f.reason);
    }
    let mut section = None;
    let mut unchanged = 0usize;
    for b in &c.blocks {
        if b.section != section {
            flush_unchanged(&mut s, &mut unchanged);
            section = b.section;
            if let Some(i) = b.section {
                let sim = c.sections[i].similarity;
                let moved = if c.sections[i].moved { ", moved" } else { "" };
                let _ = writeln!(
                    s,
                    "\n== {} (similarity {sim:.2}{moved})",
                    section_title(c, i)
                );
            }
        }
        if !is_change(b) {
            unchanged += 1;
            continue;
        }
        flush_unchanged(&mut s, &mut unchanged);
        block(&mut s, b);
    }
    flush_unchanged(&mut s, &mut unchanged);

    let quantities: Vec<_> = c
        .value_changes
        .iter()
        .filter(|v| v.kind == NumberKind::Quantity)
        .collect();
    if !quantities.is_empty() {
        let _ = writeln!(s, "\nValue changes:");
        for v in quantities {
            let at = &c.blocks[v.block];
            let _ = writeln!(
                s,
                "  {}{} → {}  ({} → {})",
                if v.context.is_empty() {
                    String::new()
                } else {
                    format!("{}: ", v.context)
                },
                v.old.text,
                v.new.text,
                para_label(at.old_paragraph),
                para_label(at.new_paragraph)
            );
        }
    }
    let years = year_shift_count(c);
    if years > 0 {
        let _ = writeln!(
            s,
            "({years} year references changed, e.g. 2018年 → 2019年; see JSON for the list)"
        );
    }
    s
}

fn flush_unchanged(s: &mut String, n: &mut usize) {
    if *n > 0 {
        let _ = writeln!(
            s,
            "  ({n} unchanged paragraph{})",
            if *n == 1 { "" } else { "s" }
        );
        *n = 0;
    }
}

fn block(s: &mut String, b: &Block) {
    let sign = match b.kind {
        BlockKind::Deleted => '-',
        BlockKind::Inserted => '+',
        BlockKind::Moved => '>',
        _ => '~',
    };
    let arrow = match (b.old_paragraph, b.new_paragraph) {
        (Some(_), Some(_)) => format!(
            "{} → {}",
            para_label(b.old_paragraph),
            para_label(b.new_paragraph)
        ),
        _ => para_label(b.old_paragraph.or(b.new_paragraph)),
    };
    let _ = write!(s, "\n{sign} {arrow} {}", kind_label(b.kind));
    if matches!(b.kind, BlockKind::Modified | BlockKind::Moved) {
        let _ = write!(s, " {:.2}", b.similarity);
    }
    if b.granularity != crate::model::Granularity::Phrase {
        let _ = write!(s, " [{:?} level]", b.granularity);
    }
    s.push('\n');
    s.push_str("  ");
    for seg in &b.segments {
        match seg.op {
            SegmentOp::Equal => s.push_str(&seg.new.as_ref().or(seg.old.as_ref()).unwrap().text),
            SegmentOp::Delete if b.kind == BlockKind::Deleted => {
                s.push_str(&seg.old.as_ref().unwrap().text)
            }
            SegmentOp::Insert if b.kind == BlockKind::Inserted => {
                s.push_str(&seg.new.as_ref().unwrap().text)
            }
            SegmentOp::Delete => {
                let _ = write!(s, "[-{}-]", seg.old.as_ref().unwrap().text);
            }
            SegmentOp::Insert => {
                let _ = write!(s, "{{+{}+}}", seg.new.as_ref().unwrap().text);
            }
        }
    }
    s.push('\n');
}

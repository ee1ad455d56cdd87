//! A self-contained HTML page: no scripts, no external resources, every piece
//! of report text escaped. Side-by-side and inline views and a "changes only"
//! filter are switched with CSS (`:checked` selectors), so the page works
//! with JavaScript disabled and can be mailed or archived as one file.

use std::fmt::Write;

use super::{doc_label, is_change, kind_label, para_label, section_title, year_shift_count};
use crate::model::{Block, BlockKind, Comparison, NumberKind, Segment, SegmentOp};

const STYLE: &str = r#"
body{font:15px/1.7 "Noto Serif CJK SC","Source Han Serif SC","Songti SC",serif;margin:0 auto;max-width:1400px;padding:1em 2em;color:#222}
h1{font-size:1.3em} h2{font-size:1.1em;margin:1.5em 0 .3em;border-bottom:1px solid #ccc}
.summary td{padding:0 1em 0 0}
.controls{position:sticky;top:0;background:#fff;padding:.4em 0;border-bottom:1px solid #ddd;z-index:1}
.controls label{margin-right:1.5em;cursor:pointer}
del{background:#fdd;color:#900;text-decoration:line-through}
ins{background:#dfd;color:#060;text-decoration:none}
del.num,ins.num{font-weight:bold;outline:1px solid currentColor}
table.side{width:100%;border-collapse:collapse;table-layout:fixed}
table.side td{vertical-align:top;padding:.3em .6em;border-bottom:1px solid #eee;width:50%}
.meta{font:12px sans-serif;color:#777;display:block}
.k-deleted td.old,.k-deleted .inl{background:#fff6f6}
.k-inserted td.new,.k-inserted .inl{background:#f6fff6}
.k-moved td{background:#f6f8ff}
.blk .next{font:12px sans-serif;float:right}
.inline .blk{padding:.3em 0;border-bottom:1px solid #eee}
#v-inline:checked~main .side,#v-side:checked~main .inline{display:none}
#changes-only:checked~main .k-equal{display:none}
table.values td,table.values th{padding:0 1em 0 0;text-align:left}
"#;

/// Escape text for HTML element content and attribute values.
pub(crate) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Render one self-contained page with both views.
pub fn render_html(c: &Comparison) -> String {
    let mut s = String::with_capacity(64 * 1024);
    let title = format!("{} → {}", doc_label(&c.old), doc_label(&c.new));
    let _ = write!(
        s,
        "<!DOCTYPE html>\n<html lang=\"zh\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<h1>{}</h1>\n",
        escape(&title),
        escape(&title)
    );
    summary(&mut s, c);
    s.push_str(
        "<input type=\"radio\" name=\"view\" id=\"v-side\" checked><input type=\"radio\" name=\"view\" id=\"v-inline\"><input type=\"checkbox\" id=\"changes-only\">\n\
         <main>\n<div class=\"controls\"><label for=\"v-side\">Side by side</label><label for=\"v-inline\">Inline</label><label for=\"changes-only\">Changes only</label><a href=\"#values\">Value changes</a></div>\n",
    );
    // Hidden inputs sit before <main> so the CSS sibling selectors reach it;
    // the visible labels toggle them.
    let next_change = next_change_index(c);
    s.push_str("<div class=\"side\">\n");
    view(&mut s, c, &next_change, true);
    s.push_str("</div>\n<div class=\"inline\">\n");
    view(&mut s, c, &next_change, false);
    s.push_str("</div>\n</main>\n");
    values(&mut s, c);
    s.push_str("</body>\n</html>\n");
    s
}

fn summary(s: &mut String, c: &Comparison) {
    let st = &c.stats;
    let _ = writeln!(
        s,
        "<table class=\"summary\"><tr><td>Similarity</td><td>{:.3} (shared vocabulary {:.3})</td></tr>\
         <tr><td>Paragraphs</td><td>{} equal, {} modified, {} moved, {} deleted, {} inserted</td></tr>\
         <tr><td>Value changes</td><td>{} ({} of them years)</td></tr></table>",
        c.similarity,
        c.vocabulary,
        st.equal,
        st.modified,
        st.moved,
        st.deleted,
        st.inserted,
        st.value_changes,
        year_shift_count(c)
    );
    if let Some(f) = &c.fallback {
        let _ = writeln!(
            s,
            "<p class=\"fallback\"><strong>Note:</strong> {}</p>",
            escape(&f.reason)
        );
    }
    // Hidden inputs for the CSS view switch; must precede <main>.
    s.push_str("<style>#v-side,#v-inline,#changes-only{position:absolute;left:-9999px}#v-side:checked~main label[for=v-side],#v-inline:checked~main label[for=v-inline],#changes-only:checked~main label[for=changes-only]{font-weight:bold;text-decoration:underline}</style>\n");
}

/// For each block, the index of the next changed block after it.
fn next_change_index(c: &Comparison) -> Vec<Option<usize>> {
    let mut next = vec![None; c.blocks.len()];
    let mut after = None;
    for i in (0..c.blocks.len()).rev() {
        next[i] = after;
        if is_change(&c.blocks[i]) {
            after = Some(i);
        }
    }
    next
}

fn view(s: &mut String, c: &Comparison, next: &[Option<usize>], side: bool) {
    let id_prefix = if side { "s" } else { "i" };
    let mut section = None;
    let mut open = false;
    for (i, b) in c.blocks.iter().enumerate() {
        if b.section != section || i == 0 {
            section = b.section;
            if open && side {
                s.push_str("</table>\n");
            }
            let heading = b.section.map(|k| section_title(c, k)).unwrap_or_default();
            if !heading.is_empty() {
                let _ = writeln!(s, "<h2>{}</h2>", escape(&heading));
            }
            if side {
                s.push_str("<table class=\"side\">\n");
            }
            open = true;
        }
        let kind = kind_label(b.kind);
        let meta = meta(b, next[i].map(|n| format!("{id_prefix}{n}")));
        if side {
            let _ = write!(
                s,
                "<tr class=\"blk k-{kind}\" id=\"{id_prefix}{i}\"><td class=\"old\">"
            );
            if b.old.is_some() {
                segments(s, &b.segments, Side::Old);
            }
            s.push_str("</td><td class=\"new\">");
            s.push_str(&meta);
            if b.new.is_some() {
                segments(s, &b.segments, Side::New);
            }
            s.push_str("</td></tr>\n");
        } else {
            let _ = write!(
                s,
                "<div class=\"blk k-{kind}\" id=\"{id_prefix}{i}\">{meta}<div class=\"inl\">"
            );
            segments(s, &b.segments, Side::Both);
            s.push_str("</div></div>\n");
        }
    }
    if open && side {
        s.push_str("</table>\n");
    }
}

fn meta(b: &Block, next: Option<String>) -> String {
    if b.kind == BlockKind::Equal {
        return String::new();
    }
    let mut m = format!(
        "<span class=\"meta\">{} {}",
        kind_label(b.kind),
        match (b.old_paragraph, b.new_paragraph) {
            (Some(_), Some(_)) => format!(
                "{} → {}",
                para_label(b.old_paragraph),
                para_label(b.new_paragraph)
            ),
            _ => para_label(b.old_paragraph.or(b.new_paragraph)),
        }
    );
    if matches!(b.kind, BlockKind::Modified | BlockKind::Moved) {
        let _ = write!(m, " · similarity {:.2}", b.similarity);
    }
    if b.granularity != crate::model::Granularity::Phrase {
        let _ = write!(m, " · diffed at {:?} level", b.granularity);
    }
    if let Some(n) = next {
        let _ = write!(m, "<a class=\"next\" href=\"#{n}\">next change ↓</a>");
    }
    m.push_str("</span>");
    m
}

#[derive(Clone, Copy, PartialEq)]
enum Side {
    Old,
    New,
    Both,
}

fn segments(s: &mut String, segs: &[Segment], side: Side) {
    for seg in segs {
        let num = match seg.value_change {
            Some(v) => format!(" class=\"num\" data-value-change=\"{v}\""),
            None => String::new(),
        };
        match seg.op {
            SegmentOp::Equal => {
                let ex = if side == Side::Old {
                    seg.old.as_ref()
                } else {
                    seg.new.as_ref()
                };
                if let Some(ex) = ex.or(seg.old.as_ref()) {
                    s.push_str(&escape(&ex.text));
                }
            }
            SegmentOp::Delete if side != Side::New => {
                let _ = write!(
                    s,
                    "<del{num}>{}</del>",
                    escape(seg.old.as_ref().map_or("", |e| &e.text))
                );
            }
            SegmentOp::Insert if side != Side::Old => {
                let _ = write!(
                    s,
                    "<ins{num}>{}</ins>",
                    escape(seg.new.as_ref().map_or("", |e| &e.text))
                );
            }
            _ => {}
        }
    }
}

fn values(s: &mut String, c: &Comparison) {
    let _ = writeln!(s, "<h2 id=\"values\">Value changes</h2>");
    let quantities: Vec<_> = c
        .value_changes
        .iter()
        .filter(|v| v.kind == NumberKind::Quantity)
        .collect();
    if quantities.is_empty() {
        s.push_str("<p>No number changed value inside a matched paragraph.</p>\n");
    } else {
        s.push_str("<table class=\"values\"><tr><th>Context</th><th>Old</th><th>New</th><th>Where</th></tr>\n");
        for v in quantities {
            let b = &c.blocks[v.block];
            let _ = writeln!(
                s,
                "<tr><td>{}</td><td><del class=\"num\">{}</del></td><td><ins class=\"num\">{}</ins></td><td><a href=\"#s{}\">{} → {}</a></td></tr>",
                escape(&v.context),
                escape(&v.old.text),
                escape(&v.new.text),
                v.block,
                para_label(b.old_paragraph),
                para_label(b.new_paragraph)
            );
        }
        s.push_str("</table>\n");
    }
    let years = year_shift_count(c);
    if years > 0 {
        let _ = writeln!(s, "<p>{years} year references changed (such as 2018年 → 2019年); they are marked in the text.</p>");
    }
}

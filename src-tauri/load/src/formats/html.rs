//! The main text of an HTML page, parsed with a real parser (`scraper`, i.e.
//! html5ever): scripts, styles, navigation, forms and comment boxes are
//! dropped, block elements become line breaks. Site chrome that survives as
//! plain text is left to [`crate::clean`].

use scraper::{ElementRef, Html, Node};

use crate::mapped::MappedText;

/// Elements whose content is never report text.
const SKIPPED_TAGS: &[&str] = &[
    "script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form",
    "iframe", "object", "embed", "svg", "canvas", "button", "select", "textarea", "input", "head",
    "title", "meta", "link",
];

/// class or id fragments that mark navigation and comment boxes.
const SKIPPED_MARKS: &[&str] = &[
    "nav",
    "menu",
    "footer",
    "header",
    "sidebar",
    "breadcrumb",
    "comment",
    "share",
    "login",
    "toolbar",
    "copyright",
    "related",
    "advert",
];

/// Elements that end a line.
const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "br",
    "li",
    "tr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "section",
    "article",
    "table",
    "ul",
    "ol",
    "blockquote",
    "pre",
    "dd",
    "dt",
    "hr",
    "center",
];

/// Main text of a decoded page. Each character maps to the origin of the place
/// its text node was found in the source (exact where the node's text appears
/// literally; entities shift the map by at most the node's length).
pub fn main_text(page: &MappedText) -> MappedText {
    let source = page.text();
    let doc = Html::parse_document(source);
    let mut out = MappedText::with_capacity(source.len() / 2);
    let mut locator = Locator::new(page);
    walk(doc.root_element(), &mut out, &mut locator);
    out
}

fn walk(el: ElementRef<'_>, out: &mut MappedText, locator: &mut Locator<'_>) {
    for child in el.children() {
        match child.value() {
            Node::Text(t) => match locator.find(t) {
                // Found literally: every character maps through the page's own table.
                Found::Literal(at) => {
                    for (b, c) in t.char_indices() {
                        out.push(c, locator.origin_at_byte(at + b));
                    }
                }
                // Entities or whitespace changed the text: anchor it at its node.
                Found::Near(at) => {
                    let o = locator.origin_at_byte(at);
                    for c in t.chars() {
                        out.push(c, o);
                    }
                }
            },
            Node::Element(e) => {
                let name = e.name();
                if SKIPPED_TAGS.contains(&name) || is_chrome_box(e) {
                    continue;
                }
                let block = BLOCK_TAGS.contains(&name);
                if let Some(child_el) = ElementRef::wrap(child) {
                    walk(child_el, out, locator);
                }
                if block && !out.text().ends_with('\n') {
                    let o = out.last_origin();
                    out.push('\n', o);
                }
            }
            _ => {}
        }
    }
}

fn is_chrome_box(e: &scraper::node::Element) -> bool {
    let attrs = [e.attr("class"), e.attr("id")];
    attrs.iter().flatten().any(|v| {
        let v = v.to_ascii_lowercase();
        SKIPPED_MARKS.iter().any(|m| v.contains(m))
    })
}

enum Found {
    Literal(usize),
    Near(usize),
}

/// Finds text nodes in the source, moving forward only (nodes come in order).
struct Locator<'a> {
    page: &'a MappedText,
    char_starts: Vec<usize>,
    cursor: usize,
}

impl<'a> Locator<'a> {
    fn new(page: &'a MappedText) -> Locator<'a> {
        let char_starts = page.text().char_indices().map(|(b, _)| b).collect();
        Locator {
            page,
            char_starts,
            cursor: 0,
        }
    }

    fn find(&mut self, node_text: &str) -> Found {
        let source = self.page.text();
        if let Some(at) = source[self.cursor..].find(node_text) {
            let byte = self.cursor + at;
            self.cursor = byte + node_text.len();
            return Found::Literal(byte);
        }
        let probe: String = node_text.trim_start().chars().take(4).collect();
        if !probe.is_empty() {
            if let Some(at) = source[self.cursor..].find(&probe) {
                let byte = self.cursor + at;
                self.cursor = byte + probe.len();
                return Found::Near(byte);
            }
        }
        Found::Near(self.cursor)
    }

    fn origin_at_byte(&self, byte: usize) -> u32 {
        let i = self.char_starts.partition_point(|&b| b < byte);
        self.page
            .origins()
            .get(i)
            .copied()
            .unwrap_or_else(|| self.page.last_origin())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_styles_and_chrome_boxes_are_dropped() {
        let page = r#"<html><head><title>x</title><style>p{color:red}</style></head><body>
<div class="nav">首页 > 新闻</div>
<script>alert("各位代表")</script>
<p>各位代表：</p><p>全年实现地区生产总值827亿元&nbsp;。</p>
<div id="comment-box">发表评论</div><footer>ICP备 1234</footer></body></html>"#;
        let out = main_text(&MappedText::from_utf8(page));
        let text = out.text();
        assert!(text.contains("各位代表：\n"), "{text:?}");
        assert!(text.contains("全年实现地区生产总值827亿元"));
        for absent in ["alert", "color", "首页", "发表评论", "ICP"] {
            assert!(!text.contains(absent), "{absent} in {text:?}");
        }
    }

    #[test]
    fn text_maps_back_to_its_place_in_the_source() {
        let page = "<p>前言</p><p>生产总值827亿元</p>";
        let out = main_text(&MappedText::from_utf8(page));
        let at = out.text().chars().position(|c| c == '8').unwrap();
        let byte = out.origins()[at] as usize;
        assert_eq!(&page[byte..byte + 3], "827");
    }
}

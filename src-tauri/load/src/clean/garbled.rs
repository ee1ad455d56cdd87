//! Runs of lost characters: U+FFFD replacement characters and `??` (or `？？`)
//! that stand where Chinese characters were lost in some earlier conversion.

use crate::Span;

pub fn find(text: &str) -> Vec<Span> {
    let is_lost = |c: char| matches!(c, '\u{FFFD}' | '?' | '？');
    let is_han = |c: Option<char>| c.is_some_and(|c| ('\u{3400}'..='\u{9FFF}').contains(&c));
    let mut spans = Vec::new();
    // Characters are counted only up to each run, block-wise; the runs are
    // found by `?` and the lead byte of `？` (EF BC 9F) and U+FFFD (EF BF BD).
    let (mut counted_to, mut chars_before) = (0, 0);
    let mut run_end = 0;
    for b in memchr::memchr2_iter(b'?', 0xEF, text.as_bytes()) {
        if b < run_end || !text[b..].starts_with(is_lost) {
            continue;
        }
        let (mut len, mut n, mut has_fffd) = (0, 0, false);
        for c in text[b..].chars().take_while(|&c| is_lost(c)) {
            has_fffd |= c == '\u{FFFD}';
            len += c.len_utf8();
            n += 1;
        }
        run_end = b + len;
        chars_before += text[counted_to..b].chars().count();
        counted_to = b;
        let in_chinese =
            is_han(text[..b].chars().next_back()) || is_han(text[run_end..].chars().next());
        if has_fffd || (n >= 2 && in_chinese) {
            spans.push(Span {
                start: chars_before,
                end: chars_before + n,
            });
        }
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn question_runs_in_chinese_and_replacement_chars_are_marked() {
        let text = "歷史新高??茖W精準 是吗? 乱\u{FFFD}码 what??";
        let spans = find(text);
        assert_eq!(
            spans,
            vec![Span { start: 4, end: 6 }, Span { start: 16, end: 17 }]
        );
        assert_eq!(
            find("\u{FFFD}开？？\n中?？?"),
            vec![
                Span { start: 0, end: 1 },
                Span { start: 2, end: 4 },
                Span { start: 6, end: 9 }
            ]
        );
        assert!(find("ａ？ｂ").is_empty());
    }
}

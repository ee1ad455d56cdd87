//! Runs of lost characters: U+FFFD replacement characters and `??` (or `？？`)
//! that stand where Chinese characters were lost in some earlier conversion.

use crate::Span;

pub fn find(text: &str) -> Vec<Span> {
    if !(text.contains('?') || text.contains('？') || text.contains('\u{FFFD}')) {
        return Vec::new();
    }
    let chars: Vec<char> = text.chars().collect();
    let mut spans = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\u{FFFD}' || c == '?' || c == '？' {
            let mut j = i;
            while j < chars.len() && matches!(chars[j], '\u{FFFD}' | '?' | '？') {
                j += 1;
            }
            let run = &chars[i..j];
            let has_fffd = run.contains(&'\u{FFFD}');
            let next_to_han =
                |k: Option<&char>| k.is_some_and(|&c| ('\u{3400}'..='\u{9FFF}').contains(&c));
            let in_chinese = next_to_han(i.checked_sub(1).and_then(|k| chars.get(k)))
                || next_to_han(chars.get(j));
            if has_fffd || (run.len() >= 2 && in_chinese) {
                spans.push(Span { start: i, end: j });
            }
            i = j;
        } else {
            i += 1;
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
    }
}

//! Pinyin glosses that some sites put after characters (`當(dāng)前`) are
//! removed; real parentheses such as `(牽頭責任單位:…)` or `(GDP)` stay.

use crate::mapped::MappedText;

const TONED: &str = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ";

fn is_pinyin_letter(c: char) -> bool {
    c.is_ascii_lowercase() || c == 'ü' || TONED.contains(c)
}

fn is_han(c: char) -> bool {
    ('\u{3400}'..='\u{9FFF}').contains(&c) || ('\u{F900}'..='\u{FAFF}').contains(&c)
}

/// Returns the text and the number of glosses removed.
pub fn strip_glosses(input: &MappedText) -> (MappedText, usize) {
    let text = input.text();
    // (byte, char index, byte length, char length) of each gloss.
    let mut glosses: Vec<(usize, usize, usize, usize)> = Vec::new();
    // Only an opening parenthesis can start one; no gloss starts inside another.
    let (mut counted_to, mut chars_before) = (0, 0);
    let mut free_from = 0;
    // Two single-character searches are much faster than one for either.
    let mut opens: Vec<(usize, char)> = text.match_indices('(').map(|(b, _)| (b, '(')).collect();
    opens.extend(text.match_indices('（').map(|(b, _)| (b, '（')));
    opens.sort_unstable();
    for (b, open) in opens {
        let Some(prev) = text[..b].chars().next_back() else {
            continue;
        };
        if b < free_from {
            continue;
        }
        if let Some(n) = gloss_len(prev, open, &text[b + open.len_utf8()..]) {
            let bytes = text[b..].chars().take(n).map(char::len_utf8).sum();
            chars_before += text[counted_to..b].chars().count();
            counted_to = b;
            glosses.push((b, chars_before, bytes, n));
            free_from = b + bytes;
        }
    }
    // Most texts have none, and then nothing changes.
    if glosses.is_empty() {
        return (input.clone(), 0);
    }
    let origins = input.origins();
    let mut out = MappedText::with_capacity(text.len());
    let (mut byte, mut char_at) = (0, 0);
    for &(b, i, bytes, n) in &glosses {
        out.push_str(&text[byte..b], &origins[char_at..i]);
        (byte, char_at) = (b + bytes, i + n);
    }
    out.push_str(&text[byte..], &origins[char_at..]);
    (out, glosses.len())
}

/// Length in characters of a gloss `(syllable)` opening with `open`, right
/// after the Han character `prev`; `after` is the text after `open`.
fn gloss_len(prev: char, open: char, after: &str) -> Option<usize> {
    if !matches!(open, '(' | '（') || !is_han(prev) {
        return None;
    }
    let body: Vec<char> = after
        .chars()
        .take_while(|&c| is_pinyin_letter(c))
        .take(8)
        .collect();
    let close = after.chars().nth(body.len())?;
    // A tone mark is what tells a gloss from a Latin word in parentheses.
    let toned = body.iter().any(|&c| TONED.contains(c) || c == 'ü');
    (matches!(close, ')' | '）') && (1..=6).contains(&body.len()) && toned)
        .then_some(body.len() + 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glosses_go_real_parentheses_stay() {
        let text = "當(dāng)前位置:國內(nèi)新聞(牽頭責任單位:自治區水利廳) GDP(gdp) 綠(lǜ)色";
        let (out, n) = strip_glosses(&MappedText::from_utf8(text));
        assert_eq!(
            out.text(),
            "當前位置:國內新聞(牽頭責任單位:自治區水利廳) GDP(gdp) 綠色"
        );
        assert_eq!(n, 3);
        // 前 still maps to its own bytes after the gloss was cut out.
        let qian = out.text().chars().position(|c| c == '前').unwrap();
        assert_eq!(out.origins()[qian] as usize, text.find('前').unwrap());
    }
}

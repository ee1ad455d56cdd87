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
    let chars: Vec<(char, u32)> = input.chars().collect();
    let mut out = MappedText::with_capacity(input.text().len());
    let mut removed = 0;
    let mut i = 0;
    while i < chars.len() {
        if let Some(len) = gloss_at(&chars, i) {
            removed += 1;
            i += len;
            continue;
        }
        out.push(chars[i].0, chars[i].1);
        i += 1;
    }
    (out, removed)
}

/// Length of a gloss `(syllable)` starting at `i`, right after a Han character.
fn gloss_at(chars: &[(char, u32)], i: usize) -> Option<usize> {
    if i == 0 || !matches!(chars[i].0, '(' | '（') || !is_han(chars[i - 1].0) {
        return None;
    }
    let body: Vec<char> = chars[i + 1..]
        .iter()
        .map(|p| p.0)
        .take_while(|&c| is_pinyin_letter(c))
        .take(8)
        .collect();
    let close = chars.get(i + 1 + body.len())?.0;
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

//! Pinyin glosses that some sites put after characters (`當(dāng)前`) are
//! removed; real parentheses such as `(牽頭責任單位:…)` or `(GDP)` stay.

use crate::mapped::MappedText;

/// The tone-marked letters, as [`is_toned`] matches them.
#[cfg(test)]
const TONED: &str = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ";

fn is_pinyin_letter(c: char) -> bool {
    c.is_ascii_lowercase() || c == 'ü' || is_toned(c)
}

fn is_toned(c: char) -> bool {
    matches!(
        c,
        'ā' | 'á'
            | 'ǎ'
            | 'à'
            | 'ē'
            | 'é'
            | 'ě'
            | 'è'
            | 'ī'
            | 'í'
            | 'ǐ'
            | 'ì'
            | 'ō'
            | 'ó'
            | 'ǒ'
            | 'ò'
            | 'ū'
            | 'ú'
            | 'ǔ'
            | 'ù'
            | 'ǖ'
            | 'ǘ'
            | 'ǚ'
            | 'ǜ'
            | 'ń'
            | 'ň'
            | 'ǹ'
            | 'ḿ'
    )
}

fn is_han(c: char) -> bool {
    ('\u{3400}'..='\u{9FFF}').contains(&c) || ('\u{F900}'..='\u{FAFF}').contains(&c)
}

/// Returns the text and the number of glosses removed.
/// Takes the text by value so that, unchanged, it is handed back without a copy.
pub fn strip_glosses(input: MappedText) -> (MappedText, usize) {
    let (text, origins) = (input.text(), input.origins());
    // `(` and the lead byte of `（` (EF BC 88), found in one vectorised pass in
    // text order; `（` searched as a char would stop at every 0x88 byte.
    let opens = memchr::memchr2_iter(b'(', 0xEF, text.as_bytes()).filter_map(|b| {
        match text.as_bytes()[b..] {
            [b'(', ..] => Some((b, '(')),
            [0xEF, 0xBC, 0x88, ..] => Some((b, '（')),
            _ => None,
        }
    });
    // The text without its glosses, begun at the first gloss, and where the
    // last gloss removed ends (byte, char index).
    let mut out: Option<MappedText> = None;
    let (mut byte, mut char_at) = (0, 0);
    let mut removed = 0;
    for (b, open) in opens {
        // No gloss starts inside another.
        if b < byte {
            continue;
        }
        let Some(prev) = text[..b].chars().next_back() else {
            continue;
        };
        if let Some((n, bytes)) = gloss_len(prev, open, &text[b + open.len_utf8()..]) {
            let i = char_at + text[byte..b].chars().count();
            out.get_or_insert_with(|| MappedText::with_capacity(text.len()))
                .push_str(&text[byte..b], &origins[char_at..i]);
            (byte, char_at) = (b + bytes, i + n);
            removed += 1;
        }
    }
    // Most texts have none, and then nothing changes.
    let Some(mut out) = out else {
        return (input, 0);
    };
    out.push_str(&text[byte..], &origins[char_at..]);
    (out, removed)
}

/// Length in characters and in bytes of a gloss `(syllable)` opening with
/// `open`, right after the Han character `prev`; `after` is the text after `open`.
fn gloss_len(prev: char, open: char, after: &str) -> Option<(usize, usize)> {
    if !matches!(open, '(' | '（') || !is_han(prev) {
        return None;
    }
    // Up to 8 pinyin letters, then the character after them.
    let (mut letters, mut toned) = (0, false);
    let mut rest = after.chars();
    let close = loop {
        let c = rest.next()?;
        if letters < 8 && is_pinyin_letter(c) {
            letters += 1;
            // A tone mark is what tells a gloss from a Latin word in parentheses.
            toned |= is_toned(c) || c == 'ü';
        } else {
            break c;
        }
    };
    let bytes = open.len_utf8() + after.len() - rest.as_str().len();
    (matches!(close, ')' | '）') && (1..=6).contains(&letters) && toned)
        .then_some((letters + 2, bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn is_toned_is_membership_in_toned() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(is_toned(c), TONED.contains(c), "{c:?}");
        }
    }

    #[test]
    fn glosses_go_real_parentheses_stay() {
        let text = "當(dāng)前位置:國內(nèi)新聞(牽頭責任單位:自治區水利廳) GDP(gdp) 綠(lǜ)色";
        let (out, n) = strip_glosses(MappedText::from_utf8(text));
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

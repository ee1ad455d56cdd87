//! Line endings to `\n`, invisible characters out, each line trimmed, blank
//! lines dropped (paragraphs end up separated by exactly one `\n`).

use crate::mapped::{lead_table, utf8_len, MappedText, FLAGGED};

/// Characters that carry no text: zero-width spaces and joiners, BOMs, soft hyphens.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}'
    )
}

/// Horizontal white space, including the ideographic and EM spaces reports indent with.
pub fn is_space(c: char) -> bool {
    c != '\n' && c.is_whitespace()
}

/// Characters that end a line.
fn is_break(c: char) -> bool {
    matches!(
        c,
        '\r' | '\n' | '\u{2028}' | '\u{2029}' | '\u{000B}' | '\u{000C}'
    )
}

/// Whether the character these UTF-8 bytes start with is a break, an
/// invisible character or a space. Decided on the bytes, so that the frequent
/// punctuation sharing their lead bytes (`，` `“` `—` `。`) is copied in runs
/// without being decoded.
fn is_special(bytes: &[u8]) -> bool {
    // Most characters are told apart by their lead byte alone.
    if LEAD[bytes[0] as usize] & FLAGGED == 0 {
        return false;
    }
    match *bytes {
        [0x09..=0x0D | 0x20, ..] => true,
        // U+0085, U+00A0, U+00AD
        [0xC2, 0x85 | 0xA0 | 0xAD, ..] => true,
        // U+1680
        [0xE1, 0x9A, 0x80, ..] => true,
        // U+2000..=U+200D, U+2028, U+2029, U+202F; U+205F, U+2060
        [0xE2, 0x80, 0x80..=0x8D | 0xA8 | 0xA9 | 0xAF, ..] => true,
        [0xE2, 0x81, 0x9F | 0xA0, ..] => true,
        // U+3000
        [0xE3, 0x80, 0x80, ..] => true,
        // U+FEFF
        [0xEF, 0xBB, 0xBF, ..] => true,
        _ => false,
    }
}

/// Per lead byte: the character's UTF-8 length, flagged when it may start a
/// break, an invisible character or a space.
static LEAD: [u8; 256] = lead_table(b"\x09\x0A\x0B\x0C\x0D\x20\xC2\xE1\xE2\xE3\xEF");

pub fn normalise(input: &MappedText) -> MappedText {
    let text = input.text();
    let bytes = text.as_bytes();
    let origins = input.origins();
    let mut out = MappedText::with_capacity(text.len());
    // The run of characters being copied as they are, (byte, char index).
    let mut run: Option<(usize, usize)> = None;
    // Whether the line has shown a visible character, and where its `\n` is.
    let mut content = false;
    let mut separator: Option<usize> = None;
    // A space run after visible text: one ASCII space, if more text follows.
    let mut space: Option<u32> = None;
    let (mut b, mut i) = (0, 0);
    while b < bytes.len() {
        let lead = bytes[b];
        let special = is_special(&bytes[b..]);
        if !special && run.is_some() {
            // Inside a run: skip ordinary characters without decoding them.
            b += utf8_len(lead);
            i += 1;
            while b < bytes.len() && !is_special(&bytes[b..]) {
                b += utf8_len(bytes[b]);
                i += 1;
            }
            continue;
        }
        let (c, len) = if special {
            let c = text[b..].chars().next().unwrap_or_default();
            (Some(c), c.len_utf8())
        } else {
            (None, utf8_len(lead))
        };
        let plain = c.is_none_or(|c| !(is_break(c) || is_invisible(c) || is_space(c)));
        if plain {
            if run.is_none() {
                if !content {
                    content = true;
                    if !out.is_empty() {
                        // Anchored at the break that ends this line, once seen.
                        separator = Some(out.len_chars());
                        out.push('\n', 0);
                    }
                } else if let Some(o) = space.take() {
                    out.push(' ', o);
                }
                run = Some((b, i));
            }
        } else {
            if let Some((rb, ri)) = run.take() {
                out.push_str(&text[rb..b], &origins[ri..i]);
            }
            let c = c.unwrap_or_default();
            if is_break(c) {
                if let Some(k) = separator.take() {
                    out.set_origin(k, origins[i]);
                }
                content = false;
                space = None;
            } else if is_space(c) && content && space.is_none() {
                space = Some(origins[i]);
            }
        }
        b += len;
        i += 1;
    }
    if let Some((rb, ri)) = run {
        out.push_str(&text[rb..], &origins[ri..]);
    }
    if let Some(k) = separator {
        out.set_origin(k, input.last_origin());
    }
    out
}

/// [`normalise`] of text that `normalise` produced: the text is already
/// normal, so only the line breaks move, each to the origin of the break
/// after it (the last to the last character's), as `normalise` anchors them.
pub fn renormalise(normal: MappedText) -> MappedText {
    let (text, mut origin) = normal.into_raw();
    // Character indices of the breaks, counted between them.
    let mut breaks: Vec<usize> = Vec::new();
    let (mut byte, mut char_at) = (0, 0);
    for b in memchr::memchr_iter(b'\n', text.as_bytes()) {
        char_at += text[byte..b].chars().count();
        breaks.push(char_at);
        char_at += 1;
        byte = b + 1;
    }
    let last = origin.last().copied().unwrap_or(0);
    for (k, &i) in breaks.iter().enumerate() {
        origin[i] = breaks.get(k + 1).map_or(last, |&next| origin[next]);
    }
    MappedText::from_raw(text, origin)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The straightforward char-by-char form `normalise` must agree with.
    fn reference(input: &MappedText) -> MappedText {
        let mut out = MappedText::with_capacity(input.text().len());
        let mut line: Vec<(char, u32)> = Vec::new();
        let mut prev_cr = false;
        let flush = |line: &mut Vec<(char, u32)>, out: &mut MappedText, nl: u32| {
            let start = line.iter().position(|&(c, _)| !is_space(c));
            if let Some(s) = start {
                let e = line.iter().rposition(|&(c, _)| !is_space(c)).unwrap_or(s) + 1;
                if !out.is_empty() {
                    out.push('\n', nl);
                }
                for &(c, o) in &line[s..e] {
                    // Runs of spaces inside a line become one ASCII space.
                    if is_space(c) {
                        if out.text().ends_with(' ') {
                            continue;
                        }
                        out.push(' ', o);
                    } else {
                        out.push(c, o);
                    }
                }
            }
            line.clear();
        };
        for (c, o) in input.chars() {
            match c {
                '\r' => {
                    flush(&mut line, &mut out, o);
                    prev_cr = true;
                    continue;
                }
                '\n' | '\u{2028}' | '\u{2029}' | '\u{000B}' | '\u{000C}' => {
                    if !(prev_cr && c == '\n') {
                        flush(&mut line, &mut out, o);
                    }
                }
                c if is_invisible(c) => {}
                '\u{00A0}' => line.push((' ', o)),
                c => line.push((c, o)),
            }
            prev_cr = false;
        }
        let end = input.last_origin();
        flush(&mut line, &mut out, end);
        out
    }

    #[test]
    fn agrees_with_the_char_by_char_form() {
        let alphabet = [
            'a', '中', '“', ' ', '\u{3000}', '\u{00A0}', '\u{200B}', '\r', '\n', '\u{2028}',
        ];
        let mut cases: Vec<String> = vec![String::new()];
        for _ in 0..5 {
            let longer: Vec<String> = cases
                .iter()
                .filter(|s| s.chars().count() == cases.last().unwrap().chars().count())
                .flat_map(|s| alphabet.iter().map(move |&c| format!("{s}{c}")))
                .collect();
            cases.extend(longer);
        }
        let samples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../samples");
        for entry in std::fs::read_dir(samples).unwrap() {
            cases.push(std::fs::read_to_string(entry.unwrap().path()).unwrap());
        }
        for s in &cases {
            let m = MappedText::from_utf8(s);
            assert_eq!(normalise(&m), reference(&m), "{s:?}");
        }
    }

    #[test]
    fn is_special_agrees_with_the_char_predicates() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let mut buf = [0u8; 4];
            assert_eq!(
                is_special(c.encode_utf8(&mut buf).as_bytes()),
                is_break(c) || is_invisible(c) || is_space(c),
                "{c:?}"
            );
        }
    }

    #[test]
    fn renormalise_is_normalise_of_normal_text() {
        let m = normalise(&MappedText::from_utf8(
            "  各位\u{200B}代表:\r\n\r\n\u{3000}现在， 我代表 \n\n下一行\n末行",
        ));
        assert_eq!(renormalise(m.clone()), normalise(&m));
        let one = normalise(&MappedText::from_utf8("一行"));
        assert_eq!(renormalise(one.clone()), normalise(&one));
        assert_eq!(
            renormalise(MappedText::new()),
            normalise(&MappedText::new())
        );
    }

    #[test]
    fn trims_joins_and_drops_invisibles() {
        let m = MappedText::from_utf8(
            "  各位\u{200B}代表:\r\n\r\n\u{3000}\u{3000}现在，\u{00A0}\u{00A0}我代表 \n\n",
        );
        assert_eq!(normalise(&m).text(), "各位代表:\n现在， 我代表");
    }
}

//! Line endings to `\n`, invisible characters out, each line trimmed, blank
//! lines dropped (paragraphs end up separated by exactly one `\n`).

use crate::mapped::MappedText;

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

pub fn normalise(input: &MappedText) -> MappedText {
    let text = input.text();
    let origins = input.origins();
    let mut out = MappedText::with_capacity(text.len());
    // Each run of text between line breaks is one line (`\r\n` leaves an
    // empty one, which adds nothing). Its `\n` takes the origin of the break
    // that ends it, the last line's the last origin.
    let (mut byte, mut char_at) = (0, 0);
    let mut scratch = (String::new(), Vec::new());
    for (b, c) in text.char_indices() {
        if !is_break(c) {
            continue;
        }
        let n = text[byte..b].chars().count();
        let line = (&text[byte..b], &origins[char_at..char_at + n]);
        flush(line, &mut out, origins[char_at + n], &mut scratch);
        byte = b + c.len_utf8();
        char_at += n + 1;
    }
    let line = (&text[byte..], &origins[char_at..]);
    flush(line, &mut out, input.last_origin(), &mut scratch);
    out
}

/// [`normalise`] of text that `normalise` produced: the text is already
/// normal, so only the line breaks move, each to the origin of the break
/// after it (the last to the last character's), as `normalise` anchors them.
pub fn renormalise(normal: MappedText) -> MappedText {
    let (text, mut origin) = normal.into_raw();
    let breaks: Vec<usize> = text
        .chars()
        .enumerate()
        .filter(|&(_, c)| c == '\n')
        .map(|(i, _)| i)
        .collect();
    let last = origin.last().copied().unwrap_or(0);
    for (k, &i) in breaks.iter().enumerate() {
        origin[i] = breaks.get(k + 1).map_or(last, |&next| origin[next]);
    }
    MappedText::from_raw(text, origin)
}

/// Appends one line, trimmed, with runs of spaces as one ASCII space.
fn flush(
    (line, origins): (&str, &[u32]),
    out: &mut MappedText,
    nl: u32,
    scratch: &mut (String, Vec<u32>),
) {
    // Invisible characters go and no-break spaces become spaces before the
    // line is trimmed; few lines have either, so only those are copied.
    if line.chars().any(|c| is_invisible(c) || c == '\u{00A0}') {
        let (text, origin) = scratch;
        text.clear();
        origin.clear();
        for (c, &o) in line.chars().zip(origins) {
            if !is_invisible(c) {
                text.push(if c == '\u{00A0}' { ' ' } else { c });
                origin.push(o);
            }
        }
        flush_visible(text, origin, out, nl);
    } else {
        flush_visible(line, origins, out, nl);
    }
}

fn flush_visible(line: &str, origins: &[u32], out: &mut MappedText, nl: u32) {
    let Some(first) = line.find(|c| !is_space(c)) else {
        return;
    };
    let last = line.rfind(|c| !is_space(c)).unwrap_or(first);
    let last = last + line[last..].chars().next().map_or(0, char::len_utf8);
    let skipped = line[..first].chars().count();
    let (line, origins) = (&line[first..last], &origins[skipped..]);
    if !out.is_empty() {
        out.push('\n', nl);
    }
    // Copy runs of kept characters whole; a space run becomes one ASCII
    // space at the origin of its first character.
    let (mut run_byte, mut run_char) = (0, 0);
    let mut prev_space = false;
    for (i, (b, c)) in line.char_indices().enumerate() {
        let space = is_space(c);
        if space && (c != ' ' || prev_space) {
            out.push_str(&line[run_byte..b], &origins[run_char..i]);
            if !prev_space {
                out.push(' ', origins[i]);
            }
            run_byte = b + c.len_utf8();
            run_char = i + 1;
        }
        prev_space = space;
    }
    let n = line[run_byte..].chars().count();
    out.push_str(&line[run_byte..], &origins[run_char..run_char + n]);
}

#[cfg(test)]
mod tests {
    use super::*;

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

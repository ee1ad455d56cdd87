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

pub fn normalise(input: &MappedText) -> MappedText {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trims_joins_and_drops_invisibles() {
        let m = MappedText::from_utf8(
            "  各位\u{200B}代表:\r\n\r\n\u{3000}\u{3000}现在，\u{00A0}\u{00A0}我代表 \n\n",
        );
        assert_eq!(normalise(&m).text(), "各位代表:\n现在， 我代表");
    }
}

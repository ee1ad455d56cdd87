//! Bytes to text: refuse what is not a text report (empty, binary, too big,
//! broken UTF-8 that claims to be UTF-8), detect the encoding with `chardetng`
//! when the file does not declare one, and keep each character's byte offset.

use std::io::Read;
use std::path::Path;

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};

use crate::mapped::MappedText;
use crate::Rejected;

pub enum ReadError {
    Io(std::io::Error),
    TooLarge,
}

/// Read a whole file, but never more than `limit` bytes (a file may grow
/// between the size check and the read).
pub fn read_bounded(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let file = std::fs::File::open(path).map_err(ReadError::Io)?;
    let mut buf = Vec::new();
    file.take(limit + 1)
        .read_to_end(&mut buf)
        .map_err(ReadError::Io)?;
    if buf.len() as u64 > limit {
        return Err(ReadError::TooLarge);
    }
    Ok(buf)
}

pub struct Decoded {
    pub text: MappedText,
    pub encoding: &'static str,
}

/// Decode a text or HTML file. `html` lets a `<meta charset>` declaration count.
pub fn decode(raw: &[u8], html: bool) -> Result<Decoded, Rejected> {
    if raw.is_empty() {
        return Err(Rejected("is empty (0 bytes); nothing to load".into()));
    }
    if let Some((enc, bom_len)) = Encoding::for_bom(raw) {
        return decode_strict(raw, enc, bom_len, "a byte-order mark");
    }
    if let Some(utf16) = bomless_utf16(raw) {
        return decode_strict(raw, utf16, 0, "its byte pattern");
    }
    if let Some(kind) = binary_kind(raw) {
        return Err(Rejected(format!(
            "is a binary file ({kind}), not a text report; load .txt, .html or .docx files"
        )));
    }
    if html {
        if let Some(enc) = declared_charset(raw) {
            // UTF-16 declarations in an ASCII-readable file are wrong by definition.
            if enc != UTF_16LE && enc != UTF_16BE {
                return decode_strict(raw, enc, 0, "its <meta charset>");
            }
        }
    }
    // encoding_rs validates with SIMD (simdutf8) where the CPU has it, several
    // times faster than `std::str::from_utf8` on Chinese text.
    if let Some(text) = UTF_8.decode_without_bom_handling_and_without_replacement(raw) {
        return Ok(Decoded {
            text: MappedText::from_utf8(&text),
            encoding: UTF_8.name(),
        });
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(raw, true);
    let enc = detector.guess(None, chardetng::Utf8Detection::Deny);
    let decoded = decode_mapped(raw, enc, 0);
    let lost = decoded.text().chars().filter(|&c| c == '\u{FFFD}').count();
    if lost * 100 > decoded.len_chars().max(1) {
        return Err(Rejected(format!(
            "could not be decoded: best guess {} leaves {lost} characters unreadable; re-save the file as UTF-8",
            enc.name()
        )));
    }
    Ok(Decoded {
        text: decoded,
        encoding: enc.name(),
    })
}

/// Decode with an encoding the file declares; a declaration that the bytes
/// break is an error, since guessing past it would silently corrupt text.
fn decode_strict(
    raw: &[u8],
    enc: &'static Encoding,
    skip: usize,
    declared_by: &str,
) -> Result<Decoded, Rejected> {
    let text = decode_mapped(raw, enc, skip);
    let bad = text.text().chars().filter(|&c| c == '\u{FFFD}').count();
    if bad > 0 {
        let first = text
            .chars()
            .find(|&(c, _)| c == '\u{FFFD}')
            .map(|(_, o)| o)
            .unwrap_or(0);
        return Err(Rejected(format!(
            "claims to be {} (by {declared_by}) but has {bad} invalid byte sequence(s), the first at byte {first}; \
             re-save it in its real encoding",
            enc.name()
        )));
    }
    Ok(Decoded {
        text,
        encoding: enc.name(),
    })
}

/// Decode `raw[skip..]`, recording for every character the byte it starts at.
fn decode_mapped(raw: &[u8], enc: &'static Encoding, skip: usize) -> MappedText {
    let body = &raw[skip..];
    if enc == UTF_8 {
        let mut out = MappedText::with_capacity(body.len());
        for chunk in body.utf8_chunks() {
            let base = chunk.valid().as_ptr() as usize - body.as_ptr() as usize;
            for (b, c) in chunk.valid().char_indices() {
                out.push(c, (skip + base + b) as u32);
            }
            if !chunk.invalid().is_empty() {
                out.push('\u{FFFD}', (skip + base + chunk.valid().len()) as u32);
            }
        }
        return out;
    }
    // Other encodings: feed the decoder in small steps and attribute each
    // character to the byte where the step that produced it began.
    let mut decoder = enc.new_decoder_without_bom_handling();
    let mut out = MappedText::with_capacity(body.len() * 3 / 2);
    let mut buf = String::with_capacity(16);
    let mut pos = 0;
    let mut pending_start = 0;
    while pos < body.len() {
        buf.clear();
        let end = (pos + 1).min(body.len());
        let (_, read, _) = decoder.decode_to_string(&body[pos..end], &mut buf, false);
        pos += read.max(1);
        for c in buf.chars() {
            out.push(c, (skip + pending_start) as u32);
        }
        if !buf.is_empty() {
            pending_start = pos;
        }
    }
    buf.clear();
    buf.reserve(16);
    let _ = decoder.decode_to_string(&[], &mut buf, true);
    for c in buf.chars() {
        out.push(c, (skip + pending_start) as u32);
    }
    out
}

/// Names a binary format when the bytes are clearly not text.
fn binary_kind(raw: &[u8]) -> Option<&'static str> {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"\x89PNG", "PNG image"),
        (b"\x7fELF", "ELF executable"),
        (
            b"%PDF",
            "PDF; PDF import is not supported yet, save the report as text or .docx",
        ),
        (b"\xff\xd8\xff", "JPEG image"),
        (b"GIF8", "GIF image"),
        (b"PK\x03\x04", "ZIP archive; only .docx files may be ZIP"),
        (
            b"\xd0\xcf\x11\xe0",
            "old Word/Excel (.doc/.xls); save it as .docx",
        ),
        (b"MZ", "Windows executable"),
    ];
    for (magic, name) in MAGIC {
        if raw.starts_with(magic) {
            return Some(name);
        }
    }
    let head = &raw[..raw.len().min(8192)];
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    // NUL bytes (UTF-16 was ruled out before) or many control bytes mean binary.
    if head.contains(&0) || controls * 20 > head.len() {
        return Some("unknown binary data");
    }
    None
}

/// UTF-16 without a BOM: every other byte is NUL for ASCII-heavy text.
fn bomless_utf16(raw: &[u8]) -> Option<&'static Encoding> {
    let head = &raw[..raw.len().min(4096) & !1];
    if head.len() < 4 {
        return None;
    }
    let pairs = head.len() / 2;
    // One pass over the pairs rather than two strided ones.
    let (mut even_nul, mut odd_nul) = (0, 0);
    for pair in head.chunks_exact(2) {
        even_nul += usize::from(pair[0] == 0);
        odd_nul += usize::from(pair[1] == 0);
    }
    if odd_nul * 10 > pairs * 3 && even_nul * 20 < pairs {
        Some(UTF_16LE)
    } else if even_nul * 10 > pairs * 3 && odd_nul * 20 < pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// `<meta charset="gbk">` or `content="text/html; charset=gb2312"` in the first 4 KB.
fn declared_charset(raw: &[u8]) -> Option<&'static Encoding> {
    let head = String::from_utf8_lossy(&raw[..raw.len().min(4096)]).to_ascii_lowercase();
    let at = head.find("charset=")?;
    let rest = head[at + 8..].trim_start_matches(['"', '\'', ' ']);
    let label: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    Encoding::for_label(label.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(raw: &[u8]) -> Decoded {
        decode(raw, false).unwrap_or_else(|Rejected(e)| panic!("{e}"))
    }

    #[test]
    fn utf8_with_and_without_bom() {
        let plain = ok("各位代表".as_bytes());
        assert_eq!(plain.text.text(), "各位代表");
        assert_eq!(plain.text.origins(), &[0, 3, 6, 9]);
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice("各位".as_bytes());
        let d = ok(&bom);
        assert_eq!(d.text.text(), "各位");
        assert_eq!(d.text.origins(), &[3, 6]);
    }

    #[test]
    fn gbk_is_detected_and_mapped() {
        let text =
            "全年实现地区生产总值827亿元，同比增长2.4%。一般公共预算收入56.3亿元。".repeat(5);
        let (bytes, _, _) = encoding_rs::GBK.encode(&text);
        let d = ok(&bytes);
        assert_eq!(d.text.text(), text);
        assert!(
            d.encoding == "GBK" || d.encoding == "gb18030",
            "{}",
            d.encoding
        );
        // 全 is two bytes, 8 is one: origins follow the source bytes.
        assert_eq!(&d.text.origins()[..3], &[0, 2, 4]);
        let eight = text.chars().position(|c| c == '8').unwrap();
        assert_eq!(d.text.origins()[eight + 1], d.text.origins()[eight] + 1);
    }

    #[test]
    fn big5_is_detected() {
        let text = "政府工作報告各位代表現在我代表市人民政府向大會報告工作請予審議".repeat(4);
        let (bytes, _, _) = encoding_rs::BIG5.encode(&text);
        let d = ok(&bytes);
        assert_eq!(d.encoding, "Big5");
        assert_eq!(d.text.text(), text);
    }

    #[test]
    fn utf16_with_bom_and_without() {
        let text = "各位代表: 2021年";
        let mut le = vec![0xFF, 0xFE];
        for u in text.encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(ok(&le).text.text(), text);
        let ascii_heavy = "GDP 827 yi yuan, growth 2.4% 各位";
        let mut bare = Vec::new();
        for u in ascii_heavy.encode_utf16() {
            bare.extend_from_slice(&u.to_le_bytes());
        }
        let d = ok(&bare);
        assert_eq!(d.text.text(), ascii_heavy);
        assert_eq!(d.encoding, "UTF-16LE");
    }

    #[test]
    fn hostile_bytes_are_refused_with_reasons() {
        let err = |raw: &[u8]| decode(raw, false).err().expect("should be refused").0;
        assert!(err(b"").contains("empty"));
        assert!(err(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").contains("PNG"));
        assert!(err(b"\x7fELF\x02\x01\x01\0\0\0").contains("ELF"));
        let mut bom_then_garbage = vec![0xEF, 0xBB, 0xBF];
        bom_then_garbage.extend_from_slice("各位".as_bytes());
        bom_then_garbage.extend_from_slice(&[0xFF, 0xFE, 0xFD]);
        let e = err(&bom_then_garbage);
        assert!(
            e.contains("claims to be UTF-8") && e.contains("invalid"),
            "{e}"
        );
    }

    #[test]
    fn html_meta_charset_is_honoured() {
        let body = "<html><head><meta charset=\"gbk\"></head><body>各位代表</body></html>";
        let (bytes, _, _) = encoding_rs::GBK.encode(body);
        let d = decode(&bytes, true).ok().unwrap();
        assert!(d.text.text().contains("各位代表"));
    }
}

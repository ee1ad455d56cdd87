//! Word `.docx`: the paragraphs of `word/document.xml`. Origins are byte
//! offsets into that unzipped XML part (the raw file is compressed).

use std::io::Read;

use quick_xml::events::Event;

use crate::mapped::MappedText;
use crate::Rejected;

/// The XML part is read whole; a report's is a few MB at most.
const MAX_XML_BYTES: u64 = 64 * 1024 * 1024;

pub fn to_text(raw: &[u8]) -> Result<MappedText, Rejected> {
    let not_docx = |why: String| {
        Rejected(format!("is not a readable .docx file ({why}); open it in Word or LibreOffice and save it again"))
    };
    let mut zip =
        zip::ZipArchive::new(std::io::Cursor::new(raw)).map_err(|e| not_docx(e.to_string()))?;
    let mut part = zip
        .by_name("word/document.xml")
        .map_err(|_| not_docx("no word/document.xml inside".into()))?;
    let mut xml = Vec::new();
    part.by_ref()
        .take(MAX_XML_BYTES + 1)
        .read_to_end(&mut xml)
        .map_err(|e| not_docx(e.to_string()))?;
    if xml.len() as u64 > MAX_XML_BYTES {
        return Err(not_docx("document.xml is larger than 64 MB".into()));
    }
    paragraphs(&xml).map_err(not_docx)
}

fn paragraphs(xml: &[u8]) -> Result<MappedText, String> {
    let xml = std::str::from_utf8(xml).map_err(|e| format!("document.xml is not UTF-8: {e}"))?;
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut out = MappedText::new();
    let mut in_text = false;
    loop {
        let before = reader.buffer_position() as u32;
        let event = reader.read_event().map_err(|e| e.to_string())?;
        let after = reader.buffer_position() as u32;
        match event {
            Event::Start(e) if e.name().as_ref() == "w:t" => in_text = true,
            Event::End(e) if e.name().as_ref() == "w:t" => in_text = false,
            Event::End(e) if e.name().as_ref() == "w:p" => out.push('\n', before),
            Event::Empty(e) if e.name().as_ref() == "w:br" => out.push('\n', before),
            Event::Empty(e) if e.name().as_ref() == "w:tab" => out.push('\t', before),
            Event::Text(t) if in_text => {
                let text = t.xml10_content();
                // Literal text: each character sits at its own byte in the XML.
                let mut at = after - t.len() as u32;
                for c in text.chars() {
                    out.push(c, at);
                    at += c.len_utf8() as u32;
                }
            }
            Event::GeneralRef(r) if in_text => {
                let c = match r.resolve_char_ref() {
                    Ok(Some(c)) => c,
                    _ => match r.xml10_content().as_ref() {
                        "amp" => '&',
                        "lt" => '<',
                        "gt" => '>',
                        "quot" => '"',
                        "apos" => '\'',
                        _ => '\u{FFFD}',
                    },
                };
                out.push(c, before);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use std::io::Write;

    /// A minimal .docx with the given paragraphs.
    pub fn make_docx(paras: &[&str]) -> Vec<u8> {
        let mut body = String::new();
        for p in paras {
            body.push_str(&format!("<w:p><w:r><w:t>{p}</w:t></w:r></w:p>"));
        }
        let xml = format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
        );
        let mut cursor = std::io::Cursor::new(Vec::new());
        let mut zip = zip::ZipWriter::new(&mut cursor);
        let opts = zip::write::SimpleFileOptions::default();
        zip.start_file("word/document.xml", opts).unwrap();
        zip.write_all(xml.as_bytes()).unwrap();
        zip.finish().unwrap();
        cursor.into_inner()
    }

    #[test]
    fn paragraphs_become_lines() {
        let raw = make_docx(&["各位代表：", "生产总值827亿元 &amp; 增长2.4%。"]);
        let text = to_text(&raw).ok().unwrap();
        assert_eq!(text.text(), "各位代表：\n生产总值827亿元 & 增长2.4%。\n");
    }

    #[test]
    fn a_zip_that_is_not_word_is_refused() {
        let mut cursor = std::io::Cursor::new(Vec::new());
        let mut zip = zip::ZipWriter::new(&mut cursor);
        zip.start_file("a.txt", zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(b"hi").unwrap();
        zip.finish().unwrap();
        let err = to_text(&cursor.into_inner()).err().unwrap().0;
        assert!(err.contains("word/document.xml"), "{err}");
    }
}

//! File formats other than plain text: HTML pages and Word `.docx` files,
//! each reduced to its main text with origins kept.

pub mod docx;
pub mod html;

use crate::{Format, Rejected};

/// The format of a file, from its extension; bytes overrule a misleading one
/// (a `.txt` that is really an HTML page is loaded as HTML).
pub fn format_of(file_name: &str, raw: &[u8]) -> Result<Format, Rejected> {
    let ext = std::path::Path::new(file_name)
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "docx" => Ok(Format::Docx),
        "html" | "htm" | "xhtml" | "shtml" => Ok(Format::Html),
        "txt" | "text" | "csv" | "" => Ok(if looks_like_html(raw) {
            Format::Html
        } else {
            Format::Text
        }),
        "pdf" => Err(Rejected(
            "is a PDF; PDF import is not supported yet: save the report as .txt, .html or .docx".into(),
        )),
        "doc" => Err(Rejected(
            "is an old Word .doc file; open it in Word or LibreOffice and save it as .docx".into(),
        )),
        other => Err(Rejected(format!(
            "has the unknown extension .{other}; GWR Review loads .txt, .html/.htm and .docx reports"
        ))),
    }
}

fn looks_like_html(raw: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&raw[..raw.len().min(1024)]).to_ascii_lowercase();
    let head = head.trim_start_matches('\u{feff}').trim_start();
    head.starts_with("<!doctype html") || head.starts_with("<html")
}

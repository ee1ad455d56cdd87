//! Loading: from a report file as users really get it (a web scrape in GBK
//! with forum chrome, a traditional-script page with pinyin glosses, a report
//! collapsed into one line, a Word file) to a [`Document`]: clean text that
//! keeps its script, a folded copy for matching, a map from every character
//! back to the original bytes, sections, paragraphs, sentences and metadata.
//!
//! Start at [`load_path`] or [`load_bytes`]. The stages, in order:
//! - [`decode`]: size and binary checks, encoding detection, bytes → mapped text;
//! - [`formats`]: HTML main text and `.docx` paragraphs → mapped text;
//! - [`clean`]: site chrome, pinyin glosses, collapsed lines, garbled runs;
//! - [`fold`]: the matching form (simplified script, half-width);
//! - [`structure`]: sections, paragraphs, sentences;
//! - [`metadata`]: jurisdiction, level, year, meeting date, speaker.
//!
//! ```
//! let doc = gwr_load::load_bytes("r.txt", "各位代表：\n全年实现地区生产总值８２７亿元。".as_bytes()).unwrap();
//! assert_eq!(doc.match_slice(0, 4), "各位代表");
//! assert!(doc.match_text.contains("827亿元"));
//! ```

pub mod clean;
pub mod decode;
pub mod document;
pub mod fold;
pub mod formats;
pub mod gazetteer;
pub mod mapped;
pub mod metadata;
pub mod structure;

use std::path::{Path, PathBuf};

pub use document::*;

/// The largest file accepted. The longest real report is about 200 KB; a file
/// many times larger is not a report, and refusing it keeps memory bounded.
pub const MAX_FILE_BYTES: u64 = 32 * 1024 * 1024;

/// Why a file could not be loaded. Every variant says what to do next.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{path}: cannot read the file ({source}); check that it exists and is readable")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: is a directory, not a report file; pass the files inside it")]
    Directory { path: PathBuf },
    #[error("{path}: {what}")]
    Invalid { path: PathBuf, what: String },
}

impl LoadError {
    pub fn path(&self) -> &Path {
        match self {
            LoadError::Io { path, .. }
            | LoadError::Directory { path }
            | LoadError::Invalid { path, .. } => path,
        }
    }
}

/// A problem with the bytes themselves, before a path is attached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejected(pub String);

/// Load a report file from disk.
pub fn load_path(path: &Path) -> Result<Document, LoadError> {
    let io = |source| LoadError::Io {
        path: path.to_path_buf(),
        source,
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    if meta.is_dir() {
        return Err(LoadError::Directory {
            path: path.to_path_buf(),
        });
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(LoadError::Invalid {
            path: path.to_path_buf(),
            what: format!(
                "is {} MB; reports are at most {} MB, so this is not a single report (split it, or check the file)",
                meta.len() / (1024 * 1024),
                MAX_FILE_BYTES / (1024 * 1024)
            ),
        });
    }
    let raw = decode::read_bounded(path, MAX_FILE_BYTES).map_err(|e| match e {
        decode::ReadError::Io(source) => io(source),
        decode::ReadError::TooLarge => LoadError::Invalid {
            path: path.to_path_buf(),
            what: format!(
                "grew past {} MB while being read; reports are smaller, check the file",
                MAX_FILE_BYTES / (1024 * 1024)
            ),
        },
    })?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    let mut doc = load_bytes(&name, &raw).map_err(|Rejected(what)| LoadError::Invalid {
        path: path.to_path_buf(),
        what,
    })?;
    doc.source.path = path.display().to_string();
    Ok(doc)
}

/// Load a report from bytes already in memory. `file_name` chooses the format
/// by extension (`.txt`, `.html`, `.htm`, `.docx`; no extension is text).
pub fn load_bytes(file_name: &str, raw: &[u8]) -> Result<Document, Rejected> {
    if raw.len() as u64 > MAX_FILE_BYTES {
        return Err(Rejected(format!(
            "is larger than {} MB, so this is not a single report",
            MAX_FILE_BYTES / (1024 * 1024)
        )));
    }
    let format = formats::format_of(file_name, raw)?;
    let (text, encoding) = match format {
        Format::Docx => (formats::docx::to_text(raw)?, "UTF-8".to_string()),
        Format::Text | Format::Html => {
            let decoded = decode::decode(raw, format == Format::Html)?;
            let enc = decoded.encoding.to_string();
            if format == Format::Html {
                (formats::html::main_text(&decoded.text), enc)
            } else {
                (decoded.text, enc)
            }
        }
    };
    let cleaned = clean::clean(text);
    if cleaned.text.text().trim().is_empty() {
        return Err(Rejected(
            "has no text left after cleaning (empty, or only site chrome); check that this is a report".into(),
        ));
    }
    let match_text = cleaned.match_text;
    let metadata = metadata::detect(file_name, cleaned.text.text(), &match_text);
    let structure = structure::analyse(cleaned.text.text(), &match_text, metadata.report_year);
    let garbled = clean::garbled::find(cleaned.text.text());
    let (text, origin) = cleaned.text.into_parts(raw.len());
    Ok(Document {
        source: Source {
            file_name: file_name.to_string(),
            path: file_name.to_string(),
            sha256: sha256_hex(raw),
            format,
            encoding,
            byte_len: raw.len() as u64,
        },
        raw: raw.to_vec(),
        text,
        match_text,
        origin,
        sections: structure.sections,
        paragraphs: structure.paragraphs,
        sentences: structure.sentences,
        garbled,
        metadata,
        notes: cleaned.notes,
    })
}

/// Lower-case hex SHA-256, the identity of a report's bytes.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    let digest = sha2::Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

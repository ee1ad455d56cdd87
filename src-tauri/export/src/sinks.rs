//! Where rows go: a CSV file, a JSONL file or an XLSX workbook, each written
//! as the rows come so nothing but the current row is held.

use std::borrow::Cow;
use std::fs::File;
use std::io::{BufWriter, Write};

use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

use crate::row::{Cell, COLUMNS, REPORT_COLUMNS};

pub(crate) type SinkResult<T> = std::result::Result<T, String>;

pub(crate) trait Sink: Send {
    fn row(&mut self, cells: &[Cell<'_>]) -> SinkResult<()>;
    /// A report's row, after its figures (only XLSX keeps a reports sheet).
    fn report(&mut self, _cells: &[Cell<'_>]) -> SinkResult<()> {
        Ok(())
    }
    /// Flush and sync; returns how many cells had to be cut to fit.
    fn finish(self: Box<Self>) -> SinkResult<u64>;
}

pub(crate) struct CsvSink {
    file: File,
    /// Rows are gathered here and written to the file a megabyte at a time.
    out: Vec<u8>,
    buf: String,
    /// Written for Excel (with a BOM): text that Excel would run as a
    /// formula (`=HYPERLINK(…)` in a scraped sentence) is neutralised.
    excel: bool,
}

const CSV_CHUNK: usize = 1 << 20;

/// Excel evaluates a cell starting with one of these as a formula.
fn formula_like(text: &[u8]) -> bool {
    matches!(
        text.first(),
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r')
    )
}

/// A quote, a comma or a line break: the field must be quoted.
fn needs_quotes(field: &[u8]) -> bool {
    const SPECIAL: [bool; 256] = {
        let mut t = [false; 256];
        t[b'"' as usize] = true;
        t[b',' as usize] = true;
        t[b'\n' as usize] = true;
        t[b'\r' as usize] = true;
        t
    };
    field.iter().any(|&b| SPECIAL[b as usize])
}

/// Append one RFC 4180 field, after a comma unless it is the row's first:
/// quoted when it holds a quote, a comma or a line break, quotes doubled.
/// The `csv` crate did this byte by byte through a state machine, a third of
/// the writer's time in a million-figure export. The round-trip tests read
/// every field back with Python's csv module.
fn push_field(out: &mut Vec<u8>, first: bool, prefix: Option<u8>, field: &[u8]) {
    if !first {
        out.push(b',');
    }
    let quote = needs_quotes(field);
    if !quote {
        out.extend(prefix);
        out.extend_from_slice(field);
        return;
    }
    out.push(b'"');
    out.extend(prefix);
    let mut rest = field;
    while let Some(at) = memchr::memchr(b'"', rest) {
        out.extend_from_slice(&rest[..=at]);
        out.push(b'"');
        rest = &rest[at + 1..];
    }
    out.extend_from_slice(rest);
    out.push(b'"');
}

impl CsvSink {
    pub fn new(file: File, bom: bool, header: &[&str]) -> SinkResult<CsvSink> {
        let mut sink = CsvSink {
            file,
            out: Vec::with_capacity(CSV_CHUNK + (64 << 10)),
            buf: String::new(),
            excel: bom,
        };
        if bom {
            // Excel reads a BOM-less CSV in the system code page, which garbles Chinese.
            sink.out.extend_from_slice("\u{feff}".as_bytes());
        }
        sink.text_row(header)?;
        Ok(sink)
    }

    pub fn text_row<S: AsRef<str>>(&mut self, fields: &[S]) -> SinkResult<()> {
        for (i, f) in fields.iter().enumerate() {
            push_field(&mut self.out, i == 0, None, f.as_ref().as_bytes());
        }
        self.end_row()
    }

    fn end_row(&mut self) -> SinkResult<()> {
        self.out.push(b'\n');
        if self.out.len() >= CSV_CHUNK {
            self.file.write_all(&self.out).map_err(|e| e.to_string())?;
            self.out.clear();
        }
        Ok(())
    }
}

impl Sink for CsvSink {
    fn row(&mut self, cells: &[Cell<'_>]) -> SinkResult<()> {
        for (i, c) in cells.iter().enumerate() {
            let field: &[u8] = match c {
                Cell::Str(s) => s.as_bytes(),
                _ if c.text(&mut self.buf) => self.buf.as_bytes(),
                _ => b"",
            };
            let text = matches!(c, Cell::Str(_) | Cell::Owned(_) | Cell::Flags(_));
            // A leading apostrophe makes Excel show the text as text.
            let prefix = (self.excel && text && formula_like(field)).then_some(b'\'');
            push_field(&mut self.out, i == 0, prefix, field);
        }
        self.end_row()
    }

    fn finish(mut self: Box<Self>) -> SinkResult<u64> {
        self.file.write_all(&self.out).map_err(|e| e.to_string())?;
        self.file.sync_all().map_err(|e| e.to_string())?;
        Ok(0)
    }
}

pub(crate) struct JsonlSink {
    w: BufWriter<File>,
}

impl JsonlSink {
    pub fn new(file: File) -> JsonlSink {
        JsonlSink {
            w: BufWriter::with_capacity(1 << 20, file),
        }
    }

    fn cell(&mut self, c: &Cell<'_>) -> std::io::Result<()> {
        let w = &mut self.w;
        match c {
            Cell::Null => w.write_all(b"null"),
            Cell::Int(i) => write!(w, "{i}"),
            // JSON has no NaN or infinity.
            Cell::Num(n) if n.is_finite() => write!(w, "{n}"),
            Cell::Num(_) => w.write_all(b"null"),
            Cell::Str(s) => serde_json::to_writer(&mut *w, s).map_err(std::io::Error::from),
            Cell::Owned(s) => serde_json::to_writer(&mut *w, s).map_err(std::io::Error::from),
            Cell::Flags(f) => {
                let list: Vec<String> = f.iter().map(|x| x.to_string()).collect();
                serde_json::to_writer(&mut *w, &list).map_err(std::io::Error::from)
            }
        }
    }
}

impl Sink for JsonlSink {
    fn row(&mut self, cells: &[Cell<'_>]) -> SinkResult<()> {
        let mut go = || -> std::io::Result<()> {
            self.w.write_all(b"{")?;
            for (i, (k, c)) in COLUMNS.iter().zip(cells).enumerate() {
                if i > 0 {
                    self.w.write_all(b",")?;
                }
                write!(self.w, "\"{k}\":")?;
                self.cell(c)?;
            }
            self.w.write_all(b"}\n")
        };
        go().map_err(|e| e.to_string())
    }

    fn finish(self: Box<Self>) -> SinkResult<u64> {
        let file = self.w.into_inner().map_err(|e| e.to_string())?;
        file.sync_all().map_err(|e| e.to_string())?;
        Ok(0)
    }
}

/// Excel's limits: rows per sheet (header included) and characters per cell.
const MAX_ROWS: u32 = 1_048_576;
const MAX_CHARS: usize = 32_767;

/// Figures go to a constant-memory sheet (rows are flushed to a temporary
/// file as they are written); past Excel's row limit they continue on
/// `figures (2)`. Report rows are few and are written last to `reports`.
pub(crate) struct XlsxSink {
    book: Workbook,
    file: File,
    sheet: usize,
    row: u32,
    header: Format,
    reports: Vec<Vec<OwnedCell>>,
    truncated: u64,
}

/// A report cell kept until the end (reports are written after the figures).
enum OwnedCell {
    Null,
    Num(f64),
    Text(String),
}

fn xe(e: XlsxError) -> String {
    e.to_string()
}

impl XlsxSink {
    pub fn new(file: File) -> SinkResult<XlsxSink> {
        let mut sink = XlsxSink {
            book: Workbook::new(),
            file,
            sheet: 0,
            row: 0,
            header: Format::new().set_bold(),
            reports: Vec::new(),
            truncated: 0,
        };
        sink.new_sheet()?;
        Ok(sink)
    }

    fn new_sheet(&mut self) -> SinkResult<()> {
        let name = match self.sheet {
            0 => "figures".to_string(),
            n => format!("figures ({})", n + 1),
        };
        let header = self.header.clone();
        let ws = self.book.add_worksheet_with_constant_memory().map_err(xe)?;
        ws.set_name(&name).map_err(xe)?;
        write_header(ws, COLUMNS, &header)?;
        for (i, width) in [(2, 24.0), (8, 22.0), (40, 14.0), (41, 60.0)] {
            ws.set_column_width(i, width).map_err(xe)?;
        }
        self.sheet += 1;
        self.row = 1;
        Ok(())
    }
}

fn write_header(ws: &mut Worksheet, columns: &[&str], bold: &Format) -> SinkResult<()> {
    for (i, c) in columns.iter().enumerate() {
        ws.write_string_with_format(0, i as u16, *c, bold)
            .map_err(xe)?;
    }
    ws.set_freeze_panes(1, 0).map_err(xe)?;
    Ok(())
}

/// Text as an XLSX cell holds it. XML cannot carry control characters; the
/// writer escapes them as `_xHHHH_`, which Excel decodes but openpyxl (what
/// pandas reads XLSX with) shows literally. So `\r\n` and `\r` become `\n`
/// and other control characters (save tab and newline) U+FFFD; CSV and JSONL
/// keep them. Excel cannot hold more than 32 767 characters in a cell; cut
/// there.
pub fn xlsx_text<'a>(s: &'a str, truncated: &mut u64) -> Cow<'a, str> {
    let bad = |c: char| c < ' ' && c != '\t' && c != '\n';
    let s = if s.contains(bad) {
        Cow::Owned(
            s.replace("\r\n", "\n")
                .chars()
                .map(|c| match c {
                    '\r' => '\n',
                    c if bad(c) => '\u{fffd}',
                    c => c,
                })
                .collect(),
        )
    } else {
        Cow::Borrowed(s)
    };
    if s.len() <= MAX_CHARS {
        return s;
    }
    match s.char_indices().nth(MAX_CHARS) {
        Some((b, _)) => {
            *truncated += 1;
            Cow::Owned(s[..b].to_string())
        }
        None => s,
    }
}

fn write_cell(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    c: &Cell<'_>,
    buf: &mut String,
    truncated: &mut u64,
) -> SinkResult<()> {
    match c {
        Cell::Null => {}
        Cell::Int(i) => {
            ws.write_number(row, col, *i as f64).map_err(xe)?;
        }
        Cell::Num(n) if n.is_finite() => {
            ws.write_number(row, col, *n).map_err(xe)?;
        }
        // An empty string is a blank cell, as it is in CSV.
        Cell::Str(s) if !s.is_empty() => {
            ws.write_string(row, col, xlsx_text(s, truncated).as_ref())
                .map_err(xe)?;
        }
        Cell::Owned(s) if !s.is_empty() => {
            ws.write_string(row, col, xlsx_text(s, truncated).as_ref())
                .map_err(xe)?;
        }
        Cell::Str(_) | Cell::Owned(_) => {}
        other => {
            if other.text(buf) && !buf.is_empty() {
                ws.write_string(row, col, xlsx_text(buf, truncated).as_ref())
                    .map_err(xe)?;
            }
        }
    }
    Ok(())
}

impl Sink for XlsxSink {
    fn row(&mut self, cells: &[Cell<'_>]) -> SinkResult<()> {
        if self.row >= MAX_ROWS {
            self.new_sheet()?;
        }
        let ws = self.book.worksheet_from_index(self.sheet - 1).map_err(xe)?;
        let mut buf = String::new();
        for (i, c) in cells.iter().enumerate() {
            write_cell(ws, self.row, i as u16, c, &mut buf, &mut self.truncated)?;
        }
        self.row += 1;
        Ok(())
    }

    fn report(&mut self, cells: &[Cell<'_>]) -> SinkResult<()> {
        let mut buf = String::new();
        self.reports.push(
            cells
                .iter()
                .map(|c| match c {
                    Cell::Int(i) => OwnedCell::Num(*i as f64),
                    Cell::Num(n) if n.is_finite() => OwnedCell::Num(*n),
                    other if other.text(&mut buf) => OwnedCell::Text(buf.clone()),
                    _ => OwnedCell::Null,
                })
                .collect(),
        );
        Ok(())
    }

    fn finish(mut self: Box<Self>) -> SinkResult<u64> {
        let header = self.header.clone();
        let ws = self.book.add_worksheet();
        ws.set_name("reports").map_err(xe)?;
        write_header(ws, REPORT_COLUMNS, &header)?;
        let mut truncated = 0;
        for (r, row) in self.reports.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let (r, c) = (r as u32 + 1, c as u16);
                match cell {
                    OwnedCell::Null => {}
                    OwnedCell::Num(n) => {
                        ws.write_number(r, c, *n).map_err(xe)?;
                    }
                    OwnedCell::Text(s) => {
                        ws.write_string(r, c, xlsx_text(s, &mut truncated).as_ref())
                            .map_err(xe)?;
                    }
                }
            }
        }
        self.truncated += truncated;
        let mut out = BufWriter::with_capacity(1 << 20, &self.file);
        self.book.save_to_writer(&mut out).map_err(xe)?;
        out.flush().map_err(|e| e.to_string())?;
        drop(out);
        self.file.sync_all().map_err(|e| e.to_string())?;
        Ok(self.truncated)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xlsx_text_is_cut_at_a_character_and_loses_control_characters() {
        let mut n = 0;
        let long = "长".repeat(MAX_CHARS + 5);
        assert_eq!(xlsx_text(&long, &mut n).chars().count(), MAX_CHARS);
        assert_eq!(n, 1);
        assert_eq!(xlsx_text("短", &mut n), "短");
        assert_eq!(
            xlsx_text("a\r\nb\rc\u{1}d\te", &mut n),
            "a\nb\nc\u{fffd}d\te"
        );
        assert_eq!(n, 1);
    }

    #[test]
    fn csv_fields_are_quoted_only_when_they_must_be() {
        let mut out = Vec::new();
        let fields: [&[u8]; 7] = [
            "地区生产总值827亿元".as_bytes(),
            b"",
            b"a,b",
            b"say \"hi\"",
            b"two\nlines",
            b"cr\r",
            b"=1+1",
        ];
        for (i, f) in fields.iter().enumerate() {
            push_field(&mut out, i == 0, None, f);
        }
        push_field(&mut out, false, Some(b'\''), b"=\"x\"");
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "地区生产总值827亿元,,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\r\",=1+1,\"'=\"\"x\"\"\""
        );
    }
}

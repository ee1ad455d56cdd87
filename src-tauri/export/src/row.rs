//! One figure as one row: the column list shared by CSV, JSONL and XLSX, and
//! the typed cells that fill it.

use gwr_extract::{Figure, Firmness, Flag};
use gwr_store::{DatasetFigure, ReportDataset, ReportSummary};

/// A typed cell: numbers stay numbers in JSONL and XLSX.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell<'a> {
    Null,
    Int(i64),
    Num(f64),
    Str(&'a str),
    Owned(String),
    /// A list in JSONL, `code: reason; code: reason` elsewhere.
    Flags(&'a [Flag]),
}

impl Cell<'_> {
    /// The text CSV writes; `None` for an empty cell.
    pub fn text(&self, buf: &mut String) -> bool {
        use std::fmt::Write;
        buf.clear();
        match self {
            Cell::Null => return false,
            Cell::Int(i) => buf.push_str(itoa::Buffer::new().format(*i)),
            Cell::Num(n) => push_number(buf, *n),
            Cell::Str(s) => buf.push_str(s),
            Cell::Owned(s) => buf.push_str(s),
            Cell::Flags(f) => {
                for (i, flag) in f.iter().enumerate() {
                    if i > 0 {
                        buf.push_str("; ");
                    }
                    let _ = write!(buf, "{flag}");
                }
            }
        }
        true
    }
}

/// `n` as `Display` writes it (`827`, `2.4`, no exponent); integers, the
/// common case, through the faster integer formatter.
fn push_number(buf: &mut String, n: f64) {
    // Below 2^53 every integer is exact, so its digits are the shortest ones.
    // -0.0 prints as `-0` through Display; keep that.
    if n.fract() == 0.0 && n.abs() < 9e15 && !(n == 0.0 && n.is_sign_negative()) {
        buf.push_str(itoa::Buffer::new().format(n as i64));
    } else {
        use std::fmt::Write;
        let _ = write!(buf, "{n}");
    }
}

/// The figure columns, in order. Each corrected field has its original beside it.
pub const COLUMNS: &[&str] = &[
    "figure_id",
    "report_id",
    "report",
    "sha256",
    "jurisdiction",
    "admin_code",
    "level",
    "report_year",
    "indicator",
    "original_indicator",
    "measure",
    "original_measure",
    "kind",
    "original_kind",
    "period",
    "original_period",
    "period_start",
    "period_end",
    "value",
    "original_value",
    "unit",
    "original_unit",
    "value_base",
    "original_value_base",
    "unit_base",
    "qualifier",
    "original_qualifier",
    "value_low",
    "original_value_low",
    "value_high",
    "original_value_high",
    "firmness",
    "original_firmness",
    "status",
    "basis",
    "reviewer",
    "reviewers",
    "decided_at",
    "comment",
    "added_by",
    "text",
    "sentence",
    "sentence_index",
    "start",
    "end",
    "flags",
];

fn firmness(f: Option<Firmness>) -> Cell<'static> {
    f.map_or(Cell::Null, |f| Cell::Str(f.as_str()))
}

fn opt_str(s: &Option<String>) -> Cell<'_> {
    s.as_deref().map_or(Cell::Null, Cell::Str)
}

fn num(v: Option<f64>) -> Cell<'static> {
    v.map_or(Cell::Null, Cell::Num)
}

fn period(f: &Figure) -> Cell<'static> {
    f.period.map_or(Cell::Null, |p| Cell::Owned(p.to_string()))
}

/// Fill `out` with the cells of one figure, in [`COLUMNS`] order.
pub fn figure_cells<'a>(ds: &'a ReportDataset, f: &'a DatasetFigure, out: &mut Vec<Cell<'a>>) {
    let r: &ReportSummary = &ds.report;
    let m = &r.metadata;
    let o = &f.record.original;
    let c = &f.record.state.current;
    let s = &f.record.state;
    out.clear();
    out.extend([
        Cell::Int(f.record.id),
        Cell::Int(r.id),
        Cell::Str(&r.file_name),
        Cell::Str(&r.sha256),
        opt_str(&m.jurisdiction),
        opt_str(&m.admin_code),
        m.level.map_or(Cell::Null, |l| Cell::Str(l.as_str())),
        m.report_year.map_or(Cell::Null, |y| Cell::Int(y.into())),
        opt_str(&c.indicator),
        opt_str(&o.indicator),
        Cell::Str(c.measure.as_str()),
        Cell::Str(o.measure.as_str()),
        Cell::Str(c.kind.as_str()),
        Cell::Str(o.kind.as_str()),
        period(c),
        period(o),
        c.period.map_or(Cell::Null, |p| Cell::Int(p.start.into())),
        c.period.map_or(Cell::Null, |p| Cell::Int(p.end.into())),
        num(c.value),
        num(o.value),
        Cell::Str(&c.unit),
        Cell::Str(&o.unit),
        num(c.value_base),
        num(o.value_base),
        Cell::Str(&c.unit_base),
        Cell::Str(c.qualifier.as_str()),
        Cell::Str(o.qualifier.as_str()),
        num(c.value_low),
        num(o.value_low),
        num(c.value_high),
        num(o.value_high),
        firmness(c.firmness),
        firmness(o.firmness),
        Cell::Str(f.status_label()),
        Cell::Str(f.basis.as_str()),
        opt_str(&s.last_reviewer),
        reviewers(f),
        opt_str(&s.last_at),
        opt_str(&s.comment),
        opt_str(&f.record.added_by),
        Cell::Str(&o.text),
        Cell::Str(ds.sentence(o)),
        Cell::Int(o.sentence as i64),
        Cell::Int(o.start as i64),
        Cell::Int(o.end as i64),
        Cell::Flags(&o.flags),
    ]);
    debug_assert_eq!(out.len(), COLUMNS.len());
}

/// Everyone who reviewed the figure, `amy;bo`.
fn reviewers(f: &DatasetFigure) -> Cell<'static> {
    let names: Vec<&str> = f
        .positions
        .iter()
        .filter(|p| p.state.status != gwr_store::Status::Unreviewed)
        .map(|p| p.reviewer.as_str())
        .collect();
    if names.is_empty() {
        Cell::Null
    } else {
        Cell::Owned(names.join(";"))
    }
}

/// The report columns (the XLSX `reports` sheet).
pub const REPORT_COLUMNS: &[&str] = &[
    "report_id",
    "report",
    "sha256",
    "source_path",
    "jurisdiction",
    "admin_code",
    "level",
    "report_year",
    "meeting_date",
    "speaker",
    "speaker_title",
    "title",
    "figures",
    "catalog_figures",
    "reviewed",
    "flagged",
    "exported",
    "imported_at",
    "extractor",
];

pub fn report_cells(r: &ReportSummary, exported: u64) -> Vec<Cell<'_>> {
    let m = &r.metadata;
    vec![
        Cell::Int(r.id),
        Cell::Str(&r.file_name),
        Cell::Str(&r.sha256),
        Cell::Str(&r.source_path),
        opt_str(&m.jurisdiction),
        opt_str(&m.admin_code),
        m.level.map_or(Cell::Null, |l| Cell::Str(l.as_str())),
        m.report_year.map_or(Cell::Null, |y| Cell::Int(y.into())),
        opt_str(&m.meeting_date),
        opt_str(&m.speaker),
        opt_str(&m.speaker_title),
        opt_str(&m.title),
        Cell::Int(r.figure_count as i64),
        Cell::Int(r.catalog_count as i64),
        Cell::Int(r.reviewed_count as i64),
        Cell::Int(r.flagged_count as i64),
        Cell::Int(exported as i64),
        Cell::Str(&r.imported_at),
        Cell::Str(&r.extractor),
    ]
}

#[cfg(test)]
mod tests {
    use super::push_number;

    #[test]
    fn numbers_are_written_as_display_writes_them() {
        let mut values = vec![
            0.0,
            -0.0,
            827.0,
            2.4,
            -6.7,
            0.48,
            1e8,
            8.27e10,
            1.5e12,
            123456789.125,
            1e-7,
            3.0e-5,
            1e15,
            9.99e14,
            1e16,
            1e21,
            1e300,
            -2.5e-300,
            0.1 + 0.2,
            f64::MAX,
            f64::MIN_POSITIVE,
            f64::NAN,
            f64::INFINITY,
        ];
        // A spread of magnitudes and digit counts.
        let mut x = 0.123_456_789_f64;
        for _ in 0..2000 {
            x = (x * 7.919 + 0.377).fract();
            values.push(x * 10f64.powi((x * 40.0) as i32 - 20));
            values.push((x * 1e6).round() / 100.0);
        }
        for v in values {
            let mut buf = String::new();
            push_number(&mut buf, v);
            assert_eq!(buf, v.to_string(), "{v:e}");
        }
    }
}

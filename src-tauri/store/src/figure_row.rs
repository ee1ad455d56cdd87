//! A figure's row in the `figure` table: one column per field (since schema
//! 003), read and written only here. Columns rather than one JSON text make the
//! rows a third of the size and spare a JSON parse per figure, which is most of
//! what reading a million figures for an export cost.

use std::str::FromStr;
use std::sync::LazyLock;

use gwr_extract::{Figure, Flag, Period};
use rusqlite::types::{Type, ValueRef};
use rusqlite::{Row, Statement, ToSql, Transaction};

/// The figure's own columns, in the order [`read_figure`] reads them and
/// [`write_figure`] binds them.
pub(crate) const FIGURE_COLUMNS: &str = "indicator, measure, kind, period, value, unit, value_base, \
     unit_base, qualifier, value_low, value_high, firmness, text, start, \"end\", sentence_ord, flags";
const FIELD_COUNT: usize = 17;

/// [`FIGURE_COLUMNS`] of the figure table named `alias` in a join.
pub(crate) fn qualified_figure_columns(alias: &str) -> String {
    FIGURE_COLUMNS
        .split(", ")
        .map(|column| format!("{alias}.{column}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A new figure: ?1 report id, ?2 ord, ?3 who added it by hand (NULL if
/// extracted), then the fields.
pub(crate) static INSERT_FIGURE: LazyLock<String> = LazyLock::new(|| {
    let values: Vec<String> = (1..=3 + FIELD_COUNT).map(|i| format!("?{i}")).collect();
    format!(
        "INSERT INTO figure (report_id, ord, added_by, {FIGURE_COLUMNS}) VALUES ({})",
        values.join(", ")
    )
});

/// New fields and ord for a figure: ?1 figure id, ?2 ord, ?3 unused, then
/// the fields (the parameters of [`INSERT_FIGURE`]; who added it stays).
pub(crate) static UPDATE_FIGURE: LazyLock<String> = LazyLock::new(|| {
    let sets: Vec<String> = FIGURE_COLUMNS
        .split(", ")
        .enumerate()
        .map(|(i, column)| format!("{column} = ?{}", i + 4))
        .collect();
    format!(
        "UPDATE figure SET ord = ?2, {} WHERE id = ?1",
        sets.join(", ")
    )
});

/// Run `st` ([`INSERT_FIGURE`] or [`UPDATE_FIGURE`]) for `f`; `key` is the
/// report id (insert) or the figure id (update).
pub(crate) fn write_figure(
    st: &mut Statement<'_>,
    key: i64,
    ord: usize,
    added_by: Option<&str>,
    f: &Figure,
) -> rusqlite::Result<()> {
    let period = f.period.map(|p| p.to_string());
    let flags = if f.flags.is_empty() {
        "[]".to_string()
    } else {
        serde_json::to_string(&f.flags).unwrap_or_default()
    };
    let params: [&dyn ToSql; 3 + FIELD_COUNT] = [
        &key,
        &(ord as i64),
        &added_by,
        &f.indicator,
        &f.measure.as_str(),
        &f.kind.as_str(),
        &period,
        &f.value,
        &f.unit,
        &f.value_base,
        &f.unit_base,
        &f.qualifier.as_str(),
        &f.value_low,
        &f.value_high,
        &f.firmness.map(|x| x.as_str()),
        &f.text,
        &(f.start as i64),
        &(f.end as i64),
        &(f.sentence as i64),
        &flags,
    ];
    st.execute(&params[..])?;
    Ok(())
}

/// Add a figure a reviewer found by hand, after the report's others; it has
/// no flags (those are the extractor's). Returns its id.
pub(crate) fn insert_added_figure(
    tx: &Transaction<'_>,
    report_id: i64,
    added_by: &str,
    figure: &Figure,
) -> rusqlite::Result<i64> {
    let ord: i64 = tx.query_row(
        "SELECT COALESCE(MAX(ord), -1) + 1 FROM figure WHERE report_id = ?1",
        [report_id],
        |r| r.get(0),
    )?;
    let figure = Figure {
        flags: Vec::new(),
        ..figure.clone()
    };
    let mut insert = tx.prepare_cached(&INSERT_FIGURE)?;
    write_figure(
        &mut insert,
        report_id,
        ord as usize,
        Some(added_by),
        &figure,
    )?;
    Ok(tx.last_insert_rowid())
}

/// The figure whose [`FIGURE_COLUMNS`] start at column `at` of `r`.
pub(crate) fn read_figure(r: &Row<'_>, at: usize) -> rusqlite::Result<Figure> {
    let flags = text(r, at + 16)?;
    Ok(Figure {
        indicator: r.get(at)?,
        measure: parsed(r, at + 1)?,
        kind: parsed(r, at + 2)?,
        period: optional_parsed::<Period>(r, at + 3)?,
        value: r.get(at + 4)?,
        unit: r.get(at + 5)?,
        value_base: r.get(at + 6)?,
        unit_base: r.get(at + 7)?,
        qualifier: parsed(r, at + 8)?,
        value_low: r.get(at + 9)?,
        value_high: r.get(at + 10)?,
        firmness: optional_parsed(r, at + 11)?,
        text: r.get(at + 12)?,
        start: r.get::<_, i64>(at + 13)? as usize,
        end: r.get::<_, i64>(at + 14)? as usize,
        sentence: r.get::<_, i64>(at + 15)? as usize,
        flags: if flags == "[]" {
            Vec::new()
        } else {
            serde_json::from_str::<Vec<Flag>>(flags).map_err(|e| unreadable(at + 16, e))?
        },
    })
}

fn text<'r>(r: &'r Row<'_>, i: usize) -> rusqlite::Result<&'r str> {
    Ok(r.get_ref(i)?.as_str()?)
}

fn parsed<T: FromStr<Err = String>>(r: &Row<'_>, i: usize) -> rusqlite::Result<T> {
    text(r, i)?.parse().map_err(|e: String| unreadable(i, e))
}

fn optional_parsed<T: FromStr<Err = String>>(r: &Row<'_>, i: usize) -> rusqlite::Result<Option<T>> {
    match r.get_ref(i)? {
        ValueRef::Null => Ok(None),
        v => Ok(Some(
            v.as_str()?.parse().map_err(|e: String| unreadable(i, e))?,
        )),
    }
}

fn unreadable(i: usize, e: impl Into<Box<dyn std::error::Error + Send + Sync>>) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(i, Type::Text, e.into())
}

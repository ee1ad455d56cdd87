//! The wide panel: one row per jurisdiction × period, one column per
//! indicator × measure × kind, which is what Stata and pandas load. Values are
//! in the base unit (元, not 亿元) so jurisdictions that state different
//! units share a column; a column's unit is in the codebook beside the file.

use std::collections::{BTreeMap, HashMap};

use gwr_store::{Basis, DatasetFigure, ReportDataset, Status};

use crate::row::Cell;

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
struct ColumnKey {
    indicator: String,
    measure: &'static str,
    kind: &'static str,
    unit: String,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct RowKey {
    jurisdiction: String,
    start: i32,
    end: i32,
}

#[derive(Debug, Clone, Copy)]
struct PanelCell {
    value: f64,
    /// Which figure wins a cell: a reviewed one, then the later report.
    rank: (bool, i32),
    differs: bool,
}

#[derive(Default)]
struct RowData {
    admin_code: Option<String>,
    level: Option<&'static str>,
    cells: HashMap<usize, PanelCell>,
}

/// One column of the panel, as the codebook describes it.
#[derive(Debug, Clone, PartialEq)]
pub struct PanelColumn {
    pub name: String,
    pub indicator: String,
    pub measure: String,
    pub kind: String,
    pub unit: String,
    /// Cells with a value.
    pub cells: u64,
    /// Cells where figures disagreed (the reviewed, latest report's value is kept).
    pub disagreements: u64,
}

#[derive(Default)]
pub(crate) struct Panel {
    index: HashMap<ColumnKey, usize>,
    keys: Vec<ColumnKey>,
    rows: BTreeMap<RowKey, RowData>,
    /// Figures left out: rejected, disputed, or without a jurisdiction.
    pub skipped: u64,
}

impl Panel {
    pub fn add(&mut self, ds: &ReportDataset, f: &DatasetFigure) {
        let c = &f.record.state.current;
        let (Some(indicator), Some(period), Some(value)) = (&c.indicator, c.period, c.value) else {
            return; // outside the catalog, or qualitative: no cell to fill
        };
        let m = &ds.report.metadata;
        let rejected = f.record.state.status == Status::Rejected || f.basis == Basis::Conflict;
        let Some(jurisdiction) = m.jurisdiction.as_ref().filter(|_| !rejected) else {
            self.skipped += 1;
            return;
        };
        let (value, unit) = match c.value_base {
            Some(b) if !c.unit_base.is_empty() => (b, c.unit_base.as_str()),
            _ => (value, c.unit.as_str()),
        };
        let key = ColumnKey {
            indicator: indicator.clone(),
            measure: c.measure.as_str(),
            kind: c.kind.as_str(),
            unit: unit.to_string(),
        };
        let col = match self.index.get(&key) {
            Some(i) => *i,
            None => {
                self.keys.push(key.clone());
                self.index.insert(key, self.keys.len() - 1);
                self.keys.len() - 1
            }
        };
        let row = self
            .rows
            .entry(RowKey {
                jurisdiction: jurisdiction.clone(),
                start: period.start,
                end: period.end,
            })
            .or_default();
        if row.admin_code.is_none() {
            row.admin_code = m.admin_code.clone();
        }
        if row.level.is_none() {
            row.level = m.level.map(|l| l.as_str());
        }
        let rank = (
            f.record.state.status != Status::Unreviewed,
            m.report_year.unwrap_or(i32::MIN),
        );
        row.cells
            .entry(col)
            .and_modify(|cell| {
                cell.differs |= cell.value != value;
                if rank > cell.rank {
                    cell.value = value;
                    cell.rank = rank;
                }
            })
            .or_insert(PanelCell {
                value,
                rank,
                differs: false,
            });
    }

    /// The columns in output order, named `指标_measure_kind`, with the unit
    /// appended only where one of them comes in several units.
    pub fn columns(&self) -> (Vec<usize>, Vec<PanelColumn>) {
        let mut order: Vec<usize> = (0..self.keys.len()).collect();
        order.sort_by(|a, b| self.keys[*a].cmp(&self.keys[*b]));
        let mut units: HashMap<(&str, &str, &str), usize> = HashMap::new();
        for k in &self.keys {
            *units
                .entry((k.indicator.as_str(), k.measure, k.kind))
                .or_default() += 1;
        }
        let mut stats = vec![(0u64, 0u64); self.keys.len()];
        for row in self.rows.values() {
            for (col, cell) in &row.cells {
                stats[*col].0 += 1;
                stats[*col].1 += u64::from(cell.differs);
            }
        }
        let columns = order
            .iter()
            .map(|&i| {
                let k = &self.keys[i];
                let mut name = format!("{}_{}_{}", k.indicator, k.measure, k.kind);
                if units[&(k.indicator.as_str(), k.measure, k.kind)] > 1 {
                    name.push('_');
                    name.push_str(match k.unit.as_str() {
                        "%" => "pct",
                        "个百分点" => "pp",
                        "" => "none",
                        u => u,
                    });
                }
                PanelColumn {
                    name,
                    indicator: k.indicator.clone(),
                    measure: k.measure.to_string(),
                    kind: k.kind.to_string(),
                    unit: k.unit.clone(),
                    cells: stats[i].0,
                    disagreements: stats[i].1,
                }
            })
            .collect();
        (order, columns)
    }

    pub fn row_count(&self) -> usize {
        self.rows.len()
    }

    /// Rows in jurisdiction, period order: the fixed columns, then one cell
    /// per column of `order`.
    pub fn rows<'a>(&'a self, order: &'a [usize]) -> impl Iterator<Item = Vec<Cell<'a>>> + 'a {
        self.rows.iter().map(move |(k, row)| {
            let period = if k.start == k.end {
                k.start.to_string()
            } else {
                format!("{}-{}", k.start, k.end)
            };
            let mut cells = vec![
                Cell::Str(&k.jurisdiction),
                row.admin_code.as_deref().map_or(Cell::Null, Cell::Str),
                row.level.map_or(Cell::Null, Cell::Str),
                Cell::Owned(period),
                Cell::Int(k.start.into()),
                Cell::Int(k.end.into()),
            ];
            cells.extend(order.iter().map(|col| {
                row.cells
                    .get(col)
                    .map_or(Cell::Null, |c| Cell::Num(c.value))
            }));
            cells
        })
    }
}

pub(crate) const PANEL_KEYS: &[&str] = &[
    "jurisdiction",
    "admin_code",
    "level",
    "period",
    "period_start",
    "period_end",
];

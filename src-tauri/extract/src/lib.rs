//! Extraction: every figure in a [`gwr_load::Document`], tied to what it
//! measures, with flags where a careful reviewer would stop.
//!
//! Start at [`extract`]. The stages, in order:
//! - [`numbers`](crate::numbers) (private): one pass over the folded text finds
//!   every quantity (`827亿元`, `近3.6万元`, `6%—6.5%`, `两千余人`, `47:11.9:41.1`)
//!   and skips what only looks like one (years, dates, 十三五, 一般, list markers);
//! - [`catalog`]: the indicator catalog, a data file (`data/catalog.toml`);
//! - the engine: per sentence, which indicator governs each number, its
//!   measure, kind, period, qualifier and firmness, 分别/均 distribution and
//!   targets stated without a number;
//! - [`flags`]: plausibility checks against the report's own scale.
//!
//! ```
//! let text = "一、2022年工作回顾\n全年实现地区生产总值827亿元，同比增长2.4%。";
//! let doc = gwr_load::load_bytes("r.txt", text.as_bytes()).unwrap();
//! let figs = gwr_extract::extract(&doc);
//! let gdp: Vec<_> = figs.iter().filter(|f| f.indicator.as_deref() == Some("地区生产总值")).collect();
//! assert_eq!(gdp[0].value, Some(827.0));
//! assert_eq!(gdp[0].value_base, Some(827e8));
//! assert_eq!(gdp[1].measure, gwr_extract::Measure::Growth);
//! ```

pub mod catalog;
mod context;
mod engine;
pub mod figure;
pub mod flags;
mod numbers;
mod units;
mod words;

pub use catalog::{Catalog, CatalogError};
pub use engine::{char_index, Extractor};
pub use figure::*;
pub use units::known_units;

use gwr_load::Document;

/// Every figure of a report with the built-in catalog, in text order.
pub fn extract(doc: &Document) -> Vec<Figure> {
    Extractor::new(Catalog::builtin()).extract(doc)
}

/// Figures of a text given directly (one sentence, a paragraph, a whole
/// report), loaded as a plain-text file. Handy for tests and quick checks.
pub fn extract_text(text: &str) -> Vec<Figure> {
    match gwr_load::load_bytes("text.txt", text.as_bytes()) {
        Ok(doc) => extract(&doc),
        Err(_) => Vec::new(),
    }
}

//! Extraction: every figure in a [`gwr_load::Document`], tied to what it
//! measures, with flags where a careful reviewer would stop.

pub mod figure;

pub use figure::*;

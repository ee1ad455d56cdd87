//! Comparing two reports of a project, with the figures that stand in the
//! changed text, so a reviewer can go from a change to its review row.

use gwr_compare::{compare, Comparison, Options, SegmentOp};
use gwr_load::Document;
use gwr_store::{FigureRecord, Project, Result};

/// Which report of the pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Old,
    New,
}

/// A figure whose span overlaps a deleted (old side) or inserted (new side)
/// segment of the comparison.
#[derive(Debug, Clone, PartialEq)]
pub struct ChangedFigure {
    pub side: Side,
    pub figure_id: i64,
    pub report_id: i64,
    /// Index into `Comparison::blocks` and into that block's segments.
    pub block: usize,
    pub segment: usize,
    /// The figure's surface text and its indicator, for lists.
    pub text: String,
    pub indicator: Option<String>,
}

/// Two stored reports compared, old against new.
pub struct ReportComparison {
    pub old: Document,
    pub new: Document,
    pub comparison: Comparison,
    pub changed_figures: Vec<ChangedFigure>,
}

/// Compare report `old_id` against report `new_id` of the project.
pub fn compare_reports(
    project: &Project,
    old_id: i64,
    new_id: i64,
    opts: &Options,
) -> Result<ReportComparison> {
    let old = project.document(old_id)?;
    let new = project.document(new_id)?;
    let comparison = compare(&old, &new, opts);
    let mut changed_figures =
        figures_in_changes(&comparison, Side::Old, old_id, &project.figures(old_id)?);
    changed_figures.extend(figures_in_changes(
        &comparison,
        Side::New,
        new_id,
        &project.figures(new_id)?,
    ));
    Ok(ReportComparison {
        old,
        new,
        comparison,
        changed_figures,
    })
}

/// The figures of one side whose span overlaps a changed segment of that
/// side, in text order, each once (with the first segment it meets).
pub fn figures_in_changes(
    cmp: &Comparison,
    side: Side,
    report_id: i64,
    figures: &[FigureRecord],
) -> Vec<ChangedFigure> {
    // (start, end, block, segment) of every changed excerpt, by start.
    let mut changed: Vec<(usize, usize, usize, usize)> = Vec::new();
    for (b, block) in cmp.blocks.iter().enumerate() {
        for (s, seg) in block.segments.iter().enumerate() {
            let ex = match (side, seg.op) {
                (Side::Old, SegmentOp::Delete) => seg.old.as_ref(),
                (Side::New, SegmentOp::Insert) => seg.new.as_ref(),
                _ => None,
            };
            if let Some(ex) = ex.filter(|e| e.end > e.start) {
                changed.push((ex.start, ex.end, b, s));
            }
        }
    }
    changed.sort_unstable();
    let mut out = Vec::new();
    for f in figures {
        let (fs, fe) = (f.original.start, f.original.end);
        // Changed excerpts do not overlap each other, so their ends are
        // sorted too: the first that ends after the figure starts is the only
        // candidate to begin before it ends.
        let k = changed.partition_point(|c| c.1 <= fs);
        if let Some(&(cs, _, block, segment)) = changed.get(k) {
            if cs < fe {
                out.push(ChangedFigure {
                    side,
                    figure_id: f.id,
                    report_id,
                    block,
                    segment,
                    text: f.original.text.clone(),
                    indicator: f.state.current.indicator.clone(),
                });
            }
        }
    }
    out
}

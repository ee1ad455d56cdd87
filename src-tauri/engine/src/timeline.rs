//! Timelines across a project's reports: figure timelines (each year's target
//! beside the next year's outcome, disagreements and breaks) and phrase
//! timelines (how often a phrase occurs per jurisdiction and year). The logic
//! is in [`gwr_compare::timeline`]; this reads the project into it.

use gwr_compare::timeline::{
    figure_timelines, phrase_timeline, IndicatorTimeline, PhraseTimeline, ReportRef, SourcedFigure,
    TimelineFilter,
};
use gwr_store::{Project, Result, Status};

/// The project's reports as timeline inputs, with their lengths.
pub fn report_refs(project: &Project) -> Result<Vec<ReportRef>> {
    let lengths = project.report_lengths()?;
    Ok(project
        .reports()?
        .into_iter()
        .map(|r| ReportRef {
            id: r.id,
            chars: lengths.get(&r.id).copied().unwrap_or(0),
            file_name: r.file_name,
            jurisdiction: r.metadata.jurisdiction,
            year: r.metadata.report_year,
        })
        .collect())
}

/// Figure timelines of the project, figures as reviewed: corrected figures
/// count with their corrections, rejected ones not at all, unreviewed ones
/// as extracted.
pub fn project_figure_timelines(
    project: &Project,
    filter: &TimelineFilter,
) -> Result<Vec<IndicatorTimeline>> {
    let reports = report_refs(project)?;
    let mut figures = Vec::new();
    for r in &reports {
        if filter
            .jurisdiction
            .as_ref()
            .is_some_and(|j| r.jurisdiction.as_ref() != Some(j))
        {
            continue;
        }
        for rec in project.figures(r.id)? {
            if rec.state.status == Status::Rejected {
                continue;
            }
            if filter
                .indicator
                .as_ref()
                .is_some_and(|i| rec.state.current.indicator.as_ref() != Some(i))
            {
                continue;
            }
            figures.push(SourcedFigure {
                report_id: r.id,
                figure_id: rec.id,
                figure: rec.state.current,
            });
        }
    }
    Ok(figure_timelines(&reports, &figures, filter))
}

/// One phrase timeline per phrase (counted on the folded text, so a
/// traditional-script phrase finds simplified reports).
pub fn project_phrase_timelines(
    project: &Project,
    phrases: &[String],
) -> Result<Vec<PhraseTimeline>> {
    let reports = report_refs(project)?;
    let mut out = Vec::with_capacity(phrases.len());
    for phrase in phrases {
        let counts: Vec<(i64, usize)> = project
            .phrase_counts(phrase)?
            .into_iter()
            .map(|c| (c.report_id, c.count))
            .collect();
        out.push(phrase_timeline(phrase.trim(), &reports, &counts));
    }
    Ok(out)
}

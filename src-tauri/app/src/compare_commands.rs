//! The commands of the compare screen: two reports' wording diff with the
//! figures in changed text, figure timelines and phrase timelines. Thin
//! functions over `gwr_engine` like [`crate::commands`].

use std::sync::MutexGuard;
use std::time::Instant;

use gwr_engine::compare::timeline::TimelineFilter;
use gwr_engine::compare::Options;
use gwr_engine::store::Project;
use gwr_engine::timeline::{project_figure_timelines, project_phrase_timelines};
use tauri::State;

use crate::commands::AppState;
use crate::compare_dto::*;
use crate::dto::{AppError, ErrorCode};

/// Phrases per request, and characters per phrase: a timeline is for a few
/// phrases a reader types, not a word list.
const MAX_PHRASES: usize = 20;
const MAX_PHRASE_CHARS: usize = 50;

fn project(state: &AppState) -> Result<MutexGuard<'_, Project>, AppError> {
    state.project.lock().map_err(|_| {
        AppError::new(
            ErrorCode::Internal,
            "the project lock was poisoned by an earlier failure; restart the app",
        )
    })
}

/// Compare report `old_report_id` (usually the earlier year) against
/// `new_report_id`. Offsets are UTF-16 code units of each report's text.
#[tauri::command]
#[specta::specta]
pub async fn compare_reports(
    state: State<'_, AppState>,
    old_report_id: u32,
    new_report_id: u32,
    options: Option<CompareOptions>,
) -> Result<ComparisonDto, AppError> {
    if old_report_id == new_report_id {
        return Err(AppError::new(
            ErrorCode::Invalid,
            "pick two different reports to compare",
        ));
    }
    let mut opts = Options::default();
    if let Some(o) = options {
        opts.fold = o.fold;
        opts.ignore_whitespace = o.ignore_whitespace;
    }
    let p = project(&state)?;
    let start = Instant::now();
    let rc = gwr_engine::compare_reports(&p, old_report_id as i64, new_report_id as i64, &opts)?;
    let elapsed = start.elapsed().as_secs_f64() * 1000.0;
    Ok(ComparisonDto::of(
        &rc,
        old_report_id as i64,
        new_report_id as i64,
        elapsed,
    ))
}

/// Figure timelines (target, estimate, outcome, gap, flags per year) of one
/// indicator, or all; of one jurisdiction, or all.
#[tauri::command]
#[specta::specta]
pub async fn figure_timeline(
    state: State<'_, AppState>,
    indicator: Option<String>,
    jurisdiction: Option<String>,
) -> Result<Vec<IndicatorTimelineDto>, AppError> {
    let clean = |s: Option<String>| s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
    let filter = TimelineFilter {
        indicator: clean(indicator),
        jurisdiction: clean(jurisdiction),
    };
    let p = project(&state)?;
    Ok(project_figure_timelines(&p, &filter)?
        .iter()
        .map(Into::into)
        .collect())
}

/// How often each phrase occurs per jurisdiction and year.
#[tauri::command]
#[specta::specta]
pub async fn phrase_timeline(
    state: State<'_, AppState>,
    phrases: Vec<String>,
) -> Result<Vec<PhraseTimelineDto>, AppError> {
    let phrases: Vec<String> = phrases
        .into_iter()
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect();
    if phrases.is_empty() {
        return Err(AppError::new(ErrorCode::Invalid, "type a phrase to count"));
    }
    if phrases.len() > MAX_PHRASES || phrases.iter().any(|p| p.chars().count() > MAX_PHRASE_CHARS) {
        return Err(AppError::new(
            ErrorCode::Invalid,
            format!("at most {MAX_PHRASES} phrases of up to {MAX_PHRASE_CHARS} characters each"),
        ));
    }
    let p = project(&state)?;
    Ok(project_phrase_timelines(&p, &phrases)?
        .iter()
        .map(Into::into)
        .collect())
}

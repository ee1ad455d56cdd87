//! The commands the window calls: thin functions over the engine. The
//! database is the source of truth; every command reads or writes it and
//! returns plain DTOs. Decisions return only after their transaction commits.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};

use gwr_engine::load::Document;
use gwr_engine::store::{Action as StoreAction, Project};
use tauri::State;
use tauri_specta::Event;

use crate::dto::*;

const REVIEWER_KEY: &str = "reviewer";

/// What the window shares between commands.
pub struct AppState {
    pub project: Arc<Mutex<Project>>,
    /// Stored documents and their UTF-16 maps, by report id (they never change).
    docs: Mutex<HashMap<i64, Arc<(Document, Utf16Map)>>>,
}

impl AppState {
    pub fn new(project: Project) -> AppState {
        AppState {
            project: Arc::new(Mutex::new(project)),
            docs: Mutex::new(HashMap::new()),
        }
    }

    fn project(&self) -> Result<MutexGuard<'_, Project>, AppError> {
        self.project.lock().map_err(|_| {
            AppError::new(
                ErrorCode::Internal,
                "the project lock was poisoned by an earlier failure; restart the app",
            )
        })
    }

    fn doc(
        &self,
        project: &Project,
        report_id: i64,
    ) -> Result<Arc<(Document, Utf16Map)>, AppError> {
        let mut docs = self
            .docs
            .lock()
            .map_err(|_| AppError::new(ErrorCode::Internal, "document cache poisoned"))?;
        if let Some(d) = docs.get(&report_id) {
            return Ok(d.clone());
        }
        let doc = project.document(report_id)?;
        let map = Utf16Map::new(&doc.text);
        let entry = Arc::new((doc, map));
        docs.insert(report_id, entry.clone());
        Ok(entry)
    }

    fn reviewer(project: &Project) -> Result<String, AppError> {
        project
            .setting(REVIEWER_KEY)?
            .filter(|r| !r.trim().is_empty())
            .ok_or_else(|| AppError::new(ErrorCode::Invalid, "set your reviewer name first"))
    }

    fn figure_row(&self, project: &Project, figure_id: i64) -> Result<FigureRow, AppError> {
        let record = project.figure(figure_id)?;
        let doc = self.doc(project, record.report_id)?;
        Ok(FigureRow::of(&record, &doc.0, &doc.1))
    }
}

fn info(project: &Project) -> Result<ProjectInfo, AppError> {
    let reports = project.reports()?;
    Ok(ProjectInfo {
        path: project.path().display().to_string(),
        reviewer: project.setting(REVIEWER_KEY)?,
        report_count: reports.len() as u32,
        figure_count: reports.iter().map(|r| r.figure_count as u32).sum(),
        reviewed_count: reports.iter().map(|r| r.reviewed_count as u32).sum(),
    })
}

#[tauri::command]
#[specta::specta]
pub async fn project_info(state: State<'_, AppState>) -> Result<ProjectInfo, AppError> {
    info(&*state.project()?)
}

/// What happened while the project opened (files that failed to import,
/// reports re-read by this extractor); empty when nothing did.
#[tauri::command]
#[specta::specta]
pub async fn startup_notices(
    state: State<'_, crate::startup::StartupState>,
) -> Result<Vec<StartupNotice>, AppError> {
    Ok(state.0.clone())
}

#[tauri::command]
#[specta::specta]
pub async fn set_reviewer(
    state: State<'_, AppState>,
    name: String,
) -> Result<ProjectInfo, AppError> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 80 {
        return Err(AppError::new(
            ErrorCode::Invalid,
            "a reviewer name is 1 to 80 characters",
        ));
    }
    let mut p = state.project()?;
    p.set_setting(REVIEWER_KEY, name)?;
    info(&p)
}

#[tauri::command]
#[specta::specta]
pub async fn list_reports(state: State<'_, AppState>) -> Result<Vec<ReportRow>, AppError> {
    Ok(state
        .project()?
        .reports()?
        .into_iter()
        .map(Into::into)
        .collect())
}

/// Import off the UI thread; progress arrives as `import-progress` events.
#[tauri::command]
#[specta::specta]
pub async fn import_files(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    paths: Vec<String>,
) -> Result<Vec<ImportResult>, AppError> {
    let project = state.project.clone();
    let paths: Vec<PathBuf> = paths.into_iter().map(PathBuf::from).collect();
    let results = tauri::async_runtime::spawn_blocking(move || {
        let mut p = project
            .lock()
            .map_err(|_| AppError::new(ErrorCode::Internal, "project lock poisoned"))?;
        Ok::<_, AppError>(gwr_engine::import_files(
            &mut p,
            &paths,
            |done, total, current| {
                let _ = ImportProgress {
                    done: done as u32,
                    total: total as u32,
                    current: current.display().to_string(),
                }
                .emit(&app);
            },
        ))
    })
    .await
    .map_err(|e| AppError::new(ErrorCode::Internal, format!("the import task failed: {e}")))??;
    Ok(results.into_iter().map(Into::into).collect())
}

#[tauri::command]
#[specta::specta]
pub async fn update_report_metadata(
    state: State<'_, AppState>,
    report_id: u32,
    patch: MetadataPatch,
) -> Result<ReportRow, AppError> {
    let mut p = state.project()?;
    p.update_metadata(report_id as i64, &patch.into())?;
    Ok(p.report_summary(report_id as i64)?.into())
}

#[tauri::command]
#[specta::specta]
pub async fn report_text(
    state: State<'_, AppState>,
    report_id: u32,
) -> Result<ReportText, AppError> {
    let p = state.project()?;
    let doc = state.doc(&p, report_id as i64)?;
    Ok(ReportText::of(report_id, &doc.0, &doc.1))
}

#[tauri::command]
#[specta::specta]
pub async fn list_figures(
    state: State<'_, AppState>,
    report_id: u32,
) -> Result<Vec<FigureRow>, AppError> {
    let p = state.project()?;
    let doc = state.doc(&p, report_id as i64)?;
    Ok(p.figures(report_id as i64)?
        .iter()
        .map(|r| FigureRow::of(r, &doc.0, &doc.1))
        .collect())
}

#[tauri::command]
#[specta::specta]
pub async fn decide(
    state: State<'_, AppState>,
    figure_id: u32,
    action: Action,
) -> Result<FigureRow, AppError> {
    let mut p = state.project()?;
    let reviewer = AppState::reviewer(&p)?;
    let action = match action {
        Action::Accept => StoreAction::Accept,
        Action::Reject => StoreAction::Reject,
        Action::Correct { fields } => StoreAction::Correct(fields.to_correction()?),
        Action::Comment { text } => StoreAction::Comment(text),
    };
    p.decide(figure_id as i64, &reviewer, &action)?;
    state.figure_row(&p, figure_id as i64)
}

#[tauri::command]
#[specta::specta]
pub async fn undo(
    state: State<'_, AppState>,
    report_id: u32,
) -> Result<Option<FigureRow>, AppError> {
    let mut p = state.project()?;
    let reviewer = AppState::reviewer(&p)?;
    match p.undo(report_id as i64, &reviewer)? {
        Some(f) => Ok(Some(state.figure_row(&p, f)?)),
        None => Ok(None),
    }
}

#[tauri::command]
#[specta::specta]
pub async fn redo(
    state: State<'_, AppState>,
    report_id: u32,
) -> Result<Option<FigureRow>, AppError> {
    let mut p = state.project()?;
    let reviewer = AppState::reviewer(&p)?;
    match p.redo(report_id as i64, &reviewer)? {
        Some(f) => Ok(Some(state.figure_row(&p, f)?)),
        None => Ok(None),
    }
}

/// A figure the extractor missed, from a selection in the text pane
/// (UTF-16 offsets).
#[tauri::command]
#[specta::specta]
pub async fn add_figure(
    state: State<'_, AppState>,
    report_id: u32,
    start: u32,
    end: u32,
    fields: FigureFields,
) -> Result<FigureRow, AppError> {
    let mut p = state.project()?;
    let reviewer = AppState::reviewer(&p)?;
    let doc = state.doc(&p, report_id as i64)?;
    let (d, m) = (&doc.0, &doc.1);
    let (s, e) = (m.char_of(start), m.char_of(end));
    if s >= e || e > d.char_len() {
        return Err(AppError::new(
            ErrorCode::Invalid,
            "select the figure's text in the report first",
        ));
    }
    let c = fields.to_correction()?;
    let figure = gwr_engine::extract::Figure {
        indicator: c.indicator.clone(),
        measure: c.measure,
        kind: c.kind,
        period: c.period,
        value: c.value,
        unit: c.unit.clone(),
        value_base: None,
        unit_base: String::new(),
        qualifier: c.qualifier,
        value_low: c.value_low,
        value_high: c.value_high,
        firmness: c.firmness,
        text: d.slice(s, e).to_string(),
        start: s,
        end: e,
        sentence: d.sentence_at(s).unwrap_or(0),
        flags: Vec::new(),
    };
    let id = p.add_figure(report_id as i64, &reviewer, &figure)?;
    state.figure_row(&p, id)
}

#[tauri::command]
#[specta::specta]
pub async fn figure_history(
    state: State<'_, AppState>,
    figure_id: u32,
) -> Result<Vec<HistoryEntry>, AppError> {
    let p = state.project()?;
    let record = p.figure(figure_id as i64)?;
    Ok(p.history(figure_id as i64)?
        .iter()
        .map(|d| HistoryEntry::of(d, &record.original))
        .collect())
}

#[tauri::command]
#[specta::specta]
pub async fn catalog() -> Result<Vec<CatalogEntry>, AppError> {
    Ok(gwr_engine::extract::Catalog::builtin()
        .indicators
        .iter()
        .map(|i| CatalogEntry {
            name: i.name.clone(),
            aliases: i.aliases.clone(),
        })
        .collect())
}

#[tauri::command]
#[specta::specta]
pub async fn units() -> Result<Vec<String>, AppError> {
    Ok(gwr_engine::extract::known_units()
        .into_iter()
        .map(String::from)
        .collect())
}

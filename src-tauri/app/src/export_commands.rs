//! Exporting the dataset from the window: [`export_dataset`] writes the file
//! on a blocking task (like `import_files`), sends `export-progress` events at
//! most every [`PROGRESS_EVERY`], and stops when [`cancel_export`] is called;
//! a cancelled export leaves no file (the engine writes to a temporary file
//! and renames it only when complete). The work itself is [`run_export`],
//! which knows nothing of Tauri so it is tested directly.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use gwr_engine::export::{codebook_path, export, ExportError};
use gwr_engine::store::Project;
use tauri::State;
use tauri_specta::Event;

use crate::commands::AppState;
use crate::dto::{AppError, ErrorCode};
use crate::export_dto::*;

/// The window hears at most this often from a running export.
pub const PROGRESS_EVERY: Duration = Duration::from_millis(100);

/// The running export's cancel flag, if one is running.
#[derive(Default)]
pub struct ExportState {
    running: Mutex<Option<Arc<AtomicBool>>>,
}

impl ExportState {
    /// Claims the one export slot; the guard frees it when dropped.
    fn start(&self) -> Result<ExportSlot<'_>, AppError> {
        let mut running = self.running.lock().map_err(|_| poisoned())?;
        if running.is_some() {
            return Err(AppError::new(
                ErrorCode::Conflict,
                "an export is already running; wait for it to finish or cancel it",
            ));
        }
        let flag = Arc::new(AtomicBool::new(false));
        *running = Some(flag.clone());
        Ok(ExportSlot { state: self, flag })
    }

    /// Asks the running export to stop; false when none is running.
    pub fn cancel(&self) -> Result<bool, AppError> {
        let running = self.running.lock().map_err(|_| poisoned())?;
        Ok(match running.as_ref() {
            Some(flag) => {
                flag.store(true, Ordering::SeqCst);
                true
            }
            None => false,
        })
    }
}

struct ExportSlot<'a> {
    state: &'a ExportState,
    flag: Arc<AtomicBool>,
}

impl Drop for ExportSlot<'_> {
    fn drop(&mut self) {
        if let Ok(mut running) = self.state.running.lock() {
            *running = None;
        }
    }
}

fn poisoned() -> AppError {
    AppError::new(
        ErrorCode::Internal,
        "the export state was poisoned by an earlier failure; restart the app",
    )
}

/// Write the dataset the request describes; the progress arrives as
/// `export-progress` events. Fails with code `cancelled` after
/// [`cancel_export`], with no file written.
#[tauri::command]
#[specta::specta]
pub async fn export_dataset(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    exports: State<'_, ExportState>,
    request: ExportRequest,
) -> Result<ExportResult, AppError> {
    let slot = exports.start()?;
    let path = state
        .project
        .lock()
        .map_err(|_| {
            AppError::new(
                ErrorCode::Internal,
                "the project lock was poisoned by an earlier failure; restart the app",
            )
        })?
        .path()
        .to_path_buf();
    let cancel = slot.flag.clone();
    let result = tauri::async_runtime::spawn_blocking(move || {
        // Its own connection: the reviewer keeps deciding while a large
        // export reads (WAL lets one writer and readers work together).
        let p = Project::open_existing(&path).map_err(AppError::from)?;
        run_export(&p, &request, &cancel, |progress| {
            let _ = progress.emit(&app);
        })
    })
    .await
    .map_err(|e| AppError::new(ErrorCode::Internal, format!("the export task failed: {e}")))?;
    drop(slot);
    result
}

/// Stop the running export (its `export_dataset` then fails with code
/// `cancelled` and leaves no file). Answers whether an export was running.
#[tauri::command]
#[specta::specta]
pub async fn cancel_export(exports: State<'_, ExportState>) -> Result<bool, AppError> {
    exports.cancel()
}

/// The export without Tauri: checks the request, writes the file, calls
/// `progress` at most every [`PROGRESS_EVERY`] (and once at the end), and
/// stops as soon as `cancel` is set.
pub fn run_export(
    project: &Project,
    request: &ExportRequest,
    cancel: &AtomicBool,
    mut progress: impl FnMut(ExportProgress),
) -> Result<ExportResult, AppError> {
    let out = output_path(project, request)?;
    let options = request.options();
    let mut last: Option<Instant> = None;
    let mut sent_final = false;
    let summary = export(project, &options, &out, &mut |p| {
        if cancel.load(Ordering::SeqCst) {
            return false;
        }
        let now = Instant::now();
        let is_final = p.done >= p.total;
        if is_final || !matches!(last, Some(t) if now.duration_since(t) < PROGRESS_EVERY) {
            last = Some(now);
            sent_final |= is_final;
            progress(ExportProgress::of(p));
        }
        true
    })
    .map_err(|e| match e {
        // Cancelled between the last check and the end: same outcome.
        ExportError::Cancelled { .. } => AppError::new(
            ErrorCode::Cancelled,
            format!("export cancelled; {} was not written", out.display()),
        ),
        e => e.into(),
    })?;
    if !sent_final {
        progress(ExportProgress {
            done: u32::try_from(summary.scanned).unwrap_or(u32::MAX),
            total: u32::try_from(summary.scanned).unwrap_or(u32::MAX),
        });
    }
    Ok(ExportResult::of(&summary, request.format))
}

/// The file to write: the dialog's path, absolute, with the format's
/// extension when it has none, in a folder that exists, and never the
/// project file itself (the export replaces the file it writes).
pub fn output_path(project: &Project, request: &ExportRequest) -> Result<PathBuf, AppError> {
    let raw = request.path.trim();
    if raw.is_empty() {
        return Err(AppError::new(
            ErrorCode::Invalid,
            "choose where to save the file first (Choose file…)",
        ));
    }
    let mut out = PathBuf::from(raw);
    if !out.is_absolute() {
        return Err(AppError::new(
            ErrorCode::Invalid,
            format!("{raw} is not a full path; choose the file with Choose file…"),
        ));
    }
    if out.is_dir() {
        return Err(AppError::new(
            ErrorCode::Invalid,
            format!(
                "{} is a folder; choose a file name inside it",
                out.display()
            ),
        ));
    }
    if out.extension().is_none() {
        out.set_extension(request.format.extension());
    }
    let dir = out.parent().unwrap_or(Path::new("/"));
    if !dir.is_dir() {
        return Err(AppError::new(
            ErrorCode::Io,
            format!(
                "the folder {} does not exist; choose another folder",
                dir.display()
            ),
        ));
    }
    let mut written = vec![out.clone()];
    if request.format == ExportFormat::PanelCsv {
        written.push(codebook_path(&out));
    }
    let project_files = project_files(project.path());
    for w in &written {
        let w = canonical(w);
        if project_files.contains(&w) {
            return Err(AppError::new(
                ErrorCode::Invalid,
                format!(
                    "{} is this project's own file; choose another name for the export",
                    w.display()
                ),
            ));
        }
    }
    Ok(out)
}

/// The project file and SQLite's files beside it.
fn project_files(project: &Path) -> Vec<PathBuf> {
    let p = canonical(project);
    let mut files = vec![p.clone()];
    for suffix in ["-wal", "-shm", "-journal"] {
        let mut s = p.clone().into_os_string();
        s.push(suffix);
        files.push(PathBuf::from(s));
    }
    files
}

/// A path with its folder resolved (symlinks, `..`); the file need not exist.
fn canonical(path: &Path) -> PathBuf {
    if let Ok(p) = path.canonicalize() {
        return p;
    }
    match (path.parent(), path.file_name()) {
        (Some(dir), Some(name)) => dir
            .canonicalize()
            .map(|d| d.join(name))
            .unwrap_or_else(|_| path.to_path_buf()),
        _ => path.to_path_buf(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use gwr_engine::store::Action;

    /// The five samples imported into a fresh project in `dir`.
    fn project(dir: &Path) -> Project {
        let mut project = Project::open(&dir.join("project.gwr")).unwrap();
        crate::test_samples::import_samples(&mut project);
        project
    }

    fn request(format: ExportFormat, path: &Path) -> ExportRequest {
        ExportRequest {
            format,
            scope: vec![],
            report_id: None,
            bom: false,
            path: path.display().to_string(),
        }
    }

    fn run(
        project: &Project,
        request: &ExportRequest,
    ) -> (Result<ExportResult, AppError>, Vec<ExportProgress>) {
        let mut seen = Vec::new();
        let r = run_export(project, request, &AtomicBool::new(false), |p| seen.push(p));
        (r, seen)
    }

    #[test]
    fn exports_the_whole_project_as_csv_with_a_bom() {
        let dir = tempfile::tempdir().unwrap();
        let project = project(dir.path());
        let figures: u32 = project
            .reports()
            .unwrap()
            .iter()
            .map(|r| r.figure_count as u32)
            .sum();
        let out = dir.path().join("out").join("gwr-figures");
        std::fs::create_dir(out.parent().unwrap()).unwrap();
        let req = ExportRequest {
            bom: true,
            ..request(ExportFormat::Csv, &out)
        };
        let (result, seen) = run(&project, &req);
        let result = result.unwrap();
        // No extension given: the format's is added, and the result says so.
        let written = dir.path().join("out/gwr-figures.csv");
        assert_eq!(result.path, written.display().to_string());
        assert_eq!(result.format, ExportFormat::Csv);
        assert_eq!((result.figures, result.scanned), (figures, figures));
        assert_eq!(result.reports, 5);
        assert_eq!(result.truncated_cells, 0);
        assert!(result.panel.is_none());
        let bytes = std::fs::read(&written).unwrap();
        assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "starts with a BOM");
        let text = String::from_utf8(bytes).unwrap();
        assert!(text.contains("地区生产总值"), "Chinese is written as UTF-8");
        // The last event says everything was read.
        let last = seen.last().unwrap();
        assert_eq!((last.done, last.total), (figures, figures));
        assert!(seen.windows(2).all(|w| w[0].done <= w[1].done));
        // Only the file itself is left in the folder (no temporary files).
        assert_eq!(std::fs::read_dir(out.parent().unwrap()).unwrap().count(), 1);
    }

    #[test]
    fn scopes_narrow_each_other_and_one_report_is_one_report() {
        let dir = tempfile::tempdir().unwrap();
        let mut project = project(dir.path());
        let report = project.reports().unwrap()[0].id;
        let figs = project.figures(report).unwrap();
        let catalog: Vec<_> = figs
            .iter()
            .filter(|f| f.state.current.indicator.is_some())
            .collect();
        let other = figs
            .iter()
            .find(|f| f.state.current.indicator.is_none())
            .unwrap();
        assert!(catalog.len() >= 3);
        project
            .decide(catalog[0].id, "测试员", &Action::Accept)
            .unwrap();
        project
            .decide(catalog[1].id, "测试员", &Action::Accept)
            .unwrap();
        project
            .decide(catalog[2].id, "测试员", &Action::Reject)
            .unwrap();
        project.decide(other.id, "测试员", &Action::Accept).unwrap();

        let out = dir.path().join("kept.jsonl");
        let lines = |req: &ExportRequest| {
            let r = run(&project, req).0.unwrap();
            let text = std::fs::read_to_string(&out).unwrap();
            assert_eq!(text.lines().count() as u32, r.figures);
            r
        };
        let base = ExportRequest {
            report_id: Some(report as u32),
            ..request(ExportFormat::Jsonl, &out)
        };
        let all = lines(&base);
        assert_eq!((all.reports, all.figures), (1, figs.len() as u32));
        let reviewed = lines(&ExportRequest {
            scope: vec![ExportScope::Reviewed],
            ..base.clone()
        });
        assert_eq!(reviewed.figures, 4);
        let accepted = lines(&ExportRequest {
            scope: vec![ExportScope::Accepted],
            ..base.clone()
        });
        assert_eq!(accepted.figures, 3);
        let kept_catalog = lines(&ExportRequest {
            scope: vec![ExportScope::Accepted, ExportScope::Catalog],
            ..base.clone()
        });
        assert_eq!(kept_catalog.figures, 2);
        assert_eq!(kept_catalog.scanned, figs.len() as u32);

        let missing = run(
            &project,
            &ExportRequest {
                report_id: Some(9999),
                ..base
            },
        )
        .0
        .unwrap_err();
        assert_eq!(missing.code, ErrorCode::NotFound);
    }

    #[test]
    fn panel_csv_writes_its_codebook_beside_it_and_xlsx_a_workbook() {
        let dir = tempfile::tempdir().unwrap();
        let project = project(dir.path());
        let out = dir.path().join("panel.csv");
        let r = run(&project, &request(ExportFormat::PanelCsv, &out))
            .0
            .unwrap();
        let panel = r.panel.unwrap();
        let codebook = dir.path().join("panel.columns.csv");
        assert_eq!(panel.codebook_path, codebook.display().to_string());
        assert!(out.is_file() && codebook.is_file());
        assert!(std::fs::read_to_string(&codebook)
            .unwrap()
            .starts_with("column,indicator,measure,kind,unit"));

        let xlsx = dir.path().join("figures.xlsx");
        let r = run(&project, &request(ExportFormat::Xlsx, &xlsx))
            .0
            .unwrap();
        assert!(r.figures > 100);
        assert_eq!(r.truncated_cells, 0);
        // A zip file: what Excel opens.
        assert!(std::fs::read(&xlsx).unwrap().starts_with(b"PK"));
    }

    #[test]
    fn a_cancelled_export_leaves_no_file() {
        let dir = tempfile::tempdir().unwrap();
        let project = project(dir.path());
        let out_dir = dir.path().join("out");
        std::fs::create_dir(&out_dir).unwrap();
        for format in [
            ExportFormat::Csv,
            ExportFormat::Xlsx,
            ExportFormat::PanelCsv,
        ] {
            let out = out_dir.join(format!("x.{}", format.extension()));
            let cancel = AtomicBool::new(true);
            let err = run_export(&project, &request(format, &out), &cancel, |_| {}).unwrap_err();
            assert_eq!(err.code, ErrorCode::Cancelled, "{format:?}");
            assert!(err.message.contains("was not written"), "{}", err.message);
        }
        assert_eq!(std::fs::read_dir(&out_dir).unwrap().count(), 0);
    }

    #[test]
    fn the_slot_admits_one_export_and_cancel_reaches_it() {
        let state = ExportState::default();
        assert!(!state.cancel().unwrap(), "nothing to cancel");
        let slot = state.start().unwrap();
        assert_eq!(state.start().err().unwrap().code, ErrorCode::Conflict);
        assert!(state.cancel().unwrap());
        assert!(slot.flag.load(Ordering::SeqCst));
        drop(slot);
        let again = state.start().unwrap();
        assert!(
            !again.flag.load(Ordering::SeqCst),
            "a new export starts uncancelled"
        );
    }

    #[test]
    fn refuses_paths_it_cannot_or_must_not_write() {
        let dir = tempfile::tempdir().unwrap();
        let project = Project::open(&dir.path().join("project.gwr")).unwrap();
        let code = |path: &str, format: ExportFormat| {
            let req = ExportRequest {
                path: path.into(),
                ..request(format, Path::new(""))
            };
            run(&project, &req).0.unwrap_err()
        };
        assert_eq!(code("", ExportFormat::Csv).code, ErrorCode::Invalid);
        assert_eq!(
            code("figures.csv", ExportFormat::Csv).code,
            ErrorCode::Invalid
        );
        let missing = dir.path().join("no/such/folder/f.csv");
        let e = code(&missing.display().to_string(), ExportFormat::Csv);
        assert_eq!(e.code, ErrorCode::Io);
        assert!(e.message.contains("does not exist"), "{}", e.message);
        let e = code(&dir.path().display().to_string(), ExportFormat::Csv);
        assert!(e.message.contains("is a folder"), "{}", e.message);
        // Never over the project itself, nor its codebook twin.
        let own = dir.path().join("project.gwr");
        let e = code(&own.display().to_string(), ExportFormat::Jsonl);
        assert_eq!(e.code, ErrorCode::Invalid);
        assert!(e.message.contains("project's own file"), "{}", e.message);
        let wal = dir.path().join("project.gwr-wal");
        assert_eq!(
            code(&wal.display().to_string(), ExportFormat::Csv).code,
            ErrorCode::Invalid
        );
        // The project is untouched.
        assert!(Project::open_existing(&own).is_ok());
    }

    #[cfg(unix)]
    #[test]
    fn a_folder_that_is_not_writable_says_what_to_do() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let project = Project::open(&dir.path().join("project.gwr")).unwrap();
        let locked = dir.path().join("locked");
        std::fs::create_dir(&locked).unwrap();
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o555)).unwrap();
        // Root writes anywhere but /proc.
        let Some(folder) = [locked.as_path(), Path::new("/proc")]
            .into_iter()
            .find(|d| d.is_dir() && tempfile::tempfile_in(d).is_err())
        else {
            return;
        };
        let out = folder.join("gwr-export-test-figures.csv");
        let e = run(&project, &request(ExportFormat::Csv, &out))
            .0
            .unwrap_err();
        assert_eq!(e.code, ErrorCode::Io);
        assert!(e.message.contains("writable"), "{}", e.message);
        assert!(
            !e.message.contains(".gwr-export-"),
            "no temporary name: {}",
            e.message
        );
        assert!(!out.exists());
    }
}

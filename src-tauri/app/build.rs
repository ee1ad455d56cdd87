// Every command the UI may call is listed here: Tauri turns each into an
// `allow-…` permission, and capabilities/default.json grants exactly these.
const COMMANDS: &[&str] = &[
    "project_info",
    "set_reviewer",
    "list_reports",
    "import_files",
    "update_report_metadata",
    "report_text",
    "list_figures",
    "decide",
    "undo",
    "redo",
    "add_figure",
    "figure_history",
    "catalog",
    "units",
    "compare_reports",
    "figure_timeline",
    "phrase_timeline",
    "export_dataset",
    "cancel_export",
    "startup_notices",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri build step");
}

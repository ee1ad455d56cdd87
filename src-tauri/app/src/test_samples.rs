//! The five sample reports in `samples/`, as the app's tests and UI fixtures
//! use them.

use std::path::PathBuf;

use gwr_engine::store::Project;

/// The sample files, sorted (so report ids follow the file names).
pub fn sample_files() -> Vec<PathBuf> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
}

/// Import the samples into `project`; every one must load.
pub fn import_samples(project: &mut Project) {
    for r in gwr_engine::import_files(project, &sample_files(), |_, _, _| {}) {
        assert!(
            !matches!(r.outcome, gwr_engine::FileOutcome::Failed(_)),
            "{r:?}"
        );
    }
}

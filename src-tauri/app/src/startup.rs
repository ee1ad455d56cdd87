//! Opening the project, before the window shows: files named on the command
//! line are imported, and reports read by an earlier extractor are re-read
//! with this one, every decision kept. What the reviewer should know about
//! (a file that failed, a report re-read, a figure to look at again) becomes a
//! notice on the reports screen, and a line on stderr.

use std::path::PathBuf;

use gwr_engine::reextract::{reextract, Selection};
use gwr_engine::store::Project;
use gwr_engine::FileOutcome;

use crate::dto::{NoticeKind, StartupNotice};

/// The notices of this run, for the `startup_notices` command.
#[derive(Default)]
pub struct StartupState(pub Vec<StartupNotice>);

pub fn open_project(project: &mut Project, import: &[PathBuf]) -> Vec<StartupNotice> {
    let mut notices = Vec::new();
    // Files already in the project are skipped by hash: only failures matter.
    for r in gwr_engine::import_files(project, import, |_, _, _| {}) {
        if let FileOutcome::Failed(why) = r.outcome {
            notices.push(StartupNotice {
                kind: NoticeKind::Failed,
                summary: why,
                details: Vec::new(),
            });
        }
    }
    match reextract(project, &Selection::Stale, |_, _, _| {}) {
        Ok(done) => notices.extend(done.iter().map(|r| StartupNotice {
            kind: if r.outcome.is_ok() {
                NoticeKind::Reextracted
            } else {
                NoticeKind::Failed
            },
            summary: r.summary(),
            details: r.details(),
        })),
        Err(e) => notices.push(StartupNotice {
            kind: NoticeKind::Failed,
            summary: format!("reports read by an earlier version were not re-extracted: {e}"),
            details: Vec::new(),
        }),
    }
    for n in &notices {
        eprintln!("gwr-review: {}", n.summary);
        for line in &n.details {
            eprintln!("gwr-review:   {line}");
        }
    }
    notices
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_samples::{import_samples, sample_files};

    #[test]
    fn a_fresh_project_opens_without_notices() {
        let dir = tempfile::tempdir().unwrap();
        let mut project = Project::open(&dir.path().join("p.gwr")).unwrap();
        let notices = open_project(&mut project, &sample_files());
        assert!(notices.is_empty(), "{notices:?}");
        assert_eq!(project.reports().unwrap().len(), sample_files().len());
    }

    /// A report read by an earlier extractor is re-read on open, its reviewed
    /// figure stays reviewed, and the notice says so; a file that cannot be
    /// loaded is a notice naming it.
    #[test]
    fn stale_reports_and_failed_files_become_notices() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.gwr");
        let mut project = Project::open(&path).unwrap();
        import_samples(&mut project);
        let figure = project.figures(1).unwrap()[0].id;
        project
            .decide(figure, "amy", &gwr_engine::store::Action::Accept)
            .unwrap();
        drop(project);
        let db = rusqlite::Connection::open(&path).unwrap();
        db.execute(
            "UPDATE report SET extractor = 'gwr-extract 0.0.1' WHERE id = 1",
            [],
        )
        .unwrap();
        drop(db);
        let broken = dir.path().join("broken.docx");
        std::fs::write(&broken, b"PK\x03\x04 not really a zip").unwrap();

        let mut project = Project::open(&path).unwrap();
        let notices = open_project(&mut project, &[broken]);
        assert_eq!(notices.len(), 2, "{notices:?}");
        assert_eq!(notices[0].kind, NoticeKind::Failed);
        assert!(notices[0].summary.contains("broken.docx"), "{notices:?}");
        assert_eq!(notices[1].kind, NoticeKind::Reextracted);
        assert!(
            notices[1].summary.starts_with("000_8ea42176d04f9a1f.txt: ")
                && notices[1].summary.contains("1 reviewed re-attached"),
            "{notices:?}"
        );
        let state = &project.figures(1).unwrap()[0].state;
        assert_eq!(state.status, gwr_engine::store::Status::Accepted);
        assert!(
            open_project(&mut project, &[]).is_empty(),
            "re-read once only"
        );
    }
}

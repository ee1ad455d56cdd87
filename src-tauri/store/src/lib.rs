//! The project file: one SQLite database (WAL, foreign keys on, migrations
//! from day one) holding reports with their original bytes, their structure,
//! their figures, and the append-only log of review decisions. Only this
//! crate runs SQL.
//!
//! ```
//! let dir = tempfile::tempdir().unwrap();
//! let mut project = gwr_store::Project::open(&dir.path().join("p.gwr")).unwrap();
//! let doc = gwr_load::load_bytes("r.txt", "各位代表：\n生产总值827亿元。".as_bytes()).unwrap();
//! let outcome = project.import(&doc, &[], "test").unwrap();
//! assert!(matches!(outcome, gwr_store::ImportOutcome::Imported(_)));
//! assert_eq!(project.reports().unwrap().len(), 1);
//! ```

mod bundle;
mod dataset;
mod figure_row;
mod import;
mod lengths;
mod migrations;
mod query;
mod reextract;
mod review;
mod search;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

pub use bundle::{
    action_for, same_call, Basis, BundleSummary, Conflict, Counts, MergeReport, PairAgreement,
    Position, Unmatched, Verdict, ADJUDICATOR,
};
pub use dataset::{DatasetFigure, ReportDataset};
pub use import::ImportOutcome;
pub use migrations::latest_version as schema_version;
pub use query::{FigureRecord, MetadataPatch, ReportSummary, StoredReport};
pub use reextract::{Reextraction, Reread, Unattached};
pub use review::Correction;
pub use review::{Action, DecisionRecord, ReviewState, Status};
pub use search::{PhraseCount, SearchHit};

/// What went wrong with the project file, and what to do about it.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("project {path}: is open in another program (the database is locked); close the other GWR Review window or `gwr` command and try again")]
    Locked { path: PathBuf },
    #[error("project {path}: cannot be written ({why}); check the file's permissions or choose another project file")]
    ReadOnly { path: PathBuf, why: String },
    #[error("project {path}: {why}")]
    Open { path: PathBuf, why: String },
    #[error("{what} {id} does not exist in this project")]
    NotFound { what: &'static str, id: i64 },
    #[error("{0}")]
    Invalid(String),
    #[error("database error: {0}")]
    Sql(#[from] rusqlite::Error),
}

pub type Result<T> = std::result::Result<T, StoreError>;

/// An open project file.
pub struct Project {
    conn: Connection,
    path: PathBuf,
}

impl Project {
    /// Open a project, creating it (and its folder) if it does not exist, and
    /// bring its schema up to date.
    pub fn open(path: &Path) -> Result<Project> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| StoreError::Open {
                path: path.to_path_buf(),
                why: format!("cannot create its folder: {e}"),
            })?;
        }
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| classify(path, e))?;
        let mut project = Project {
            conn,
            path: path.to_path_buf(),
        };
        project.configure().map_err(|e| classify(path, e))?;
        migrations::migrate(&mut project.conn).map_err(|e| match e {
            StoreError::Sql(e) => classify(path, e),
            other => other,
        })?;
        Ok(project)
    }

    /// Open a project that must already exist (for commands that only read).
    pub fn open_existing(path: &Path) -> Result<Project> {
        if !path.is_file() {
            return Err(StoreError::Open {
                path: path.to_path_buf(),
                why: "no such project file; import reports first (`gwr import FILE... --project PATH`)".into(),
            });
        }
        Project::open(path)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Per-connection settings (not migrations): WAL so a reader never blocks
    /// the reviewer, FULL sync so an acknowledged decision survives a power cut.
    fn configure(&mut self) -> rusqlite::Result<()> {
        self.conn.busy_timeout(Duration::from_secs(3))?;
        self.conn.pragma_update(None, "foreign_keys", "ON")?;
        let mode: String = self
            .conn
            .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            // A read-only medium cannot hold a WAL; writes will fail with a clear error.
            self.conn.pragma_update(None, "journal_mode", "DELETE")?;
        }
        self.conn.pragma_update(None, "synchronous", "FULL")?;
        Ok(())
    }

    /// `PRAGMA integrity_check`: `ok` or the problems SQLite found.
    pub fn integrity_check(&self) -> Result<String> {
        let rows: Vec<String> = self
            .conn
            .prepare("PRAGMA integrity_check")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows.join("\n"))
    }

    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        use rusqlite::OptionalExtension;
        Ok(self
            .conn
            .query_row("SELECT value FROM setting WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()?)
    }

    pub fn set_setting(&mut self, key: &str, value: &str) -> Result<()> {
        self.conn.execute(
            "INSERT INTO setting (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [key, value],
        )?;
        Ok(())
    }

    /// Run `f` in one transaction, turning lock and permission failures into
    /// errors that name the project file.
    fn write<T>(&mut self, f: impl FnOnce(&rusqlite::Transaction<'_>) -> Result<T>) -> Result<T> {
        let path = self.path.clone();
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(|e| classify(&path, e))?;
        let out = f(&tx).map_err(|e| match e {
            StoreError::Sql(e) => classify(&path, e),
            other => other,
        })?;
        tx.commit().map_err(|e| classify(&path, e))?;
        Ok(out)
    }
}

/// Name the usual SQLite failures in words a user can act on.
fn classify(path: &Path, e: rusqlite::Error) -> StoreError {
    use rusqlite::ErrorCode;
    match e.sqlite_error_code() {
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => StoreError::Locked {
            path: path.to_path_buf(),
        },
        Some(ErrorCode::ReadOnly | ErrorCode::PermissionDenied | ErrorCode::CannotOpen) => {
            StoreError::ReadOnly {
                path: path.to_path_buf(),
                why: e.to_string(),
            }
        }
        Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) => StoreError::Open {
            path: path.to_path_buf(),
            why: format!("is not a GWR Review project or is damaged ({e}); open another file"),
        },
        _ => StoreError::Sql(e),
    }
}

/// Current time, RFC 3339 UTC with milliseconds.
pub(crate) fn now() -> String {
    let fmt = time::macros::format_description!(
        "[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:3]Z"
    );
    time::OffsetDateTime::now_utc()
        .format(&fmt)
        .unwrap_or_default()
}

//! Schema migrations: an append-only list of SQL files, applied in order and
//! recorded in `user_version`. Never edit a shipped migration; add one.

use rusqlite::Connection;
use rusqlite_migration::{Migrations, M};

use crate::{Result, StoreError};

const MIGRATIONS: &[&str] = &[
    include_str!("migrations/001_initial.sql"),
    include_str!("migrations/002_reviewers.sql"),
];

pub(crate) fn migrations() -> Migrations<'static> {
    Migrations::new(MIGRATIONS.iter().map(|sql| M::up(sql)).collect())
}

pub(crate) fn migrate(conn: &mut Connection) -> Result<()> {
    migrations().to_latest(conn).map_err(|e| match e {
        rusqlite_migration::Error::RusqliteError { err, .. } => StoreError::Sql(err),
        other => StoreError::Invalid(format!(
            "the project's schema could not be brought up to date ({other}); it may come from a newer GWR Review"
        )),
    })
}

/// The schema version this build writes.
pub fn latest_version() -> usize {
    MIGRATIONS.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid() {
        migrations().validate().unwrap();
    }

    #[test]
    fn every_migration_applies_from_empty_and_from_the_previous_schema() {
        for target in 1..=latest_version() {
            let mut conn = Connection::open_in_memory().unwrap();
            let m = migrations();
            if target > 1 {
                m.to_version(&mut conn, target - 1).unwrap();
            }
            m.to_version(&mut conn, target).unwrap();
            let v: i64 = conn
                .query_row("PRAGMA user_version", [], |r| r.get(0))
                .unwrap();
            assert_eq!(v as usize, target);
        }
    }

    /// 002 adds a role to decisions already logged under 001 (they are a
    /// reviewer's) and an append-only merged log.
    #[test]
    fn reviewers_migration_keeps_the_log_and_is_append_only() {
        let mut conn = Connection::open_in_memory().unwrap();
        let m = migrations();
        m.to_version(&mut conn, 1).unwrap();
        conn.execute_batch(
            "INSERT INTO report (id, file_name, source_path, sha256, format, encoding, byte_len, raw, text, match_text,
                 origin, notes, extractor, imported_at)
             VALUES (1, 'r.txt', 'r.txt', 'abc', 'text', 'utf-8', 0, x'', '', '', x'', '', 'x', 'now');
             INSERT INTO figure (id, report_id, ord, fields, text, start, \"end\", sentence_ord, flags)
             VALUES (1, 1, 0, '{}', '', 0, 0, 0, '[]');
             INSERT INTO decision (figure_id, reviewer, at, action) VALUES (1, 'amy', 'now', 'accept');",
        )
        .unwrap();
        m.to_version(&mut conn, 2).unwrap();
        let role: String = conn
            .query_row("SELECT role FROM decision", [], |r| r.get(0))
            .unwrap();
        assert_eq!(role, "reviewer");
        conn.execute_batch(
            "INSERT INTO bundle (id, bundle_key, file_name, source, exported_at, merged_at) VALUES (1, 'k', 'b', 's', 'now', 'now');
             INSERT INTO merged_decision (bundle_id, figure_id, reviewer, role, at, action) VALUES (1, 1, 'bo', 'reviewer', 'now', 'reject');",
        )
        .unwrap();
        let update = conn.execute("UPDATE merged_decision SET action = 'accept'", []);
        assert!(update.unwrap_err().to_string().contains("append-only"));
        let delete = conn.execute("DELETE FROM merged_decision", []);
        assert!(delete.unwrap_err().to_string().contains("append-only"));
    }
}

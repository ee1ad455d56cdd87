//! Schema migrations: an append-only list of SQL files, applied in order and
//! recorded in `user_version`. Never edit a shipped migration; add one.

use rusqlite::Connection;
use rusqlite_migration::{Migrations, M};

use crate::{Result, StoreError};

const MIGRATIONS: &[&str] = &[include_str!("migrations/001_initial.sql")];

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
}

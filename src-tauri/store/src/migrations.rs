//! Schema migrations: an append-only list of SQL files, applied in order and
//! recorded in `user_version`. Never edit a shipped migration; add one.

use gwr_extract::Figure;
use rusqlite::{Connection, Transaction};
use rusqlite_migration::{HookError, HookResult, Migrations, M};

use crate::figure_row::{write_figure, UPDATE_FIGURE};
use crate::{Result, StoreError};

const MIGRATIONS: &[&str] = &[
    include_str!("migrations/001_initial.sql"),
    include_str!("migrations/002_reviewers.sql"),
    include_str!("migrations/003_figure_columns.sql"),
];

pub(crate) fn migrations() -> Migrations<'static> {
    Migrations::new(
        MIGRATIONS
            .iter()
            .enumerate()
            .map(|(i, sql)| match i + 1 {
                3 => M::up_with_hook(sql, figure_fields_to_columns),
                _ => M::up(sql),
            })
            .collect(),
    )
}

/// 003: copy each figure's JSON `fields` into the new columns, a batch of
/// rows at a time (a project can hold millions), then drop `fields`. The
/// `flags` column was already the figure's flags.
fn figure_fields_to_columns(tx: &Transaction) -> HookResult {
    let mut select = tx.prepare(
        "SELECT id, ord, fields, flags FROM figure WHERE id > ?1 ORDER BY id LIMIT 10000",
    )?;
    let mut update = tx.prepare(&UPDATE_FIGURE)?;
    let mut after = i64::MIN;
    loop {
        let batch: Vec<(i64, i64, String, String)> = select
            .query_map([after], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let Some(last) = batch.last() else { break };
        after = last.0;
        for (id, ord, fields, flags) in batch {
            let mut figure: Figure = serde_json::from_str(&fields).map_err(|e| {
                HookError::Hook(format!(
                    "figure {id} has unreadable fields ({e}), so the project was left as it was; \
                     the project file may be damaged"
                ))
            })?;
            figure.flags = serde_json::from_str(&flags).unwrap_or_default();
            write_figure(&mut update, id, ord as usize, None, &figure)?;
        }
    }
    tx.execute_batch("ALTER TABLE figure DROP COLUMN fields")?;
    Ok(())
}

pub(crate) fn migrate(conn: &mut Connection) -> Result<()> {
    let before: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    migrations().to_latest(conn).map_err(|e| match e {
        rusqlite_migration::Error::RusqliteError { err, .. } => StoreError::Sql(err),
        rusqlite_migration::Error::Hook(why) => StoreError::Invalid(format!(
            "the project's schema could not be brought up to date: {why}"
        )),
        other => StoreError::Invalid(format!(
            "the project's schema could not be brought up to date ({other}); it may come from a newer GWR Review"
        )),
    })?;
    if (1..3).contains(&before) {
        // 003 rewrote every figure row in place, shrinking it, which leaves
        // most of the table's pages empty: a full read would cost 4x more.
        // Only an optimisation: when it cannot run (it needs as much free disk
        // as the project again) the project stays valid, only larger.
        let _ = conn.execute_batch("VACUUM");
    }
    Ok(())
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

    fn project_at_002_with_figure(fields: &str) -> Connection {
        let mut conn = Connection::open_in_memory().unwrap();
        migrations().to_version(&mut conn, 2).unwrap();
        conn.execute_batch(
            "INSERT INTO report (id, file_name, source_path, sha256, format, encoding, byte_len, raw, text, match_text,
                 origin, notes, extractor, imported_at)
             VALUES (1, 'r.txt', 'r.txt', 'abc', 'text', 'utf-8', 0, x'', '', '', x'', '', 'x', 'now');",
        )
        .unwrap();
        conn.execute(
            "INSERT INTO figure (id, report_id, ord, fields, text, start, \"end\", sentence_ord, flags, indicator, added_by)
             VALUES (7, 1, 3, ?1, '1.5万亿元', 40, 46, 2,
                     '[{\"code\":\"decimal_lost\",\"reason\":\"2001 may be 20.01\"}]', '地区生产总值', 'amy')",
            [fields],
        )
        .unwrap();
        conn
    }

    /// 003 moves every field out of the JSON text into its column, exactly
    /// (values bit for bit, the flags and who added the figure included).
    #[test]
    fn figure_columns_migration_keeps_every_field() {
        let figure = Figure {
            indicator: Some("地区生产总值".into()),
            measure: gwr_extract::Measure::AvgGrowth,
            kind: gwr_extract::Kind::Target,
            period: Some(gwr_extract::Period {
                start: 2021,
                end: 2025,
            }),
            value: Some(0.1 + 0.2),
            unit: "万亿元".into(),
            value_base: Some(1.5e12),
            unit_base: "元".into(),
            qualifier: gwr_extract::Qualifier::Range,
            value_low: Some(6.0),
            value_high: Some(6.5),
            firmness: Some(gwr_extract::Firmness::Aspirational),
            text: "1.5万亿元".into(),
            start: 40,
            end: 46,
            sentence: 2,
            flags: vec![gwr_extract::Flag {
                code: gwr_extract::FlagCode::DecimalLost,
                reason: "2001 may be 20.01".into(),
            }],
        };
        let mut conn = project_at_002_with_figure(&serde_json::to_string(&figure).unwrap());
        migrations().to_version(&mut conn, 3).unwrap();
        let sql = format!(
            "SELECT ord, added_by, {} FROM figure WHERE id = 7",
            crate::figure_row::FIGURE_COLUMNS
        );
        let (ord, added_by, read): (i64, String, Figure) = conn
            .query_row(&sql, [], |r| {
                Ok((r.get(0)?, r.get(1)?, crate::figure_row::read_figure(r, 2)?))
            })
            .unwrap();
        assert_eq!((ord, added_by.as_str()), (3, "amy"));
        assert_eq!(read, figure);
        assert_eq!(read.value.unwrap().to_bits(), (0.1f64 + 0.2).to_bits());
        let has_json: i64 = conn
            .query_row(
                "SELECT COUNT(*) FROM pragma_table_info('figure') WHERE name = 'fields'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(has_json, 0, "the JSON column is dropped");
    }

    /// A damaged figure stops the migration with a message naming it, and
    /// the project stays as it was (at 002, the figure still there).
    #[test]
    fn figure_columns_migration_refuses_damaged_fields_and_changes_nothing() {
        let mut conn = project_at_002_with_figure("{not json");
        let err = migrate(&mut conn).unwrap_err().to_string();
        assert!(err.contains("figure 7 has unreadable fields"), "{err}");
        let v: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(v, 2);
        let fields: String = conn
            .query_row("SELECT fields FROM figure WHERE id = 7", [], |r| r.get(0))
            .unwrap();
        assert_eq!(fields, "{not json");
    }

    /// Opening a 002 project that another program is reading (the window,
    /// during a `gwr export`) still brings it to 003.
    #[test]
    fn figure_columns_migration_runs_while_another_program_reads() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.gwr");
        let figure = r#"{"indicator":null,"measure":"level","kind":"actual","period":"2020","value":827.0,
            "unit":"亿元","value_base":82700000000.0,"unit_base":"元","qualifier":"eq","value_low":null,
            "value_high":null,"firmness":null,"text":"827亿元","start":40,"end":46,"sentence":2,"flags":[]}"#;
        let seeded = project_at_002_with_figure(figure);
        seeded
            .execute(
                "VACUUM INTO ?1",
                [path.with_extension("seed").to_str().unwrap()],
            )
            .unwrap();
        std::fs::rename(path.with_extension("seed"), &path).unwrap();
        // Projects are in WAL mode from their first open on.
        Connection::open(&path)
            .unwrap()
            .query_row("PRAGMA journal_mode = WAL", [], |_| Ok(()))
            .unwrap();

        let reader = Connection::open(&path).unwrap();
        reader.execute_batch("BEGIN").unwrap();
        let n: i64 = reader
            .query_row("SELECT COUNT(*) FROM figure", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 1);

        let project = crate::Project::open(&path).unwrap();
        let figures = project.figures(1).unwrap();
        assert_eq!(figures.len(), 1);
        assert_eq!(figures[0].original.value, Some(827.0));
        assert_eq!(figures[0].original.text, "827亿元");
        reader.execute_batch("COMMIT").unwrap();
    }
}

//! Report lengths without loading the reports: for rates per 10,000
//! characters in phrase timelines.

use std::collections::HashMap;

use crate::{Project, Result};

impl Project {
    /// Characters of each report's text, by report id (SQLite's `length` of
    /// a TEXT value counts characters, not bytes).
    pub fn report_lengths(&self) -> Result<HashMap<i64, usize>> {
        let mut st = self.conn.prepare("SELECT id, length(text) FROM report")?;
        let rows = st.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))?;
        let mut out = HashMap::new();
        for row in rows {
            let (id, n) = row?;
            out.insert(id, n.max(0) as usize);
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn lengths_count_characters_not_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let mut p = crate::Project::open(&dir.path().join("p.gwr")).unwrap();
        let doc =
            gwr_load::load_bytes("r.txt", "各位代表：\n生产总值827亿元。".as_bytes()).unwrap();
        let id = match p.import(&doc, &[], "test").unwrap() {
            crate::ImportOutcome::Imported(id) => id,
            other => panic!("{other:?}"),
        };
        let lengths = p.report_lengths().unwrap();
        assert_eq!(lengths[&id], doc.text.chars().count());
        assert!(lengths[&id] < doc.text.len());
    }
}

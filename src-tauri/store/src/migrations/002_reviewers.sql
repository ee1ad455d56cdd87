-- Several reviewers. An adjudicator's decision is a row of this project's own
-- log marked with its role. Decisions merged from another reviewer's bundle
-- are kept apart from this project's log, so merging never changes what this
-- project's own reviewers decided, and they stay attributed to their reviewer.
ALTER TABLE decision ADD COLUMN role TEXT NOT NULL DEFAULT 'reviewer';

-- One row per merged bundle; the same bundle merged twice is detected by its key.
CREATE TABLE bundle (
    id          INTEGER PRIMARY KEY,
    bundle_key  TEXT NOT NULL UNIQUE,
    file_name   TEXT NOT NULL,
    source      TEXT NOT NULL,      -- the project file the bundle was exported from
    exported_at TEXT NOT NULL,
    merged_at   TEXT NOT NULL
);

-- Other reviewers' decisions, as logged in their project (append-only too).
CREATE TABLE merged_decision (
    id          INTEGER PRIMARY KEY,
    bundle_id   INTEGER NOT NULL REFERENCES bundle(id),
    figure_id   INTEGER NOT NULL REFERENCES figure(id),
    reviewer    TEXT NOT NULL,
    role        TEXT NOT NULL,
    at          TEXT NOT NULL,
    action      TEXT NOT NULL,
    fields      TEXT,
    comment     TEXT,
    undoes      INTEGER REFERENCES merged_decision(id)
);
CREATE INDEX merged_decision_figure ON merged_decision (figure_id, id);
CREATE TRIGGER merged_decision_no_update BEFORE UPDATE ON merged_decision BEGIN
    SELECT RAISE(ABORT, 'the review log is append-only');
END;
CREATE TRIGGER merged_decision_no_delete BEFORE DELETE ON merged_decision BEGIN
    SELECT RAISE(ABORT, 'the review log is append-only');
END;

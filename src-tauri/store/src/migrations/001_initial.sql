-- Reports keep their original bytes: every figure can be shown in the raw file.
CREATE TABLE report (
    id              INTEGER PRIMARY KEY,
    file_name       TEXT NOT NULL,
    source_path     TEXT NOT NULL,
    sha256          TEXT NOT NULL UNIQUE,
    format          TEXT NOT NULL,
    encoding        TEXT NOT NULL,
    byte_len        INTEGER NOT NULL,
    raw             BLOB NOT NULL,
    text            TEXT NOT NULL,
    match_text      TEXT NOT NULL,
    -- little-endian u32 per character of `text`, plus one closing entry
    origin          BLOB NOT NULL,
    notes           TEXT NOT NULL,
    jurisdiction    TEXT,
    admin_code      TEXT,
    level           TEXT,
    report_year     INTEGER,
    meeting_date    TEXT,
    speaker         TEXT,
    speaker_title   TEXT,
    title           TEXT,
    extractor       TEXT NOT NULL,
    imported_at     TEXT NOT NULL
);

CREATE TABLE section (
    report_id   INTEGER NOT NULL REFERENCES report(id) ON DELETE CASCADE,
    ord         INTEGER NOT NULL,
    heading     TEXT NOT NULL,
    start       INTEGER NOT NULL,
    "end"       INTEGER NOT NULL,
    part        TEXT NOT NULL,
    year_from   INTEGER,
    year_to     INTEGER,
    PRIMARY KEY (report_id, ord)
);

CREATE TABLE paragraph (
    report_id   INTEGER NOT NULL REFERENCES report(id) ON DELETE CASCADE,
    ord         INTEGER NOT NULL,
    start       INTEGER NOT NULL,
    "end"       INTEGER NOT NULL,
    kind        TEXT NOT NULL,
    section_ord INTEGER,
    PRIMARY KEY (report_id, ord)
);

CREATE TABLE sentence (
    id              INTEGER PRIMARY KEY,
    report_id       INTEGER NOT NULL REFERENCES report(id) ON DELETE CASCADE,
    ord             INTEGER NOT NULL,
    start           INTEGER NOT NULL,
    "end"           INTEGER NOT NULL,
    paragraph_ord   INTEGER NOT NULL,
    -- folded (simplified, half-width) text: what phrase search matches
    search_text     TEXT NOT NULL,
    UNIQUE (report_id, ord)
);

CREATE VIRTUAL TABLE sentence_fts USING fts5(
    search_text, content = 'sentence', content_rowid = 'id', tokenize = 'trigram'
);
CREATE TRIGGER sentence_fts_insert AFTER INSERT ON sentence BEGIN
    INSERT INTO sentence_fts (rowid, search_text) VALUES (new.id, new.search_text);
END;
CREATE TRIGGER sentence_fts_delete AFTER DELETE ON sentence BEGIN
    INSERT INTO sentence_fts (sentence_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
END;

CREATE TABLE garbled (
    report_id   INTEGER NOT NULL REFERENCES report(id) ON DELETE CASCADE,
    start       INTEGER NOT NULL,
    "end"       INTEGER NOT NULL
);

-- Figures as extracted (or added by a reviewer). Their reviewed state is
-- never stored here: it is derived from the decision log.
CREATE TABLE figure (
    id              INTEGER PRIMARY KEY,
    report_id       INTEGER NOT NULL REFERENCES report(id) ON DELETE CASCADE,
    ord             INTEGER NOT NULL,
    fields          TEXT NOT NULL,  -- JSON of the extracted fields
    text            TEXT NOT NULL,
    start           INTEGER NOT NULL,
    "end"           INTEGER NOT NULL,
    sentence_ord    INTEGER NOT NULL,
    flags           TEXT NOT NULL,  -- JSON array of {code, reason}
    indicator       TEXT,           -- copied from fields for filtering
    added_by        TEXT,           -- reviewer who added it by hand, NULL if extracted
    retired         INTEGER NOT NULL DEFAULT 0  -- no longer produced by the extractor
);
CREATE INDEX figure_report ON figure (report_id, ord);

-- The append-only review log. A figure's state is the replay of its
-- decisions; undo appends a row that cancels an earlier one.
CREATE TABLE decision (
    id          INTEGER PRIMARY KEY,
    figure_id   INTEGER NOT NULL REFERENCES figure(id),
    reviewer    TEXT NOT NULL,
    at          TEXT NOT NULL,
    action      TEXT NOT NULL,
    fields      TEXT,               -- JSON of the corrected fields, for `correct`
    comment     TEXT,
    undoes      INTEGER REFERENCES decision(id)
);
CREATE INDEX decision_figure ON decision (figure_id, id);
CREATE TRIGGER decision_no_update BEFORE UPDATE ON decision BEGIN
    SELECT RAISE(ABORT, 'the review log is append-only');
END;
CREATE TRIGGER decision_no_delete BEFORE DELETE ON decision BEGIN
    SELECT RAISE(ABORT, 'the review log is append-only');
END;

CREATE TABLE setting (
    key     TEXT PRIMARY KEY,
    value   TEXT NOT NULL
);

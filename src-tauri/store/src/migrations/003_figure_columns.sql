-- A figure's fields in their own columns instead of one JSON text (`fields`):
-- rows a third of the size, and no JSON parse for each figure read. The hook
-- in migrations.rs copies every figure's fields over, then drops `fields`.
ALTER TABLE figure ADD COLUMN measure TEXT NOT NULL DEFAULT 'other';
ALTER TABLE figure ADD COLUMN kind TEXT NOT NULL DEFAULT 'actual';
ALTER TABLE figure ADD COLUMN period TEXT;        -- 2020, or a span 2016-2020
ALTER TABLE figure ADD COLUMN value REAL;
ALTER TABLE figure ADD COLUMN unit TEXT NOT NULL DEFAULT '';
ALTER TABLE figure ADD COLUMN value_base REAL;
ALTER TABLE figure ADD COLUMN unit_base TEXT NOT NULL DEFAULT '';
ALTER TABLE figure ADD COLUMN qualifier TEXT NOT NULL DEFAULT 'eq';
ALTER TABLE figure ADD COLUMN value_low REAL;
ALTER TABLE figure ADD COLUMN value_high REAL;
ALTER TABLE figure ADD COLUMN firmness TEXT;

-- A report's figures in reading order without a sort per read (the review
-- list, the dataset and the exports all read them so).
CREATE INDEX figure_reading ON figure (report_id, start, ord);

-- 013: a report's amounts and indicators in its own submission row (issue 7).
--
-- fact_amount and fact_indicator held one row per fact: 4-8 amounts and 5 indicators for a
-- commune's monthly report, two INSERT ... SELECT FROM JSON_TABLE statements in bc_file and
-- about a dozen index entries, undo and redo records per filing. The bench stack measured
-- MariaDB at 1.39 ms of CPU per 4 KB filing with them and 1.18 ms with the arrays kept in the
-- submission row (bench/README.md, fifth session). Nothing reads these facts but the office's
-- consolidation, always through their submission, so they now live in it:
--
--   submissions.amounts      [[source, amount], …]          NULL when the report has none
--   submissions.indicators   [[code, value, unit or null], …]
--
-- as the worker passes them to bc_file (include/baocao/facts_json.h): the values as the
-- document wrote them (white space trimmed, NFC), which its schema has already held to their
-- types and bounds, and which the readers type as the tables did (BIGINT UNSIGNED,
-- DECIMAL(22,4)). Uniqueness of a source or code within a report was the tables' primary key
-- as well as the schemas' xs:unique; it is the schemas' alone now.
--
-- fact_amount and fact_indicator stay as views over the columns, with the columns and types
-- the tables had, so that a query written against the tables still reads the same facts (the
-- consolidation's queries in fcgi/store.c are those queries, unchanged). They
-- are not insertable, so a filing through the previous bc_file fails (answered 503, nothing
-- acknowledged) instead of writing facts beside the columns, until scripts/migrate has
-- replaced the routine; scripts/stack migrates before it starts the service anyway. On a large database the two
-- UPDATEs rewrite every submission that has such facts: run it with filings stopped.

ALTER TABLE submissions ADD COLUMN amounts JSON NULL, ADD COLUMN indicators JSON NULL;

UPDATE submissions s JOIN (SELECT submission_id,
    JSON_ARRAYAGG(JSON_ARRAY(source, CAST(amount AS CHAR)) ORDER BY source) AS rows_json
  FROM fact_amount GROUP BY submission_id) f ON f.submission_id = s.id
SET s.amounts = f.rows_json;

UPDATE submissions s JOIN (SELECT submission_id,
    JSON_ARRAYAGG(JSON_ARRAY(code, CAST(value AS CHAR), unit) ORDER BY code) AS rows_json
  FROM fact_indicator GROUP BY submission_id) f ON f.submission_id = s.id
SET s.indicators = f.rows_json;

DROP TABLE fact_amount, fact_indicator;

CREATE VIEW fact_amount AS
  SELECT s.id AS submission_id, f.source, f.amount
  FROM submissions s, JSON_TABLE(s.amounts, '$[*]' COLUMNS (
    source VARCHAR(32) PATH '$[0]', amount BIGINT UNSIGNED PATH '$[1]')) f;

CREATE VIEW fact_indicator AS
  SELECT s.id AS submission_id, f.code, f.value, f.unit
  FROM submissions s, JSON_TABLE(s.indicators, '$[*]' COLUMNS (
    code VARCHAR(64) PATH '$[0]', value DECIMAL(22,4) PATH '$[1]',
    unit VARCHAR(32) PATH '$[2]')) f;

-- bc_file itself stores the two arrays: sql/routines/bc_file.sql, applied after the
-- numbered migrations.

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
-- are not insertable, so a service still running the previous bc_file fails its filings
-- (answered 503, nothing acknowledged) instead of writing facts beside the columns;
-- scripts/stack migrates before it starts the service anyway. On a large database the two
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

DROP PROCEDURE IF EXISTS bc_file;

DELIMITER //
CREATE PROCEDURE bc_file(
  IN p_document_id CHAR(36), IN p_report_type VARCHAR(64), IN p_schema_ns VARCHAR(128),
  IN p_unit VARCHAR(32), IN p_filed_by VARCHAR(32), IN p_province VARCHAR(32),
  IN p_cadence VARCHAR(16), IN p_period VARCHAR(96), IN p_supersedes CHAR(36),
  IN p_sha256 CHAR(64), IN p_body LONGBLOB, IN p_prepared_by VARCHAR(600),
  IN p_prepared_at VARCHAR(40), IN p_received_at DATETIME(6), IN p_receipt_year SMALLINT UNSIGNED,
  IN p_deadline DATE, IN p_on_time TINYINT, IN p_criteria JSON, IN p_recognitions JSON,
  IN p_amounts JSON, IN p_indicators JSON, IN p_nominations JSON,
  IN p_contributions JSON)
body: BEGIN
  DECLARE v_seq INT UNSIGNED DEFAULT 0;
  DECLARE v_revision INT UNSIGNED DEFAULT 0;
  DECLARE v_newest CHAR(36) DEFAULT '';
  DECLARE v_sid BIGINT UNSIGNED;
  DECLARE EXIT HANDLER FOR 1062
  BEGIN
    ROLLBACK;
    SELECT 'duplicate', 0, 0, '';
  END;

  START TRANSACTION;
  -- the province's counter first: concurrent filings of a province queue in one order
  INSERT INTO receipt_counters (scope, year, last_seq) VALUES (p_province, p_receipt_year,
    LAST_INSERT_ID(1)) ON DUPLICATE KEY UPDATE last_seq = LAST_INSERT_ID(last_seq + 1);
  SET v_seq = LAST_INSERT_ID();
  BEGIN
    DECLARE CONTINUE HANDLER FOR NOT FOUND SET v_revision = 0;
    SELECT revision, document_id INTO v_revision, v_newest FROM submissions
     WHERE unit_code = p_unit AND report_type = p_report_type AND period = p_period
     ORDER BY revision DESC LIMIT 1 FOR UPDATE;
  END;
  IF p_supersedes <> '' AND p_supersedes <> v_newest THEN
    ROLLBACK;
    SELECT 'supersedes', v_revision, 0, v_newest;
    LEAVE body;
  END IF;

  INSERT INTO submissions (document_id, report_type, schema_ns, unit_code, filed_by,
    province_code, cadence, period, revision, supersedes, sha256, body, prepared_by,
    prepared_at, received_at, receipt_year, receipt_seq, deadline, on_time, amounts,
    indicators)
  VALUES (p_document_id, p_report_type, p_schema_ns, p_unit, p_filed_by, p_province,
    p_cadence, p_period, v_revision + 1, NULLIF(p_supersedes, ''), p_sha256, p_body,
    p_prepared_by, p_prepared_at, p_received_at, p_receipt_year, v_seq, p_deadline, p_on_time,
    p_amounts, p_indicators);
  SET v_sid = LAST_INSERT_ID();

  IF p_criteria IS NOT NULL THEN
    INSERT INTO fact_criteria (submission_id, commune_code, met, met_since)
    SELECT v_sid, f.commune, f.met, f.since FROM JSON_TABLE(p_criteria, '$[*]'
      COLUMNS (commune TEXT PATH '$[0]', met TEXT PATH '$[1]', since TEXT PATH '$[2]')) f;
  END IF;
  IF p_recognitions IS NOT NULL THEN
    INSERT INTO fact_recognition (submission_id, commune_code, decision_no, decided_on, tier)
    SELECT v_sid, f.commune, f.decision, f.decided, f.tier FROM JSON_TABLE(p_recognitions, '$[*]'
      COLUMNS (commune TEXT PATH '$[0]',
        decision TEXT PATH '$[1]', decided TEXT PATH '$[2]',
        tier TEXT PATH '$[3]')) f;
  END IF;
  IF p_nominations IS NOT NULL THEN
    INSERT INTO fact_nomination (submission_id, seq, category, subject, name, leader,
      contribution, disadvantaged)
    SELECT v_sid, f.seq, f.category, f.subject, f.name, f.leader, f.contribution,
      f.disadvantaged FROM JSON_TABLE(p_nominations, '$[*]'
      COLUMNS (seq FOR ORDINALITY, category TEXT PATH '$[0]',
               subject TEXT PATH '$[1]', name TEXT PATH '$[2]',
               leader TEXT PATH '$[3]', contribution TEXT PATH '$[4]',
               disadvantaged TEXT PATH '$[5]')) f;
  END IF;
  IF p_contributions IS NOT NULL THEN
    INSERT INTO fact_contribution (submission_id, seq, area, kind, amount)
    SELECT v_sid, f.seq, f.area, f.kind, f.amount FROM JSON_TABLE(p_contributions, '$[*]'
      COLUMNS (seq FOR ORDINALITY, area TEXT PATH '$[0]', kind TEXT PATH '$[1]',
               amount TEXT PATH '$[2]')) f;
  END IF;
  COMMIT;
  SELECT 'stored', v_revision + 1, v_seq, '';
END //
DELIMITER ;

-- bc_file: a filing in one round trip (issue 7). A routine, not a migration: scripts/migrate
-- applies every file of sql/routines/ after the numbered migrations whenever its content
-- differs from what schema_routines recorded, so a change to the procedure is a change to this
-- file alone. CREATE OR REPLACE swaps it in one step: a filing in flight never finds it
-- missing, and a file that fails to compile leaves the previous procedure in place.
--
-- The filing transaction used to be eight statements from the worker (START, receipt
-- counter, newest revision, submission, one INSERT per fact kind, COMMIT); on a machine
-- where every round trip costs two context switches, those round trips cost more than the
-- work. bc_file runs the statements inside the server, under the same locks, and answers one
-- row:
--
--   outcome      'stored'       committed: revision and receipt_seq are the receipt's, and
--                               newest_id the revision it superseded ('' for the first): a
--                               document that does not name it (a legacy system's) supersedes
--                               the newest revision, and is stored saying so
--                'supersedes'   rolled back: Supersedes is not the newest revision, which is
--                               newest_id ('' when there is none); the worker tells a replay,
--                               a stale revision and a wrong reference apart
--                'duplicate'    rolled back: a unique key refused the submission (the
--                               DocumentId is stored already, or a concurrent revision won)
--   revision, receipt_seq, newest_id
--
-- Facts come as one JSON array of rows per fact kind (NULL when the report has none), built by
-- bc_facts_json (include/baocao/facts_json.h), each row an array of the kind's fields, every
-- field a string or null; nominations and contributions are numbered by their position.
-- Criteria are one row per commune, packed as include/baocao/criteria_row.h says (sql/012);
-- amounts and indicators are stored as they come, in the submission's own row (sql/013). The
-- JSON_TABLE columns are wide on purpose: the fact table's own column refuses a value too
-- long, as a direct INSERT would. A deadlock or a lost connection ends the procedure with the
-- error and the transaction rolled back, and the worker retries.

DELIMITER //
CREATE OR REPLACE PROCEDURE bc_file(
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
  DECLARE v_answers VARCHAR(96) DEFAULT NULL;
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
  -- the report's newest revision: of its period, or for an ad hoc report of every answer of
  -- the unit to the request, whatever day each says it is as of (PROTOCOL.md: "further
  -- reports from the same unit for the same request are its revisions"); 'adhoc:CODE@' ..
  -- 'adhoc:CODEA' are exactly the periods of that code, as completeness reads them. Two
  -- statements, so that a periodic filing's stays one equality on the revision index.
  BEGIN
    DECLARE CONTINUE HANDLER FOR NOT FOUND SET v_revision = 0;
    IF p_cadence = 'ad-hoc' THEN
      SET v_answers = SUBSTRING_INDEX(p_period, '@', 1);
      SELECT revision, document_id INTO v_revision, v_newest FROM submissions
       WHERE unit_code = p_unit AND report_type = p_report_type
         AND period >= CONCAT(v_answers, '@') AND period < CONCAT(v_answers, 'A')
       ORDER BY revision DESC LIMIT 1 FOR UPDATE;
    ELSE
      SELECT revision, document_id INTO v_revision, v_newest FROM submissions
       WHERE unit_code = p_unit AND report_type = p_report_type AND period = p_period
       ORDER BY revision DESC LIMIT 1 FOR UPDATE;
    END IF;
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
    p_cadence, p_period, v_revision + 1, NULLIF(IF(p_supersedes = '', v_newest, p_supersedes), ''),
    p_sha256, p_body,
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
  SELECT 'stored', v_revision + 1, v_seq, v_newest;
END //
DELIMITER ;

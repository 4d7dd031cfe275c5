-- 012: a commune's criteria as one row (issue 7).
--
-- fact_criterion held one row per criterion: 19 for a commune's monthly report, 19 per
-- commune for a district's, two thirds of the rows a filing wrote; each row costs the
-- database an index entry, undo and redo records and a JSON_TABLE row, more than its bytes.
-- fact_criteria holds one row per commune of a report, in the format written down in
-- include/baocao/criteria_row.h:
--
--   met        criterion n at position n: '1' met, '0' not met, '-' not stated, up to the
--              highest criterion the report states for that commune
--   met_since  NULL when the row states no date; else 10 characters per position of met,
--              YYYY-MM-DD or '----------'
--
-- The rows of fact_criterion are packed into it, and bc_file (010) is created again to take
-- the criteria as [[commune, met, since], …]. The old table is renamed first, so that a
-- filing of a service still running the old bc_file fails (and is answered 503, nothing
-- acknowledged) instead of writing criteria after they were packed; scripts/stack migrates
-- before it starts the service anyway.

RENAME TABLE fact_criterion TO fact_criterion_011;

CREATE TABLE fact_criteria (
  submission_id BIGINT UNSIGNED NOT NULL,
  commune_code  VARCHAR(16)  NOT NULL,
  met           VARCHAR(99)  CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  met_since     VARCHAR(990) CHARACTER SET ascii COLLATE ascii_bin NULL,
  PRIMARY KEY (submission_id, commune_code)
) ENGINE=InnoDB;

INSERT INTO fact_criteria (submission_id, commune_code, met, met_since)
WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 99),
  g AS (SELECT submission_id, commune_code, MAX(criterion_no) AS top,
          MAX(met_since IS NOT NULL) AS dated
        FROM fact_criterion_011 GROUP BY submission_id, commune_code)
SELECT g.submission_id, g.commune_code,
  GROUP_CONCAT(IFNULL(f.met, '-') ORDER BY n.i SEPARATOR ''),
  IF(g.dated, GROUP_CONCAT(IFNULL(DATE_FORMAT(f.met_since, '%Y-%m-%d'), '----------')
    ORDER BY n.i SEPARATOR ''), NULL)
FROM g JOIN n ON n.i <= g.top
LEFT JOIN fact_criterion_011 f ON f.submission_id = g.submission_id
  AND f.commune_code = g.commune_code AND f.criterion_no = n.i
GROUP BY g.submission_id, g.commune_code, g.dated;

DROP TABLE fact_criterion_011;

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
    prepared_at, received_at, receipt_year, receipt_seq, deadline, on_time)
  VALUES (p_document_id, p_report_type, p_schema_ns, p_unit, p_filed_by, p_province,
    p_cadence, p_period, v_revision + 1, NULLIF(p_supersedes, ''), p_sha256, p_body,
    p_prepared_by, p_prepared_at, p_received_at, p_receipt_year, v_seq, p_deadline, p_on_time);
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
  IF p_amounts IS NOT NULL THEN
    INSERT INTO fact_amount (submission_id, source, amount)
    SELECT v_sid, f.source, f.amount FROM JSON_TABLE(p_amounts, '$[*]'
      COLUMNS (source TEXT PATH '$[0]', amount TEXT PATH '$[1]')) f;
  END IF;
  IF p_indicators IS NOT NULL THEN
    INSERT INTO fact_indicator (submission_id, code, value, unit)
    SELECT v_sid, f.code, f.value, f.unit FROM JSON_TABLE(p_indicators, '$[*]'
      COLUMNS (code TEXT PATH '$[0]', value TEXT PATH '$[1]',
               unit TEXT PATH '$[2]')) f;
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

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
-- The rows of fact_criterion are packed into it; bc_file takes the criteria as
-- [[commune, met, since], …] since this change. The old table is renamed first, so that a
-- filing through the previous bc_file fails (and is answered 503, nothing acknowledged)
-- instead of writing criteria after they were packed, until scripts/migrate has replaced the
-- routine after the numbered migrations; scripts/stack migrates before it starts the service
-- anyway.

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

-- bc_file itself takes the criteria as [[commune, met, since], …]: sql/routines/bc_file.sql,
-- applied after the numbered migrations.

-- 001: submissions as received, and the facts extracted from them.
--
-- A submission row keeps the exact bytes received and their SHA-256, the header fields,
-- who filed it and when, and the receipt fields, so that a replay answers the original
-- receipt without re-parsing anything. Revisions of one report (unit, type, period) are
-- numbered 1, 2, 3 …; the unique key makes two concurrent revisions of one report take
-- distinct numbers (the loser retries). Facts live in one narrow table per fact kind.

CREATE TABLE submissions (
  id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  document_id   CHAR(36)     NOT NULL,             -- lower-case UUID
  report_type   VARCHAR(64)  NOT NULL,             -- root element, e.g. ProgressReport
  schema_ns     VARCHAR(128) NOT NULL,             -- namespace = version, e.g. urn:baocao:ntm:1
  unit_code     VARCHAR(32)  NOT NULL,             -- ReportingUnit
  filed_by      VARCHAR(32)  NOT NULL,             -- the unit whose credential filed it
  cadence       VARCHAR(16)  NOT NULL,             -- monthly, quarterly, … (period.h)
  period        VARCHAR(96)  NOT NULL,             -- canonical name: 2024-03, 2024-Q1, adhoc:REQ@date
  revision      INT UNSIGNED NOT NULL,
  supersedes    CHAR(36)     NULL,
  sha256        CHAR(64)     NOT NULL,
  body          LONGBLOB     NOT NULL,             -- the bytes exactly as received
  prepared_by   VARCHAR(255) NOT NULL,
  prepared_at   VARCHAR(40)  NOT NULL,             -- as written, with its time zone
  received_at   DATETIME(6)  NOT NULL,             -- UTC
  receipt_year  SMALLINT UNSIGNED NOT NULL,
  receipt_seq   INT UNSIGNED NOT NULL,
  deadline      DATE         NOT NULL,
  on_time       TINYINT(1)   NOT NULL,
  UNIQUE KEY submissions_document (document_id),
  UNIQUE KEY submissions_revision (unit_code, report_type, period, revision),
  UNIQUE KEY submissions_receipt (receipt_year, receipt_seq)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- The next receipt number per scope and year. The scope is the province once the registry
-- exists; until then one scope, "all".
CREATE TABLE receipt_counters (
  scope     VARCHAR(16)  NOT NULL,
  year      SMALLINT UNSIGNED NOT NULL,
  last_seq  INT UNSIGNED NOT NULL,
  PRIMARY KEY (scope, year)
) ENGINE=InnoDB;

-- Criterion status of a commune as a report states it.
CREATE TABLE fact_criterion (
  submission_id BIGINT UNSIGNED NOT NULL,
  commune_code  VARCHAR(16) NOT NULL,
  criterion_no  SMALLINT UNSIGNED NOT NULL,
  met           TINYINT(1) NOT NULL,
  met_since     DATE NULL,
  PRIMARY KEY (submission_id, commune_code, criterion_no),
  KEY fact_criterion_commune (commune_code, criterion_no),
  CONSTRAINT fact_criterion_submission FOREIGN KEY (submission_id) REFERENCES submissions (id)
) ENGINE=InnoDB;

-- Resources mobilised in the period at the reporting unit's own level, by source (whole VND).
CREATE TABLE fact_amount (
  submission_id BIGINT UNSIGNED NOT NULL,
  source        VARCHAR(32) NOT NULL,
  amount        BIGINT UNSIGNED NOT NULL,
  PRIMARY KEY (submission_id, source),
  CONSTRAINT fact_amount_submission FOREIGN KEY (submission_id) REFERENCES submissions (id)
) ENGINE=InnoDB;

-- Numeric indicators by code.
CREATE TABLE fact_indicator (
  submission_id BIGINT UNSIGNED NOT NULL,
  code          VARCHAR(64) NOT NULL,
  value         DECIMAL(18,4) NOT NULL,
  unit          VARCHAR(32) NULL,
  PRIMARY KEY (submission_id, code),
  CONSTRAINT fact_indicator_submission FOREIGN KEY (submission_id) REFERENCES submissions (id)
) ENGINE=InnoDB;

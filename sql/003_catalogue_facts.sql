-- 003: the fact kinds the report catalogue can map onto that 001 did not have.
--
-- Recognition decisions (CriteriaAssessment), award nominations (EmulationReport) and
-- contributions to the Fatherland Front's campaign (CampaignReport). Nominations and
-- contributions have no natural key within a document, so they are numbered (seq).

CREATE TABLE fact_recognition (
  submission_id BIGINT UNSIGNED NOT NULL,
  commune_code  VARCHAR(16)  NOT NULL,
  decision_no   VARCHAR(64)  NOT NULL,
  decided_on    DATE         NOT NULL,
  tier          VARCHAR(16)  NOT NULL,            -- standard | advanced | model
  PRIMARY KEY (submission_id, commune_code),
  KEY fact_recognition_commune (commune_code),
  CONSTRAINT fact_recognition_submission FOREIGN KEY (submission_id) REFERENCES submissions (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE fact_nomination (
  submission_id BIGINT UNSIGNED NOT NULL,
  seq           INT UNSIGNED NOT NULL,
  category      VARCHAR(8)   NOT NULL,            -- 1.1 … 1.6, 1.5.1, 1.5.2
  subject       VARCHAR(16)  NOT NULL,            -- collective | individual
  name          VARCHAR(300) NOT NULL,
  leader        TINYINT(1)   NULL,
  contribution  BIGINT UNSIGNED NULL,             -- VND
  disadvantaged TINYINT(1)   NULL,
  PRIMARY KEY (submission_id, seq),
  CONSTRAINT fact_nomination_submission FOREIGN KEY (submission_id) REFERENCES submissions (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE fact_contribution (
  submission_id BIGINT UNSIGNED NOT NULL,
  seq           INT UNSIGNED NOT NULL,
  area          VARCHAR(8)   NOT NULL,            -- campaign area 2.1 … 2.5
  kind          VARCHAR(16)  NOT NULL,            -- the measure: money (VND) | land (m²) | workdays | households
  amount        DECIMAL(22,2) NOT NULL,
  PRIMARY KEY (submission_id, seq),
  CONSTRAINT fact_contribution_submission FOREIGN KEY (submission_id) REFERENCES submissions (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

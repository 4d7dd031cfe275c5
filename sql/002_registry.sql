-- 002: who reports — the unit registry, credentials, grants and ad hoc requests.
--
-- Units are identified by code, never by name (names repeat). Every unit has a kind, a
-- parent, the province it belongs to (denormalised: receipts are numbered per province, and
-- the office's rights end at its province), a validity interval and, once merged away, a
-- successor. Names are stored in NFC.

CREATE TABLE units (
  code           VARCHAR(32)  NOT NULL PRIMARY KEY,
  kind           VARCHAR(16)  NOT NULL,      -- province district commune department front office
  parent_code    VARCHAR(32)  NULL,
  province_code  VARCHAR(32)  NOT NULL,      -- the province's GSO code; itself for a province
  name           VARCHAR(255) NOT NULL,
  type_name      VARCHAR(64)  NULL,          -- "Xã", "Phường", "Huyện", "Sở", …
  valid_from     DATE         NOT NULL DEFAULT '1900-01-01',
  valid_to       DATE         NULL,          -- last day of validity; NULL while valid
  successor_code VARCHAR(32)  NULL,
  updated_at     TIMESTAMP    NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  KEY units_parent (parent_code),
  KEY units_province_kind (province_code, kind)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- The criteria a department answers for (seed 002's map by default).
CREATE TABLE unit_criteria (
  unit_code     VARCHAR(32) NOT NULL,
  criterion_no  SMALLINT UNSIGNED NOT NULL,
  PRIMARY KEY (unit_code, criterion_no)
) ENGINE=InnoDB;

-- A credential is a bearer token (digest = SHA-256 of the token, hex) or a TLS client
-- certificate (digest = the fingerprint nginx reports). The secret itself is never stored.
CREATE TABLE credentials (
  id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  unit_code   VARCHAR(32)  NOT NULL,
  kind        VARCHAR(16)  NOT NULL,          -- token | certificate
  digest      CHAR(64)     NOT NULL,
  label       VARCHAR(200) NOT NULL DEFAULT '',
  created_at  TIMESTAMP    NOT NULL DEFAULT CURRENT_TIMESTAMP,
  revoked_at  TIMESTAMP    NULL,
  UNIQUE KEY credentials_digest (digest),
  KEY credentials_unit (unit_code)
) ENGINE=InnoDB DEFAULT CHARSET=ascii COLLATE=ascii_bin;

-- The office lets a district file on behalf of one of its communes.
CREATE TABLE grants (
  grantee_code VARCHAR(32) NOT NULL,
  unit_code    VARCHAR(32) NOT NULL,
  granted_at   TIMESTAMP   NOT NULL DEFAULT CURRENT_TIMESTAMP,
  revoked_at   TIMESTAMP   NULL,
  PRIMARY KEY (grantee_code, unit_code)
) ENGINE=InnoDB DEFAULT CHARSET=ascii COLLATE=ascii_bin;

-- Ad hoc requests the office registers; an ad hoc report names one addressed to its unit.
CREATE TABLE adhoc_requests (
  code           VARCHAR(64)  NOT NULL PRIMARY KEY,
  province_code  VARCHAR(32)  NOT NULL,
  subject        VARCHAR(500) NOT NULL,
  due            DATE         NOT NULL,
  created_by     VARCHAR(32)  NOT NULL,
  created_at     TIMESTAMP    NOT NULL DEFAULT CURRENT_TIMESTAMP
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE adhoc_request_units (
  request_code VARCHAR(64) NOT NULL,
  unit_code    VARCHAR(32) NOT NULL,
  PRIMARY KEY (request_code, unit_code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Receipts are numbered per province and year from now on; the scope is the province code.
ALTER TABLE submissions ADD COLUMN province_code VARCHAR(32) NOT NULL DEFAULT '' AFTER filed_by;
ALTER TABLE submissions DROP INDEX submissions_receipt;
ALTER TABLE submissions ADD UNIQUE KEY submissions_receipt (province_code, receipt_year, receipt_seq);

-- 008: the plan's targets a province's progress is read against (DOMAIN.md "Recognition";
-- README "Targets"): one row per measure of a province's year, set with `baocaoctl target
-- set`, which replaces the year's rows. The measure is kept by name (fcgi/targets.c's table);
-- criteria is the K of communes-at-K (communes with at least K criteria met), 0 otherwise.
-- (007 is taken by another change.)

CREATE TABLE targets (
  province_code VARCHAR(32)   NOT NULL,
  year          SMALLINT UNSIGNED NOT NULL,           -- the year it is set for ("by 2015")
  measure       VARCHAR(16)   NOT NULL,               -- communes communes-at share average minimum districts
  criteria      SMALLINT UNSIGNED NOT NULL DEFAULT 0,
  value         DECIMAL(10,2) NOT NULL,
  set_at        DATETIME(6)   NOT NULL,               -- UTC
  PRIMARY KEY (province_code, year, measure, criteria)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

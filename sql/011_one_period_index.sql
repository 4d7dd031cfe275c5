-- 011: one covering index of a period's filings instead of two (the filing path).
--
-- Every filing writes an entry into each secondary index of submissions, and 009 left two
-- wide ones with much the same columns: dropping submissions_type_period saved about 0.07 ms
-- of the roughly 1 ms of MariaDB CPU a 4 KB filing costs. What it served,
-- submissions_province_period serves with two more columns at its end.
--
-- Completeness (store.c STMT_FILINGS and STMT_FILINGS_COUNTRY; also the consolidated report's
-- missing units) reads unit_code, revision, document_id, filed_by, received_at and on_time of
-- a report type and period. In a province, province_code = ? AND period = ? AND
-- report_type = ? is an equality prefix of this index. The whole country is one such prefix
-- per province, province_code IN (the registry's provinces), which MariaDB reads as that many
-- lookups only when it can tell the list is short: hence units_kind (a few dozen entries for
-- kind = 'province'). Without it the plan was a scan of the whole index, every period of
-- every year. The registry changes seldom, so this index costs filings nothing.
--
-- filed_by and on_time go last, after what 009 put there, so the year's fact queries
-- (recognition, the consolidated report) keep their range on (province_code, period) and the
-- columns after it. The nominations of a year (EmulationReport), once a range on
-- submissions_type_period, are the same range here, led by the province.
ALTER TABLE submissions
  DROP INDEX submissions_type_period,
  DROP INDEX submissions_province_period,
  ADD INDEX submissions_province_period (province_code, period, report_type, unit_code, revision,
    received_at, cadence, document_id, filed_by, on_time);
ALTER TABLE units ADD INDEX units_kind (kind);

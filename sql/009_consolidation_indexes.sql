-- 009: the indexes consolidation needs at national scale (issue 5, "Scale"; make bench (6)).
--
-- A submission keeps its document in its row, and a 4 KB document stays in the clustered
-- index: reading any column of a row outside a secondary index costs a page of its own. With
-- five years of monthly reports of every commune (600,000 rows, 2.4 GB), a province's year
-- read that way is thousands of scattered pages, and 004's index let the year's queries narrow
-- only to the report type (every period of every province) or to the province (every period).
-- Both indexes below carry every column of submissions their queries read, so those are
-- answered from the index alone; the facts are then found by their primary key (the
-- submission first).
--
-- submissions_type_period (004, same leading columns, so whatever used it still can): the
-- filings of a type and period, in a province or the whole country (completeness, the
-- consolidated report's missing units).
--
-- submissions_province_period: the facts of a province's year (recognition, the consolidated
-- report): province_code = ? AND (period = '2024' OR period LIKE '2024-%') is a range on its
-- first two columns; report_type, unit_code and revision serve the join and the newest-revision
-- subquery; received_at, cadence and document_id what the criteria are read with.
ALTER TABLE submissions
  DROP INDEX submissions_type_period,
  ADD INDEX submissions_type_period (report_type, period, province_code, unit_code, revision,
    document_id, filed_by, received_at, on_time),
  ADD INDEX submissions_province_period (province_code, period, report_type, unit_code, revision,
    received_at, cadence, document_id);

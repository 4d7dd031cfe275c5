-- 004: completeness reads every revision of one report type and period in a province.
CREATE INDEX submissions_type_period ON submissions (report_type, period, province_code);

-- 007: cheaper fact rows (issue 7). Facts are written only in the transaction that inserts
-- their submission, and submissions are never deleted, so the foreign keys checked nothing a
-- filing could break while costing every fact row a parent lookup and a shared lock on the
-- submission. fact_criterion_commune served no query: every reading of criteria goes through
-- the submission (its province, type and period), whose key leads the primary key.
ALTER TABLE fact_criterion DROP FOREIGN KEY fact_criterion_submission,
  DROP INDEX fact_criterion_commune;
ALTER TABLE fact_amount DROP FOREIGN KEY fact_amount_submission;
ALTER TABLE fact_indicator DROP FOREIGN KEY fact_indicator_submission;
ALTER TABLE fact_recognition DROP FOREIGN KEY fact_recognition_submission;
ALTER TABLE fact_nomination DROP FOREIGN KEY fact_nomination_submission;
ALTER TABLE fact_contribution DROP FOREIGN KEY fact_contribution_submission;

-- 005: an indicator value may have the 18 digits its schema allows (4 of them decimals would
-- leave 14 whole digits in DECIMAL(18,4); the schema allows 18 in all, so whole numbers of up
-- to 18 digits must fit).
ALTER TABLE fact_indicator MODIFY value DECIMAL(22,4) NOT NULL;

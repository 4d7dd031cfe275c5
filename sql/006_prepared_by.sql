-- 006: PreparedBy is at most 200 characters as sent, but NFC can make a character up to three
-- (U+0344 becomes two; some up to three): the column takes what normalisation can produce.
ALTER TABLE submissions MODIFY prepared_by VARCHAR(600) NOT NULL;

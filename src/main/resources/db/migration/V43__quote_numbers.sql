-- Quote numbers (Q-2026-000123): one counter row per year, incremented under the row's lock in the transaction
-- that saves the quote, so two quotes saved at once never get the same number (uk_quote_number backs it up).
-- The rows for 2000-2199 exist from the start: the first quotes of a year then only update (an insert racing
-- another insert of the same missing row could deadlock on the gap lock).
CREATE TABLE quote_number_counter (
    year       INT    NOT NULL PRIMARY KEY,
    last_value BIGINT NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

INSERT INTO quote_number_counter (year, last_value)
WITH RECURSIVE years (y) AS (SELECT 2000 UNION ALL SELECT y + 1 FROM years WHERE y < 2199)
SELECT y, 0 FROM years;

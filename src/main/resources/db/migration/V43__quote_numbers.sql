-- Quote numbers (Q-2026-000123): one counter row per year, incremented under the row's lock in the transaction
-- that saves the quote, so two quotes saved at once never get the same number (uk_quote_number backs it up).
CREATE TABLE quote_number_counter (
    year       INT    NOT NULL PRIMARY KEY,
    last_value BIGINT NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

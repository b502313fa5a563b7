-- Customers by lifecycle at the end of each month (the current month: as of its last rebuild), back-filled from
-- purchase history on the first rebuild and rebuilt nightly, so the customer report reads a few dozen rows.
CREATE TABLE insight_customer_month (
    month           DATE           NOT NULL PRIMARY KEY,
    as_of_day       DATE           NOT NULL,
    potential       BIGINT         NOT NULL,
    new_customers   BIGINT         NOT NULL,
    active          BIGINT         NOT NULL,
    inactive        BIGINT         NOT NULL,
    churned         BIGINT         NOT NULL,
    high_value      BIGINT         NOT NULL,
    became_churned  BIGINT         NOT NULL,
    revenue         DECIMAL(18, 2) NOT NULL,
    computed_at     DATETIME(6)    NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

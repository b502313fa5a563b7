-- Revenue and margin per price tier and month (tier 0: customers without a tier), rebuilt by a background job
-- (nightly, on a manager's request, on the first open) so that the summaries read a few dozen rows. A purchase counts
-- in its customer's tier at the rebuild; cost only where its product names a catalogue product (see docs/insight.md).
CREATE TABLE insight_tier_month (
    tier_id        BIGINT         NOT NULL,
    month          DATE           NOT NULL,
    purchases      BIGINT         NOT NULL,
    revenue        DECIMAL(18, 2) NOT NULL,
    costed_revenue DECIMAL(18, 2) NULL,
    cost           DECIMAL(18, 2) NULL,
    computed_at    DATETIME(6)    NOT NULL,
    PRIMARY KEY (month, tier_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

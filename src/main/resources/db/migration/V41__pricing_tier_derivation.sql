-- One row that serialises the re-derivation of customer_price_tier (a derivation locks it first, so two never
-- interleave their diffs) and says when it last ran and how many customers got a tier.
CREATE TABLE price_tier_derivation (
    id         TINYINT     NOT NULL PRIMARY KEY,
    derived_at DATETIME(6) NULL,
    customers  BIGINT      NOT NULL DEFAULT 0,
    CONSTRAINT ck_price_tier_derivation_one CHECK (id = 1)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
INSERT INTO price_tier_derivation (id, derived_at, customers) VALUES (1, NULL, 0);

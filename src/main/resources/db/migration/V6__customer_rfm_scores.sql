-- RFM scores 1–5 (5 best) per customer, NULL for customers without purchases. The full metrics refresh stores
-- the quintile cut points over customers with purchases in customer_rfm_cuts; every refresh (one customer,
-- an id range, everyone) scores against the stored cuts, so that a purchase rescores its customer at once
-- without a pass over everyone.
--
-- Cut i (1–4) of a measure is the value at position ceil(i * n / 5) of the n customers with purchases in
-- ascending order. A score is 1 plus the number of cuts the value lies strictly above, so equal values always
-- share a score and a value equal to a cut takes the lower score; many ties (say, most customers bought once)
-- leave some scores with more customers and others with fewer or none. R orders by the last purchase date
-- (more recent = higher), F by the number of purchases, M by total spend.
ALTER TABLE customer_metrics
    ADD COLUMN r_score TINYINT NULL,
    ADD COLUMN f_score TINYINT NULL,
    ADD COLUMN m_score TINYINT NULL;

-- One row; cuts are NULL until the first full refresh, and scores are NULL while they are.
CREATE TABLE customer_rfm_cuts (
    id           BIGINT         NOT NULL PRIMARY KEY,
    r1           DATE           NULL,
    r2           DATE           NULL,
    r3           DATE           NULL,
    r4           DATE           NULL,
    f1           INT            NULL,
    f2           INT            NULL,
    f3           INT            NULL,
    f4           INT            NULL,
    m1           DECIMAL(16, 2) NULL,
    m2           DECIMAL(16, 2) NULL,
    m3           DECIMAL(16, 2) NULL,
    m4           DECIMAL(16, 2) NULL,
    customers    BIGINT         NOT NULL DEFAULT 0,
    computed_at  DATETIME(6)    NULL,
    CONSTRAINT ck_customer_rfm_cuts_one CHECK (id = 1)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

INSERT INTO customer_rfm_cuts (id) VALUES (1);

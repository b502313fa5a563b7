-- Insight's pre-aggregated figures per source channel (docs/insight.md). Written by the insight module only: in full
-- by the rollup job (nightly on one node, after bulk changes, on demand), and key by key when a customer, purchase,
-- return, deal or channel cost changes. channel_id 0 stands for customers and deals without a source channel (real
-- channel ids start at 1); months are the first day of the month. recomputed_at is when the row was last computed:
-- a rebuild leaves alone the rows that an incremental update recomputed after the rebuild's snapshot began.

-- The source channel and month each customer counts as acquired in (the earlier of its record's creation and its
-- first purchase, in business time), and whether it has bought at all.
CREATE TABLE insight_customer_acquisition (
    customer_id    BIGINT      NOT NULL PRIMARY KEY,
    channel_id     BIGINT      NOT NULL,
    cohort_month   DATE        NOT NULL,
    converted      BOOLEAN     NOT NULL,
    recomputed_at  DATETIME(6) NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- A cohort's members in one index range: the counts per (channel, month) and the cohort revenue's join.
CREATE INDEX ix_insight_customer_acquisition_cohort
    ON insight_customer_acquisition (channel_id, cohort_month, converted);

-- Purchases (net of returns) per channel, acquisition month and purchase month.
CREATE TABLE insight_channel_cohort (
    channel_id     BIGINT         NOT NULL,
    cohort_month   DATE           NOT NULL,
    month          DATE           NOT NULL,
    purchases      INT            NOT NULL,
    revenue        DECIMAL(18, 2) NOT NULL,
    recomputed_at  DATETIME(6)    NOT NULL,
    PRIMARY KEY (channel_id, cohort_month, month)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- A channel's month summed over its cohorts, read from the index alone.
CREATE INDEX ix_insight_channel_cohort_month
    ON insight_channel_cohort (channel_id, month, cohort_month, purchases, revenue);

-- Per channel and month: customers acquired (and of those, who have bought), purchases and revenue in the month by
-- the channel's customers, deals opened in the month with the channel (and of those, won), the month's cost.
CREATE TABLE insight_channel_month (
    channel_id           BIGINT         NOT NULL,
    month                DATE           NOT NULL,
    new_customers        INT            NOT NULL DEFAULT 0,
    converted_customers  INT            NOT NULL DEFAULT 0,
    purchases            INT            NOT NULL DEFAULT 0,
    revenue              DECIMAL(18, 2) NOT NULL DEFAULT 0,
    deals_created        INT            NOT NULL DEFAULT 0,
    deals_won            INT            NOT NULL DEFAULT 0,
    cost                 DECIMAL(18, 2) NOT NULL DEFAULT 0,
    recomputed_at        DATETIME(6)    NOT NULL,
    PRIMARY KEY (channel_id, month)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE INDEX ix_insight_channel_month_month ON insight_channel_month (month, channel_id);

-- The rebuild's scratch copies: filled from the source tables, merged into the tables above, then emptied.
CREATE TABLE insight_customer_acquisition_build (
    customer_id    BIGINT  NOT NULL PRIMARY KEY,
    channel_id     BIGINT  NOT NULL,
    cohort_month   DATE    NOT NULL,
    converted      BOOLEAN NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE insight_channel_cohort_build (
    channel_id     BIGINT         NOT NULL,
    cohort_month   DATE           NOT NULL,
    month          DATE           NOT NULL,
    purchases      INT            NOT NULL,
    revenue        DECIMAL(18, 2) NOT NULL,
    PRIMARY KEY (channel_id, cohort_month, month)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE insight_channel_month_build (
    channel_id           BIGINT         NOT NULL,
    month                DATE           NOT NULL,
    new_customers        INT            NOT NULL,
    converted_customers  INT            NOT NULL,
    purchases            INT            NOT NULL,
    revenue              DECIMAL(18, 2) NOT NULL,
    deals_created        INT            NOT NULL,
    deals_won            INT            NOT NULL,
    cost                 DECIMAL(18, 2) NOT NULL,
    PRIMARY KEY (channel_id, month)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- One row. as_of: when the snapshot of the last complete rebuild began (NULL: never built); requested_at: when a
-- bulk change (an import, an undo, a failed incremental update) last asked for a rebuild.
CREATE TABLE insight_rollup_state (
    id                BIGINT       NOT NULL PRIMARY KEY,
    as_of             DATETIME(6)  NULL,
    rebuilt_at        DATETIME(6)  NULL,
    rebuild_millis    BIGINT       NULL,
    requested_at      DATETIME(6)  NULL,
    requested_reason  VARCHAR(200) NULL,
    CONSTRAINT ck_insight_rollup_state_one CHECK (id = 1)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

INSERT INTO insight_rollup_state (id) VALUES (1);

CREATE TABLE customer (
    id                 BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    code               VARCHAR(32)   NOT NULL,
    name               VARCHAR(100)  NOT NULL,
    kind               VARCHAR(16)   NOT NULL,
    gender             VARCHAR(8)    NULL,
    birth_date         DATE          NULL,
    occupation         VARCHAR(32)   NULL,
    income             DECIMAL(14, 2) NULL,
    province           VARCHAR(32)   NULL,
    city               VARCHAR(32)   NULL,
    phone              VARCHAR(32)   NULL,
    email              VARCHAR(254)  NULL,
    source_channel_id  BIGINT        NULL,
    acquisition_method VARCHAR(16)   NULL,
    referred_by_id     BIGINT        NULL,
    need_type          VARCHAR(16)   NULL,
    purchase_style     VARCHAR(16)   NULL,
    loyalty            VARCHAR(16)   NULL,
    tags               VARCHAR(500)  NULL,
    notes              TEXT          NULL,
    owner_id           BIGINT        NULL,
    version            BIGINT        NOT NULL DEFAULT 0,
    created_at         DATETIME(6)   NOT NULL,
    created_by         VARCHAR(64)   NOT NULL,
    updated_at         DATETIME(6)   NOT NULL,
    updated_by         VARCHAR(64)   NOT NULL,
    CONSTRAINT uk_customer_code UNIQUE (code),
    CONSTRAINT fk_customer_referred_by FOREIGN KEY (referred_by_id) REFERENCES customer (id) ON DELETE SET NULL,
    CONSTRAINT fk_customer_channel FOREIGN KEY (source_channel_id) REFERENCES source_channel (id),
    CONSTRAINT ck_customer_kind CHECK (kind IN ('PERSON', 'ORGANIZATION')),
    CONSTRAINT ck_customer_income CHECK (income IS NULL OR income >= 0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The grid's paths: sort by name (deferred join over this index), filter by city + income, quick search.
CREATE INDEX ix_customer_name ON customer (name);
CREATE INDEX ix_customer_city_income ON customer (city, income);
CREATE INDEX ix_customer_province_city ON customer (province, city);
CREATE INDEX ix_customer_phone ON customer (phone);
CREATE INDEX ix_customer_email ON customer (email);
CREATE INDEX ix_customer_channel ON customer (source_channel_id);
CREATE INDEX ix_customer_owner ON customer (owner_id);
CREATE INDEX ix_customer_referred_by ON customer (referred_by_id);
CREATE INDEX ix_customer_updated ON customer (updated_at);

CREATE TABLE purchase (
    id           BIGINT         NOT NULL AUTO_INCREMENT PRIMARY KEY,
    customer_id  BIGINT         NOT NULL,
    purchase_date DATE          NOT NULL,
    product      VARCHAR(100)   NOT NULL,
    quantity     INT            NOT NULL,
    amount       DECIMAL(14, 2) NOT NULL,
    channel      VARCHAR(16)    NOT NULL,
    version      BIGINT         NOT NULL DEFAULT 0,
    created_at   DATETIME(6)    NOT NULL,
    created_by   VARCHAR(64)    NOT NULL,
    updated_at   DATETIME(6)    NOT NULL,
    updated_by   VARCHAR(64)    NOT NULL,
    CONSTRAINT fk_purchase_customer FOREIGN KEY (customer_id) REFERENCES customer (id) ON DELETE CASCADE,
    CONSTRAINT ck_purchase_quantity CHECK (quantity > 0),
    CONSTRAINT ck_purchase_amount CHECK (amount >= 0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Covers the RFM aggregate (per customer: max date, count, sum) without touching the rows.
CREATE INDEX ix_purchase_customer_date ON purchase (customer_id, purchase_date, amount);
CREATE INDEX ix_purchase_date ON purchase (purchase_date);

-- Recency / frequency / monetary per customer, and the lifecycle and value derived from them. Written only by
-- SQL aggregates over purchase (per customer on change, all customers on a threshold change or nightly).
CREATE TABLE customer_metrics (
    customer_id     BIGINT         NOT NULL PRIMARY KEY,
    first_purchase  DATE           NULL,
    last_purchase   DATE           NULL,
    frequency       INT            NOT NULL DEFAULT 0,
    monetary        DECIMAL(16, 2) NOT NULL DEFAULT 0,
    recent_spend    DECIMAL(16, 2) NOT NULL DEFAULT 0,
    lifecycle       VARCHAR(16)    NOT NULL,
    value_level     VARCHAR(8)     NOT NULL,
    refreshed_at    DATETIME(6)    NOT NULL,
    CONSTRAINT fk_customer_metrics_customer FOREIGN KEY (customer_id) REFERENCES customer (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE INDEX ix_customer_metrics_lifecycle ON customer_metrics (lifecycle, value_level);

-- The thresholds a manager sets; one row.
CREATE TABLE lifecycle_settings (
    id                  BIGINT         NOT NULL PRIMARY KEY,
    new_days            INT            NOT NULL,
    active_days         INT            NOT NULL,
    churn_days          INT            NOT NULL,
    high_value_spend    DECIMAL(14, 2) NOT NULL,
    value_window_days   INT            NOT NULL,
    version             BIGINT         NOT NULL DEFAULT 0,
    created_at          DATETIME(6)    NOT NULL,
    created_by          VARCHAR(64)    NOT NULL,
    updated_at          DATETIME(6)    NOT NULL,
    updated_by          VARCHAR(64)    NOT NULL,
    CONSTRAINT ck_lifecycle_order CHECK (new_days > 0 AND active_days > 0 AND churn_days > active_days)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

INSERT INTO lifecycle_settings (id, new_days, active_days, churn_days, high_value_spend, value_window_days,
                                version, created_at, created_by, updated_at, updated_by)
VALUES (1, 90, 180, 365, 5000.00, 365, 0, UTC_TIMESTAMP(6), 'system', UTC_TIMESTAMP(6), 'system');

CREATE TABLE source_channel (
    id                 BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    name               VARCHAR(100) NOT NULL,
    category           VARCHAR(16)  NOT NULL,
    acquisition_method VARCHAR(16)  NOT NULL,
    active             BOOLEAN      NOT NULL DEFAULT TRUE,
    description        VARCHAR(500) NULL,
    version            BIGINT       NOT NULL DEFAULT 0,
    created_at         DATETIME(6)  NOT NULL,
    created_by         VARCHAR(64)  NOT NULL,
    updated_at         DATETIME(6)  NOT NULL,
    updated_by         VARCHAR(64)  NOT NULL,
    CONSTRAINT uk_source_channel_name UNIQUE (name),
    CONSTRAINT ck_source_channel_category CHECK (category IN ('NATURAL', 'PROMOTION', 'REFERRAL', 'PARTNER', 'ONLINE')),
    CONSTRAINT ck_source_channel_method CHECK (acquisition_method IN
        ('REFERRAL', 'ADVERTISING', 'RESEARCH', 'CONSULTING', 'TRADE_FAIR', 'EVENTS', 'CANVASSING'))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- One row per channel and month; month is the first day of that month.
CREATE TABLE channel_cost (
    id          BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    channel_id  BIGINT        NOT NULL,
    month       DATE          NOT NULL,
    amount      DECIMAL(14, 2) NOT NULL,
    note        VARCHAR(200)  NULL,
    version     BIGINT        NOT NULL DEFAULT 0,
    created_at  DATETIME(6)   NOT NULL,
    created_by  VARCHAR(64)   NOT NULL,
    updated_at  DATETIME(6)   NOT NULL,
    updated_by  VARCHAR(64)   NOT NULL,
    CONSTRAINT uk_channel_cost_month UNIQUE (channel_id, month),
    CONSTRAINT fk_channel_cost_channel FOREIGN KEY (channel_id) REFERENCES source_channel (id) ON DELETE CASCADE,
    CONSTRAINT ck_channel_cost_amount CHECK (amount >= 0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

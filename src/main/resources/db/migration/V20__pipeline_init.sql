-- Acquisition pipelines with ordered stages, the deals moving through them, and every stage change.
-- Template pipelines and their stages carry a message key (name_key) so that they show in the user's language;
-- name holds the Simplified Chinese text as a fallback. Names users type are plain text (name_key NULL).
CREATE TABLE pipeline (
    id              BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    name            VARCHAR(100) NOT NULL,
    name_key        VARCHAR(100) NULL,
    description     VARCHAR(500) NULL,
    is_template     BOOLEAN      NOT NULL DEFAULT FALSE,
    allow_skip      BOOLEAN      NOT NULL DEFAULT TRUE,
    allow_backward  BOOLEAN      NOT NULL DEFAULT TRUE,
    version         BIGINT       NOT NULL DEFAULT 0,
    created_at      DATETIME(6)  NOT NULL,
    created_by      VARCHAR(64)  NOT NULL,
    updated_at      DATETIME(6)  NOT NULL,
    updated_by      VARCHAR(64)  NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE pipeline_stage (
    id                BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    pipeline_id       BIGINT       NOT NULL,
    position          INT          NOT NULL,
    name              VARCHAR(100) NOT NULL,
    name_key          VARCHAR(100) NULL,
    probability       INT          NOT NULL,
    kind              VARCHAR(8)   NOT NULL,
    stale_after_days  INT          NULL,
    version           BIGINT       NOT NULL DEFAULT 0,
    created_at        DATETIME(6)  NOT NULL,
    created_by        VARCHAR(64)  NOT NULL,
    updated_at        DATETIME(6)  NOT NULL,
    updated_by        VARCHAR(64)  NOT NULL,
    CONSTRAINT fk_pipeline_stage_pipeline FOREIGN KEY (pipeline_id) REFERENCES pipeline (id) ON DELETE CASCADE,
    CONSTRAINT ck_pipeline_stage_kind CHECK (kind IN ('OPEN', 'WON', 'LOST')),
    CONSTRAINT ck_pipeline_stage_probability CHECK (probability BETWEEN 0 AND 100),
    CONSTRAINT ck_pipeline_stage_stale CHECK (stale_after_days IS NULL OR stale_after_days > 0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE INDEX ix_pipeline_stage_position ON pipeline_stage (pipeline_id, position);

CREATE TABLE deal (
    id                  BIGINT         NOT NULL AUTO_INCREMENT PRIMARY KEY,
    pipeline_id         BIGINT         NOT NULL,
    stage_id            BIGINT         NOT NULL,
    title               VARCHAR(200)   NOT NULL,
    customer_id         BIGINT         NOT NULL,
    deal_value          DECIMAL(14, 2) NOT NULL DEFAULT 0,
    owner_id            BIGINT         NULL,
    expected_close      DATE           NULL,
    channel_id          BIGINT         NULL,
    acquisition_method  VARCHAR(16)    NULL,
    stage_entered_at    DATETIME(6)    NOT NULL,
    lost_reason         VARCHAR(500)   NULL,
    purchase_id         BIGINT         NULL,
    notes               TEXT           NULL,
    version             BIGINT         NOT NULL DEFAULT 0,
    created_at          DATETIME(6)    NOT NULL,
    created_by          VARCHAR(64)    NOT NULL,
    updated_at          DATETIME(6)    NOT NULL,
    updated_by          VARCHAR(64)    NOT NULL,
    CONSTRAINT fk_deal_pipeline FOREIGN KEY (pipeline_id) REFERENCES pipeline (id),
    CONSTRAINT fk_deal_stage FOREIGN KEY (stage_id) REFERENCES pipeline_stage (id),
    CONSTRAINT fk_deal_customer FOREIGN KEY (customer_id) REFERENCES customer (id) ON DELETE CASCADE,
    CONSTRAINT fk_deal_channel FOREIGN KEY (channel_id) REFERENCES source_channel (id) ON DELETE SET NULL,
    CONSTRAINT ck_deal_value CHECK (deal_value >= 0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The board: per-stage totals over (pipeline, stage) and each column's first cards in stage order.
CREATE INDEX ix_deal_board ON deal (pipeline_id, stage_id, deal_value);
CREATE INDEX ix_deal_stage_entered ON deal (stage_id, stage_entered_at, id);
-- Reports and the list: deals of a pipeline opened in a period; covers the reports' columns so that they read
-- the index only.
CREATE INDEX ix_deal_report ON deal (pipeline_id, created_at, stage_id, channel_id, acquisition_method, owner_id,
                                     deal_value);
CREATE INDEX ix_deal_customer ON deal (customer_id);
CREATE INDEX ix_deal_owner ON deal (owner_id);

-- The people on a deal and their part in the decision.
CREATE TABLE deal_contact (
    deal_id   BIGINT       NOT NULL,
    position  INT          NOT NULL,
    name      VARCHAR(100) NOT NULL,
    role      VARCHAR(16)  NOT NULL,
    phone     VARCHAR(32)  NULL,
    PRIMARY KEY (deal_id, position),
    CONSTRAINT fk_deal_contact_deal FOREIGN KEY (deal_id) REFERENCES deal (id) ON DELETE CASCADE,
    CONSTRAINT ck_deal_contact_role CHECK (role IN ('BUYER', 'USER', 'DECISION_MAKER', 'INFLUENCER', 'PROMOTER'))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Every stage change, creation included (from_stage_id NULL). Stage ids are kept without a foreign key so
-- that history outlives a deleted stage.
CREATE TABLE deal_stage_change (
    id             BIGINT      NOT NULL AUTO_INCREMENT PRIMARY KEY,
    deal_id        BIGINT      NOT NULL,
    from_stage_id  BIGINT      NULL,
    to_stage_id    BIGINT      NOT NULL,
    changed_at     DATETIME(6) NOT NULL,
    changed_by     VARCHAR(64) NOT NULL,
    CONSTRAINT fk_deal_stage_change_deal FOREIGN KEY (deal_id) REFERENCES deal (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- A deal's history in order, covering the reports' transition counts.
CREATE INDEX ix_deal_stage_change_deal ON deal_stage_change (deal_id, changed_at, id, from_stage_id, to_stage_id);

-- The two templates that ship; managers copy them into working pipelines.
INSERT INTO pipeline (id, name, name_key, description, is_template, allow_skip, allow_backward,
                      version, created_at, created_by, updated_at, updated_by)
VALUES (1, '客户来源漏斗', 'pipeline.template.funnel', NULL, TRUE, TRUE, TRUE,
        0, UTC_TIMESTAMP(6), 'system', UTC_TIMESTAMP(6), 'system'),
       (2, '购买决策', 'pipeline.template.decision', NULL, TRUE, FALSE, FALSE,
        0, UTC_TIMESTAMP(6), 'system', UTC_TIMESTAMP(6), 'system');

INSERT INTO pipeline_stage (pipeline_id, position, name, name_key, probability, kind, stale_after_days,
                            version, created_at, created_by, updated_at, updated_by)
VALUES (1, 1, '所有目标对象', 'pipeline.stage.targets', 5, 'OPEN', 30, 0, UTC_TIMESTAMP(6), 'system', UTC_TIMESTAMP(6), 'system'),
       (1, 2, '接触和信息处理', 'pipeline.stage.contact', 10, 'OPEN', 14, 0, UTC_TIMESTAMP(6), 'system', UTC_TIMESTAMP(6), 'system'),
       (1, 3, '初选', 'pipeline.stage.first-pick', 20, 'OPEN', 14, 0, UTC_TIMESTAMP(6), 'system', UTC_TIMESTAMP(6), 'system'),
       (1, 4, '精选', 'pipeline.stage.shortlist', 40, 'OPEN', 14, 0, UTC_TIMESTAMP(6), 'system', UTC_TIMESTAMP(6), 'system'),
       (1, 5, '重点潜在客户', 'pipeline.stage.key-prospects', 60, 'OPEN', 10, 0, UTC_TIMESTAMP(6), 'system', UTC_TIMESTAMP(6), 'system'),
       (1, 6, '客户活动计划', 'pipeline.stage.activity-plan', 80, 'OPEN', 7, 0, UTC_TIMESTAMP(6), 'system', UTC_TIMESTAMP(6), 'system'),
       (1, 7, '成交', 'pipeline.stage.won', 100, 'WON', NULL, 0, UTC_TIMESTAMP(6), 'system', UTC_TIMESTAMP(6), 'system'),
       (1, 8, '流失', 'pipeline.stage.lost', 0, 'LOST', NULL, 0, UTC_TIMESTAMP(6), 'system', UTC_TIMESTAMP(6), 'system'),
       (2, 1, '意识', 'pipeline.stage.awareness', 5, 'OPEN', 30, 0, UTC_TIMESTAMP(6), 'system', UTC_TIMESTAMP(6), 'system'),
       (2, 2, '认知', 'pipeline.stage.knowledge', 15, 'OPEN', 21, 0, UTC_TIMESTAMP(6), 'system', UTC_TIMESTAMP(6), 'system'),
       (2, 3, '考虑', 'pipeline.stage.consideration', 35, 'OPEN', 14, 0, UTC_TIMESTAMP(6), 'system', UTC_TIMESTAMP(6), 'system'),
       (2, 4, '决策', 'pipeline.stage.decision', 60, 'OPEN', 10, 0, UTC_TIMESTAMP(6), 'system', UTC_TIMESTAMP(6), 'system'),
       (2, 5, '购买', 'pipeline.stage.purchase', 100, 'WON', NULL, 0, UTC_TIMESTAMP(6), 'system', UTC_TIMESTAMP(6), 'system'),
       (2, 6, '后续评价', 'pipeline.stage.review', 100, 'WON', NULL, 0, UTC_TIMESTAMP(6), 'system', UTC_TIMESTAMP(6), 'system'),
       (2, 7, '流失', 'pipeline.stage.lost', 0, 'LOST', NULL, 0, UTC_TIMESTAMP(6), 'system', UTC_TIMESTAMP(6), 'system');

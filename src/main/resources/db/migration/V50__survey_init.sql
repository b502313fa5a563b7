-- Survey (V50-V59): surveys and their questions, campaigns to segments or hand-picked customers, the recipients
-- frozen at send time with their answer-link hashes, and the responses with one row per answer.
-- Results are SQL over survey_response (campaign, survey, customer, channel, answered_at; the first NPS score) and
-- survey_answer (each numeric answer in an indexed column), so breakdowns by segment, channel and month are joins.

CREATE TABLE survey (
    id             BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    code           VARCHAR(32)  NOT NULL,
    name           VARCHAR(120) NOT NULL,
    status         VARCHAR(16)  NOT NULL,
    copied_from_id BIGINT       NULL,
    version        BIGINT       NOT NULL DEFAULT 0,
    created_at     DATETIME(6)  NOT NULL,
    created_by     VARCHAR(64)  NOT NULL,
    updated_at     DATETIME(6)  NOT NULL,
    updated_by     VARCHAR(64)  NOT NULL,
    CONSTRAINT uk_survey_code UNIQUE (code),
    CONSTRAINT ck_survey_status CHECK (status IN ('DRAFT', 'ACTIVE', 'ARCHIVED')),
    CONSTRAINT fk_survey_copied_from FOREIGN KEY (copied_from_id) REFERENCES survey (id) ON DELETE SET NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Texts in up to three languages; at least one is given, the others fall back to it when shown.
CREATE TABLE survey_question (
    id         BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    survey_id  BIGINT       NOT NULL,
    position   INT          NOT NULL,
    kind       VARCHAR(16)  NOT NULL,
    required   BOOLEAN      NOT NULL,
    text_zh_cn VARCHAR(500) NULL,
    text_zh_tw VARCHAR(500) NULL,
    text_en    VARCHAR(500) NULL,
    CONSTRAINT fk_survey_question_survey FOREIGN KEY (survey_id) REFERENCES survey (id) ON DELETE CASCADE,
    CONSTRAINT ck_survey_question_kind CHECK (kind IN
        ('NPS', 'CSAT', 'CES', 'SINGLE_CHOICE', 'MULTIPLE_CHOICE', 'FREE_TEXT'))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
CREATE INDEX ix_survey_question_survey ON survey_question (survey_id, position);

CREATE TABLE survey_question_option (
    id          BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    question_id BIGINT       NOT NULL,
    position    INT          NOT NULL,
    text_zh_cn  VARCHAR(200) NULL,
    text_zh_tw  VARCHAR(200) NULL,
    text_en     VARCHAR(200) NULL,
    CONSTRAINT fk_survey_option_question FOREIGN KEY (question_id) REFERENCES survey_question (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
CREATE INDEX ix_survey_option_question ON survey_question_option (question_id, position);

-- A campaign sends one survey to a segment (segment_id, by id: segmentation owns segments) or to the customers
-- picked into survey_campaign_pick, through one channel, for a period [opens_at, closes_at).
CREATE TABLE survey_campaign (
    id         BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    name       VARCHAR(120) NOT NULL,
    survey_id  BIGINT       NOT NULL,
    channel    VARCHAR(16)  NOT NULL,
    segment_id BIGINT       NULL,
    status     VARCHAR(16)  NOT NULL,
    opens_at   DATETIME(6)  NOT NULL,
    closes_at  DATETIME(6)  NOT NULL,
    sent_at    DATETIME(6)  NULL,
    closed_at  DATETIME(6)  NULL,
    recipients INT          NOT NULL DEFAULT 0,
    send_job   BIGINT       NULL,
    version    BIGINT       NOT NULL DEFAULT 0,
    created_at DATETIME(6)  NOT NULL,
    created_by VARCHAR(64)  NOT NULL,
    updated_at DATETIME(6)  NOT NULL,
    updated_by VARCHAR(64)  NOT NULL,
    CONSTRAINT fk_survey_campaign_survey FOREIGN KEY (survey_id) REFERENCES survey (id),
    CONSTRAINT ck_survey_campaign_channel CHECK (channel IN ('PHONE', 'ONLINE', 'EMAIL')),
    CONSTRAINT ck_survey_campaign_status CHECK (status IN ('DRAFT', 'SENDING', 'OPEN', 'CLOSED')),
    CONSTRAINT ck_survey_campaign_period CHECK (closes_at > opens_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
CREATE INDEX ix_survey_campaign_survey ON survey_campaign (survey_id);
CREATE INDEX ix_survey_campaign_status ON survey_campaign (status, closes_at);

CREATE TABLE survey_campaign_pick (
    campaign_id BIGINT NOT NULL,
    customer_id BIGINT NOT NULL,
    PRIMARY KEY (campaign_id, customer_id),
    CONSTRAINT fk_survey_pick_campaign FOREIGN KEY (campaign_id) REFERENCES survey_campaign (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Who the campaign went to, frozen when it was sent. token_hash is the SHA-256 of the recipient's answer link
-- (online and e-mail channels); the link itself is never stored.
CREATE TABLE survey_recipient (
    id           BIGINT      NOT NULL AUTO_INCREMENT PRIMARY KEY,
    campaign_id  BIGINT      NOT NULL,
    customer_id  BIGINT      NOT NULL,
    token_hash   BINARY(32)  NULL,
    status       VARCHAR(16) NOT NULL,
    answered_at  DATETIME(6) NULL,
    called_at    DATETIME(6) NULL,
    called_by    VARCHAR(64) NULL,
    CONSTRAINT uk_survey_recipient_customer UNIQUE (campaign_id, customer_id),
    CONSTRAINT uk_survey_recipient_token UNIQUE (token_hash),
    CONSTRAINT fk_survey_recipient_campaign FOREIGN KEY (campaign_id) REFERENCES survey_campaign (id)
        ON DELETE CASCADE,
    CONSTRAINT ck_survey_recipient_status CHECK (status IN ('PENDING', 'ANSWERED', 'NO_ANSWER', 'REFUSED'))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
CREATE INDEX ix_survey_recipient_status ON survey_recipient (campaign_id, status, id);

-- One response per recipient (uk_survey_response_recipient holds even under racing submits). nps_score repeats the
-- first NPS answer, the figure NPS results and the "last NPS" segment field read.
CREATE TABLE survey_response (
    id           BIGINT      NOT NULL AUTO_INCREMENT PRIMARY KEY,
    campaign_id  BIGINT      NOT NULL,
    survey_id    BIGINT      NOT NULL,
    recipient_id BIGINT      NULL,
    customer_id  BIGINT      NULL,
    channel      VARCHAR(16) NOT NULL,
    answered_at  DATETIME(6) NOT NULL,
    entered_by   VARCHAR(64) NULL,
    nps_score    TINYINT     NULL,
    CONSTRAINT uk_survey_response_recipient UNIQUE (recipient_id),
    CONSTRAINT fk_survey_response_campaign FOREIGN KEY (campaign_id) REFERENCES survey_campaign (id),
    CONSTRAINT fk_survey_response_survey FOREIGN KEY (survey_id) REFERENCES survey (id),
    CONSTRAINT fk_survey_response_recipient FOREIGN KEY (recipient_id) REFERENCES survey_recipient (id),
    CONSTRAINT ck_survey_response_channel CHECK (channel IN ('PHONE', 'ONLINE', 'EMAIL')),
    CONSTRAINT ck_survey_response_nps CHECK (nps_score BETWEEN 0 AND 10)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
CREATE INDEX ix_survey_response_campaign ON survey_response (campaign_id, answered_at);
CREATE INDEX ix_survey_response_survey ON survey_response (survey_id, answered_at);
CREATE INDEX ix_survey_response_customer ON survey_response (customer_id, answered_at);
CREATE INDEX ix_survey_response_channel ON survey_response (channel, answered_at);

-- One row per answered question; a multiple choice has one row per chosen option.
CREATE TABLE survey_answer (
    id          BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    response_id BIGINT        NOT NULL,
    question_id BIGINT        NOT NULL,
    score       SMALLINT      NULL,
    option_id   BIGINT        NULL,
    text_value  VARCHAR(2000) NULL,
    CONSTRAINT fk_survey_answer_response FOREIGN KEY (response_id) REFERENCES survey_response (id) ON DELETE CASCADE,
    CONSTRAINT fk_survey_answer_question FOREIGN KEY (question_id) REFERENCES survey_question (id),
    CONSTRAINT fk_survey_answer_option FOREIGN KEY (option_id) REFERENCES survey_question_option (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
CREATE INDEX ix_survey_answer_response ON survey_answer (response_id);
CREATE INDEX ix_survey_answer_score ON survey_answer (question_id, score);
CREATE INDEX ix_survey_answer_option ON survey_answer (question_id, option_id);

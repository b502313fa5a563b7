-- A rule set groups segments: EXCLUSIVE gives each customer the first segment (by priority) whose rule matches,
-- OVERLAPPING every segment whose rule matches.
CREATE TABLE segment_rule_set (
    id          BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    name        VARCHAR(100) NOT NULL,
    mode        VARCHAR(16)  NOT NULL,
    version     BIGINT       NOT NULL DEFAULT 0,
    created_at  DATETIME(6)  NOT NULL,
    created_by  VARCHAR(64)  NOT NULL,
    updated_at  DATETIME(6)  NOT NULL,
    updated_by  VARCHAR(64)  NOT NULL,
    CONSTRAINT uk_segment_rule_set_name UNIQUE (name),
    CONSTRAINT ck_segment_rule_set_mode CHECK (mode IN ('EXCLUSIVE', 'OVERLAPPING'))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE segment (
    id              BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    rule_set_id     BIGINT       NOT NULL,
    name            VARCHAR(100) NOT NULL,
    priority        INT          NOT NULL,
    current_version INT          NOT NULL,
    version         BIGINT       NOT NULL DEFAULT 0,
    created_at      DATETIME(6)  NOT NULL,
    created_by      VARCHAR(64)  NOT NULL,
    updated_at      DATETIME(6)  NOT NULL,
    updated_by      VARCHAR(64)  NOT NULL,
    CONSTRAINT uk_segment_name UNIQUE (rule_set_id, name),
    CONSTRAINT fk_segment_rule_set FOREIGN KEY (rule_set_id) REFERENCES segment_rule_set (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Every saved rule of a segment, never changed once written; the segment's current_version names the one in use.
CREATE TABLE segment_rule_version (
    id          BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    segment_id  BIGINT       NOT NULL,
    version_no  INT          NOT NULL,
    rule_text   TEXT         NOT NULL,
    change_note VARCHAR(500) NULL,
    version     BIGINT       NOT NULL DEFAULT 0,
    created_at  DATETIME(6)  NOT NULL,
    created_by  VARCHAR(64)  NOT NULL,
    updated_at  DATETIME(6)  NOT NULL,
    updated_by  VARCHAR(64)  NOT NULL,
    CONSTRAINT uk_segment_rule_version UNIQUE (segment_id, version_no),
    CONSTRAINT fk_segment_rule_version_segment FOREIGN KEY (segment_id) REFERENCES segment (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Every committed (or refused) import is a job: who ran it, on which file, with what outcome. Undo reads the
-- changes it recorded: the ids it created and the values it overwrote.
CREATE TABLE import_job (
    id              BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    schema_name     VARCHAR(32)   NOT NULL,
    file_name       VARCHAR(255)  NOT NULL,
    file_format     VARCHAR(8)    NOT NULL,
    mode            VARCHAR(16)   NOT NULL,
    status          VARCHAR(16)   NOT NULL,
    total_rows      INT           NOT NULL DEFAULT 0,
    created_count   INT           NOT NULL DEFAULT 0,
    updated_count   INT           NOT NULL DEFAULT 0,
    unchanged_count INT           NOT NULL DEFAULT 0,
    error_count     INT           NOT NULL DEFAULT 0,
    message         VARCHAR(500)  NULL,
    started_at      DATETIME(6)   NOT NULL,
    started_by      VARCHAR(64)   NOT NULL,
    finished_at     DATETIME(6)   NULL,
    undone_at       DATETIME(6)   NULL,
    undone_by       VARCHAR(64)   NULL,
    error_workbook  LONGBLOB      NULL,
    CONSTRAINT ck_import_job_status CHECK (status IN ('COMMITTED', 'REFUSED', 'CANCELLED', 'FAILED', 'UNDONE')),
    CONSTRAINT ck_import_job_mode CHECK (mode IN ('ALL_OR_NOTHING', 'SKIP_BAD'))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE INDEX ix_import_job_started ON import_job (started_at);
CREATE INDEX ix_import_job_schema ON import_job (schema_name, status, id);

-- One row per record an import updated (with the overwritten columns), and per run of consecutive ids it
-- created (target_id..target_to, before_values NULL): a million created rows take a thousand change rows.
CREATE TABLE import_change (
    id            BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    job_id        BIGINT       NOT NULL,
    target_id     BIGINT       NOT NULL,
    target_to     BIGINT       NOT NULL,
    action        VARCHAR(8)   NOT NULL,
    before_values TEXT         NULL,
    CONSTRAINT fk_import_change_job FOREIGN KEY (job_id) REFERENCES import_job (id) ON DELETE CASCADE,
    CONSTRAINT ck_import_change_action CHECK (action IN ('CREATE', 'UPDATE'))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE INDEX ix_import_change_job ON import_change (job_id, id);
CREATE INDEX ix_import_change_target ON import_change (target_id, job_id);

-- The one runner for long work (exports, recomputes, refreshes, imports): every job is a row, so that any node sees
-- it, a job outlives the browser tab that started it, and one whose node died is found by its stale heartbeat.
-- Parameters are JSON, enough to run the job again (retry); texts are i18n keys with JSON arrays of arguments.
-- Files (an import's input, an export's result) live in the jobs folder under the job's id, never in the database.
CREATE TABLE job (
    id               BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    kind             VARCHAR(64)   NOT NULL,
    owner            VARCHAR(64)   NOT NULL,
    parameters       MEDIUMTEXT    NOT NULL,
    subject_key      VARCHAR(100)  NULL,
    subject_args     VARCHAR(2000) NULL,
    status           VARCHAR(16)   NOT NULL,
    cancel_requested BOOLEAN       NOT NULL DEFAULT FALSE,
    retryable        BOOLEAN       NOT NULL,
    retry_of         BIGINT        NULL,
    -- a scheduled job's firing (kind and minute): two nodes firing the same schedule insert one row
    dedupe_key       VARCHAR(160)  NULL,
    -- the node that accepted and runs the job; an interrupted job names it in its error arguments too
    node             VARCHAR(100)  NOT NULL,
    progress_done    BIGINT        NOT NULL DEFAULT 0,
    progress_total   BIGINT        NOT NULL DEFAULT 0,
    progress_key     VARCHAR(100)  NULL,
    progress_args    VARCHAR(2000) NULL,
    error_key        VARCHAR(100)  NULL,
    error_args       VARCHAR(2000) NULL,
    summary          TEXT          NULL,
    input_name       VARCHAR(255)  NULL,
    input_file       VARCHAR(255)  NULL,
    result_name      VARCHAR(255)  NULL,
    result_type      VARCHAR(100)  NULL,
    result_file      VARCHAR(255)  NULL,
    result_size      BIGINT        NULL,
    queued_at        DATETIME(6)   NOT NULL,
    started_at       DATETIME(6)   NULL,
    finished_at      DATETIME(6)   NULL,
    heartbeat_at     DATETIME(6)   NOT NULL,
    -- when the job's files (result, input) are deleted; set when it ends
    expires_at       DATETIME(6)   NULL,
    CONSTRAINT uq_job_dedupe UNIQUE (dedupe_key),
    CONSTRAINT ck_job_status CHECK (status IN ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED'))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE INDEX ix_job_owner ON job (owner, id);
CREATE INDEX ix_job_active ON job (status, heartbeat_at);
CREATE INDEX ix_job_kind ON job (kind, status, id);
CREATE INDEX ix_job_expires ON job (expires_at);
CREATE INDEX ix_job_finished ON job (finished_at);

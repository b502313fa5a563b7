-- One refresh of every segment's membership. Only one runs at a time (a database lock); cancel_requested is how a
-- user on any node asks the running one to stop after its current unit of work.
CREATE TABLE segment_refresh_run (
    id               BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    trigger_kind     VARCHAR(16)   NOT NULL,
    started_by       VARCHAR(64)   NOT NULL,
    started_at       DATETIME(6)   NOT NULL,
    finished_at      DATETIME(6)   NULL,
    status           VARCHAR(16)   NOT NULL,
    segments_total   INT           NOT NULL DEFAULT 0,
    segments_done    INT           NOT NULL DEFAULT 0,
    entered          BIGINT        NOT NULL DEFAULT 0,
    exited           BIGINT        NOT NULL DEFAULT 0,
    cancel_requested BOOLEAN       NOT NULL DEFAULT FALSE,
    error            VARCHAR(1000) NULL,
    KEY ix_segment_refresh_run_status (status),
    CONSTRAINT ck_segment_refresh_run_trigger CHECK (trigger_kind IN ('MANUAL', 'SCHEDULED')),
    CONSTRAINT ck_segment_refresh_run_status CHECK (status IN ('RUNNING', 'DONE', 'FAILED', 'CANCELLED'))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Segments a run left as they were because their rule no longer passes the checks (a deleted channel, say).
CREATE TABLE segment_refresh_skip (
    run_id       BIGINT       NOT NULL,
    segment_id   BIGINT       NOT NULL,
    segment_name VARCHAR(100) NOT NULL,
    problem_key  VARCHAR(100) NOT NULL,
    -- the value the reason names (a deleted channel's id, say), so that it reads in full
    problem_arg  VARCHAR(200) NULL,
    PRIMARY KEY (run_id, segment_id),
    CONSTRAINT fk_segment_refresh_skip_run FOREIGN KEY (run_id) REFERENCES segment_refresh_run (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Per run and segment: how many members it had afterwards and how many came and went, so that a segment's
-- history lists without reading the event log.
CREATE TABLE segment_refresh_count (
    run_id     BIGINT NOT NULL,
    segment_id BIGINT NOT NULL,
    members    BIGINT NOT NULL,
    entered    BIGINT NOT NULL,
    exited     BIGINT NOT NULL,
    PRIMARY KEY (run_id, segment_id),
    KEY ix_segment_refresh_count_segment (segment_id, run_id),
    CONSTRAINT fk_segment_refresh_count_run FOREIGN KEY (run_id) REFERENCES segment_refresh_run (id) ON DELETE CASCADE,
    CONSTRAINT fk_segment_refresh_count_segment FOREIGN KEY (segment_id) REFERENCES segment (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Who is in each segment now. No foreign key to customer: a deleted customer leaves at the next refresh (with an
-- EXIT event), and a million-row refresh does not pay a parent lookup per row. No index on customer_id either:
-- a customer's segments are one primary-key probe per segment, and a random-order index would cost the refresh
-- far more than it saves there.
CREATE TABLE segment_membership (
    segment_id  BIGINT      NOT NULL,
    customer_id BIGINT      NOT NULL,
    entered_at  DATETIME(6) NOT NULL,
    PRIMARY KEY (segment_id, customer_id),
    CONSTRAINT fk_segment_membership_segment FOREIGN KEY (segment_id) REFERENCES segment (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Every entry and exit, never changed once written. A run stamps all its events with its start time, so the key
-- is unique, serves a segment's history by time, and a run appends to it in key order.
CREATE TABLE segment_membership_event (
    segment_id  BIGINT      NOT NULL,
    happened_at DATETIME(6) NOT NULL,
    customer_id BIGINT      NOT NULL,
    run_id      BIGINT      NOT NULL,
    kind        VARCHAR(5)  NOT NULL,
    PRIMARY KEY (segment_id, happened_at, customer_id),
    KEY ix_segment_membership_event_customer (customer_id, happened_at),
    CONSTRAINT ck_segment_membership_event_kind CHECK (kind IN ('ENTER', 'EXIT')),
    CONSTRAINT fk_segment_membership_event_segment FOREIGN KEY (segment_id) REFERENCES segment (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Feedback (投诉与建议): complaints and suggestions about a customer, worked by an owner through
-- OPEN -> IN_PROGRESS -> RESOLVED -> CLOSED (reopen from RESOLVED or CLOSED). Optionally linked to the survey response
-- that opened it (one complaint per response at most, which makes the detractor follow-up idempotent) and to a
-- purchase, both by id: a response is the survey tables' business, a purchase the customer module's.
CREATE TABLE feedback (
    id           BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    kind         VARCHAR(16)   NOT NULL,
    category     VARCHAR(16)   NOT NULL,
    severity     VARCHAR(16)   NOT NULL,
    status       VARCHAR(16)   NOT NULL,
    title        VARCHAR(200)  NOT NULL,
    description  TEXT          NULL,
    customer_id  BIGINT        NOT NULL,
    owner_id     BIGINT        NULL,
    due_date     DATE          NULL,
    response_id  BIGINT        NULL,
    purchase_id  BIGINT        NULL,
    version      BIGINT        NOT NULL DEFAULT 0,
    created_at   DATETIME(6)   NOT NULL,
    created_by   VARCHAR(64)   NOT NULL,
    updated_at   DATETIME(6)   NOT NULL,
    updated_by   VARCHAR(64)   NOT NULL,
    CONSTRAINT uk_feedback_response UNIQUE (response_id),
    -- Feedback is work of its own: a customer with feedback is not deleted (no cascade).
    CONSTRAINT fk_feedback_customer FOREIGN KEY (customer_id) REFERENCES customer (id),
    CONSTRAINT ck_feedback_kind CHECK (kind IN ('COMPLAINT', 'SUGGESTION')),
    CONSTRAINT ck_feedback_category CHECK (category IN ('PRODUCT', 'SERVICE', 'PRICE', 'DELIVERY', 'STAFF', 'OTHER')),
    CONSTRAINT ck_feedback_severity CHECK (severity IN ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL')),
    CONSTRAINT ck_feedback_status CHECK (status IN ('OPEN', 'IN_PROGRESS', 'RESOLVED', 'CLOSED'))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The list's paths: newest first, by status (overdue = open statuses with a due date before today), by owner
-- ("mine"), and a customer's feedback on their page.
CREATE INDEX ix_feedback_status_due ON feedback (status, due_date);
CREATE INDEX ix_feedback_owner_status ON feedback (owner_id, status, due_date);
CREATE INDEX ix_feedback_customer ON feedback (customer_id, id);
CREATE INDEX ix_feedback_purchase ON feedback (purchase_id);

-- Every change of a feedback item (status, owner, due date, severity, category, title or description) and every
-- comment, with who and when: the item's timeline. Written once, never edited; goes with its item.
CREATE TABLE feedback_history (
    id           BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    feedback_id  BIGINT        NOT NULL,
    change_kind  VARCHAR(16)   NOT NULL,
    old_value    VARCHAR(200)  NULL,
    new_value    VARCHAR(200)  NULL,
    note         TEXT          NULL,
    actor        VARCHAR(64)   NOT NULL,
    changed_at   DATETIME(6)   NOT NULL,
    CONSTRAINT fk_feedback_history_feedback FOREIGN KEY (feedback_id) REFERENCES feedback (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE INDEX ix_feedback_history_feedback ON feedback_history (feedback_id, id);

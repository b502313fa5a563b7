-- What a refresh counted a segment under: its rule version, its priority and its set's mode, so that the
-- membership page can say when a count no longer reflects the rule as it is now. NULL for counts taken before.
ALTER TABLE segment_refresh_count
    ADD COLUMN rule_version INT         NULL,
    ADD COLUMN priority     INT         NULL,
    ADD COLUMN mode         VARCHAR(16) NULL;

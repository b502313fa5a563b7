-- A refresh may cover one rule set instead of all of them; the set's name is kept as it was then, so that an old
-- run still reads after the set is renamed or deleted.
ALTER TABLE segment_refresh_run
    ADD COLUMN rule_set_id   BIGINT       NULL,
    ADD COLUMN rule_set_name VARCHAR(100) NULL;

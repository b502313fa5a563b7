-- The value the skip reason names (the deleted channel's id, say), so that the reason reads in full.
ALTER TABLE segment_refresh_skip ADD COLUMN problem_arg VARCHAR(200) NULL;

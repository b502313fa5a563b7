-- Deals of one source channel opened in one month, with their current stage, from the index alone: insight's
-- incremental rollup recomputes a (channel, month) after every deal change through pipeline's DealQueries.
-- (In insight's migration range because insight asked for it; the table and the query are pipeline's.)
CREATE INDEX ix_deal_channel_created ON deal (channel_id, created_at, stage_id);

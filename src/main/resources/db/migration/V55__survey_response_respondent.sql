-- Each response keeps who answered as they were then: the respondent's source channel, acquisition method and
-- price tier at the time of the answer. Results break down by them from the response row alone (the covering
-- indexes below), instead of reading one customer row per response; and a trend by channel or tier shows what each
-- group thought when it answered, unchanged by later edits.
ALTER TABLE survey_response
    ADD COLUMN source_channel_id  BIGINT      NULL,
    ADD COLUMN acquisition_method VARCHAR(16) NULL,
    ADD COLUMN tier_id            BIGINT      NULL;

UPDATE survey_response r JOIN customer c ON c.id = r.customer_id
SET r.source_channel_id = c.source_channel_id, r.acquisition_method = c.acquisition_method;
UPDATE survey_response r JOIN customer_price_tier t ON t.customer_id = r.customer_id
SET r.tier_id = t.tier_id;

DROP INDEX ix_survey_response_results ON survey_response;
DROP INDEX ix_survey_response_survey_results ON survey_response;
CREATE INDEX ix_survey_response_results
    ON survey_response (answered_at, survey_id, campaign_id, channel, source_channel_id, acquisition_method, tier_id,
                        customer_id, nps_score, csat_score, ces_score);
CREATE INDEX ix_survey_response_survey_results
    ON survey_response (survey_id, answered_at, campaign_id, channel, source_channel_id, acquisition_method, tier_id,
                        customer_id, nps_score, csat_score, ces_score);

-- Results read survey_response alone: besides the first NPS answer, each response keeps its first CSAT (1-5) and
-- first CES (1-7) answer, so NPS, CSAT and CES by any breakdown are one pass over one table. Per-question
-- distributions still read survey_answer.
ALTER TABLE survey_response
    ADD COLUMN csat_score TINYINT NULL,
    ADD COLUMN ces_score  TINYINT NULL,
    ADD CONSTRAINT ck_survey_response_csat CHECK (csat_score BETWEEN 1 AND 5),
    ADD CONSTRAINT ck_survey_response_ces CHECK (ces_score BETWEEN 1 AND 7);

UPDATE survey_response r
SET r.csat_score = (SELECT a.score FROM survey_answer a JOIN survey_question q ON q.id = a.question_id
                    WHERE a.response_id = r.id AND q.kind = 'CSAT' ORDER BY q.position LIMIT 1),
    r.ces_score  = (SELECT a.score FROM survey_answer a JOIN survey_question q ON q.id = a.question_id
                    WHERE a.response_id = r.id AND q.kind = 'CES' ORDER BY q.position LIMIT 1);

-- The results' scans: a period over all surveys, and one survey's period, each covering the scores and the
-- customer the breakdowns look up.
CREATE INDEX ix_survey_response_results
    ON survey_response (answered_at, survey_id, campaign_id, customer_id, channel, nps_score, csat_score, ces_score);
CREATE INDEX ix_survey_response_survey_results
    ON survey_response (survey_id, answered_at, campaign_id, customer_id, channel, nps_score, csat_score, ces_score);

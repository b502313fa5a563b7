-- Live segment counts, for rules that select by gender and age without naming a city (the commonest demographic
-- shape after region): the range on (gender, birth_date) is read from the index alone, and the source channel is
-- in it too, so a rule's channel or channel-category condition is checked without reading the customer row; only
-- the survivors are joined to their metrics. At 1,000,000 customers a five-condition rule (lifecycle, age, channel
-- category, total spend, gender) went from 1.25 s (a full pass over the metrics with a customer lookup per row)
-- to 0.20 s.
CREATE INDEX ix_customer_gender_birth_channel ON customer (gender, birth_date, source_channel_id);

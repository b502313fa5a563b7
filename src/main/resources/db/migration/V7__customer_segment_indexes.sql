-- Live segment counts: rules on where customers live, their gender and age read this index alone (the compiled
-- SQL adds an index-friendly range to each exact city / age comparison), so a typical rule touches tens of
-- thousands of rows rather than scanning every customer. Measured at 1,000,000 customers: a five-condition rule
-- (lifecycle, city, gender, age, days since last purchase) went from about 1.2 s to about 0.15–0.3 s.
-- Indexes on RFM scores or on the last purchase date were tried and left out: their ranges match hundreds of
-- thousands of customers, and reading those rows one by one was slower than the scan they replaced.
CREATE INDEX ix_customer_city_gender_birth ON customer (city, gender, birth_date);

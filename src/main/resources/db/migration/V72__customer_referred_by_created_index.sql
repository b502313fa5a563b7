-- The referral report reads the customers with a referrer who were created since a period began (a customer acquired
-- in a month was created no earlier: acquisition is the earlier of creation and first purchase). With created_at in
-- the referred-by index those are found in the index alone, and only they are looked up further. The new index also
-- serves the referred-by foreign key, so the single-column one goes.
CREATE INDEX ix_customer_referred_by_created ON customer (referred_by_id, created_at);
DROP INDEX ix_customer_referred_by ON customer;

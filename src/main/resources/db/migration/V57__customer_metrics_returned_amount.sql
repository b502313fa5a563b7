-- The amount each customer has been given back by returns (purchase_return, V16), kept next to what they spent
-- (monetary) so that the return rate (退货率 = returned_amount / monetary) is a segment field over the metrics row
-- alone, like the other purchase figures, instead of a sum over the returns per customer in every rule. Written by
-- the same refreshes as monetary (one customer when a purchase or a return changes, id ranges after imports,
-- everyone nightly). Same type as monetary: the returns of a customer never exceed their purchases.
ALTER TABLE customer_metrics
    ADD COLUMN returned_amount DECIMAL(16, 2) NOT NULL DEFAULT 0 AFTER monetary;

UPDATE customer_metrics m
JOIN (SELECT r.customer_id, SUM(r.amount) AS returned FROM purchase_return r GROUP BY r.customer_id) t
    ON t.customer_id = m.customer_id
SET m.returned_amount = t.returned;

-- A rule on a return rate above some rate needs something returned: this index finds those customers (usually few)
-- and holds both amounts, so such a rule reads neither the other metrics rows nor their columns.
CREATE INDEX ix_customer_metrics_returned ON customer_metrics (returned_amount, monetary);

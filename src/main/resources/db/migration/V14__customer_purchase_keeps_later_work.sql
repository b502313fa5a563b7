-- A purchase is work of its own, not a detail of its customer: deleting a customer (by hand, by undoing the import
-- that created it, by a merge) must never take purchases with it silently. Only derived figures (customer_metrics)
-- still cascade; the import engine's undo reads which foreign keys cascade to tell owned details from later work.
-- The data already satisfies the key, so it is replaced without checking every row again (in place, no rebuild).
SET foreign_key_checks = 0;
ALTER TABLE purchase DROP FOREIGN KEY fk_purchase_customer;
ALTER TABLE purchase ADD CONSTRAINT fk_purchase_customer FOREIGN KEY (customer_id) REFERENCES customer (id);
SET foreign_key_checks = 1;

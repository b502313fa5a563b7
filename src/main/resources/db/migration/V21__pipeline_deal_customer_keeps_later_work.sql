-- A deal is work of its own: deleting its customer must not take it silently (a deal's contacts and stage history
-- are its own details and still go with the deal).
SET foreign_key_checks = 0;
ALTER TABLE deal DROP FOREIGN KEY fk_deal_customer;
ALTER TABLE deal ADD CONSTRAINT fk_deal_customer FOREIGN KEY (customer_id) REFERENCES customer (id);
SET foreign_key_checks = 1;

-- An order number from the shop's own system, so that a purchase sheet can be imported again without
-- duplicating purchases (it is the purchase's natural key when present).
ALTER TABLE purchase ADD COLUMN order_no VARCHAR(64) NULL AFTER channel;
CREATE UNIQUE INDEX uk_purchase_order_no ON purchase (order_no);

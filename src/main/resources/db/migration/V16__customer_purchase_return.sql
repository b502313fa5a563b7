-- Returns of a purchase (退货): goods and/or money given back, each with its date, reason and who recorded it. The
-- sum of a purchase's returns never exceeds its quantity or amount (the service checks under a lock of the purchase
-- row). customer_id repeats the purchase's customer (a purchase never changes customer) so that the return rate per
-- customer is one index range, like the purchase sums.
-- A return is later work on its purchase, not an owned detail: the keys do not cascade, so deleting a purchase or
-- undoing the import that created it never takes returns silently.
CREATE TABLE purchase_return (
    id           BIGINT         NOT NULL AUTO_INCREMENT PRIMARY KEY,
    purchase_id  BIGINT         NOT NULL,
    customer_id  BIGINT         NOT NULL,
    return_date  DATE           NOT NULL,
    quantity     INT            NOT NULL,
    amount       DECIMAL(14, 2) NOT NULL,
    reason       VARCHAR(200)   NOT NULL,
    version      BIGINT         NOT NULL DEFAULT 0,
    created_at   DATETIME(6)    NOT NULL,
    created_by   VARCHAR(64)    NOT NULL,
    updated_at   DATETIME(6)    NOT NULL,
    updated_by   VARCHAR(64)    NOT NULL,
    CONSTRAINT fk_purchase_return_purchase FOREIGN KEY (purchase_id) REFERENCES purchase (id),
    CONSTRAINT fk_purchase_return_customer FOREIGN KEY (customer_id) REFERENCES customer (id),
    CONSTRAINT ck_purchase_return_quantity CHECK (quantity >= 0),
    CONSTRAINT ck_purchase_return_amount CHECK (amount >= 0),
    CONSTRAINT ck_purchase_return_something CHECK (quantity > 0 OR amount > 0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE INDEX ix_purchase_return_purchase ON purchase_return (purchase_id, return_date);
-- Covers the return rate's sum per customer.
CREATE INDEX ix_purchase_return_customer ON purchase_return (customer_id, amount);

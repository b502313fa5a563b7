-- Pricing (V40-V49): the catalogue, price tiers bound to segments, price rules, bundles and quotes.
-- Money is DECIMAL(14, 2) in yuan; a rule's value is DECIMAL(14, 4) because it can be a percentage (12.5 = 12.5 %).

-- A small tree of categories; a category with products or children cannot be deleted.
CREATE TABLE product_category (
    id         BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    code       VARCHAR(32)  NOT NULL,
    name       VARCHAR(100) NOT NULL,
    parent_id  BIGINT       NULL,
    version    BIGINT       NOT NULL DEFAULT 0,
    created_at DATETIME(6)  NOT NULL,
    created_by VARCHAR(64)  NOT NULL,
    updated_at DATETIME(6)  NOT NULL,
    updated_by VARCHAR(64)  NOT NULL,
    CONSTRAINT uk_product_category_code UNIQUE (code),
    CONSTRAINT fk_product_category_parent FOREIGN KEY (parent_id) REFERENCES product_category (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE product (
    id          BIGINT         NOT NULL AUTO_INCREMENT PRIMARY KEY,
    code        VARCHAR(32)    NOT NULL,
    name        VARCHAR(100)   NOT NULL,
    category_id BIGINT         NOT NULL,
    unit        VARCHAR(16)    NOT NULL,
    list_price  DECIMAL(14, 2) NOT NULL,
    cost        DECIMAL(14, 2) NOT NULL,
    active      BOOLEAN        NOT NULL DEFAULT TRUE,
    description VARCHAR(500)   NULL,
    version     BIGINT         NOT NULL DEFAULT 0,
    created_at  DATETIME(6)    NOT NULL,
    created_by  VARCHAR(64)    NOT NULL,
    updated_at  DATETIME(6)    NOT NULL,
    updated_by  VARCHAR(64)    NOT NULL,
    CONSTRAINT uk_product_code UNIQUE (code),
    CONSTRAINT fk_product_category FOREIGN KEY (category_id) REFERENCES product_category (id),
    CONSTRAINT ck_product_list_price CHECK (list_price >= 0),
    CONSTRAINT ck_product_cost CHECK (cost >= 0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
CREATE INDEX ix_product_name ON product (name);
CREATE INDEX ix_product_category ON product (category_id, active);

-- Tiers in priority order (1 first). A tier names its segments by id without a foreign key: a deleted segment
-- stays bound until a manager fixes the tier, and the price book health check lists it.
CREATE TABLE price_tier (
    id          BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    code        VARCHAR(32)  NOT NULL,
    name        VARCHAR(100) NOT NULL,
    priority    INT          NOT NULL,
    description VARCHAR(500) NULL,
    version     BIGINT       NOT NULL DEFAULT 0,
    created_at  DATETIME(6)  NOT NULL,
    created_by  VARCHAR(64)  NOT NULL,
    updated_at  DATETIME(6)  NOT NULL,
    updated_by  VARCHAR(64)  NOT NULL,
    CONSTRAINT uk_price_tier_code UNIQUE (code),
    CONSTRAINT uk_price_tier_name UNIQUE (name),
    CONSTRAINT uk_price_tier_priority UNIQUE (priority)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE price_tier_segment (
    tier_id    BIGINT NOT NULL,
    segment_id BIGINT NOT NULL,
    PRIMARY KEY (tier_id, segment_id),
    KEY ix_price_tier_segment_segment (segment_id),
    CONSTRAINT fk_price_tier_segment_tier FOREIGN KEY (tier_id) REFERENCES price_tier (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- A tier staff set by hand, with who, why and until when (inclusive); it wins over the segments while valid.
CREATE TABLE customer_tier_override (
    customer_id BIGINT       NOT NULL PRIMARY KEY,
    tier_id     BIGINT       NOT NULL,
    reason      VARCHAR(200) NOT NULL,
    valid_until DATE         NULL,
    version     BIGINT       NOT NULL DEFAULT 0,
    created_at  DATETIME(6)  NOT NULL,
    created_by  VARCHAR(64)  NOT NULL,
    updated_at  DATETIME(6)  NOT NULL,
    updated_by  VARCHAR(64)  NOT NULL,
    CONSTRAINT fk_customer_tier_override_customer FOREIGN KEY (customer_id) REFERENCES customer (id) ON DELETE CASCADE,
    CONSTRAINT fk_customer_tier_override_tier FOREIGN KEY (tier_id) REFERENCES price_tier (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Each customer's tier as last derived (derived data, rewritten set-based after every membership refresh and
-- tier change). source is SEGMENT (segment_id says which) or MANUAL (the override). A customer with no row
-- has no tier and pays the everyone rules. No foreign keys, like segment_membership: a million-row rewrite must
-- not pay a parent lookup per row; a deleted customer's row goes at the next derivation.
CREATE TABLE customer_price_tier (
    customer_id BIGINT      NOT NULL PRIMARY KEY,
    tier_id     BIGINT      NOT NULL,
    source      VARCHAR(8)  NOT NULL,
    segment_id  BIGINT      NULL,
    assigned_at DATETIME(6) NOT NULL,
    KEY ix_customer_price_tier_tier (tier_id),
    CONSTRAINT ck_customer_price_tier_source CHECK (source IN ('SEGMENT', 'MANUAL'))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- A price rule. tier_id null = for everyone. scope ALL / CATEGORY (category_id, its sub-categories included) /
-- PRODUCT (product_id). province / city null = national. valid_from / valid_to inclusive, null = open.
-- kind: FIXED_PRICE (value = unit price), PERCENT_OFF (value = % off list), AMOUNT_OFF (value = yuan off list),
-- MARKUP_ON_COST (value = % on cost). rounding: CENT, DIME, YUAN, END_9, END_99. min_margin_percent: the price
-- is never below cost / (1 - m/100). priority: lower first among otherwise equal rules.
CREATE TABLE price_rule (
    id                 BIGINT         NOT NULL AUTO_INCREMENT PRIMARY KEY,
    code               VARCHAR(32)    NOT NULL,
    name               VARCHAR(100)   NOT NULL,
    tier_id            BIGINT         NULL,
    scope              VARCHAR(8)     NOT NULL,
    category_id        BIGINT         NULL,
    product_id         BIGINT         NULL,
    min_quantity       INT            NOT NULL DEFAULT 1,
    province           VARCHAR(32)    NULL,
    city               VARCHAR(32)    NULL,
    valid_from         DATE           NULL,
    valid_to           DATE           NULL,
    kind               VARCHAR(16)    NOT NULL,
    value              DECIMAL(14, 4) NOT NULL,
    rounding           VARCHAR(8)     NOT NULL DEFAULT 'CENT',
    min_margin_percent DECIMAL(5, 2)  NULL,
    promotion          BOOLEAN        NOT NULL DEFAULT FALSE,
    priority           INT            NOT NULL DEFAULT 100,
    active             BOOLEAN        NOT NULL DEFAULT TRUE,
    note               VARCHAR(500)   NULL,
    version            BIGINT         NOT NULL DEFAULT 0,
    created_at         DATETIME(6)    NOT NULL,
    created_by         VARCHAR(64)    NOT NULL,
    updated_at         DATETIME(6)    NOT NULL,
    updated_by         VARCHAR(64)    NOT NULL,
    CONSTRAINT uk_price_rule_code UNIQUE (code),
    CONSTRAINT fk_price_rule_tier FOREIGN KEY (tier_id) REFERENCES price_tier (id),
    CONSTRAINT fk_price_rule_category FOREIGN KEY (category_id) REFERENCES product_category (id),
    CONSTRAINT fk_price_rule_product FOREIGN KEY (product_id) REFERENCES product (id),
    CONSTRAINT ck_price_rule_scope CHECK (
        (scope = 'ALL' AND category_id IS NULL AND product_id IS NULL)
        OR (scope = 'CATEGORY' AND category_id IS NOT NULL AND product_id IS NULL)
        OR (scope = 'PRODUCT' AND product_id IS NOT NULL AND category_id IS NULL)),
    CONSTRAINT ck_price_rule_kind CHECK (kind IN ('FIXED_PRICE', 'PERCENT_OFF', 'AMOUNT_OFF', 'MARKUP_ON_COST')),
    CONSTRAINT ck_price_rule_rounding CHECK (rounding IN ('CENT', 'DIME', 'YUAN', 'END_9', 'END_99')),
    CONSTRAINT ck_price_rule_value CHECK (value >= 0 AND (kind <> 'PERCENT_OFF' OR value <= 100)),
    CONSTRAINT ck_price_rule_min_quantity CHECK (min_quantity >= 1),
    CONSTRAINT ck_price_rule_margin CHECK (min_margin_percent IS NULL OR (min_margin_percent >= 0 AND min_margin_percent < 100)),
    CONSTRAINT ck_price_rule_dates CHECK (valid_from IS NULL OR valid_to IS NULL OR valid_to >= valid_from),
    CONSTRAINT ck_price_rule_city CHECK (city IS NULL OR province IS NOT NULL)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
CREATE INDEX ix_price_rule_product ON price_rule (product_id);
CREATE INDEX ix_price_rule_category ON price_rule (category_id);
CREATE INDEX ix_price_rule_tier ON price_rule (tier_id);

-- A set of products with quantities sold together: kind PRICE (value = the bundle's price for one set) or
-- DISCOUNT (value = % off the set's summed line prices).
CREATE TABLE bundle (
    id         BIGINT         NOT NULL AUTO_INCREMENT PRIMARY KEY,
    code       VARCHAR(32)    NOT NULL,
    name       VARCHAR(100)   NOT NULL,
    tier_id    BIGINT         NULL,
    kind       VARCHAR(8)     NOT NULL,
    value      DECIMAL(14, 4) NOT NULL,
    valid_from DATE           NULL,
    valid_to   DATE           NULL,
    active     BOOLEAN        NOT NULL DEFAULT TRUE,
    version    BIGINT         NOT NULL DEFAULT 0,
    created_at DATETIME(6)    NOT NULL,
    created_by VARCHAR(64)    NOT NULL,
    updated_at DATETIME(6)    NOT NULL,
    updated_by VARCHAR(64)    NOT NULL,
    CONSTRAINT uk_bundle_code UNIQUE (code),
    CONSTRAINT fk_bundle_tier FOREIGN KEY (tier_id) REFERENCES price_tier (id),
    CONSTRAINT ck_bundle_kind CHECK (kind IN ('PRICE', 'DISCOUNT')),
    CONSTRAINT ck_bundle_value CHECK (value >= 0 AND (kind <> 'DISCOUNT' OR value <= 100)),
    CONSTRAINT ck_bundle_dates CHECK (valid_from IS NULL OR valid_to IS NULL OR valid_to >= valid_from)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE bundle_item (
    bundle_id  BIGINT NOT NULL,
    product_id BIGINT NOT NULL,
    quantity   INT    NOT NULL,
    PRIMARY KEY (bundle_id, product_id),
    CONSTRAINT fk_bundle_item_bundle FOREIGN KEY (bundle_id) REFERENCES bundle (id) ON DELETE CASCADE,
    CONSTRAINT fk_bundle_item_product FOREIGN KEY (product_id) REFERENCES product (id),
    CONSTRAINT ck_bundle_item_quantity CHECK (quantity >= 1)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- A saved quote. The lines keep the prices, the winning rule's code and name and the explanation as they were
-- quoted, so a later change of the price book never rewrites a quote someone has sent.
CREATE TABLE quote (
    id                    BIGINT         NOT NULL AUTO_INCREMENT PRIMARY KEY,
    number                VARCHAR(32)    NOT NULL,
    customer_id           BIGINT         NOT NULL,
    tier_id               BIGINT         NULL,
    province              VARCHAR(32)    NULL,
    city                  VARCHAR(32)    NULL,
    quote_date            DATE           NOT NULL,
    valid_until           DATE           NOT NULL,
    status                VARCHAR(12)    NOT NULL,
    list_total            DECIMAL(14, 2) NOT NULL,
    bundle_discount       DECIMAL(14, 2) NOT NULL DEFAULT 0,
    total                 DECIMAL(14, 2) NOT NULL,
    cost_total            DECIMAL(14, 2) NOT NULL,
    deal_id               BIGINT         NULL,
    purchases_recorded_at DATETIME(6)    NULL,
    note                  VARCHAR(500)   NULL,
    version               BIGINT         NOT NULL DEFAULT 0,
    created_at            DATETIME(6)    NOT NULL,
    created_by            VARCHAR(64)    NOT NULL,
    updated_at            DATETIME(6)    NOT NULL,
    updated_by            VARCHAR(64)    NOT NULL,
    CONSTRAINT uk_quote_number UNIQUE (number),
    CONSTRAINT fk_quote_customer FOREIGN KEY (customer_id) REFERENCES customer (id),
    CONSTRAINT fk_quote_deal FOREIGN KEY (deal_id) REFERENCES deal (id),
    CONSTRAINT ck_quote_status CHECK (status IN ('DRAFT', 'SENT', 'ACCEPTED', 'EXPIRED')),
    CONSTRAINT ck_quote_dates CHECK (valid_until >= quote_date)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
CREATE INDEX ix_quote_customer ON quote (customer_id, quote_date);
CREATE INDEX ix_quote_status ON quote (status, valid_until);

CREATE TABLE quote_line (
    id          BIGINT         NOT NULL AUTO_INCREMENT PRIMARY KEY,
    quote_id    BIGINT         NOT NULL,
    line_no     INT            NOT NULL,
    product_id  BIGINT         NOT NULL,
    quantity    INT            NOT NULL,
    list_price  DECIMAL(14, 2) NOT NULL,
    unit_price  DECIMAL(14, 2) NOT NULL,
    line_total  DECIMAL(14, 2) NOT NULL,
    cost        DECIMAL(14, 2) NOT NULL,
    rule_code   VARCHAR(32)    NULL,
    rule_name   VARCHAR(100)   NULL,
    bundle_code VARCHAR(32)    NULL,
    explanation VARCHAR(500)   NULL,
    CONSTRAINT uk_quote_line UNIQUE (quote_id, line_no),
    CONSTRAINT fk_quote_line_quote FOREIGN KEY (quote_id) REFERENCES quote (id) ON DELETE CASCADE,
    CONSTRAINT fk_quote_line_product FOREIGN KEY (product_id) REFERENCES product (id),
    CONSTRAINT ck_quote_line_quantity CHECK (quantity >= 1)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
CREATE INDEX ix_quote_line_product ON quote_line (product_id);

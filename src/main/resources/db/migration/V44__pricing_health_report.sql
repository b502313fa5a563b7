-- The price book health check runs as a job (pricing-health-check); its report is kept here so that the health
-- view opens on the latest check at once, for every manager, whoever ran it. Only the latest report is kept: a new
-- one replaces the old in the job's last transaction. Issues name rules and tiers by id without foreign keys, as
-- the check saw them (a rule deleted since then still shows, with a fix link that finds nothing).
CREATE TABLE price_health_report (
    id          BIGINT      NOT NULL AUTO_INCREMENT PRIMARY KEY,
    job_id      BIGINT      NULL,
    checked_at  DATETIME(6) NOT NULL,
    checked_by  VARCHAR(64) NOT NULL,
    issue_count INT         NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
CREATE INDEX ix_price_health_report_checked ON price_health_report (checked_at, id);

CREATE TABLE price_health_issue (
    report_id  BIGINT       NOT NULL,
    seq        INT          NOT NULL,
    kind       VARCHAR(32)  NOT NULL,
    severity   VARCHAR(16)  NOT NULL,
    rule_id    BIGINT       NULL,
    tier_id    BIGINT       NULL,
    code       VARCHAR(32)  NULL,
    name       VARCHAR(100) NULL,
    other_code VARCHAR(32)  NULL,
    detail     VARCHAR(500) NULL,
    fix_route  VARCHAR(200) NOT NULL,
    PRIMARY KEY (report_id, seq),
    CONSTRAINT fk_price_health_issue_report FOREIGN KEY (report_id) REFERENCES price_health_report (id)
        ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

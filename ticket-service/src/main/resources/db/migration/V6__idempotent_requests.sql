-- The first answer to each Idempotency-Key of a tenant, so that a repeat gets it back and appends nothing; kept for
-- parley.gateway.idempotency-retention (operational state: a rebuild keeps it).
CREATE TABLE idempotent_requests (
    tenant     text NOT NULL,
    key        text NOT NULL,
    request    text NOT NULL,
    answer     text NOT NULL,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (tenant, key)
);
CREATE INDEX idempotent_requests_created ON idempotent_requests (created_at);

-- Every authenticated, well-formed courier callback, stored before it is acknowledged (CONTRACT.md §6).
CREATE TABLE webhook_inbox (
    id          bigserial   PRIMARY KEY,
    provider    text        NOT NULL,
    -- (job_id, job_status, timestamp) of the callback, or a body hash when it has no timestamp
    dedup_key   text        NOT NULL,
    job_id      text        NOT NULL,
    job_status  integer     NOT NULL,
    order_id    text,
    raw_body    text        NOT NULL,
    headers     jsonb       NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now(),
    -- PUBLISHED, UNMATCHED (no orderId to key the event by) or UNKNOWN_STATUS (a code we cannot map)
    outcome     text        NOT NULL,
    unmatched   boolean     NOT NULL DEFAULT false,
    CONSTRAINT webhook_inbox_dedup UNIQUE (provider, dedup_key)
);

CREATE INDEX webhook_inbox_unmatched ON webhook_inbox (received_at) WHERE unmatched;
CREATE INDEX webhook_inbox_job ON webhook_inbox (provider, job_id);

-- Which order each courier job belongs to, learnt from dispatch.booked / dispatch.updated, so a
-- callback that does not carry our orderId can still be keyed (and a stored unmatched one published).
CREATE TABLE courier_jobs (
    provider        text        NOT NULL,
    provider_job_id text        NOT NULL,
    order_id        text        NOT NULL,
    dispatch_id     text,
    learnt_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (provider, provider_job_id)
);

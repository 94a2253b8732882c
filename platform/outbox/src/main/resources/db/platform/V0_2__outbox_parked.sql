-- Outbox events Kafka refused for good (too large, invalid): kept here with the reason instead of
-- blocking every later event of the service. An operator fixes and re-sends them, or drops them.
CREATE TABLE outbox_parked (
    id           uuid        PRIMARY KEY,
    topic        text        NOT NULL,
    type         text        NOT NULL,
    aggregate_id text        NOT NULL,
    payload      text        NOT NULL,
    traceparent  text,
    occurred_at  timestamptz NOT NULL,
    error        text        NOT NULL,
    parked_at    timestamptz NOT NULL DEFAULT now()
);

-- Platform tables shared by every service with a database (versions 0_x sort before the service's own).

-- Transactional outbox: a row is inserted and deleted in the transaction that changes state;
-- the WAL keeps the insert for the Debezium relay, so the table itself stays empty.
CREATE TABLE outbox (
    id           uuid        PRIMARY KEY,
    topic        text        NOT NULL,
    type         text        NOT NULL,
    aggregate_id text        NOT NULL,
    payload      text        NOT NULL,
    traceparent  text,
    occurred_at  timestamptz NOT NULL
);

-- Idempotent consumers: an event id is recorded in the transaction that applies it.
CREATE TABLE processed_events (
    consumer     text        NOT NULL,
    event_id     text        NOT NULL,
    processed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);

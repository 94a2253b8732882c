-- The consolidated order: one row per order, changed only by order-service (one writer per fact).
CREATE SEQUENCE order_display_seq;

CREATE TABLE orders (
    id                 uuid PRIMARY KEY,
    display_id         text        NOT NULL UNIQUE,
    customer_id        text,
    items              jsonb       NOT NULL,
    subtotal           numeric(14, 2) NOT NULL,
    tax                numeric(14, 2) NOT NULL,
    total              numeric(14, 2) NOT NULL,
    currency           char(3)     NOT NULL,
    delivery_address   jsonb       NOT NULL,
    pickup_location_id text,
    notes              text,
    status             text        NOT NULL,
    payment_status     text        NOT NULL,
    ready_for_dispatch boolean     NOT NULL,
    -- the dispatch as last reported on dispatch.events (otp included: shown only to the customer)
    dispatch           jsonb,
    dispatch_id        text,
    dispatch_status    text,
    agent_id           text,
    version            bigint      NOT NULL,
    created_at         timestamptz NOT NULL,
    updated_at         timestamptz NOT NULL,
    trace_id           text,
    cancel_reason      text,
    cancelled_at       timestamptz
);
CREATE INDEX orders_created ON orders (created_at DESC, id DESC);
CREATE INDEX orders_customer ON orders (customer_id, created_at DESC);
CREATE INDEX orders_agent ON orders (agent_id, created_at DESC);
CREATE INDEX orders_updated ON orders (updated_at);
CREATE INDEX orders_dispatch ON orders (dispatch_id);

-- The audit log: one row per changed field, oldest first.
CREATE TABLE order_history (
    id         bigserial PRIMARY KEY,
    order_id   uuid        NOT NULL REFERENCES orders (id),
    field      text        NOT NULL,
    from_value text,
    to_value   text,
    changed_by text        NOT NULL,
    note       text,
    trace_id   text,
    at         timestamptz NOT NULL
);
CREATE INDEX order_history_order ON order_history (order_id, id);

-- Idempotency-Key on POST /orders, per caller: a retry gets the same order, a different body a conflict.
CREATE TABLE idempotency_keys (
    caller       text        NOT NULL,
    key          text        NOT NULL,
    request_hash text        NOT NULL,
    order_id     uuid        NOT NULL,
    created_at   timestamptz NOT NULL,
    PRIMARY KEY (caller, key)
);

-- What the gate knows of each order, from orders.events (newest order version wins).
CREATE TABLE order_gates (
    order_id      uuid PRIMARY KEY,
    order_version bigint      NOT NULL,
    paid          boolean     NOT NULL,
    ready         boolean     NOT NULL,
    cancelled     boolean     NOT NULL,
    -- what a courier booking needs: delivery address, customer, notes, total
    booking       jsonb       NOT NULL,
    updated_at    timestamptz NOT NULL
);

-- One row per booking attempt. REQUESTED = created by the gate, courier call not yet answered.
CREATE TABLE dispatches (
    id                   uuid PRIMARY KEY,
    order_id             uuid        NOT NULL,
    attempt              int         NOT NULL,
    status               text        NOT NULL,
    previous_status      text,
    provider             text        NOT NULL,
    provider_job_id      text,
    tracking_url         text,
    driver               jsonb,
    eta_at               timestamptz,
    otp_hash             text,
    otp_failures         int         NOT NULL DEFAULT 0,
    failure_detail       text,
    booking_claimed_at   timestamptz,
    last_courier_news_at timestamptz,
    version              bigint      NOT NULL,
    created_at           timestamptz NOT NULL,
    updated_at           timestamptz NOT NULL,
    UNIQUE (order_id, attempt)
);
-- The gate's last line of defence: never two live bookings for one order.
CREATE UNIQUE INDEX one_active_dispatch_per_order ON dispatches (order_id)
    WHERE status IN ('REQUESTED', 'BOOKED', 'ASSIGNED', 'PICKED_UP', 'IN_TRANSIT');
CREATE INDEX dispatches_provider_job ON dispatches (provider_job_id);
CREATE INDEX dispatches_active ON dispatches (status, last_courier_news_at);

-- The notification inbox (docs/notifications.md). One row per (source event, rule, recipient): the
-- unique key makes a redelivered event (Kafka delivers at least once) a no-op.
-- recipient is 'user:<sub>' (a customer or the assigned rider) or 'staff' (shared by every STAFF/ADMIN).
CREATE TABLE notifications (
    id              uuid        PRIMARY KEY,
    recipient       text        NOT NULL,
    user_id         text,
    audience        text        NOT NULL,
    type            text        NOT NULL,
    rule            text        NOT NULL,
    priority        text        NOT NULL,
    title           text        NOT NULL,
    message         text        NOT NULL,
    order_id        uuid,
    created_at      timestamptz NOT NULL,
    trace_id        text,
    source_event_id text        NOT NULL,
    -- e-mail: PENDING → SENDING → SENT (or FAILED after the last retry); null when the rule sends none
    email_to        text,
    email_state     text,
    email_attempts  int         NOT NULL DEFAULT 0,
    email_next_at   timestamptz,
    email_sent_at   timestamptz,
    email_body      text,
    UNIQUE (source_event_id, rule, recipient)
);
CREATE INDEX notifications_recipient ON notifications (recipient, created_at DESC, id DESC);
CREATE INDEX notifications_email_due ON notifications (email_next_at) WHERE email_state = 'PENDING';

-- Read state per reader: a staff notification is one row for all staff, each of them reads it for themselves.
CREATE TABLE notification_reads (
    notification_id uuid        NOT NULL REFERENCES notifications (id),
    reader          text        NOT NULL,
    read_at         timestamptz NOT NULL,
    PRIMARY KEY (notification_id, reader)
);

-- PostgreSQL's own rate for a status change (pgbench, e2e.mjs): the shapes of order-service's tables
CREATE TABLE orders (id int PRIMARY KEY, status text NOT NULL, version bigint NOT NULL, items jsonb NOT NULL,
                     delivery_address jsonb NOT NULL, updated_at timestamptz NOT NULL, trace_id text);
CREATE TABLE order_history (id bigserial PRIMARY KEY, order_id int NOT NULL REFERENCES orders (id), field text NOT NULL,
                            from_value text, to_value text, changed_by text NOT NULL, note text, trace_id text, at timestamptz NOT NULL);
CREATE INDEX order_history_order ON order_history (order_id, id);
CREATE TABLE outbox (id uuid PRIMARY KEY, topic text NOT NULL, type text NOT NULL, aggregate_id text NOT NULL,
                     payload text NOT NULL, traceparent text, occurred_at timestamptz NOT NULL);
INSERT INTO orders SELECT i, 'CONFIRMED', 1,
  '[{"sku":"PARA-500","name":"Paracetamol 500mg","quantity":2,"unitPrice":"4.50"},{"sku":"ORS-1","name":"Oral rehydration salts","quantity":1,"unitPrice":"2.00"}]',
  '{"line1":"12 Admiralty Way, Lekki","city":"Lagos","lat":6.4316,"lng":3.4219}', now(), null
  FROM generate_series(1, 10000) i;
-- the inbox (V14__notifications.sql): since 2026-11-30 a status change writes its notifications in its own transaction
CREATE TABLE notifications (id uuid PRIMARY KEY, recipient text NOT NULL, user_id text, audience text NOT NULL, type text NOT NULL,
                            rule text NOT NULL, priority text NOT NULL, title text NOT NULL, message text NOT NULL, order_id uuid,
                            created_at timestamptz NOT NULL, trace_id text, source_event_id text NOT NULL, email_to text,
                            email_state text, email_attempts int NOT NULL DEFAULT 0, email_next_at timestamptz,
                            email_sent_at timestamptz, email_body text, UNIQUE (source_event_id, rule, recipient));
CREATE INDEX notifications_recipient ON notifications (recipient, created_at DESC, id DESC);
CREATE INDEX notifications_email_due ON notifications (email_next_at) WHERE email_state = 'PENDING';

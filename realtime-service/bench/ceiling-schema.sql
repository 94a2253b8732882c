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

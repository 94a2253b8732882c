-- the same status change with the event as a logical decoding message instead of an outbox row
\set id random(1, 10000)
BEGIN;
SELECT version AS v FROM orders WHERE id = :id \gset
UPDATE orders SET status = 'PREPARING', version = :v + 1, updated_at = now(), trace_id = '4bf92f3577b34da6a3ce929d0e0e4736' WHERE id = :id AND version = :v;
INSERT INTO order_history (order_id, field, from_value, to_value, changed_by, trace_id, at) VALUES (:id, 'status', 'CONFIRMED', 'PREPARING', 'bench-staff', '4bf92f3577b34da6a3ce929d0e0e4736', now());
SELECT pg_logical_emit_message(true, 'outbox', repeat('x', 1200));
END;

-- one status change as order-service runs it: read, versioned update, history row, outbox insert + delete
\set id random(1, 10000)
\set oid random(1, 1000000000000)
BEGIN;
SELECT version AS v FROM orders WHERE id = :id \gset
UPDATE orders SET status = 'PREPARING', version = :v + 1, updated_at = now(), trace_id = '4bf92f3577b34da6a3ce929d0e0e4736' WHERE id = :id AND version = :v;
INSERT INTO order_history (order_id, field, from_value, to_value, changed_by, trace_id, at) VALUES (:id, 'status', 'CONFIRMED', 'PREPARING', 'bench-staff', '4bf92f3577b34da6a3ce929d0e0e4736', now());
INSERT INTO outbox (id, topic, type, aggregate_id, payload, traceparent, occurred_at) VALUES (md5(:oid || '-' || :client_id)::uuid, 'orders.events', 'order.updated', :id, repeat('x', 1200), '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01', now());
DELETE FROM outbox WHERE id = md5(:oid || '-' || :client_id)::uuid;
END;

-- the status change order-service runs (docs/notifications.md): the change with its event as a logical decoding
-- message, then in the same transaction its notifications, each stored and announced by its own message: one for
-- the customer, and for DELIVERED (1 in 5 of the benchmark's changes) one more for staff with an e-mail to send
\set id random(1, 10000)
\set step random(1, 5)
BEGIN;
SELECT version AS v FROM orders WHERE id = :id \gset
UPDATE orders SET status = 'PREPARING', version = :v + 1, updated_at = now(), trace_id = '4bf92f3577b34da6a3ce929d0e0e4736' WHERE id = :id AND version = :v;
INSERT INTO order_history (order_id, field, from_value, to_value, changed_by, trace_id, at) VALUES (:id, 'status', 'CONFIRMED', 'PREPARING', 'bench-staff', '4bf92f3577b34da6a3ce929d0e0e4736', now());
SELECT pg_logical_emit_message(true, 'outbox', repeat('x', 1200));
INSERT INTO notifications (id, recipient, user_id, audience, type, rule, priority, title, message, order_id, created_at, trace_id, source_event_id, email_next_at)
  VALUES (gen_random_uuid(), 'user:bench-owner-' || :id, 'bench-owner-' || :id, 'CUSTOMER', 'order.status_changed', 'order-progress', 'normal',
          'Order ORD-000123 is PREPARING', 'Your order ORD-000123 moved from CONFIRMED to PREPARING.', gen_random_uuid(), clock_timestamp(),
          '4bf92f3577b34da6a3ce929d0e0e4736', gen_random_uuid()::text, now())
  ON CONFLICT (source_event_id, rule, recipient) DO NOTHING
  RETURNING id, user_id, audience, type, priority, title, message, order_id, created_at, trace_id;
SELECT pg_logical_emit_message(true, 'outbox', repeat('x', 600));
\if :step = 5
INSERT INTO notifications (id, recipient, user_id, audience, type, rule, priority, title, message, order_id, created_at, trace_id, source_event_id, email_to, email_state, email_next_at, email_body)
  VALUES (gen_random_uuid(), 'staff', NULL, 'STAFF', 'order.status_changed', 'order-delivered', 'normal',
          'Order ORD-000123 delivered', 'Your order ORD-000123 (2 x Paracetamol 500mg, 1 x Oral rehydration salts) has been delivered to 12 Admiralty Way, Lekki, Lagos. Total 13.98 NGN.',
          gen_random_uuid(), clock_timestamp(), '4bf92f3577b34da6a3ce929d0e0e4736', gen_random_uuid()::text, 'orders@shop.example', 'PENDING', now(), repeat('y', 600))
  ON CONFLICT (source_event_id, rule, recipient) DO NOTHING
  RETURNING id, user_id, audience, type, priority, title, message, order_id, created_at, trace_id;
SELECT pg_logical_emit_message(true, 'outbox', repeat('x', 700));
\endif
END;

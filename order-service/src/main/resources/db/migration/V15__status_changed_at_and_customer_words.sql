-- when an order entered its current status (the board's "time in state"), and the customer's words
-- for each change in the audit log (the tracking page's timeline, docs/orders.md)
ALTER TABLE orders ADD COLUMN status_changed_at timestamptz;
UPDATE orders o SET status_changed_at = coalesce(
    (SELECT max(h.at) FROM order_history h WHERE h.order_id = o.id AND h.field = 'status'), o.created_at);
ALTER TABLE order_history ADD COLUMN message text;

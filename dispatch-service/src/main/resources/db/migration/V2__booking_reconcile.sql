-- A booking whose outcome at Kwik was uncertain (a lost reply, a timeout, an adopted task) is
-- checked against Kwik's task list until this time: late-landing extra tasks are cancelled.
ALTER TABLE dispatches ADD COLUMN reconcile_until timestamptz;
CREATE INDEX dispatches_reconcile ON dispatches (reconcile_until) WHERE reconcile_until IS NOT NULL;

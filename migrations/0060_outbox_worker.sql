-- One worker sends the outbox's email: a route only records its message in its own transaction.
-- Several Linkway processes may share the database, so a worker claims a message by taking a lease
-- (locked_until) and counts each attempt; a failed send waits next_attempt_at before it is tried again.
ALTER TABLE outbox_messages
  ADD COLUMN attempts integer NOT NULL DEFAULT 0,
  ADD COLUMN next_attempt_at timestamptz NOT NULL DEFAULT now(),
  ADD COLUMN locked_until timestamptz;

-- The worker's only query: email still to send, soonest first.
CREATE INDEX outbox_messages_due_idx ON outbox_messages (next_attempt_at)
  WHERE status = 'held' AND channel = 'email';

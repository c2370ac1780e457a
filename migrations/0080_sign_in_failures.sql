-- Failed sign-ins, counted for one typed email address from one client network together, so
-- that a lock never reveals whether the address belongs to an account and nobody can lock a
-- colleague out from elsewhere. The key is a hash: neither the address typed nor the client's
-- network is kept. Sign-in runs before anyone is known, so only the platform's own connection
-- reads this table; linkway_app is granted nothing on it.
CREATE TABLE sign_in_failures (
  key text PRIMARY KEY,
  failures integer NOT NULL,
  window_started_at timestamptz NOT NULL,
  locked_until timestamptz
);

-- Row-level security with no policy: only the owner's connection sees a row, even if a grant slips.
ALTER TABLE sign_in_failures ENABLE ROW LEVEL SECURITY;

-- Finished windows and locks are swept by age.
CREATE INDEX sign_in_failures_window_idx ON sign_in_failures (window_started_at);

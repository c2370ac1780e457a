-- Events written in one transaction (an attempt, then the closure it causes) must keep their order:
-- now() is the same for the whole transaction, clock_timestamp() moves on with each statement.
ALTER TABLE referral_events ALTER COLUMN at SET DEFAULT clock_timestamp();

-- Referrers see only the steps that are theirs to know; internal events (a red rating
-- acknowledged, a link worker changed) stay inside the team.
CREATE OR REPLACE FUNCTION tracked_referral_events(token_hash text)
RETURNS TABLE (kind text, at timestamptz)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT e.kind, e.at
  FROM referral_events e
  JOIN referrals r ON r.id = e.referral_id
  WHERE r.tracking_token_hash = tracked_referral_events.token_hash
    AND r.tracking_revoked_at IS NULL
    AND r.tracking_expires_at > now()
    AND e.kind IN ('received', 'discussed', 'accepted', 'declined', 'allocated', 'contact_attempt', 'first_contact', 'closed')
  ORDER BY e.at, e.id
$$;

-- A discharge closes the referral: the referrer's tracking page shows that step too. It reads
-- only "Referral closed" there, the same as the referral's status, so nothing about the young
-- person's support reaches a referrer they did not agree to share with.
CREATE OR REPLACE FUNCTION tracked_referral_events(token_hash text)
RETURNS TABLE (kind text, at timestamptz)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT e.kind, e.at
  FROM referral_events e
  JOIN referrals r ON r.id = e.referral_id
  WHERE r.tracking_token_hash = tracked_referral_events.token_hash
    AND r.tracking_revoked_at IS NULL
    AND r.tracking_expires_at > now()
    AND e.kind IN ('received', 'discussed', 'accepted', 'declined', 'allocated', 'contact_attempt', 'first_contact', 'closed', 'discharged')
  ORDER BY e.at, e.id
$$;

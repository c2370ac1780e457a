-- The referrer's private tracking page. The 'public' caller has no sight of referrals, so these
-- security-definer functions answer only for a tracking link that still works (not expired, not
-- revoked), found by the hash of its token, and return no personal details of the young person.

CREATE FUNCTION tracked_referral(token_hash text)
RETURNS TABLE (
  org_id uuid,
  scheme_name text,
  scheme_slug text,
  reference text,
  status text,
  submitted_at timestamptz,
  first_contact_at timestamptz,
  decline_reason text,
  service_id uuid,
  service_name text,
  service_when_to_use text,
  service_how_to_refer text,
  service_link_url text,
  service_email text,
  service_has_form boolean
)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT r.org_id, o.name, o.slug, r.reference, r.status, r.submitted_at, r.first_contact_at, r.decline_reason,
         s.id, s.name, s.when_to_use, s.how_to_refer, s.link_url, s.email, s.form_file IS NOT NULL
  FROM referrals r
  JOIN organisations o ON o.id = r.org_id
  LEFT JOIN redirect_services s ON s.id = r.redirect_service_id AND s.active
  WHERE r.tracking_token_hash = tracked_referral.token_hash
    AND r.tracking_revoked_at IS NULL
    AND r.tracking_expires_at > now()
$$;

-- The timeline as the referrer sees it: what happened and when, never who or any notes.
CREATE FUNCTION tracked_referral_events(token_hash text)
RETURNS TABLE (kind text, at timestamptz)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT e.kind, e.at
  FROM referral_events e
  JOIN referrals r ON r.id = e.referral_id
  WHERE r.tracking_token_hash = tracked_referral_events.token_hash
    AND r.tracking_revoked_at IS NULL
    AND r.tracking_expires_at > now()
  ORDER BY e.at, e.id
$$;

REVOKE EXECUTE ON FUNCTION tracked_referral(text), tracked_referral_events(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION tracked_referral(text), tracked_referral_events(text) TO linkway_app;

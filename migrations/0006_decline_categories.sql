-- Why a referral was declined, as a coded category (labels in src/referrals/codes.ts), so the
-- referrer insight can count reasons without reading the free-text reason the referrer is sent.
-- Referrals declined before this column existed keep null: the insight counts them as not recorded.
ALTER TABLE referrals ADD COLUMN decline_category text CHECK (decline_category IN (
  'needs_clinical_mental_health',
  'active_safeguarding',
  'outside_age_or_area',
  'young_person_did_not_agree',
  'better_served_elsewhere',
  'other'
));

-- Same shape and security as before; reason is now the decline category (null: not recorded)
-- instead of the name of the service suggested.
CREATE OR REPLACE FUNCTION referrer_decline_reasons(months integer)
RETURNS TABLE (route text, route_total boolean, organisation_key text, reason text, referrals bigint)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  WITH chosen AS (
    SELECT r.route,
           CASE WHEN r.route = 'professional' THEN coalesce(lower(nullif(btrim(r.referrer_organisation), '')), '') END AS organisation_key,
           r.decline_category AS reason
    FROM referrals r
    WHERE r.org_id = app_org_id()
      AND app_role() IN ('admin', 'manager')
      AND r.status = 'declined'
      AND r.submitted_at >= now() - make_interval(months => months)
  )
  SELECT route, GROUPING(organisation_key) = 1, organisation_key, reason, count(*)
  FROM chosen
  GROUP BY GROUPING SETS ((route, organisation_key, reason), (route, reason))
$$;

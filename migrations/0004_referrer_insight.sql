-- Referrer insight for managers: how many referrals each referring organisation and route sends,
-- how many are accepted or declined and why, and how soon first contact follows. The functions
-- return counts only, for the caller's own scheme, so no row of personal data reaches the app.

-- Working days (Monday to Friday) counted from `from_day` up to, not including, `to_day`: the
-- same rule as date-fns differenceInBusinessDays, which the record page uses.
CREATE FUNCTION working_days_between(from_day date, to_day date) RETURNS integer
LANGUAGE sql IMMUTABLE AS $$
  SELECT count(*)::integer FROM generate_series(from_day, to_day - 1, interval '1 day') AS d
  WHERE extract(isodow FROM d) < 6
$$;

-- Referrals to this scheme in the last `months` months. Each row is one route and one referring
-- organisation (null outside the professional route), plus one total row per route (route_total),
-- so one query answers both tables.
CREATE FUNCTION referrer_insight(months integer)
RETURNS TABLE (
  route text,
  route_total boolean,
  organisation_key text,
  organisation text,
  referrals bigint,
  accepted bigint,
  declined bigint,
  median_working_days_to_first_contact double precision
)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  WITH chosen AS (
    SELECT r.route,
           -- Organisations are named by whoever filled in the form: case and spacing vary.
           CASE WHEN r.route = 'professional' THEN coalesce(lower(nullif(btrim(r.referrer_organisation), '')), '') END AS organisation_key,
           nullif(btrim(r.referrer_organisation), '') AS organisation,
           r.status,
           CASE WHEN r.first_contact_at IS NOT NULL THEN
             working_days_between((r.submitted_at AT TIME ZONE 'Europe/London')::date,
                                  (r.first_contact_at AT TIME ZONE 'Europe/London')::date)
           END AS days_to_first_contact
    FROM referrals r
    WHERE r.org_id = app_org_id()
      AND app_role() IN ('admin', 'manager')
      AND r.submitted_at >= now() - make_interval(months => months)
  )
  SELECT route,
         GROUPING(organisation_key) = 1,
         organisation_key,
         min(organisation),
         count(*),
         -- A referral closed after acceptance (unable to contact, the young person said no) was accepted.
         count(*) FILTER (WHERE status IN ('accepted', 'closed')),
         count(*) FILTER (WHERE status = 'declined'),
         percentile_cont(0.5) WITHIN GROUP (ORDER BY days_to_first_contact)
  FROM chosen
  GROUP BY GROUPING SETS ((route, organisation_key), (route))
$$;

-- Why referrals were declined, counted the same way. Triage writes its reason as free text, which
-- may name the young person, so the count is by the service suggested instead (a coded choice);
-- reason is null where none was suggested.
CREATE FUNCTION referrer_decline_reasons(months integer)
RETURNS TABLE (route text, route_total boolean, organisation_key text, reason text, referrals bigint)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  WITH chosen AS (
    SELECT r.route,
           CASE WHEN r.route = 'professional' THEN coalesce(lower(nullif(btrim(r.referrer_organisation), '')), '') END AS organisation_key,
           s.name AS reason
    FROM referrals r
    LEFT JOIN redirect_services s ON s.id = r.redirect_service_id AND s.org_id = r.org_id
    WHERE r.org_id = app_org_id()
      AND app_role() IN ('admin', 'manager')
      AND r.status = 'declined'
      AND r.submitted_at >= now() - make_interval(months => months)
  )
  SELECT route, GROUPING(organisation_key) = 1, organisation_key, reason, count(*)
  FROM chosen
  GROUP BY GROUPING SETS ((route, organisation_key, reason), (route, reason))
$$;

GRANT EXECUTE ON FUNCTION working_days_between(date, date), referrer_insight(integer), referrer_decline_reasons(integer) TO linkway_app;

-- How many referrals wait for triage, and how many of those are red, for the Triage navigation
-- item on every manager's page. Numbers only, never people, so reading them needs no access-log
-- entry (the same pattern as organisation_stage_counts).
CREATE FUNCTION triage_waiting_counts() RETURNS TABLE (waiting bigint, red bigint)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT count(*), count(*) FILTER (WHERE rating = 'red')
  FROM referrals
  WHERE org_id = app_org_id() AND app_role() IN ('manager', 'admin') AND status IN ('new', 'discuss')
$$;

GRANT EXECUTE ON FUNCTION triage_waiting_counts() TO linkway_app;

-- Keeping the directory true: the scheme's freshness limit, a history of checks, private links for
-- providers to update their own entry without an account, and the gaps link workers record when a
-- need has no suitable local service. None of this is personal data.

ALTER TABLE scheme_settings
  -- An entry not checked for longer than this is flagged stale and joins the re-check queue.
  ADD COLUMN directory_stale_after_days integer NOT NULL DEFAULT 90 CHECK (directory_stale_after_days BETWEEN 7 AND 730);

-- Each time someone confirmed an entry is still right: a member of staff, or the provider through
-- their link (checked_by is then null).
CREATE TABLE directory_checks (
  org_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  service_id uuid NOT NULL,
  checked_at timestamptz NOT NULL DEFAULT now(),
  checked_by uuid REFERENCES users(id),
  by_provider boolean NOT NULL DEFAULT false,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, service_id) REFERENCES directory_services (org_id, id) ON DELETE CASCADE,
  CHECK (by_provider = (checked_by IS NULL))
);
CREATE INDEX directory_checks_service_idx ON directory_checks (org_id, service_id, checked_at DESC);

-- Only the hash of a link's token is kept, so a copy of the database opens no links.
CREATE TABLE directory_provider_links (
  org_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  service_id uuid NOT NULL,
  token_hash text NOT NULL UNIQUE,
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz,
  created_by uuid REFERENCES users(id),
  emailed_to text,
  last_used_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, service_id) REFERENCES directory_services (org_id, id) ON DELETE CASCADE
);
CREATE INDEX directory_provider_links_service_idx ON directory_provider_links (org_id, service_id, created_at DESC);

-- Area is a postcode district (e.g. 'LS6') and age a number: counted, never traced to one person.
CREATE TABLE directory_gaps (
  org_id uuid NOT NULL REFERENCES organisations(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  need text NOT NULL,
  area text NOT NULL,
  age integer CHECK (age BETWEEN 0 AND 150),
  note text,
  recorded_by uuid REFERENCES users(id),
  recorded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id)
);
CREATE INDEX directory_gaps_need_area_idx ON directory_gaps (org_id, need, area);

ALTER TABLE directory_checks ENABLE ROW LEVEL SECURITY;
CREATE POLICY staff_read ON directory_checks FOR SELECT USING (may_read_directory(org_id));
CREATE POLICY staff_edit ON directory_checks USING (may_edit_directory(org_id)) WITH CHECK (may_edit_directory(org_id));

ALTER TABLE directory_provider_links ENABLE ROW LEVEL SECURITY;
CREATE POLICY staff_only ON directory_provider_links USING (may_edit_directory(org_id)) WITH CHECK (may_edit_directory(org_id));

ALTER TABLE directory_gaps ENABLE ROW LEVEL SECURITY;
CREATE POLICY staff_only ON directory_gaps USING (may_edit_directory(org_id)) WITH CHECK (may_edit_directory(org_id));

GRANT SELECT, INSERT ON directory_checks, directory_gaps TO linkway_app;
GRANT SELECT, INSERT, UPDATE ON directory_provider_links TO linkway_app;

-- The provider has no account: the 'public' caller sees no directory rows that are not public and
-- may change none, so these two functions answer only for the hash of a known link. The first says
-- whether the link still works (and, if not, only which scheme to ask); the second applies the
-- provider's update and records it as a check, only while the link works.
CREATE FUNCTION provider_link(token_hash text)
RETURNS TABLE (
  usable boolean,
  scheme_name text,
  service_name text,
  organization_name text,
  waiting_weeks integer,
  taking_referrals boolean,
  schedule_text text,
  expires_at timestamptz
)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT usable, o.name,
         CASE WHEN usable THEN s.name END, CASE WHEN usable THEN d.name END,
         CASE WHEN usable THEN s.waiting_weeks END, CASE WHEN usable THEN s.taking_referrals END,
         CASE WHEN usable THEN (SELECT sc.description FROM directory_schedules sc
                                WHERE sc.org_id = s.org_id AND sc.service_id = s.id ORDER BY sc.id LIMIT 1) END,
         l.expires_at
  FROM directory_provider_links l
  CROSS JOIN LATERAL (SELECT l.revoked_at IS NULL AND l.expires_at > now() AS usable) AS state
  JOIN organisations o ON o.id = l.org_id
  JOIN directory_services s ON s.org_id = l.org_id AND s.id = l.service_id
  JOIN directory_organizations d ON d.org_id = s.org_id AND d.id = s.organization_id
  WHERE l.token_hash = provider_link.token_hash
$$;

CREATE FUNCTION provider_update_service(token_hash text, new_waiting_weeks integer, new_taking_referrals boolean, new_schedule_text text)
RETURNS boolean
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public AS $$
DECLARE
  link directory_provider_links%ROWTYPE;
  schedule_id uuid;
BEGIN
  SELECT * INTO link FROM directory_provider_links l
  WHERE l.token_hash = provider_update_service.token_hash AND l.revoked_at IS NULL AND l.expires_at > now()
  FOR UPDATE;
  IF NOT FOUND THEN
    RETURN false;
  END IF;
  UPDATE directory_services
  SET waiting_weeks = new_waiting_weeks, taking_referrals = new_taking_referrals, last_checked_at = now(), last_checked_by = NULL
  WHERE org_id = link.org_id AND id = link.service_id;
  SELECT sc.id INTO schedule_id FROM directory_schedules sc
  WHERE sc.org_id = link.org_id AND sc.service_id = link.service_id ORDER BY sc.id LIMIT 1;
  IF schedule_id IS NOT NULL THEN
    UPDATE directory_schedules SET description = nullif(new_schedule_text, '') WHERE org_id = link.org_id AND id = schedule_id;
  ELSIF nullif(new_schedule_text, '') IS NOT NULL THEN
    INSERT INTO directory_schedules (org_id, service_id, description) VALUES (link.org_id, link.service_id, new_schedule_text);
  END IF;
  INSERT INTO directory_checks (org_id, service_id, checked_by, by_provider) VALUES (link.org_id, link.service_id, NULL, true);
  UPDATE directory_provider_links SET last_used_at = now() WHERE org_id = link.org_id AND id = link.id;
  RETURN true;
END
$$;

REVOKE EXECUTE ON FUNCTION provider_link(text), provider_update_service(text, integer, boolean, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION provider_link(text), provider_update_service(text, integer, boolean, text) TO linkway_app;

-- Connections: onward referrals from a young person's period of support to a community service,
-- followed until they are going on their own (or stop). Personal data: row-level security follows
-- the young person's record and triggers write the access log and field history.
-- The provider answers through a private link without an account; only the hash of its token is kept.

ALTER TABLE scheme_settings
  -- A provider that has not answered a referral within this many working days is prompted for.
  ADD COLUMN provider_answer_working_days integer NOT NULL DEFAULT 5 CHECK (provider_answer_working_days BETWEEN 1 AND 30);

CREATE TABLE connections (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations(id),
  young_person_id uuid NOT NULL REFERENCES young_people(id),
  episode_id uuid NOT NULL REFERENCES episodes(id),
  service_id uuid NOT NULL,
  status text NOT NULL DEFAULT 'suggested'
    CHECK (status IN ('suggested', 'agreed', 'referred', 'accepted', 'declined', 'attending', 'stopped')),
  suggested_on date NOT NULL DEFAULT current_date,
  suggested_by uuid REFERENCES users(id),
  suggestion_note text,
  -- The young person's agreement, and what they agreed the provider may be told.
  agreed_on date,
  agree_first_name boolean NOT NULL DEFAULT false,
  agree_contact boolean NOT NULL DEFAULT false,
  contact_detail text,
  referred_on date,
  referral_method text CHECK (referral_method IN ('email', 'signpost')),
  referred_to text,
  -- Exactly what went to the provider: null means it was not shared.
  shared_first_name text,
  shared_contact text,
  response_token_hash text UNIQUE,
  response_expires_at timestamptz,
  reminded_on date,
  provider_answer text CHECK (provider_answer IN ('accepted', 'declined')),
  provider_note text,
  answered_at timestamptz,
  first_attended_on date,
  stopped_on date,
  stop_reason text CHECK (stop_reason IN ('did_not_enjoy', 'too_far', 'cost', 'group_closed', 'anxiety', 'moved_on', 'not_wanted', 'other')),
  stop_note text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (org_id, service_id) REFERENCES directory_services (org_id, id),
  -- Never referred without the young person's agreement on record.
  CHECK (referred_on IS NULL OR agreed_on IS NOT NULL),
  CHECK ((referred_on IS NULL) = (referral_method IS NULL)),
  CHECK (stopped_on IS NULL OR stop_reason IS NOT NULL)
);
CREATE INDEX connections_person_idx ON connections (young_person_id, created_at DESC);
CREATE INDEX connections_service_idx ON connections (org_id, service_id);
-- Referrals by email still waiting for the provider's answer.
CREATE INDEX connections_unanswered_idx ON connections (org_id, referred_on) WHERE status = 'referred' AND referral_method = 'email';

-- Phased support: the link worker goes for the whole first session, then meets them at the venue,
-- then they go on their own. Each change is a row, so the current phase and its history are both kept.
CREATE TABLE connection_phases (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations(id),
  young_person_id uuid NOT NULL REFERENCES young_people(id),
  connection_id uuid NOT NULL REFERENCES connections(id),
  phase text NOT NULL CHECK (phase IN ('accompanied', 'met_at_venue', 'independent')),
  from_date date NOT NULL,
  recorded_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX connection_phases_connection_idx ON connection_phases (connection_id, from_date, created_at);

CREATE TRIGGER connections_audit AFTER INSERT OR UPDATE OR DELETE ON connections
  FOR EACH ROW EXECUTE FUNCTION audit_personal_change('young_person_id');
CREATE TRIGGER connection_phases_audit AFTER INSERT OR UPDATE OR DELETE ON connection_phases
  FOR EACH ROW EXECUTE FUNCTION audit_personal_change('young_person_id');

ALTER TABLE connections ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_and_allocation ON connections
  USING (org_id = app_org_id() AND EXISTS (SELECT 1 FROM young_people p WHERE p.id = young_person_id))
  WITH CHECK (org_id = app_org_id());
ALTER TABLE connection_phases ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_and_allocation ON connection_phases
  USING (org_id = app_org_id() AND EXISTS (SELECT 1 FROM young_people p WHERE p.id = young_person_id))
  WITH CHECK (org_id = app_org_id());
GRANT SELECT, INSERT, UPDATE ON connections, connection_phases TO linkway_app;

-- The provider's page: the scheme and service, and the first name only if it was shared with them.
-- The state tells the page what to say: 'open', 'answered' or 'expired'. No row for an unknown link.
CREATE FUNCTION connection_for_provider(token_hash text)
RETURNS TABLE (state text, scheme_name text, service_name text, first_name text, answer text, expires_at timestamptz)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT CASE WHEN c.provider_answer IS NOT NULL THEN 'answered' WHEN c.response_expires_at <= now() THEN 'expired' ELSE 'open' END,
         o.name, s.name,
         CASE WHEN c.provider_answer IS NULL AND c.response_expires_at > now() THEN c.shared_first_name END,
         c.provider_answer, c.response_expires_at
  FROM connections c
  JOIN organisations o ON o.id = c.org_id
  JOIN directory_services s ON s.org_id = c.org_id AND s.id = c.service_id
  WHERE c.response_token_hash = connection_for_provider.token_hash
$$;

-- The provider's answer, once, while the link works. The change is logged with the 'provider' role.
CREATE FUNCTION connection_provider_answer(token_hash text, answer text, note text) RETURNS boolean
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public AS $$
DECLARE
  found_id uuid;
BEGIN
  IF answer NOT IN ('accepted', 'declined') THEN
    RETURN false;
  END IF;
  PERFORM set_config('app.role', 'provider', true);
  UPDATE connections c
  SET provider_answer = answer, provider_note = nullif(note, ''), answered_at = now(), updated_at = now(),
      status = CASE WHEN c.status = 'referred' THEN answer ELSE c.status END
  WHERE c.response_token_hash = connection_provider_answer.token_hash
    AND c.provider_answer IS NULL AND c.response_expires_at > now()
  RETURNING c.id INTO found_id;
  RETURN found_id IS NOT NULL;
END
$$;

-- Managers' outcomes: counts only, for the caller's scheme, and only for admins and managers.
CREATE FUNCTION connection_outcome_rows()
RETURNS TABLE (service_id uuid, status text, reached_agreed boolean, reached_referred boolean, answer text,
               attended boolean, stop_reason text, connections bigint)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT c.service_id, c.status, c.agreed_on IS NOT NULL, c.referred_on IS NOT NULL, c.provider_answer,
         c.first_attended_on IS NOT NULL, c.stop_reason, count(*)
  FROM connections c
  WHERE c.org_id = app_org_id() AND app_role() IN ('admin', 'manager')
  GROUP BY 1, 2, 3, 4, 5, 6, 7
$$;

REVOKE EXECUTE ON FUNCTION connection_for_provider(text), connection_provider_answer(text, text, text), connection_outcome_rows() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION connection_for_provider(text), connection_provider_answer(text, text, text), connection_outcome_rows() TO linkway_app;

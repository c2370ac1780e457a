-- Linkway platform: organisations, staff, sessions, audit, and row-level security.
-- Every tenant table carries org_id and a policy that compares it with the caller's organisation,
-- which the data-access layer sets per transaction (app.org_id) while acting as linkway_app.

-- The role is cluster-wide: another database on the same server may have created it already.
DO $$
BEGIN
  CREATE ROLE linkway_app NOLOGIN;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
  NULL;
END
$$;
DO $$
BEGIN
  IF NOT pg_has_role(current_user, 'linkway_app', 'MEMBER') THEN
    EXECUTE format('GRANT linkway_app TO %I', current_user);
  END IF;
END
$$;

CREATE FUNCTION app_org_id() RETURNS uuid LANGUAGE sql STABLE AS
$$ SELECT nullif(current_setting('app.org_id', true), '')::uuid $$;
CREATE FUNCTION app_user_id() RETURNS uuid LANGUAGE sql STABLE AS
$$ SELECT nullif(current_setting('app.user_id', true), '')::uuid $$;
CREATE FUNCTION app_role() RETURNS text LANGUAGE sql STABLE AS
$$ SELECT nullif(current_setting('app.role', true), '') $$;

CREATE TABLE organisations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations(id),
  email text NOT NULL,
  name text NOT NULL,
  role text NOT NULL CHECK (role IN ('admin', 'manager', 'link_worker', 'commissioner')),
  password_hash text,
  totp_secret text,
  totp_enabled boolean NOT NULL DEFAULT false,
  totp_last_step bigint,
  active boolean NOT NULL DEFAULT true,
  failed_logins integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  caseload_capacity integer NOT NULL DEFAULT 25 CHECK (caseload_capacity BETWEEN 0 AND 200),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_email_key ON users (lower(email));
CREATE INDEX users_org_idx ON users (org_id, role);

CREATE TABLE invitations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations(id),
  user_id uuid NOT NULL REFERENCES users(id),
  token_hash text NOT NULL UNIQUE,
  invited_by uuid REFERENCES users(id),
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX invitations_user_idx ON invitations (user_id);

-- Sessions are read before the caller is known, so only the platform's own connection touches them.
CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  org_id uuid NOT NULL REFERENCES organisations(id),
  second_factor_pending boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

CREATE TABLE young_people (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations(id),
  given_name text NOT NULL,
  family_name text NOT NULL,
  preferred_name text,
  date_of_birth date NOT NULL,
  pronouns text,
  postcode text,
  phone text,
  email text,
  stage text NOT NULL DEFAULT 'new_referral'
    CHECK (stage IN ('new_referral', 'waiting_for_allocation', 'making_contact', 'in_support', 'closed')),
  allocated_worker_id uuid REFERENCES users(id),
  referred_on date NOT NULL DEFAULT current_date,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX young_people_worker_idx ON young_people (org_id, allocated_worker_id, stage);
CREATE INDEX young_people_stage_idx ON young_people (org_id, stage);

CREATE TABLE support_sessions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations(id),
  young_person_id uuid NOT NULL REFERENCES young_people(id),
  link_worker_id uuid NOT NULL REFERENCES users(id),
  starts_at timestamptz NOT NULL,
  duration_minutes integer NOT NULL DEFAULT 60,
  place text NOT NULL,
  status text NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'attended', 'did_not_attend', 'cancelled')),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX support_sessions_person_idx ON support_sessions (young_person_id, starts_at);

CREATE TABLE community_assets (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations(id),
  name text NOT NULL,
  provider text NOT NULL,
  description text NOT NULL,
  categories text[] NOT NULL DEFAULT '{}',
  minimum_age integer,
  maximum_age integer,
  cost text NOT NULL DEFAULT 'free',
  postcode text,
  last_checked_on date,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX community_assets_org_idx ON community_assets (org_id, name);

-- Append-only audit: linkway_app may add and read rows, never change or remove them.
CREATE TABLE access_log (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_id uuid NOT NULL,
  actor_user_id uuid,
  actor_role text,
  young_person_id uuid,
  record_type text NOT NULL,
  record_id uuid NOT NULL,
  action text NOT NULL,
  client_address text,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX access_log_person_idx ON access_log (org_id, young_person_id, at DESC);

CREATE TABLE record_history (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_id uuid NOT NULL,
  actor_user_id uuid,
  young_person_id uuid,
  record_type text NOT NULL,
  record_id uuid NOT NULL,
  field text NOT NULL,
  old_value text,
  new_value text,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX record_history_person_idx ON record_history (org_id, young_person_id, at DESC);

-- Every change to personal data is written to the access log and, field by field, to the history,
-- inside the same statement, so no code path can change personal data without leaving a trace.
CREATE FUNCTION audit_personal_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  old_row jsonb := CASE WHEN TG_OP = 'INSERT' THEN '{}'::jsonb ELSE to_jsonb(OLD) END;
  new_row jsonb := CASE WHEN TG_OP = 'DELETE' THEN '{}'::jsonb ELSE to_jsonb(NEW) END;
  changed_row jsonb := CASE WHEN TG_OP = 'DELETE' THEN old_row ELSE new_row END;
  person_column text := TG_ARGV[0];
  person_id uuid := (changed_row ->> person_column)::uuid;
  field_name text;
BEGIN
  INSERT INTO access_log (org_id, actor_user_id, actor_role, young_person_id, record_type, record_id, action, client_address)
  VALUES ((changed_row ->> 'org_id')::uuid, app_user_id(), app_role(), person_id, TG_TABLE_NAME,
          (changed_row ->> 'id')::uuid, lower(TG_OP), nullif(current_setting('app.client_address', true), ''));
  FOR field_name IN SELECT jsonb_object_keys(old_row || new_row) LOOP
    IF field_name NOT IN ('id', 'org_id', 'created_at', 'updated_at')
       AND (old_row -> field_name) IS DISTINCT FROM (new_row -> field_name) THEN
      INSERT INTO record_history (org_id, actor_user_id, young_person_id, record_type, record_id, field, old_value, new_value)
      VALUES ((changed_row ->> 'org_id')::uuid, app_user_id(), person_id, TG_TABLE_NAME, (changed_row ->> 'id')::uuid,
              field_name, old_row ->> field_name, new_row ->> field_name);
    END IF;
  END LOOP;
  RETURN NULL;
END
$$;

CREATE TRIGGER young_people_audit AFTER INSERT OR UPDATE OR DELETE ON young_people
  FOR EACH ROW EXECUTE FUNCTION audit_personal_change('id');
CREATE TRIGGER support_sessions_audit AFTER INSERT OR UPDATE OR DELETE ON support_sessions
  FOR EACH ROW EXECUTE FUNCTION audit_personal_change('young_person_id');

-- Row-level security -------------------------------------------------------------------------
ALTER TABLE organisations ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_organisation ON organisations USING (id = app_org_id());

ALTER TABLE users ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant ON users USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());

ALTER TABLE invitations ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant ON invitations USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());

ALTER TABLE sessions ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant ON sessions USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());

ALTER TABLE community_assets ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant ON community_assets USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());

-- A link worker sees only the young people allocated to them; commissioners see no one.
CREATE FUNCTION may_see_young_person(person_org uuid, worker uuid) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT person_org = app_org_id()
     AND CASE app_role()
           WHEN 'admin' THEN true
           WHEN 'manager' THEN true
           WHEN 'link_worker' THEN worker = app_user_id()
           ELSE false
         END
$$;

ALTER TABLE young_people ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_and_allocation ON young_people
  USING (may_see_young_person(org_id, allocated_worker_id))
  WITH CHECK (org_id = app_org_id());

ALTER TABLE support_sessions ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_and_allocation ON support_sessions
  USING (org_id = app_org_id() AND EXISTS (SELECT 1 FROM young_people p WHERE p.id = young_person_id))
  WITH CHECK (org_id = app_org_id());

ALTER TABLE access_log ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant ON access_log USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());
ALTER TABLE record_history ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant ON record_history USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());

-- Aggregates for commissioners: counts only, never a row of personal data.
CREATE FUNCTION organisation_stage_counts() RETURNS TABLE (stage text, people bigint)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT stage, count(*) FROM young_people WHERE org_id = app_org_id() GROUP BY stage
$$;

CREATE FUNCTION organisation_caseload_counts() RETURNS TABLE (worker_id uuid, open_cases bigint)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT allocated_worker_id, count(*) FROM young_people
  WHERE org_id = app_org_id() AND allocated_worker_id IS NOT NULL AND stage <> 'closed'
  GROUP BY allocated_worker_id
$$;

GRANT SELECT ON organisations TO linkway_app;
GRANT SELECT, INSERT, UPDATE ON users, invitations, young_people, support_sessions, community_assets TO linkway_app;
GRANT SELECT, DELETE ON sessions TO linkway_app;
GRANT SELECT, INSERT ON access_log, record_history TO linkway_app;
GRANT EXECUTE ON FUNCTION organisation_stage_counts(), organisation_caseload_counts() TO linkway_app;

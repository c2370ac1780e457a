-- Referrals in: scheme settings, the public referral forms, streetlight triage, allocation,
-- contact attempts, the referrer feedback loop (tracking links, messages) and the timeline.

ALTER TABLE organisations ADD COLUMN slug text;
UPDATE organisations SET slug = 'scheme-' || substr(replace(id::text, '-', ''), 1, 12) WHERE slug IS NULL;
ALTER TABLE organisations ALTER COLUMN slug SET NOT NULL;
CREATE UNIQUE INDEX organisations_slug_key ON organisations (slug);
-- The public referral start page lists schemes before anyone is known.
CREATE FUNCTION public_schemes() RETURNS TABLE (id uuid, name text, slug text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT id, name, slug FROM organisations ORDER BY name
$$;
GRANT EXECUTE ON FUNCTION public_schemes() TO linkway_app;

CREATE TABLE scheme_settings (
  org_id uuid PRIMARY KEY REFERENCES organisations(id),
  open_routes text[] NOT NULL DEFAULT '{professional,parent_carer,self}',
  minimum_age integer NOT NULL DEFAULT 13 CHECK (minimum_age BETWEEN 0 AND 120),
  maximum_age integer NOT NULL DEFAULT 25 CHECK (maximum_age BETWEEN 0 AND 120),
  outside_age_message text NOT NULL DEFAULT 'We can only support young people aged 13 to 25. The services below may be able to help instead.',
  inclusion_criteria text NOT NULL DEFAULT '',
  exclusion_criteria text NOT NULL DEFAULT '',
  privacy_notice text NOT NULL DEFAULT '',
  what_happens_next text NOT NULL DEFAULT '',
  contact_attempts integer NOT NULL DEFAULT 3 CHECK (contact_attempts BETWEEN 1 AND 10),
  contact_window_working_days integer NOT NULL DEFAULT 10 CHECK (contact_window_working_days BETWEEN 1 AND 60),
  first_contact_target_working_days integer NOT NULL DEFAULT 5 CHECK (first_contact_target_working_days BETWEEN 1 AND 60),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (minimum_age <= maximum_age)
);

-- Each rule maps one answer to a risk question onto a rating, with the reason shown to triage.
CREATE TABLE streetlight_rules (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations(id),
  question text NOT NULL,
  answer text NOT NULL,
  rating text NOT NULL CHECK (rating IN ('green', 'amber', 'red')),
  reason text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (org_id, question, answer)
);

CREATE TABLE redirect_services (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations(id),
  name text NOT NULL,
  when_to_use text NOT NULL,
  how_to_refer text NOT NULL CHECK (how_to_refer IN ('link', 'email', 'form')),
  link_url text,
  email text,
  form_file_name text,
  form_content_type text,
  form_file bytea,
  for_outside_age boolean NOT NULL DEFAULT false,
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX redirect_services_org_idx ON redirect_services (org_id, active);

CREATE TABLE referrals (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations(id),
  reference text NOT NULL,
  route text NOT NULL CHECK (route IN ('professional', 'parent_carer', 'self')),
  referrer_type text CHECK (referrer_type IN ('gp', 'school', 'camhs', 'social_care', 'youth_justice', 'youth_work', 'other')),
  referrer_organisation text,
  referrer_name text,
  referrer_email text,
  referrer_phone text,
  referrer_wants_updates boolean NOT NULL DEFAULT true,
  -- The young person as the referrer described them; matched to a young_people record at triage.
  given_name text NOT NULL,
  family_name text NOT NULL,
  preferred_name text,
  date_of_birth date NOT NULL,
  postcode text,
  -- Everything else the form captured, kept as answered (contact preferences, equality data,
  -- needs, what matters to them, consent, risk answers, school, GP practice).
  answers jsonb NOT NULL DEFAULT '{}',
  needs text[] NOT NULL DEFAULT '{}',
  rating text NOT NULL CHECK (rating IN ('green', 'amber', 'red')),
  rating_reasons text[] NOT NULL DEFAULT '{}',
  eligible boolean NOT NULL DEFAULT true,
  eligibility_note text,
  status text NOT NULL DEFAULT 'new'
    CHECK (status IN ('new', 'discuss', 'accepted', 'declined', 'closed')),
  decline_reason text,
  redirect_service_id uuid REFERENCES redirect_services(id),
  red_acknowledged_at timestamptz,
  red_acknowledged_by uuid REFERENCES users(id),
  young_person_id uuid REFERENCES young_people(id),
  first_contact_at timestamptz,
  closed_reason text,
  tracking_token_hash text UNIQUE,
  tracking_expires_at timestamptz,
  tracking_revoked_at timestamptz,
  submitted_at timestamptz NOT NULL DEFAULT now(),
  decided_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (org_id, reference)
);
CREATE INDEX referrals_status_idx ON referrals (org_id, status, submitted_at);
CREATE INDEX referrals_person_idx ON referrals (young_person_id);
CREATE INDEX referrals_match_idx ON referrals (org_id, date_of_birth);
CREATE INDEX young_people_match_idx ON young_people (org_id, date_of_birth);

CREATE TABLE referral_events (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations(id),
  referral_id uuid NOT NULL REFERENCES referrals(id),
  young_person_id uuid REFERENCES young_people(id),
  kind text NOT NULL,
  snomed_code text,
  summary text NOT NULL,
  actor_user_id uuid REFERENCES users(id),
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX referral_events_referral_idx ON referral_events (referral_id, at);
CREATE INDEX referral_events_person_idx ON referral_events (young_person_id, at);

CREATE TABLE contact_attempts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations(id),
  referral_id uuid NOT NULL REFERENCES referrals(id),
  young_person_id uuid NOT NULL REFERENCES young_people(id),
  method text NOT NULL CHECK (method IN ('phone', 'text', 'letter', 'email', 'via_school', 'in_person')),
  outcome text NOT NULL CHECK (outcome IN ('no_answer', 'left_message', 'wrong_number', 'declined', 'made_contact')),
  note text,
  attempted_at timestamptz NOT NULL DEFAULT now(),
  by_user_id uuid REFERENCES users(id)
);
CREATE INDEX contact_attempts_referral_idx ON contact_attempts (referral_id, attempted_at);

-- Every message to a referrer is kept here: sent by email when SMTP is set up, otherwise held
-- for an admin to read and pass on.
CREATE TABLE outbox_messages (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations(id),
  referral_id uuid REFERENCES referrals(id),
  to_address text NOT NULL,
  subject text NOT NULL,
  body text NOT NULL,
  status text NOT NULL DEFAULT 'held' CHECK (status IN ('held', 'sent', 'failed')),
  error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz
);
CREATE INDEX outbox_messages_org_idx ON outbox_messages (org_id, created_at DESC);

-- Public referral forms keep the draft on the server, keyed by a cookie token, so nothing typed
-- is lost between steps or on the back button, and no personal data sits in the browser's URL.
CREATE TABLE referral_drafts (
  token_hash text PRIMARY KEY,
  org_id uuid NOT NULL REFERENCES organisations(id),
  answers jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX referral_drafts_expiry_idx ON referral_drafts (expires_at);

CREATE TRIGGER referrals_audit AFTER INSERT OR UPDATE OR DELETE ON referrals
  FOR EACH ROW EXECUTE FUNCTION audit_personal_change('young_person_id');
CREATE TRIGGER contact_attempts_audit AFTER INSERT OR UPDATE OR DELETE ON contact_attempts
  FOR EACH ROW EXECUTE FUNCTION audit_personal_change('young_person_id');

-- Row-level security ----------------------------------------------------------------------------
ALTER TABLE scheme_settings ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant ON scheme_settings USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());
ALTER TABLE streetlight_rules ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant ON streetlight_rules USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());
ALTER TABLE redirect_services ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant ON redirect_services USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());
ALTER TABLE outbox_messages ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant ON outbox_messages USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());
ALTER TABLE referral_drafts ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant ON referral_drafts USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());

-- Referrals: managers and admins see all of their scheme's; a link worker sees the referrals of the
-- young people allocated to them; commissioners see none.
ALTER TABLE referrals ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_and_allocation ON referrals
  USING (org_id = app_org_id() AND (
    app_role() IN ('admin', 'manager')
    OR (app_role() = 'link_worker' AND EXISTS (SELECT 1 FROM young_people p WHERE p.id = young_person_id))
  ))
  WITH CHECK (org_id = app_org_id());
ALTER TABLE referral_events ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_and_allocation ON referral_events
  USING (org_id = app_org_id() AND EXISTS (SELECT 1 FROM referrals r WHERE r.id = referral_id))
  WITH CHECK (org_id = app_org_id());
ALTER TABLE contact_attempts ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_and_allocation ON contact_attempts
  USING (org_id = app_org_id() AND EXISTS (SELECT 1 FROM young_people p WHERE p.id = young_person_id))
  WITH CHECK (org_id = app_org_id());

GRANT SELECT, INSERT, UPDATE ON scheme_settings, streetlight_rules, redirect_services, referrals,
  contact_attempts, outbox_messages TO linkway_app;
GRANT DELETE ON streetlight_rules TO linkway_app;
GRANT SELECT, INSERT ON referral_events TO linkway_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON referral_drafts TO linkway_app;

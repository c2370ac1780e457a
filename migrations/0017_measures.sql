-- Outcome measures as data. Built-in definitions (ONS4, Goal-Based Outcomes, SWEMWBS scoring) live in
-- code with a version number; a scheme's own measures and licensed wording it imports are stored
-- here. Every answer set keeps the key and version it was given under, so a later version never
-- changes what an old answer meant.

CREATE TABLE measure_definitions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations(id),
  key text NOT NULL CHECK (key ~ '^[a-z0-9_]{2,40}$'),
  version integer NOT NULL CHECK (version >= 1),
  -- The MeasureDefinition (src/measures/definition.ts) as JSON.
  definition jsonb NOT NULL,
  source text NOT NULL CHECK (source IN ('scheme', 'licensed_import')),
  -- For licensed wording: the scheme's own licence, as the admin stated it when importing.
  licence_statement text,
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (org_id, key, version)
);

-- Which measures a scheme uses, and when: at the first session (baseline), every N weeks or N
-- sessions (review), and at discharge.
CREATE TABLE scheme_measures (
  org_id uuid NOT NULL REFERENCES organisations(id),
  measure_key text NOT NULL,
  enabled boolean NOT NULL DEFAULT true,
  at_baseline boolean NOT NULL DEFAULT true,
  review_every_weeks integer CHECK (review_every_weeks BETWEEN 1 AND 52),
  review_every_sessions integer CHECK (review_every_sessions BETWEEN 1 AND 52),
  at_discharge boolean NOT NULL DEFAULT true,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, measure_key)
);

CREATE TABLE measure_responses (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations(id),
  young_person_id uuid NOT NULL REFERENCES young_people(id),
  episode_id uuid REFERENCES episodes(id),
  measure_key text NOT NULL,
  measure_version integer NOT NULL,
  moment text NOT NULL CHECK (moment IN ('baseline', 'review', 'discharge', 'other')),
  completed_on date NOT NULL DEFAULT current_date,
  -- With the link worker, or by the young person through a link on their phone.
  collected_by text NOT NULL CHECK (collected_by IN ('with_link_worker', 'young_person_link')),
  -- "Not collected, because ..." is a valid record: then answers and scores are empty.
  not_collected_reason text,
  -- { itemId: value } as given.
  answers jsonb NOT NULL DEFAULT '{}',
  -- { scoreId: number } worked out by the definition's rules when the answers were saved.
  scores jsonb NOT NULL DEFAULT '{}',
  recorded_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((not_collected_reason IS NULL) <> (answers = '{}'::jsonb))
);
CREATE INDEX measure_responses_person_idx ON measure_responses (young_person_id, measure_key, completed_on);
CREATE INDEX measure_responses_org_idx ON measure_responses (org_id, measure_key, completed_on);

-- A single-use, expiring link for a young person to answer one measure on their phone.
CREATE TABLE measure_links (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations(id),
  young_person_id uuid NOT NULL REFERENCES young_people(id),
  episode_id uuid REFERENCES episodes(id),
  token_hash text NOT NULL UNIQUE,
  measure_key text NOT NULL,
  measure_version integer NOT NULL,
  moment text NOT NULL CHECK (moment IN ('baseline', 'review', 'discharge', 'other')),
  -- Answers saved so far, one question per screen, so they can stop and come back.
  progress jsonb NOT NULL DEFAULT '{}',
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  revoked_at timestamptz,
  response_id uuid REFERENCES measure_responses(id),
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX measure_links_person_idx ON measure_links (young_person_id, created_at DESC);

CREATE TRIGGER measure_responses_audit AFTER INSERT OR UPDATE OR DELETE ON measure_responses
  FOR EACH ROW EXECUTE FUNCTION audit_personal_change('young_person_id');
CREATE TRIGGER measure_links_audit AFTER INSERT OR UPDATE OR DELETE ON measure_links
  FOR EACH ROW EXECUTE FUNCTION audit_personal_change('young_person_id');

ALTER TABLE measure_definitions ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant ON measure_definitions USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());
ALTER TABLE scheme_measures ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant ON scheme_measures USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());
GRANT SELECT, INSERT, UPDATE ON measure_definitions, scheme_measures TO linkway_app;

ALTER TABLE measure_responses ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_and_allocation ON measure_responses
  USING (org_id = app_org_id() AND EXISTS (SELECT 1 FROM young_people p WHERE p.id = young_person_id))
  WITH CHECK (org_id = app_org_id());
ALTER TABLE measure_links ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_and_allocation ON measure_links
  USING (org_id = app_org_id() AND EXISTS (SELECT 1 FROM young_people p WHERE p.id = young_person_id))
  WITH CHECK (org_id = app_org_id());
GRANT SELECT, INSERT, UPDATE ON measure_responses, measure_links TO linkway_app;

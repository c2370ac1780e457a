-- Casework: episodes of support, consent, "what matters to me", the plan, sessions, safeguarding.
-- Every table here holds a young person's personal data: row-level security follows the young
-- person's record (a link worker sees only the people allocated to them) and triggers write the
-- access log and field history on every change.

ALTER TABLE scheme_settings
  ADD COLUMN default_sessions integer NOT NULL DEFAULT 6 CHECK (default_sessions BETWEEN 1 AND 52),
  ADD COLUMN default_weeks integer NOT NULL DEFAULT 12 CHECK (default_weeks BETWEEN 1 AND 104),
  ADD COLUMN session_settings text[] NOT NULL
    DEFAULT '{gp_surgery,school,hub,cafe,community_venue,home_visit,phone,video,text}',
  ADD COLUMN home_visits_need_approval boolean NOT NULL DEFAULT true,
  -- After this many missed sessions in a row the caseload and record prompt the scheme's policy.
  ADD COLUMN missed_sessions_prompt integer NOT NULL DEFAULT 2 CHECK (missed_sessions_prompt BETWEEN 1 AND 10),
  ADD COLUMN review_every_weeks integer NOT NULL DEFAULT 6 CHECK (review_every_weeks BETWEEN 1 AND 52),
  ADD COLUMN retention_years_after_discharge integer NOT NULL DEFAULT 8 CHECK (retention_years_after_discharge BETWEEN 1 AND 100),
  -- Kept until this birthday if that is later than the years after discharge.
  ADD COLUMN retention_until_age integer NOT NULL DEFAULT 25 CHECK (retention_until_age BETWEEN 18 AND 100);

-- One episode per period of support. A new referral for someone known opens a new episode linked
-- to the same record, so their history stays together.
CREATE TABLE episodes (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations(id),
  young_person_id uuid NOT NULL REFERENCES young_people(id),
  referral_id uuid REFERENCES referrals(id),
  opened_on date NOT NULL DEFAULT current_date,
  -- Start at the scheme's defaults; an approved extension raises them.
  sessions_allowed integer NOT NULL,
  weeks_allowed integer NOT NULL,
  closed_on date,
  discharge_reason text CHECK (discharge_reason IN ('goals_met', 'moved_on_to_community_support', 'disengaged',
    'moved_away', 'escalated_to_statutory_service', 'unable_to_contact', 'declined_support', 'other')),
  discharge_reason_other text,
  closing_summary text,
  final_measures_note text,
  discharged_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX episodes_person_idx ON episodes (young_person_id, opened_on DESC);
-- At most one open episode per young person.
CREATE UNIQUE INDEX episodes_one_open_idx ON episodes (young_person_id) WHERE closed_on IS NULL;

CREATE TABLE extension_requests (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations(id),
  young_person_id uuid NOT NULL REFERENCES young_people(id),
  episode_id uuid NOT NULL REFERENCES episodes(id),
  extra_sessions integer NOT NULL DEFAULT 0 CHECK (extra_sessions BETWEEN 0 AND 52),
  extra_weeks integer NOT NULL DEFAULT 0 CHECK (extra_weeks BETWEEN 0 AND 104),
  reason text NOT NULL,
  status text NOT NULL DEFAULT 'requested' CHECK (status IN ('requested', 'approved', 'declined')),
  requested_by uuid REFERENCES users(id),
  decided_by uuid REFERENCES users(id),
  decision_note text,
  decided_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX extension_requests_episode_idx ON extension_requests (episode_id, created_at);
CREATE INDEX extension_requests_open_idx ON extension_requests (org_id) WHERE status = 'requested';

-- Consent is never edited in place: a change is a new record, so what was agreed when stays true.
-- The current consent is the latest record of the episode that has not been withdrawn.
CREATE TABLE consents (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations(id),
  young_person_id uuid NOT NULL REFERENCES young_people(id),
  episode_id uuid NOT NULL REFERENCES episodes(id),
  to_service boolean NOT NULL,
  share_with_referrer boolean NOT NULL DEFAULT false,
  share_with_gp boolean NOT NULL DEFAULT false,
  share_with_school boolean NOT NULL DEFAULT false,
  share_with_parent_carer boolean NOT NULL DEFAULT false,
  research boolean NOT NULL DEFAULT false,
  given_by text NOT NULL CHECK (given_by IN ('young_person', 'parent_carer')),
  given_by_name text,
  -- For under-16s who consent for themselves: how their competence was assessed (Gillick).
  competence_note text,
  what_they_were_told text NOT NULL,
  given_on date NOT NULL,
  recorded_by uuid REFERENCES users(id),
  withdrawn_on date,
  withdrawal_note text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX consents_episode_idx ON consents (episode_id, created_at DESC);
CREATE INDEX consents_person_idx ON consents (young_person_id, created_at DESC);

-- "What matters to me": one per episode, updated as the conversation goes on.
CREATE TABLE assessments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations(id),
  young_person_id uuid NOT NULL REFERENCES young_people(id),
  episode_id uuid NOT NULL UNIQUE REFERENCES episodes(id),
  -- Codes: creative, social, indoor, self_care, sports, vocational_educational.
  interests text[] NOT NULL DEFAULT '{}',
  interests_note text,
  strengths text,
  what_matters text,
  -- Codes from the referral needs list (src/referrals/codes.ts).
  needs text[] NOT NULL DEFAULT '{}',
  concerns_note text,
  want_to_change text,
  -- Codes: confidence, cost, travel, anxiety_about_groups, other.
  barriers text[] NOT NULL DEFAULT '{}',
  barriers_note text,
  recorded_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE plans (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations(id),
  young_person_id uuid NOT NULL REFERENCES young_people(id),
  episode_id uuid NOT NULL UNIQUE REFERENCES episodes(id),
  personal_outcomes text,
  young_person_agreed boolean NOT NULL DEFAULT false,
  agreed_on date,
  agreement_note text,
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Up to three goals in the young person's own words, each rated 0-10 over time (Goal-Based Outcomes).
CREATE TABLE goals (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations(id),
  young_person_id uuid NOT NULL REFERENCES young_people(id),
  plan_id uuid NOT NULL REFERENCES plans(id),
  position integer NOT NULL CHECK (position BETWEEN 1 AND 3),
  wording text NOT NULL,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'achieved', 'stopped')),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (plan_id, position)
);

CREATE TABLE goal_ratings (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations(id),
  young_person_id uuid NOT NULL REFERENCES young_people(id),
  goal_id uuid NOT NULL REFERENCES goals(id),
  rating integer NOT NULL CHECK (rating BETWEEN 0 AND 10),
  rated_on date NOT NULL DEFAULT current_date,
  -- Who gave the rating: with the link worker, or the young person on their own page.
  rated_by text NOT NULL CHECK (rated_by IN ('with_link_worker', 'young_person')),
  recorded_by uuid REFERENCES users(id),
  session_id uuid,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX goal_ratings_goal_idx ON goal_ratings (goal_id, rated_on, created_at);
CREATE INDEX goal_ratings_person_idx ON goal_ratings (young_person_id, rated_on DESC);

CREATE TABLE plan_actions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations(id),
  young_person_id uuid NOT NULL REFERENCES young_people(id),
  plan_id uuid NOT NULL REFERENCES plans(id),
  goal_id uuid REFERENCES goals(id),
  description text NOT NULL,
  owner text NOT NULL CHECK (owner IN ('young_person', 'link_worker', 'parent_carer', 'someone_else')),
  owner_note text,
  due_on date,
  done_on date,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX plan_actions_plan_idx ON plan_actions (plan_id, due_on);
CREATE INDEX plan_actions_overdue_idx ON plan_actions (young_person_id, due_on) WHERE done_on IS NULL;

-- Sessions grow from a booking into defensible documentation.
ALTER TABLE support_sessions
  ALTER COLUMN place DROP NOT NULL,
  ADD COLUMN episode_id uuid REFERENCES episodes(id),
  -- One of the scheme's session_settings codes (GP surgery, school, hub, phone ...).
  ADD COLUMN setting text,
  ADD COLUMN cancelled_by text CHECK (cancelled_by IN ('young_person', 'link_worker', 'parent_carer', 'someone_else')),
  ADD COLUMN home_visit_approval text CHECK (home_visit_approval IN ('requested', 'approved', 'declined')),
  ADD COLUMN home_visit_decided_by uuid REFERENCES users(id),
  ADD COLUMN what_happened text,
  ADD COLUMN what_was_agreed text,
  ADD COLUMN next_steps text,
  ADD COLUMN goal_ids uuid[] NOT NULL DEFAULT '{}',
  ADD COLUMN action_ids uuid[] NOT NULL DEFAULT '{}',
  ADD COLUMN recorded_by uuid REFERENCES users(id),
  ADD COLUMN recorded_at timestamptz,
  ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
CREATE INDEX support_sessions_episode_idx ON support_sessions (episode_id, starts_at);
CREATE INDEX support_sessions_upcoming_idx ON support_sessions (org_id, starts_at) WHERE status = 'scheduled';
CREATE INDEX support_sessions_home_visits_idx ON support_sessions (org_id) WHERE home_visit_approval = 'requested';

CREATE TABLE safeguarding_concerns (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations(id),
  young_person_id uuid NOT NULL REFERENCES young_people(id),
  episode_id uuid REFERENCES episodes(id),
  category text NOT NULL,
  what_was_seen_or_said text NOT NULL,
  immediate_action text NOT NULL,
  -- Codes: designated_safeguarding_lead, local_authority_front_door, police, camhs_crisis, none_yet.
  referred_to text[] NOT NULL DEFAULT '{}',
  urgency text NOT NULL CHECK (urgency IN ('immediate', 'today', 'within_a_week')),
  raised_by uuid REFERENCES users(id),
  raised_at timestamptz NOT NULL DEFAULT now(),
  follow_up_note text,
  closed_at timestamptz,
  closed_by uuid REFERENCES users(id),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX safeguarding_open_idx ON safeguarding_concerns (org_id, raised_at) WHERE closed_at IS NULL;
CREATE INDEX safeguarding_person_idx ON safeguarding_concerns (young_person_id, raised_at DESC);

-- Every existing record gets the episode it is in, so casework can begin on any of them.
INSERT INTO episodes (org_id, young_person_id, opened_on, sessions_allowed, weeks_allowed, closed_on)
SELECT p.org_id, p.id, p.referred_on, coalesce(s.default_sessions, 6), coalesce(s.default_weeks, 12),
       CASE WHEN p.stage = 'closed' THEN p.updated_at::date END
FROM young_people p LEFT JOIN scheme_settings s ON s.org_id = p.org_id;
UPDATE support_sessions ss SET episode_id = e.id FROM episodes e WHERE e.young_person_id = ss.young_person_id;

CREATE TRIGGER episodes_audit AFTER INSERT OR UPDATE OR DELETE ON episodes
  FOR EACH ROW EXECUTE FUNCTION audit_personal_change('young_person_id');
CREATE TRIGGER extension_requests_audit AFTER INSERT OR UPDATE OR DELETE ON extension_requests
  FOR EACH ROW EXECUTE FUNCTION audit_personal_change('young_person_id');
CREATE TRIGGER consents_audit AFTER INSERT OR UPDATE OR DELETE ON consents
  FOR EACH ROW EXECUTE FUNCTION audit_personal_change('young_person_id');
CREATE TRIGGER assessments_audit AFTER INSERT OR UPDATE OR DELETE ON assessments
  FOR EACH ROW EXECUTE FUNCTION audit_personal_change('young_person_id');
CREATE TRIGGER plans_audit AFTER INSERT OR UPDATE OR DELETE ON plans
  FOR EACH ROW EXECUTE FUNCTION audit_personal_change('young_person_id');
CREATE TRIGGER goals_audit AFTER INSERT OR UPDATE OR DELETE ON goals
  FOR EACH ROW EXECUTE FUNCTION audit_personal_change('young_person_id');
CREATE TRIGGER goal_ratings_audit AFTER INSERT OR UPDATE OR DELETE ON goal_ratings
  FOR EACH ROW EXECUTE FUNCTION audit_personal_change('young_person_id');
CREATE TRIGGER plan_actions_audit AFTER INSERT OR UPDATE OR DELETE ON plan_actions
  FOR EACH ROW EXECUTE FUNCTION audit_personal_change('young_person_id');
CREATE TRIGGER safeguarding_concerns_audit AFTER INSERT OR UPDATE OR DELETE ON safeguarding_concerns
  FOR EACH ROW EXECUTE FUNCTION audit_personal_change('young_person_id');

-- Row-level security: each table follows the young person's record.
DO $$
DECLARE
  personal_table text;
BEGIN
  FOREACH personal_table IN ARRAY ARRAY['episodes', 'extension_requests', 'consents', 'assessments', 'plans', 'goals',
                                        'goal_ratings', 'plan_actions', 'safeguarding_concerns'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', personal_table);
    EXECUTE format('CREATE POLICY tenant_and_allocation ON %I
      USING (org_id = app_org_id() AND EXISTS (SELECT 1 FROM young_people p WHERE p.id = young_person_id))
      WITH CHECK (org_id = app_org_id())', personal_table);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE ON %I TO linkway_app', personal_table);
  END LOOP;
END
$$;

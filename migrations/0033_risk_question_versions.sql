-- The wording of the streetlight's risk questions, per scheme and versioned: an admin's change adds
-- a version, and each referral keeps the version it was answered against, so triage shows the
-- questions as the referrer read them. Without any version a scheme uses the built-in wording.
CREATE TABLE risk_question_versions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations(id),
  version integer NOT NULL CHECK (version > 0),
  -- Question key to its wording, e.g. {"risk_to_life": "Is the young person at immediate risk ...?"}.
  questions jsonb NOT NULL,
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (org_id, version)
);

ALTER TABLE risk_question_versions ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant ON risk_question_versions USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());
GRANT SELECT, INSERT ON risk_question_versions TO linkway_app;

ALTER TABLE referrals ADD COLUMN risk_questions_version_id uuid REFERENCES risk_question_versions(id);

-- Every referral is stamped with the scheme's latest wording as it arrives, whichever form sent it.
CREATE FUNCTION stamp_risk_questions_version() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF NEW.risk_questions_version_id IS NULL THEN
    NEW.risk_questions_version_id := (
      SELECT id FROM risk_question_versions WHERE org_id = NEW.org_id ORDER BY version DESC LIMIT 1
    );
  END IF;
  RETURN NEW;
END
$$;

CREATE TRIGGER referrals_risk_questions_version BEFORE INSERT ON referrals
  FOR EACH ROW EXECUTE FUNCTION stamp_risk_questions_version();

-- Every table the code treats as personal data carries an audit trigger, and every tenant table a
-- policy (src/platform/db/schema.test.ts checks both against PERSONAL_TABLES).

-- Rows the application only ever appends (referral events) or that are a referrer's own scratch
-- copy (form drafts) are logged without field history: the history would only copy their personal
-- text into record_history, where no later erasure of the record could find it.
CREATE FUNCTION audit_personal_access() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changed_row jsonb := to_jsonb(CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END);
BEGIN
  INSERT INTO access_log (org_id, actor_user_id, actor_role, young_person_id, record_type, record_id, action, client_address)
  VALUES ((changed_row ->> 'org_id')::uuid, app_user_id(), app_role(),
          CASE WHEN TG_NARGS > 0 THEN (changed_row ->> TG_ARGV[0])::uuid END, TG_TABLE_NAME,
          (changed_row ->> 'id')::uuid, lower(TG_OP), nullif(current_setting('app.client_address', true), ''));
  RETURN NULL;
END
$$;

CREATE TRIGGER referral_events_audit AFTER INSERT OR UPDATE OR DELETE ON referral_events
  FOR EACH ROW EXECUTE FUNCTION audit_personal_access('young_person_id');

-- A draft holds a young person's name, date of birth and risk answers before any record exists.
-- The access log names it by this id; the browser still finds it only by its token.
ALTER TABLE referral_drafts ADD COLUMN id uuid NOT NULL UNIQUE DEFAULT gen_random_uuid();
CREATE TRIGGER referral_drafts_audit AFTER INSERT OR UPDATE OR DELETE ON referral_drafts
  FOR EACH ROW EXECUTE FUNCTION audit_personal_access();

-- Own-page sessions and sign-in codes are reached only through the security-definer functions of
-- migrations/0009. Row-level security already showed linkway_app nothing; the policy says so.
CREATE POLICY functions_only ON own_page_sessions USING (false);
CREATE POLICY functions_only ON own_page_codes USING (false);

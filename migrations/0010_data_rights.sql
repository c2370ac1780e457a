-- Data rights: requests from young people (subject access, correction, erasure), and anonymisation
-- when the scheme's retention period ends or a lawful erasure request is granted.

ALTER TABLE young_people ADD COLUMN anonymised_at timestamptz;

-- Every request is kept, with who decided it and why, so the scheme can show how it answered.
-- Records the retention job anonymises get a row too (kind 'retention').
CREATE TABLE data_rights_requests (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations(id),
  young_person_id uuid NOT NULL REFERENCES young_people(id),
  kind text NOT NULL CHECK (kind IN ('subject_access', 'correction', 'erasure', 'retention')),
  -- Who asked, in the words of the person logging it ("the young person", "their mum"); null for retention.
  requested_by text,
  received_on date NOT NULL,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'refused')),
  decision_note text,
  logged_by uuid REFERENCES users(id),
  decided_by uuid REFERENCES users(id),
  decided_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX data_rights_requests_person_idx ON data_rights_requests (young_person_id, created_at DESC);

CREATE TRIGGER data_rights_requests_audit AFTER INSERT OR UPDATE OR DELETE ON data_rights_requests
  FOR EACH ROW EXECUTE FUNCTION audit_personal_change('young_person_id');

ALTER TABLE data_rights_requests ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_and_allocation ON data_rights_requests
  USING (org_id = app_org_id() AND EXISTS (SELECT 1 FROM young_people p WHERE p.id = young_person_id))
  WITH CHECK (org_id = app_org_id());
GRANT SELECT, INSERT, UPDATE ON data_rights_requests TO linkway_app;

-- The retention job looks for people whose last episode closed long ago.
CREATE INDEX episodes_closed_idx ON episodes (young_person_id, closed_on);

-- The outward part of a UK postcode ('LS6 2AB' -> 'LS6'): enough for area reporting, not an address.
-- The inward part is always three characters, so it works with or without the space.
CREATE FUNCTION outward_postcode(postcode text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN length(compact) BETWEEN 5 AND 7 THEN left(compact, length(compact) - 3) END
  FROM (SELECT upper(regexp_replace(coalesce(postcode, ''), '\s', '', 'g')) AS compact) AS p
$$;

-- Anonymises everything held about one young person, in one statement list, for both the retention
-- job (the platform's own connection: no caller, so the audit shows Linkway itself) and a manager
-- granting an erasure request (their transaction: the audit shows them). Names, contact details and
-- every free-text note go; coded data (stages, dates, codes, ratings) stays for reporting. The date
-- of birth keeps its year so age bands still count. The field history written by the audit triggers
-- keeps which field changed, when and by whom, but the old values of these fields are removed too:
-- otherwise the history would keep what was anonymised.
CREATE FUNCTION anonymise_young_person(person uuid) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  person_org uuid;
  cleared_fields text[] := ARRAY[
    'given_name', 'family_name', 'preferred_name', 'date_of_birth', 'pronouns', 'postcode', 'phone', 'email',
    'answers', 'referrer_name', 'referrer_email', 'referrer_phone', 'eligibility_note', 'decline_reason', 'summary',
    'note', 'place', 'what_happened', 'what_was_agreed', 'next_steps', 'discharge_reason_other', 'closing_summary',
    'final_measures_note', 'reason', 'decision_note', 'given_by_name', 'competence_note', 'what_they_were_told',
    'withdrawal_note', 'interests_note', 'strengths', 'what_matters', 'concerns_note', 'want_to_change',
    'barriers_note', 'personal_outcomes', 'agreement_note', 'wording', 'description', 'owner_note',
    'what_was_seen_or_said', 'immediate_action', 'follow_up_note', 'requested_by', 'comment', 'suggestion_note',
    'contact_detail', 'shared_first_name', 'shared_contact', 'provider_note', 'stop_note', 'not_collected_reason', 'progress'];
BEGIN
  SELECT org_id INTO person_org FROM young_people WHERE id = person;
  IF person_org IS NULL THEN
    RAISE EXCEPTION 'No young person with this id';
  END IF;
  -- Staff reach this through their own transaction, which names their scheme and role.
  IF app_role() IS NOT NULL AND (app_role() NOT IN ('admin', 'manager') OR person_org IS DISTINCT FROM app_org_id()) THEN
    RAISE EXCEPTION 'Only a manager or admin of the scheme may anonymise a record';
  END IF;
  IF EXISTS (SELECT 1 FROM episodes WHERE young_person_id = person AND closed_on IS NULL) THEN
    RAISE EXCEPTION 'A young person in an open episode of support cannot be anonymised';
  END IF;

  -- Messages about their referrals, and any sent to them directly (own-page sign-in codes),
  -- found before their address is removed below.
  UPDATE outbox_messages SET to_address = '', body = ''
  WHERE referral_id IN (SELECT id FROM referrals WHERE young_person_id = person)
     OR (org_id = person_org AND to_address <> '' AND EXISTS (SELECT 1 FROM young_people p WHERE p.id = person
           AND (lower(outbox_messages.to_address) = lower(p.email)
                OR (nullif(own_page_phone(p.phone), '') IS NOT NULL AND own_page_phone(outbox_messages.to_address) = own_page_phone(p.phone)))));
  UPDATE young_people SET given_name = 'Anonymised', family_name = 'Anonymised', preferred_name = NULL,
    date_of_birth = make_date(extract(year FROM date_of_birth)::integer, 1, 1), pronouns = NULL,
    postcode = outward_postcode(postcode), phone = NULL, email = NULL, anonymised_at = now(), updated_at = now()
  WHERE id = person;
  UPDATE referrals SET given_name = 'Anonymised', family_name = 'Anonymised', preferred_name = NULL,
    date_of_birth = make_date(extract(year FROM date_of_birth)::integer, 1, 1), postcode = outward_postcode(postcode),
    answers = '{}', referrer_name = NULL, referrer_email = NULL, referrer_phone = NULL, eligibility_note = NULL,
    decline_reason = NULL, tracking_token_hash = NULL, updated_at = now()
  WHERE young_person_id = person;
  -- Event summaries can quote free text (a decline reason); the kind of event stays, in words.
  UPDATE referral_events SET summary = upper(left(kind, 1)) || replace(substr(kind, 2), '_', ' ')
  WHERE young_person_id = person OR referral_id IN (SELECT id FROM referrals WHERE young_person_id = person);
  UPDATE contact_attempts SET note = NULL WHERE young_person_id = person;
  UPDATE support_sessions SET place = NULL, what_happened = NULL, what_was_agreed = NULL, next_steps = NULL, updated_at = now()
  WHERE young_person_id = person;
  UPDATE episodes SET discharge_reason_other = NULL, closing_summary = NULL, final_measures_note = NULL, updated_at = now()
  WHERE young_person_id = person;
  UPDATE extension_requests SET reason = '', decision_note = NULL WHERE young_person_id = person;
  UPDATE consents SET given_by_name = NULL, competence_note = NULL, what_they_were_told = '', withdrawal_note = NULL
  WHERE young_person_id = person;
  UPDATE assessments SET interests_note = NULL, strengths = NULL, what_matters = NULL, concerns_note = NULL,
    want_to_change = NULL, barriers_note = NULL, updated_at = now()
  WHERE young_person_id = person;
  UPDATE plans SET personal_outcomes = NULL, agreement_note = NULL, updated_at = now() WHERE young_person_id = person;
  UPDATE goals SET wording = '', updated_at = now() WHERE young_person_id = person;
  UPDATE plan_actions SET description = '', owner_note = NULL, updated_at = now() WHERE young_person_id = person;
  UPDATE safeguarding_concerns SET what_was_seen_or_said = '', immediate_action = '', follow_up_note = NULL, updated_at = now()
  WHERE young_person_id = person;
  UPDATE data_rights_requests SET requested_by = NULL WHERE young_person_id = person;
  UPDATE service_feedback SET comment = NULL WHERE young_person_id = person;
  -- Connections (migrations/0016) and measures (0017) come later than this file; a function body
  -- is resolved when it runs, so these statements work once those tables exist.
  UPDATE connections SET suggestion_note = NULL, contact_detail = NULL, shared_first_name = NULL, shared_contact = NULL,
    provider_note = NULL, stop_note = NULL, response_token_hash = NULL, updated_at = now()
  WHERE young_person_id = person;
  -- Scores and answers of outcome measures are coded: they stay for reporting.
  UPDATE measure_responses SET not_collected_reason = 'Anonymised' WHERE young_person_id = person AND not_collected_reason IS NOT NULL;
  UPDATE measure_links SET progress = '{}', revoked_at = coalesce(revoked_at, now()), updated_at = now() WHERE young_person_id = person;
  -- Their own page closes for good: links stop, sessions and sign-in codes go.
  UPDATE own_page_links SET revoked_at = now() WHERE young_person_id = person AND revoked_at IS NULL;
  DELETE FROM own_page_sessions WHERE young_person_id = person;
  DELETE FROM own_page_codes WHERE young_person_id = person;

  UPDATE record_history SET old_value = NULL, new_value = NULL
  WHERE young_person_id = person AND field = ANY (cleared_fields);
END
$$;
REVOKE EXECUTE ON FUNCTION anonymise_young_person(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION anonymise_young_person(uuid) TO linkway_app;

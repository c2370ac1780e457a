-- The young person's own page. A private link, or a six-digit code sent by email or text, opens a
-- short session in which they see their goals and next session, rate their goals and say how
-- helpful the support is. The 'public' caller sees no personal data under row-level security, so
-- the page reads and writes only through the security-definer functions below, each found by the
-- hash of the young person's session token, and each writes the access log as 'young_person'.
-- See docs/decisions/0004-young-people-see-their-own-page.md.

-- Text messages wait in the outbox like email: there is no text gateway, an admin passes them on.
ALTER TABLE outbox_messages
  ADD COLUMN channel text NOT NULL DEFAULT 'email' CHECK (channel IN ('email', 'text'));

-- One working link at a time: making a new one stops the earlier ones.
CREATE TABLE own_page_links (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations(id),
  young_person_id uuid NOT NULL REFERENCES young_people(id) ON DELETE CASCADE,
  token_hash text NOT NULL UNIQUE,
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  last_used_at timestamptz,
  revoked_at timestamptz,
  revoked_by uuid REFERENCES users(id)
);
CREATE INDEX own_page_links_person_idx ON own_page_links (young_person_id, created_at DESC);

-- Sessions and codes are reached only through the functions below: no grant to linkway_app.
CREATE TABLE own_page_sessions (
  token_hash text PRIMARY KEY,
  org_id uuid NOT NULL REFERENCES organisations(id),
  young_person_id uuid NOT NULL REFERENCES young_people(id) ON DELETE CASCADE,
  -- A session opened by a link ends when the link is stopped.
  link_id uuid REFERENCES own_page_links(id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX own_page_sessions_seen_idx ON own_page_sessions (last_seen_at);

CREATE TABLE own_page_codes (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- The hash of a token in the asking browser's cookie: a code works only in the browser that asked.
  request_hash text NOT NULL,
  -- Null when the address matched no one: that code is never right, but everything else looks the same.
  org_id uuid REFERENCES organisations(id),
  young_person_id uuid REFERENCES young_people(id) ON DELETE CASCADE,
  code_hash text NOT NULL,
  attempts integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);
CREATE INDEX own_page_codes_request_idx ON own_page_codes (request_hash, created_at DESC);
CREATE INDEX own_page_codes_person_idx ON own_page_codes (young_person_id, created_at DESC);

CREATE TABLE service_feedback (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations(id),
  young_person_id uuid NOT NULL REFERENCES young_people(id),
  episode_id uuid REFERENCES episodes(id),
  -- "How helpful is the support?" from 1 (not helpful) to 5 (very helpful).
  helpfulness integer NOT NULL CHECK (helpfulness BETWEEN 1 AND 5),
  comment text CHECK (length(comment) <= 2000),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX service_feedback_person_idx ON service_feedback (young_person_id, created_at DESC);
CREATE INDEX service_feedback_org_idx ON service_feedback (org_id, created_at DESC);

CREATE TRIGGER own_page_links_audit AFTER INSERT OR UPDATE OR DELETE ON own_page_links
  FOR EACH ROW EXECUTE FUNCTION audit_personal_change('young_person_id');
CREATE TRIGGER service_feedback_audit AFTER INSERT OR UPDATE OR DELETE ON service_feedback
  FOR EACH ROW EXECUTE FUNCTION audit_personal_change('young_person_id');

ALTER TABLE own_page_links ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_and_allocation ON own_page_links
  USING (org_id = app_org_id() AND EXISTS (SELECT 1 FROM young_people p WHERE p.id = young_person_id))
  WITH CHECK (org_id = app_org_id());
ALTER TABLE service_feedback ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_and_allocation ON service_feedback
  USING (org_id = app_org_id() AND EXISTS (SELECT 1 FROM young_people p WHERE p.id = young_person_id))
  WITH CHECK (org_id = app_org_id());
ALTER TABLE own_page_sessions ENABLE ROW LEVEL SECURITY;
ALTER TABLE own_page_codes ENABLE ROW LEVEL SECURITY;
GRANT SELECT, INSERT, UPDATE ON own_page_links TO linkway_app;
GRANT SELECT ON service_feedback TO linkway_app;

-- Addresses to sign in with: email ignoring case, mobile numbers with spaces and +44 folded away.
CREATE FUNCTION own_page_phone(number text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT regexp_replace(regexp_replace(coalesce(number, ''), '[^0-9+]', '', 'g'), '^(\+44|0044)0?', '0')
$$;
CREATE INDEX young_people_email_idx ON young_people (lower(email)) WHERE email IS NOT NULL;
CREATE INDEX young_people_phone_idx ON young_people (own_page_phone(phone)) WHERE phone IS NOT NULL;

-- Everything the page reads or writes is logged with the young person as the actor.
CREATE FUNCTION own_page_log(org uuid, person uuid, kind text, records uuid[], what text) RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = public AS $$
  INSERT INTO access_log (org_id, actor_user_id, actor_role, young_person_id, record_type, record_id, action, client_address)
  SELECT org, NULL, 'young_person', person, kind, record, what, nullif(current_setting('app.client_address', true), '')
  FROM unnest(records) AS record
$$;

-- The young person behind a working session, which this use keeps alive; null for none. Their
-- changes from here on are logged as theirs by the audit trigger.
CREATE FUNCTION own_page_person(session_hash text) RETURNS young_people
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  person_id uuid;
  person young_people;
BEGIN
  UPDATE own_page_sessions s SET last_seen_at = now()
  WHERE s.token_hash = session_hash
    AND s.expires_at > now()
    AND s.last_seen_at > now() - interval '20 minutes'
    AND (s.link_id IS NULL OR EXISTS (SELECT 1 FROM own_page_links l WHERE l.id = s.link_id AND l.revoked_at IS NULL))
  RETURNING s.young_person_id INTO person_id;
  IF person_id IS NULL THEN
    RETURN NULL;
  END IF;
  SELECT * INTO person FROM young_people WHERE id = person_id;
  PERFORM set_config('app.role', 'young_person', true);
  RETURN person;
END
$$;

CREATE FUNCTION own_page_start_session(session_hash text, org uuid, person uuid, link uuid) RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = public AS $$
  DELETE FROM own_page_sessions WHERE last_seen_at < now() - interval '1 day';
  INSERT INTO own_page_sessions (token_hash, org_id, young_person_id, link_id, expires_at)
  VALUES (session_hash, org, person, link, now() + interval '4 hours');
$$;

-- A working private link opens a session. False for an expired, stopped or unknown link.
CREATE FUNCTION own_page_open_link(link_hash text, session_hash text) RETURNS boolean
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  link own_page_links;
BEGIN
  SELECT * INTO link FROM own_page_links
  WHERE token_hash = link_hash AND revoked_at IS NULL AND expires_at > now();
  IF link.id IS NULL THEN
    RETURN false;
  END IF;
  PERFORM set_config('app.role', 'young_person', true);
  UPDATE own_page_links SET last_used_at = now() WHERE id = link.id;
  PERFORM own_page_start_session(session_hash, link.org_id, link.young_person_id, link.id);
  PERFORM own_page_log(link.org_id, link.young_person_id, 'own_page_links', ARRAY[link.id], 'sign_in');
  RETURN true;
END
$$;

-- Asks for a code for an address. A code row is stored whatever the address, so the next steps
-- look the same; a row comes back (for the message to be sent) only when exactly one young person
-- known to a scheme has that address and they have not asked too often.
CREATE FUNCTION own_page_request_code(address text, channel text, request_hash text, code_hash text)
RETURNS TABLE (org_id uuid, scheme_name text, to_address text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  matches young_people[];
  person young_people;
  code_id uuid;
BEGIN
  SELECT coalesce(array_agg(p), '{}') INTO matches FROM young_people p
  WHERE CASE channel
          WHEN 'email' THEN p.email IS NOT NULL AND lower(p.email) = lower(address)
          ELSE p.phone IS NOT NULL AND own_page_phone(p.phone) = own_page_phone(address)
        END
    AND EXISTS (SELECT 1 FROM episodes e WHERE e.young_person_id = p.id);
  IF cardinality(matches) = 1 THEN
    person := matches[1];
  END IF;
  IF person.id IS NOT NULL AND (SELECT count(*) FROM own_page_codes c
                                WHERE c.young_person_id = person.id AND c.created_at > now() - interval '1 hour') >= 3 THEN
    person := NULL;
  END IF;
  INSERT INTO own_page_codes (request_hash, org_id, young_person_id, code_hash, expires_at)
  VALUES (own_page_request_code.request_hash, person.org_id, person.id, own_page_request_code.code_hash, now() + interval '10 minutes')
  RETURNING id INTO code_id;
  IF person.id IS NULL THEN
    RETURN;
  END IF;
  PERFORM set_config('app.role', 'young_person', true);
  PERFORM own_page_log(person.org_id, person.id, 'own_page_codes', ARRAY[code_id], 'request_code');
  RETURN QUERY SELECT o.id, o.name, CASE channel WHEN 'email' THEN person.email ELSE person.phone END
  FROM organisations o WHERE o.id = person.org_id;
END
$$;

-- Checks a code typed in the browser that asked for it: 'signed_in' (a session now exists),
-- 'wrong', 'expired', 'too_many' (five wrong tries end the code) or 'none' (no code asked for).
CREATE FUNCTION own_page_check_code(request_hash text, code_hash text, session_hash text) RETURNS text
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  code own_page_codes;
BEGIN
  SELECT * INTO code FROM own_page_codes c
  WHERE c.request_hash = own_page_check_code.request_hash AND c.used_at IS NULL
  ORDER BY c.created_at DESC LIMIT 1;
  IF code.id IS NULL THEN
    RETURN 'none';
  ELSIF code.expires_at <= now() THEN
    RETURN 'expired';
  ELSIF code.attempts >= 5 THEN
    RETURN 'too_many';
  ELSIF code.young_person_id IS NOT NULL AND code.code_hash = own_page_check_code.code_hash THEN
    UPDATE own_page_codes SET used_at = now() WHERE id = code.id;
    PERFORM set_config('app.role', 'young_person', true);
    PERFORM own_page_start_session(session_hash, code.org_id, code.young_person_id, NULL);
    PERFORM own_page_log(code.org_id, code.young_person_id, 'own_page_codes', ARRAY[code.id], 'sign_in');
    RETURN 'signed_in';
  END IF;
  UPDATE own_page_codes SET attempts = attempts + 1 WHERE id = code.id;
  RETURN CASE WHEN code.attempts + 1 >= 5 THEN 'too_many' ELSE 'wrong' END;
END
$$;

-- Exactly what the page shows, as one document: their name, the scheme, whether support is open,
-- their goals with the latest rating, and the next booked session. Null for no working session.
CREATE FUNCTION own_page(session_hash text) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  person young_people;
  episode episodes;
  scheme text;
  the_plan uuid;
  goal_rows jsonb := '[]';
  goal_ids uuid[];
  rating_ids uuid[];
  next_session support_sessions;
BEGIN
  person := own_page_person(session_hash);
  IF person.id IS NULL THEN
    RETURN NULL;
  END IF;
  SELECT name INTO scheme FROM organisations WHERE id = person.org_id;
  PERFORM own_page_log(person.org_id, person.id, 'young_people', ARRAY[person.id], 'view');
  SELECT * INTO episode FROM episodes WHERE young_person_id = person.id AND closed_on IS NULL;
  IF episode.id IS NOT NULL THEN
    PERFORM own_page_log(person.org_id, person.id, 'episodes', ARRAY[episode.id], 'view');
    SELECT id INTO the_plan FROM plans WHERE episode_id = episode.id;
    IF the_plan IS NOT NULL THEN
      PERFORM own_page_log(person.org_id, person.id, 'plans', ARRAY[the_plan], 'view');
      SELECT coalesce(jsonb_agg(jsonb_build_object('id', shown.id, 'wording', shown.wording, 'rating', shown.rating, 'ratedOn', shown.rated_on)
                                ORDER BY shown.position), '[]'),
             coalesce(array_agg(shown.id), '{}'), coalesce(array_remove(array_agg(shown.rating_id), NULL), '{}')
      INTO goal_rows, goal_ids, rating_ids
      FROM (
        SELECT g.id, g.position, g.wording, latest.id AS rating_id, latest.rating, latest.rated_on
        FROM goals g
        LEFT JOIN LATERAL (
          SELECT r.id, r.rating, r.rated_on FROM goal_ratings r WHERE r.goal_id = g.id
          ORDER BY r.rated_on DESC, r.created_at DESC LIMIT 1
        ) latest ON true
        WHERE g.plan_id = the_plan AND g.status = 'active'
      ) shown;
      PERFORM own_page_log(person.org_id, person.id, 'goals', goal_ids, 'view');
      PERFORM own_page_log(person.org_id, person.id, 'goal_ratings', rating_ids, 'view');
    END IF;
    SELECT * INTO next_session FROM support_sessions
    WHERE young_person_id = person.id AND status = 'scheduled' AND starts_at > now()
    ORDER BY starts_at LIMIT 1;
    IF next_session.id IS NOT NULL THEN
      PERFORM own_page_log(person.org_id, person.id, 'support_sessions', ARRAY[next_session.id], 'view');
    END IF;
  END IF;
  RETURN jsonb_build_object(
    'name', coalesce(person.preferred_name, person.given_name),
    'schemeName', scheme,
    'inSupport', episode.id IS NOT NULL,
    'goals', goal_rows,
    'nextSession', CASE WHEN next_session.id IS NULL THEN NULL ELSE jsonb_build_object(
      'startsAt', next_session.starts_at, 'durationMinutes', next_session.duration_minutes,
      'setting', next_session.setting, 'place', next_session.place) END);
END
$$;

-- A rating of one of their own goals still being worked on. False for any other goal.
CREATE FUNCTION own_page_rate_goal(session_hash text, goal uuid, score integer) RETURNS boolean
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  person young_people;
BEGIN
  person := own_page_person(session_hash);
  IF person.id IS NULL OR NOT EXISTS (
    SELECT 1 FROM goals g JOIN plans p ON p.id = g.plan_id JOIN episodes e ON e.id = p.episode_id
    WHERE g.id = goal AND g.young_person_id = person.id AND g.status = 'active' AND e.closed_on IS NULL
  ) THEN
    RETURN false;
  END IF;
  INSERT INTO goal_ratings (org_id, young_person_id, goal_id, rating, rated_by)
  VALUES (person.org_id, person.id, goal, score, 'young_person');
  RETURN true;
END
$$;

-- Feedback on the service, linked to their latest period of support (open or ended).
CREATE FUNCTION own_page_give_feedback(session_hash text, score integer, said text) RETURNS boolean
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  person young_people;
BEGIN
  person := own_page_person(session_hash);
  IF person.id IS NULL THEN
    RETURN false;
  END IF;
  INSERT INTO service_feedback (org_id, young_person_id, episode_id, helpfulness, comment)
  SELECT person.org_id, person.id,
         (SELECT e.id FROM episodes e WHERE e.young_person_id = person.id ORDER BY e.closed_on DESC NULLS FIRST, e.opened_on DESC LIMIT 1),
         score, nullif(said, '');
  RETURN true;
END
$$;

CREATE FUNCTION own_page_sign_out(session_hash text) RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = public AS $$
  DELETE FROM own_page_sessions WHERE token_hash = session_hash;
$$;

-- For the staff page: whether a code sent to the email or mobile on the record would reach this
-- young person (the address is theirs alone). Answers only for a record the caller may see.
CREATE FUNCTION own_page_code_addresses(person uuid) RETURNS TABLE (email_works boolean, phone_works boolean)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT
    p.email IS NOT NULL AND (SELECT count(*) FROM young_people o WHERE o.email IS NOT NULL AND lower(o.email) = lower(p.email)) = 1,
    p.phone IS NOT NULL AND own_page_phone(p.phone) ~ '^07[0-9]{9}$'
      AND (SELECT count(*) FROM young_people o WHERE o.phone IS NOT NULL AND own_page_phone(o.phone) = own_page_phone(p.phone)) = 1
  FROM young_people p
  WHERE p.id = person AND may_see_young_person(p.org_id, p.allocated_worker_id)
$$;

REVOKE EXECUTE ON FUNCTION own_page_log(uuid, uuid, text, uuid[], text), own_page_person(text),
  own_page_start_session(text, uuid, uuid, uuid), own_page_open_link(text, text), own_page_request_code(text, text, text, text),
  own_page_check_code(text, text, text), own_page(text), own_page_rate_goal(text, uuid, integer),
  own_page_give_feedback(text, integer, text), own_page_sign_out(text), own_page_code_addresses(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION own_page_open_link(text, text), own_page_request_code(text, text, text, text),
  own_page_check_code(text, text, text), own_page(text), own_page_rate_goal(text, uuid, integer),
  own_page_give_feedback(text, integer, text), own_page_sign_out(text), own_page_code_addresses(uuid) TO linkway_app;

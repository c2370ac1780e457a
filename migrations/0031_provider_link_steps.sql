-- The provider's private link follows the connection through its steps: answer the referral, then
-- say when the young person first came, then whether they still come or have stopped. It stops
-- working 12 weeks after the provider last used it (or at the answer deadline, before an answer),
-- and for good once the provider declines or the connection stops.

ALTER TABLE connections
  -- The last day the provider said the young person still comes.
  ADD COLUMN provider_confirmed_on date;

DROP FUNCTION connection_for_provider(text);

-- The state tells the page what to ask: 'open' (answer the referral), 'accepted' (have they been
-- yet?), 'attending' (still coming?), 'closed' (declined or stopped: nothing more to ask) or
-- 'expired'. The first name is shown only while there is something to ask. No row for an unknown link.
CREATE FUNCTION connection_for_provider(token_hash text)
RETURNS TABLE (state text, scheme_name text, service_name text, first_name text, answer text, expires_at timestamptz,
               first_attended_on date, provider_confirmed_on date)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  WITH found AS (
    SELECT c.*,
           CASE WHEN c.provider_answer = 'declined' OR c.status IN ('declined', 'stopped') THEN 'closed'
                WHEN c.response_expires_at <= now() THEN 'expired'
                WHEN c.provider_answer IS NULL THEN 'open'
                WHEN c.status = 'attending' THEN 'attending'
                ELSE 'accepted' END AS link_state
    FROM connections c
    WHERE c.response_token_hash = connection_for_provider.token_hash
  )
  SELECT f.link_state, o.name, s.name,
         CASE WHEN f.link_state IN ('open', 'accepted', 'attending') THEN f.shared_first_name END,
         f.provider_answer, f.response_expires_at, f.first_attended_on, f.provider_confirmed_on
  FROM found f
  JOIN organisations o ON o.id = f.org_id
  JOIN directory_services s ON s.org_id = f.org_id AND s.id = f.service_id
$$;

-- The provider's answer, once, while the link works. Accepting keeps the link for the next steps.
CREATE OR REPLACE FUNCTION connection_provider_answer(token_hash text, answer text, note text) RETURNS boolean
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
      status = CASE WHEN c.status = 'referred' THEN answer ELSE c.status END,
      response_expires_at = CASE WHEN answer = 'accepted' THEN now() + interval '12 weeks' ELSE c.response_expires_at END
  WHERE c.response_token_hash = connection_provider_answer.token_hash
    AND c.provider_answer IS NULL AND c.response_expires_at > now()
  RETURNING c.id INTO found_id;
  RETURN found_id IS NOT NULL;
END
$$;

-- A step after accepting: 'first_attended' (on_date), 'still_attending' (today) or 'stopped'
-- (on_date, reason). Each fits only where the connection is; each keeps the link 12 weeks more.
CREATE FUNCTION connection_provider_step(token_hash text, step text, on_date date, reason text) RETURNS boolean
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public AS $$
DECLARE
  found_id uuid;
BEGIN
  PERFORM set_config('app.role', 'provider', true);
  UPDATE connections c
  SET status = CASE step WHEN 'first_attended' THEN 'attending' WHEN 'stopped' THEN 'stopped' ELSE c.status END,
      first_attended_on = CASE WHEN step = 'first_attended' THEN on_date ELSE c.first_attended_on END,
      provider_confirmed_on = CASE WHEN step = 'still_attending' THEN current_date ELSE c.provider_confirmed_on END,
      stopped_on = CASE WHEN step = 'stopped' THEN on_date ELSE c.stopped_on END,
      stop_reason = CASE WHEN step = 'stopped' THEN reason ELSE c.stop_reason END,
      response_expires_at = now() + interval '12 weeks',
      updated_at = now()
  WHERE c.response_token_hash = connection_provider_step.token_hash
    AND c.provider_answer = 'accepted' AND c.response_expires_at > now()
    AND ((step = 'first_attended' AND c.status = 'accepted' AND c.first_attended_on IS NULL AND on_date IS NOT NULL)
      OR (step = 'still_attending' AND c.status = 'attending')
      OR (step = 'stopped' AND c.status IN ('accepted', 'attending') AND on_date IS NOT NULL AND reason IS NOT NULL))
  RETURNING c.id INTO found_id;
  RETURN found_id IS NOT NULL;
END
$$;

REVOKE EXECUTE ON FUNCTION connection_for_provider(text), connection_provider_step(text, text, date, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION connection_for_provider(text), connection_provider_step(text, text, date, text) TO linkway_app;

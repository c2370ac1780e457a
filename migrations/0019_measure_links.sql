-- A young person answers a measure on their phone through a single-use, expiring link. The 'public'
-- caller sees no personal data under row-level security, so the pages read and write only through
-- the security-definer functions below, each found by the hash of the link's token, each refusing a
-- link that is used, stopped or out of date, and each writing the access log as 'young_person'
-- (decision 4: the same approach as the young person's own page).

-- The link behind a token while it can still be answered; the young person is the actor from here on.
CREATE FUNCTION measure_link_live(link_hash text, for_change boolean) RETURNS measure_links
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  link measure_links;
BEGIN
  IF for_change THEN
    SELECT * INTO link FROM measure_links
    WHERE token_hash = link_hash AND used_at IS NULL AND revoked_at IS NULL AND expires_at > now()
    FOR UPDATE;
  ELSE
    SELECT * INTO link FROM measure_links
    WHERE token_hash = link_hash AND used_at IS NULL AND revoked_at IS NULL AND expires_at > now();
  END IF;
  IF link.id IS NOT NULL THEN
    PERFORM set_config('app.role', 'young_person', true);
  END IF;
  RETURN link;
END
$$;

-- What the questions pages need: the measure and version, the answers saved so far, and the
-- definition when the scheme stores it (built-in definitions are in the code). Null for a link
-- that no longer works.
CREATE FUNCTION measure_link_open(link_hash text) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  link measure_links;
BEGIN
  link := measure_link_live(link_hash, false);
  IF link.id IS NULL THEN
    RETURN NULL;
  END IF;
  PERFORM own_page_log(link.org_id, link.young_person_id, 'measure_links', ARRAY[link.id], 'view');
  RETURN jsonb_build_object(
    'key', link.measure_key,
    'version', link.measure_version,
    'progress', link.progress,
    'definition', (SELECT d.definition FROM measure_definitions d
                   WHERE d.org_id = link.org_id AND d.key = link.measure_key AND d.version = link.measure_version));
END
$$;

-- Keeps one answer, so they can stop and come back. The audit trigger logs the change as theirs.
CREATE FUNCTION measure_link_save_answer(link_hash text, item text, answer integer) RETURNS boolean
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  link measure_links;
BEGIN
  link := measure_link_live(link_hash, true);
  IF link.id IS NULL THEN
    RETURN false;
  END IF;
  UPDATE measure_links SET progress = progress || jsonb_build_object(item, answer), updated_at = now() WHERE id = link.id;
  RETURN true;
END
$$;

-- Sends the answers: they become a measure response collected through the link, with the scores
-- the link's version of the measure gives, and the link is used up. False when the link no longer
-- works, or when the answers scored are not the ones saved (changed in another tab meanwhile).
CREATE FUNCTION measure_link_send(link_hash text, answers jsonb, scores jsonb) RETURNS boolean
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  link measure_links;
  response uuid;
BEGIN
  link := measure_link_live(link_hash, true);
  IF link.id IS NULL OR link.progress IS DISTINCT FROM answers THEN
    RETURN false;
  END IF;
  INSERT INTO measure_responses (org_id, young_person_id, episode_id, measure_key, measure_version, moment,
                                 completed_on, collected_by, answers, scores)
  VALUES (link.org_id, link.young_person_id, link.episode_id, link.measure_key, link.measure_version, link.moment,
          current_date, 'young_person_link', answers, scores)
  RETURNING id INTO response;
  UPDATE measure_links SET used_at = now(), response_id = response, updated_at = now() WHERE id = link.id;
  RETURN true;
END
$$;

REVOKE EXECUTE ON FUNCTION measure_link_live(text, boolean), measure_link_open(text),
  measure_link_save_answer(text, text, integer), measure_link_send(text, jsonb, jsonb) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION measure_link_open(text), measure_link_save_answer(text, text, integer),
  measure_link_send(text, jsonb, jsonb) TO linkway_app;

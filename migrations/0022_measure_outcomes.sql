-- Scheme outcomes: how many episodes had their measures collected, and how scores changed from the
-- baseline to discharge. For managers, admins and commissioners; the functions return counts,
-- means and standard deviations only, for the caller's own scheme, so no row of personal data
-- reaches the app (the same pattern as organisation_stage_counts and referrer_insight).
--
-- Every function takes the same filters, null meaning "all": episodes are counted by when they
-- opened (baseline) or closed (paired baseline and discharge) within from_day..to_day, for young
-- people now allocated to `worker`, referred through `referral_route`.
-- Goal-Based Outcomes live in the plan's goal ratings: an episode's goals rated at all count as its
-- baseline, and each goal's first and latest rating make a pair.

CREATE INDEX episodes_org_opened_idx ON episodes (org_id, opened_on);
CREATE INDEX episodes_org_closed_idx ON episodes (org_id, closed_on);
CREATE INDEX measure_responses_episode_idx ON measure_responses (episode_id, measure_key, moment);

CREATE FUNCTION measure_outcome_episodes(worker uuid, referral_route text)
RETURNS TABLE (id uuid, opened_on date, closed_on date)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT e.id, e.opened_on, e.closed_on
  FROM episodes e
  JOIN young_people p ON p.id = e.young_person_id
  LEFT JOIN referrals r ON r.id = e.referral_id
  WHERE e.org_id = app_org_id()
    AND app_role() IN ('admin', 'manager', 'commissioner')
    AND (worker IS NULL OR p.allocated_worker_id = worker)
    AND (referral_route IS NULL OR r.route = referral_route)
$$;

-- Per episode of those chosen: whether the measure's baseline was collected, and whether its
-- discharge was (for GBO: any goal rated, and any goal rated twice or more).
CREATE FUNCTION measure_outcome_collected(measure text, from_day date, to_day date, worker uuid, referral_route text)
RETURNS TABLE (id uuid, opened_on date, closed_on date, has_baseline boolean, has_follow_up boolean)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  WITH chosen AS (
    SELECT e.id, e.opened_on, e.closed_on FROM measure_outcome_episodes(worker, referral_route) e
    WHERE e.opened_on BETWEEN from_day AND to_day OR e.closed_on BETWEEN from_day AND to_day
  ),
  answered AS (
    SELECT m.episode_id, bool_or(m.moment = 'baseline') AS has_baseline, bool_or(m.moment = 'discharge') AS has_follow_up
    FROM measure_responses m JOIN chosen c ON c.id = m.episode_id
    WHERE m.org_id = app_org_id() AND m.measure_key = measure AND m.not_collected_reason IS NULL AND measure <> 'gbo'
    GROUP BY m.episode_id
  ),
  goals_rated AS (
    SELECT episode_id, true AS has_baseline, bool_or(ratings > 1) AS has_follow_up
    FROM (SELECT pl.episode_id, count(*) AS ratings
          FROM chosen c JOIN plans pl ON pl.episode_id = c.id JOIN goals g ON g.plan_id = pl.id JOIN goal_ratings gr ON gr.goal_id = g.id
          WHERE pl.org_id = app_org_id() AND measure = 'gbo'
          GROUP BY pl.episode_id, g.id) per_goal
    GROUP BY episode_id
  )
  SELECT c.id, c.opened_on, c.closed_on,
         coalesce(a.has_baseline, g.has_baseline, false), coalesce(a.has_follow_up, g.has_follow_up, false)
  FROM chosen c
  LEFT JOIN answered a ON a.episode_id = c.id
  LEFT JOIN goals_rated g ON g.episode_id = c.id
$$;

CREATE FUNCTION measure_outcome_completion(measure text, from_day date, to_day date, worker uuid, referral_route text)
RETURNS TABLE (episodes_started bigint, baseline_collected bigint, episodes_closed bigint, pairs_collected bigint)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT count(*) FILTER (WHERE opened_on BETWEEN from_day AND to_day),
         count(*) FILTER (WHERE opened_on BETWEEN from_day AND to_day AND has_baseline),
         count(*) FILTER (WHERE closed_on BETWEEN from_day AND to_day),
         count(*) FILTER (WHERE closed_on BETWEEN from_day AND to_day AND has_baseline AND has_follow_up)
  FROM measure_outcome_collected(measure, from_day, to_day, worker, referral_route)
$$;

-- Change from baseline to discharge for each score of episodes closed in the period. `rules` gives,
-- per score id, the better direction (sign 1 when higher is better, -1 when lower is) and the
-- reliable-change threshold or null: improvement is at least the threshold in the better direction,
-- or any movement that way where none is published (compared at the 2 decimal places scores have).
-- A GBO pair is one goal's first and latest rating; its rule is under the score id 'goal'.
CREATE FUNCTION measure_outcome_changes(measure text, from_day date, to_day date, worker uuid, referral_route text, rules jsonb)
RETURNS TABLE (score_id text, pairs bigint, mean_change double precision, sd_change double precision, improved bigint)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  WITH closed AS (
    SELECT e.id FROM measure_outcome_episodes(worker, referral_route) e WHERE e.closed_on BETWEEN from_day AND to_day
  ),
  answers AS (
    SELECT m.episode_id, m.scores, m.moment,
           row_number() OVER (PARTITION BY m.episode_id, m.moment ORDER BY m.completed_on, m.created_at) AS first_order,
           row_number() OVER (PARTITION BY m.episode_id, m.moment ORDER BY m.completed_on DESC, m.created_at DESC) AS latest_order
    FROM measure_responses m JOIN closed c ON c.id = m.episode_id
    WHERE m.org_id = app_org_id() AND m.measure_key = measure AND m.not_collected_reason IS NULL
      AND m.moment IN ('baseline', 'discharge') AND measure <> 'gbo'
  ),
  answer_pairs AS (
    SELECT b.scores AS baseline, d.scores AS discharge
    FROM answers b JOIN answers d ON d.episode_id = b.episode_id
    WHERE b.moment = 'baseline' AND b.first_order = 1 AND d.moment = 'discharge' AND d.latest_order = 1
  ),
  goal_ratings_in_order AS (
    SELECT gr.goal_id, gr.rating,
           row_number() OVER (PARTITION BY gr.goal_id ORDER BY gr.rated_on, gr.created_at) AS rating_order,
           count(*) OVER (PARTITION BY gr.goal_id) AS ratings
    FROM closed c JOIN plans pl ON pl.episode_id = c.id JOIN goals g ON g.plan_id = pl.id JOIN goal_ratings gr ON gr.goal_id = g.id
    WHERE pl.org_id = app_org_id() AND measure = 'gbo'
  ),
  changes AS (
    SELECT rule.key AS score_id, (rule.value ->> 'sign')::numeric AS sign, (rule.value ->> 'threshold')::numeric AS threshold,
           (p.discharge ->> rule.key)::numeric - (p.baseline ->> rule.key)::numeric AS change
    FROM answer_pairs p CROSS JOIN jsonb_each(rules) rule
    WHERE p.baseline ? rule.key AND p.discharge ? rule.key
    UNION ALL
    SELECT 'goal', (rules -> 'goal' ->> 'sign')::numeric, (rules -> 'goal' ->> 'threshold')::numeric,
           (max(rating) FILTER (WHERE rating_order = ratings) - max(rating) FILTER (WHERE rating_order = 1))::numeric
    FROM goal_ratings_in_order
    WHERE ratings > 1 AND rules ? 'goal'
    GROUP BY goal_id
  )
  SELECT score_id, count(*), avg(change)::double precision, stddev_samp(change)::double precision,
         count(*) FILTER (WHERE CASE WHEN threshold IS NULL THEN round(sign * change, 2) > 0 ELSE round(sign * change, 2) >= threshold END)
  FROM changes
  GROUP BY score_id
$$;

REVOKE EXECUTE ON FUNCTION measure_outcome_episodes(uuid, text), measure_outcome_collected(text, date, date, uuid, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION measure_outcome_completion(text, date, date, uuid, text),
                          measure_outcome_changes(text, date, date, uuid, text, jsonb) TO linkway_app;

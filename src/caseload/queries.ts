import { sql } from 'kysely';
import type { CallerTransaction } from '../platform/db/caller-data.ts';
import { youngPersonRow } from '../platform/db/caller-data.ts';
import type { SafeguardingUrgency } from '../platform/db/tables/casework.ts';
import { URGENCY_ORDER } from '../safeguarding/index.ts';
import { UNSUCCESSFUL_OUTCOMES } from '../contact/index.ts';
import { ukCalendarDate, type CalendarDate } from '../domain/working-days.ts';
import type { CaseFacts, SchemeRules } from './attention.ts';
import { measuresForScheme } from '../measures/index.ts';
import { measuresDue, type RecordedMeasure, type ScheduledMeasure } from '../measures/index.ts';
import { GBO } from '../measures/index.ts';

/** A session belongs to the open episode when it says so; one from before episodes were recorded, by its date. */
const inThisEpisode = sql<boolean>`coalesce(s.episode_id = e.id, s.starts_at >= e.opened_on)`;

/**
 * The young people allocated to one link worker and still open, each with the facts the attention
 * rules need. One query however long the caseload: every fact is an aggregate over the person's
 * own rows (found through an index), so the page costs the same few round trips for 5 or 50.
 */
export async function caseloadOf(tx: CallerTransaction, linkWorkerId: string, now = new Date()) {
  const today = ukCalendarDate(now);
  const measures = (await measuresForScheme(tx)).map((entry) => ({ key: entry.definition.key, enabled: entry.enabled, schedule: entry.schedule }));
  const rows = await tx.readPersonal({ action: 'list', recordType: 'young_people', identify: youngPersonRow }, (db) =>
    db
      .selectFrom('young_people as p')
      .leftJoin('episodes as e', (join) => join.onRef('e.young_person_id', '=', 'p.id').on('e.closed_on', 'is', null))
      .leftJoin('plans as pl', 'pl.episode_id', 'e.id')
      // The referral contact is being made for: the latest, and only while making contact.
      .leftJoinLateral(
        (eb) =>
          eb
            .selectFrom('referrals as r')
            .select(['r.id', 'r.submitted_at', 'r.decided_at'])
            .whereRef('r.young_person_id', '=', 'p.id')
            .where(sql<boolean>`p.stage = 'making_contact'`)
            .orderBy('r.submitted_at', 'desc')
            .orderBy('r.id')
            .limit(1)
            .as('lr'),
        (join) => join.onTrue(),
      )
      .select(['p.id', 'p.given_name', 'p.family_name', 'p.preferred_name', 'p.date_of_birth', 'p.stage', 'p.referred_on'])
      .select(['e.opened_on', 'e.sessions_allowed', 'e.weeks_allowed', 'lr.submitted_at as referral_submitted_at', 'lr.decided_at as referral_decided_at'])
      .select((eb) => [
        eb
          .selectFrom('support_sessions as s')
          .select((inner) => inner.fn.min('s.starts_at').as('at'))
          .whereRef('s.young_person_id', '=', 'p.id')
          .where('s.status', '=', 'scheduled')
          .where('s.starts_at', '>=', now)
          .as('next_session_at'),
        sql<SafeguardingUrgency[]>`array(select c.urgency from safeguarding_concerns c where c.young_person_id = p.id and c.closed_at is null)`.as('open_concern_urgencies'),
        eb
          .selectFrom('support_sessions as s')
          .select((inner) => inner.fn.countAll<number>().as('count'))
          .whereRef('s.young_person_id', '=', 'p.id')
          .where('s.status', '=', 'attended')
          .where(inThisEpisode)
          .as('sessions_held'),
        // Missed since the last session they came to, in this episode.
        eb
          .selectFrom('support_sessions as s')
          .select((inner) => inner.fn.countAll<number>().as('count'))
          .whereRef('s.young_person_id', '=', 'p.id')
          .where('s.status', '=', 'did_not_attend')
          .where(inThisEpisode)
          .where(sql<boolean>`s.starts_at > coalesce((select max(a.starts_at) from support_sessions a where a.young_person_id = p.id and a.status = 'attended'), '-infinity')`)
          .as('missed_in_a_row'),
        eb
          .selectFrom('plan_actions as a')
          .select((inner) => inner.fn.countAll<number>().as('count'))
          .whereRef('a.young_person_id', '=', 'p.id')
          .whereRef('a.plan_id', '=', 'pl.id')
          .where('a.done_on', 'is', null)
          .where('a.due_on', '<', today)
          .as('overdue_actions'),
        eb
          .selectFrom('goals as g')
          .select((inner) => inner.fn.countAll<number>().as('count'))
          .whereRef('g.plan_id', '=', 'pl.id')
          .where('g.status', '=', 'active')
          .as('active_goals'),
        eb
          .selectFrom('goal_ratings as gr')
          .innerJoin('goals as g', 'g.id', 'gr.goal_id')
          .select((inner) => inner.fn.max('gr.rated_on').as('on'))
          .whereRef('g.plan_id', '=', 'pl.id')
          .as('last_goal_rating_on'),
        // The days of the sessions attended and what measures are recorded in this episode, for the due rules.
        sql<CalendarDate[]>`array(select (s.starts_at at time zone 'Europe/London')::date::text from support_sessions s where s.young_person_id = p.id and s.status = 'attended' and ${inThisEpisode})`.as(
          'attended_session_days',
        ),
        sql<RecordedMeasure[]>`coalesce((select json_agg(json_build_object('key', r.measure_key, 'completedOn', r.completed_on::text, 'moment', r.moment)) from measure_responses r where r.young_person_id = p.id and r.completed_on >= e.opened_on), '[]'::json)`.as(
          'measures_recorded',
        ),
        eb
          .selectFrom('referral_events as re')
          .select((inner) => inner.fn.max('re.at').as('at'))
          .whereRef('re.referral_id', '=', 'lr.id')
          .where('re.kind', '=', 'allocated')
          .as('allocated_at'),
        eb
          .selectFrom('contact_attempts as ca')
          .select((inner) => inner.fn.countAll<number>().as('count'))
          .whereRef('ca.referral_id', '=', 'lr.id')
          .where('ca.outcome', 'in', UNSUCCESSFUL_OUTCOMES)
          .as('contact_attempts_made'),
        eb
          .selectFrom('contact_attempts as ca')
          .select((inner) => inner.fn.max('ca.attempted_at').as('at'))
          .whereRef('ca.referral_id', '=', 'lr.id')
          .as('last_contact_attempt_at'),
      ])
      .where('p.allocated_worker_id', '=', linkWorkerId)
      .where('p.stage', '<>', 'closed')
      .execute(),
  );
  return rows.map((row) => ({ ...row, facts: factsOf(row, measures, today) }));
}

type CaseloadRow = {
  stage: CaseFacts['stage'];
  referred_on: CalendarDate;
  opened_on: CalendarDate | null;
  sessions_allowed: number | null;
  weeks_allowed: number | null;
  referral_submitted_at: Date | null;
  referral_decided_at: Date | null;
  allocated_at: Date | string | null;
  open_concern_urgencies: SafeguardingUrgency[];
  sessions_held: number | null;
  missed_in_a_row: number | null;
  overdue_actions: number | null;
  active_goals: number | null;
  last_goal_rating_on: CalendarDate | null;
  attended_session_days: CalendarDate[];
  measures_recorded: RecordedMeasure[];
  contact_attempts_made: number | null;
  last_contact_attempt_at: Date | string | null;
};

const calendarDateOf = (at: Date | string | null) => (at === null ? null : ukCalendarDate(new Date(at)));

/** The clock starts when a link worker was chosen; failing that, at acceptance, referral, or the episode's start. */
function contactStartedOn(row: CaseloadRow): CalendarDate | null {
  if (row.stage !== 'making_contact') return null;
  return calendarDateOf(row.allocated_at ?? row.referral_decided_at ?? row.referral_submitted_at) ?? row.opened_on ?? row.referred_on;
}

/** Goal ratings are the Goal-Based Outcomes answers: the latest one is what the due rules need. */
function dueMeasuresOf(row: CaseloadRow, measures: ScheduledMeasure[], today: CalendarDate) {
  const goalRating: RecordedMeasure[] = row.last_goal_rating_on ? [{ key: GBO.key, completedOn: row.last_goal_rating_on, moment: 'review' }] : [];
  return measuresDue({
    measures,
    episode: row.opened_on ? { openedOn: row.opened_on } : null,
    attendedSessions: row.attended_session_days,
    recorded: [...row.measures_recorded, ...goalRating],
    activeGoals: Number(row.active_goals ?? 0),
    today,
  });
}

function factsOf(row: CaseloadRow, measures: ScheduledMeasure[], today: CalendarDate): CaseFacts {
  const urgencies = row.open_concern_urgencies;
  return {
    stage: row.stage,
    openConcerns: urgencies.length,
    mostUrgentConcern: URGENCY_ORDER.find((urgency) => urgencies.includes(urgency)) ?? null,
    contactStartedOn: contactStartedOn(row),
    contactAttemptsMade: Number(row.contact_attempts_made ?? 0),
    lastContactAttemptOn: calendarDateOf(row.last_contact_attempt_at),
    missedInARow: Number(row.missed_in_a_row ?? 0),
    overdueActions: Number(row.overdue_actions ?? 0),
    episode:
      row.opened_on && row.sessions_allowed !== null && row.weeks_allowed !== null
        ? { openedOn: row.opened_on, sessionsAllowed: row.sessions_allowed, weeksAllowed: row.weeks_allowed, sessionsHeld: Number(row.sessions_held ?? 0) }
        : null,
    lastGoalRatingOn: row.last_goal_rating_on,
    measuresDue: dueMeasuresOf(row, measures, today),
  };
}

/** The scheme's settings the attention rules use, as of today. */
export async function schemeRules(tx: CallerTransaction, now = new Date()): Promise<SchemeRules> {
  const row = await tx.db
    .selectFrom('scheme_settings')
    .select(['contact_attempts', 'contact_window_working_days', 'missed_sessions_prompt', 'review_every_weeks'])
    .where('org_id', '=', tx.caller.orgId)
    .executeTakeFirstOrThrow();
  return {
    today: ukCalendarDate(now),
    contactPolicy: { attempts: row.contact_attempts, windowWorkingDays: row.contact_window_working_days },
    missedSessionsPrompt: row.missed_sessions_prompt,
    reviewEveryWeeks: row.review_every_weeks,
  };
}

export async function capacityOf(tx: CallerTransaction, linkWorkerId: string): Promise<number> {
  const row = await tx.db.selectFrom('users').select('caseload_capacity').where('id', '=', linkWorkerId).executeTakeFirstOrThrow();
  return row.caseload_capacity;
}

/** An active link worker of the caller's scheme, for a manager looking at their caseload. */
export async function linkWorker(tx: CallerTransaction, workerId: string) {
  return tx.db
    .selectFrom('users')
    .select(['id', 'name', 'caseload_capacity'])
    .where('id', '=', workerId)
    .where('role', '=', 'link_worker')
    .executeTakeFirst();
}

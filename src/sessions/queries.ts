import type { CallerTransaction } from '../platform/db/caller-data.ts';
import { belongsToYoungPerson } from '../platform/db/caller-data.ts';
import type { BookingInput, ExtensionInput, RearrangeInput, SessionNotes } from './schemas.ts';
import { londonInstant } from './times.ts';

const SESSION_COLUMNS = [
  'id',
  'young_person_id',
  'episode_id',
  'link_worker_id',
  'starts_at',
  'duration_minutes',
  'setting',
  'place',
  'status',
  'cancelled_by',
  'home_visit_approval',
  'what_happened',
  'what_was_agreed',
  'next_steps',
  'goal_ids',
  'action_ids',
  'recorded_at',
] as const;

/** Every session of one episode, earliest first. */
export async function sessionsOfEpisode(tx: CallerTransaction, episodeId: string, action = 'view') {
  return tx.readPersonal({ action, recordType: 'support_sessions', identify: belongsToYoungPerson }, (db) =>
    db.selectFrom('support_sessions').select(SESSION_COLUMNS).where('episode_id', '=', episodeId).orderBy('starts_at').orderBy('id').execute(),
  );
}

export type SessionRow = Awaited<ReturnType<typeof sessionsOfEpisode>>[number];

export async function findSession(tx: CallerTransaction, episodeId: string, sessionId: string, action = 'view') {
  return tx.readOnePersonal({ action, recordType: 'support_sessions', identify: belongsToYoungPerson }, (db) =>
    db.selectFrom('support_sessions').select(SESSION_COLUMNS).where('id', '=', sessionId).where('episode_id', '=', episodeId).executeTakeFirst(),
  );
}

/** The scheme's rules for sessions. */
export async function caseworkSettings(tx: CallerTransaction) {
  return tx.db
    .selectFrom('scheme_settings')
    .select(['default_sessions', 'default_weeks', 'session_settings', 'home_visits_need_approval', 'missed_sessions_prompt', 'review_every_weeks'])
    .executeTakeFirstOrThrow();
}

export type CaseworkSettings = Awaited<ReturnType<typeof caseworkSettings>>;

export interface BookingFor {
  youngPersonId: string;
  episodeId: string;
  linkWorkerId: string;
  /** Null unless the place is a home visit: then requested, or approved when a manager books it. */
  homeVisitApproval: 'requested' | 'approved' | null;
}

function whenAndWhere(input: BookingInput) {
  return { starts_at: londonInstant(input.date, input.time), duration_minutes: input.duration, setting: input.setting, place: input.place || null };
}

export async function bookSession(tx: CallerTransaction, booking: BookingFor, input: BookingInput, outcome?: { notes: SessionNotes; goalIds: string[]; actionIds: string[] }): Promise<string> {
  const row = await tx.changePersonal((db) =>
    db
      .insertInto('support_sessions')
      .values({
        org_id: tx.caller.orgId,
        young_person_id: booking.youngPersonId,
        episode_id: booking.episodeId,
        link_worker_id: booking.linkWorkerId,
        ...whenAndWhere(input),
        home_visit_approval: booking.homeVisitApproval,
        home_visit_decided_by: booking.homeVisitApproval === 'approved' ? tx.caller.userId : null,
        ...(outcome ? outcomeColumns(tx, outcome.notes, outcome.goalIds, outcome.actionIds) : {}),
      })
      .returning('id')
      .executeTakeFirstOrThrow(),
  );
  return row.id;
}

function outcomeColumns(tx: CallerTransaction, notes: SessionNotes, goalIds: string[], actionIds: string[]) {
  const attended = notes.outcome === 'attended';
  return {
    status: notes.outcome,
    cancelled_by: notes.outcome === 'cancelled' ? (notes.cancelledBy ?? null) : null,
    // Notes belong to a session that took place; a missed or cancelled one keeps only what was written about why.
    what_happened: notes.whatHappened || null,
    what_was_agreed: attended ? notes.whatWasAgreed || null : null,
    next_steps: notes.nextSteps || null,
    goal_ids: attended ? goalIds : [],
    action_ids: attended ? actionIds : [],
    recorded_by: tx.caller.userId,
    recorded_at: new Date(),
    updated_at: new Date(),
  };
}

/** Moves a session still booked to another time; one recorded meanwhile is left as it is. */
export async function rearrangeSession(tx: CallerTransaction, sessionId: string, input: RearrangeInput): Promise<void> {
  await tx.changePersonal((db) =>
    db
      .updateTable('support_sessions')
      .set({ starts_at: londonInstant(input.date, input.time), duration_minutes: input.duration, updated_at: new Date() })
      .where('id', '=', sessionId)
      .where('status', '=', 'scheduled')
      .execute(),
  );
}

export async function recordOutcome(tx: CallerTransaction, sessionId: string, notes: SessionNotes, goalIds: string[], actionIds: string[]): Promise<void> {
  await tx.changePersonal((db) => db.updateTable('support_sessions').set(outcomeColumns(tx, notes, goalIds, actionIds)).where('id', '=', sessionId).execute());
}

/** The open plan's goals and actions, for linking a session to them. The plan may not exist yet. */
export async function planLinksOf(tx: CallerTransaction, episodeId: string) {
  const goals = await tx.readPersonal({ action: 'view', recordType: 'goals', identify: belongsToYoungPerson }, (db) =>
    db
      .selectFrom('goals')
      .innerJoin('plans', 'plans.id', 'goals.plan_id')
      .select(['goals.id', 'goals.young_person_id', 'goals.position', 'goals.wording', 'goals.status'])
      .where('plans.episode_id', '=', episodeId)
      .orderBy('goals.position')
      .execute(),
  );
  const actions = await tx.readPersonal({ action: 'view', recordType: 'plan_actions', identify: belongsToYoungPerson }, (db) =>
    db
      .selectFrom('plan_actions')
      .innerJoin('plans', 'plans.id', 'plan_actions.plan_id')
      .select(['plan_actions.id', 'plan_actions.young_person_id', 'plan_actions.description', 'plan_actions.due_on', 'plan_actions.done_on'])
      .where('plans.episode_id', '=', episodeId)
      .orderBy('plan_actions.due_on', (order) => order.asc().nullsLast())
      .orderBy('plan_actions.created_at')
      .execute(),
  );
  return { goals, actions };
}

export type PlanLinks = Awaited<ReturnType<typeof planLinksOf>>;

export async function extensionRequestsOf(tx: CallerTransaction, episodeId: string, action = 'view') {
  return tx.readPersonal({ action, recordType: 'extension_requests', identify: belongsToYoungPerson }, (db) =>
    db
      .selectFrom('extension_requests as r')
      .leftJoin('users as d', 'd.id', 'r.decided_by')
      .select(['r.id', 'r.young_person_id', 'r.extra_sessions', 'r.extra_weeks', 'r.reason', 'r.status', 'r.decision_note', 'r.decided_at', 'r.created_at', 'd.name as decided_by_name'])
      .where('r.episode_id', '=', episodeId)
      .orderBy('r.created_at', 'desc')
      .execute(),
  );
}

export async function requestExtension(tx: CallerTransaction, youngPersonId: string, episodeId: string, input: ExtensionInput): Promise<void> {
  await tx.changePersonal((db) =>
    db
      .insertInto('extension_requests')
      .values({
        org_id: tx.caller.orgId,
        young_person_id: youngPersonId,
        episode_id: episodeId,
        extra_sessions: input.extraSessions,
        extra_weeks: input.extraWeeks,
        reason: input.reason,
        requested_by: tx.caller.userId,
      })
      .execute(),
  );
}

import { sql } from 'kysely';
import type { CallerTransaction } from '../platform/db/caller-data.ts';
import { belongsToYoungPerson } from '../platform/db/caller-data.ts';

// Managers decide what goes beyond the scheme's usual support: home visits where the scheme
// asks for approval, and extensions to an episode's sessions or weeks. Each decision applies
// only to something still waiting, so two managers deciding at once cannot both win.

export type Decision = 'approved' | 'declined';

/** Home visits waiting for approval across the scheme, soonest first. */
export async function pendingHomeVisits(tx: CallerTransaction) {
  return tx.readPersonal({ action: 'list', recordType: 'support_sessions', identify: belongsToYoungPerson }, (db) =>
    db
      .selectFrom('support_sessions as s')
      .innerJoin('young_people as p', 'p.id', 's.young_person_id')
      .innerJoin('users as w', 'w.id', 's.link_worker_id')
      .select(['s.id', 's.young_person_id', 's.starts_at', 's.duration_minutes', 's.place', 's.setting', 's.status', 'p.given_name', 'p.family_name', 'p.preferred_name', 'w.name as worker_name'])
      .where('s.home_visit_approval', '=', 'requested')
      .orderBy('s.starts_at')
      .execute(),
  );
}

/** Extension requests waiting for a decision across the scheme, oldest first. */
export async function pendingExtensions(tx: CallerTransaction) {
  return tx.readPersonal({ action: 'list', recordType: 'extension_requests', identify: belongsToYoungPerson }, (db) =>
    db
      .selectFrom('extension_requests as r')
      .innerJoin('young_people as p', 'p.id', 'r.young_person_id')
      .innerJoin('episodes as e', 'e.id', 'r.episode_id')
      .leftJoin('users as u', 'u.id', 'r.requested_by')
      .select([
        'r.id',
        'r.young_person_id',
        'r.extra_sessions',
        'r.extra_weeks',
        'r.reason',
        'r.status',
        'r.created_at',
        'e.sessions_allowed',
        'e.weeks_allowed',
        'p.given_name',
        'p.family_name',
        'p.preferred_name',
        'u.name as requested_by_name',
      ])
      .where('r.status', '=', 'requested')
      .orderBy('r.created_at')
      .execute(),
  );
}

export async function findPendingExtension(tx: CallerTransaction, requestId: string) {
  return (await pendingExtensions(tx)).find((request) => request.id === requestId);
}

/** True when the home visit was waiting and now has its decision. */
export async function decideHomeVisit(tx: CallerTransaction, sessionId: string, decision: Decision): Promise<boolean> {
  const result = await tx.changePersonal((db) =>
    db
      .updateTable('support_sessions')
      .set({ home_visit_approval: decision, home_visit_decided_by: tx.caller.userId, updated_at: new Date() })
      .where('id', '=', sessionId)
      .where('home_visit_approval', '=', 'requested')
      .executeTakeFirst(),
  );
  return result.numUpdatedRows > 0n;
}

/** Decides a waiting extension; approving it raises the episode's allowance by what was asked. */
export async function decideExtension(tx: CallerTransaction, requestId: string, decision: Decision, note: string | null): Promise<boolean> {
  const decided = await tx.changePersonal((db) =>
    db
      .updateTable('extension_requests')
      .set({ status: decision, decided_by: tx.caller.userId, decided_at: new Date(), decision_note: note })
      .where('id', '=', requestId)
      .where('status', '=', 'requested')
      .returning(['episode_id', 'extra_sessions', 'extra_weeks'])
      .executeTakeFirst(),
  );
  if (!decided) return false;
  if (decision === 'approved') {
    await tx.changePersonal((db) =>
      db
        .updateTable('episodes')
        .set({
          sessions_allowed: sql`sessions_allowed + ${decided.extra_sessions}`,
          weeks_allowed: sql`weeks_allowed + ${decided.extra_weeks}`,
          updated_at: new Date(),
        })
        .where('id', '=', decided.episode_id)
        .execute(),
    );
  }
  return true;
}

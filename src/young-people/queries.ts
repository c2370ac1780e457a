import type { CallerTransaction } from '../platform/db/caller-data.ts';
import { youngPersonRow } from '../platform/db/caller-data.ts';
import type { Stage } from '../platform/db/schema.ts';
import type { YoungPersonDetails } from './schemas.ts';
import { sessionsSummaryOf } from '../sessions/index.ts';

export const PAGE_SIZE = 50;

export async function findYoungPerson(tx: CallerTransaction, id: string, action: string) {
  return tx.readOnePersonal({ action, recordType: 'young_people', identify: youngPersonRow }, (db) =>
    db
      .selectFrom('young_people as p')
      .leftJoin('users as w', 'w.id', 'p.allocated_worker_id')
      .selectAll('p')
      .select('w.name as worker_name')
      .where('p.id', '=', id)
      .executeTakeFirst(),
  );
}

export async function listYoungPeople(tx: CallerTransaction, filter: { stage?: Stage | undefined; page: number }) {
  const rows = await tx.readPersonal({ action: 'list', recordType: 'young_people', identify: youngPersonRow }, (db) => {
    let query = db
      .selectFrom('young_people as p')
      .leftJoin('users as w', 'w.id', 'p.allocated_worker_id')
      .select(['p.id', 'p.given_name', 'p.family_name', 'p.preferred_name', 'p.date_of_birth', 'p.stage', 'p.referred_on', 'w.name as worker_name']);
    if (filter.stage) query = query.where('p.stage', '=', filter.stage);
    // One extra row tells whether a next page exists without counting the whole table.
    return query
      .orderBy('p.referred_on', 'desc')
      .orderBy('p.id')
      .limit(PAGE_SIZE + 1)
      .offset((filter.page - 1) * PAGE_SIZE)
      .execute();
  });
  return { people: rows.slice(0, PAGE_SIZE), hasNextPage: rows.length > PAGE_SIZE };
}

/** What the overview says about sessions: the next one, support used so far, and any policy prompt. */
export async function supportSessionsOf(tx: CallerTransaction, youngPersonId: string) {
  return sessionsSummaryOf(tx, youngPersonId);
}

export async function updateDetails(tx: CallerTransaction, id: string, details: YoungPersonDetails): Promise<boolean> {
  const result = await tx.changePersonal((db) =>
    db
      .updateTable('young_people')
      .set({
        given_name: details.givenName,
        family_name: details.familyName,
        preferred_name: details.preferredName || null,
        date_of_birth: details.dateOfBirth,
        pronouns: details.pronouns || null,
        postcode: details.postcode || null,
        phone: details.phone || null,
        email: details.email || null,
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .executeTakeFirst(),
  );
  return result.numUpdatedRows > 0n;
}

const AUDIT_ROWS = 200;

/** The access log and field history of one young person, newest first. Looking at it is itself logged. */
export async function auditTrailOf(tx: CallerTransaction, youngPersonId: string) {
  const person = await findYoungPerson(tx, youngPersonId, 'view_audit');
  if (!person) return undefined;
  const [accesses, changes] = await Promise.all([
    tx.db
      .selectFrom('access_log as a')
      .leftJoin('users as u', 'u.id', 'a.actor_user_id')
      .select(['a.at', 'a.action', 'a.record_type', 'a.actor_role', 'a.client_address', 'u.name as actor_name'])
      .where('a.young_person_id', '=', youngPersonId)
      .orderBy('a.id', 'desc')
      .limit(AUDIT_ROWS)
      .execute(),
    tx.db
      .selectFrom('record_history as h')
      .leftJoin('users as u', 'u.id', 'h.actor_user_id')
      .select(['h.at', 'h.record_type', 'h.field', 'h.old_value', 'h.new_value', 'u.name as actor_name'])
      .where('h.young_person_id', '=', youngPersonId)
      .orderBy('h.id', 'desc')
      .limit(AUDIT_ROWS)
      .execute(),
  ]);
  return { person, accesses, changes };
}

import { sql, type Transaction, type Updateable } from 'kysely';
import type { Database } from '../platform/db/schema.ts';
import type { CallerTransaction } from '../platform/db/caller-data.ts';
import { belongsToYoungPerson } from '../platform/db/caller-data.ts';
import type { ConnectionsTable, SupportPhase } from '../platform/db/tables/connections.ts';

/** A young person's connections with the service and its provider's name; narrowed by the callers below. */
function connectionsQuery(db: Transaction<Database>, youngPersonId: string) {
  return db
    .selectFrom('connections as c')
    .innerJoin('directory_services as s', (join) => join.onRef('s.org_id', '=', 'c.org_id').onRef('s.id', '=', 'c.service_id'))
    .innerJoin('directory_organizations as o', (join) => join.onRef('o.org_id', '=', 's.org_id').onRef('o.id', '=', 's.organization_id'))
    .selectAll('c')
    .select(['s.name as service_name', 'o.name as provider_name'])
    .where('c.young_person_id', '=', youngPersonId);
}

/** Every connection of a young person, newest first. */
export async function connectionsOf(tx: CallerTransaction, youngPersonId: string, action = 'view') {
  return tx.readPersonal({ action, recordType: 'connections', identify: belongsToYoungPerson }, (db) =>
    connectionsQuery(db, youngPersonId).orderBy('c.created_at', 'desc').execute(),
  );
}

export type ConnectionRow = Awaited<ReturnType<typeof connectionsOf>>[number];

/** One connection of this young person; undefined when it is not theirs or not visible to the caller. */
export async function connectionOf(tx: CallerTransaction, youngPersonId: string, connectionId: string, action = 'view'): Promise<ConnectionRow | undefined> {
  return tx.readOnePersonal({ action, recordType: 'connections', identify: belongsToYoungPerson }, (db) =>
    connectionsQuery(db, youngPersonId).where('c.id', '=', connectionId).executeTakeFirst(),
  );
}

/** The phases of support recorded for these connections, oldest first. One query for the whole list. */
export async function phasesOf(tx: CallerTransaction, connectionIds: string[], action = 'view') {
  if (connectionIds.length === 0) return [];
  return tx.readPersonal({ action, recordType: 'connection_phases', identify: belongsToYoungPerson }, (db) =>
    db
      .selectFrom('connection_phases')
      .select(['id', 'young_person_id', 'connection_id', 'phase', 'from_date'])
      .where('connection_id', 'in', connectionIds)
      .orderBy('from_date')
      .orderBy('created_at')
      .execute(),
  );
}

export async function createConnection(tx: CallerTransaction, input: { youngPersonId: string; episodeId: string; serviceId: string; note: string }): Promise<string> {
  const row = await tx.changePersonal((db) =>
    db
      .insertInto('connections')
      .values({
        org_id: tx.caller.orgId,
        young_person_id: input.youngPersonId,
        episode_id: input.episodeId,
        service_id: input.serviceId,
        suggested_by: tx.caller.userId,
        suggestion_note: input.note || null,
      })
      .returning('id')
      .executeTakeFirstOrThrow(),
  );
  return row.id;
}

/** Changes one connection, only while it is still in the status the change was decided from. */
export async function updateConnection(tx: CallerTransaction, connection: Pick<ConnectionRow, 'id' | 'status'>, changes: Updateable<ConnectionsTable>): Promise<boolean> {
  const result = await tx.changePersonal((db) =>
    db
      .updateTable('connections')
      .set({ ...changes, updated_at: sql`now()` })
      .where('id', '=', connection.id)
      .where('status', '=', connection.status)
      .executeTakeFirst(),
  );
  return result.numUpdatedRows === 1n;
}

export async function addPhase(tx: CallerTransaction, connection: Pick<ConnectionRow, 'id' | 'young_person_id'>, phase: SupportPhase, fromDate: string): Promise<void> {
  await tx.changePersonal((db) =>
    db
      .insertInto('connection_phases')
      .values({ org_id: tx.caller.orgId, young_person_id: connection.young_person_id, connection_id: connection.id, phase, from_date: fromDate, recorded_by: tx.caller.userId })
      .execute(),
  );
}

/** A service's name and how to reach it: the referral address, else its own, else its first contact's. */
export async function serviceContact(tx: CallerTransaction, serviceId: string) {
  const row = await tx.db
    .selectFrom('directory_services as s')
    .leftJoin('directory_contacts as c', (join) => join.onRef('c.org_id', '=', 's.org_id').onRef('c.service_id', '=', 's.id').on('c.email', 'is not', null))
    .select(['s.id', 's.name', 's.referral_email', 's.email', 's.url', 's.referral_url', 'c.email as contact_email'])
    .where('s.id', '=', serviceId)
    .orderBy('c.id')
    .executeTakeFirst();
  if (!row) return undefined;
  return { id: row.id, name: row.name, email: row.referral_email ?? row.email ?? row.contact_email ?? null, url: row.referral_url ?? row.url ?? null };
}

export async function answerLimit(tx: CallerTransaction): Promise<number> {
  const row = await tx.db.selectFrom('scheme_settings').select('provider_answer_working_days').executeTakeFirstOrThrow();
  return row.provider_answer_working_days;
}

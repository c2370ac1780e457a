import { sql } from 'kysely';
import type { CallerTransaction } from '../platform/db/caller-data.ts';
import { youngPersonRow } from '../platform/db/caller-data.ts';

/** The young people allocated to one link worker and still open, with each one's next booked session. */
export async function caseloadOf(tx: CallerTransaction, linkWorkerId: string) {
  const now = new Date();
  return tx.readPersonal({ action: 'list', recordType: 'young_people', identify: youngPersonRow }, (db) =>
    db
      .selectFrom('young_people as p')
      .select(['p.id', 'p.given_name', 'p.family_name', 'p.preferred_name', 'p.date_of_birth', 'p.stage', 'p.referred_on'])
      .select((eb) =>
        eb
          .selectFrom('support_sessions as s')
          .select((inner) => inner.fn.min('s.starts_at').as('starts_at'))
          .whereRef('s.young_person_id', '=', 'p.id')
          .where('s.status', '=', 'scheduled')
          .where('s.starts_at', '>=', now)
          .as('next_session_at'),
      )
      .where('p.allocated_worker_id', '=', linkWorkerId)
      .where('p.stage', '<>', 'closed')
      // Those still waiting for first contact come first; then whoever is seen soonest.
      .orderBy(sql`p.stage = 'making_contact'`, 'desc')
      .orderBy('next_session_at', (order) => order.asc().nullsLast())
      .orderBy('p.family_name')
      .execute(),
  );
}

export async function capacityOf(tx: CallerTransaction, linkWorkerId: string): Promise<number> {
  const row = await tx.db.selectFrom('users').select('caseload_capacity').where('id', '=', linkWorkerId).executeTakeFirstOrThrow();
  return row.caseload_capacity;
}

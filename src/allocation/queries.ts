import { recordReferralEvent } from '../referrals/index.ts';
import type { CallerTransaction } from '../platform/db/caller-data.ts';
import { youngPersonRow } from '../platform/db/caller-data.ts';
import { referralRecord } from '../triage/index.ts';

/** Accepted young people waiting for a link worker, each with the rating of the referral that brought them. */
export async function waitingYoungPeople(tx: CallerTransaction) {
  return tx.readPersonal({ action: 'list', recordType: 'young_people', identify: youngPersonRow }, (db) =>
    db
      .selectFrom('young_people as p')
      .leftJoinLateral(
        (eb) =>
          eb
            .selectFrom('referrals as r')
            .select(['r.reference', 'r.rating', 'r.rating_reasons'])
            .whereRef('r.young_person_id', '=', 'p.id')
            .where('r.status', '=', 'accepted')
            .orderBy('r.submitted_at', 'desc')
            .limit(1)
            .as('latest'),
        (join) => join.onTrue(),
      )
      .select(['p.id', 'p.given_name', 'p.family_name', 'p.preferred_name', 'p.date_of_birth', 'p.referred_on', 'latest.reference', 'latest.rating', 'latest.rating_reasons'])
      .where('p.stage', '=', 'waiting_for_allocation')
      .where('p.allocated_worker_id', 'is', null)
      .execute(),
  );
}

/** Referrals triage left to decide together at the meeting. */
export async function referralsToDiscuss(tx: CallerTransaction) {
  return tx.readPersonal({ action: 'list', recordType: 'referrals', identify: referralRecord }, (db) =>
    db
      .selectFrom('referrals')
      .select(['id', 'reference', 'given_name', 'family_name', 'preferred_name', 'date_of_birth', 'rating', 'rating_reasons', 'submitted_at', 'young_person_id'])
      .where('status', '=', 'discuss')
      .execute(),
  );
}

export async function findPersonToAllocate(tx: CallerTransaction, id: string) {
  return tx.readOnePersonal({ action: 'view', recordType: 'young_people', identify: youngPersonRow }, (db) =>
    db
      .selectFrom('young_people as p')
      .leftJoin('users as w', 'w.id', 'p.allocated_worker_id')
      .select(['p.id', 'p.given_name', 'p.family_name', 'p.preferred_name', 'p.date_of_birth', 'p.stage', 'p.allocated_worker_id', 'p.referred_on', 'w.name as worker_name'])
      .where('p.id', '=', id)
      .executeTakeFirst(),
  );
}

export type PersonToAllocate = NonNullable<Awaited<ReturnType<typeof findPersonToAllocate>>>;

/** One link worker's open cases, for choosing whom to reallocate. */
export async function openCasesOf(tx: CallerTransaction, workerId: string) {
  return tx.readPersonal({ action: 'list', recordType: 'young_people', identify: youngPersonRow }, (db) =>
    db
      .selectFrom('young_people')
      .select(['id', 'given_name', 'family_name', 'preferred_name', 'date_of_birth', 'stage', 'referred_on'])
      .where('allocated_worker_id', '=', workerId)
      .where('stage', '<>', 'closed')
      .orderBy('family_name')
      .orderBy('given_name')
      .execute(),
  );
}

interface Allocation {
  person: PersonToAllocate;
  worker: { id: string; name: string };
  /** Given when someone already allocated moves to another link worker. */
  reason?: string | undefined;
}

/**
 * Gives the young person to a link worker. A first allocation moves them on to making contact; a
 * reallocation keeps their stage. Returns false if someone else allocated them meanwhile.
 */
export async function allocate(tx: CallerTransaction, { person, worker, reason }: Allocation): Promise<boolean> {
  const reallocating = person.allocated_worker_id !== null;
  const result = await tx.changePersonal((db) => {
    let update = db
      .updateTable('young_people')
      .set({ allocated_worker_id: worker.id, updated_at: new Date(), ...(reallocating ? {} : { stage: 'making_contact' as const }) })
      .where('id', '=', person.id);
    update = reallocating
      ? update.where('allocated_worker_id', '=', person.allocated_worker_id).where('stage', '<>', 'closed')
      : update.where('allocated_worker_id', 'is', null).where('stage', '=', 'waiting_for_allocation');
    return update.executeTakeFirst();
  });
  if (result.numUpdatedRows === 0n) return false;
  // The timeline hangs off a referral; a record made before referrals came through Linkway has none.
  const referral = await tx.readOnePersonal({ action: 'view', recordType: 'referrals', identify: referralRecord }, (db) =>
    db.selectFrom('referrals').select(['id', 'young_person_id']).where('young_person_id', '=', person.id).orderBy('submitted_at', 'desc').limit(1).executeTakeFirst(),
  );
  if (referral) {
    await recordReferralEvent(tx, {
      referralId: referral.id,
      youngPersonId: person.id,
      kind: reallocating ? 'reallocated' : 'allocated',
      summary: reallocating ? `Reallocated from ${person.worker_name ?? 'another link worker'} to ${worker.name}. Reason: ${reason}` : `Allocated to ${worker.name}.`,
    });
  }
  return true;
}

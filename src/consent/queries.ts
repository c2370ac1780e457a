import type { CallerTransaction } from '../platform/db/caller-data.ts';
import { belongsToYoungPerson } from '../platform/db/caller-data.ts';
import type { ConsentInput, WithdrawalInput } from './schemas.ts';

/**
 * The latest consent record of the young person's open episode, or of their most recent episode
 * once support has ended. It may be withdrawn: a withdrawal is never undone by an earlier record.
 */
export async function consentOfLatestEpisode(tx: CallerTransaction, youngPersonId: string, action: string) {
  return tx.readOnePersonal({ action, recordType: 'consents', identify: belongsToYoungPerson }, (db) =>
    db
      .selectFrom('consents')
      .selectAll()
      .where('young_person_id', '=', youngPersonId)
      .where('episode_id', '=', (eb) =>
        eb
          .selectFrom('episodes')
          .select('id')
          .where('young_person_id', '=', youngPersonId)
          .orderBy((inner) => inner('closed_on', 'is', null), 'desc')
          .orderBy('opened_on', 'desc')
          .orderBy('created_at', 'desc')
          .limit(1),
      )
      .orderBy('created_at', 'desc')
      .limit(1)
      .executeTakeFirst(),
  );
}

/** Every consent record of the young person, newest first, across all their episodes. */
export async function consentsOf(tx: CallerTransaction, youngPersonId: string, action: string) {
  return tx.readPersonal({ action, recordType: 'consents', identify: belongsToYoungPerson }, (db) =>
    db
      .selectFrom('consents as c')
      .leftJoin('users as u', 'u.id', 'c.recorded_by')
      .selectAll('c')
      .select('u.name as recorded_by_name')
      .where('c.young_person_id', '=', youngPersonId)
      .orderBy('c.created_at', 'desc')
      .execute(),
  );
}

export type ConsentRecord = Awaited<ReturnType<typeof consentsOf>>[number];

/** A change of consent is a new record: what was agreed when stays true. */
export async function recordConsent(tx: CallerTransaction, youngPersonId: string, episodeId: string, input: ConsentInput): Promise<void> {
  await tx.changePersonal((db) =>
    db
      .insertInto('consents')
      .values({
        org_id: tx.caller.orgId,
        young_person_id: youngPersonId,
        episode_id: episodeId,
        to_service: input.toService === 'yes',
        share_with_referrer: input.share.includes('referrer'),
        share_with_gp: input.share.includes('gp'),
        share_with_school: input.share.includes('school'),
        share_with_parent_carer: input.share.includes('parent_carer'),
        research: input.research === 'yes',
        given_by: input.givenBy,
        given_by_name: input.givenByName || null,
        competence_note: input.competenceNote || null,
        what_they_were_told: input.whatTheyWereTold,
        given_on: input.givenOn,
        recorded_by: tx.caller.userId,
      })
      .execute(),
  );
}

/** Marks the consent in force as withdrawn. False when it was withdrawn already. */
export async function withdrawConsent(tx: CallerTransaction, consentId: string, input: WithdrawalInput): Promise<boolean> {
  const result = await tx.changePersonal((db) =>
    db
      .updateTable('consents')
      .set({ withdrawn_on: input.withdrawnOn, withdrawal_note: input.withdrawalNote })
      .where('id', '=', consentId)
      .where('withdrawn_on', 'is', null)
      .executeTakeFirst(),
  );
  return result.numUpdatedRows > 0n;
}

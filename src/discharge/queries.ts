import type { CallerTransaction } from '../platform/db/caller-data.ts';
import { belongsToYoungPerson } from '../platform/db/caller-data.ts';

/** The active goals of an episode's plan with the date each was last rated, for the final measures prompt. */
export async function goalsToRate(tx: CallerTransaction, episodeId: string, action: string) {
  return tx.readPersonal({ action, recordType: 'goals', identify: belongsToYoungPerson }, (db) =>
    db
      .selectFrom('goals as g')
      .innerJoin('plans as p', 'p.id', 'g.plan_id')
      .select(['g.id', 'g.young_person_id', 'g.position', 'g.wording'])
      .select((eb) => eb.selectFrom('goal_ratings as r').select((inner) => inner.fn.max('r.rated_on').as('on')).whereRef('r.goal_id', '=', 'g.id').as('last_rated_on'))
      .where('p.episode_id', '=', episodeId)
      .where('g.status', '=', 'active')
      .orderBy('g.position')
      .execute(),
  );
}

export interface EpisodeReferral {
  id: string;
  reference: string;
  route: string;
  status: string;
  referrer_email: string | null;
  referrer_wants_updates: boolean;
}

/**
 * The referral that began the episode. Episodes from before referrals were linked to them fall
 * back to the young person's most recent referral.
 */
export async function referralOfEpisode(tx: CallerTransaction, youngPersonId: string, referralId: string | null, action: string): Promise<EpisodeReferral | undefined> {
  return tx.readOnePersonal({ action, recordType: 'referrals', identify: (row) => ({ recordId: row.id, youngPersonId }) }, (db) => {
    const query = db
      .selectFrom('referrals')
      .select(['id', 'reference', 'route', 'status', 'referrer_email', 'referrer_wants_updates'])
      .where('young_person_id', '=', youngPersonId);
    return (referralId ? query.where('id', '=', referralId) : query.orderBy('submitted_at', 'desc').orderBy('id').limit(1)).executeTakeFirst();
  });
}

/** An accepted referral closes with its episode; one closed or decided already is left as it was. */
export async function closeReferralOnDischarge(tx: CallerTransaction, referralId: string): Promise<boolean> {
  const result = await tx.changePersonal((db) =>
    db
      .updateTable('referrals')
      .set({ status: 'closed', closed_reason: 'discharged', updated_at: new Date() })
      .where('id', '=', referralId)
      .where('status', '=', 'accepted')
      .executeTakeFirst(),
  );
  return result.numUpdatedRows > 0n;
}

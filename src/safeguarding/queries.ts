import type { CallerTransaction } from '../platform/db/caller-data.ts';
import { belongsToYoungPerson } from '../platform/db/caller-data.ts';
import type { RaiseConcernInput } from './schemas.ts';

/** Every concern about one young person, newest first, with who raised and who closed it. */
export async function concernsOf(tx: CallerTransaction, youngPersonId: string, action = 'view') {
  return tx.readPersonal({ action, recordType: 'safeguarding_concerns', identify: belongsToYoungPerson }, (db) =>
    db
      .selectFrom('safeguarding_concerns as c')
      .leftJoin('users as raiser', 'raiser.id', 'c.raised_by')
      .leftJoin('users as closer', 'closer.id', 'c.closed_by')
      .select([
        'c.id', 'c.young_person_id', 'c.category', 'c.what_was_seen_or_said', 'c.immediate_action', 'c.referred_to', 'c.urgency',
        'c.raised_at', 'c.follow_up_note', 'c.closed_at', 'raiser.name as raised_by_name', 'closer.name as closed_by_name',
      ])
      .where('c.young_person_id', '=', youngPersonId)
      .orderBy('c.raised_at', 'desc')
      .execute(),
  );
}

export type ConcernRow = Awaited<ReturnType<typeof concernsOf>>[number];

export async function recordConcern(tx: CallerTransaction, youngPersonId: string, episodeId: string | null, input: RaiseConcernInput): Promise<string> {
  const row = await tx.changePersonal((db) =>
    db
      .insertInto('safeguarding_concerns')
      .values({
        org_id: tx.caller.orgId,
        young_person_id: youngPersonId,
        episode_id: episodeId,
        category: input.category,
        what_was_seen_or_said: input.whatWasSeenOrSaid,
        immediate_action: input.immediateAction,
        referred_to: input.referredTo,
        urgency: input.urgency,
        raised_by: tx.caller.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow(),
  );
  return row.id;
}

/** Closes an open concern with its follow-up. False when there is no such open concern for this person. */
export async function closeConcern(tx: CallerTransaction, youngPersonId: string, concernId: string, followUpNote: string): Promise<boolean> {
  const now = new Date();
  const result = await tx.changePersonal((db) =>
    db
      .updateTable('safeguarding_concerns')
      .set({ follow_up_note: followUpNote, closed_at: now, closed_by: tx.caller.userId, updated_at: now })
      .where('id', '=', concernId)
      .where('young_person_id', '=', youngPersonId)
      .where('closed_at', 'is', null)
      .executeTakeFirst(),
  );
  return result.numUpdatedRows > 0n;
}

/** Every open concern in the scheme, for the managers' dashboard: it stays there until closed. */
export async function openConcernsInScheme(tx: CallerTransaction) {
  return tx.readPersonal({ action: 'list', recordType: 'safeguarding_concerns', identify: belongsToYoungPerson }, (db) =>
    db
      .selectFrom('safeguarding_concerns as c')
      .innerJoin('young_people as p', 'p.id', 'c.young_person_id')
      .leftJoin('users as raiser', 'raiser.id', 'c.raised_by')
      .select(['c.id', 'c.young_person_id', 'c.category', 'c.urgency', 'c.raised_at', 'p.given_name', 'p.family_name', 'p.preferred_name', 'raiser.name as raised_by_name'])
      .where('c.closed_at', 'is', null)
      .orderBy('c.raised_at')
      .execute(),
  );
}

/** The scheme's active managers: everyone who must hear of a concern at once. */
export async function activeManagers(tx: CallerTransaction) {
  return tx.db.selectFrom('users').select(['id', 'email']).where('role', '=', 'manager').where('active', '=', true).orderBy('email').execute();
}

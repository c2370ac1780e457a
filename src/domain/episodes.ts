import type { CallerTransaction } from '../platform/db/caller-data.ts';
import { belongsToYoungPerson } from '../platform/db/caller-data.ts';
import type { DischargeReason } from '../platform/db/tables/casework.ts';

/** The episode a young person is in now: the one not yet closed. */
export async function currentEpisode(tx: CallerTransaction, youngPersonId: string, action = 'view') {
  return tx.readOnePersonal({ action, recordType: 'episodes', identify: belongsToYoungPerson }, (db) =>
    db.selectFrom('episodes').selectAll().where('young_person_id', '=', youngPersonId).where('closed_on', 'is', null).executeTakeFirst(),
  );
}

/** Every episode of a young person's support, newest first: their history with the scheme. */
export async function episodesOf(tx: CallerTransaction, youngPersonId: string, action = 'view') {
  return tx.readPersonal({ action, recordType: 'episodes', identify: belongsToYoungPerson }, (db) =>
    db.selectFrom('episodes').selectAll().where('young_person_id', '=', youngPersonId).orderBy('opened_on', 'desc').orderBy('created_at', 'desc').execute(),
  );
}

/** Opens a new episode at the scheme's default length of support. */
export async function openEpisode(tx: CallerTransaction, youngPersonId: string, referralId: string | null, openedOn: string): Promise<string> {
  const defaults = await tx.db.selectFrom('scheme_settings').select(['default_sessions', 'default_weeks']).executeTakeFirstOrThrow();
  const row = await tx.changePersonal((db) =>
    db
      .insertInto('episodes')
      .values({
        org_id: tx.caller.orgId,
        young_person_id: youngPersonId,
        referral_id: referralId,
        opened_on: openedOn,
        sessions_allowed: defaults.default_sessions,
        weeks_allowed: defaults.default_weeks,
      })
      .returning('id')
      .executeTakeFirstOrThrow(),
  );
  return row.id;
}

export interface EpisodeClosure {
  reason: DischargeReason;
  reasonOther?: string | null;
  closingSummary?: string | null;
  finalMeasuresNote?: string | null;
  closedOn: string;
}

/** Closes the open episode, if there is one. Returns its id, or undefined when none was open. */
export async function closeEpisode(tx: CallerTransaction, youngPersonId: string, closure: EpisodeClosure): Promise<string | undefined> {
  const row = await tx.changePersonal((db) =>
    db
      .updateTable('episodes')
      .set({
        closed_on: closure.closedOn,
        discharge_reason: closure.reason,
        discharge_reason_other: closure.reasonOther ?? null,
        closing_summary: closure.closingSummary ?? null,
        final_measures_note: closure.finalMeasuresNote ?? null,
        discharged_by: tx.caller.userId,
        updated_at: new Date(),
      })
      .where('young_person_id', '=', youngPersonId)
      .where('closed_on', 'is', null)
      .returning('id')
      .executeTakeFirst(),
  );
  return row?.id;
}

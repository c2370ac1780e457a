import type { DatabaseHandle } from '../../src/platform/db/database.ts';
import type { ConsentsTable } from '../../src/platform/db/tables/casework.ts';
import type { Insertable } from 'kysely';

type ConsentChoices = Partial<Omit<Insertable<ConsentsTable>, 'org_id' | 'young_person_id' | 'episode_id'>>;

/**
 * A consent record on the young person's open episode, inserted directly, for tests about what
 * consent allows. By default they agree to support and to sharing with the referrer.
 */
export async function giveConsent(database: DatabaseHandle, orgId: string, youngPersonId: string, choices: ConsentChoices = {}) {
  const episode = await database.db
    .selectFrom('episodes')
    .select('id')
    .where('young_person_id', '=', youngPersonId)
    .where('closed_on', 'is', null)
    .executeTakeFirstOrThrow();
  return database.db
    .insertInto('consents')
    .values({
      org_id: orgId,
      young_person_id: youngPersonId,
      episode_id: episode.id,
      to_service: true,
      share_with_referrer: true,
      given_by: 'parent_carer',
      given_by_name: 'Sam Carer',
      what_they_were_told: 'What the service does and who we share with',
      given_on: '2026-01-05',
      ...choices,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

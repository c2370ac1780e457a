import type { CallerTransaction } from '../platform/db/caller-data.ts';
import type { ConsentsTable } from '../platform/db/tables/casework.ts';
import type { Selectable } from 'kysely';
import { consentOfLatestEpisode } from './queries.ts';

/** Who information about a young person may go to, each needing its own consent. */
export type SharingParty = 'referrer' | 'gp' | 'school' | 'parent_carer' | 'research';

export type ConsentFlags = Pick<
  Selectable<ConsentsTable>,
  'to_service' | 'share_with_referrer' | 'share_with_gp' | 'share_with_school' | 'share_with_parent_carer' | 'research' | 'withdrawn_on'
>;

const FLAG_FOR: Record<SharingParty, keyof ConsentFlags> = {
  referrer: 'share_with_referrer',
  gp: 'share_with_gp',
  school: 'share_with_school',
  parent_carer: 'share_with_parent_carer',
  research: 'research',
};

/**
 * The sharing decision on the consent in force. Nothing is shared without a consent record, after
 * it is withdrawn, or without consent to the service itself, whatever the share flags say.
 */
export function sharingAllowed(consent: ConsentFlags | undefined, party: SharingParty): boolean {
  if (!consent || consent.withdrawn_on !== null || !consent.to_service) return false;
  return consent[FLAG_FOR[party]] === true;
}

/**
 * Whether anything about this young person may go to `party` now. Every feature that messages or
 * exports to someone outside the team asks this first. The consent checked is the latest record
 * of their open episode, or of their most recent one once support has ended.
 */
export async function mayShareWith(tx: CallerTransaction, youngPersonId: string, party: SharingParty): Promise<boolean> {
  return sharingAllowed(await consentOfLatestEpisode(tx, youngPersonId, 'check_consent'), party);
}

import type { CallerTransaction } from '../../platform/db/caller-data.ts';
import { belongsToYoungPerson } from '../../platform/db/caller-data.ts';
import type { MeasureMoment } from '../../platform/db/tables/measures.ts';
import { hashToken, randomToken } from '../../platform/auth/tokens.ts';
import { measuresForScheme, type CatalogueEntry } from '../scoring/catalogue.ts';
import { GBO } from '../scoring/definitions/gbo.ts';

/**
 * The staff side of measure links: which measures can be sent, making a single-use link (only the
 * hash of its token is kept), the links sent so far, and stopping one.
 */

export const MEASURE_LINK_DAYS = 7;

/**
 * Measures a young person can answer through a link: those the scheme uses, with wording to show.
 * Goal-based outcomes are left out: the young person scores their goals on their own page.
 */
export async function sendableMeasures(tx: CallerTransaction): Promise<CatalogueEntry[]> {
  return (await measuresForScheme(tx)).filter((entry) => entry.enabled && entry.definition.key !== GBO.key && entry.definition.items.length > 0);
}

export interface NewMeasureLink {
  youngPersonId: string;
  episodeId: string | null;
  key: string;
  version: number;
  moment: MeasureMoment;
}

export async function issueMeasureLink(tx: CallerTransaction, link: NewMeasureLink): Promise<{ token: string; expiresAt: Date }> {
  const token = randomToken();
  const expiresAt = new Date(Date.now() + MEASURE_LINK_DAYS * 86_400_000);
  await tx.changePersonal((db) =>
    db
      .insertInto('measure_links')
      .values({
        org_id: tx.caller.orgId,
        young_person_id: link.youngPersonId,
        episode_id: link.episodeId,
        token_hash: hashToken(token),
        measure_key: link.key,
        measure_version: link.version,
        moment: link.moment,
        expires_at: expiresAt,
        created_by: tx.caller.userId,
      })
      .execute(),
  );
  return { token, expiresAt };
}

/**
 * Whether this episode already has a baseline for the measure: answered, or a link out for one.
 * A second baseline would make change over time meaningless.
 */
export async function hasBaseline(tx: CallerTransaction, youngPersonId: string, episodeId: string | null, key: string): Promise<boolean> {
  const read = { action: 'check_baseline', identify: belongsToYoungPerson };
  const answered = await tx.readPersonal({ ...read, recordType: 'measure_responses' }, (db) =>
    db
      .selectFrom('measure_responses')
      .select(['id', 'young_person_id'])
      .where('young_person_id', '=', youngPersonId)
      .where('measure_key', '=', key)
      .where('moment', '=', 'baseline')
      .where('episode_id', episodeId ? '=' : 'is', episodeId)
      .limit(1)
      .execute(),
  );
  if (answered.length > 0) return true;
  const open = await tx.readPersonal({ ...read, recordType: 'measure_links' }, (db) =>
    db
      .selectFrom('measure_links')
      .select(['id', 'young_person_id'])
      .where('young_person_id', '=', youngPersonId)
      .where('measure_key', '=', key)
      .where('moment', '=', 'baseline')
      .where('episode_id', episodeId ? '=' : 'is', episodeId)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', new Date())
      .limit(1)
      .execute(),
  );
  return open.length > 0;
}

/** The links sent to this young person, newest first (the last 20). */
export async function measureLinksOf(tx: CallerTransaction, youngPersonId: string) {
  return tx.readPersonal({ action: 'view', recordType: 'measure_links', identify: belongsToYoungPerson }, (db) =>
    db
      .selectFrom('measure_links')
      .select(['id', 'young_person_id', 'token_hash', 'measure_key', 'moment', 'progress', 'created_at', 'expires_at', 'used_at', 'revoked_at'])
      .where('young_person_id', '=', youngPersonId)
      .orderBy('created_at', 'desc')
      .limit(20)
      .execute(),
  );
}

export type SentMeasureLink = Awaited<ReturnType<typeof measureLinksOf>>[number];

/** Stops a link that has not been used yet. False when there is no such link. */
export async function stopMeasureLink(tx: CallerTransaction, youngPersonId: string, linkId: string): Promise<boolean> {
  const result = await tx.changePersonal((db) =>
    db
      .updateTable('measure_links')
      .set({ revoked_at: new Date(), updated_at: new Date() })
      .where('id', '=', linkId)
      .where('young_person_id', '=', youngPersonId)
      .where('used_at', 'is', null)
      .where('revoked_at', 'is', null)
      .executeTakeFirst(),
  );
  return result.numUpdatedRows > 0n;
}

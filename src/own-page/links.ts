import { sql } from 'kysely';
import type { CallerTransaction } from '../platform/db/caller-data.ts';
import { belongsToYoungPerson } from '../platform/db/caller-data.ts';
import { hashToken, randomToken } from '../platform/auth/tokens.ts';

export const LINK_DAYS = 30;

/** The private link that works now, if any: at most one does, since a new one stops the rest. */
export async function workingLink(tx: CallerTransaction, youngPersonId: string, action = 'view') {
  return tx.readOnePersonal({ action, recordType: 'own_page_links', identify: belongsToYoungPerson }, (db) =>
    db
      .selectFrom('own_page_links')
      .select(['id', 'young_person_id', 'created_at', 'expires_at', 'last_used_at'])
      .where('young_person_id', '=', youngPersonId)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', new Date())
      .orderBy('created_at', 'desc')
      .limit(1)
      .executeTakeFirst(),
  );
}

/** Stops every working link of this young person; any page opened with one is signed out too. */
export async function stopLinks(tx: CallerTransaction, youngPersonId: string): Promise<void> {
  await tx.changePersonal((db) =>
    db
      .updateTable('own_page_links')
      .set({ revoked_at: new Date(), revoked_by: tx.caller.userId })
      .where('young_person_id', '=', youngPersonId)
      .where('revoked_at', 'is', null)
      .execute(),
  );
}

/** A new private link, replacing any earlier one. Only the hash of its token is kept. */
export async function issueLink(tx: CallerTransaction, youngPersonId: string): Promise<{ token: string; expiresAt: Date }> {
  await stopLinks(tx, youngPersonId);
  const token = randomToken();
  const expiresAt = new Date(Date.now() + LINK_DAYS * 86_400_000);
  await tx.changePersonal((db) =>
    db
      .insertInto('own_page_links')
      .values({ org_id: tx.caller.orgId, young_person_id: youngPersonId, token_hash: hashToken(token), created_by: tx.caller.userId, expires_at: expiresAt })
      .execute(),
  );
  return { token, expiresAt };
}

/** The expiry of the link with this token, if it is still the working one (for showing it once). */
export async function linkExpiry(tx: CallerTransaction, youngPersonId: string, token: string): Promise<Date | undefined> {
  const link = await tx.readOnePersonal({ action: 'view', recordType: 'own_page_links', identify: belongsToYoungPerson }, (db) =>
    db
      .selectFrom('own_page_links')
      .select(['id', 'young_person_id', 'expires_at'])
      .where('young_person_id', '=', youngPersonId)
      .where('token_hash', '=', hashToken(token))
      .where('revoked_at', 'is', null)
      .executeTakeFirst(),
  );
  return link?.expires_at;
}

/** When the young person last opened their page, and how. */
export async function lastSignIn(tx: CallerTransaction, youngPersonId: string) {
  return tx.db
    .selectFrom('access_log')
    .select(['at', 'record_type'])
    .where('young_person_id', '=', youngPersonId)
    .where('actor_role', '=', 'young_person')
    .where('action', '=', 'sign_in')
    .orderBy('at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Whether a code sent to the email or mobile on the record would reach only this young person. */
export async function codeAddresses(tx: CallerTransaction, youngPersonId: string) {
  const result = await sql<{ email_works: boolean; phone_works: boolean }>`select email_works, phone_works from own_page_code_addresses(${youngPersonId}::uuid)`.execute(tx.db);
  return result.rows[0] ?? { email_works: false, phone_works: false };
}

/** What the young person has said about the service, newest first. */
export async function feedbackOf(tx: CallerTransaction, youngPersonId: string) {
  return tx.readPersonal({ action: 'view', recordType: 'service_feedback', identify: belongsToYoungPerson }, (db) =>
    db
      .selectFrom('service_feedback')
      .select(['id', 'young_person_id', 'helpfulness', 'comment', 'created_at'])
      .where('young_person_id', '=', youngPersonId)
      .orderBy('created_at', 'desc')
      .limit(20)
      .execute(),
  );
}

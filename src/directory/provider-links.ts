import { sql } from 'kysely';
import type { CallerTransaction } from '../platform/db/caller-data.ts';
import { hashToken, randomToken } from '../platform/auth/tokens.ts';

/** Long enough for a busy volunteer-run group to get round to it, short enough not to linger. */
export const PROVIDER_LINK_DAYS = 30;

export const providerPath = (token: string) => `/provider/${token}`;

/** Where to email a provider's link: the service's own address, else its first contact's. */
export async function providerEmail(tx: CallerTransaction, serviceId: string): Promise<string | undefined> {
  const row = await tx.db
    .selectFrom('directory_services as s')
    .leftJoin('directory_contacts as c', (join) => join.onRef('c.org_id', '=', 's.org_id').onRef('c.service_id', '=', 's.id').on('c.email', 'is not', null))
    .select(['s.email', 'c.email as contact_email'])
    .where('s.id', '=', serviceId)
    .orderBy('c.id')
    .executeTakeFirst();
  return row?.email ?? row?.contact_email ?? undefined;
}

/** A new private link for a service's provider; only its hash is stored. Earlier links stop working. */
export async function issueProviderLink(tx: CallerTransaction, serviceId: string, emailedTo: string | undefined) {
  const token = randomToken();
  await tx.db.updateTable('directory_provider_links').set({ revoked_at: sql`now()` }).where('service_id', '=', serviceId).where('revoked_at', 'is', null).execute();
  const link = await tx.db
    .insertInto('directory_provider_links')
    .values({
      org_id: tx.caller.orgId,
      service_id: serviceId,
      token_hash: hashToken(token),
      expires_at: sql`now() + make_interval(days => ${PROVIDER_LINK_DAYS})`,
      created_by: tx.caller.userId,
      emailed_to: emailedTo ?? null,
    })
    .returning('expires_at')
    .executeTakeFirstOrThrow();
  return { token, expiresAt: link.expires_at };
}

export async function revokeProviderLinks(tx: CallerTransaction, serviceId: string): Promise<void> {
  await tx.db.updateTable('directory_provider_links').set({ revoked_at: sql`now()` }).where('service_id', '=', serviceId).where('revoked_at', 'is', null).execute();
}

/** The working link of a service, if any: when it stops and when it was last used. */
export async function currentProviderLink(tx: CallerTransaction, serviceId: string) {
  return tx.db
    .selectFrom('directory_provider_links')
    .select(['expires_at', 'last_used_at', 'emailed_to'])
    .where('service_id', '=', serviceId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', sql<Date>`now()`)
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
}

export interface ProviderLinkView {
  usable: boolean;
  scheme_name: string;
  service_name: string | null;
  organization_name: string | null;
  waiting_weeks: number | null;
  taking_referrals: boolean | null;
  schedule_text: string | null;
  expires_at: Date;
}

/** What the provider's page shows; undefined for a link that never existed. */
export async function readProviderLink(tx: CallerTransaction, token: string): Promise<ProviderLinkView | undefined> {
  const result = await sql<ProviderLinkView>`select * from provider_link(${hashToken(token)})`.execute(tx.db);
  return result.rows[0];
}

export interface ProviderUpdate {
  waitingWeeks: number | null;
  takingReferrals: 'yes' | 'no';
  scheduleText: string;
}

/** Applies the provider's update and records it as a check; false when the link no longer works. */
export async function applyProviderUpdate(tx: CallerTransaction, token: string, update: ProviderUpdate): Promise<boolean> {
  const result = await sql<{ applied: boolean }>`
    select provider_update_service(${hashToken(token)}, ${update.waitingWeeks}::integer, ${update.takingReferrals === 'yes'}, ${update.scheduleText}) as applied`.execute(tx.db);
  return result.rows[0]?.applied === true;
}

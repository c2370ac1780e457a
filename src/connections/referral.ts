import { sql } from 'kysely';
import type { CallerTransaction } from '../platform/db/caller-data.ts';
import { hashToken, randomToken } from '../platform/auth/tokens.ts';
import { formatUkDate } from '../platform/views/render.ts';
import { ukCalendarDate } from '../domain/working-days.ts';
import type { Messenger } from '../platform/outbox/messenger.ts';
import { serviceContact, updateConnection, type ConnectionRow } from './queries.ts';
import type { ProviderStep } from './schemas.ts';

/** Long enough for a volunteer-run group to get round to it, short enough not to linger. */
export const ANSWER_LINK_DAYS = 30;

export const providerAnswerPath = (token: string) => `/provider-response/${token}`;

export interface Sender {
  messenger: Messenger;
  schemeName: string;
  /** The full address of a path, for links in messages. */
  linkTo: (path: string) => string;
}

export type ReferOutcome = { kind: 'referred' } | { kind: 'no_email' } | { kind: 'changed' };

/**
 * What the young person agreed the provider may be told, and nothing else: their first name and how
 * to reach them only if they said yes to each on the agreement step. Stored as sent.
 */
export function sharedWithProvider(connection: Pick<ConnectionRow, 'agree_first_name' | 'agree_contact' | 'contact_detail'>, firstName: string) {
  return {
    shared_first_name: connection.agree_first_name ? firstName : null,
    shared_contact: connection.agree_contact ? connection.contact_detail : null,
  };
}

async function emailProvider(tx: CallerTransaction, sender: Sender, to: string, serviceName: string, shared: { shared_first_name: string | null; shared_contact: string | null }, reminder: boolean) {
  const token = randomToken();
  const expires = await sql<{ at: Date }>`select now() + make_interval(days => ${ANSWER_LINK_DAYS}) as at`.execute(tx.db);
  const expiresAt = expires.rows[0]!.at;
  const messageId = await sender.messenger.record(tx, {
    referralId: null,
    to,
    subject: reminder ? `Reminder: a young person referred to ${serviceName}` : `A young person referred to ${serviceName}`,
    template: 'connections/messages/referral.txt.njk',
    data: {
      reminder,
      schemeName: sender.schemeName,
      serviceName,
      firstName: shared.shared_first_name,
      contact: shared.shared_contact,
      url: sender.linkTo(providerAnswerPath(token)),
      expiresOn: formatUkDate(expiresAt),
    },
  });
  return { tokenHash: hashToken(token), expiresAt, messageId };
}

/**
 * Refers an agreed connection: by email with only what they agreed to share and a private link to
 * answer, or by signposting (they get in touch themselves, nothing is sent).
 */
export async function referConnection(tx: CallerTransaction, sender: Sender, connection: ConnectionRow, firstName: string, method: 'email' | 'signpost'): Promise<ReferOutcome> {
  const today = ukCalendarDate(new Date());
  if (method === 'signpost') {
    const done = await updateConnection(tx, connection, { status: 'referred', referral_method: 'signpost', referred_on: today });
    return done ? { kind: 'referred' } : { kind: 'changed' };
  }
  const service = await serviceContact(tx, connection.service_id);
  if (!service?.email) return { kind: 'no_email' };
  const shared = sharedWithProvider(connection, firstName);
  const sent = await emailProvider(tx, sender, service.email, service.name, shared, false);
  const done = await updateConnection(tx, connection, {
    status: 'referred',
    referral_method: 'email',
    referred_on: today,
    referred_to: service.email,
    ...shared,
    response_token_hash: sent.tokenHash,
    response_expires_at: sent.expiresAt,
  });
  return done ? { kind: 'referred' } : { kind: 'changed' };
}

/** Sends the referral again with a fresh link (the earlier link stops working) and restarts the wait. */
export async function remindProvider(tx: CallerTransaction, sender: Sender, connection: ConnectionRow): Promise<string[] | undefined> {
  if (!connection.referred_to) return undefined;
  const sent = await emailProvider(tx, sender, connection.referred_to, connection.service_name, connection, true);
  const done = await updateConnection(tx, connection, {
    response_token_hash: sent.tokenHash,
    response_expires_at: sent.expiresAt,
    reminded_on: ukCalendarDate(new Date()),
  });
  return done ? [sent.messageId] : undefined;
}

export interface ProviderView {
  /** Answer the referral; have they been yet; still coming; nothing more to ask; or too late. */
  state: 'open' | 'accepted' | 'attending' | 'closed' | 'expired';
  scheme_name: string;
  service_name: string;
  first_name: string | null;
  answer: 'accepted' | 'declined' | null;
  expires_at: Date;
  first_attended_on: string | null;
  provider_confirmed_on: string | null;
}

/** What the provider's page shows; undefined for a link that never existed. */
export async function readProviderView(tx: CallerTransaction, token: string): Promise<ProviderView | undefined> {
  const result = await sql<ProviderView>`select * from connection_for_provider(${hashToken(token)})`.execute(tx.db);
  return result.rows[0];
}

/** Records a provider's step after accepting; false when it does not fit where the connection is now. */
export async function recordProviderStep(tx: CallerTransaction, token: string, step: ProviderStep): Promise<boolean> {
  const result = await sql<{ recorded: boolean }>`select connection_provider_step(${hashToken(token)}, ${step.step}, ${step.onDate}::date, ${step.stopReason}) as recorded`.execute(tx.db);
  return result.rows[0]?.recorded === true;
}

/** Records the provider's answer; false when the link no longer works or was used already. */
export async function recordProviderAnswer(tx: CallerTransaction, token: string, answer: 'accepted' | 'declined', note: string): Promise<boolean> {
  const result = await sql<{ recorded: boolean }>`select connection_provider_answer(${hashToken(token)}, ${answer}, ${note}) as recorded`.execute(tx.db);
  return result.rows[0]?.recorded === true;
}

import { sql, type RawBuilder } from 'kysely';
import type { CallerTransaction } from '../platform/db/caller-data.ts';
import { hashToken } from '../platform/auth/tokens.ts';
import type { SignInAddress } from './addresses.ts';

/**
 * The young person's side reaches personal data only through the own-page database functions
 * (migrations/0009_own_page.sql), each given the hash of a token the browser holds. They check the
 * session, return or change exactly what the page needs, and write the access log as the young person.
 */

export interface OwnPage {
  name: string;
  schemeName: string;
  inSupport: boolean;
  goals: { id: string; wording: string; rating: number | null; ratedOn: string | null }[];
  nextSession: { startsAt: string; durationMinutes: number; setting: string | null; place: string | null } | null;
}

export type CodeCheck = 'signed_in' | 'wrong' | 'expired' | 'too_many' | 'none';

async function one<Row>(tx: CallerTransaction, query: RawBuilder<Row>): Promise<Row | undefined> {
  return (await query.execute(tx.db)).rows[0];
}

/** Opens a session from a private link; false when the link is expired, stopped or unknown. */
export async function openLink(tx: CallerTransaction, linkToken: string, sessionToken: string): Promise<boolean> {
  const row = await one(tx, sql<{ opened: boolean }>`select own_page_open_link(${hashToken(linkToken)}, ${hashToken(sessionToken)}) as opened`);
  return row?.opened === true;
}

/** Where to send the code, or undefined when the address reaches no one (or has asked too often). */
export async function requestCode(tx: CallerTransaction, address: SignInAddress, requestToken: string, hashOfCode: string) {
  return one(
    tx,
    sql<{ org_id: string; scheme_name: string; to_address: string }>`
      select org_id, scheme_name, to_address from own_page_request_code(${address.value}, ${address.channel}, ${hashToken(requestToken)}, ${hashOfCode})`,
  );
}

export async function checkCode(tx: CallerTransaction, requestToken: string, hashOfCode: string, sessionToken: string): Promise<CodeCheck> {
  const row = await one(tx, sql<{ result: CodeCheck }>`select own_page_check_code(${hashToken(requestToken)}, ${hashOfCode}, ${hashToken(sessionToken)}) as result`);
  return row?.result ?? 'none';
}

/** What the page shows; undefined when the session has ended. */
export async function ownPage(tx: CallerTransaction, sessionToken: string): Promise<OwnPage | undefined> {
  const row = await one(tx, sql<{ page: OwnPage | null }>`select own_page(${hashToken(sessionToken)}) as page`);
  return row?.page ?? undefined;
}

export async function rateGoal(tx: CallerTransaction, sessionToken: string, goalId: string, rating: number): Promise<boolean> {
  const row = await one(tx, sql<{ saved: boolean }>`select own_page_rate_goal(${hashToken(sessionToken)}, ${goalId}::uuid, ${rating}) as saved`);
  return row?.saved === true;
}

export async function giveFeedback(tx: CallerTransaction, sessionToken: string, helpfulness: number, comment: string): Promise<boolean> {
  const row = await one(tx, sql<{ saved: boolean }>`select own_page_give_feedback(${hashToken(sessionToken)}, ${helpfulness}, ${comment}) as saved`);
  return row?.saved === true;
}

export async function signOut(tx: CallerTransaction, sessionToken: string): Promise<void> {
  await sql`select own_page_sign_out(${hashToken(sessionToken)})`.execute(tx.db);
}

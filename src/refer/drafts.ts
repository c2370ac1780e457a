import type { FastifyReply, FastifyRequest } from 'fastify';
import { addHours } from 'date-fns';
import type { AppContext } from '../platform/http/context.ts';
import type { CallerTransaction } from '../platform/db/caller-data.ts';
import { hashToken, randomToken } from '../platform/auth/tokens.ts';
import type { DraftAnswers } from './steps.ts';

/**
 * A referral in progress lives on the server, keyed by a random token in an HttpOnly cookie (only
 * its hash is stored), so nothing typed is lost between pages or on the back button and no
 * personal data sits in the browser. Drafts last 24 hours.
 */
export const DRAFT_HOURS = 24;

function cookieName(context: AppContext): string {
  // The __Host- prefix pins the cookie to this host over HTTPS.
  return context.config.secureCookies ? '__Host-linkway_referral' : 'linkway_referral';
}

function cookieOptions(context: AppContext) {
  return { httpOnly: true, sameSite: 'lax', secure: context.config.secureCookies, path: '/' } as const;
}

export function draftHash(request: FastifyRequest, context: AppContext): string | undefined {
  const token = request.cookies[cookieName(context)];
  return token && /^[A-Za-z0-9_-]{43}$/.test(token) ? hashToken(token) : undefined;
}

export interface Draft {
  tokenHash: string;
  answers: DraftAnswers;
}

/** Every read of a draft is written in the access log: it holds a young person's details before any record does. */
const DRAFT_READ = { action: 'view', recordType: 'referral_drafts', identify: (row: { id: string }) => ({ recordId: row.id, youngPersonId: null }) } as const;

/** Starts a fresh draft, replacing this browser's previous one and clearing the scheme's expired ones. */
export async function startDraft(tx: CallerTransaction, request: FastifyRequest, reply: FastifyReply, context: AppContext, now = new Date()): Promise<void> {
  const previous = draftHash(request, context);
  const token = randomToken();
  await tx.changePersonal(async (db) => {
    await db
      .deleteFrom('referral_drafts')
      .where((eb) => eb.or([eb('expires_at', '<=', now), ...(previous ? [eb('token_hash', '=', previous)] : [])]))
      .execute();
    await db
      .insertInto('referral_drafts')
      .values({ token_hash: hashToken(token), org_id: tx.caller.orgId, answers: '{}', expires_at: addHours(now, DRAFT_HOURS) })
      .execute();
  });
  reply.setCookie(cookieName(context), token, { ...cookieOptions(context), maxAge: DRAFT_HOURS * 3600 });
}

/** This browser's unexpired draft for the scheme the caller acts on; row-level security keeps other schemes' out. */
export async function findDraft(tx: CallerTransaction, tokenHash: string | undefined, options: { lock?: boolean } = {}): Promise<Draft | undefined> {
  if (!tokenHash) return undefined;
  const row = await tx.readOnePersonal(DRAFT_READ, (db) => {
    const query = db.selectFrom('referral_drafts').select(['id', 'token_hash', 'answers']).where('token_hash', '=', tokenHash).where('expires_at', '>', new Date());
    return (options.lock ? query.forUpdate() : query).executeTakeFirst();
  });
  return row ? { tokenHash: row.token_hash, answers: row.answers as DraftAnswers } : undefined;
}

export async function saveDraft(tx: CallerTransaction, draft: Draft): Promise<void> {
  await tx.changePersonal((db) =>
    db.updateTable('referral_drafts').set({ answers: JSON.stringify(draft.answers) }).where('token_hash', '=', draft.tokenHash).execute(),
  );
}

/** Once sent, the draft keeps only the reference: the answers now live in the referral itself. */
export async function markSent(tx: CallerTransaction, tokenHash: string, reference: string): Promise<void> {
  await tx.changePersonal((db) =>
    db
      .updateTable('referral_drafts')
      .set({ answers: JSON.stringify({ submittedReference: reference }) })
      .where('token_hash', '=', tokenHash)
      .execute(),
  );
}

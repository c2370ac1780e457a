import type { CallerTransaction } from '../platform/db/caller-data.ts';
import { hashToken, randomToken } from '../platform/auth/tokens.ts';
import { NotFoundError } from '../platform/http/errors.ts';

export const INVITATION_DAYS = 7;

/**
 * A new invitation link for an active user in the admin's organisation. Any older link that has not
 * been used stops working, so only the newest link the admin handed out can set a password. Only
 * the token's hash is stored: the token itself exists just long enough to be shown to the admin.
 */
export async function issueInvitation(tx: CallerTransaction, userId: string, now = new Date()): Promise<string> {
  // A deactivated user is offered no link: they could not use it.
  const user = await tx.db.selectFrom('users').select('id').where('id', '=', userId).where('active', '=', true).executeTakeFirst();
  if (!user) throw new NotFoundError();
  await tx.db
    .updateTable('invitations')
    .set({ expires_at: now })
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .execute();
  const token = randomToken();
  await tx.db
    .insertInto('invitations')
    .values({
      org_id: tx.caller.orgId,
      user_id: userId,
      token_hash: hashToken(token),
      invited_by: tx.caller.userId,
      expires_at: new Date(now.getTime() + INVITATION_DAYS * 86_400_000),
    })
    .execute();
  return token;
}

/** When the link expires, if the token is still a working invitation for this user; else undefined. */
export async function invitationExpiry(tx: CallerTransaction, userId: string, token: string, now = new Date()): Promise<Date | undefined> {
  const row = await tx.db
    .selectFrom('invitations')
    .select('expires_at')
    .where('token_hash', '=', hashToken(token))
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return row?.expires_at;
}

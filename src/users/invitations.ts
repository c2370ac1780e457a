import type { Kysely } from 'kysely';
import type { CallerTransaction } from '../platform/db/caller-data.ts';
import type { Database } from '../platform/db/schema.ts';
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

/**
 * Accepting an invitation happens before anyone is signed in, so these use the platform's own
 * connection (like the sign-in checks) and find the invitation by the hash of its token alone.
 */
export class InvitationDesk {
  constructor(private readonly db: Kysely<Database>) {}

  /** The person a working invitation is for. Used, expired or unknown links, and deactivated users, give undefined. */
  async findUsable(token: string, now = new Date()): Promise<{ name: string; email: string } | undefined> {
    return this.db
      .selectFrom('invitations as i')
      .innerJoin('users as u', 'u.id', 'i.user_id')
      .select(['u.name', 'u.email'])
      .where('i.token_hash', '=', hashToken(token))
      .where('i.used_at', 'is', null)
      .where('i.expires_at', '>', now)
      .where('u.active', '=', true)
      .executeTakeFirst();
  }

  /**
   * Sets the password and uses up the invitation in one transaction. Claiming the invitation is a
   * single conditional update, so two submissions of the same link cannot both succeed. Returns the
   * user's id, or undefined when the link no longer works. A new password also ends any lockout.
   */
  async accept(token: string, passwordHash: string, now = new Date()): Promise<string | undefined> {
    return this.db.transaction().execute(async (trx) => {
      const claimed = await trx
        .updateTable('invitations')
        .set({ used_at: now })
        .where('token_hash', '=', hashToken(token))
        .where('used_at', 'is', null)
        .where('expires_at', '>', now)
        .where((eb) => eb.exists(eb.selectFrom('users').select('users.id').whereRef('users.id', '=', 'invitations.user_id').where('users.active', '=', true)))
        .returning('user_id')
        .executeTakeFirst();
      if (!claimed) return undefined;
      await trx
        .updateTable('users')
        .set({ password_hash: passwordHash, failed_logins: 0, locked_until: null })
        .where('id', '=', claimed.user_id)
        .execute();
      // Any other link still out for this person would be a second way in: close it too.
      await trx
        .updateTable('invitations')
        .set({ expires_at: now })
        .where('user_id', '=', claimed.user_id)
        .where('used_at', 'is', null)
        .where('expires_at', '>', now)
        .execute();
      return claimed.user_id;
    });
  }
}

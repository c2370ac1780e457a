import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { hashToken } from './tokens.ts';

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

import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { verifyPassword } from './passwords.ts';
import { totpStep, verifyTotp } from './totp.ts';
import type { SecretBox } from './secret-box.ts';
import { LOCKOUT_MINUTES, MAX_FAILED_ATTEMPTS, SignInThrottle } from './sign-in-throttle.ts';

export type PasswordCheck =
  | { outcome: 'signed_in'; userId: string; orgId: string; needsSecondFactor: boolean }
  | { outcome: 'wrong' }
  | { outcome: 'locked' };

/**
 * Sign-in checks run before anyone is known, so they use the platform's own connection. Wrong
 * passwords are counted for the email address typed from the client's network (the throttle), the
 * same whether or not the address has an account. Wrong second-factor codes come only from someone
 * who knew the password, so they lock the account itself.
 */
export class Credentials {
  private readonly throttle: SignInThrottle;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly secretBox: SecretBox,
  ) {
    this.throttle = new SignInThrottle(db);
  }

  async checkPassword(email: string, password: string, clientAddress: string, now = new Date()): Promise<PasswordCheck> {
    const throttleKey = this.throttle.key(email, clientAddress);
    if (await this.throttle.isLocked(throttleKey, now)) {
      // Still hash, so a locked pair answers as slowly as any other.
      await verifyPassword(null, password);
      return { outcome: 'locked' };
    }
    const user = await this.db
      .selectFrom('users')
      .select(['id', 'org_id', 'password_hash', 'active', 'locked_until', 'totp_enabled'])
      .where(sql`lower(email)`, '=', email.trim().toLowerCase())
      .executeTakeFirst();
    const usable = user && user.active ? user : undefined;
    const matches = await verifyPassword(usable?.password_hash ?? null, password);
    if (!usable || !matches) return (await this.throttle.recordFailure(throttleKey, now)) ? { outcome: 'locked' } : { outcome: 'wrong' };
    await this.throttle.clear(throttleKey);
    // Only someone with the right password learns that wrong codes locked the account.
    if (usable.locked_until && usable.locked_until > now) return { outcome: 'locked' };
    return { outcome: 'signed_in', userId: usable.id, orgId: usable.org_id, needsSecondFactor: usable.totp_enabled };
  }

  /** Checks a second-factor code; a code is accepted once only. */
  /** 'used' is a right code already spent (say, on another device): the person must wait for the next. */
  async checkSecondFactor(userId: string, code: string, now = new Date()): Promise<'ok' | 'wrong' | 'used' | 'locked'> {
    const user = await this.db
      .selectFrom('users')
      .select(['totp_secret', 'totp_last_step', 'locked_until'])
      .where('id', '=', userId)
      .executeTakeFirstOrThrow();
    if (user.locked_until && user.locked_until > now) return 'locked';
    const secret = user.totp_secret ? this.secretBox.open(user.totp_secret, 'second-factor') : null;
    const step = secret ? verifyTotp(secret, code, user.totp_last_step, now.getTime()) : null;
    if (step === null) {
      // A replayed code still counts as a failed attempt: only the message differs.
      if (await this.recordFailure(userId, now)) return 'locked';
      return secret && totpStep(secret, code, now.getTime()) !== null ? 'used' : 'wrong';
    }
    await this.db.updateTable('users').set({ totp_last_step: step, failed_logins: 0 }).where('id', '=', userId).execute();
    return 'ok';
  }

  /** Returns true when this wrong second-factor code locks the account. */
  private async recordFailure(userId: string, now: Date): Promise<boolean> {
    const updated = await this.db
      .updateTable('users')
      .set((eb) => ({ failed_logins: eb('failed_logins', '+', 1) }))
      .where('id', '=', userId)
      .returning('failed_logins')
      .executeTakeFirstOrThrow();
    if (updated.failed_logins < MAX_FAILED_ATTEMPTS) return false;
    await this.db
      .updateTable('users')
      .set({ failed_logins: 0, locked_until: new Date(now.getTime() + LOCKOUT_MINUTES * 60_000) })
      .where('id', '=', userId)
      .execute();
    return true;
  }
}

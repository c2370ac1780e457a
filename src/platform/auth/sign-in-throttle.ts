import { sql, type Kysely } from 'kysely';
import ipaddr from 'ipaddr.js';
import type { Database } from '../db/schema.ts';
import { hashToken } from './tokens.ts';

export const MAX_FAILED_ATTEMPTS = 5;
export const LOCKOUT_MINUTES = 15;
const WINDOW_MS = LOCKOUT_MINUTES * 60_000;

/**
 * One client's network: the address itself for IPv4, the /64 for IPv6, because one household or
 * one attacker is usually given a whole /64 and could otherwise step through its addresses.
 */
export function clientNetwork(clientAddress: string): string {
  if (!ipaddr.isValid(clientAddress)) return clientAddress;
  const address = ipaddr.process(clientAddress);
  if (address.kind() === 'ipv4') return address.toString();
  return `${(address as ipaddr.IPv6).parts.slice(0, 4).map((part) => part.toString(16)).join(':')}::/64`;
}

/**
 * Counts failed sign-ins for one typed email address from one client network, in the database so
 * every Linkway process sharing it counts together. An unknown address is counted exactly like a
 * real one, so the answers never tell them apart; and failures from one network never lock the
 * address for anyone elsewhere. Runs with the platform's own rights: no caller exists yet.
 */
export class SignInThrottle {
  constructor(private readonly db: Kysely<Database>) {}

  key(email: string, clientAddress: string): string {
    return hashToken(`${email.trim().toLowerCase()}\n${clientNetwork(clientAddress)}`);
  }

  async isLocked(key: string, now: Date): Promise<boolean> {
    const row = await this.db.selectFrom('sign_in_failures').select('locked_until').where('key', '=', key).executeTakeFirst();
    return Boolean(row?.locked_until && row.locked_until > now);
  }

  /** Returns true when this failure locks the pair. A window older than the lockout starts again. */
  async recordFailure(key: string, now: Date): Promise<boolean> {
    const windowStart = new Date(now.getTime() - WINDOW_MS);
    const { failures } = await this.db
      .insertInto('sign_in_failures')
      .values({ key, failures: 1, window_started_at: now })
      .onConflict((conflict) =>
        conflict.column('key').doUpdateSet({
          failures: sql<number>`CASE WHEN sign_in_failures.window_started_at <= ${windowStart} THEN 1 ELSE sign_in_failures.failures + 1 END`,
          window_started_at: sql<Date>`CASE WHEN sign_in_failures.window_started_at <= ${windowStart} THEN ${now} ELSE sign_in_failures.window_started_at END`,
        }),
      )
      .returning('failures')
      .executeTakeFirstOrThrow();
    await this.removeFinished(now);
    if (failures < MAX_FAILED_ATTEMPTS) return false;
    await this.db
      .updateTable('sign_in_failures')
      .set({ failures: 0, window_started_at: now, locked_until: new Date(now.getTime() + WINDOW_MS) })
      .where('key', '=', key)
      .execute();
    return true;
  }

  async clear(key: string): Promise<void> {
    await this.db.deleteFrom('sign_in_failures').where('key', '=', key).execute();
  }

  /** Keeps the table to the last quarter hour's failures: finished windows whose lock has ended. */
  private async removeFinished(now: Date): Promise<void> {
    await this.db
      .deleteFrom('sign_in_failures')
      .where('window_started_at', '<', new Date(now.getTime() - WINDOW_MS))
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
      .execute();
  }
}

import type { CallerTransaction } from '../platform/db/caller-data.ts';
import type { ExpressionBuilder, UpdateResult } from 'kysely';
import type { OpenDatabase } from '../platform/db/schema.ts';
import { NotFoundError } from '../platform/http/errors.ts';
import type { NewUser } from './schemas.ts';

// Every query here runs as the signed-in admin, so row-level security keeps it inside their
// organisation: another organisation's user simply is not there, and a change to it touches no row.

const hasPassword = (eb: ExpressionBuilder<OpenDatabase, 'users'>) => eb('users.password_hash', 'is not', null).$castTo<boolean>().as('has_password');

export async function listUsers(tx: CallerTransaction) {
  return tx.db
    .selectFrom('users')
    .select(['id', 'name', 'email', 'role', 'active', 'totp_enabled', 'caseload_capacity', hasPassword])
    .orderBy('name')
    .orderBy('id')
    .execute();
}

export async function findUser(tx: CallerTransaction, id: string) {
  const user = await tx.db
    .selectFrom('users')
    .select(['id', 'name', 'email', 'role', 'active', 'totp_enabled', 'caseload_capacity', 'locked_until', hasPassword])
    .select((eb) =>
      eb
        .selectFrom('invitations')
        .select((inner) => inner.fn.max('invitations.expires_at').as('expires_at'))
        .whereRef('invitations.user_id', '=', 'users.id')
        .where('invitations.used_at', 'is', null)
        .as('latest_invitation_expires_at'),
    )
    .where('id', '=', id)
    .executeTakeFirst();
  if (!user) throw new NotFoundError();
  return user;
}

export type UserDetails = Awaited<ReturnType<typeof findUser>>;

/** Postgres's code for a broken unique constraint, and the index that keeps email addresses unique. */
const UNIQUE_VIOLATION = '23505';
const UNIQUE_EMAIL_INDEX = 'users_email_key';

export function isDuplicateEmail(error: unknown): boolean {
  const details = typeof error === 'object' && error !== null ? (error as { code?: unknown; constraint?: unknown }) : {};
  return details.code === UNIQUE_VIOLATION && details.constraint === UNIQUE_EMAIL_INDEX;
}

/** The account exists from now on but cannot be signed in to until the invitation sets a password. */
export async function createInvitedUser(tx: CallerTransaction, user: NewUser): Promise<string> {
  const row = await tx.db
    .insertInto('users')
    .values({
      org_id: tx.caller.orgId,
      name: user.name,
      email: user.email,
      role: user.role,
      password_hash: null,
      caseload_capacity: user.caseloadCapacity,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** An update that touched no row was aimed at a user the caller cannot see (or who does not exist). */
function mustHaveChanged(result: UpdateResult): void {
  if (result.numUpdatedRows === 0n) throw new NotFoundError();
}

export async function setActive(tx: CallerTransaction, id: string, active: boolean): Promise<void> {
  mustHaveChanged(await tx.db.updateTable('users').set({ active }).where('id', '=', id).executeTakeFirst());
}

/** With no secret the user signs in by password alone; an admin is then made to set up a new factor. */
export async function resetSecondFactor(tx: CallerTransaction, id: string): Promise<void> {
  mustHaveChanged(
    await tx.db.updateTable('users').set({ totp_secret: null, totp_enabled: false, totp_last_step: null }).where('id', '=', id).executeTakeFirst(),
  );
}

export async function setCaseloadCapacity(tx: CallerTransaction, id: string, capacity: number): Promise<void> {
  mustHaveChanged(
    await tx.db.updateTable('users').set({ caseload_capacity: capacity }).where('id', '=', id).where('role', '=', 'link_worker').executeTakeFirst(),
  );
}

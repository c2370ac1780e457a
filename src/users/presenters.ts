import type { Role } from '../platform/db/schema.ts';

export const ROLES = ['admin', 'manager', 'link_worker', 'commissioner'] as const satisfies readonly Role[];

export { ROLE_NAMES as ROLE_LABELS } from '../platform/auth/roles.ts';

/** Shown under each choice when inviting someone, so the admin picks the least access that will do. */
export const ROLE_HINTS: Record<Role, string> = {
  admin: 'Manages who can use Linkway. Must use a second factor to sign in.',
  manager: 'Sees every young person in the scheme and allocates them to link workers.',
  link_worker: 'Sees only the young people allocated to them.',
  commissioner: 'Sees reports with numbers only, never anyone’s details.',
};

export type UserStatus = 'active' | 'invited' | 'deactivated';

/** Deactivation wins: a deactivated user cannot accept an invitation either. */
export function statusOf(user: { active: boolean; has_password: boolean }): UserStatus {
  if (!user.active) return 'deactivated';
  return user.has_password ? 'active' : 'invited';
}

const STATUS_TAGS: Record<UserStatus, { text: string; colour: string }> = {
  active: { text: 'Active', colour: 'green' },
  invited: { text: 'Invited, not accepted yet', colour: 'blue' },
  deactivated: { text: 'Deactivated', colour: 'grey' },
};

export function statusTag(status: UserStatus): { text: string; colour: string } {
  return STATUS_TAGS[status];
}

import type { Role } from '../db/schema.ts';

export const ROLE_NAMES: Record<Role, string> = {
  admin: 'Administrator',
  manager: 'Manager',
  link_worker: 'Link worker',
  commissioner: 'Commissioner',
};

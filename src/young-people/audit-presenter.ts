import { ROLE_NAMES } from '../platform/auth/roles.ts';
import type { Role } from '../platform/db/schema.ts';
import { formatUkDate } from '../platform/views/render.ts';

const ACTIONS: Record<string, string> = {
  view: 'Looked at',
  list: 'Saw in a list',
  view_audit: 'Looked at the access log of',
  insert: 'Created',
  update: 'Changed',
  delete: 'Deleted',
};

const RECORD_TYPES: Record<string, string> = {
  young_people: 'the record',
  support_sessions: 'a session',
};

const FIELDS: Record<string, string> = {
  given_name: 'First name',
  family_name: 'Last name',
  preferred_name: 'Preferred name',
  date_of_birth: 'Date of birth',
  pronouns: 'Pronouns',
  postcode: 'Postcode',
  phone: 'Phone',
  email: 'Email',
  stage: 'Stage',
  allocated_worker_id: 'Link worker',
  referred_on: 'Referred on',
  starts_at: 'Session time',
  status: 'Session status',
  place: 'Session place',
};

interface AccessRow {
  at: Date;
  action: string;
  record_type: string;
  actor_role: string | null;
  actor_name: string | null;
  client_address: string | null;
}

interface ChangeRow {
  at: Date;
  record_type: string;
  field: string;
  old_value: string | null;
  new_value: string | null;
  actor_name: string | null;
}

function who(name: string | null, role: string | null): string {
  if (!name) return 'Linkway (automatic)';
  return role && role in ROLE_NAMES ? `${name}, ${ROLE_NAMES[role as Role]}` : name;
}

function shownValue(field: string, value: string | null): string {
  if (value === null || value === '') return '(empty)';
  return field === 'date_of_birth' || field === 'referred_on' ? formatUkDate(value) : value;
}

export function presentAccess(row: AccessRow) {
  return {
    at: row.at,
    who: who(row.actor_name, row.actor_role),
    what: `${ACTIONS[row.action] ?? row.action} ${RECORD_TYPES[row.record_type] ?? row.record_type}`,
    from: row.client_address ?? '',
  };
}

export function presentChange(row: ChangeRow) {
  return {
    at: row.at,
    who: who(row.actor_name, null),
    field: `${FIELDS[row.field] ?? row.field}${row.record_type === 'young_people' ? '' : ` (${RECORD_TYPES[row.record_type] ?? row.record_type})`}`,
    before: shownValue(row.field, row.old_value),
    after: shownValue(row.field, row.new_value),
  };
}

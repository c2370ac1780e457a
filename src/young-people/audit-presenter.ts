import { ROLE_NAMES } from '../platform/auth/roles.ts';
import type { Role } from '../platform/db/schema.ts';
import { formatUkDate } from '../platform/views/render.ts';

const ACTIONS: Record<string, string> = {
  view: 'Looked at',
  list: 'Saw in a list',
  view_audit: 'Looked at the access log of',
  check_consent: 'Checked, before sharing,',
  record_consent: 'Read, to record consent,',
  withdraw_consent: 'Read, to record a withdrawal of consent,',
  discharge: 'Read, to end support,',
  sign_in: 'Signed in to their own page with',
  request_code: 'Asked for',
  make_own_page_link: 'Read, to make an own-page link,',
  stop_own_page_link: 'Read, to stop an own-page link,',
  send_measure_link: 'Read, to send questions to answer on their phone,',
  stop_measure_link: 'Read, to stop a link to questions,',
  export: 'Copied, for a subject access request,',
  insert: 'Created',
  update: 'Changed',
  delete: 'Deleted',
};

const RECORD_TYPES: Record<string, string> = {
  young_people: 'the record',
  support_sessions: 'a session',
  consents: 'a consent record',
  episodes: 'an episode of support',
  extension_requests: 'an extension request',
  safeguarding_concerns: 'a safeguarding concern',
  assessments: '“what matters to me”',
  plans: 'the plan',
  goals: 'a goal',
  goal_ratings: 'a goal rating',
  plan_actions: 'an agreed action',
  own_page_links: 'a private link',
  own_page_codes: 'a sign-in code',
  measure_links: 'a link to answer questions',
  measure_responses: 'answers to a measure',
  service_feedback: 'feedback on the service',
  data_rights_requests: 'a data rights request',
  referrals: 'a referral',
  referral_events: 'a referral event',
  contact_attempts: 'a contact attempt',
  connections: 'a connection to a community service',
  connection_phases: 'a step of phased support',
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
  status: 'Status',
  place: 'Place',
  setting: 'Place or means',
  young_person_id: 'Young person',
  episode_id: 'Episode',
  anonymised_at: 'Anonymised',
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
  if (role === 'young_person') return 'The young person, on their own page';
  if (role === 'provider') return 'The provider, through their private link';
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

/** Fields without a label of their own read well enough from their column name: "what_was_agreed" → "What was agreed". */
function fieldLabel(field: string): string {
  const label = FIELDS[field];
  if (label) return label;
  const words = field.replaceAll('_', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function presentChange(row: ChangeRow) {
  return {
    at: row.at,
    who: who(row.actor_name, null),
    field: `${fieldLabel(row.field)}${row.record_type === 'young_people' ? '' : ` (${RECORD_TYPES[row.record_type] ?? row.record_type})`}`,
    before: shownValue(row.field, row.old_value),
    after: shownValue(row.field, row.new_value),
  };
}

import type { RecordTable } from '../platform/db/schema.ts';
import { formatUkDate, formatUkDateTime } from '../platform/views/render.ts';
import { presentAccess, presentChange } from '../young-people/index.ts';
import type { SubjectAccessExport } from './export.ts';

/**
 * The subject access export as a document a young person can read: every table in its place,
 * every field with a plain label, codes in words and staff by name. Built from the same rows as
 * the JSON, so the two never disagree.
 */

const SECTIONS = [
  'Details',
  'Episodes of support',
  'Referrals',
  'Contact attempts',
  'Consent and sharing',
  'What matters to me',
  'Plans',
  'Goals and ratings',
  'Actions',
  'Sessions and notes',
  'Safeguarding concerns',
  'Connections to community services',
  'Outcome measures',
  'Their own page and feedback',
  'Data rights requests',
] as const;

/** Where each personal table appears and what one of its rows is called. */
const PLACES: Record<RecordTable, { section: (typeof SECTIONS)[number]; item: string }> = {
  young_people: { section: 'Details', item: 'Details held' },
  episodes: { section: 'Episodes of support', item: 'Episode' },
  extension_requests: { section: 'Episodes of support', item: 'Extension request' },
  referrals: { section: 'Referrals', item: 'Referral' },
  referral_events: { section: 'Referrals', item: 'Referral event' },
  contact_attempts: { section: 'Contact attempts', item: 'Contact attempt' },
  consents: { section: 'Consent and sharing', item: 'Consent record' },
  assessments: { section: 'What matters to me', item: 'What matters to me' },
  plans: { section: 'Plans', item: 'Plan' },
  goals: { section: 'Goals and ratings', item: 'Goal' },
  goal_ratings: { section: 'Goals and ratings', item: 'Goal rating' },
  plan_actions: { section: 'Actions', item: 'Action' },
  support_sessions: { section: 'Sessions and notes', item: 'Session' },
  safeguarding_concerns: { section: 'Safeguarding concerns', item: 'Safeguarding concern' },
  data_rights_requests: { section: 'Data rights requests', item: 'Request' },
  own_page_links: { section: 'Their own page and feedback', item: 'Link to their own page' },
  service_feedback: { section: 'Their own page and feedback', item: 'Feedback' },
  connections: { section: 'Connections to community services', item: 'Connection' },
  connection_phases: { section: 'Connections to community services', item: 'Phase of support' },
  measure_responses: { section: 'Outcome measures', item: 'Measure' },
  measure_links: { section: 'Outcome measures', item: 'Link to answer a measure' },
};

/** Internal columns that mean nothing to the reader: the organisation, the person themself, secrets. */
const HIDDEN = new Set(['id', 'org_id', 'young_person_id', 'tracking_token_hash', 'token_hash', 'response_token_hash']);
const CODE = /^[a-z]+(_[a-z]+)+$/;
const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;
const NOT_RECORDED = 'Not recorded';

export function inWords(code: string): string {
  const words = code.replaceAll('_', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function shown(value: unknown, staff: Map<string, string>): string {
  if (value === null || value === undefined || value === '') return NOT_RECORDED;
  if (value instanceof Date) return formatUkDateTime(value);
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (Array.isArray(value)) return value.length ? value.map((item) => shown(item, staff)).join('\n') : 'None';
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    return entries.length ? entries.map(([key, item]) => `${inWords(key)}: ${shown(item, staff)}`).join('\n') : 'None';
  }
  const text = String(value);
  if (staff.has(text)) return staff.get(text)!;
  if (CALENDAR_DATE.test(text)) return formatUkDate(text);
  return CODE.test(text) ? inWords(text) : text;
}

function rowsOf(row: Record<string, unknown>, staff: Map<string, string>) {
  return Object.entries(row)
    // Links between records (episode_id, goal_ids ...) are ids; staff ids are shown as names instead.
    .filter(([column, value]) => !HIDDEN.has(column) && (!/_ids?$/.test(column) || (typeof value === 'string' && staff.has(value))))
    .map(([column, value]) => ({ key: inWords(column), value: shown(value, staff) }));
}

export function exportDocument(data: SubjectAccessExport) {
  const staff = new Map(data.staff.map((member) => [member.id, member.name]));
  const sections = SECTIONS.map((title) => ({
    title,
    cards: (Object.keys(PLACES) as RecordTable[])
      .filter((table) => PLACES[table].section === title)
      .flatMap((table) =>
        data.personalData[table].map((row, index, all) => ({
          heading: all.length > 1 ? `${PLACES[table].item} ${index + 1}` : PLACES[table].item,
          rows: rowsOf(row, staff),
        })),
      ),
  }));
  return {
    scheme: data.scheme,
    exportedAt: data.exportedAt,
    sections,
    messages: data.messagesSent.map((message) => ({
      heading: message.subject,
      rows: rowsOf({ to: message.to_address, status: message.status, written: message.created_at, sent: message.sent_at, message: message.body }, staff),
    })),
    accesses: data.accessLog.map((row) => presentAccess({ ...row, actor_name: row.actor_user_id ? (staff.get(row.actor_user_id) ?? null) : null })),
    changes: data.changeHistory.map((row) => presentChange({ ...row, actor_name: row.actor_user_id ? (staff.get(row.actor_user_id) ?? null) : null })),
  };
}

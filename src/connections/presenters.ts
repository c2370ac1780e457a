import { formatUkDate } from '../platform/views/render.ts';
import type { SupportPhase } from '../platform/db/tables/connections.ts';
import { PHASES, STATUS_LABELS, STOP_REASONS } from './codes.ts';
import { nextStep, providerOverdue, stepAllowed, type Step } from './steps.ts';
import type { ConnectionRow } from './queries.ts';

interface PhaseRow {
  connection_id: string;
  phase: SupportPhase;
  from_date: string;
}

const STEP_LINKS: Partial<Record<Step, string>> = {
  agree: 'Record their agreement',
  refer: 'Refer or give them the details',
  'first-attended': 'Record their first session',
  phase: 'Record how they are going',
  stop: 'Record that it stopped',
};

/** One connection as the record page lists it: where it is, what happened when, and what to do next. */
export function presentConnection(connection: ConnectionRow, phases: PhaseRow[], today: string, limitWorkingDays: number) {
  const own = phases.filter((phase) => phase.connection_id === connection.id);
  const current = own.at(-1);
  const rows: { key: { text: string }; value: { text: string } }[] = [];
  const add = (key: string, text: string | null | false | undefined) => {
    if (text) rows.push({ key: { text: key }, value: { text } });
  };
  add('Provider', connection.provider_name);
  add('Next step', nextStep(connection));
  add('Suggested', formatUkDate(connection.suggested_on));
  add('Agreed', connection.agreed_on && formatUkDate(connection.agreed_on));
  add('What the provider may be told', connection.agreed_on && agreedToShare(connection));
  add(
    'Referred',
    connection.referred_on &&
      `${formatUkDate(connection.referred_on)}, ${connection.referral_method === 'email' ? `by email to ${connection.referred_to}` : 'they will get in touch themselves'}`,
  );
  add('Shared with the provider', connection.referral_method === 'email' && sharedText(connection));
  add('Reminder sent', connection.reminded_on && formatUkDate(connection.reminded_on));
  add('Provider’s answer', connection.provider_answer && `${connection.provider_answer === 'accepted' ? 'Accepted' : 'Declined'}${connection.provider_note ? `: ${connection.provider_note}` : ''}`);
  add('First session', connection.first_attended_on && formatUkDate(connection.first_attended_on));
  add('How they are going', current && `${PHASES[current.phase]}, since ${formatUkDate(current.from_date)}`);
  add('Earlier phases', own.length > 1 && own.slice(0, -1).map((phase) => `${PHASES[phase.phase]} from ${formatUkDate(phase.from_date)}`).join('; '));
  add('Stopped', connection.stopped_on && `${formatUkDate(connection.stopped_on)}: ${STOP_REASONS[connection.stop_reason!]}${connection.stop_note ? ` (${connection.stop_note})` : ''}`);
  const base = `/young-people/${connection.young_person_id}/connections/${connection.id}`;
  return {
    id: connection.id,
    serviceName: connection.service_name,
    tag: STATUS_LABELS[connection.status],
    rows,
    overdueSince: providerOverdue(connection, today, limitWorkingDays) ? formatUkDate(connection.reminded_on ?? connection.referred_on) : undefined,
    canRemind: stepAllowed('remind', connection),
    remindAction: `${base}/remind`,
    links: (Object.keys(STEP_LINKS) as Step[]).filter((step) => stepAllowed(step, connection)).map((step) => ({ href: `${base}/${step}`, text: STEP_LINKS[step]! })),
  };
}

function agreedToShare(connection: Pick<ConnectionRow, 'agree_first_name' | 'agree_contact' | 'contact_detail'>): string {
  const items = [connection.agree_first_name && 'their first name', connection.agree_contact && `how to contact them (${connection.contact_detail})`].filter(Boolean);
  return items.length ? capitalise(items.join(' and ')) : 'Nothing about them';
}

function sharedText(connection: Pick<ConnectionRow, 'shared_first_name' | 'shared_contact'>): string {
  const items = [connection.shared_first_name && `first name (${connection.shared_first_name})`, connection.shared_contact && `how to contact them (${connection.shared_contact})`].filter(Boolean);
  return items.length ? capitalise(items.join(' and ')) : 'Nothing about them';
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

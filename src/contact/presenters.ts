import { CONTACT_METHODS, CONTACT_OUTCOMES, SNOMED } from '../domain/codes.ts';
import type { ContactAttemptRow, CurrentReferral, TimelineEvent } from './queries.ts';
import { referrerWillBeTold } from './referrer-messages.ts';
import { UNSUCCESSFUL_OUTCOMES } from './schemas.ts';
import { firstContactAgainstTarget, longDate, nextAttempt, ukCalendarDate, type ContactPolicy, type DueStatus } from '../domain/working-days.ts';

/** The meaning shown beside each SNOMED CT code the timeline records. */
export const SNOMED_MEANINGS: Record<string, string> = {
  [SNOMED.referredToSocialPrescribing]: 'Referral to social prescribing service',
  [SNOMED.socialPrescribingDeclined]: 'Social prescribing declined',
};

const DUE_TAGS: Record<DueStatus, { text: string; colour: string }> = {
  not_due_yet: { text: 'Not due yet', colour: 'grey' },
  due_today: { text: 'Due today', colour: 'orange' },
  overdue: { text: 'Overdue', colour: 'red' },
};

const times = (count: number) => (count === 1 ? 'once' : `${count} times`);
const workingDays = (count: number) => `${count} working ${count === 1 ? 'day' : 'days'}`;

export function presentPolicy(policy: ContactPolicy): string {
  return (
    `Our scheme tries ${policy.attempts === 1 ? 'once' : `up to ${policy.attempts} times`} to make contact, spread over ${workingDays(policy.windowWorkingDays)}. ` +
    `If we have not made contact after ${policy.attempts === 1 ? 'that try' : `the ${policy.attempts} tries`}, the case closes as “unable to contact” and the referrer is told.`
  );
}

export function presentAttempts(attempts: readonly ContactAttemptRow[]) {
  return attempts.map((attempt, index) => ({
    number: index + 1,
    at: attempt.attempted_at,
    method: CONTACT_METHODS[attempt.method],
    outcome: CONTACT_OUTCOMES[attempt.outcome],
    note: attempt.note ?? 'None',
    by: attempt.by_name ?? 'Not recorded',
  }));
}

function unsuccessfulCount(attempts: readonly { outcome: ContactAttemptRow['outcome'] }[]): number {
  return attempts.filter((attempt) => UNSUCCESSFUL_OUTCOMES.includes(attempt.outcome)).length;
}

/** The clock starts when a link worker was chosen; failing a record of that, at acceptance or referral. */
function clockStart(referral: CurrentReferral) {
  if (referral.allocated_at) return { on: ukCalendarDate(referral.allocated_at), what: 'a link worker was chosen' };
  if (referral.decided_at) return { on: ukCalendarDate(referral.decided_at), what: 'the referral was accepted' };
  return { on: ukCalendarDate(referral.submitted_at), what: 'the referral was made' };
}

export function presentNextAttempt(referral: CurrentReferral, attempts: readonly ContactAttemptRow[], policy: ContactPolicy, today: string) {
  const start = clockStart(referral);
  const made = unsuccessfulCount(attempts);
  const last = attempts.at(-1);
  const next = nextAttempt({ policy, startedOn: start.on, attemptsMade: made, lastAttemptOn: last && ukCalendarDate(last.attempted_at), today });
  const countedFrom = `Attempts are counted from ${longDate(start.on)}, when ${start.what}.`;
  if (!next) {
    return {
      heading: `All ${policy.attempts} attempts made`,
      text: `If the next try does not reach them, the case will close as “unable to contact”. ${countedFrom}`,
      tag: DUE_TAGS.due_today,
      isLast: true,
    };
  }
  const due = longDate(next.dueOn);
  const when = {
    not_due_yet: `Make this attempt by ${due}.`,
    due_today: `Make this attempt today, ${due}.`,
    overdue:
      next.workingDaysLate > 0
        ? `This attempt was due by ${due}. It is ${workingDays(next.workingDaysLate)} overdue.`
        : `This attempt was due by ${due}. Make it as soon as you can.`,
  }[next.status];
  return {
    heading: `Attempt ${next.number} of ${next.of}`,
    text: `${when} ${countedFrom}`,
    tag: DUE_TAGS[next.status],
    dueOn: due,
    isLast: next.number === next.of,
  };
}

export function presentFirstContact(referral: CurrentReferral, targetWorkingDays: number) {
  if (!referral.first_contact_at) return undefined;
  const result = firstContactAgainstTarget(ukCalendarDate(referral.submitted_at), ukCalendarDate(referral.first_contact_at), targetWorkingDays);
  return {
    on: referral.first_contact_at,
    after: `${workingDays(result.workingDays)} after the referral`,
    target: `${workingDays(result.targetWorkingDays)}`,
    tag: result.met ? { text: 'Target met', colour: 'green' } : { text: `Target missed by ${workingDays(result.missedBy)}`, colour: 'red' },
  };
}

export function presentTimeline(events: readonly TimelineEvent[]) {
  return events.map((event) => ({
    at: event.at,
    summary: event.summary,
    who: event.actor_name ?? 'Not a member of staff',
    code: event.snomed_code
      ? `SNOMED CT ${event.snomed_code}${SNOMED_MEANINGS[event.snomed_code] ? `: ${SNOMED_MEANINGS[event.snomed_code]}` : ''}`
      : 'None',
  }));
}

/** Query-string keys the contact form redirects with, one for each thing logging can lead to. */
export const NOTICE_KEYS = {
  logged: 'attempt-logged',
  contact_made: 'contact-made',
  declined: 'declined',
  unable_to_contact: 'unable-to-contact',
} as const;

interface NoticeContext {
  referral: CurrentReferral;
  attempts: readonly ContactAttemptRow[];
  policy: ContactPolicy;
  next: { heading: string; dueOn?: string } | undefined;
  sendsEmail: boolean;
}

function whatTheReferrerHears({ referral, sendsEmail }: NoticeContext): string {
  if (!referrerWillBeTold(referral)) return 'The referrer asked not to get updates, so they have not been told.';
  return sendsEmail
    ? `We have emailed the referrer to let them know (referral ${referral.reference}).`
    : `A message to the referrer (referral ${referral.reference}) is waiting in the outbox for an administrator to pass on.`;
}

/** The confirmation shown on the record after an attempt is logged, in the words of what happened. */
export function presentNotice(key: unknown, context: NoticeContext): { title: string; text: string } | undefined {
  const made = unsuccessfulCount(context.attempts);
  switch (key) {
    case NOTICE_KEYS.logged:
      return {
        title: 'Attempt logged',
        text: `Attempt ${made} of ${context.policy.attempts} is logged.${context.next?.dueOn ? ` The next attempt is due by ${context.next.dueOn}.` : ''}`,
      };
    case NOTICE_KEYS.contact_made:
      return { title: 'First contact made', text: `They are now in support. ${whatTheReferrerHears(context)}` };
    case NOTICE_KEYS.declined:
      return { title: 'Case closed', text: `They chose not to go ahead, so the referral is closed. ${whatTheReferrerHears(context)}` };
    case NOTICE_KEYS.unable_to_contact:
      return {
        title: 'Case closed: unable to contact',
        text: `We tried ${times(made)} without making contact, which is our scheme’s limit, so the referral is now closed as “unable to contact”. ${whatTheReferrerHears(context)}`,
      };
    default:
      return undefined;
  }
}

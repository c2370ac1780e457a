import type { CallerTransaction } from '../platform/db/caller-data.ts';
import type { Messenger } from '../platform/outbox/messenger.ts';
import { CONTACT_METHODS, CONTACT_OUTCOMES, SNOMED } from '../domain/codes.ts';
import { findYoungPerson } from '../young-people/index.ts';
import {
  closeReferral,
  contactAttemptsOf,
  contactSettings,
  currentReferralOf,
  markFirstContact,
  recordAttempt,
  setStage,
  type CurrentReferral,
} from './queries.ts';
import { tellReferrer } from './referrer-messages.ts';
import { recordReferralEvent as recordEvent } from '../referrals/index.ts';
import { closeEpisode } from '../domain/episodes.ts';
import { ukCalendarDate } from '../domain/working-days.ts';
import { UNSUCCESSFUL_OUTCOMES, type ContactAttemptInput } from './schemas.ts';

/** What logging an attempt led to; the record page confirms each in its own words. */
export type AttemptResult = 'logged' | 'contact_made' | 'declined' | 'unable_to_contact';

export type LogAttemptOutcome =
  | { kind: 'not_found' }
  /** The case has moved on (contact made or closed) since the form was opened. */
  | { kind: 'not_making_contact' }
  | { kind: 'logged'; result: AttemptResult };

const ACTION = 'log_contact';

/** The young person and the referral contact is being made for, when contact is still being made. */
export async function contactCase(tx: CallerTransaction, youngPersonId: string, action: string, lock = false) {
  const person = await findYoungPerson(tx, youngPersonId, action);
  if (!person) return { kind: 'not_found' } as const;
  const referral = await currentReferralOf(tx, youngPersonId, action, lock);
  if (!referral || person.stage !== 'making_contact' || referral.status !== 'accepted') return { kind: 'not_making_contact' } as const;
  return { kind: 'making_contact', person, referral } as const;
}

/**
 * Logs one contact attempt and everything that follows from it, in the caller's transaction:
 * first contact moves the young person into support; a refusal, or the last allowed attempt
 * without contact, closes the case. The referrer is told when they asked for updates.
 */
export async function logContactAttempt(tx: CallerTransaction, messenger: Messenger, youngPersonId: string, input: ContactAttemptInput): Promise<LogAttemptOutcome> {
  const found = await contactCase(tx, youngPersonId, ACTION, true);
  if (found.kind !== 'making_contact') return found;
  const { referral } = found;
  const settings = await contactSettings(tx);
  const earlier = await contactAttemptsOf(tx, referral.id, ACTION);
  await recordAttempt(tx, { referralId: referral.id, youngPersonId, ...input });
  const event = { referralId: referral.id, youngPersonId };

  if (input.outcome === 'made_contact') {
    const first = await markFirstContact(tx, referral.id, new Date());
    await setStage(tx, youngPersonId, 'in_support');
    if (!first) return logged('contact_made');
    await recordEvent(tx, { ...event, kind: 'first_contact', summary: 'First contact made' });
    await tellReferrer(tx, messenger, referral, settings.schemeName, { kind: 'first_contact' });
    return logged('contact_made');
  }

  if (input.outcome === 'declined') {
    await close(tx, referral, youngPersonId, 'declined_by_young_person');
    await recordEvent(tx, {
      ...event,
      // 'closed' is the kind the referrer's tracking page knows; the code says why.
      kind: 'closed',
      summary: 'Closed: the young person chose not to go ahead',
      snomedCode: SNOMED.socialPrescribingDeclined,
    });
    await tellReferrer(tx, messenger, referral, settings.schemeName, { kind: 'declined' });
    return logged('declined');
  }

  const unsuccessful = [...earlier, input].filter((attempt) => UNSUCCESSFUL_OUTCOMES.includes(attempt.outcome));
  await recordEvent(tx, {
    ...event,
    kind: 'contact_attempt',
    summary: `Contact attempt ${unsuccessful.length} of ${settings.policy.attempts}: ${CONTACT_METHODS[input.method].toLowerCase()}, ${CONTACT_OUTCOMES[input.outcome].toLowerCase()}`,
  });
  if (unsuccessful.length < settings.policy.attempts) return logged('logged');
  await close(tx, referral, youngPersonId, 'unable_to_contact');
  await recordEvent(tx, { ...event, kind: 'closed', summary: 'Closed: unable to contact' });
  const update = { kind: 'unable_to_contact', attempts: unsuccessful.length, methods: unsuccessful.map((attempt) => attempt.method) } as const;
  await tellReferrer(tx, messenger, referral, settings.schemeName, update);
  return logged('unable_to_contact');
}

async function close(tx: CallerTransaction, referral: CurrentReferral, youngPersonId: string, reason: 'declined_by_young_person' | 'unable_to_contact') {
  await closeReferral(tx, referral.id, reason);
  await setStage(tx, youngPersonId, 'closed');
  await closeEpisode(tx, youngPersonId, {
    reason: reason === 'unable_to_contact' ? 'unable_to_contact' : 'declined_support',
    closedOn: ukCalendarDate(new Date()),
  });
}

function logged(result: AttemptResult): LogAttemptOutcome {
  return { kind: 'logged', result };
}

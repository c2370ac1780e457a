import type { CallerTransaction } from '../platform/db/caller-data.ts';
import type { Stage } from '../platform/db/schema.ts';
import { contactAttemptsOf, contactSettings, currentReferralOf, timelineOf, type ContactAttemptRow, type CurrentReferral, type SchemeContactSettings, type TimelineEvent } from './queries.ts';
import { presentAttempts, presentFirstContact, presentNextAttempt, presentNotice, presentPolicy, presentTimeline } from './presenters.ts';
import { ukCalendarDate } from '../domain/working-days.ts';

export interface ContactRecord {
  stage: Stage;
  referral: CurrentReferral | undefined;
  attempts: ContactAttemptRow[];
  timeline: TimelineEvent[];
  settings: SchemeContactSettings;
}

/** What the young person's record needs for its contact and timeline sections. */
export async function contactRecordOf(tx: CallerTransaction, person: { id: string; stage: Stage }): Promise<ContactRecord> {
  const referral = await currentReferralOf(tx, person.id, 'view');
  return {
    stage: person.stage,
    referral,
    attempts: referral ? await contactAttemptsOf(tx, referral.id, 'view') : [],
    timeline: await timelineOf(tx, person.id),
    settings: await contactSettings(tx),
  };
}

/** The record page's contact and timeline sections, ready to lay out. */
export function presentContactRecord(record: ContactRecord, options: { youngPersonId: string; notice?: unknown; sendsEmail: boolean; now?: Date }) {
  const { referral, attempts, settings, stage } = record;
  const today = ukCalendarDate(options.now ?? new Date());
  const makingContact = stage === 'making_contact' && referral?.status === 'accepted';
  const next = makingContact && referral ? presentNextAttempt(referral, attempts, settings.policy, today) : undefined;
  return {
    contact: {
      show: makingContact || attempts.length > 0,
      makingContact,
      logHref: `/young-people/${options.youngPersonId}/contact-attempts/new`,
      policy: presentPolicy(settings.policy),
      attempts: presentAttempts(attempts),
      next,
    },
    firstContact: referral ? presentFirstContact(referral, settings.firstContactTargetWorkingDays) : undefined,
    timeline: presentTimeline(record.timeline),
    contactNotice: referral ? presentNotice(options.notice, { referral, attempts, policy: settings.policy, next, sendsEmail: options.sendsEmail }) : undefined,
  };
}

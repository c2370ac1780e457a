import type { Updateable } from 'kysely';
import type { CallerTransaction } from '../platform/db/caller-data.ts';
import type { ReferralsTable } from '../platform/db/tables/referrals.ts';
import { youngPersonRow } from '../platform/db/caller-data.ts';
import type { Stage } from '../platform/db/schema.ts';
import type { Messenger } from '../platform/outbox/messenger.ts';
import { NotFoundError } from '../platform/http/errors.ts';
import { SNOMED } from '../domain/codes.ts';
import { recordReferralEvent as recordEvent } from '../referrals/index.ts';
import { answerAt } from './answers.ts';
import { findReferral, OPEN_FOR_TRIAGE, schemeSettings, type ReferralDetails } from './queries.ts';
import { ukCalendarDate } from '../domain/working-days.ts';
import { openEpisode } from '../domain/episodes.ts';
import { NEW_RECORD, NO_REDIRECT, type DeclineDecision } from './schemas.ts';

/** Someone else decided this referral between our reading it and saving: nothing is changed. */
export class AlreadyDecided extends Error {}

/** A red referral is accepted only after a manager has acknowledged its red rating. */
export class RedNotAcknowledged extends Error {}

/** Stages in which a young person's episode of support is still going. */
const OPEN_EPISODE: readonly Stage[] = ['waiting_for_allocation', 'making_contact', 'in_support'];

async function openReferral(tx: CallerTransaction, id: string): Promise<ReferralDetails> {
  const referral = await findReferral(tx, id, 'decide');
  if (!referral) throw new NotFoundError();
  if (!(OPEN_FOR_TRIAGE as readonly string[]).includes(referral.status)) throw new AlreadyDecided();
  return referral;
}


/** Changes an open referral's status; a referral decided meanwhile rolls the whole decision back. */
async function decide(tx: CallerTransaction, id: string, changes: Updateable<ReferralsTable>) {
  const result = await tx.changePersonal((db) =>
    db
      .updateTable('referrals')
      .set({ ...changes, updated_at: new Date() })
      .where('id', '=', id)
      .where('status', 'in', OPEN_FOR_TRIAGE)
      .executeTakeFirst(),
  );
  if (result.numUpdatedRows === 0n) throw new AlreadyDecided();
}

/** Referrers are told only when they asked to be and left an email address. */
function referrerAddress(referral: ReferralDetails): string | undefined {
  return referral.referrer_wants_updates && referral.referrer_email ? referral.referrer_email : undefined;
}

/** Records the triage decision's message to the referrer, when they asked for updates. */
async function tellReferrer(
  tx: CallerTransaction,
  messenger: Messenger,
  referral: ReferralDetails,
  message: { subject: string; template: string; data?: Record<string, unknown> },
): Promise<void> {
  const to = referrerAddress(referral);
  if (!to) return;
  const { scheme_name } = await schemeSettings(tx);
  await messenger.record(tx, {
    referralId: referral.id,
    to,
    subject: `Referral ${referral.reference}: ${message.subject}`,
    template: message.template,
    data: { reference: referral.reference, schemeName: scheme_name, ...message.data },
  });
}

const textAnswer = (answers: Record<string, unknown>, path: string) => {
  const value = answerAt(answers, path);
  return typeof value === 'string' && value.trim() ? value.trim() : null;
};

async function createYoungPersonFrom(tx: CallerTransaction, referral: ReferralDetails): Promise<string> {
  const row = await tx.changePersonal((db) =>
    db
      .insertInto('young_people')
      .values({
        org_id: tx.caller.orgId,
        given_name: referral.given_name,
        family_name: referral.family_name,
        preferred_name: referral.preferred_name,
        date_of_birth: referral.date_of_birth,
        postcode: referral.postcode,
        pronouns: textAnswer(referral.answers, 'pronouns'),
        phone: textAnswer(referral.answers, 'contact.phone'),
        email: textAnswer(referral.answers, 'contact.email'),
        stage: 'waiting_for_allocation',
        referred_on: ukCalendarDate(referral.submitted_at),
      })
      .returning('id')
      .executeTakeFirstOrThrow(),
  );
  return row.id;
}

/**
 * Links the referral to a known young person. If their last episode has ended, this one starts a
 * new episode and they wait for allocation again; if they are still being supported, nothing about
 * their support changes and no new episode begins.
 */
async function linkToYoungPerson(tx: CallerTransaction, referral: ReferralDetails, youngPersonId: string): Promise<boolean> {
  const person = await tx.readOnePersonal({ action: 'view', recordType: 'young_people', identify: youngPersonRow }, (db) =>
    db.selectFrom('young_people').select(['id', 'stage']).where('id', '=', youngPersonId).executeTakeFirst(),
  );
  if (!person) throw new NotFoundError();
  if (OPEN_EPISODE.includes(person.stage)) return false;
  await tx.changePersonal((db) =>
    db
      .updateTable('young_people')
      .set({ stage: 'waiting_for_allocation', allocated_worker_id: null, referred_on: ukCalendarDate(referral.submitted_at), updated_at: new Date() })
      .where('id', '=', youngPersonId)
      .execute(),
  );
  return true;
}

export async function acceptReferral(tx: CallerTransaction, messenger: Messenger, id: string, youngPerson: string): Promise<void> {
  const referral = await openReferral(tx, id);
  if (referral.rating === 'red' && !referral.red_acknowledged_at) throw new RedNotAcknowledged();
  const created = youngPerson === NEW_RECORD;
  const youngPersonId = created ? await createYoungPersonFrom(tx, referral) : youngPerson;
  const newEpisode = created || (await linkToYoungPerson(tx, referral, youngPersonId));
  if (newEpisode) await openEpisode(tx, youngPersonId, id, ukCalendarDate(new Date()));
  await decide(tx, id, { status: 'accepted', decided_at: new Date(), young_person_id: youngPersonId });
  await recordEvent(tx, {
    referralId: id,
    youngPersonId,
    kind: 'accepted',
    // The SNOMED code marks the first interaction of an episode only.
    snomedCode: newEpisode ? SNOMED.referredToSocialPrescribing : null,
    summary: created
      ? 'Referral accepted. A new record was created.'
      : newEpisode
        ? 'Referral accepted and linked to their existing record, as a new episode of support.'
        : 'Referral accepted and linked to their existing record. They are already being supported.',
  });
  await tellReferrer(tx, messenger, referral, { subject: 'accepted', template: 'triage/messages/accepted.txt.njk' });
}

export async function markForDiscussion(tx: CallerTransaction, id: string): Promise<void> {
  const referral = await openReferral(tx, id);
  if (referral.status === 'discuss') return;
  await decide(tx, id, { status: 'discuss' });
  await recordEvent(tx, { referralId: id, youngPersonId: referral.young_person_id, kind: 'discussed', summary: 'To be discussed at the allocation meeting.' });
}

export async function declineReferral(tx: CallerTransaction, messenger: Messenger, id: string, decision: DeclineDecision): Promise<void> {
  const referral = await openReferral(tx, id);
  const service =
    decision.redirectService === NO_REDIRECT
      ? undefined
      : await tx.db
          .selectFrom('redirect_services')
          .select(['id', 'name', 'when_to_use', 'how_to_refer', 'link_url', 'email', 'form_file_name'])
          .where('id', '=', decision.redirectService)
          .where('active', '=', true)
          .executeTakeFirst();
  if (decision.redirectService !== NO_REDIRECT && !service) throw new NotFoundError();
  await decide(tx, id, { status: 'declined', decided_at: new Date(), decline_reason: decision.reason, decline_category: decision.category, redirect_service_id: service?.id ?? null });
  await recordEvent(tx, {
    referralId: id,
    youngPersonId: referral.young_person_id,
    kind: 'declined',
    summary: `Declined: ${decision.reason}${service ? ` Suggested instead: ${service.name}.` : ''}`,
  });
  await tellReferrer(tx, messenger, referral, {
    subject: 'we are not the right service',
    template: 'triage/messages/declined.txt.njk',
    data: { reason: decision.reason, service },
  });
}

/** Records that a manager has seen a red referral; it then leaves the dashboard's alerts. */
export async function acknowledgeRed(tx: CallerTransaction, id: string): Promise<void> {
  const referral = await findReferral(tx, id, 'acknowledge');
  if (!referral || referral.rating !== 'red') throw new NotFoundError();
  if (referral.red_acknowledged_at) return;
  await tx.changePersonal((db) =>
    db
      .updateTable('referrals')
      .set({ red_acknowledged_at: new Date(), red_acknowledged_by: tx.caller.userId, updated_at: new Date() })
      .where('id', '=', id)
      .where('red_acknowledged_at', 'is', null)
      .execute(),
  );
  await recordEvent(tx, { referralId: id, youngPersonId: referral.young_person_id, kind: 'red_acknowledged', summary: 'Red rating seen and acknowledged by a manager.' });
}

import type { CallerTransaction } from '../platform/db/caller-data.ts';
import type { Messenger } from '../platform/outbox/messenger.ts';
import { closeEpisode, currentEpisode } from '../domain/episodes.ts';
import { mayShareWith } from '../consent/index.ts';
import { contactSettings, setStage } from '../contact/index.ts';
import { referrerWillBeTold } from '../contact/index.ts';
import { ukCalendarDate } from '../domain/working-days.ts';
import { recordReferralEvent } from '../referrals/index.ts';
import { findYoungPerson } from '../young-people/index.ts';
import { closeReferralOnDischarge, referralOfEpisode, type EpisodeReferral } from './queries.ts';
import { REASON_FOR_REFERRER, REASON_LABELS, type ReferrerOutcome } from './presenters.ts';
import type { DischargeInput } from './schemas.ts';

const ACTION = 'discharge';

/** The young person, their open episode and its referral; not_found when the caller may not see them. */
export async function dischargeCase(tx: CallerTransaction, youngPersonId: string, action: string) {
  const person = await findYoungPerson(tx, youngPersonId, action);
  if (!person) return { kind: 'not_found' } as const;
  const episode = await currentEpisode(tx, youngPersonId, action);
  if (!episode) return { kind: 'no_open_episode', person } as const;
  const referral = await referralOfEpisode(tx, youngPersonId, episode.referral_id, action);
  return { kind: 'open', person, episode, referral } as const;
}

/** Whether the referrer hears that support ended: consent comes first, then what the referrer asked for. */
export async function referrerOutcome(tx: CallerTransaction, youngPersonId: string, referral: EpisodeReferral | undefined): Promise<ReferrerOutcome> {
  if (!referral) return 'no_referral';
  if (!(await mayShareWith(tx, youngPersonId, 'referrer'))) return 'no_consent';
  return referrerWillBeTold(referral) ? 'told' : 'no_updates';
}

export type DischargeOutcome =
  | { kind: 'not_found' }
  /** Support had already ended, perhaps discharged by someone else since the form was opened. */
  | { kind: 'no_open_episode' }
  | { kind: 'discharged'; referrer: ReferrerOutcome };

/**
 * Ends the young person's support, in the caller's transaction: the episode closes with its
 * reason and summary, the record and the referral close, the referral's timeline says so, and
 * the referrer is told only when the young person agreed to share with them.
 */
export async function dischargeYoungPerson(tx: CallerTransaction, messenger: Messenger, youngPersonId: string, input: DischargeInput): Promise<DischargeOutcome> {
  const found = await dischargeCase(tx, youngPersonId, ACTION);
  if (found.kind !== 'open') return { kind: found.kind };
  const { referral } = found;
  // Decided before the episode closes, while its consent is still the one in force.
  const referrer = await referrerOutcome(tx, youngPersonId, referral);
  const closed = await closeEpisode(tx, youngPersonId, {
    reason: input.reason,
    reasonOther: input.reasonOther || null,
    closingSummary: input.closingSummary,
    finalMeasuresNote: input.finalMeasuresNote || null,
    closedOn: ukCalendarDate(new Date()),
  });
  if (!closed) return { kind: 'no_open_episode' };
  await setStage(tx, youngPersonId, 'closed');
  if (!referral) return { kind: 'discharged', referrer };

  await closeReferralOnDischarge(tx, referral.id);
  await recordReferralEvent(tx, { referralId: referral.id, youngPersonId, kind: 'discharged', summary: `Support ended: ${REASON_LABELS[input.reason].toLowerCase()}` });
  if (referrer !== 'told') return { kind: 'discharged', referrer };
  const { schemeName } = await contactSettings(tx);
  await messenger.record(tx, {
    referralId: referral.id,
    to: referral.referrer_email!,
    subject: `Referral ${referral.reference}: support has ended`,
    template: 'discharge/messages/discharged.txt.njk',
    data: { reference: referral.reference, schemeName, reason: REASON_FOR_REFERRER[input.reason], self: referral.route === 'self' },
  });
  return { kind: 'discharged', referrer };
}

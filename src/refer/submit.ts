import { randomBytes, randomUUID } from 'node:crypto';
import { addDays } from 'date-fns';
import type { CallerTransaction } from '../platform/db/caller-data.ts';
import type { ReferralRoute, ReferrerType } from '../platform/db/tables/referrals.ts';
import { hashToken, randomToken } from '../platform/auth/tokens.ts';
import type { Messenger } from '../platform/outbox/messenger.ts';
import { rateReferral } from '../referrals/index.ts';
import { findDraft, markSent } from './drafts.ts';
import { schemeSettings, type PublicScheme } from './schemes.ts';
import { ageToday, progressOf, type CheckedAnswers, type StepKey } from './steps.ts';

export const TRACKING_DAYS = 180;
// No 0/O or 1/I: references are read out over the phone and copied by hand.
const REFERENCE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const REFERENCE_ATTEMPTS = 5;

export function newReference(): string {
  // 32 symbols divide 256 evenly, so every symbol is equally likely.
  return 'LW-' + [...randomBytes(8)].map((byte) => REFERENCE_ALPHABET[byte % REFERENCE_ALPHABET.length]).join('');
}

export type Submission =
  | { outcome: 'sent'; reference: string; trackingToken: string }
  | { outcome: 'already_sent'; reference: string }
  | { outcome: 'incomplete'; step: StepKey | 'not-eligible' }
  | { outcome: 'no_draft' };

interface SubmitInput {
  tokenHash: string | undefined;
  scheme: PublicScheme;
  messenger: Messenger;
  trackingUrl: (token: string) => string;
  now?: Date;
}

/**
 * Turns the draft into a referral, once. The draft row is locked and marked sent in the same
 * transaction, so a second press of the button (or a second tab) finds it already sent and gets the
 * same reference rather than making a second referral.
 */
export async function submitReferral(tx: CallerTransaction, input: SubmitInput): Promise<Submission> {
  const now = input.now ?? new Date();
  const draft = await findDraft(tx, input.tokenHash, { lock: true });
  if (!draft) return { outcome: 'no_draft' };
  if (draft.answers.submittedReference) return { outcome: 'already_sent', reference: draft.answers.submittedReference };
  const settings = await schemeSettings(tx);
  const progress = progressOf(draft.answers, settings);
  if (progress.state === 'incomplete') return { outcome: 'incomplete', step: progress.step };
  if (progress.state === 'outside_age') return { outcome: 'incomplete', step: 'not-eligible' };

  const rules = await tx.db.selectFrom('streetlight_rules').select(['question', 'answer', 'rating', 'reason']).execute();
  const { route, checked } = progress;
  const risk = checked.risk as Record<string, string>;
  const rating = rateReferral(risk, rules);
  const person = checked['young-person'] as { givenName: string; familyName: string; preferredName: string; dateOfBirth: string; pronouns: string };
  const contact = checked.contact as { email: string; postcode: string; emailUpdates?: 'yes' | 'no' };
  const needs = checked.needs as { needs: string[] };
  const referrer = referrerFields(route, checked);
  const age = ageToday(person.dateOfBirth, now);
  const trackingToken = randomToken();
  const id = randomUUID();

  // The public caller may add a referral but not read one back, so the id is made here and a
  // clash of references is noticed from the count of rows added, then retried with a new one.
  // (Naming the conflict columns would need read access to referrals, which the public lacks.)
  let reference = '';
  for (let attempt = 0; attempt < REFERENCE_ATTEMPTS && !reference; attempt++) {
    const candidate = newReference();
    const added = await tx.changePersonal((db) =>
      db
        .insertInto('referrals')
        .values({
          id,
          org_id: tx.caller.orgId,
          reference: candidate,
          route,
          ...referrer,
          given_name: person.givenName,
          family_name: person.familyName,
          preferred_name: person.preferredName || null,
          date_of_birth: person.dateOfBirth,
          postcode: contact.postcode || null,
          answers: JSON.stringify(storedAnswers(checked)),
          needs: needs.needs,
          rating: rating.rating,
          rating_reasons: rating.reasons,
          eligible: true,
          eligibility_note: `Aged ${age} when referred; the scheme takes ages ${settings.minimumAge} to ${settings.maximumAge}`,
          tracking_token_hash: hashToken(trackingToken),
          tracking_expires_at: addDays(now, TRACKING_DAYS),
          submitted_at: now,
        })
        .onConflict((conflict) => conflict.doNothing())
        .executeTakeFirst(),
    );
    if (added.numInsertedOrUpdatedRows === 1n) reference = candidate;
  }
  if (!reference) throw new Error('Could not find an unused referral reference');

  await tx.changePersonal((db) =>
    db.insertInto('referral_events').values({ org_id: tx.caller.orgId, referral_id: id, kind: 'received', summary: 'Referral received', at: now }).execute(),
  );

  const updatesTo = referrer.referrer_wants_updates ? referrer.referrer_email : null;
  if (updatesTo) {
    await input.messenger.record(tx, {
      referralId: id,
      to: updatesTo,
      subject: `Referral ${reference} received by ${input.scheme.name}`,
      template: 'refer/messages/received.txt.njk',
      data: { reference, schemeName: input.scheme.name, whatHappensNext: settings.whatHappensNext, trackingUrl: input.trackingUrl(trackingToken), self: route === 'self' },
    });
  }
  await markSent(tx, draft.tokenHash, reference);
  return { outcome: 'sent', reference, trackingToken };
}

interface ReferrerFields {
  referrer_type: ReferrerType | null;
  referrer_organisation: string | null;
  referrer_name: string | null;
  referrer_email: string | null;
  referrer_phone: string | null;
  referrer_wants_updates: boolean;
}

/** Who to tell about progress: the professional, the parent or carer, or the young person themselves. */
function referrerFields(route: ReferralRoute, checked: CheckedAnswers): ReferrerFields {
  if (route === 'self') {
    const contact = checked.contact as { email: string; phone: string; emailUpdates: 'yes' | 'no' };
    return {
      referrer_type: null,
      referrer_organisation: null,
      referrer_name: null,
      referrer_email: contact.email || null,
      referrer_phone: contact.phone || null,
      referrer_wants_updates: contact.emailUpdates === 'yes',
    };
  }
  const about = (route === 'professional' ? checked.referrer : checked.parent) as { referrerType?: ReferrerType; organisation?: string; name: string; email: string; phone: string; wantsUpdates: 'yes' | 'no' };
  return {
    referrer_type: about.referrerType ?? null,
    referrer_organisation: about.organisation ?? null,
    referrer_name: about.name,
    referrer_email: about.email || null,
    referrer_phone: about.phone || null,
    referrer_wants_updates: about.wantsUpdates === 'yes',
  };
}

/** Everything the form captured beyond the referral's own columns, kept as answered for triage. */
function storedAnswers(checked: CheckedAnswers): Record<string, unknown> {
  const person = checked['young-person'] as { pronouns: string };
  return {
    pronouns: person.pronouns,
    contact: checked.contact,
    school: checked.school?.school,
    gpPractice: checked.gp?.gpPractice,
    equality: checked.equality,
    needsDetail: checked.needs?.needsDetail,
    whatMatters: checked['what-matters']?.whatMatters,
    agreement: checked.agreement ?? { knowsAboutReferral: 'yes', agreesToReferral: 'yes', selfReferral: true },
    risk: checked.risk,
    ...(checked.parent ? { parentCarer: { relationship: checked.parent.relationship } } : {}),
  };
}

import type { CallerTransaction } from '../platform/db/caller-data.ts';
import type { ContactMethod } from '../platform/db/tables/referrals.ts';
import type { Messenger } from '../platform/outbox/messenger.ts';
import type { CurrentReferral } from './queries.ts';

/** How each method reads in a sentence to a referrer: "(by phone, by letter and through their school or college)". */
const METHOD_PHRASES: Record<ContactMethod, string> = {
  phone: 'by phone',
  text: 'by text message',
  letter: 'by letter',
  email: 'by email',
  via_school: 'through their school or college',
  in_person: 'in person',
};

export function methodsPhrase(methods: readonly ContactMethod[]): string {
  const phrases = [...new Set(methods)].map((method) => METHOD_PHRASES[method]);
  return phrases.length <= 1 ? (phrases[0] ?? '') : `${phrases.slice(0, -1).join(', ')} and ${phrases.at(-1)}`;
}

type Update =
  | { kind: 'first_contact' }
  | { kind: 'declined' }
  | { kind: 'unable_to_contact'; attempts: number; methods: readonly ContactMethod[] };

const SUBJECTS: Record<Update['kind'], (reference: string) => string> = {
  first_contact: (reference) => `Referral ${reference}: first contact made`,
  declined: (reference) => `Referral ${reference}: closed`,
  unable_to_contact: (reference) => `Referral ${reference}: closed, we could not reach the young person`,
};

const TEMPLATES: Record<Update['kind'], string> = {
  first_contact: 'contact/messages/first-contact.txt.njk',
  declined: 'contact/messages/declined.txt.njk',
  unable_to_contact: 'contact/messages/unable-to-contact.txt.njk',
};

export function referrerWillBeTold(referral: Pick<CurrentReferral, 'referrer_email' | 'referrer_wants_updates'>): boolean {
  return referral.referrer_wants_updates && Boolean(referral.referrer_email);
}

/**
 * Records a message to the referrer, if they asked for updates. Messages carry the reference and
 * the scheme's name only: never the young person's name or anything said during contact.
 */
export async function tellReferrer(tx: CallerTransaction, messenger: Messenger, referral: CurrentReferral, schemeName: string, update: Update): Promise<void> {
  if (!referrerWillBeTold(referral)) return;
  // A young person who referred themselves is the one being told: spoken to as "you".
  const data: Record<string, unknown> = { reference: referral.reference, schemeName, self: referral.route === 'self' };
  if (update.kind === 'unable_to_contact') {
    data.attempts = update.attempts;
    data.methods = methodsPhrase(update.methods);
  }
  await messenger.record(tx, {
    referralId: referral.id,
    to: referral.referrer_email!,
    subject: SUBJECTS[update.kind](referral.reference),
    template: TEMPLATES[update.kind],
    data,
  });
}

/**
 * How strongly a known young person or another referral looks like this referral's young person.
 * Every candidate already shares the date of birth (the database finds them by it); the rest says
 * how much more they share, so the likeliest is offered first and the manager sees why each is there.
 */

export interface Described {
  given_name: string;
  family_name: string;
  date_of_birth: string;
  postcode: string | null;
  phone: string | null;
  email: string | null;
}

export type MatchReason = 'name' | 'first_name' | 'last_name' | 'date_of_birth' | 'postcode' | 'contact';

export const MATCH_REASON_LABELS: Record<MatchReason, string> = {
  name: 'Same name',
  first_name: 'Same first name',
  last_name: 'Same last name',
  date_of_birth: 'Same date of birth',
  postcode: 'Same postcode',
  contact: 'Same phone or email',
};

/** A full name says most; a shared surname or postcode alone could be a brother or sister. */
const WEIGHTS: Record<MatchReason, number> = { name: 6, first_name: 3, last_name: 2, date_of_birth: 1, postcode: 2, contact: 4 };

const word = (value: string | null) => (value ?? '').trim().toLowerCase();
export const postcodeKey = (value: string | null) => (value ?? '').replace(/\s+/g, '').toUpperCase();
const phoneKey = (value: string | null) => (value ?? '').replace(/[^\d]/g, '');

function sameNonEmpty(a: string, b: string): boolean {
  return a !== '' && a === b;
}

export function matchReasons(referral: Described, candidate: Described): MatchReason[] {
  const reasons: MatchReason[] = [];
  const sameGiven = sameNonEmpty(word(referral.given_name), word(candidate.given_name));
  const sameFamily = sameNonEmpty(word(referral.family_name), word(candidate.family_name));
  if (sameGiven && sameFamily) reasons.push('name');
  else if (sameGiven) reasons.push('first_name');
  else if (sameFamily) reasons.push('last_name');
  if (referral.date_of_birth === candidate.date_of_birth) reasons.push('date_of_birth');
  if (sameNonEmpty(postcodeKey(referral.postcode), postcodeKey(candidate.postcode))) reasons.push('postcode');
  const samePhone = sameNonEmpty(phoneKey(referral.phone), phoneKey(candidate.phone));
  const sameEmail = sameNonEmpty(word(referral.email), word(candidate.email));
  if (samePhone || sameEmail) reasons.push('contact');
  return reasons;
}

export interface Ranked<Row> {
  row: Row;
  reasons: MatchReason[];
  strength: number;
}

/** Strongest first; equally strong ones keep the order they came in (the most recent first). */
export function rankMatches<Row extends Described>(referral: Described, candidates: readonly Row[]): Ranked<Row>[] {
  return candidates
    .map((row) => {
      const reasons = matchReasons(referral, row);
      return { row, reasons, strength: reasons.reduce((total, reason) => total + WEIGHTS[reason], 0) };
    })
    .sort((a, b) => b.strength - a.strength);
}

export function reasonsText(reasons: readonly MatchReason[]): string {
  return reasons.map((reason) => MATCH_REASON_LABELS[reason]).join(', ');
}

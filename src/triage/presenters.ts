import { differenceInCalendarDays } from 'date-fns';
import type { Rating, ReferralRoute } from '../platform/db/tables/referrals.ts';
import { RATING_LABELS, REFERRER_TYPES } from '../domain/codes.ts';
import { ageOn } from '../young-people/index.ts';
import { ukCalendarDate } from '../domain/working-days.ts';

/** Triage reads red first, then amber: the order the streetlight asks for attention. */
export const RATING_PRIORITY: Record<Rating, number> = { red: 0, amber: 1, green: 2 };

const RATING_TAG_COLOURS: Record<Rating, string> = { red: 'red', amber: 'orange', green: 'green' };

export function ratingTag(rating: Rating): { text: string; colour: string } {
  return { text: RATING_LABELS[rating], colour: RATING_TAG_COLOURS[rating] };
}

/** Short route names for tables; codes.ts has the long ones the public forms use. */
export const ROUTE_SHORT_LABELS: Record<ReferralRoute, string> = {
  professional: 'Professional',
  parent_carer: 'Parent or carer',
  self: 'Self-referral',
};

export function referredBy(referral: { route: ReferralRoute; referrer_type: string | null; referrer_organisation: string | null }): string {
  const parts: string[] = [ROUTE_SHORT_LABELS[referral.route]];
  if (referral.referrer_type && referral.referrer_type in REFERRER_TYPES) parts.push(REFERRER_TYPES[referral.referrer_type as keyof typeof REFERRER_TYPES]);
  if (referral.referrer_organisation) parts.push(referral.referrer_organisation);
  return parts.join(', ');
}

export function daysWaiting(since: Date, now = new Date()): number {
  return Math.max(0, differenceInCalendarDays(now, since));
}

export function waitingText(days: number): string {
  if (days === 0) return 'Today';
  return days === 1 ? '1 day' : `${days} days`;
}

export interface AgeRange {
  minimum_age: number;
  maximum_age: number;
}

/** Age is the one criterion Linkway can check; inclusion and exclusion criteria are for the manager to judge. */
export function eligibility(dateOfBirth: string, range: AgeRange, now = new Date()) {
  const age = ageOn(dateOfBirth, now);
  const withinAge = age >= range.minimum_age && age <= range.maximum_age;
  return {
    age,
    withinAge,
    text: withinAge ? `Age ${age}: within ${range.minimum_age} to ${range.maximum_age}` : `Age ${age}: outside ${range.minimum_age} to ${range.maximum_age}`,
  };
}

/** Midnight at the start of today in the UK (GMT or BST), for "acknowledged today". */
export function startOfUkDay(now = new Date()): Date {
  const utcMidnight = new Date(`${ukCalendarDate(now)}T00:00:00Z`);
  const ukHourAtUtcMidnight = Number(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', hourCycle: 'h23' }).format(utcMidnight),
  );
  return new Date(utcMidnight.getTime() - ukHourAtUtcMidnight * 3_600_000);
}

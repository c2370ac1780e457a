/**
 * How long a scheme keeps a young person's record after their support ends. Everything works on
 * UK calendar dates ('YYYY-MM-DD'), so the answer does not depend on the server's time zone.
 */

export type CalendarDate = string;

export interface RetentionPolicy {
  /** Years kept after the last episode of support closed. */
  yearsAfterDischarge: number;
  /** Kept at least until this birthday, when that is later. */
  untilAge: number;
}

/** The scheme_settings column defaults (migrations/0007_casework.sql). */
export const DEFAULT_POLICY: RetentionPolicy = { yearsAfterDischarge: 8, untilAge: 25 };

/**
 * The date `years` whole years after `date`. A 29 February lands on 1 March in a year without one:
 * the later of the two possible days, so a record is never anonymised a day early (and a person
 * born on 29 February reaches an age on 1 March in law in England and Wales).
 */
export function yearsAfter(date: CalendarDate, years: number): CalendarDate {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const moved = new Date(Date.UTC(year + years, month - 1, day));
  return moved.toISOString().slice(0, 10);
}

/**
 * The last day the record is kept: the later of the years after discharge and the until-age
 * birthday. On any day after it, the record is due for anonymisation.
 */
export function retainUntil(dateOfBirth: CalendarDate, lastClosedOn: CalendarDate, policy: RetentionPolicy): CalendarDate {
  const afterDischarge = yearsAfter(lastClosedOn, policy.yearsAfterDischarge);
  const birthday = yearsAfter(dateOfBirth, policy.untilAge);
  return afterDischarge > birthday ? afterDischarge : birthday;
}

export function isDueForAnonymising(today: CalendarDate, dateOfBirth: CalendarDate, lastClosedOn: CalendarDate, policy: RetentionPolicy): boolean {
  return today > retainUntil(dateOfBirth, lastClosedOn, policy);
}

/** 21 → '21st', 25 → '25th', 12 → '12th'. */
export function ordinal(value: number): string {
  const teen = value % 100 >= 11 && value % 100 <= 13;
  const suffix = teen ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[value % 10] ?? 'th';
  return `${value}${suffix}`;
}

/** The policy in a phrase: '8 years after support ends, or until their 25th birthday if that is later'. */
export function policyInWords(policy: RetentionPolicy): string {
  return `${policy.yearsAfterDischarge} ${policy.yearsAfterDischarge === 1 ? 'year' : 'years'} after support ends, or until their ${ordinal(policy.untilAge)} birthday if that is later`;
}

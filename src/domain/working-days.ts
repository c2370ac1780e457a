import { addBusinessDays, differenceInBusinessDays, format, isWeekend, parse } from 'date-fns';

/**
 * Working-day arithmetic for contact attempts. Everything works on calendar dates ('YYYY-MM-DD')
 * in UK time, so the answer does not depend on the server's time zone or the time of day.
 * Working days are Monday to Friday; bank holidays are not known here.
 */

export type CalendarDate = string;

const ukDateParts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The UK calendar date a moment falls on. */
export function ukCalendarDate(at: Date): CalendarDate {
  return ukDateParts.format(at);
}

function toDate(day: CalendarDate): Date {
  return parse(day, 'yyyy-MM-dd', new Date(2000, 0, 1));
}

function toCalendarDate(date: Date): CalendarDate {
  return format(date, 'yyyy-MM-dd');
}

/** How many working days after `from` the day `to` is (Friday to Monday is 1). */
export function workingDaysBetween(from: CalendarDate, to: CalendarDate): number {
  return differenceInBusinessDays(toDate(to), toDate(from));
}

export function addWorkingDays(day: CalendarDate, days: number): CalendarDate {
  return toCalendarDate(addBusinessDays(toDate(day), days));
}

/** A referral allocated at the weekend starts its clock on the Monday. */
export function firstWorkingDayFrom(day: CalendarDate): CalendarDate {
  const date = toDate(day);
  return isWeekend(date) ? toCalendarDate(addBusinessDays(date, 1)) : day;
}

/** "Tuesday 10 June 2025": plain enough to read aloud. */
export function longDate(day: CalendarDate): string {
  return format(toDate(day), 'EEEE d MMMM yyyy');
}

export interface ContactPolicy {
  /** How many tries the scheme makes before closing as "unable to contact". */
  attempts: number;
  windowWorkingDays: number;
}

/**
 * Attempts are spread evenly over the window: the first on the day the clock starts, the last on
 * the window's final working day, the rest in between (rounded to whole working days).
 */
export function scheduledOffset(attemptNumber: number, policy: ContactPolicy): number {
  if (policy.attempts <= 1) return 0;
  return Math.round(((attemptNumber - 1) * policy.windowWorkingDays) / (policy.attempts - 1));
}

export type DueStatus = 'not_due_yet' | 'due_today' | 'overdue';

export interface NextAttempt {
  number: number;
  of: number;
  dueOn: CalendarDate;
  status: DueStatus;
  /** Working days past the due date; 0 unless overdue. */
  workingDaysLate: number;
}

export interface ScheduleInput {
  policy: ContactPolicy;
  /** When the clock started: the referral's allocation date, or its submission date. */
  startedOn: CalendarDate;
  attemptsMade: number;
  lastAttemptOn?: CalendarDate | undefined;
  today: CalendarDate;
}

/**
 * The next attempt and when it is due, or undefined when every allowed attempt has been made.
 * An attempt is never due on the same day as the previous one: trying twice in one day is not
 * spreading the attempts out, so a late attempt pushes the next to the following working day.
 */
export function nextAttempt({ policy, startedOn, attemptsMade, lastAttemptOn, today }: ScheduleInput): NextAttempt | undefined {
  const number = attemptsMade + 1;
  if (number > policy.attempts) return undefined;
  const scheduled = addWorkingDays(firstWorkingDayFrom(startedOn), scheduledOffset(number, policy));
  const afterLast = lastAttemptOn ? addWorkingDays(lastAttemptOn, 1) : scheduled;
  const dueOn = afterLast > scheduled ? afterLast : scheduled;
  const status: DueStatus = today < dueOn ? 'not_due_yet' : today === dueOn ? 'due_today' : 'overdue';
  return { number, of: policy.attempts, dueOn, status, workingDaysLate: status === 'overdue' ? Math.max(workingDaysBetween(dueOn, today), 0) : 0 };
}

export interface TargetResult {
  workingDays: number;
  targetWorkingDays: number;
  met: boolean;
  /** Working days beyond the target; 0 when met. */
  missedBy: number;
}

/** Time from referral to first contact, in working days, against the scheme's target. */
export function firstContactAgainstTarget(referredOn: CalendarDate, firstContactOn: CalendarDate, targetWorkingDays: number): TargetResult {
  const workingDays = Math.max(workingDaysBetween(referredOn, firstContactOn), 0);
  const missedBy = Math.max(workingDays - targetWorkingDays, 0);
  return { workingDays, targetWorkingDays, met: missedBy === 0, missedBy };
}

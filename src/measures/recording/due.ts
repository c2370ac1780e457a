import type { CalendarDate } from '../../domain/working-days.ts';
import type { MeasureMoment } from '../../platform/db/tables/measures.ts';
import type { MeasureSchedule } from '../scoring/catalogue.ts';
import { GBO } from '../scoring/definitions/gbo.ts';

/**
 * Which measures are due for a young person, worked out from plain facts so the rules can be read
 * and tested on their own:
 * - baseline: from the first session they attend until anything is recorded for the measure
 *   (answers, or "not collected, because …");
 * - review: every N weeks, or every N attended sessions, since the last thing recorded, whichever
 *   comes first;
 * - discharge: only when support is ending, until answers (or the reason there are none) are
 *   recorded for discharge or at or after the last session.
 * Only measures the scheme uses are ever due, and Goal-Based Outcomes only while there are goals to rate.
 */

export type DueMoment = Exclude<MeasureMoment, 'other'>;

export interface DueMeasure {
  key: string;
  moment: DueMoment;
  dueSince: CalendarDate;
  overdue: boolean;
}

export interface ScheduledMeasure {
  key: string;
  enabled: boolean;
  schedule: MeasureSchedule;
}

/** Something recorded for a measure: answers or the reason there are none. Goal ratings count as GBO. */
export interface RecordedMeasure {
  key: string;
  completedOn: CalendarDate;
  moment: MeasureMoment;
}

export interface DueFacts {
  measures: readonly ScheduledMeasure[];
  /** The open episode of support; nothing is due without one. */
  episode: { openedOn: CalendarDate } | null;
  /** The days of the sessions they attended in this episode. */
  attendedSessions: readonly CalendarDate[];
  /** What is recorded; anything before the episode opened belongs to an earlier episode. */
  recorded: readonly RecordedMeasure[];
  /** Goals being worked on in the plan: Goal-Based Outcomes has nothing to ask without one. */
  activeGoals: number;
  today: CalendarDate;
  /** True on the discharge page: then only what is due at discharge is asked for. */
  discharging?: boolean;
}

/** A measure still not recorded a week after it fell due is overdue: the next session has usually passed. */
export const OVERDUE_AFTER_DAYS = 7;

const DAY_MS = 86_400_000;
const addDays = (date: CalendarDate, days: number): CalendarDate => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
const latest = (dates: CalendarDate[]) => dates.reduce<CalendarDate | undefined>((found, date) => (found === undefined || date > found ? date : found), undefined);

export function measuresDue(facts: DueFacts): DueMeasure[] {
  const { episode, today } = facts;
  if (!episode) return [];
  const sessions = facts.attendedSessions.filter((date) => date <= today).sort();
  // Measuring starts at the first session they come to.
  if (sessions.length === 0) return [];
  const recorded = facts.recorded.filter((entry) => entry.completedOn >= episode.openedOn);

  return facts.measures
    .filter((measure) => measure.enabled && (measure.key !== GBO.key || facts.activeGoals > 0))
    .map((measure) => {
      const own = recorded.filter((entry) => entry.key === measure.key);
      return facts.discharging ? dischargeDue(measure, own, sessions, today) : dueDuringSupport(measure, own, sessions);
    })
    .filter((due): due is Omit<DueMeasure, 'overdue'> => due !== undefined)
    .filter((due) => due.dueSince <= today)
    .map((due) => ({ ...due, overdue: due.dueSince <= addDays(today, -OVERDUE_AFTER_DAYS) }));
}

type Due = Omit<DueMeasure, 'overdue'> | undefined;

function dueDuringSupport(measure: ScheduledMeasure, own: RecordedMeasure[], sessions: CalendarDate[]): Due {
  const lastRecorded = latest(own.map((entry) => entry.completedOn));
  const { atBaseline, reviewEveryWeeks, reviewEverySessions } = measure.schedule;
  if (lastRecorded === undefined && atBaseline) return { key: measure.key, moment: 'baseline', dueSince: sessions[0]! };

  // Without a baseline to count from, reviews count from the first session.
  const since = lastRecorded ?? sessions[0]!;
  const candidates: CalendarDate[] = [];
  if (reviewEveryWeeks) candidates.push(addDays(since, reviewEveryWeeks * 7));
  if (reviewEverySessions) {
    const sessionsSince = sessions.filter((date) => (lastRecorded === undefined ? date >= since : date > since));
    const nth = sessionsSince[reviewEverySessions - 1];
    if (nth) candidates.push(nth);
  }
  const earliest = candidates.sort()[0];
  return earliest ? { key: measure.key, moment: 'review', dueSince: earliest } : undefined;
}

/** Answers given at the last session serve as the discharge answers, so they need not be asked again. */
function dischargeDue(measure: ScheduledMeasure, own: RecordedMeasure[], sessions: CalendarDate[], today: CalendarDate): Due {
  if (!measure.schedule.atDischarge) return undefined;
  const lastSession = sessions.at(-1)!;
  const done = own.some((entry) => entry.moment === 'discharge' || entry.completedOn >= lastSession);
  return done ? undefined : { key: measure.key, moment: 'discharge', dueSince: today };
}

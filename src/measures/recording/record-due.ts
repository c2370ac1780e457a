import type { CallerTransaction } from '../../platform/db/caller-data.ts';
import { belongsToYoungPerson } from '../../platform/db/caller-data.ts';
import { ukCalendarDate, type CalendarDate } from '../../domain/working-days.ts';
import { goalsWithRatings } from '../../plans/index.ts';
import { measuresForScheme, type CatalogueEntry } from '../scoring/catalogue.ts';
import { measuresDue, type DueMeasure, type RecordedMeasure } from './due.ts';
import type { MeasureSeries } from '../scoring/series.ts';

/** What is due for one young person, from the scheme's measures, their sessions and what is recorded. */

export const MOMENT_TEXT = { baseline: 'Baseline', review: 'Review', discharge: 'Discharge', other: 'Another time' } as const;

export interface DueEntry extends DueMeasure {
  name: string;
}

/** Everything recorded in a series, as the due rules count it. */
export function recordedIn(series: Record<string, MeasureSeries>): RecordedMeasure[] {
  return Object.values(series).flatMap((measure) => measure.points.map((point) => ({ key: measure.key, completedOn: point.completedOn, moment: point.moment })));
}

/** A session belongs to the episode when it says so; one from before episodes were recorded, by its date. */
async function attendedSessionDays(tx: CallerTransaction, youngPersonId: string, episode: Episode, action: string): Promise<CalendarDate[]> {
  const sessions = await tx.readPersonal({ action, recordType: 'support_sessions', identify: belongsToYoungPerson }, (db) =>
    db
      .selectFrom('support_sessions')
      .select(['id', 'young_person_id', 'starts_at'])
      .where('young_person_id', '=', youngPersonId)
      .where('status', '=', 'attended')
      .where((eb) => eb.or([eb('episode_id', '=', episode.id), eb.and([eb('episode_id', 'is', null), eb('starts_at', '>=', new Date(`${episode.opened_on}T00:00:00Z`))])]))
      .execute(),
  );
  return sessions.map((session) => ukCalendarDate(new Date(session.starts_at)));
}

interface Episode {
  id: string;
  opened_on: CalendarDate;
}

export interface DueQuestion {
  youngPersonId: string;
  episode: Episode | null | undefined;
  series: Record<string, MeasureSeries>;
  action: string;
  discharging?: boolean;
  now?: Date;
}

/** The measures due now, each with its name, in the order the scheme lists its measures. */
export async function dueForYoungPerson(tx: CallerTransaction, question: DueQuestion): Promise<{ due: DueEntry[]; catalogue: CatalogueEntry[] }> {
  const { youngPersonId, episode, action } = question;
  const catalogue = await measuresForScheme(tx);
  if (!episode) return { due: [], catalogue };
  const [attendedSessions, goals] = [await attendedSessionDays(tx, youngPersonId, episode, action), await goalsWithRatings(tx, youngPersonId, action)];
  const due = measuresDue({
    measures: catalogue.map((entry) => ({ key: entry.definition.key, enabled: entry.enabled, schedule: entry.schedule })),
    episode: { openedOn: episode.opened_on },
    attendedSessions,
    recorded: recordedIn(question.series),
    activeGoals: goals.filter((goal) => goal.status === 'active').length,
    today: ukCalendarDate(question.now ?? new Date()),
    discharging: question.discharging,
  });
  const nameOf = new Map(catalogue.map((entry) => [entry.definition.key, entry.definition.name]));
  return { due: due.map((entry) => ({ ...entry, name: nameOf.get(entry.key) ?? entry.key })), catalogue };
}

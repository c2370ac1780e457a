import { z } from 'zod';
import { listOf, wholeNumber } from '../../platform/http/form-fields.ts';
import type { CatalogueEntry, MeasureSchedule } from '../scoring/catalogue.ts';

/** The form for whether the scheme uses a measure, and at which moments. */

const MOMENTS = ['baseline', 'discharge'] as const;
export const MOMENT_CHOICES = [
  { value: 'baseline', text: 'At the first session (baseline)' },
  { value: 'discharge', text: 'At discharge' },
];

const reviewWeeks = wholeNumber('Weeks between reviews', 1, 52, 'Enter how many weeks between reviews');
const reviewSessions = wholeNumber('Sessions between reviews', 1, 52, 'Enter how many sessions between reviews');

export const scheduleForm = z
  .object({
    used: z.enum(['yes', 'no'], { error: 'Select whether the scheme uses this measure' }),
    moments: z.preprocess(listOf, z.array(z.enum(MOMENTS, { error: 'Select moments from the list' }))),
    review: z.enum(['weeks', 'sessions', 'none'], { error: 'Select when to ask again during support' }),
    reviewEveryWeeks: z.unknown().optional(),
    reviewEverySessions: z.unknown().optional(),
  })
  .transform((form, ctx): { enabled: boolean; schedule: MeasureSchedule } => {
    // Only the interval for the chosen kind of review is read: the other box may hold anything.
    const interval = (schema: typeof reviewWeeks, field: 'reviewEveryWeeks' | 'reviewEverySessions'): number | null => {
      const parsed = schema.safeParse(form[field] ?? '');
      if (parsed.success) return parsed.data;
      ctx.addIssue({ code: 'custom', path: [field], message: parsed.error.issues[0]!.message });
      return null;
    };
    const schedule: MeasureSchedule = {
      atBaseline: form.moments.includes('baseline'),
      reviewEveryWeeks: form.review === 'weeks' ? interval(reviewWeeks, 'reviewEveryWeeks') : null,
      reviewEverySessions: form.review === 'sessions' ? interval(reviewSessions, 'reviewEverySessions') : null,
      atDischarge: form.moments.includes('discharge'),
    };
    if (form.used === 'yes' && !schedule.atBaseline && !schedule.atDischarge && form.review === 'none') {
      ctx.addIssue({ code: 'custom', path: ['moments'], message: 'Select at least one moment to use the measure, or choose not to use it' });
    }
    return { enabled: form.used === 'yes', schedule };
  });

export function scheduleValues(entry: CatalogueEntry): Record<string, unknown> {
  const { schedule } = entry;
  return {
    used: entry.enabled ? 'yes' : 'no',
    moments: [...(schedule.atBaseline ? ['baseline'] : []), ...(schedule.atDischarge ? ['discharge'] : [])],
    review: schedule.reviewEveryWeeks ? 'weeks' : schedule.reviewEverySessions ? 'sessions' : 'none',
    reviewEveryWeeks: schedule.reviewEveryWeeks ? String(schedule.reviewEveryWeeks) : '',
    reviewEverySessions: schedule.reviewEverySessions ? String(schedule.reviewEverySessions) : '',
  };
}

/** "At the first session, every 6 weeks and at discharge". */
export function scheduleText(schedule: MeasureSchedule): string {
  const parts = [
    ...(schedule.atBaseline ? ['at the first session'] : []),
    ...(schedule.reviewEveryWeeks ? [`every ${plural(schedule.reviewEveryWeeks, 'week')}`] : []),
    ...(schedule.reviewEverySessions ? [`every ${plural(schedule.reviewEverySessions, 'session')}`] : []),
    ...(schedule.atDischarge ? ['at discharge'] : []),
  ];
  if (parts.length === 0) return 'No moments chosen';
  const text = parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function plural(count: number, word: string): string {
  return count === 1 ? word : `${count} ${word}s`;
}

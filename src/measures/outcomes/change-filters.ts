import { subYears } from 'date-fns';
import { z } from 'zod';
import { ukCalendarDate } from '../../domain/working-days.ts';
import { calendarDateField, dateParts, withDateParts } from '../../platform/http/date-field.ts';
import { formErrors, parseForm, type FormErrors } from '../../platform/http/forms.ts';
import type { ReferralRoute } from '../../platform/db/tables/referrals.ts';

/** The filters of the scheme outcomes report: a period, a link worker and a referral route. */
export interface OutcomeFilters {
  from: string;
  to: string;
  workerId: string | null;
  route: ReferralRoute | null;
}

export const ROUTE_NAMES: Record<ReferralRoute, string> = {
  professional: 'Professionals',
  parent_carer: 'Parents and carers',
  self: 'Young people themselves',
};

const dateGiven = (parts: unknown) => Object.values(parts as Record<string, string>).some((part) => part !== '');

const filterSchema = z
  .object({
    from: z.unknown(),
    to: z.unknown(),
    worker: z.union([z.literal(''), z.uuid({ message: 'Choose a link worker from the list' })]).default(''),
    route: z.enum(['', 'professional', 'parent_carer', 'self'], { message: 'Choose a referral route from the list' }).default(''),
  })
  .superRefine((values, ctx) => {
    for (const name of ['from', 'to'] as const) {
      if (!dateGiven(values[name])) continue;
      const parsed = calendarDateField({ label: name === 'from' ? 'the start of the period' : 'the end of the period' }).safeParse(values[name]);
      if (!parsed.success) for (const issue of parsed.error.issues) ctx.addIssue({ ...issue, code: 'custom', path: [name, ...issue.path] });
    }
  });

/** With no period given: the last 12 months up to today. */
export function defaultPeriod(today = ukCalendarDate(new Date())): { from: string; to: string } {
  return { from: ukCalendarDate(subYears(new Date(`${today}T12:00:00Z`), 1)), to: today };
}

function calendarDate(parts: unknown): string | undefined {
  if (!dateGiven(parts)) return undefined;
  const parsed = calendarDateField({ label: 'date' }).safeParse(parts);
  return parsed.success ? parsed.data : undefined;
}

/**
 * The filters from the query string. Mistakes come back as errors for the summary, with the
 * default in place of whatever could not be read, so the page still shows figures.
 */
export function parseOutcomeFilters(query: unknown): { filters: OutcomeFilters; errors?: FormErrors; values: Record<string, unknown> } {
  const raw = withDateParts(query, 'from', 'to');
  const result = parseForm(filterSchema, raw);
  const period = defaultPeriod();
  let from = calendarDate(raw.from) ?? period.from;
  let to = calendarDate(raw.to) ?? period.to;
  const errors = result.ok ? undefined : result.errors;
  const periodErrors = !errors && from > to ? formErrors({ 'to-day': 'The end of the period must be on or after its start' }) : undefined;
  if (periodErrors) [from, to] = [period.from, period.to];
  const worker = result.ok ? result.data.worker : '';
  const route = result.ok ? result.data.route : '';
  return {
    filters: { from, to, workerId: worker || null, route: route || null },
    ...(errors || periodErrors ? { errors: errors ?? periodErrors } : {}),
    values: { from: dateGiven(raw.from) ? raw.from : dateParts(from), to: dateGiven(raw.to) ? raw.to : dateParts(to), worker, route },
  };
}

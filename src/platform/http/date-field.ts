import { z } from 'zod';

/**
 * The design system's date input posts three fields, `name[day]`, `name[month]` and `name[year]`.
 * `withDateParts` gathers them into one object so a schema can validate the date as a whole.
 */
export function withDateParts(body: unknown, ...names: string[]): Record<string, unknown> {
  const values: Record<string, unknown> = body && typeof body === 'object' ? { ...(body as Record<string, unknown>) } : {};
  for (const name of names) {
    values[name] = {
      day: String(values[`${name}[day]`] ?? '').trim(),
      month: String(values[`${name}[month]`] ?? '').trim(),
      year: String(values[`${name}[year]`] ?? '').trim(),
    };
  }
  return values;
}

interface DateFieldMessages {
  /** What the date is, in lower case, for messages like "Enter date of birth". */
  label: string;
  mustBePast?: boolean;
}

/** A calendar date from a date input, as 'YYYY-MM-DD', with messages in the design system's pattern. */
export function calendarDateField({ label, mustBePast = false }: DateFieldMessages) {
  return z
    .object({ day: z.string(), month: z.string(), year: z.string() })
    .transform((parts, ctx) => {
      const missing = (['day', 'month', 'year'] as const).filter((part) => parts[part] === '');
      if (missing.length === 3) {
        ctx.addIssue({ code: 'custom', path: ['day'], message: `Enter ${label}` });
        return z.NEVER;
      }
      if (missing.length > 0) {
        ctx.addIssue({ code: 'custom', path: [missing[0]!], message: `${capitalise(label)} must include a ${missing.join(' and ')}` });
        return z.NEVER;
      }
      const [day, month, year] = [Number(parts.day), Number(parts.month), Number(parts.year)];
      const date = new Date(Date.UTC(year, month - 1, day));
      const real =
        Number.isInteger(day) && Number.isInteger(month) && Number.isInteger(year) && year >= 1900 && year <= 2200 &&
        date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
      if (!real) {
        ctx.addIssue({ code: 'custom', path: ['day'], message: `${capitalise(label)} must be a real date, like 27 3 2009` });
        return z.NEVER;
      }
      if (mustBePast && date.getTime() > Date.now()) {
        ctx.addIssue({ code: 'custom', path: ['day'], message: `${capitalise(label)} must be in the past` });
        return z.NEVER;
      }
      return date.toISOString().slice(0, 10);
    });
}

/** Splits 'YYYY-MM-DD' back into the three boxes, to fill a date input with a stored value. */
export function dateParts(isoDate: string | null | undefined): { day: string; month: string; year: string } {
  const [year = '', month = '', day = ''] = (isoDate ?? '').split('-');
  return { day: day.replace(/^0/, ''), month: month.replace(/^0/, ''), year };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

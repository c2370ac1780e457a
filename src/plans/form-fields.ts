import { z } from 'zod';
import { calendarDateField } from '../platform/http/date-field.ts';

/** Field builders shared by the "what matters to me" and plan forms. */

/** A form field as a string: a repeated field (an array) or none at all never reaches a 500. */
const asText = (value: unknown) => (typeof value === 'string' ? value : Array.isArray(value) ? String(value[0] ?? '') : '');

export function requiredText(max: number, missing: string, label: string) {
  return z.preprocess(asText, z.string().trim().min(1, missing).max(max, `${label} must be ${max} characters or fewer`));
}

export function optionalText(max: number, label: string) {
  return z.preprocess(asText, z.string().trim().max(max, `${label} must be ${max} characters or fewer`));
}

export function choice<T extends string>(values: readonly [T, ...T[]], missing: string) {
  return z.preprocess(asText, z.enum(values, { error: missing }));
}

/** Checkboxes: none ticked arrives as nothing, one as a string, several as an array. */
export function ticked<T extends string>(values: readonly [T, ...T[]]) {
  const known = new Set<string>(values);
  // Checked as a whole, so the message points at the question rather than at one box.
  return z.preprocess(
    (value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]),
    z
      .array(z.string())
      .refine((list) => list.every((item) => known.has(item)), 'Choose from the options shown')
      .transform((list) => list as T[]),
  );
}

export const codesOf = <T extends string>(labels: Record<T, string>) => Object.keys(labels) as [T, ...T[]];

/** A date that may be left blank (null); anything typed must be a real date. */
export function optionalCalendarDate(label: string) {
  const date = calendarDateField({ label });
  return z.object({ day: z.string(), month: z.string(), year: z.string() }).transform((parts, ctx): string | null => {
    if (parts.day === '' && parts.month === '' && parts.year === '') return null;
    const parsed = date.safeParse(parts);
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
    return z.NEVER;
  });
}

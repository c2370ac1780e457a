import { z } from 'zod';

/* Field schemas that forms across Linkway share: free text, whole numbers, ticked boxes. */

/**
 * Browsers send a line break in a textarea as two characters, but the character count (and the
 * person typing) sees one: counting the way they do stops a text that fitted being refused.
 */
const oneCharacterLineBreaks = (value: string) => value.replace(/\r\n?/g, '\n');

/** Free text; `emptyMessage` makes it required. A missing field reads as an empty one. */
export function text(name: string, max: number, emptyMessage?: string) {
  const base = z.string().overwrite(oneCharacterLineBreaks).trim();
  return (emptyMessage ? base.min(1, emptyMessage) : base).max(max, `${name} must be ${max} characters or fewer`).prefault('');
}

export function wholeNumber(name: string, min: number, max: number, emptyMessage: string) {
  const outOfRange = `${name} must be a whole number from ${min} to ${max}`;
  return z
    .string()
    .trim()
    .min(1, emptyMessage)
    .regex(/^\d{1,3}$/, outOfRange)
    .transform(Number)
    .refine((value) => value >= min && value <= max, outOfRange)
    .prefault('');
}

/** Ticked checkboxes arrive as nothing, one string or a list of them. */
export function listOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  return typeof value === 'string' ? [value] : [];
}

import { z } from 'zod';
import { calendarDateField, withDateParts } from '../platform/http/date-field.ts';
import { formErrors, parseForm, type FormErrors, type FormResult } from '../platform/http/forms.ts';
import { listOf, text, wholeNumber } from '../platform/http/form-fields.ts';
import { CANCELLED_BY, SESSION_OUTCOMES, type CancelledBy, type SessionOutcome } from './codes.ts';
import { londonInstant } from './times.ts';

export const LIMITS = { place: 200, notes: 3000, reason: 1000, decisionNote: 1000 } as const;

const keysOf = <Key extends string>(record: Record<Key, string>) => Object.keys(record) as [Key, ...Key[]];

/** '14:30', '9.30', '2pm' or '2:30 pm' to 'HH:MM' on the 24-hour clock. */
export function timeOfDay(value: string): string | undefined {
  const match = /^(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)?$/i.exec(value.trim());
  if (!match) return undefined;
  let hours = Number(match[1]);
  const minutes = Number(match[2] ?? '0');
  const half = match[3]?.toLowerCase();
  if (!half && match[2] === undefined) return undefined;
  if (half && (hours < 1 || hours > 12)) return undefined;
  if (half === 'pm' && hours !== 12) hours += 12;
  if (half === 'am' && hours === 12) hours = 0;
  if (hours > 23 || minutes > 59) return undefined;
  return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}

const timeField = z
  .string()
  .trim()
  .min(1, 'Enter the time the session starts')
  .transform((value, ctx) => {
    const time = timeOfDay(value);
    if (!time) {
      ctx.addIssue({ code: 'custom', message: 'Start time must be a real time, like 14:30 or 2:30pm' });
      return z.NEVER;
    }
    return time;
  })
  .prefault('');

/** When, how long and where a session is: the same fields book one ahead or record one that happened. */
export function bookingForm(offeredSettings: readonly string[]) {
  return z.object({
    date: calendarDateField({ label: 'the date of the session' }),
    time: timeField,
    duration: wholeNumber('Length', 5, 480, 'Enter how long the session is, in minutes'),
    setting: z
      .string({ error: 'Select where or how the session happens' })
      .refine((setting) => offeredSettings.includes(setting), 'Select where or how the session happens'),
    place: text('Place', LIMITS.place),
  });
}

export type BookingInput = z.output<ReturnType<typeof bookingForm>>;

/** Rearranging moves a booked session in time; where and how it happens stay as booked. */
export const rearrangeForm = bookingForm([]).pick({ date: true, time: true, duration: true });

export type RearrangeInput = z.output<typeof rearrangeForm>;

const notesForm = z
  .object({
    outcome: z.enum(keysOf<SessionOutcome>(SESSION_OUTCOMES), { error: 'Select what happened to the session' }),
    cancelledBy: z.enum(keysOf<CancelledBy>(CANCELLED_BY)).optional().catch(undefined),
    whatHappened: text('What happened', LIMITS.notes),
    whatWasAgreed: text('What was agreed', LIMITS.notes),
    nextSteps: text('Next steps', LIMITS.notes),
    goalIds: z.preprocess(listOf, z.array(z.string())),
    actionIds: z.preprocess(listOf, z.array(z.string())),
    bookNext: z.preprocess((value) => value === 'yes', z.boolean()),
  })
  .superRefine((form, ctx) => {
    if (form.outcome === 'cancelled' && !form.cancelledBy) ctx.addIssue({ code: 'custom', path: ['cancelledBy'], message: 'Select who cancelled the session' });
    if (form.outcome !== 'attended') return;
    // Attended sessions are the record of the work: each of the three is needed to stand up later.
    const required = { whatHappened: 'Enter what happened in the session', whatWasAgreed: 'Enter what was agreed', nextSteps: 'Enter the next steps' } as const;
    for (const [field, message] of Object.entries(required)) {
      if (!form[field as keyof typeof required]) ctx.addIssue({ code: 'custom', path: [field], message });
    }
  });

export type SessionNotes = z.output<typeof notesForm>;

export interface RecordInput {
  /** Only for a session not booked in advance: when and where it happened. */
  held?: BookingInput;
  notes: SessionNotes;
  next?: BookingInput;
}

/** The booking fields of the "book the next session" part carry this prefix: nextDate, nextTime... */
const NEXT = 'next';
const BOOKING_FIELDS = ['date', 'time', 'duration', 'setting', 'place'] as const;
const prefixed = (field: string) => NEXT + field.charAt(0).toUpperCase() + field.slice(1);

function nextBookingFrom(body: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(BOOKING_FIELDS.map((field) => [field, body[prefixed(field)]]));
}

function mergeErrors(...all: (FormErrors | undefined)[]): FormErrors | undefined {
  const messages: Record<string, string> = {};
  for (const errors of all) for (const item of errors?.list ?? []) messages[item.href.slice(1)] ??= item.text;
  return Object.keys(messages).length ? formErrors(messages) : undefined;
}

function withPrefix(errors: FormErrors | undefined): FormErrors | undefined {
  if (!errors) return undefined;
  return formErrors(Object.fromEntries(errors.list.map((item) => [prefixed(item.href.slice(1)), item.text])));
}

/** Whether a session has begun: only then can anyone say whether they came. */
export function hasStarted(startsAt: Date, now: Date): boolean {
  return startsAt.getTime() <= now.getTime();
}

export const NOT_STARTED_MESSAGE = 'You can record whether they attended only once the session has started. Until then, cancel it or rearrange it';

/** Before a booked session starts, the only outcome it can have is being cancelled. */
function outcomeTooEarly(notes: FormResult<SessionNotes>, startsAt: Date | undefined, now: Date): FormErrors | undefined {
  if (!notes.ok || !startsAt || hasStarted(startsAt, now) || notes.data.outcome === 'cancelled') return undefined;
  return formErrors({ outcome: NOT_STARTED_MESSAGE });
}

/** A session recorded without a booking must already have happened. */
function heldInFuture(held: FormResult<BookingInput> | undefined, now: Date): FormErrors | undefined {
  if (!held?.ok || hasStarted(londonInstant(held.data.date, held.data.time), now)) return undefined;
  return formErrors({ 'date-day': 'The session must have already happened: enter a date and time in the past, or book it instead' });
}

interface RecordOptions {
  /** A session that was not booked in Linkway, recorded as it happened. */
  unbooked: boolean;
  /** When the booked session starts. */
  startsAt?: Date;
  now: Date;
}

/** The one-page record: what happened, and optionally the next booking, each checked in full. */
export function parseRecordForm(body: unknown, offeredSettings: readonly string[], options: RecordOptions): FormResult<RecordInput> {
  const input = withDateParts(body, 'date', 'nextDate');
  const schema = bookingForm(offeredSettings);
  const held = options.unbooked ? parseForm(schema, input) : undefined;
  const notes = parseForm(notesForm, options.unbooked ? { ...input, outcome: 'attended' } : input);
  const next = notes.ok && notes.data.bookNext ? parseForm(schema, nextBookingFrom(input)) : undefined;
  const errors = mergeErrors(
    held && !held.ok ? held.errors : heldInFuture(held, options.now),
    notes.ok ? outcomeTooEarly(notes, options.startsAt, options.now) : notes.errors,
    withPrefix(next && !next.ok ? next.errors : undefined),
  );
  if (errors || !notes.ok) return { ok: false, errors: errors ?? formErrors({}) };
  return {
    ok: true,
    data: {
      notes: notes.data,
      ...(held?.ok ? { held: held.data } : {}),
      ...(next?.ok ? { next: next.data } : {}),
    },
  };
}

/** An optional count: left empty, it is none. */
function extraCount(name: string, max: number) {
  const message = `${name} must be a whole number from 0 to ${max}`;
  return z.string().trim().regex(/^\d{0,3}$/, message).transform(Number).refine((count) => count <= max, message).prefault('');
}

export const extensionForm = z
  .object({
    extraSessions: extraCount('Extra sessions', 52),
    extraWeeks: extraCount('Extra weeks', 104),
    reason: text('Reason', LIMITS.reason, 'Enter why they need more support'),
  })
  .refine((form) => form.extraSessions > 0 || form.extraWeeks > 0, { path: ['extraSessions'], message: 'Enter how many extra sessions or weeks they need' });

export type ExtensionInput = z.output<typeof extensionForm>;

export const declineForm = z.object({
  note: text('The note', LIMITS.decisionNote, 'Enter why the extension is not approved, for the link worker'),
});

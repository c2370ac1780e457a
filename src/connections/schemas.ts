import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { NotFoundError } from '../platform/http/errors.ts';
import { calendarDateField } from '../platform/http/date-field.ts';
import { PHASE_CODES, STOP_REASON_CODES } from './codes.ts';

export const CONNECTION_STAFF = ['admin', 'manager', 'link_worker'] as const;
export const CONNECTION_MANAGERS = ['admin', 'manager'] as const;

export const NOTE_MAX_LENGTH = 500;
export const CONTACT_MAX_LENGTH = 200;

const recordParams = z.object({ id: z.uuid() });
const connectionParams = z.object({ id: z.uuid(), connectionId: z.uuid() });

/** The young person in the address; anything that is not an id is a page that does not exist. */
export function youngPersonIdFrom(request: FastifyRequest): string {
  const parsed = recordParams.safeParse(request.params);
  if (!parsed.success) throw new NotFoundError();
  return parsed.data.id;
}

export function connectionIdsFrom(request: FastifyRequest): { youngPersonId: string; connectionId: string } {
  const parsed = connectionParams.safeParse(request.params);
  if (!parsed.success) throw new NotFoundError();
  return { youngPersonId: parsed.data.id, connectionId: parsed.data.connectionId };
}

const note = (label: string, max = NOTE_MAX_LENGTH) =>
  z
    .string()
    .transform((value) => value.replace(/\r\n?/g, '\n').trim())
    .pipe(z.string().max(max, `${label} must be ${max} characters or fewer`))
    .default('');
const ticked = (value: unknown) => (value === undefined || value === '' ? [] : Array.isArray(value) ? value : [value]);
const notInFuture = (label: string) => calendarDateField({ label, mustBePast: true });

export const suggestForm = z.object({
  serviceId: z.uuid({ error: 'Choose a service from the directory' }),
  note: note('Note'),
});

export const SHARE_ITEMS = ['first_name', 'contact'] as const;

export const agreeForm = z
  .object({
    agreedOn: notInFuture('the date they agreed'),
    share: z.preprocess(ticked, z.array(z.enum(SHARE_ITEMS, { error: 'Choose from the options shown' }))),
    contactDetail: note('How to contact them', CONTACT_MAX_LENGTH),
  })
  .superRefine((form, ctx) => {
    if (form.share.includes('contact') && form.contactDetail === '') {
      ctx.addIssue({ code: 'custom', path: ['contactDetail'], message: 'Enter how the provider may contact them' });
    }
  });
export type AgreeInput = z.output<typeof agreeForm>;

export const referForm = z.object({
  method: z.enum(['email', 'signpost'], { error: 'Select how they will be referred' }),
});

export const firstAttendedForm = z.object({ attendedOn: notInFuture('the date they first went') });

export const phaseForm = z.object({
  phase: z.enum(PHASE_CODES, { error: 'Select how they are going now' }),
  fromDate: notInFuture('the date this started'),
});

export const stopForm = z
  .object({
    reason: z.enum(STOP_REASON_CODES, { error: 'Select why it stopped' }),
    note: note('Note'),
    stoppedOn: notInFuture('the date it stopped'),
  })
  .superRefine((form, ctx) => {
    if (form.reason === 'other' && form.note === '') ctx.addIssue({ code: 'custom', path: ['note'], message: 'Say why it stopped' });
  });

export const settingsForm = z.object({
  providerAnswerWorkingDays: z.preprocess(
    (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
    z.coerce
      .number({ error: 'Enter a number of working days, like 5' })
      .int('Enter a whole number of working days, like 5')
      .min(1, 'Working days must be 1 or more')
      .max(30, 'Working days must be 30 or fewer'),
  ),
});

export const providerAnswerForm = z.object({
  answer: z.enum(['accepted', 'declined'], { error: 'Select whether you can take them' }),
  note: note('Your note', 1000),
});

/** What a provider can say after accepting, through the same link: when they first came, still coming, or stopped. */
export const providerStepForm = z
  .object({
    step: z.enum(['first_attended', 'still_attending', 'stopped'], { error: 'Select what has happened' }),
    onDate: z.unknown(),
    stopReason: z.enum(STOP_REASON_CODES).optional().catch(undefined),
  })
  .transform((form, ctx) => {
    if (form.step === 'still_attending') return { step: form.step, onDate: null, stopReason: null };
    const date = calendarDateField({ label: 'the date', mustBePast: true }).safeParse(form.onDate);
    if (!date.success) {
      for (const issue of date.error.issues) ctx.addIssue({ code: 'custom', path: ['onDate', ...issue.path.map(String)], message: issue.message });
      return z.NEVER;
    }
    if (form.step === 'stopped' && !form.stopReason) {
      ctx.addIssue({ code: 'custom', path: ['stopReason'], message: 'Select why they stopped' });
      return z.NEVER;
    }
    return { step: form.step, onDate: date.data, stopReason: form.step === 'stopped' ? form.stopReason! : null };
  });

export type ProviderStep = z.output<typeof providerStepForm>;

export const providerToken = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{43}$/) });


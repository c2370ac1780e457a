import { z } from 'zod';
import { calendarDateField } from '../platform/http/date-field.ts';
import { STAGE_LABELS } from './presenters.ts';
import type { Stage } from '../platform/db/schema.ts';

export const recordId = z.object({ id: z.uuid() });

const optionalText = (max: number, label: string) =>
  z.string().trim().max(max, `${label} must be ${max} characters or fewer`).default('');

export const youngPersonDetailsForm = z.object({
  givenName: z.string().trim().min(1, 'Enter their first name').max(100, 'First name must be 100 characters or fewer'),
  familyName: z.string().trim().min(1, 'Enter their last name').max(100, 'Last name must be 100 characters or fewer'),
  preferredName: optionalText(100, 'Preferred name'),
  dateOfBirth: calendarDateField({ label: 'date of birth', mustBePast: true }),
  pronouns: optionalText(40, 'Pronouns'),
  postcode: z
    .string()
    .trim()
    .toUpperCase()
    .max(8, 'Enter a real postcode, like LS6 2AB')
    .refine((value) => value === '' || /^[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}$/.test(value), 'Enter a real postcode, like LS6 2AB')
    .default(''),
  phone: z
    .string()
    .trim()
    .max(20, 'Enter a phone number, like 07700 900 982')
    .refine((value) => value === '' || /^\+?[\d\s()-]{10,20}$/.test(value), 'Enter a phone number, like 07700 900 982')
    .default(''),
  email: z.union([z.literal(''), z.email('Enter an email address in the correct format, like name@example.org').max(320)]).default(''),
});

export type YoungPersonDetails = z.output<typeof youngPersonDetailsForm>;

const STAGES = Object.keys(STAGE_LABELS) as [Stage, ...Stage[]];

export const listQuery = z.object({
  stage: z.enum(STAGES).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});

import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { NotFoundError } from '../platform/http/errors.ts';
import { NEEDS } from '../domain/codes.ts';
import type { CategoryCode } from '../platform/db/tables/directory.ts';
import { CATEGORIES } from './codes.ts';
import { postcodeDistrict } from './postcodes.ts';

export const DIRECTORY_STAFF = ['admin', 'manager', 'link_worker'] as const;
export const DIRECTORY_MANAGERS = ['admin', 'manager'] as const;
export const PAGE_SIZE = 20;

const CATEGORY_CODES = Object.keys(CATEGORIES) as [CategoryCode, ...CategoryCode[]];
const NEED_CODES = Object.keys(NEEDS) as [string, ...string[]];

const idParams = z.object({ id: z.uuid() });

/** The id in the address; anything that is not an id is a page that does not exist. */
export function idFrom(request: FastifyRequest): string {
  const parsed = idParams.safeParse(request.params);
  if (!parsed.success) throw new NotFoundError();
  return parsed.data.id;
}

/** Ticked checkboxes arrive as nothing, one string or a list of them. */
const ticked = (value: unknown) => (value === undefined || value === '' ? [] : Array.isArray(value) ? value : [value]);
const yes = z.preprocess((value) => value === 'yes' || value === 'true', z.boolean());
const text = (max: number, label: string) =>
  z
    .string()
    .transform((value) => value.replace(/\r\n?/g, '\n').trim())
    .pipe(z.string().max(max, `${label} must be ${max} characters or fewer`))
    .default('');
const required = (max: number, label: string, emptyMessage: string) => text(max, label).pipe(z.string().min(1, emptyMessage));
const optionalWholeNumber = (label: string, min: number, max: number) =>
  z
    .string()
    .trim()
    .default('')
    .transform((value, ctx) => {
      if (value === '') return null;
      const number = Number(value);
      const problem = !/^-?\d+(\.\d+)?$/.test(value)
        ? `${label} must be a number`
        : !Number.isInteger(number)
          ? `${label} must be a whole number`
          : number < min
            ? `${label} must be ${min} or more`
            : number > max
              ? `${label} must be ${max} or less`
              : undefined;
      if (problem) {
        ctx.addIssue({ code: 'custom', message: problem });
        return z.NEVER;
      }
      return number;
    });

/** Search filters arrive in the query string; anything unusable is dropped rather than refused. */
export const searchQuery = z.object({
  q: z.string().trim().max(200).catch('').default(''),
  category: z.enum(CATEGORY_CODES).optional().catch(undefined),
  need: z.enum(NEED_CODES).optional().catch(undefined),
  age: z.coerce.number().int().min(0).max(150).optional().catch(undefined),
  free: z.literal('yes').optional().catch(undefined),
  open: z.literal('yes').optional().catch(undefined),
  stale: z.literal('yes').optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});
export type SearchFilter = z.output<typeof searchQuery>;

const email = (label: string) => z.union([z.literal(''), z.email(`Enter ${label} in the correct format, like name@example.org`).max(320)]).default('');
const webAddress = z.union([z.literal(''), z.url({ protocol: /^https?$/, error: 'Enter a web address starting with https://' }).max(500)]).default('');

export const serviceForm = z
  .object({
    organizationName: required(200, 'Organisation', 'Enter the name of the organisation that runs it'),
    name: required(200, 'Name', 'Enter the name of the service or activity'),
    description: required(3000, 'Description', 'Describe what happens there'),
    categories: z.preprocess(ticked, z.array(z.enum(CATEGORY_CODES, { error: 'Choose from the categories shown' })).min(1, 'Select at least one category')),
    needs: z.preprocess(ticked, z.array(z.enum(NEED_CODES, { error: 'Choose from the needs shown' }))),
    minimumAge: optionalWholeNumber('Youngest age', 0, 150),
    maximumAge: optionalWholeNumber('Oldest age', 0, 150),
    cost: z.enum(['free', 'paid'], { error: 'Select whether it is free' }),
    costPounds: z.string().trim().default(''),
    costNote: text(300, 'What the cost covers'),
    referralMethod: z.enum(['signpost', 'email', 'online_form', 'attached_form'], { error: 'Select how to refer' }),
    referralEmail: email('the referral email address'),
    referralUrl: webAddress,
    waitingWeeks: optionalWholeNumber('Waiting time', 0, 520),
    takingReferrals: z.enum(['yes', 'no'], { error: 'Select whether it is taking people now' }),
    scheduleText: text(500, 'When it runs'),
    postcode: z
      .string()
      .trim()
      .toUpperCase()
      .refine((value) => value === '' || /^[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}$/.test(value), 'Enter a real postcode, like LS6 2AB')
      .default(''),
    contactEmail: email('the contact email address'),
    inclusionNote: text(1000, 'Inclusion notes'),
    public: yes.default(false),
  })
  .superRefine((form, ctx) => {
    if (form.minimumAge !== null && form.maximumAge !== null && form.minimumAge > form.maximumAge) {
      ctx.addIssue({ code: 'custom', path: ['maximumAge'], message: 'Oldest age must be the same as or more than the youngest age' });
    }
    if (form.cost === 'paid' && form.costPounds !== '' && !/^\d{1,5}(\.\d{1,2})?$/.test(form.costPounds)) {
      ctx.addIssue({ code: 'custom', path: ['costPounds'], message: 'Enter the cost in pounds, like 3.50' });
    }
    if (form.referralMethod === 'email' && form.referralEmail === '') {
      ctx.addIssue({ code: 'custom', path: ['referralEmail'], message: 'Enter the email address referrals go to' });
    }
    if (form.referralMethod === 'online_form' && form.referralUrl === '') {
      ctx.addIssue({ code: 'custom', path: ['referralUrl'], message: 'Enter the web address of the online form' });
    }
  })
  .transform(({ costPounds, ...form }) => ({
    ...form,
    costPence: form.cost === 'paid' && costPounds !== '' ? Math.round(Number(costPounds) * 100) : null,
  }));
export type ServiceForm = z.output<typeof serviceForm>;

export const noteForm = z.object({ note: required(2000, 'Note', 'Write your note') });

export const gapForm = z.object({
  need: z.enum(NEED_CODES, { error: 'Select the need with no suitable service' }),
  area: z
    .string()
    .trim()
    .default('')
    .transform((value) => postcodeDistrict(value) ?? value)
    .pipe(z.string().regex(/^[A-Z]{1,2}\d[A-Z\d]?$/, 'Enter the first half of a postcode, like LS6')),
  age: optionalWholeNumber('Age', 0, 150),
  note: text(1000, 'Note'),
});

export const staleLimitForm = z.object({
  days: z.coerce
    .number({ error: 'Enter a number of days' })
    .int('Enter a whole number of days')
    .min(7, 'Entries must be allowed at least 7 days')
    .max(730, 'Entries must be checked at least every 730 days'),
});

export const providerLinkForm = z.object({ sendEmail: yes.default(false) });

export const providerUpdateForm = z.object({
  waitingWeeks: optionalWholeNumber('Waiting time', 0, 520),
  takingReferrals: z.enum(['yes', 'no'], { error: 'Select whether you are taking new people now' }),
  scheduleText: text(500, 'When it runs'),
});

export const providerToken = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{43}$/) });

import { z } from 'zod';
import { calendarDateField } from '../platform/http/date-field.ts';
import { NEEDS, REFERRER_TYPES } from '../domain/codes.ts';
import { RISK_ANSWERS, RISK_QUESTIONS } from '../referrals/index.ts';
import type { ReferralRoute, ReferrerType } from '../platform/db/tables/referrals.ts';

/** One zod schema per step of the public referral form. Every text has a limit and a message saying so. */

const keysOf = <T extends Record<string, unknown>>(record: T) => Object.keys(record) as [keyof T & string, ...(keyof T & string)[]];

/** A form field as a string: a repeated field (an array) or none at all never reaches a 500. */
const asText = (value: unknown) => (typeof value === 'string' ? value : Array.isArray(value) ? String(value[0] ?? '') : '');

function requiredText(max: number, missing: string, label: string) {
  return z.preprocess(asText, z.string().trim().min(1, missing).max(max, `${label} must be ${max} characters or fewer`));
}

function optionalText(max: number, label: string) {
  return z.preprocess(asText, z.string().trim().max(max, `${label} must be ${max} characters or fewer`));
}

function choice<T extends string>(values: readonly [T, ...T[]], missing: string) {
  return z.preprocess(asText, z.enum(values, { error: missing }));
}

/** An optional radio question: unanswered is '' and fine. */
function optionalChoice<T extends string>(values: readonly [T, ...T[]]) {
  return z.preprocess(asText, z.union([z.literal(''), z.enum(values)], { error: 'Choose one of the options, or leave it blank' }));
}

function ticked<T extends string>(values: readonly [T, ...T[]]) {
  return z.preprocess((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]), z.array(z.enum(values), { error: 'Choose from the options shown' }));
}

const YES_NO = ['yes', 'no'] as const;

const phone = z.preprocess(
  asText,
  z.string().trim().max(20, 'Enter a phone number, like 07700 900 982').refine((value) => value === '' || /^\+?[\d\s()-]{10,20}$/.test(value), 'Enter a phone number, like 07700 900 982'),
);
const email = z.preprocess(
  asText,
  z.string().trim().max(320, 'Email address must be 320 characters or fewer').refine((value) => value === '' || z.email().safeParse(value).success, 'Enter an email address in the correct format, like name@example.org'),
);
const postcode = z.preprocess(
  asText,
  z
    .string()
    .trim()
    .toUpperCase()
    .max(8, 'Enter a real postcode, like LS6 2AB')
    .refine((value) => value === '' || /^[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}$/.test(value), 'Enter a real postcode, like LS6 2AB'),
);

export function whoForm(openRoutes: readonly ReferralRoute[]) {
  return z.object({
    route: z.preprocess(
      asText,
      z.string().refine((value): value is ReferralRoute => (openRoutes as readonly string[]).includes(value), 'Choose who is making this referral'),
    ) as z.ZodType<ReferralRoute>,
  });
}

export const youngPersonForm = (self: boolean) =>
  z.object({
    givenName: requiredText(100, self ? 'Enter your first name' : 'Enter their first name', 'First name'),
    familyName: requiredText(100, self ? 'Enter your last name' : 'Enter their last name', 'Last name'),
    preferredName: optionalText(100, 'Preferred name'),
    dateOfBirth: z.preprocess((value) => (value && typeof value === 'object' ? value : { day: '', month: '', year: '' }), calendarDateField({ label: 'date of birth', mustBePast: true })),
    pronouns: optionalText(40, 'Pronouns'),
  });

export const CONTACT_SAFE = { phone: 'Phone', text: 'Text', letter: 'Letter' } as const;

export const contactForm = (self: boolean) =>
  z
    .object({
      phone,
      email,
      address: optionalText(300, 'Address'),
      postcode,
      safeTo: ticked(keysOf(CONTACT_SAFE)),
      // Asked only of young people referring themselves: everyone else is asked about updates later.
      emailUpdates: self ? choice(YES_NO, 'Choose yes if we may email you updates') : z.unknown().transform(() => undefined).optional(),
    })
    .superRefine((form, ctx) => {
      if (!form.phone && !form.email && !form.address) {
        ctx.addIssue({ code: 'custom', path: ['phone'], message: self ? 'Give us at least one way to contact you' : 'Give at least one way to contact them' });
      }
      if (form.emailUpdates === 'yes' && !form.email) {
        ctx.addIssue({ code: 'custom', path: ['email'], message: 'Enter your email address, so we can send you updates' });
      }
    });

export const schoolForm = z.object({ school: optionalText(200, 'School or college') });
export const gpForm = z.object({ gpPractice: optionalText(200, 'GP practice') });

export const EQUALITY_QUESTIONS = {
  ethnicity: { white: 'White', mixed: 'Mixed or multiple ethnic groups', asian: 'Asian or Asian British', black: 'Black, Black British, Caribbean or African', other: 'Another ethnic group' },
  gender: { female: 'Female', male: 'Male', non_binary: 'Non-binary', another: 'In another way' },
  disability: { yes: 'Yes', no: 'No' },
  sexualOrientation: { straight: 'Straight or heterosexual', gay_lesbian: 'Gay or lesbian', bisexual: 'Bisexual', another: 'In another way', not_sure: 'Not sure' },
  careExperienced: { yes: 'Yes', no: 'No' },
  youngCarer: { yes: 'Yes', no: 'No' },
} as const;

/** How each equality question is named where answers are shown back (check answers, triage). */
export const EQUALITY_LABELS: Record<keyof typeof EQUALITY_QUESTIONS, string> = {
  ethnicity: 'Ethnic group',
  gender: 'Gender',
  disability: 'Disability or long-term condition',
  sexualOrientation: 'Sexual orientation',
  careExperienced: 'Care experienced',
  youngCarer: 'Young carer',
};
export const PREFER_NOT_TO_SAY = 'prefer_not_to_say';

export const equalityForm = z.object(
  Object.fromEntries(Object.entries(EQUALITY_QUESTIONS).map(([name, answers]) => [name, optionalChoice([PREFER_NOT_TO_SAY, ...Object.keys(answers)] as [string, ...string[]])])),
);

export const needsForm = (self: boolean) =>
  z
    .object({ needs: ticked(keysOf(NEEDS)), needsDetail: optionalText(2000, 'What is going on') })
    .superRefine((form, ctx) => {
      if (form.needs.length === 0 && !form.needsDetail) {
        ctx.addIssue({ code: 'custom', path: ['needs'], message: self ? 'Choose at least one thing, or tell us in your own words' : 'Choose at least one thing, or describe it in the box' });
      }
    });

export const whatMattersForm = (self: boolean) =>
  z.object({
    whatMatters: requiredText(2000, self ? 'Tell us what matters to you' : 'Tell us what matters to them, or that you have not been able to ask', 'What matters'),
  });

export const AGREEMENT = { yes: 'Yes', no: 'No', not_asked: 'Not asked yet' } as const;

export const agreementForm = z.object({
  knowsAboutReferral: choice(YES_NO, 'Choose yes if the young person knows about this referral'),
  agreesToReferral: choice(keysOf(AGREEMENT), 'Choose whether the young person agrees to this referral'),
});

export const riskForm = z.object(Object.fromEntries(Object.keys(RISK_QUESTIONS).map((question) => [question, choice(keysOf(RISK_ANSWERS), 'Choose yes, no or not sure')])));

function updatesNeedEmail(form: { email: string; phone: string; wantsUpdates: string }, ctx: z.RefinementCtx, noContact: string) {
  if (!form.email && !form.phone) ctx.addIssue({ code: 'custom', path: ['email'], message: noContact });
  else if (form.wantsUpdates === 'yes' && !form.email) ctx.addIssue({ code: 'custom', path: ['email'], message: 'Enter your email address, so we can send you updates' });
}

export const referrerForm = z
  .object({
    referrerType: z.preprocess(asText, z.enum(keysOf(REFERRER_TYPES), { error: 'Choose where you work' })) as z.ZodType<ReferrerType>,
    organisation: requiredText(200, 'Enter the name of your organisation', 'Organisation'),
    name: requiredText(100, 'Enter your name', 'Your name'),
    email,
    phone,
    wantsUpdates: choice(YES_NO, 'Choose yes if you would like email updates'),
  })
  .superRefine((form, ctx) => updatesNeedEmail(form, ctx, 'Enter your email address or phone number'));

export const parentForm = z
  .object({
    name: requiredText(100, 'Enter your name', 'Your name'),
    relationship: requiredText(60, 'Enter how you are related to the young person', 'Relationship'),
    email,
    phone,
    wantsUpdates: choice(YES_NO, 'Choose yes if you would like email updates'),
  })
  .superRefine((form, ctx) => updatesNeedEmail(form, ctx, 'Enter your email address or phone number'));

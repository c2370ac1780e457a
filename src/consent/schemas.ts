import { z } from 'zod';
import { calendarDateField } from '../platform/http/date-field.ts';
import { ageOn } from '../young-people/index.ts';
import type { ConsentGiver } from '../platform/db/tables/casework.ts';

export const TEXT_MAX_LENGTH = 2000;
export const NAME_MAX_LENGTH = 200;

/** The people a young person can agree to share information with, as the form offers them. */
export const SHARE_PARTIES = {
  referrer: 'The person or organisation who referred them',
  gp: 'Their GP',
  school: 'Their school or college',
  parent_carer: 'Their parent or carer',
} as const;

export const CONSENT_GIVERS: Record<ConsentGiver, string> = {
  young_person: 'The young person',
  parent_carer: 'A parent or carer',
};

/** Below this age a young person consenting for themselves needs their competence assessed (Gillick). */
export const AGE_OF_OWN_CONSENT = 16;

/**
 * A radio choice that, when missing, still lets the cross-field checks below run, so every problem
 * shows on the first submit (a failed z.enum would stop them).
 */
function choice<const Codes extends readonly [string, ...string[]]>(codes: Codes, message: string) {
  return z
    .string()
    .prefault('')
    .refine((value) => (codes as readonly string[]).includes(value), { error: message })
    .transform((value) => value as Codes[number]);
}
const yesNo = (message: string) => choice(['yes', 'no'], message);
const text = (max: number, tooLong: string) => z.string().trim().max(max, tooLong).prefault('');
const required = (max: number, missing: string, tooLong: string) => z.string().trim().min(1, missing).max(max, tooLong).prefault('');
const notInFuture = (date: string, today: string) => date <= today;

const PARTY_CODES = Object.keys(SHARE_PARTIES) as [keyof typeof SHARE_PARTIES, ...(keyof typeof SHARE_PARTIES)[]];

/** True when the young person is under 16 on the day they gave consent. */
export function needsCompetenceNote(givenBy: ConsentGiver, dateOfBirth: string, givenOn: string): boolean {
  return givenBy === 'young_person' && ageOn(dateOfBirth, new Date(`${givenOn}T12:00:00Z`)) < AGE_OF_OWN_CONSENT;
}

/** The consent form, for one young person: whether a competence note is needed depends on their age. */
export function consentForm(dateOfBirth: string, today: string) {
  return z
    .object({
      toService: yesNo('Select whether they agree to support from the service'),
      share: z
        .union([z.enum(PARTY_CODES), z.array(z.enum(PARTY_CODES))], { error: 'Select who they agree to share information with' })
        .optional()
        .transform((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value])),
      research: yesNo('Select whether they agree to their information being used for research'),
      givenBy: choice(['young_person', 'parent_carer'], 'Select who gave consent'),
      givenByName: text(NAME_MAX_LENGTH, `Name must be ${NAME_MAX_LENGTH} characters or fewer`),
      competenceNote: text(TEXT_MAX_LENGTH, `Competence assessment must be ${TEXT_MAX_LENGTH} characters or fewer`),
      whatTheyWereTold: required(TEXT_MAX_LENGTH, 'Enter what they were told before they agreed', `What they were told must be ${TEXT_MAX_LENGTH} characters or fewer`),
      givenOn: calendarDateField({ label: 'date consent was given' }),
    })
    .superRefine((form, ctx) => {
      if (form.givenBy === 'parent_carer' && !form.givenByName) {
        ctx.addIssue({ code: 'custom', path: ['givenByName'], message: 'Enter the name of the parent or carer who gave consent' });
      }
      if (form.toService === 'no' && (form.share?.length > 0 || form.research === 'yes')) {
        ctx.addIssue({ code: 'custom', path: ['share'], message: 'Information cannot be shared without consent to support: untick the sharing, or select yes for support' });
      }
      // Runs even when other fields have problems, so each part is checked only once it is valid.
      if (typeof form.givenOn !== 'string') return;
      if (!notInFuture(form.givenOn, today)) {
        ctx.addIssue({ code: 'custom', path: ['givenOn', 'day'], message: 'Date consent was given must be today or in the past' });
      } else if (needsCompetenceNote(form.givenBy, dateOfBirth, form.givenOn) && !form.competenceNote) {
        ctx.addIssue({
          code: 'custom',
          path: ['competenceNote'],
          message: 'Enter how you assessed that they understand what they are agreeing to, as they are under 16',
        });
      }
    });
}

export type ConsentInput = z.output<ReturnType<typeof consentForm>>;

export function withdrawalForm(today: string) {
  return z
    .object({
      withdrawnOn: calendarDateField({ label: 'date consent was withdrawn' }),
      withdrawalNote: required(TEXT_MAX_LENGTH, 'Enter what they said when they withdrew consent', `Note must be ${TEXT_MAX_LENGTH} characters or fewer`),
    })
    .superRefine((form, ctx) => {
      if (typeof form.withdrawnOn === 'string' && !notInFuture(form.withdrawnOn, today)) {
        ctx.addIssue({ code: 'custom', path: ['withdrawnOn', 'day'], message: 'Date consent was withdrawn must be today or in the past' });
      }
    });
}

export type WithdrawalInput = z.output<ReturnType<typeof withdrawalForm>>;

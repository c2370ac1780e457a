import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { NotFoundError } from '../platform/http/errors.ts';
import { listOf, text, wholeNumber } from '../platform/http/form-fields.ts';
import { ROUTES } from '../domain/codes.ts';
import { RISK_ANSWERS, RISK_QUESTIONS, type RiskAnswer, type RiskQuestion } from '../referrals/index.ts';
import type { Rating, ReferralRoute } from '../platform/db/tables/referrals.ts';

/** Route options for every page here: anyone but an admin is told the page does not exist. */
export const ADMINS_ONLY = { roles: ['admin'] } as const;

export const MAX_AGE = 120;
/** How long each text may be: long enough to say it well, short enough to read on a phone. */
export const TEXT_LIMITS = {
  outsideAgeMessage: 600,
  criteria: 2000,
  privacyNotice: 3000,
  whatHappensNext: 1500,
  reason: 300,
  serviceName: 150,
  whenToUse: 600,
} as const;

const idParams = z.object({ id: z.uuid() });

/** The id in the address; anything that is not an id is simply a page that does not exist. */
export function idFrom(request: FastifyRequest): string {
  const parsed = idParams.safeParse(request.params);
  if (!parsed.success) throw new NotFoundError();
  return parsed.data.id;
}

const keysOf = <Key extends string>(record: Record<Key, string>) => Object.keys(record) as [Key, ...Key[]];
const ROUTE_KEYS = keysOf<ReferralRoute>(ROUTES);

export const routesForm = z.object({
  openRoutes: z.preprocess(
    listOf,
    z
      .array(z.enum(ROUTE_KEYS, { error: 'Select routes from the list' }))
      .min(1, 'Select at least one way to refer. At least one route must stay open, or no one can refer to the scheme')
      // Kept in the order the form lists them, once each, however the browser sent them.
      .transform((routes) => ROUTE_KEYS.filter((route) => routes.includes(route))),
  ),
});

const ageFields = ['minimumAge', 'maximumAge'];
export const ageRangeForm = z
  .object({
    minimumAge: wholeNumber('Minimum age', 0, MAX_AGE, 'Enter the minimum age'),
    maximumAge: wholeNumber('Maximum age', 0, MAX_AGE, 'Enter the maximum age'),
    outsideAgeMessage: text('The message', TEXT_LIMITS.outsideAgeMessage, 'Enter the message for people outside the age range'),
  })
  .refine((form) => form.minimumAge <= form.maximumAge, {
    path: ['maximumAge'],
    message: 'Maximum age must be the same as or higher than the minimum age',
    // Compared only once both are real ages, whatever is wrong with the message.
    when: (payload) => !payload.issues.some((issue) => ageFields.includes(String(issue.path?.[0]))),
  });

export const identityForm = z.object({
  isNhsOrganisation: z.enum(['yes', 'no'], { error: 'Select whether the scheme is run by an NHS organisation' }),
});

export const criteriaForm = z.object({
  inclusionCriteria: text('Who we can help', TEXT_LIMITS.criteria, 'Enter who the scheme can help'),
  exclusionCriteria: text('Who we cannot help', TEXT_LIMITS.criteria),
});

export const publicFormTextForm = z.object({
  privacyNotice: text('The privacy notice', TEXT_LIMITS.privacyNotice, 'Enter the privacy notice'),
  whatHappensNext: text('What happens next', TEXT_LIMITS.whatHappensNext, 'Enter what happens after someone refers'),
});

export const contactPolicyForm = z.object({
  contactAttempts: wholeNumber('Number of attempts', 1, 10, 'Enter how many times to try to make contact'),
  contactWindowWorkingDays: wholeNumber('Working days for contact attempts', 1, 60, 'Enter how many working days to keep trying'),
  firstContactTargetWorkingDays: wholeNumber('First contact target', 1, 60, 'Enter the number of working days for first contact'),
});

const RATINGS = ['green', 'amber', 'red'] as const satisfies readonly Rating[];

export const ruleForm = z.object({
  question: z.enum(keysOf<RiskQuestion>(RISK_QUESTIONS), { error: 'Select the question' }),
  answer: z.enum(keysOf<RiskAnswer>(RISK_ANSWERS), { error: 'Select the answer' }),
  rating: z.enum(RATINGS, { error: 'Select a rating' }),
  reason: text('Reason', TEXT_LIMITS.reason, 'Enter the reason shown at triage'),
});

export type RuleInput = z.output<typeof ruleForm>;

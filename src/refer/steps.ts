import { differenceInYears } from 'date-fns';
import type { z } from 'zod';
import type { ReferralRoute } from '../platform/db/tables/referrals.ts';
import type { PublicSettings } from './schemes.ts';
import {
  agreementForm,
  contactForm,
  equalityForm,
  gpForm,
  needsForm,
  parentForm,
  referrerForm,
  riskForm,
  schoolForm,
  whatMattersForm,
  whoForm,
  youngPersonForm,
} from './schemas.ts';

/** The pages of the public referral form, in order. Each step's key is also its address. */
export type StepKey = 'who' | 'young-person' | 'contact' | 'school' | 'gp' | 'equality' | 'needs' | 'what-matters' | 'agreement' | 'risk' | 'referrer' | 'parent';

export interface Step {
  key: StepKey;
  /** The page's heading; self-referrers are spoken to as "you". */
  title: (self: boolean) => string;
  form: (route: ReferralRoute | undefined, settings: PublicSettings) => z.ZodObject;
  /** Date inputs on the page, posted as three boxes each. */
  dateFields?: string[];
  appliesTo?: (route: ReferralRoute) => boolean;
}

const isSelf = (route: ReferralRoute | undefined) => route === 'self';

export const STEPS: readonly Step[] = [
  { key: 'who', title: () => 'Who is making this referral?', form: (_route, settings) => whoForm(settings.openRoutes) },
  { key: 'young-person', title: (self) => (self ? 'About you' : 'About the young person'), form: (route) => youngPersonForm(isSelf(route)), dateFields: ['dateOfBirth'] },
  { key: 'contact', title: (self) => (self ? 'How can we contact you?' : 'How can we contact them?'), form: (route) => contactForm(isSelf(route)) },
  { key: 'school', title: (self) => (self ? 'Which school or college do you go to?' : 'Which school or college do they go to?'), form: () => schoolForm },
  { key: 'gp', title: (self) => (self ? 'Which GP practice are you registered with?' : 'Which GP practice are they registered with?'), form: () => gpForm },
  { key: 'equality', title: (self) => (self ? 'About you: equality questions' : 'Equality questions'), form: () => equalityForm },
  { key: 'needs', title: (self) => (self ? 'What would you like help with?' : 'What would they like help with?'), form: (route) => needsForm(isSelf(route)) },
  { key: 'what-matters', title: (self) => (self ? 'What matters to you?' : 'What matters to the young person?'), form: (route) => whatMattersForm(isSelf(route)) },
  { key: 'agreement', title: () => 'Does the young person know about this referral?', form: () => agreementForm, appliesTo: (route) => route !== 'self' },
  { key: 'risk', title: (self) => (self ? 'Some questions about your safety' : 'Questions about risk'), form: () => riskForm },
  { key: 'referrer', title: () => 'About you', form: () => referrerForm, appliesTo: (route) => route === 'professional' },
  { key: 'parent', title: () => 'About you', form: () => parentForm, appliesTo: (route) => route === 'parent_carer' },
];

export function stepNamed(key: string): Step | undefined {
  return STEPS.find((step) => step.key === key);
}

/** The steps a referral by this route goes through. Before the route is chosen, all but route-specific ones. */
export function stepsFor(route: ReferralRoute | undefined): Step[] {
  return STEPS.filter((step) => !step.appliesTo || (route !== undefined && step.appliesTo(route)));
}

/** Which side of the scheme's age range a refused date of birth fell on. */
export type AgeSide = 'under' | 'over';

/**
 * What the draft holds: each step's answers as typed (once they passed its checks). After an age
 * refusal it holds only who was filling it in and which side of the range the age fell on.
 */
export type DraftAnswers = Partial<Record<StepKey, Record<string, unknown>>> & { submittedReference?: string; outsideAge?: AgeSide };

export function routeOf(answers: DraftAnswers): ReferralRoute | undefined {
  const route = answers.who?.route;
  return route === 'professional' || route === 'parent_carer' || route === 'self' ? route : undefined;
}

export function ageToday(dateOfBirth: string, today = new Date()): number {
  return differenceInYears(today, new Date(`${dateOfBirth}T00:00:00`));
}

/** Undefined when the age is within the scheme's range. */
export function outsideAgeSide(age: number, settings: PublicSettings): AgeSide | undefined {
  if (age < settings.minimumAge) return 'under';
  return age > settings.maximumAge ? 'over' : undefined;
}

/** A refused referral keeps nobody's personal details: only the route and the side of the age range. */
export function refusedAnswers(answers: DraftAnswers, side: AgeSide): DraftAnswers {
  return { ...(answers.who ? { who: answers.who } : {}), outsideAge: side };
}

/** Each step's checked answers, for a draft whose steps are all complete. */
export type CheckedAnswers = Partial<Record<StepKey, Record<string, unknown>>>;

export type Progress =
  | { state: 'complete'; route: ReferralRoute; checked: CheckedAnswers }
  | { state: 'incomplete'; step: StepKey }
  | { state: 'outside_age'; side: AgeSide };

/**
 * Where a draft has got to: the first step still to answer, the age stop, or complete. Answers are
 * checked again here (not trusted from when they were saved), so a scheme closing a route or
 * changing its age range since is caught before anything is sent.
 */
export function progressOf(answers: DraftAnswers, settings: PublicSettings): Progress {
  const route = routeOf(answers);
  const checked: CheckedAnswers = {};
  for (const step of stepsFor(route)) {
    if (step.key === 'young-person' && answers.outsideAge) return { state: 'outside_age', side: answers.outsideAge };
    const parsed = step.form(route, settings).safeParse(answers[step.key] ?? {});
    if (!parsed.success) return { state: 'incomplete', step: step.key };
    checked[step.key] = parsed.data as Record<string, unknown>;
    const side = step.key === 'young-person' ? outsideAgeSide(ageToday(String(parsed.data.dateOfBirth)), settings) : undefined;
    if (side) return { state: 'outside_age', side };
  }
  return { state: 'complete', route: route!, checked };
}

/** Whether a step may be shown yet: only steps up to the first unanswered one, so none is skipped. */
export function reachable(step: Step, answers: DraftAnswers, settings: PublicSettings): { ok: true } | { ok: false; redirectTo: StepKey | 'not-eligible' | 'check' } {
  const route = routeOf(answers);
  const steps = stepsFor(route);
  const index = steps.findIndex((candidate) => candidate.key === step.key);
  const progress = progressOf(answers, settings);
  if (index === -1) return { ok: false, redirectTo: progress.state === 'incomplete' ? progress.step : 'check' };
  if (progress.state === 'complete') return { ok: true };
  if (progress.state === 'outside_age') return index <= steps.findIndex((candidate) => candidate.key === 'young-person') ? { ok: true } : { ok: false, redirectTo: 'not-eligible' };
  const firstOpen = steps.findIndex((candidate) => candidate.key === progress.step);
  return index <= firstOpen ? { ok: true } : { ok: false, redirectTo: progress.step };
}

/** The step after this one for the route, or the check-answers page. */
export function nextAfter(key: StepKey, route: ReferralRoute | undefined): StepKey | 'check' {
  const steps = stepsFor(route);
  const index = steps.findIndex((step) => step.key === key);
  return steps[index + 1]?.key ?? 'check';
}

export function previousBefore(key: StepKey, route: ReferralRoute | undefined): StepKey | undefined {
  const steps = stepsFor(route);
  const index = steps.findIndex((step) => step.key === key);
  return index > 0 ? steps[index - 1]?.key : undefined;
}

/** Only a step's own fields are kept from a post: never the CSRF token or anything extra sent along. */
export function fieldsOf(step: Step, route: ReferralRoute | undefined, settings: PublicSettings, input: Record<string, unknown>): Record<string, unknown> {
  const names = Object.keys(step.form(route, settings).shape);
  return Object.fromEntries(names.filter((name) => input[name] !== undefined).map((name) => [name, input[name]]));
}

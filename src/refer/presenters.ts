import type { ReferralRoute } from '../platform/db/tables/referrals.ts';
import { formatUkDate } from '../platform/views/render.ts';
import { NEEDS, REFERRER_TYPES, ROUTES } from '../domain/codes.ts';
import { RISK_ANSWERS, RISK_QUESTIONS, type RiskQuestion } from '../referrals/index.ts';
import { AGREEMENT, CONTACT_SAFE, EQUALITY_LABELS, EQUALITY_QUESTIONS, PREFER_NOT_TO_SAY } from './schemas.ts';
import { stepsFor, type CheckedAnswers, type StepKey } from './steps.ts';
import { riskQuestionsFor } from './wording.ts';

interface Row {
  key: { text: string };
  value: { text: string };
  actions: { items: { href: string; text: string; visuallyHiddenText: string }[] };
}

export interface Section {
  heading: string;
  rows: Row[];
}

const NOT_GIVEN = 'Not given';
const YES_NO: Record<string, string> = { yes: 'Yes', no: 'No' };

type Answers = Record<string, unknown>;
const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value : NOT_GIVEN);
const list = (values: unknown, labels: Record<string, string>) => (Array.isArray(values) && values.length ? values.map((value) => labels[String(value)] ?? String(value)).join(', ') : 'None');

function sectionRows(key: StepKey, answers: Answers, self: boolean, wording: Record<RiskQuestion, string>): [string, string][] {
  switch (key) {
    case 'who':
      return [['Who is referring', ROUTES[answers.route as ReferralRoute]]];
    case 'young-person':
      return [
        ['First name', text(answers.givenName)],
        ['Last name', text(answers.familyName)],
        ['Preferred name', text(answers.preferredName)],
        ['Date of birth', formatUkDate(answers.dateOfBirth)],
        ['Pronouns', text(answers.pronouns)],
      ];
    case 'contact':
      return [
        ['Phone', text(answers.phone)],
        ['Email', text(answers.email)],
        ['Address', text(answers.address)],
        ['Postcode', text(answers.postcode)],
        ['Safe to contact by', list(answers.safeTo, CONTACT_SAFE)],
        ...(self ? [['Email updates', YES_NO[String(answers.emailUpdates)] ?? NOT_GIVEN] as [string, string]] : []),
      ];
    case 'school':
      return [['School or college', text(answers.school)]];
    case 'gp':
      return [['GP practice', text(answers.gpPractice)]];
    case 'equality':
      return Object.entries(EQUALITY_LABELS).map(([name, label]) => {
        const value = String(answers[name] ?? '');
        const labels: Record<string, string> = EQUALITY_QUESTIONS[name as keyof typeof EQUALITY_QUESTIONS];
        return [label, value === PREFER_NOT_TO_SAY ? 'Prefer not to say' : (labels[value] ?? 'Not answered')];
      });
    case 'needs':
      return [
        ['Help with', list(answers.needs, NEEDS)],
        ['In their words', text(answers.needsDetail)],
      ];
    case 'what-matters':
      return [['What matters', text(answers.whatMatters)]];
    case 'agreement':
      return [
        ['Knows about the referral', YES_NO[String(answers.knowsAboutReferral)] ?? NOT_GIVEN],
        ['Agrees to the referral', AGREEMENT[answers.agreesToReferral as keyof typeof AGREEMENT] ?? NOT_GIVEN],
      ];
    case 'risk': {
      const questions = riskQuestionsFor(self, wording);
      return Object.keys(RISK_QUESTIONS).map((question) => [questions[question as keyof typeof RISK_QUESTIONS], RISK_ANSWERS[answers[question] as keyof typeof RISK_ANSWERS] ?? NOT_GIVEN]);
    }
    case 'referrer':
      return [
        ['Where you work', REFERRER_TYPES[answers.referrerType as keyof typeof REFERRER_TYPES] ?? NOT_GIVEN],
        ['Organisation', text(answers.organisation)],
        ['Your name', text(answers.name)],
        ['Your email', text(answers.email)],
        ['Your phone', text(answers.phone)],
        ['Email updates', YES_NO[String(answers.wantsUpdates)] ?? NOT_GIVEN],
      ];
    case 'parent':
      return [
        ['Your name', text(answers.name)],
        ['Relationship', text(answers.relationship)],
        ['Your email', text(answers.email)],
        ['Your phone', text(answers.phone)],
        ['Email updates', YES_NO[String(answers.wantsUpdates)] ?? NOT_GIVEN],
      ];
  }
}

const SECTION_HEADINGS: Record<StepKey, (self: boolean) => string> = {
  who: () => 'Who is referring',
  'young-person': (self) => (self ? 'You' : 'The young person'),
  contact: () => 'Contact details',
  school: () => 'School or college',
  gp: () => 'GP practice',
  equality: () => 'Equality questions',
  needs: () => 'Help wanted',
  'what-matters': () => 'What matters',
  agreement: () => 'Agreement',
  risk: (self) => (self ? 'Your safety' : 'Risk questions'),
  referrer: () => 'About you',
  parent: () => 'About you',
};

/** The check-answers page: every answer with a link back to change it. */
export function checkAnswerSections(route: ReferralRoute, checked: CheckedAnswers, slug: string, wording: Record<RiskQuestion, string>): Section[] {
  const self = route === 'self';
  return stepsFor(route).map((step) => ({
    heading: SECTION_HEADINGS[step.key](self),
    rows: sectionRows(step.key, checked[step.key] ?? {}, self, wording).map(([key, value]) => ({
      key: { text: key },
      value: { text: value },
      actions: { items: [{ href: `/refer/${slug}/${step.key}?change=1`, text: 'Change', visuallyHiddenText: key.toLowerCase() }] },
    })),
  }));
}

import { NEEDS } from '../domain/codes.ts';
import { RISK_ANSWERS, RISK_QUESTIONS } from '../referrals/index.ts';
import { AGREEMENT, CONTACT_SAFE, EQUALITY_LABELS, EQUALITY_QUESTIONS, PREFER_NOT_TO_SAY } from '../refer/index.ts';

/**
 * Turns what the referral form captured (kept as answered, in `referrals.answers`, grouped by the
 * form's steps) into labelled sections for triage. Answers this file does not know are still
 * shown, under "Other answers", so nothing a referrer wrote is hidden from the person deciding.
 */

type Choices = Readonly<Record<string, string>>;

interface Question {
  /** Where the answer sits, e.g. "contact.phone". */
  path: string;
  label: string;
  choices?: Choices;
}

const YES_NO: Choices = { yes: 'Yes', no: 'No' };


const SECTIONS: { heading: string; questions: Question[] }[] = [
  {
    heading: 'Contact, and what is safe',
    questions: [
      { path: 'contact.phone', label: 'Phone' },
      { path: 'contact.email', label: 'Email' },
      { path: 'contact.address', label: 'Address' },
      { path: 'contact.postcode', label: 'Postcode' },
      { path: 'contact.safeTo', label: 'Safe to contact them by', choices: CONTACT_SAFE },
      { path: 'contact.emailUpdates', label: 'May we email them updates', choices: YES_NO },
      { path: 'parentCarer.relationship', label: 'Referrer’s relationship to them' },
    ],
  },
  {
    heading: 'School and GP',
    questions: [
      { path: 'school', label: 'School or college' },
      { path: 'gpPractice', label: 'GP practice' },
    ],
  },
  { heading: 'Needs', questions: [{ path: 'needsDetail', label: 'What is going on' }] },
  { heading: 'What matters to them', questions: [{ path: 'whatMatters', label: 'What they said matters to them' }] },
  {
    heading: 'Knows and agrees',
    questions: [
      { path: 'agreement.selfReferral', label: 'Referred themselves', choices: { true: 'Yes', false: 'No' } },
      { path: 'agreement.knowsAboutReferral', label: 'Do they know about this referral?', choices: YES_NO },
      { path: 'agreement.agreesToReferral', label: 'Do they agree to it?', choices: AGREEMENT },
    ],
  },
  {
    heading: 'Equality',
    questions: [
      { path: 'pronouns', label: 'Pronouns' },
      ...Object.entries(EQUALITY_QUESTIONS).map(([key, choices]) => ({
        path: `equality.${key}`,
        label: EQUALITY_LABELS[key as keyof typeof EQUALITY_QUESTIONS],
        choices: { ...choices, [PREFER_NOT_TO_SAY]: 'Prefer not to say' },
      })),
    ],
  },
];

/** The value at a dotted path, e.g. "contact.phone". */
export function answerAt(answers: Record<string, unknown>, path: string): unknown {
  return path.split('.').reduce<unknown>((value, key) => (value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined), answers);
}

export function answerText(value: unknown, choices: Choices = {}): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map((item) => answerText(item, choices)).filter(Boolean).join(', ');
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .map(([key, inner]) => `${humanise(key)}: ${answerText(inner)}`)
      .join('; ');
  }
  const text = String(value).trim();
  return choices[text] ?? text;
}

function humanise(path: string): string {
  const words = path
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/[._-]+/g, ' ')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export interface AnswerRow {
  label: string;
  text: string;
}

/** The risk questions, each with the answer given: triage reads these beside the rating's reasons. */
export function riskAnswers(answers: Record<string, unknown>, wording: Record<string, string> = RISK_QUESTIONS): AnswerRow[] {
  const risk = riskAnswersOf(answers);
  return Object.entries(wording).map(([key, question]) => ({ label: question, text: answerText(risk[key], RISK_ANSWERS) || 'Not answered' }));
}

/** The form keeps the risk answers together under "risk". */
export function riskAnswersOf(answers: Record<string, unknown>): Record<string, unknown> {
  const risk = answers.risk;
  return risk && typeof risk === 'object' ? (risk as Record<string, unknown>) : {};
}

export function needsList(needs: readonly string[]): string[] {
  return needs.map((need) => NEEDS[need] ?? humanise(need));
}

/** Every answer as path and value, one level into each step's group. */
function flatten(answers: Record<string, unknown>): [string, unknown][] {
  return Object.entries(answers).flatMap(([key, value]): [string, unknown][] =>
    value && typeof value === 'object' && !Array.isArray(value) ? Object.entries(value as Record<string, unknown>).map(([inner, v]) => [`${key}.${inner}`, v]) : [[key, value]],
  );
}

export function answerSections(answers: Record<string, unknown>) {
  const known = new Set([...SECTIONS.flatMap((section) => section.questions.map((question) => question.path)), ...Object.keys(RISK_QUESTIONS).map((key) => `risk.${key}`)]);
  return {
    sections: SECTIONS.map((section) => ({
      heading: section.heading,
      rows: section.questions.map((question) => ({ label: question.label, text: answerText(answerAt(answers, question.path), question.choices) })).filter((row) => row.text !== ''),
    })),
    other: flatten(answers)
      .filter(([path]) => !known.has(path))
      .map(([path, value]) => ({ label: humanise(path), text: answerText(value) }))
      .filter((row) => row.text !== ''),
  };
}

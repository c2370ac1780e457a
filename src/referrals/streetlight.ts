import type { Rating } from '../platform/db/tables/referrals.ts';

/**
 * The "streetlight" risk questions every referral form asks. A scheme's rules map answers to a
 * rating: green (social prescribing fits), amber (discuss at allocation), red (needs a statutory or
 * clinical service first).
 */
export const RISK_QUESTIONS = {
  risk_to_life: 'Is the young person at immediate risk of harm, or have they talked about ending their life?',
  self_harm: 'Are they hurting themselves at the moment?',
  safeguarding: 'Is there an open safeguarding concern or a child protection plan?',
  mental_health_service: 'Are they waiting for, or being seen by, CAMHS or another mental health service?',
  substance_use: 'Is drug or alcohol use one of the main worries?',
} as const;

export type RiskQuestion = keyof typeof RISK_QUESTIONS;
export const RISK_ANSWERS = { yes: 'Yes', no: 'No', not_sure: 'Not sure' } as const;
export type RiskAnswer = keyof typeof RISK_ANSWERS;

export interface StreetlightRule {
  question: string;
  answer: string;
  rating: Rating;
  reason: string;
}

export interface StreetlightResult {
  rating: Rating;
  /** Why, most serious first: shown at triage beside the rating. */
  reasons: string[];
}

const SEVERITY: Record<Rating, number> = { green: 0, amber: 1, red: 2 };

export const NO_CONCERNS_REASON = 'None of the risk answers raises a concern';

export function rateReferral(answers: Partial<Record<string, string>>, rules: readonly StreetlightRule[]): StreetlightResult {
  const matched = rules
    .filter((rule) => answers[rule.question] === rule.answer && rule.rating !== 'green')
    .sort((a, b) => SEVERITY[b.rating] - SEVERITY[a.rating]);
  const worst = matched[0];
  if (!worst) return { rating: 'green', reasons: [NO_CONCERNS_REASON] };
  return { rating: worst.rating, reasons: matched.map((rule) => `${rule.rating === 'red' ? 'Red' : 'Amber'}: ${rule.reason}`) };
}

/** The rules a new scheme starts with; an admin can change them. */
export const DEFAULT_STREETLIGHT_RULES: readonly StreetlightRule[] = [
  { question: 'risk_to_life', answer: 'yes', rating: 'red', reason: 'At immediate risk: needs crisis or statutory mental health support now' },
  { question: 'risk_to_life', answer: 'not_sure', rating: 'amber', reason: 'Risk to life not known: check with the referrer before going further' },
  { question: 'safeguarding', answer: 'yes', rating: 'red', reason: 'Active safeguarding: children’s services lead first' },
  { question: 'safeguarding', answer: 'not_sure', rating: 'amber', reason: 'Safeguarding not known: check with the referrer' },
  { question: 'self_harm', answer: 'yes', rating: 'amber', reason: 'Self-harm: discuss whether social prescribing is safe alongside other support' },
  { question: 'mental_health_service', answer: 'yes', rating: 'amber', reason: 'Known to mental health services: make sure social prescribing is not filling a waiting-list gap' },
  { question: 'substance_use', answer: 'yes', rating: 'amber', reason: 'Drug or alcohol use: consider a specialist young people’s service' },
];

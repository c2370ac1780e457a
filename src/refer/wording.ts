import { RISK_QUESTIONS, type RiskQuestion } from '../referrals/index.ts';

// A young person referring themselves reads the same questions spoken to them.
const RISK_QUESTIONS_FOR_YOU: Record<RiskQuestion, string> = {
  risk_to_life: 'Are you in danger of being hurt right now, or have you been thinking about ending your life?',
  self_harm: 'Are you hurting yourself at the moment?',
  safeguarding: 'Is a social worker or children’s services involved because of worries about your safety?',
  mental_health_service: 'Are you waiting for, or seeing, CAMHS or another mental health service?',
  substance_use: 'Is drug or alcohol use one of the main things worrying you?',
};

/** The scheme's own wording (its latest version) is for referrers; a young person reads theirs spoken to them. */
export function riskQuestionsFor(self: boolean, schemeWording: Record<RiskQuestion, string> = RISK_QUESTIONS): Record<RiskQuestion, string> {
  return self ? RISK_QUESTIONS_FOR_YOU : { ...schemeWording };
}

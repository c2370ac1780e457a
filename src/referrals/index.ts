// The public entry of referrals: other features import only what is exported here.
export { recordReferralEvent } from './events.ts';
export { DEFAULT_STREETLIGHT_RULES, RISK_ANSWERS, RISK_QUESTIONS, rateReferral } from './streetlight.ts';
export type { RiskAnswer, RiskQuestion } from './streetlight.ts';

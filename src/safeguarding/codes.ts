import type { SafeguardingUrgency } from '../platform/db/tables/casework.ts';

/** Coded lists for safeguarding concerns. Labels are what people read. */

export const CONCERN_CATEGORIES = {
  self_harm_or_suicide_risk: 'Self-harm or suicide risk',
  abuse_or_neglect: 'Abuse or neglect',
  exploitation: 'Exploitation (criminal or sexual)',
  domestic_abuse: 'Domestic abuse',
  online_harm: 'Online harm',
  other: 'Something else',
} as const;
export type ConcernCategory = keyof typeof CONCERN_CATEGORIES;

export const REFERRED_TO = {
  designated_safeguarding_lead: 'Designated safeguarding lead',
  local_authority_front_door: 'Local authority front door (children’s or adult social care)',
  police: 'Police',
  camhs_crisis: 'CAMHS crisis team',
  none_yet: 'Not yet referred',
} as const;
export type ReferredTo = keyof typeof REFERRED_TO;

/** Most urgent first: the order concerns are listed in. */
export const URGENCIES: Record<SafeguardingUrgency, { text: string; hint: string; colour: string }> = {
  immediate: { text: 'Immediate', hint: 'The young person may be at risk of harm now', colour: 'red' },
  today: { text: 'Today', hint: 'Needs a manager’s attention before the end of the day', colour: 'orange' },
  within_a_week: { text: 'Within a week', hint: 'Needs follow-up, but no one is at risk right now', colour: 'yellow' },
};

export const URGENCY_ORDER = Object.keys(URGENCIES) as SafeguardingUrgency[];

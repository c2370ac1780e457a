import { NEEDS } from '../domain/codes.ts';

/**
 * The coded answers of the "what matters to me" conversation. Matching young people to community
 * activities uses the same codes, so an interest recorded here finds activities of that kind.
 */

export type InterestCode = 'creative' | 'social' | 'indoor' | 'self_care' | 'sports' | 'vocational_educational';
export type BarrierCode = 'confidence' | 'cost' | 'travel' | 'anxiety_about_groups' | 'other';

/** The six categories of community activity social prescribing connects young people to. */
export const INTERESTS: Record<InterestCode, string> = {
  creative: 'Creative (for example art, music, drama, writing)',
  social: 'Social (for example youth clubs, meeting new people)',
  indoor: 'Indoor (for example board games, gaming, cooking)',
  self_care: 'Self-care (for example mindfulness, sleep, time outdoors)',
  sports: 'Sports and being active',
  vocational_educational: 'Vocational and educational (for example volunteering, courses, work skills)',
};

/** Needs and concerns use the referral's needs list, so what the referrer saw and what the young person says line up. */
export const NEEDS_AND_CONCERNS: Record<string, string> = NEEDS;

export const BARRIERS: Record<BarrierCode, string> = {
  confidence: 'Confidence',
  cost: 'Cost',
  travel: 'Travel',
  anxiety_about_groups: 'Anxiety about groups',
  other: 'Something else',
};

/** Labels for stored codes, in the list's order; a code no longer in the list still shows as itself. */
export function labelsOf(codes: readonly string[], labels: Record<string, string>): string[] {
  return codes.map((code) => labels[code] ?? code);
}

import { answerAt } from './answers.ts';

export interface Catchment {
  included_areas: string[];
  included_gp_practices: string[];
  included_schools: string[];
}

interface Referred {
  postcode: string | null;
  answers: Record<string, unknown>;
}

/** The district of a full or partial UK postcode: "LS6 2AB" and "ls62ab" are both LS6. */
export function postcodeDistrict(postcode: string | null): string | null {
  const compact = (postcode ?? '').replace(/\s+/g, '').toUpperCase();
  if (!compact) return null;
  return compact.length > 4 ? compact.slice(0, -3) : compact;
}

const sameName = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

function answerText(answers: Record<string, unknown>, path: string): string | null {
  const value = answerAt(answers, path);
  return typeof value === 'string' && value.trim() ? value.trim() : null;
}

/**
 * What about a referral falls outside the places the scheme covers, for the manager to judge: a
 * list left empty checks nothing, and an answer not given is said to be unknown, not outside.
 */
export function catchmentFlags(referral: Referred, catchment: Catchment): string[] {
  const flags: string[] = [];
  if (catchment.included_areas.length) {
    const district = postcodeDistrict(referral.postcode);
    if (!district) flags.push('No postcode given, so the area cannot be checked');
    else if (!catchment.included_areas.includes(district)) flags.push(`Postcode area ${district} is not one the scheme covers`);
  }
  const named = (label: string, path: string, list: string[]) => {
    if (!list.length) return;
    const given = answerText(referral.answers, path);
    if (!given) flags.push(`No ${label} given, so it cannot be checked`);
    else if (!list.some((entry) => sameName(entry, given))) flags.push(`${given} is not a ${label} the scheme works with`);
  };
  named('GP practice', 'gpPractice', catchment.included_gp_practices);
  named('school or college', 'school', catchment.included_schools);
  return flags;
}

import type { Stage } from '../platform/db/schema.ts';

export const STAGE_LABELS: Record<Stage, string> = {
  new_referral: 'New referral',
  waiting_for_allocation: 'Waiting for a link worker',
  making_contact: 'Making contact',
  in_support: 'In support',
  closed: 'Closed',
};

const STAGE_TAG_COLOURS: Record<Stage, string> = {
  new_referral: 'blue',
  waiting_for_allocation: 'yellow',
  making_contact: 'orange',
  in_support: 'green',
  closed: 'grey',
};

export function stageTag(stage: Stage): { text: string; colour: string } {
  return { text: STAGE_LABELS[stage], colour: STAGE_TAG_COLOURS[stage] };
}

/** The name a young person asked to be called leads; the legal name follows for matching records. */
export function displayName(person: { given_name: string; family_name: string; preferred_name: string | null }): string {
  return person.preferred_name ? `${person.preferred_name} ${person.family_name} (${person.given_name})` : `${person.given_name} ${person.family_name}`;
}

export function ageOn(dateOfBirth: string, today = new Date()): number {
  const [year, month, day] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const hadBirthday = today.getUTCMonth() + 1 > month || (today.getUTCMonth() + 1 === month && today.getUTCDate() >= day);
  return today.getUTCFullYear() - year - (hadBirthday ? 0 : 1);
}

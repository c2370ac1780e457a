import { ageOn, displayName, stageTag } from '../young-people/index.ts';
import { attentionFor, byWhatMattersNow, type SchemeRules } from './attention.ts';
import type { caseloadOf } from './queries.ts';

type CaseloadRows = Awaited<ReturnType<typeof caseloadOf>>;

/** Each young person with what needs attention, the caseload sorted by what matters now. */
export function presentCaseload(rows: CaseloadRows, rules: SchemeRules) {
  return rows
    .map((row) => ({
      id: row.id,
      name: displayName(row),
      age: ageOn(row.date_of_birth),
      tag: stageTag(row.stage),
      nextSessionAt: row.next_session_at === null ? null : new Date(row.next_session_at),
      attention: attentionFor(row.facts, rules),
      sortName: `${row.family_name} ${row.given_name}`,
    }))
    .sort(byWhatMattersNow);
}

export function capacityText(openCases: number, capacity: number): string {
  const over = openCases - capacity;
  return `${openCases} open ${openCases === 1 ? 'case' : 'cases'} of a capacity of ${capacity}${over > 0 ? `: over capacity by ${over}` : ''}.`;
}

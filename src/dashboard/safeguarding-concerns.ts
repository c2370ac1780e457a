import type { CallerTransaction } from '../platform/db/caller-data.ts';
import { openConcernsInScheme } from '../safeguarding/index.ts';
import { categoryLabel, mostUrgentFirst, urgencyTag } from '../safeguarding/index.ts';
import { displayName } from '../young-people/index.ts';

/** Open safeguarding concerns lead the dashboard, most urgent and longest waiting first, until a manager closes each. */
export async function openSafeguardingConcerns(tx: CallerTransaction) {
  return mostUrgentFirst(await openConcernsInScheme(tx)).map((row) => ({
    id: row.id,
    href: `/young-people/${row.young_person_id}/safeguarding`,
    name: displayName(row),
    category: categoryLabel(row.category),
    urgencyTag: urgencyTag(row.urgency),
    raisedAt: row.raised_at,
    raisedBy: row.raised_by_name ?? 'Not recorded',
  }));
}

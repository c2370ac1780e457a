import type { FastifyRequest } from 'fastify';
import type { CallerTransaction } from '../platform/db/caller-data.ts';
import type { DataRightsRequestsTable } from '../platform/db/tables/data-rights.ts';
import type { Selectable } from 'kysely';
import { formatUkDate } from '../platform/views/render.ts';
import { recordHeader } from '../young-people/index.ts';
import { presentChange } from '../young-people/index.ts';
import { episodesOf } from '../domain/episodes.ts';
import { correctionsOf, requestsOf } from './requests.ts';
import { policyInWords, retainUntil } from './retention-policy.ts';
import { readRetentionPolicy } from './settings-routes.ts';
import { KIND_LABELS, STATUS_TAGS } from './schemas.ts';

type RequestRow = Selectable<DataRightsRequestsTable> & { decided_by_name?: string | null };

export function presentRequest(row: RequestRow) {
  return {
    id: row.id,
    kind: KIND_LABELS[row.kind] ?? row.kind,
    requestedBy: row.requested_by ?? (row.kind === 'retention' ? 'The scheme’s retention policy' : 'Not recorded'),
    receivedOn: formatUkDate(row.received_on),
    status: STATUS_TAGS[row.status] ?? { text: row.status, colour: 'grey' },
    isOpen: row.status === 'open',
    decision: row.decision_note ?? '',
    decidedBy: row.decided_at ? `${row.decided_by_name ?? 'Linkway (automatic)'}, ${formatUkDate(row.decided_at)}` : '',
  };
}

/** How long this record is kept, in a sentence: anonymised already, kept during support, or until a date. */
function retentionSentence(
  person: { date_of_birth: string; anonymised_at: Date | null },
  episodes: { closed_on: string | null }[],
  policy: { yearsAfterDischarge: number; untilAge: number },
): string {
  if (person.anonymised_at) return `This record was anonymised on ${formatUkDate(person.anonymised_at)}.`;
  const rule = policyInWords(policy);
  if (episodes.length === 0 || episodes.some((episode) => episode.closed_on === null)) return `The scheme keeps records ${rule}.`;
  const lastClosed = episodes.map((episode) => episode.closed_on!).sort().at(-1)!;
  return `The scheme keeps records ${rule}. This record will be anonymised automatically after ${formatUkDate(retainUntil(person.date_of_birth, lastClosed, policy))}.`;
}

/** Everything the data rights page of a record shows. Undefined when the caller may not see the person. */
export async function dataRightsPage(tx: CallerTransaction, request: FastifyRequest, youngPersonId: string) {
  const header = await recordHeader(tx, request, youngPersonId, '/data-rights');
  if (!header) return undefined;
  const requests = await requestsOf(tx, youngPersonId);
  const corrections = await correctionsOf(tx, youngPersonId, header.person.created_at);
  const episodes = await episodesOf(tx, youngPersonId);
  const policy = await readRetentionPolicy(tx);
  return {
    header,
    requests: requests.map(presentRequest),
    corrections: corrections.map(presentChange),
    retention: retentionSentence(header.person, episodes, policy),
    exportHref: `/young-people/${youngPersonId}/data-rights/export`,
  };
}

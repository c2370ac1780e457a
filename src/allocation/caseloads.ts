import { sql } from 'kysely';
import type { CallerTransaction } from '../platform/db/caller-data.ts';

export interface LinkWorkerCaseload {
  id: string;
  name: string;
  caseload_capacity: number;
  openCases: number;
  /** Open cases left before capacity; negative when over. */
  room: number;
}

/**
 * Each active link worker's open cases against their capacity. The counts come from a database
 * function that returns numbers only, so a manager's page needs no one's record to show them.
 */
export async function linkWorkerCaseloads(tx: CallerTransaction): Promise<LinkWorkerCaseload[]> {
  const [workers, counts] = await Promise.all([
    tx.db.selectFrom('users').select(['id', 'name', 'caseload_capacity']).where('role', '=', 'link_worker').where('active', '=', true).orderBy('name').execute(),
    sql<{ worker_id: string; open_cases: number }>`select worker_id, open_cases from organisation_caseload_counts()`.execute(tx.db),
  ]);
  const open = new Map(counts.rows.map((row) => [row.worker_id, Number(row.open_cases)]));
  return workers.map((worker) => {
    const openCases = open.get(worker.id) ?? 0;
    return { ...worker, openCases, room: worker.caseload_capacity - openCases };
  });
}

/** How a caseload reads beside a worker's name, in a table or under a choice. */
export function caseloadText(worker: LinkWorkerCaseload): string {
  const cases = `${worker.openCases} open ${worker.openCases === 1 ? 'case' : 'cases'}, capacity ${worker.caseload_capacity}`;
  if (worker.room > 0) return cases;
  return worker.room === 0 ? `${cases}. Full` : `${cases}. Over capacity by ${-worker.room}`;
}

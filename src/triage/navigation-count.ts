import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { CallerTransaction } from '../platform/db/caller-data.ts';

export interface TriageCounts {
  waiting: number;
  red: number;
}

/** Numbers only, from a database function, so the count on every page reads no one's details. */
export async function triageCounts(tx: CallerTransaction): Promise<TriageCounts> {
  const result = await sql<{ waiting: string | number; red: string | number }>`select waiting, red from triage_waiting_counts()`.execute(tx.db);
  const row = result.rows[0];
  return { waiting: Number(row?.waiting ?? 0), red: Number(row?.red ?? 0) };
}

/** "Triage (3, 1 red)": a manager sees on every page that referrals wait, and whether any is red. */
export function triageNavigationText({ waiting, red }: TriageCounts): string {
  if (waiting === 0) return 'Triage';
  return red ? `Triage (${waiting}, ${red} red)` : `Triage (${waiting})`;
}

/** Pages a manager reads carry the count in the Triage navigation item. */
export function registerTriageCount(app: FastifyInstance): void {
  app.addHook('preHandler', async (request) => {
    const account = request.account;
    if (request.method !== 'GET' || request.routeOptions.config.public || account?.role !== 'manager' || account.secondFactorPending) return;
    const counts = await request.data.run(triageCounts);
    request.navigationText = { '/triage': triageNavigationText(counts) };
  });
}

import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { CallerTransaction } from '../platform/db/caller-data.ts';
import type { Stage } from '../platform/db/schema.ts';
import { STAGE_LABELS } from '../young-people/presenters.ts';

/** Counts by stage come from a database function that returns numbers only, never people. */
export async function stageCounts(tx: CallerTransaction) {
  const result = await sql<{ stage: Stage; people: number }>`select stage, people from organisation_stage_counts()`.execute(tx.db);
  const byStage = new Map(result.rows.map((row) => [row.stage, Number(row.people)]));
  return (Object.keys(STAGE_LABELS) as Stage[]).map((stage) => ({ stage, label: STAGE_LABELS[stage], people: byStage.get(stage) ?? 0 }));
}

async function caseloads(tx: CallerTransaction) {
  const [workers, counts] = await Promise.all([
    tx.db.selectFrom('users').select(['id', 'name', 'caseload_capacity']).where('role', '=', 'link_worker').where('active', '=', true).orderBy('name').execute(),
    sql<{ worker_id: string; open_cases: number }>`select worker_id, open_cases from organisation_caseload_counts()`.execute(tx.db),
  ]);
  const open = new Map(counts.rows.map((row) => [row.worker_id, Number(row.open_cases)]));
  return workers.map((worker) => ({ ...worker, openCases: open.get(worker.id) ?? 0 }));
}

export function dashboardRoutes(app: FastifyInstance): void {
  app.get('/dashboard', { config: { roles: ['manager', 'admin'] } }, async (request, reply) => {
    const { stages, workers } = await request.data.run(async (tx) => ({ stages: await stageCounts(tx), workers: await caseloads(tx) }));
    return reply.render('dashboard/views/dashboard.njk', { pageTitle: 'Dashboard', columnWidth: 'full', stages, workers });
  });
}

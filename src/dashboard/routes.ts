import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { CallerTransaction } from '../platform/db/caller-data.ts';
import type { Stage } from '../platform/db/schema.ts';
import { STAGE_LABELS } from '../young-people/index.ts';
import { linkWorkerCaseloads } from '../allocation/index.ts';
import { redReferrals } from './red-referrals.ts';
import { openSafeguardingConcerns } from './safeguarding-concerns.ts';

/** Counts by stage come from a database function that returns numbers only, never people. */
export async function stageCounts(tx: CallerTransaction) {
  const result = await sql<{ stage: Stage; people: number }>`select stage, people from organisation_stage_counts()`.execute(tx.db);
  const byStage = new Map(result.rows.map((row) => [row.stage, Number(row.people)]));
  return (Object.keys(STAGE_LABELS) as Stage[]).map((stage) => ({ stage, label: STAGE_LABELS[stage], people: byStage.get(stage) ?? 0 }));
}

export function dashboardRoutes(app: FastifyInstance): void {
  app.get('/dashboard', { config: { roles: ['manager', 'admin'] } }, async (request, reply) => {
    const { concerns, stages, workers, red } = await request.data.run(async (tx) => ({
      concerns: await openSafeguardingConcerns(tx),
      stages: await stageCounts(tx),
      workers: await linkWorkerCaseloads(tx),
      red: await redReferrals(tx),
    }));
    const acknowledged = (request.query as { notice?: string }).notice === 'acknowledged';
    return reply.render('dashboard/views/dashboard.njk', { pageTitle: 'Dashboard', columnWidth: 'full', concerns, stages, workers, red, acknowledged });
  });
}

import type { FastifyInstance } from 'fastify';
import { stageCounts } from '../dashboard/index.ts';
import { NHS_ENGLAND_RULES, protectList, type ShownCount } from './disclosure.ts';

export function reportRoutes(app: FastifyInstance): void {
  app.get('/reports', { config: { roles: ['commissioner', 'manager', 'admin'] } }, async (request, reply) => {
    const stages = await request.data.run((tx) => stageCounts(tx));
    const people = stages.map((stage) => stage.people);
    // Managers run the service and see exact numbers; commissioners see only controlled aggregates.
    const controlled = request.account!.role === 'commissioner';
    const shown = controlled
      ? protectList(people, NHS_ENGLAND_RULES)
      : { counts: people.map(exactly), total: exactly(people.reduce((sum, count) => sum + count, 0)) };
    return reply.render('reports/views/reports.njk', {
      pageTitle: 'Reports',
      controlled,
      threshold: NHS_ENGLAND_RULES.threshold,
      stages: stages.map((stage, index) => ({ label: stage.label, people: shown.counts[index]! })),
      total: shown.total,
    });
  });
}

function exactly(value: number): ShownCount {
  return { shown: true, value };
}

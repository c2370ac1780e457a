import type { FastifyInstance } from 'fastify';
import { stageCounts } from '../dashboard/index.ts';

export function reportRoutes(app: FastifyInstance): void {
  app.get('/reports', { config: { roles: ['commissioner', 'manager', 'admin'] } }, async (request, reply) => {
    const stages = await request.data.run((tx) => stageCounts(tx));
    const total = stages.reduce((sum, stage) => sum + stage.people, 0);
    return reply.render('reports/views/reports.njk', { pageTitle: 'Reports', stages, total });
  });
}

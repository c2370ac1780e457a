import type { FastifyInstance } from 'fastify';
import { referrerInsight } from './queries.ts';
import { presentInsight } from './presenters.ts';
import { insightQuery, PERIODS } from './schemas.ts';

export function insightRoutes(app: FastifyInstance): void {
  app.get('/insights', { config: { roles: ['manager', 'admin'] } }, async (request, reply) => {
    const { months } = insightQuery.parse(request.query ?? {});
    const insight = await request.data.run((tx) => referrerInsight(tx, months));
    return reply.render('insights/views/insights.njk', {
      pageTitle: 'Referrer insight',
      columnWidth: 'full',
      months,
      periods: PERIODS.map((period) => ({ value: String(period), text: `Last ${period} months`, selected: period === months })),
      ...presentInsight(insight),
    });
  });
}

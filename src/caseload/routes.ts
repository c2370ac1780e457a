import type { FastifyInstance } from 'fastify';
import { ageOn, displayName, stageTag } from '../young-people/presenters.ts';
import { capacityOf, caseloadOf } from './queries.ts';

export function caseloadRoutes(app: FastifyInstance): void {
  app.get('/caseload', { config: { roles: ['link_worker'] } }, async (request, reply) => {
    const workerId = request.account!.userId;
    const { people, capacity } = await request.data.run(async (tx) => ({
      people: await caseloadOf(tx, workerId),
      capacity: await capacityOf(tx, workerId),
    }));
    return reply.render('caseload/views/caseload.njk', {
      pageTitle: 'My caseload',
      columnWidth: 'full',
      capacity,
      people: people.map((person) => ({ ...person, name: displayName(person), age: ageOn(person.date_of_birth), tag: stageTag(person.stage) })),
    });
  });
}

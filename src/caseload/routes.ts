import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { CallerTransaction } from '../platform/db/caller-data.ts';
import { NotFoundError } from '../platform/http/errors.ts';
import { caseloadText, linkWorkerCaseloads } from '../allocation/index.ts';
import { capacityOf, caseloadOf, linkWorker, schemeRules } from './queries.ts';
import { capacityText, presentCaseload } from './presenters.ts';

export const CASELOAD_PAGE = 'caseload/views/caseload.njk';
const workerParams = z.object({ workerId: z.uuid() });

async function caseloadView(tx: CallerTransaction, workerId: string) {
  const [rows, rules] = [await caseloadOf(tx, workerId), await schemeRules(tx)];
  return presentCaseload(rows, rules);
}

/** Everything "My caseload" shows, gathered in one transaction: the route and the benchmark both use it. */
export async function myCaseloadPage(tx: CallerTransaction, workerId: string) {
  const people = await caseloadView(tx, workerId);
  const capacity = await capacityOf(tx, workerId);
  return {
    pageTitle: 'My caseload',
    columnWidth: 'full',
    heading: 'My caseload',
    capacity: capacityText(people.length, capacity),
    tableCaption: 'Young people allocated to you, what needs attention first',
    empty: 'No young people are allocated to you yet. When your manager allocates someone, they will appear here.',
    people,
  };
}

function workerIdFrom(request: FastifyRequest): string {
  const parsed = workerParams.safeParse(request.params);
  if (!parsed.success) throw new NotFoundError();
  return parsed.data.workerId;
}

export function caseloadRoutes(app: FastifyInstance): void {
  app.get('/caseload', { config: { roles: ['link_worker'] } }, async (request, reply) => {
    const workerId = request.account!.userId;
    return reply.render(CASELOAD_PAGE, await request.data.run((tx) => myCaseloadPage(tx, workerId)));
  });

  app.get('/caseloads', { config: { roles: ['manager'] } }, async (request, reply) => {
    const workers = await request.data.run((tx) => linkWorkerCaseloads(tx));
    return reply.render('caseload/views/caseloads.njk', {
      pageTitle: 'Caseloads',
      columnWidth: 'full',
      workers: workers.map((worker) => ({ ...worker, href: `/caseloads/${worker.id}`, summary: caseloadText(worker) })),
    });
  });

  app.get('/caseloads/:workerId', { config: { roles: ['manager'] } }, async (request, reply) => {
    const workerId = workerIdFrom(request);
    const found = await request.data.run(async (tx) => {
      const worker = await linkWorker(tx, workerId);
      return worker && { worker, people: await caseloadView(tx, workerId) };
    });
    if (!found) throw new NotFoundError();
    const { worker, people } = found;
    return reply.render(CASELOAD_PAGE, {
      pageTitle: `Caseload: ${worker.name}`,
      columnWidth: 'full',
      backHref: '/caseloads',
      headingCaption: 'Link worker',
      heading: worker.name,
      capacity: capacityText(people.length, worker.caseload_capacity),
      tableCaption: `Young people allocated to ${worker.name}, what needs attention first`,
      empty: `No young people are allocated to ${worker.name} at the moment.`,
      people,
    });
  });
}

import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../platform/http/context.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import { ukCalendarDate } from '../../domain/working-days.ts';
import { catalogueEntry } from '../scoring/catalogue.ts';
import { parseOutcomeFilters, ROUTE_NAMES } from './change-filters.ts';
import { schemeOutcomes } from './change-outcomes.ts';
import { presentOutcomes } from './change-report.ts';
import { measureCsv, pseudonymiser } from './change-export.ts';

const csvParams = z.object({ key: z.string().regex(/^[a-z0-9_]{2,40}$/) });

/**
 * The scheme's outcomes report and each measure's CSV. (The Measures page of each record is
 * registered with its recording actions, in record-routes.ts.)
 */
export function outcomeRoutes(app: FastifyInstance, context: AppContext): void {
  const pseudonymOf = pseudonymiser(context.config.sessionSecret);

  app.get('/reports/outcomes', { config: { roles: ['manager', 'admin', 'commissioner'] } }, async (request, reply) => {
    const { filters, errors, values } = parseOutcomeFilters(request.query);
    const role = request.account!.role;
    const aggregatesOnly = role === 'commissioner';
    // Who did the work is for the people who manage it; commissioners see the scheme as a whole.
    const usableFilters = aggregatesOnly ? { ...filters, workerId: null } : filters;
    const { outcomes, workers } = await request.data.run(async (tx) => ({
      outcomes: await schemeOutcomes(tx, usableFilters),
      workers: aggregatesOnly
        ? []
        : await tx.db.selectFrom('users').select(['id', 'name']).where('role', '=', 'link_worker').where('active', '=', true).orderBy('name').execute(),
    }));
    if (errors) request.log.info({ fields: Object.keys(errors.fields) }, 'outcomes report filters could not be read; defaults used');
    return reply.code(errors ? 400 : 200).render('measures/outcomes/views/outcomes.njk', {
      pageTitle: 'Outcomes',
      columnWidth: 'full',
      backHref: '/reports',
      errors,
      values,
      filters: usableFilters,
      aggregatesOnly,
      canExport: !aggregatesOnly,
      measures: presentOutcomes(outcomes, aggregatesOnly),
      workerItems: [{ value: '', text: 'All link workers' }, ...workers.map((worker) => ({ value: worker.id, text: worker.name, selected: worker.id === values.worker }))],
      routeItems: [
        { value: '', text: 'All routes' },
        ...Object.entries(ROUTE_NAMES).map(([value, text]) => ({ value, text, selected: value === values.route })),
      ],
    });
  });

  app.get('/reports/outcomes/:key.csv', { config: { roles: ['manager', 'admin'] } }, async (request, reply) => {
    const parsed = csvParams.safeParse(request.params);
    if (!parsed.success) throw new NotFoundError();
    const { key } = parsed.data;
    const csv = await request.data.run(async (tx) => {
      if (!(await catalogueEntry(tx, key))) throw new NotFoundError();
      return measureCsv(tx, key, pseudonymOf);
    });
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${key}-${ukCalendarDate(new Date())}.csv"`)
      .header('cache-control', 'no-store')
      .send(csv);
  });
}

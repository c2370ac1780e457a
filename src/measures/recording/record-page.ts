import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { CallerTransaction } from '../../platform/db/caller-data.ts';
import type { AppContext } from '../../platform/http/context.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import { recordHeader, type RecordHeader } from '../../young-people/index.ts';
import { BUILT_IN_MEASURES } from '../scoring/definitions/index.ts';
import { measureSeries, type MeasureSeries } from '../scoring/series.ts';
import { presentMeasureChange } from '../outcomes/change-summary.ts';

export const MEASURES_PATH = '/measures';
const params = z.object({ id: z.uuid() });

/**
 * What shows above the charts: what is due, and buttons to record answers or send a link. Given
 * by whoever registers the page; the template it names is included with its values.
 */
export type MeasureActions = (
  tx: CallerTransaction,
  header: RecordHeader,
  series: Record<string, MeasureSeries>,
  request: FastifyRequest,
) => Promise<{ template: string; values: Record<string, unknown> } | undefined>;

/** Built-in measures in the order the scheme's settings list them, then the scheme's own by name. */
function inCatalogueOrder(series: MeasureSeries[]): MeasureSeries[] {
  const builtInOrder = (key: string) => {
    const index = BUILT_IN_MEASURES.findIndex((definition) => definition.key === key);
    return index === -1 ? BUILT_IN_MEASURES.length : index;
  };
  return [...series].sort((a, b) => builtInOrder(a.key) - builtInOrder(b.key) || a.definition.name.localeCompare(b.definition.name));
}

function youngPersonIdFrom(request: FastifyRequest): string {
  const parsed = params.safeParse(request.params);
  if (!parsed.success) throw new NotFoundError();
  return parsed.data.id;
}

/** The Measures page of a young person's record: each measure over time, and what changed. */
export function measuresRecordPage(app: FastifyInstance, _context: AppContext, actions?: MeasureActions): void {
  app.get('/young-people/:id/measures', { config: { roles: ['admin', 'manager', 'link_worker'] } }, async (request, reply) => {
    const youngPersonId = youngPersonIdFrom(request);
    const { header, series, measureActions } = await request.data.run(async (tx) => {
      const header = await recordHeader(tx, request, youngPersonId, MEASURES_PATH);
      if (!header) throw new NotFoundError();
      const series = await measureSeries(tx, youngPersonId, 'view');
      return { header, series, measureActions: actions ? await actions(tx, header, series, request) : undefined };
    });
    return reply.render('measures/recording/views/record.njk', {
      pageTitle: `Measures: ${header.name}`,
      ...header,
      measures: inCatalogueOrder(Object.values(series)).map(presentMeasureChange),
      measureActions,
    });
  });
}

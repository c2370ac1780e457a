import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { CallerTransaction } from '../../platform/db/caller-data.ts';
import type { RecordHeader } from '../../young-people/index.ts';
import { bandOf } from '../scoring/scoring.ts';
import { measureSeries, type MeasureSeries } from '../scoring/series.ts';
import { dueForYoungPerson, MOMENT_TEXT } from './record-due.ts';
import { MEASURES_PATH } from './record-page.ts';

/**
 * Above the charts on the Measures page: what is due, a button to record each measure the scheme
 * uses with the young person, and, just after saving, the scores and bands of the answers saved.
 */

const recordedQuery = z.object({ recorded: z.string().regex(/^[a-z0-9_]{2,40}$/), on: z.iso.date() });

export const measuresHref = (youngPersonId: string) => `/young-people/${youngPersonId}${MEASURES_PATH}`;
export const recordAnswersHref = (youngPersonId: string, key: string) => `${measuresHref(youngPersonId)}/record?measure=${key}`;
export const recordedHref = (youngPersonId: string, key: string, completedOn: string) => `${measuresHref(youngPersonId)}?recorded=${key}&on=${completedOn}`;

/** The answers just saved, found by measure and day: the latest of that day is the one saved. */
function confirmationOf(request: FastifyRequest, series: Record<string, MeasureSeries>) {
  const query = recordedQuery.safeParse(request.query);
  if (!query.success) return undefined;
  const measure = series[query.data.recorded];
  const point = measure?.points.filter((candidate) => candidate.completedOn === query.data.on).at(-1);
  if (!measure || !point) return undefined;
  const scores = measure.definition.scores
    .filter((rule) => point.scores[rule.id] !== undefined)
    .map((rule) => ({ label: rule.label, score: point.scores[rule.id]!, band: bandOf(rule, point.scores[rule.id]!)?.label }));
  return { name: measure.definition.name, completedOn: point.completedOn, moment: MOMENT_TEXT[point.moment], notCollectedReason: point.notCollectedReason, scores };
}

export async function dueActions(tx: CallerTransaction, header: RecordHeader, series: Record<string, MeasureSeries>, request: FastifyRequest) {
  const youngPersonId = header.person.id;
  const { due, catalogue } = await dueForYoungPerson(tx, { youngPersonId, episode: header.episode, series, action: 'view' });
  return {
    template: 'measures/recording/views/due-panel.njk',
    values: {
      due: due.map((entry) => ({ ...entry, moment: MOMENT_TEXT[entry.moment] })),
      inSupport: Boolean(header.episode),
      recordable: catalogue
        .filter((entry) => entry.enabled)
        .map((entry) => ({ name: entry.definition.name, href: recordAnswersHref(youngPersonId, entry.definition.key) })),
      sendHref: `${measuresHref(youngPersonId)}/send`,
      confirmation: confirmationOf(request, series),
    },
  };
}

/** For the discharge page: the measures the scheme takes at discharge not yet recorded, each with where to record it. */
export async function measuresDueAtDischarge(tx: CallerTransaction, header: RecordHeader) {
  const youngPersonId = header.person.id;
  const series = await measureSeries(tx, youngPersonId, 'view');
  const { due } = await dueForYoungPerson(tx, { youngPersonId, episode: header.episode, series, action: 'view', discharging: true });
  // Goal ratings have their own prompt on the discharge page, beside each goal.
  return due.filter((entry) => entry.key !== 'gbo').map((entry) => ({ name: entry.name, href: recordAnswersHref(youngPersonId, entry.key) }));
}

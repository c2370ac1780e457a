import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { CallerTransaction } from '../../platform/db/caller-data.ts';
import type { AppContext } from '../../platform/http/context.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import { formErrors, parseForm, typedValues, type FormErrors } from '../../platform/http/forms.ts';
import { dateParts, withDateParts } from '../../platform/http/date-field.ts';
import { ukCalendarDate } from '../../domain/working-days.ts';
import { recordHeader } from '../../young-people/index.ts';
import { GBO } from '../scoring/definitions/gbo.ts';
import { goalQuestionsFor, NOT_COLLECTED_REASON_LIMIT, saveResponse } from '../scoring/responses.ts';
import { InvalidAnswersError } from '../scoring/scoring.ts';
import { measureSeries } from '../scoring/series.ts';
import { MEASURES_PATH, measuresRecordPage } from './record-page.ts';
import { dueForYoungPerson } from './record-due.ts';
import { dueActions, measuresHref, recordAnswersHref, recordedHref } from './record-panel.ts';
import { answerForm, momentItems, questionsOf } from './record-form.ts';

const ANSWER_PAGE = 'measures/recording/views/answer.njk';
const STAFF_WHO_MEASURE = ['admin', 'manager', 'link_worker'] as const;
const params = z.object({ id: z.uuid() });
const query = z.object({ measure: z.string().regex(/^[a-z0-9_]{2,40}$/) });


function requestedMeasure(request: FastifyRequest): { youngPersonId: string; key: string } {
  const person = params.safeParse(request.params);
  const measure = query.safeParse(request.query);
  if (!person.success || !measure.success) throw new NotFoundError();
  return { youngPersonId: person.data.id, key: measure.data.measure };
}

/**
 * The record, the measure as the scheme uses it, its questions (a young person's own goals for
 * Goal-Based Outcomes) and what is due for it. 404 for a record the caller may not see or a measure
 * the scheme does not have.
 */
async function measureCase(tx: CallerTransaction, request: FastifyRequest, youngPersonId: string, key: string) {
  const header = await recordHeader(tx, request, youngPersonId, MEASURES_PATH);
  if (!header) throw new NotFoundError();
  const series = await measureSeries(tx, youngPersonId, 'view');
  const { due, catalogue } = await dueForYoungPerson(tx, { youngPersonId, episode: header.episode, series, action: 'view' });
  const entry = catalogue.find((candidate) => candidate.definition.key === key);
  if (!entry) throw new NotFoundError();
  const definition = entry.enabled && key === GBO.key ? await goalQuestionsFor(tx, youngPersonId, 'view') : entry.definition;
  const dueMoment = due.find((candidate) => candidate.key === key)?.moment;
  return { header, entry, definition, suggestedMoment: dueMoment ?? (series[key]?.points.length ? 'review' : 'baseline') };
}

type MeasureCase = Awaited<ReturnType<typeof measureCase>>;

/** Why nothing can be answered here, if so: the measure is off or unlicensed, or there are no goals to rate. */
function unavailableReason({ entry, definition }: MeasureCase): string | undefined {
  if (entry.disabledReason) return entry.disabledReason;
  if (!entry.enabled) return 'Your scheme does not use this measure at the moment. An administrator can turn it on in the scheme’s measure settings.';
  if (definition.items.length === 0) return 'They have no goals they are working on in their plan, so there is nothing to rate yet. Agree a goal with them on their plan first.';
  return undefined;
}

function renderAnswers(reply: FastifyReply, youngPersonId: string, found: MeasureCase, values: Record<string, unknown>, errors?: FormErrors, status = 200) {
  const { header, definition, entry } = found;
  const unavailable = unavailableReason(found);
  return reply.status(errors ? 400 : status).render(ANSWER_PAGE, {
    ...header,
    pageTitle: `${definition.name}: ${header.name}`,
    backHref: measuresHref(youngPersonId),
    action: recordAnswersHref(youngPersonId, definition.key),
    measure: { name: definition.name, introduction: definition.introduction, timeFrame: definition.timeFrame, attribution: definition.licence.attribution },
    unavailable,
    planHref: entry.enabled && definition.key === GBO.key ? `/young-people/${youngPersonId}/plan` : undefined,
    questions: unavailable ? [] : questionsOf(definition, values),
    moments: momentItems(),
    values,
    errors,
    reasonLimit: NOT_COLLECTED_REASON_LIMIT,
  });
}

export function measureRecordingRoutes(app: FastifyInstance, context: AppContext): void {
  const options = { config: { roles: STAFF_WHO_MEASURE } };
  measuresRecordPage(app, context, dueActions);

  app.get('/young-people/:id/measures/record', options, async (request, reply) => {
    const { youngPersonId, key } = requestedMeasure(request);
    const found = await request.data.run((tx) => measureCase(tx, request, youngPersonId, key));
    const values = { collected: 'yes', moment: found.suggestedMoment, completedOn: dateParts(ukCalendarDate(new Date())) };
    return renderAnswers(reply, youngPersonId, found, values);
  });

  app.post('/young-people/:id/measures/record', options, async (request, reply) => {
    const { youngPersonId, key } = requestedMeasure(request);
    const input = withDateParts(request.body, 'completedOn');
    const outcome = await request.data.run(async (tx) => {
      const found = await measureCase(tx, request, youngPersonId, key);
      if (unavailableReason(found)) return { kind: 'unavailable' as const, found };
      const form = parseForm(answerForm(found.definition), input);
      if (!form.ok) return { kind: 'invalid' as const, found, errors: form.errors };
      const { moment, completedOn } = form.data;
      const answers = 'answers' in form.data ? { answers: form.data.answers } : { notCollectedReason: form.data.notCollectedReason };
      const details = { youngPersonId, episodeId: found.header.episode?.id ?? null, key, version: found.definition.version, moment, completedOn, collectedBy: 'with_link_worker' as const };
      try {
        await saveResponse(tx, { ...details, ...answers });
      } catch (error) {
        if (!(error instanceof InvalidAnswersError)) throw error;
        // The form checks every answer first, so this means the plan's goals changed while the page was open.
        request.log.warn({ youngPersonId, key, problems: error.problems }, 'measure answers refused');
        return { kind: 'invalid' as const, found, errors: formErrors({ form: 'The questions have changed since the page was opened. Check the answers and save again' }) };
      }
      return { kind: 'saved' as const, completedOn };
    });
    if (outcome.kind === 'unavailable') return renderAnswers(reply, youngPersonId, outcome.found, {}, undefined, 400);
    if (outcome.kind === 'invalid') return renderAnswers(reply, youngPersonId, outcome.found, typedValues(input), outcome.errors);
    return reply.redirect(recordedHref(youngPersonId, key, outcome.completedOn), 303);
  });
}

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../platform/http/context.ts';
import { NotFoundError } from '../platform/http/errors.ts';
import { parseForm, typedValues, type FormErrors } from '../platform/http/forms.ts';
import { recordHeader } from '../young-people/index.ts';
import { recordId } from '../young-people/index.ts';
import { findYoungPerson } from '../young-people/index.ts';
import { currentEpisode } from '../domain/episodes.ts';
import { assessmentOf, saveAssessment } from './queries.ts';
import { ASSESSMENT_CHOICES, assessmentValues, presentAssessment } from './presenters.ts';
import { assessmentForm, NOTE_MAX_LENGTH } from './schemas.ts';

const STAFF_WHO_RECORD = ['admin', 'manager', 'link_worker'] as const;
const PATH = '/what-matters';

function youngPersonIdFrom(request: FastifyRequest): string {
  const parsed = recordId.safeParse(request.params);
  if (!parsed.success) throw new NotFoundError();
  return parsed.data.id;
}

/** The record's header and the open episode's assessment, if any; 404 when the caller may not see the record. */
function assessmentPage(request: FastifyRequest, youngPersonId: string) {
  return request.data.run(async (tx) => {
    const header = await recordHeader(tx, request, youngPersonId, PATH);
    if (!header) throw new NotFoundError();
    return { header, assessment: header.episode && (await assessmentOf(tx, header.episode.id, 'view')) };
  });
}

/** Ticked boxes come back as an array however many were ticked, so the form shows them ticked again. */
function typedAnswers(body: unknown): Record<string, unknown> {
  const typed = typedValues(body);
  for (const name of ['interests', 'needs', 'barriers']) {
    const value = typed[name];
    typed[name] = value === undefined ? [] : Array.isArray(value) ? value : [value];
  }
  return typed;
}

async function showForm(request: FastifyRequest, reply: FastifyReply, youngPersonId: string, typed?: Record<string, unknown>, errors?: FormErrors) {
  const found = await assessmentPage(request, youngPersonId);
  // Nothing to change outside a period of support: the page says so.
  if (!found.header.episode) return reply.redirect(`/young-people/${youngPersonId}${PATH}`, 303);
  return reply.status(errors ? 400 : 200).render('what-matters/views/form.njk', {
    pageTitle: `What matters to ${found.header.name}`,
    backHref: `/young-people/${youngPersonId}${PATH}`,
    action: `/young-people/${youngPersonId}${PATH}/edit`,
    name: found.header.name,
    values: typed ?? assessmentValues(found.assessment),
    errors,
    choices: ASSESSMENT_CHOICES,
    noteMaxLength: NOTE_MAX_LENGTH,
  });
}

export function whatMattersRoutes(app: FastifyInstance, _context: AppContext): void {
  const options = { config: { roles: STAFF_WHO_RECORD } };

  app.get('/young-people/:id/what-matters', options, async (request, reply) => {
    const youngPersonId = youngPersonIdFrom(request);
    const found = await assessmentPage(request, youngPersonId);
    return reply.render('what-matters/views/record.njk', {
      pageTitle: `What matters to ${found.header.name}`,
      ...found.header,
      assessment: found.assessment ? presentAssessment(found.assessment) : undefined,
      editHref: `/young-people/${youngPersonId}${PATH}/edit`,
      saved: (request.query as { notice?: string }).notice === 'saved',
    });
  });

  app.get('/young-people/:id/what-matters/edit', options, async (request, reply) => showForm(request, reply, youngPersonIdFrom(request)));

  app.post('/young-people/:id/what-matters/edit', options, async (request, reply) => {
    const youngPersonId = youngPersonIdFrom(request);
    const form = parseForm(assessmentForm, request.body);
    if (!form.ok) return showForm(request, reply, youngPersonId, typedAnswers(request.body), form.errors);
    const outcome = await request.data.run(async (tx) => {
      if (!(await findYoungPerson(tx, youngPersonId, 'view'))) throw new NotFoundError();
      const episode = await currentEpisode(tx, youngPersonId);
      if (!episode) return 'no_episode';
      await saveAssessment(tx, episode, form.data);
      return 'saved';
    });
    return reply.redirect(`/young-people/${youngPersonId}${PATH}${outcome === 'saved' ? '?notice=saved' : ''}`, 303);
  });
}

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../platform/http/context.ts';
import type { CallerTransaction } from '../platform/db/caller-data.ts';
import { NotFoundError } from '../platform/http/errors.ts';
import { parseForm, typedValues, type FormErrors } from '../platform/http/forms.ts';
import { absoluteUrl } from '../platform/http/public-url.ts';
import { recordHeader } from '../young-people/index.ts';
import { recordId } from '../young-people/index.ts';
import { findYoungPerson } from '../young-people/index.ts';
import { currentEpisode } from '../domain/episodes.ts';
import { closeConcern, concernsOf, recordConcern } from './queries.ts';
import { FORM_CHOICES, mostUrgentFirst, presentConcern } from './presenters.ts';
import { closeConcernForm, concernParams, raiseConcernForm, TEXT_MAX_LENGTH } from './schemas.ts';
import { alertManagers } from './alerts.ts';

const STAFF_WHO_SEE_PEOPLE = ['admin', 'manager', 'link_worker'] as const;
/** Managers own the follow-up: only they close a concern. */
const STAFF_WHO_CLOSE = ['manager'] as const;
const SUBPATH = '/safeguarding';

const NOTICES: Record<string, string> = {
  raised: 'Concern raised. Every manager of the scheme has been alerted.',
  closed: 'Concern closed. The follow-up is recorded below.',
};

function youngPersonIdFrom(request: FastifyRequest): string {
  const parsed = recordId.safeParse({ id: (request.params as { id?: string }).id });
  if (!parsed.success) throw new NotFoundError();
  return parsed.data.id;
}

function concernIdsFrom(request: FastifyRequest) {
  const parsed = concernParams.safeParse(request.params);
  if (!parsed.success) throw new NotFoundError();
  return parsed.data;
}

/** A single ticked checkbox arrives as a string; the checkboxes macro needs a list to tick it again. */
function typedConcern(body: unknown): Record<string, unknown> {
  const values = typedValues(body);
  return { ...values, referredTo: [values.referredTo ?? []].flat() };
}

async function headerOrNotFound(tx: CallerTransaction, request: FastifyRequest, youngPersonId: string) {
  const header = await recordHeader(tx, request, youngPersonId, SUBPATH);
  if (!header) throw new NotFoundError();
  return header;
}

async function showRaiseForm(request: FastifyRequest, reply: FastifyReply, youngPersonId: string, values: Record<string, unknown>, errors?: FormErrors) {
  const header = await request.data.run((tx) => headerOrNotFound(tx, request, youngPersonId));
  return reply.status(errors ? 400 : 200).render('safeguarding/views/raise.njk', {
    pageTitle: `Raise a safeguarding concern: ${header.name}`,
    ...header,
    ...FORM_CHOICES,
    textMaxLength: TEXT_MAX_LENGTH,
    values,
    errors,
  });
}

async function showCloseForm(request: FastifyRequest, reply: FastifyReply, values: Record<string, unknown>, errors?: FormErrors) {
  const { id, concernId } = concernIdsFrom(request);
  const found = await request.data.run(async (tx) => {
    const header = await headerOrNotFound(tx, request, id);
    const concern = (await concernsOf(tx, id)).find((row) => row.id === concernId && !row.closed_at);
    return concern && { header, concern: presentConcern(concern) };
  });
  // Closed already, or never this person's: the safeguarding page says what is open.
  if (!found) return reply.redirect(`/young-people/${id}${SUBPATH}`, 303);
  return reply.status(errors ? 400 : 200).render('safeguarding/views/close.njk', {
    pageTitle: `Record follow-up and close: ${found.header.name}`,
    ...found.header,
    concern: found.concern,
    textMaxLength: TEXT_MAX_LENGTH,
    values,
    errors,
  });
}

export function safeguardingRoutes(app: FastifyInstance, context: AppContext): void {
  const seeing = { config: { roles: STAFF_WHO_SEE_PEOPLE } };
  const closing = { config: { roles: STAFF_WHO_CLOSE } };

  app.get('/young-people/:id/safeguarding', seeing, async (request, reply) => {
    const id = youngPersonIdFrom(request);
    const { header, concerns } = await request.data.run(async (tx) => {
      const found = await headerOrNotFound(tx, request, id);
      return { header: found, concerns: (await concernsOf(tx, id)).map(presentConcern) };
    });
    const notice = NOTICES[(request.query as { notice?: string }).notice ?? ''];
    return reply.render('safeguarding/views/safeguarding.njk', {
      pageTitle: `Safeguarding: ${header.name}`,
      ...header,
      notice,
      open: mostUrgentFirst(concerns.filter((concern) => !concern.closed_at)),
      closed: concerns.filter((concern) => concern.closed_at),
      canClose: (STAFF_WHO_CLOSE as readonly string[]).includes(request.account!.role),
    });
  });

  app.get('/young-people/:id/safeguarding/new', seeing, async (request, reply) => showRaiseForm(request, reply, youngPersonIdFrom(request), {}));

  app.post('/young-people/:id/safeguarding', seeing, async (request, reply) => {
    const id = youngPersonIdFrom(request);
    const form = parseForm(raiseConcernForm, request.body);
    if (!form.ok) return showRaiseForm(request, reply, id, typedConcern(request.body), form.errors);
    const signInUrl = absoluteUrl(request, context.config, '/dashboard');
    await request.data.run(async (tx) => {
      const person = await findYoungPerson(tx, id, 'view');
      if (!person) throw new NotFoundError();
      const episode = await currentEpisode(tx, id, 'view');
      const concernId = await recordConcern(tx, id, episode?.id ?? null, form.data);
      request.log.info({ concernId, urgency: form.data.urgency }, 'Safeguarding concern raised');
      return alertManagers(tx, context.messenger, form.data.urgency, signInUrl);
    });
    return reply.redirect(`/young-people/${id}${SUBPATH}?notice=raised`, 303);
  });

  app.get('/young-people/:id/safeguarding/:concernId/close', closing, async (request, reply) => showCloseForm(request, reply, {}));

  app.post('/young-people/:id/safeguarding/:concernId/close', closing, async (request, reply) => {
    const { id, concernId } = concernIdsFrom(request);
    const form = parseForm(closeConcernForm, request.body);
    if (!form.ok) return showCloseForm(request, reply, typedValues(request.body), form.errors);
    const closed = await request.data.run((tx) => closeConcern(tx, id, concernId, form.data.followUpNote));
    // Someone closed it first, or it is not this person's: the page shows what is open now.
    if (!closed) return reply.redirect(`/young-people/${id}${SUBPATH}`, 303);
    request.log.info({ concernId }, 'Safeguarding concern closed');
    return reply.redirect(`/young-people/${id}${SUBPATH}?notice=closed`, 303);
  });
}

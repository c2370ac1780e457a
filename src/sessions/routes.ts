import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../platform/http/context.ts';
import type { CallerTransaction } from '../platform/db/caller-data.ts';
import { NotFoundError } from '../platform/http/errors.ts';
import { parseForm, typedValues, type FormErrors } from '../platform/http/forms.ts';
import { withDateParts } from '../platform/http/date-field.ts';
import { listOf } from '../platform/http/form-fields.ts';
import { recordHeader } from '../young-people/index.ts';
import { CANCELLED_BY, SESSION_OUTCOMES, choicesFrom } from './codes.ts';
import { bookSession, caseworkSettings, extensionRequestsOf, findSession, planLinksOf, recordOutcome, requestExtension, sessionsOfEpisode, type BookingFor, type SessionRow } from './queries.ts';
import { keepPlanIds, planChoices, presentSession, settingChoices } from './presenters.ts';
import { bookingForm, extensionForm, hasStarted, LIMITS, parseRecordForm, type BookingInput } from './schemas.ts';
import { summarise } from './summary.ts';
import { presentExtension } from './approval-presenters.ts';

const STAFF_WHO_SEE_PEOPLE = ['admin', 'manager', 'link_worker'] as const;
export const OPTIONS = { config: { roles: STAFF_WHO_SEE_PEOPLE } };

const NOTICES: Record<string, string> = {
  booked: 'Session booked.',
  'home-visit-requested': 'Home visit booked. A manager needs to approve it before it is confirmed.',
  recorded: 'Session recorded.',
  'recorded-home-visit-requested': 'Session recorded. The next session is a home visit: a manager needs to approve it before it is confirmed.',
  'extension-requested': 'Extension requested. A manager will decide.',
  rearranged: 'Session rearranged.',
};

const params = z.object({ id: z.uuid(), sessionId: z.uuid().optional() });

export function paramsFrom(request: FastifyRequest) {
  const parsed = params.safeParse(request.params);
  if (!parsed.success) throw new NotFoundError();
  return parsed.data;
}

export const sessionsPath = (id: string) => `/young-people/${id}/sessions`;

/** The record's header and open episode; anything the caller may not see, or no open episode, is not found. */
export async function openCase(tx: CallerTransaction, request: FastifyRequest, id: string, action = 'view') {
  const header = await recordHeader(tx, request, id, '/sessions', action);
  if (!header?.episode) return undefined;
  return { header, episode: header.episode, settings: await caseworkSettings(tx) };
}

type OpenCase = NonNullable<Awaited<ReturnType<typeof openCase>>>;

/** Who does the session and whether a home visit waits for a manager. */
function bookingFor(request: FastifyRequest, found: OpenCase, setting: string): BookingFor {
  const needsApproval = setting === 'home_visit' && found.settings.home_visits_need_approval;
  return {
    youngPersonId: found.header.person.id,
    episodeId: found.episode.id,
    linkWorkerId: found.header.person.allocated_worker_id ?? request.account!.userId,
    homeVisitApproval: needsApproval ? (request.account!.role === 'manager' ? 'approved' : 'requested') : null,
  };
}

async function book(tx: CallerTransaction, request: FastifyRequest, found: OpenCase, input: BookingInput): Promise<string> {
  const booking = bookingFor(request, found, input.setting);
  await bookSession(tx, booking, input);
  return booking.homeVisitApproval === 'requested' ? 'home-visit-requested' : 'booked';
}

export function sessionsRoutes(app: FastifyInstance, _context: AppContext): void {
  const sessionsPage = async (request: FastifyRequest, reply: FastifyReply, id: string, values: Record<string, unknown> = {}, errors?: FormErrors) => {
    const page = await request.data.run(async (tx) => {
      const header = await recordHeader(tx, request, id, '/sessions');
      if (!header) return undefined;
      if (!header.episode) return { header };
      const [sessions, settings, extensions] = [await sessionsOfEpisode(tx, header.episode.id), await caseworkSettings(tx), await extensionRequestsOf(tx, header.episode.id)];
      return { header, sessions, settings, extensions, summary: summarise(id, header.episode, sessions, extensions, settings, new Date()) };
    });
    if (!page) throw new NotFoundError();
    const notice = (request.query as { notice?: string } | undefined)?.notice;
    return reply.status(errors ? 400 : 200).render('sessions/views/sessions.njk', {
      pageTitle: `Sessions: ${page.header.name}`,
      ...page.header,
      notice: notice && Object.hasOwn(NOTICES, notice) ? NOTICES[notice] : undefined,
      ...(page.summary
        ? {
            summary: page.summary,
            sessions: page.sessions.map((session) => presentSession(session, id, new Date())),
            extensions: page.extensions.map(presentExtension),
            homeVisitsNeedApproval: page.settings.home_visits_need_approval,
            settingChoices: settingChoices(page.settings.session_settings),
            placeMax: LIMITS.place,
          }
        : {}),
      values,
      errors,
    });
  };

  app.get('/young-people/:id/sessions', OPTIONS, async (request, reply) => sessionsPage(request, reply, paramsFrom(request).id));

  app.post('/young-people/:id/sessions', OPTIONS, async (request, reply) => {
    const { id } = paramsFrom(request);
    const input = withDateParts(request.body, 'date');
    const outcome = await request.data.run(async (tx) => {
      const found = await openCase(tx, request, id, 'update');
      if (!found) return undefined;
      const form = parseForm(bookingForm(found.settings.session_settings), input);
      return form.ok ? { notice: await book(tx, request, found, form.data) } : { errors: form.errors };
    });
    if (!outcome) throw new NotFoundError();
    if (outcome.errors) return sessionsPage(request, reply, id, typedValues(input), outcome.errors);
    return reply.redirect(`${sessionsPath(id)}?notice=${outcome.notice}`, 303);
  });

  recordRoutes(app);
  extensionRoutes(app);
}

/** Until a booked session starts it can only be cancelled (or rearranged, on its own page). */
function outcomeChoices(session: SessionRow | undefined) {
  const started = !session || hasStarted(session.starts_at, new Date());
  return choicesFrom(SESSION_OUTCOMES, started ? undefined : ['cancelled']);
}

/** What the record form shows for a session already written up, or for a fresh one. */
function savedValues(session: SessionRow | undefined): Record<string, unknown> {
  if (!session) return { goalIds: [], actionIds: [] };
  return {
    outcome: session.status === 'scheduled' ? undefined : session.status,
    cancelledBy: session.cancelled_by,
    whatHappened: session.what_happened,
    whatWasAgreed: session.what_was_agreed,
    nextSteps: session.next_steps,
    goalIds: session.goal_ids,
    actionIds: session.action_ids,
  };
}

/** Recording a session on one page: a booked one (`:sessionId`), or one that happened without a booking. */
function recordRoutes(app: FastifyInstance): void {
  const recordPage = async (request: FastifyRequest, reply: FastifyReply, submitted?: { values: Record<string, unknown>; errors: FormErrors }) => {
    const { id, sessionId } = paramsFrom(request);
    const page = await request.data.run(async (tx) => {
      const found = await openCase(tx, request, id);
      if (!found) return undefined;
      const session = sessionId ? await findSession(tx, found.episode.id, sessionId) : undefined;
      if (sessionId && !session) return undefined;
      return { found, session, links: await planLinksOf(tx, found.episode.id) };
    });
    if (!page) throw new NotFoundError();
    const values = submitted?.values ?? savedValues(page.session);
    const chosen = { goalIds: listOf(values.goalIds), actionIds: listOf(values.actionIds) };
    return reply.status(submitted ? 400 : 200).render('sessions/views/record.njk', {
      pageTitle: `Record a session: ${page.found.header.name}`,
      ...page.found.header,
      session: page.session && presentSession(page.session, id, new Date()),
      action: page.session ? `${sessionsPath(id)}/${page.session.id}/record` : `${sessionsPath(id)}/record`,
      cancelHref: sessionsPath(id),
      outcomes: outcomeChoices(page.session),
      cancelledBy: choicesFrom(CANCELLED_BY),
      settingChoices: settingChoices(page.found.settings.session_settings),
      homeVisitsNeedApproval: page.found.settings.home_visits_need_approval,
      placeMax: LIMITS.place,
      plan: planChoices(page.links, chosen),
      limits: LIMITS,
      values,
      errors: submitted?.errors,
    });
  };

  const saveRecord = async (request: FastifyRequest, reply: FastifyReply) => {
    const { id, sessionId } = paramsFrom(request);
    const outcome = await request.data.run(async (tx) => {
      const found = await openCase(tx, request, id, 'update');
      if (!found) return undefined;
      const session = sessionId ? await findSession(tx, found.episode.id, sessionId, 'update') : undefined;
      if (sessionId && !session) return undefined;
      const form = parseRecordForm(request.body, found.settings.session_settings, { unbooked: !session, startsAt: session?.starts_at, now: new Date() });
      if (!form.ok) return { errors: form.errors };
      const { notes, held, next } = form.data;
      const links = keepPlanIds(await planLinksOf(tx, found.episode.id), notes);
      if (session) await recordOutcome(tx, session.id, notes, links.goalIds, links.actionIds);
      else if (held) await bookSession(tx, bookingFor(request, found, held.setting), held, { notes, ...links });
      return { notice: next ? await book(tx, request, found, next) : 'recorded' };
    });
    if (!outcome) throw new NotFoundError();
    if (outcome.errors) {
      const body = withDateParts(request.body, 'date', 'nextDate');
      return recordPage(request, reply, { values: { ...typedValues(body), goalIds: listOf(body.goalIds), actionIds: listOf(body.actionIds) }, errors: outcome.errors });
    }
    const notice = outcome.notice === 'home-visit-requested' ? 'recorded-home-visit-requested' : 'recorded';
    return reply.redirect(`${sessionsPath(id)}?notice=${notice}`, 303);
  };

  app.get('/young-people/:id/sessions/record', OPTIONS, async (request, reply) => recordPage(request, reply));
  app.post('/young-people/:id/sessions/record', OPTIONS, saveRecord);
  app.get('/young-people/:id/sessions/:sessionId/record', OPTIONS, async (request, reply) => recordPage(request, reply));
  app.post('/young-people/:id/sessions/:sessionId/record', OPTIONS, saveRecord);
}

function extensionRoutes(app: FastifyInstance): void {
  const path = '/young-people/:id/sessions/extension';

  /** A request waiting for a decision is answered first: the form is only for a new one. */
  const requestable = async (tx: CallerTransaction, request: FastifyRequest, id: string, action: string) => {
    const found = await openCase(tx, request, id, action);
    if (!found) return undefined;
    const pending = (await extensionRequestsOf(tx, found.episode.id, action)).some((row) => row.status === 'requested');
    return { found, pending };
  };

  const extensionPage = (reply: FastifyReply, found: OpenCase, values: Record<string, unknown>, errors?: FormErrors) =>
    reply.status(errors ? 400 : 200).render('sessions/views/extension.njk', {
      pageTitle: `Ask for an extension: ${found.header.name}`,
      ...found.header,
      allowed: { sessions: found.episode.sessions_allowed, weeks: found.episode.weeks_allowed },
      reasonMax: LIMITS.reason,
      values,
      errors,
    });

  app.get(path, OPTIONS, async (request, reply) => {
    const { id } = paramsFrom(request);
    const state = await request.data.run((tx) => requestable(tx, request, id, 'view'));
    if (!state) throw new NotFoundError();
    if (state.pending) return reply.redirect(sessionsPath(id), 303);
    return extensionPage(reply, state.found, {});
  });

  app.post(path, OPTIONS, async (request, reply) => {
    const { id } = paramsFrom(request);
    const outcome = await request.data.run(async (tx) => {
      const state = await requestable(tx, request, id, 'update');
      if (!state || state.pending) return state;
      const form = parseForm(extensionForm, request.body);
      if (!form.ok) return { ...state, errors: form.errors };
      await requestExtension(tx, id, state.found.episode.id, form.data);
      return { ...state, requested: true };
    });
    if (!outcome) throw new NotFoundError();
    if ('errors' in outcome && outcome.errors) return extensionPage(reply, outcome.found, typedValues(request.body), outcome.errors);
    return reply.redirect(`${sessionsPath(id)}${'requested' in outcome ? '?notice=extension-requested' : ''}`, 303);
  });
}


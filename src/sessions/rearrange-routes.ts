import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { NotFoundError } from '../platform/http/errors.ts';
import { parseForm, typedValues, type FormErrors } from '../platform/http/forms.ts';
import { withDateParts, dateParts } from '../platform/http/date-field.ts';
import { findSession, rearrangeSession } from './queries.ts';
import { presentSession } from './presenters.ts';
import { hasStarted, rearrangeForm } from './schemas.ts';
import { openCase, OPTIONS, paramsFrom, sessionsPath } from './routes.ts';
import { ukCalendarDate } from '../domain/working-days.ts';

const londonTime = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** A booked session still to come moves to another time; one that has started is recorded instead. */
export function rearrangeRoutes(app: FastifyInstance): void {
  const path = '/young-people/:id/sessions/:sessionId/rearrange';

  const page = async (request: FastifyRequest, reply: FastifyReply, submitted?: { values: Record<string, unknown>; errors: FormErrors }) => {
    const { id, sessionId } = paramsFrom(request);
    const found = await request.data.run(async (tx) => {
      const open = await openCase(tx, request, id);
      const session = open && sessionId ? await findSession(tx, open.episode.id, sessionId) : undefined;
      return open && session ? { open, session } : undefined;
    });
    if (!found) throw new NotFoundError();
    const now = new Date();
    if (found.session.status !== 'scheduled' || hasStarted(found.session.starts_at, now)) return reply.redirect(`${sessionsPath(id)}/${sessionId}/record`, 303);
    const booked = {
      date: dateParts(ukCalendarDate(found.session.starts_at)),
      time: londonTime.format(found.session.starts_at),
      duration: String(found.session.duration_minutes),
    };
    return reply.status(submitted ? 400 : 200).render('sessions/views/rearrange.njk', {
      pageTitle: `Rearrange a session: ${found.open.header.name}`,
      ...found.open.header,
      session: presentSession(found.session, id, now),
      cancelHref: sessionsPath(id),
      values: submitted?.values ?? booked,
      errors: submitted?.errors,
    });
  };

  app.get(path, OPTIONS, async (request, reply) => page(request, reply));

  app.post(path, OPTIONS, async (request, reply) => {
    const { id, sessionId } = paramsFrom(request);
    const input = withDateParts(request.body, 'date');
    const outcome = await request.data.run(async (tx) => {
      const open = await openCase(tx, request, id, 'update');
      const session = open && sessionId ? await findSession(tx, open.episode.id, sessionId, 'update') : undefined;
      if (!session) return undefined;
      if (session.status !== 'scheduled' || hasStarted(session.starts_at, new Date())) return { tooLate: true };
      const form = parseForm(rearrangeForm, input);
      if (!form.ok) return { errors: form.errors };
      await rearrangeSession(tx, session.id, form.data);
      return {};
    });
    if (!outcome) throw new NotFoundError();
    if (outcome.errors) return page(request, reply, { values: typedValues(input), errors: outcome.errors });
    if (outcome.tooLate) return reply.redirect(`${sessionsPath(id)}/${sessionId}/record`, 303);
    return reply.redirect(`${sessionsPath(id)}?notice=rearranged`, 303);
  });
}

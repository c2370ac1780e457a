import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../platform/http/context.ts';
import { NotFoundError } from '../platform/http/errors.ts';
import { parseForm, typedValues, type FormErrors } from '../platform/http/forms.ts';
import { recordHeader } from '../young-people/index.ts';
import { ukCalendarDate } from '../domain/working-days.ts';
import { answerLimit, connectionsOf, createConnection, phasesOf, serviceContact } from './queries.ts';
import { presentConnection } from './presenters.ts';
import { remindProvider } from './referral.ts';
import { connectionsPage, headerAndConnection, PATH, senderFor } from './record-page.ts';
import { stepAllowed } from './steps.ts';
import { connectionStepRoutes } from './step-routes.ts';
import { providerAnswerRoutes } from './provider-routes.ts';
import { connectionOutcomeRoutes } from './outcomes-routes.ts';
import { CONNECTION_STAFF, connectionIdsFrom, NOTE_MAX_LENGTH, suggestForm, youngPersonIdFrom } from './schemas.ts';

const NOTICES: Record<string, string> = {
  suggested: 'Suggestion recorded. Ask them whether they would like to go.',
  agree: 'Their agreement is recorded.',
  refer: 'Referral recorded.',
  remind: 'Reminder sent to the provider.',
  'first-attended': 'First session recorded.',
  phase: 'How they are going is recorded.',
  stop: 'Recorded that it stopped.',
};

/**
 * Connections to community services: the record's connections page, suggesting a service and
 * reminding a provider here; each step's page, the provider's private link and managers' outcomes beside it.
 */
export function connectionRoutes(app: FastifyInstance, context: AppContext): void {
  connectionStepRoutes(app, context);
  providerAnswerRoutes(app, context);
  connectionOutcomeRoutes(app, context);
  const staff = { config: { roles: CONNECTION_STAFF } };

  app.get('/young-people/:id/connections', staff, async (request, reply) => {
    const youngPersonId = youngPersonIdFrom(request);
    const today = ukCalendarDate(new Date());
    const found = await request.data.run(async (tx) => {
      const header = await recordHeader(tx, request, youngPersonId, PATH);
      if (!header) return undefined;
      const connections = await connectionsOf(tx, youngPersonId);
      const phases = await phasesOf(tx, connections.map((connection) => connection.id));
      const limit = await answerLimit(tx);
      return { header, connections: connections.map((connection) => presentConnection(connection, phases, today, limit)) };
    });
    if (!found) throw new NotFoundError();
    const notice = NOTICES[(request.query as { notice?: string }).notice ?? ''];
    return reply.render('connections/views/connections.njk', { pageTitle: `Connections: ${found.header.name}`, ...found.header, connections: found.connections, notice });
  });

  async function showSuggest(request: FastifyRequest, reply: FastifyReply, youngPersonId: string, values: Record<string, unknown>, errors?: FormErrors) {
    const serviceId = String(values.serviceId ?? '');
    const found = await request.data.run(async (tx) => {
      const header = await recordHeader(tx, request, youngPersonId, PATH);
      if (!header) return undefined;
      const valid = suggestForm.shape.serviceId.safeParse(serviceId).success;
      return { header, service: valid ? await serviceContact(tx, serviceId) : undefined };
    });
    if (!found) throw new NotFoundError();
    if (!found.header.episode) return reply.redirect(connectionsPage(youngPersonId), 303);
    if (!found.service) throw new NotFoundError();
    return reply.status(errors ? 400 : 200).render('connections/views/suggest.njk', {
      pageTitle: `Suggest ${found.service.name}`,
      backHref: `/young-people/${youngPersonId}/suggestions`,
      ...found.header,
      service: found.service,
      action: connectionsPage(youngPersonId),
      values,
      errors,
      noteMaxLength: NOTE_MAX_LENGTH,
    });
  }

  app.get('/young-people/:id/connections/new', staff, async (request, reply) =>
    showSuggest(request, reply, youngPersonIdFrom(request), { serviceId: (request.query as { service?: string }).service ?? '' }),
  );

  app.post('/young-people/:id/connections', staff, async (request, reply) => {
    const youngPersonId = youngPersonIdFrom(request);
    const form = parseForm(suggestForm, request.body);
    if (!form.ok) return showSuggest(request, reply, youngPersonId, typedValues(request.body), form.errors);
    const created = await request.data.run(async (tx) => {
      const header = await recordHeader(tx, request, youngPersonId, PATH);
      if (!header) return 'not_found';
      if (!header.episode || !(await serviceContact(tx, form.data.serviceId))) return 'not_open';
      await createConnection(tx, { youngPersonId, episodeId: header.episode.id, serviceId: form.data.serviceId, note: form.data.note });
      return 'created';
    });
    if (created === 'not_found') throw new NotFoundError();
    return reply.redirect(`${connectionsPage(youngPersonId)}${created === 'created' ? '?notice=suggested' : ''}`, 303);
  });

  app.post('/young-people/:id/connections/:connectionId/remind', staff, async (request, reply) => {
    const ids = connectionIdsFrom(request);
    const sent = await request.data.run(async (tx) => {
      const found = await headerAndConnection(tx, request, ids);
      if (!found) return undefined;
      if (!stepAllowed('remind', found.connection)) return [];
      return (await remindProvider(tx, senderFor(context, request), found.connection)) ?? [];
    });
    if (!sent) throw new NotFoundError();
    return reply.redirect(`${connectionsPage(ids.youngPersonId)}${sent.length ? '?notice=remind' : ''}`, 303);
  });
}

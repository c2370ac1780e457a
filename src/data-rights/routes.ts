import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../platform/http/context.ts';
import { NotFoundError } from '../platform/http/errors.ts';
import { parseForm, typedValues, type FormErrors } from '../platform/http/forms.ts';
import { withDateParts } from '../platform/http/date-field.ts';
import { recordId } from '../young-people/index.ts';
import { recordHeader } from '../young-people/index.ts';
import { subjectAccessExport } from './export.ts';
import { exportDocument } from './export-document.ts';
import { decideRequest, erasureBlockers, findRequest, logRequest } from './requests.ts';
import { dataRightsPage, presentRequest } from './page.ts';
import { decisionForm, NOTE_MAX, REQUEST_KINDS, requestForm, requestParams } from './schemas.ts';
import { retentionSettingsRoutes } from './settings-routes.ts';

/** Managers and admins answer data rights requests; link workers and commissioners are told the pages do not exist. */
export const MANAGERS = { roles: ['admin', 'manager'] } as const;

const NOTICES: Record<string, string> = {
  logged: 'Request logged.',
  done: 'Request marked as done.',
  refused: 'Request refused. The reason is recorded.',
  erased: 'The record has been anonymised. Names, contact details and notes are gone; coded data stays for reporting.',
  refused_by_law: 'The erasure could not go ahead, so the request was refused with the lawful reason.',
};

function idFrom(request: FastifyRequest): string {
  const parsed = recordId.safeParse(request.params);
  if (!parsed.success) throw new NotFoundError();
  return parsed.data.id;
}

function requestIdsFrom(request: FastifyRequest) {
  const parsed = requestParams.safeParse(request.params);
  if (!parsed.success) throw new NotFoundError();
  return parsed.data;
}

const pagePath = (id: string) => `/young-people/${id}/data-rights`;

export function dataRightsRoutes(app: FastifyInstance, _context: AppContext): void {
  const showPage = async (request: FastifyRequest, reply: FastifyReply, id: string, form?: { values: Record<string, unknown>; errors: FormErrors }) => {
    const page = await request.data.run((tx) => dataRightsPage(tx, request, id));
    if (!page) throw new NotFoundError();
    const notice = (request.query as { notice?: string } | undefined)?.notice;
    return reply.status(form ? 400 : 200).render('data-rights/views/data-rights.njk', {
      pageTitle: `Data rights: ${page.header.name}`,
      ...page.header,
      ...page,
      action: `${pagePath(id)}/requests`,
      kinds: Object.entries(REQUEST_KINDS).map(([value, kind]) => ({ value, text: kind.text, hint: { text: kind.hint } })),
      values: form?.values ?? {},
      errors: form?.errors,
      notice: notice && Object.hasOwn(NOTICES, notice) ? NOTICES[notice] : undefined,
    });
  };

  app.get('/young-people/:id/data-rights', { config: MANAGERS }, (request, reply) => showPage(request, reply, idFrom(request)));

  app.post('/young-people/:id/data-rights/requests', { config: MANAGERS }, async (request, reply) => {
    const id = idFrom(request);
    const input = withDateParts(request.body, 'receivedOn');
    const form = parseForm(requestForm, input);
    if (!form.ok) return showPage(request, reply, id, { values: typedValues(input), errors: form.errors });
    const logged = await request.data.run(async (tx) => {
      if (!(await recordHeader(tx, request, id, '/data-rights'))) return false;
      await logRequest(tx, id, form.data);
      return true;
    });
    if (!logged) throw new NotFoundError();
    return reply.redirect(`${pagePath(id)}?notice=logged`, 303);
  });

  const decidePage = 'data-rights/views/decide.njk';
  const showDecision = async (request: FastifyRequest, reply: FastifyReply, form?: { values: Record<string, unknown>; errors: FormErrors }) => {
    const { id, requestId } = requestIdsFrom(request);
    const found = await request.data.run(async (tx) => {
      const header = await recordHeader(tx, request, id, '/data-rights');
      const row = header && (await findRequest(tx, id, requestId));
      if (!row || row.status !== 'open') return undefined;
      return { header, row, blockers: row.kind === 'erasure' ? await erasureBlockers(tx, id) : [] };
    });
    if (!found) throw new NotFoundError();
    return reply.status(form ? 400 : 200).render(decidePage, {
      pageTitle: 'Decide the request',
      backHref: pagePath(id),
      name: found.header.name,
      request: presentRequest(found.row),
      isErasure: found.row.kind === 'erasure',
      blockers: found.blockers,
      action: `${pagePath(id)}/requests/${requestId}`,
      noteMaxLength: NOTE_MAX,
      values: form?.values ?? (found.blockers.length ? { decision: 'refuse', decisionNote: found.blockers.join(' ') } : {}),
      errors: form?.errors,
    });
  };

  app.get('/young-people/:id/data-rights/requests/:requestId', { config: MANAGERS }, (request, reply) => showDecision(request, reply));

  app.post('/young-people/:id/data-rights/requests/:requestId', { config: MANAGERS }, async (request, reply) => {
    const { id, requestId } = requestIdsFrom(request);
    const form = parseForm(decisionForm, request.body);
    if (!form.ok) return showDecision(request, reply, { values: typedValues(request.body), errors: form.errors });
    const outcome = await request.data.run(async (tx) => {
      const found = await findRequest(tx, id, requestId);
      if (!found || found.status !== 'open') return undefined;
      // "Erase" answers only an erasure request; for the others it means the same as done.
      return decideRequest(tx, found, form.data);
    });
    if (!outcome) throw new NotFoundError();
    return reply.redirect(`${pagePath(id)}?notice=${outcome}`, 303);
  });

  app.get('/young-people/:id/data-rights/export.json', { config: MANAGERS }, async (request, reply) => {
    const id = idFrom(request);
    const data = await request.data.run((tx) => subjectAccessExport(tx, id));
    if (!data) throw new NotFoundError();
    return reply
      .header('content-type', 'application/json; charset=utf-8')
      .header('content-disposition', `attachment; filename="subject-access-${data.exportedAt.toISOString().slice(0, 10)}.json"`)
      .header('cache-control', 'no-store')
      .send(JSON.stringify(data, null, 2));
  });

  app.get('/young-people/:id/data-rights/export', { config: MANAGERS }, async (request, reply) => {
    const id = idFrom(request);
    const data = await request.data.run((tx) => subjectAccessExport(tx, id));
    if (!data) throw new NotFoundError();
    const document = exportDocument(data);
    const person = data.personalData.young_people[0]!;
    reply.header('cache-control', 'no-store');
    return reply.render('data-rights/views/export.njk', {
      pageTitle: 'Everything we hold',
      columnWidth: 'full',
      backHref: pagePath(id),
      name: `${String(person.given_name)} ${String(person.family_name)}`,
      ...document,
    });
  });

  retentionSettingsRoutes(app, MANAGERS);
}

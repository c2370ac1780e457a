import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { parseForm, typedValues, type FormErrors } from '../platform/http/forms.ts';
import { addRedirectService, changeRedirectService, findRedirectService, listRedirectServices, setRedirectServiceActive, type RedirectServiceRow } from './queries.ts';
import { ADMINS_ONLY, idFrom, TEXT_LIMITS } from './schemas.ts';
import { serviceForm } from './service-form.ts';
import { acceptFormUploads, FORM_FILE_ACCEPT, MAX_FORM_FILE_TEXT } from './uploads.ts';
import { HOW_TO_REFER, howToReferText, presentServices } from './presenters.ts';
import { findRedirectFormFile, redirectFormResponse } from './redirect-form-file.ts';
import { backToSettings } from './notices.ts';
import { confirmationPage } from './confirmation.ts';

const SERVICES_PATH = '/settings/redirect-services';
const SERVICE_PAGE = 'scheme-settings/views/service.njk';

/** What every service form offers, whatever is being added or changed. */
const SERVICE_CHOICES = {
  howToRefer: Object.entries(HOW_TO_REFER).map(([value, { text, hint }]) => ({ value, text, hint })),
  whenToUseLimit: TEXT_LIMITS.whenToUse,
  accept: FORM_FILE_ACCEPT,
  maxFileSize: MAX_FORM_FILE_TEXT,
};

interface ServicePage {
  title: string;
  action: string;
  values: Record<string, unknown>;
  /** The service being changed, when it is not a new one. */
  service?: RedirectServiceRow;
  errors?: FormErrors;
}

function formValues(service: RedirectServiceRow): Record<string, unknown> {
  return {
    name: service.name,
    whenToUse: service.when_to_use,
    howToRefer: service.how_to_refer,
    linkUrl: service.link_url,
    email: service.email,
    forOutsideAge: service.for_outside_age ? 'yes' : undefined,
  };
}

/** Deactivating hides a service from triage and the public form; reactivating brings it back. */
const ACTIVATION = [
  { verb: 'deactivate', active: false, title: 'Deactivate', button: 'Deactivate service', explain: 'It will not be offered when declining a referral or on the public referral form. Nothing else changes, and you can reactivate it later.' },
  { verb: 'reactivate', active: true, title: 'Reactivate', button: 'Reactivate service', explain: 'It will be offered again when declining a referral and on the public referral form.' },
] as const;

export async function serviceRoutes(app: FastifyInstance): Promise<void> {
  app.get(SERVICES_PATH, { config: ADMINS_ONLY }, async (request, reply) => {
    const services = await request.data.run(listRedirectServices);
    return reply.render('scheme-settings/views/services.njk', { pageTitle: 'Redirect services', backHref: '/settings', columnWidth: 'full', services: presentServices(services) });
  });

  const serviceFrom = (request: FastifyRequest) => request.data.run((tx) => findRedirectService(tx, idFrom(request)));

  // Staff see the form attached to any of their services, offered or not.
  app.get(`${SERVICES_PATH}/:id/form`, { config: ADMINS_ONLY }, async (request, reply) => {
    const file = await request.data.run((tx) => findRedirectFormFile(tx, idFrom(request), { includeInactive: true }));
    return redirectFormResponse(reply, file);
  });

  for (const change of ACTIVATION) {
    const path = `${SERVICES_PATH}/:id/${change.verb}`;
    app.get(path, { config: ADMINS_ONLY }, async (request, reply) => {
      const service = await serviceFrom(request);
      return confirmationPage(reply, {
        pageTitle: `${change.title} ${service.name}?`,
        rows: [
          { key: 'When to use it', value: service.when_to_use },
          { key: 'How to refer', value: howToReferText(service) },
        ],
        paragraphs: [change.explain],
        buttonText: change.button,
        action: `${SERVICES_PATH}/${service.id}/${change.verb}`,
        cancelHref: SERVICES_PATH,
      });
    });
    app.post(path, { config: ADMINS_ONLY }, async (request, reply) => {
      await request.data.run((tx) => setRedirectServiceActive(tx, idFrom(request), change.active));
      return backToSettings(reply, `service-${change.verb}d`);
    });
  }

  // Only the adding and changing forms take a file, so only they parse multipart bodies.
  await app.register(async (scoped) => {
    await acceptFormUploads(scoped);
    const servicePage = (reply: FastifyReply, page: ServicePage) =>
      reply.render(SERVICE_PAGE, { ...SERVICE_CHOICES, pageTitle: page.title, backHref: SERVICES_PATH, ...page });

    const save = async (request: FastifyRequest, reply: FastifyReply, page: Omit<ServicePage, 'values'>) => {
      const existing = page.service;
      const form = parseForm(serviceForm({ hasFileAlready: Boolean(existing?.form_file_name) }), request.body);
      if (!form.ok) {
        // A file cannot be shown back: the browser asks for it again.
        const { formFile: _file, ...typed } = typedValues(request.body);
        return servicePage(reply.status(400), { ...page, values: typed, errors: form.errors });
      }
      await request.data.run((tx) => (existing ? changeRedirectService(tx, existing.id, form.data) : addRedirectService(tx, form.data)));
      return backToSettings(reply, existing ? 'service-changed' : 'service-added');
    };

    const adding = { title: 'Add a redirect service', action: `${SERVICES_PATH}/new` };
    scoped.get(adding.action, { config: ADMINS_ONLY }, (_request, reply) => servicePage(reply, { ...adding, values: {} }));
    scoped.post(adding.action, { config: ADMINS_ONLY }, (request, reply) => save(request, reply, adding));

    const changing = (service: RedirectServiceRow) => ({ title: `Change ${service.name}`, action: `${SERVICES_PATH}/${service.id}/change`, service });
    scoped.get(`${SERVICES_PATH}/:id/change`, { config: ADMINS_ONLY }, async (request, reply) => {
      const service = await serviceFrom(request);
      return servicePage(reply, { ...changing(service), values: formValues(service) });
    });
    scoped.post(`${SERVICES_PATH}/:id/change`, { config: ADMINS_ONLY }, async (request, reply) => {
      // Looked up first, so another scheme's service answers 404 even to a form with mistakes.
      return save(request, reply, changing(await serviceFrom(request)));
    });
  });
}

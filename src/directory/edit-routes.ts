import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../platform/http/context.ts';
import { NotFoundError } from '../platform/http/errors.ts';
import { parseForm, typedValues, type FormErrors } from '../platform/http/forms.ts';
import { NEEDS } from '../domain/codes.ts';
import { CATEGORIES } from './codes.ts';
import { choices, REFERRAL_METHODS } from './presenters.ts';
import { serviceDetails } from './queries.ts';
import { DIRECTORY_STAFF, idFrom, serviceForm } from './schemas.ts';
import { formValues, saveService } from './service-edit.ts';

const FORM_PAGE = 'directory/views/edit.njk';

const asList = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : typeof value === 'string' && value !== '' ? [value] : []);

function renderForm(reply: FastifyReply, serviceId: string | undefined, values: Record<string, unknown>, errors?: FormErrors) {
  return reply.status(errors ? 400 : 200).render(FORM_PAGE, {
    pageTitle: serviceId ? 'Change service' : 'Add a service',
    backHref: serviceId ? `/directory/services/${serviceId}` : '/directory',
    action: serviceId ? `/directory/services/${serviceId}/edit` : '/directory/services/new',
    values,
    errors,
    categories: choices(CATEGORIES, asList(values.categories)),
    needs: choices(NEEDS, asList(values.needs)),
    referralMethods: choices(REFERRAL_METHODS, asList(values.referralMethod)),
  });
}

/** Link workers and managers keep the directory up to date: one page holds a whole entry. */
export function serviceEditRoutes(app: FastifyInstance, _context: AppContext): void {
  const staff = { config: { roles: DIRECTORY_STAFF } };

  app.get('/directory/services/new', staff, async (_request, reply) => renderForm(reply, undefined, { cost: 'free', takingReferrals: 'yes', referralMethod: 'signpost' }));

  app.post('/directory/services/new', staff, async (request, reply) => {
    const form = parseForm(serviceForm, request.body);
    if (!form.ok) return renderForm(reply, undefined, typedValues(request.body), form.errors);
    const id = await request.data.run((tx) => saveService(tx, form.data));
    return reply.redirect(`/directory/services/${id}?notice=added`, 303);
  });

  async function existing(request: FastifyRequest) {
    const id = idFrom(request);
    const details = await request.data.run((tx) => serviceDetails(tx, id));
    if (!details) throw new NotFoundError();
    return { id, details };
  }

  app.get('/directory/services/:id/edit', staff, async (request, reply) => {
    const { id, details } = await existing(request);
    return renderForm(reply, id, formValues(details));
  });

  app.post('/directory/services/:id/edit', staff, async (request, reply) => {
    const id = idFrom(request);
    const form = parseForm(serviceForm, request.body);
    if (!form.ok) {
      await existing(request);
      return renderForm(reply, id, typedValues(request.body), form.errors);
    }
    const saved = await request.data.run((tx) => saveService(tx, form.data, id));
    if (!saved) throw new NotFoundError();
    return reply.redirect(`/directory/services/${id}?notice=saved`, 303);
  });
}

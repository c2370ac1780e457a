import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../platform/http/context.ts';
import { NotFoundError } from '../platform/http/errors.ts';
import { parseForm, typedValues, type FormErrors } from '../platform/http/forms.ts';
import { NEEDS } from '../domain/codes.ts';
import { categoryLabel } from './codes.ts';
import { isStale } from './freshness.ts';
import { addPrivateNote, markChecked, recheckQueue, searchServices, serviceDetails, setStaleAfterDays, staleAfterDays } from './queries.ts';
import { ageRangeInWords, costInWords, filterOptions, lastCheckedInWords, presentListedService, REFERRAL_METHODS, searchLink, warningTags } from './presenters.ts';
import { DIRECTORY_MANAGERS, DIRECTORY_STAFF, idFrom, noteForm, searchQuery, staleLimitForm } from './schemas.ts';
import { currentProviderLink } from './provider-links.ts';
import { serviceEditRoutes } from './edit-routes.ts';
import { providerRoutes } from './provider-routes.ts';
import { gapRoutes } from './gap-routes.ts';
import { suggestionRoutes } from './suggestion-routes.ts';

const NOTICES: Record<string, string> = {
  checked: 'Marked as checked today.',
  saved: 'Service saved.',
  added: 'Service added.',
  note: 'Note added. Only staff of your scheme can read it.',
  'link-revoked': 'The provider’s link has been stopped.',
};

async function showService(request: FastifyRequest, reply: FastifyReply, serviceId: string, values: Record<string, unknown> = {}, errors?: FormErrors) {
  const found = await request.data.run(async (tx) => {
    const details = await serviceDetails(tx, serviceId);
    return details && { details, staleDays: await staleAfterDays(tx), providerLink: await currentProviderLink(tx, serviceId) };
  });
  if (!found) throw new NotFoundError();
  const { details, staleDays, providerLink } = found;
  const { service } = details;
  const now = new Date();
  const notice = NOTICES[(request.query as { notice?: string }).notice ?? ''];
  return reply.status(errors ? 400 : 200).render('directory/views/service.njk', {
    pageTitle: service.name,
    backHref: '/directory',
    service,
    notice,
    values,
    errors,
    stale: isStale(service.last_checked_at, staleDays, now),
    staleDays,
    tags: warningTags(service, staleDays, now),
    checked: lastCheckedInWords(service.last_checked_at, service.checked_by_name, details.lastCheck?.by_provider ?? false),
    categories: service.categories.map(categoryLabel).join(', ') || 'None',
    needs: service.needs.map((code) => NEEDS[code] ?? code).join(', ') || 'None',
    ages: ageRangeInWords(service.minimum_age, service.maximum_age),
    cost: costInWords(service.cost, service.cost_pence, service.cost_note),
    referralMethod: REFERRAL_METHODS[service.referral_method],
    waiting: service.waiting_weeks === null ? 'Not known' : service.waiting_weeks === 0 ? 'No waiting list' : `About ${service.waiting_weeks} ${service.waiting_weeks === 1 ? 'week' : 'weeks'}`,
    locations: details.locations,
    schedules: details.schedules.filter((schedule) => schedule.description),
    contacts: details.contacts,
    notes: details.notes,
    providerLink,
  });
}

export function directoryRoutes(app: FastifyInstance, context: AppContext): void {
  const staff = { config: { roles: DIRECTORY_STAFF } };
  const managers = { config: { roles: DIRECTORY_MANAGERS } };

  app.get('/directory', staff, async (request, reply) => {
    const filter = searchQuery.parse(request.query ?? {});
    const { services, hasNextPage, staleDays } = await request.data.run(async (tx) => {
      const staleDays = await staleAfterDays(tx);
      return { ...(await searchServices(tx, filter, staleDays)), staleDays };
    });
    const now = new Date();
    const searched = filter.q !== '' || filter.category !== undefined || filter.need !== undefined || filter.age !== undefined;
    return reply.render('directory/views/search.njk', {
      pageTitle: 'Directory',
      columnWidth: 'full',
      filter,
      ...filterOptions(filter),
      services: services.map((service) => presentListedService(service, staleDays, now)),
      searched,
      notice: (request.query as { notice?: string }).notice === 'gap' ? 'Gap recorded. Thank you: managers use these to find where new activities are needed.' : undefined,
      gapHref: `/directory/gaps/new?${new URLSearchParams({ ...(filter.need ? { need: filter.need } : {}), ...(filter.age !== undefined ? { age: String(filter.age) } : {}), from: searchLink(filter, filter.page) })}`,
      previousHref: filter.page > 1 ? searchLink(filter, filter.page - 1) : undefined,
      nextHref: hasNextPage ? searchLink(filter, filter.page + 1) : undefined,
    });
  });

  app.get('/directory/services/:id', staff, async (request, reply) => showService(request, reply, idFrom(request)));

  app.post('/directory/services/:id/notes', staff, async (request, reply) => {
    const serviceId = idFrom(request);
    const form = parseForm(noteForm, request.body);
    if (!form.ok) return showService(request, reply, serviceId, typedValues(request.body), form.errors);
    const added = await request.data.run(async (tx) => ((await serviceDetails(tx, serviceId)) ? (await addPrivateNote(tx, serviceId, form.data.note), true) : false));
    if (!added) throw new NotFoundError();
    return reply.redirect(`/directory/services/${serviceId}?notice=note#notes`, 303);
  });

  app.post('/directory/services/:id/check', staff, async (request, reply) => {
    const serviceId = idFrom(request);
    if (!(await request.data.run((tx) => markChecked(tx, serviceId)))) throw new NotFoundError();
    return reply.redirect(`/directory/services/${serviceId}?notice=checked`, 303);
  });

  async function showRecheck(request: FastifyRequest, reply: FastifyReply, values: Record<string, unknown> = {}, errors?: FormErrors) {
    const page = searchQuery.parse(request.query ?? {}).page;
    const { services, hasNextPage, staleDays } = await request.data.run(async (tx) => {
      const staleDays = await staleAfterDays(tx);
      return { ...(await recheckQueue(tx, staleDays, page)), staleDays };
    });
    const now = new Date();
    const canChangeLimit = (DIRECTORY_MANAGERS as readonly string[]).includes(request.account!.role);
    return reply.status(errors ? 400 : 200).render('directory/views/recheck.njk', {
      pageTitle: 'Entries to check',
      columnWidth: 'full',
      backHref: '/directory',
      services: services.map((service) => presentListedService(service, staleDays, now)),
      staleDays,
      canChangeLimit,
      values: { days: staleDays, ...values },
      errors,
      notice: (request.query as { notice?: string }).notice === 'limit' ? `Entries now become stale after ${staleDays} days.` : undefined,
      previousHref: page > 1 ? `/directory/recheck?page=${page - 1}` : undefined,
      nextHref: hasNextPage ? `/directory/recheck?page=${page + 1}` : undefined,
      page,
    });
  }

  app.get('/directory/recheck', staff, async (request, reply) => showRecheck(request, reply));

  app.post('/directory/recheck/limit', managers, async (request, reply) => {
    const form = parseForm(staleLimitForm, request.body);
    if (!form.ok) return showRecheck(request, reply, typedValues(request.body), form.errors);
    await request.data.run((tx) => setStaleAfterDays(tx, form.data.days));
    return reply.redirect('/directory/recheck?notice=limit', 303);
  });

  serviceEditRoutes(app, context);
  providerRoutes(app, context);
  gapRoutes(app, context);
  suggestionRoutes(app, context);
}

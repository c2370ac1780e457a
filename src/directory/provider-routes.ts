import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../platform/http/context.ts';
import { NotFoundError } from '../platform/http/errors.ts';
import { parseForm, typedValues, type FormErrors } from '../platform/http/forms.ts';
import { absoluteUrl } from '../platform/http/public-url.ts';
import { schemelessData } from '../refer/index.ts';
import { formatUkDate } from '../platform/views/render.ts';
import { applyProviderUpdate, issueProviderLink, providerEmail, providerPath, readProviderLink, revokeProviderLinks, type ProviderLinkView } from './provider-links.ts';
import { serviceExists } from './queries.ts';
import { DIRECTORY_STAFF, idFrom, providerLinkForm, providerToken, providerUpdateForm } from './schemas.ts';

const UPDATE_PAGE = 'directory/views/provider-update.njk';

/** Staff make a private link for a provider; the provider uses it, without an account, to keep their entry true. */
export function providerRoutes(app: FastifyInstance, context: AppContext): void {
  const staff = { config: { roles: DIRECTORY_STAFF } };

  // The new link is shown on the page that answers the POST, never put in an address, and the
  // page may not be stored: it appears once. Making a new link stops the old one.
  app.post('/directory/services/:id/provider-link', staff, async (request, reply) => {
    const serviceId = idFrom(request);
    const form = parseForm(providerLinkForm, request.body);
    const sendEmail = form.ok && form.data.sendEmail;
    const made = await request.data.run(async (tx) => {
      if (!(await serviceExists(tx, serviceId))) return undefined;
      const to = sendEmail ? await providerEmail(tx, serviceId) : undefined;
      const link = await issueProviderLink(tx, serviceId, to);
      const url = absoluteUrl(request, context.config, providerPath(link.token));
      if (to) {
        await context.messenger.record(tx, { referralId: null, to, subject: 'Please check your listing', template: 'directory/messages/provider-link.txt.njk', data: { url, expiresOn: formatUkDate(link.expiresAt), schemeName: request.account!.organisationName } });
      }
      return { url, expiresAt: link.expiresAt, to, wantedEmail: sendEmail };
    });
    if (!made) throw new NotFoundError();
    reply.header('cache-control', 'no-store');
    return reply.render('directory/views/provider-link.njk', {
      pageTitle: 'Link for the provider',
      backHref: `/directory/services/${serviceId}`,
      serviceId,
      url: made.url,
      expiresAt: made.expiresAt,
      emailedTo: made.to,
      noEmailAddress: made.wantedEmail && !made.to,
    });
  });

  app.post('/directory/services/:id/provider-link/stop', staff, async (request, reply) => {
    const serviceId = idFrom(request);
    const stopped = await request.data.run(async (tx) => ((await serviceExists(tx, serviceId)) ? (await revokeProviderLinks(tx, serviceId), true) : false));
    if (!stopped) throw new NotFoundError();
    return reply.redirect(`/directory/services/${serviceId}?notice=link-revoked`, 303);
  });

  // Public and throttled: a link is a secret, and guessing at them should be slow.
  const publicAndThrottled = { config: { public: true, rateLimit: { max: context.config.rateLimitPerMinute, timeWindow: '1 minute' } } };

  async function linkFrom(request: FastifyRequest): Promise<{ token: string; link: ProviderLinkView | undefined }> {
    const parsed = providerToken.safeParse(request.params);
    if (!parsed.success) return { token: '', link: undefined };
    return { token: parsed.data.token, link: await schemelessData(context, request).run((tx) => readProviderLink(tx, parsed.data.token)) };
  }

  function gone(reply: FastifyReply, link: ProviderLinkView | undefined) {
    return reply.status(410).render('directory/views/provider-gone.njk', { pageTitle: 'This link no longer works', schemeName: link?.scheme_name });
  }

  function updatePage(reply: FastifyReply, token: string, link: ProviderLinkView, values: Record<string, unknown>, errors?: FormErrors, updated = false) {
    reply.header('cache-control', 'no-store');
    return reply.status(errors ? 400 : 200).render(UPDATE_PAGE, { pageTitle: `Update ${link.service_name}`, action: providerPath(token), link, values, errors, updated });
  }

  app.get('/provider/:token', publicAndThrottled, async (request, reply) => {
    const { token, link } = await linkFrom(request);
    if (!link?.usable) return gone(reply, link);
    const values = { waitingWeeks: link.waiting_weeks ?? '', takingReferrals: link.taking_referrals ? 'yes' : 'no', scheduleText: link.schedule_text ?? '' };
    return updatePage(reply, token, link, values, undefined, (request.query as { updated?: string }).updated === 'yes');
  });

  app.post('/provider/:token', publicAndThrottled, async (request, reply) => {
    const { token, link } = await linkFrom(request);
    if (!link?.usable) return gone(reply, link);
    const form = parseForm(providerUpdateForm, request.body);
    if (!form.ok) return updatePage(reply, token, link, typedValues(request.body), form.errors);
    const applied = await schemelessData(context, request).run((tx) => applyProviderUpdate(tx, token, form.data));
    if (!applied) return gone(reply, link);
    return reply.redirect(`${providerPath(token)}?updated=yes`, 303);
  });
}

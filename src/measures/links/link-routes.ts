import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../platform/http/context.ts';
import type { CallerTransaction } from '../../platform/db/caller-data.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import { formErrors, parseForm, typedValues, type FormErrors } from '../../platform/http/forms.ts';
import { absoluteUrl } from '../../platform/http/public-url.ts';
import { hashToken } from '../../platform/auth/tokens.ts';
import type { SealPurpose } from '../../platform/auth/secret-box.ts';
import { formatUkDate } from '../../platform/views/render.ts';
import { recordHeader } from '../../young-people/index.ts';
import { findYoungPerson } from '../../young-people/index.ts';
import { currentEpisode } from '../../domain/episodes.ts';
import { hasBaseline, issueMeasureLink, measureLinksOf, sendableMeasures, stopMeasureLink } from './link-store.ts';
import { LINK_MOMENTS, measureItems, momentItems, sendItems, sentLinkRows } from './link-presenters.ts';

/**
 * Where staff send a young person a single-use link to answer a measure on their phone. The new
 * link reaches the staff member's screen once, sealed in a short-lived cookie only this page
 * receives (as for the own page's links), never in a web address.
 */

const STAFF = { roles: ['admin', 'manager', 'link_worker'] as const };
const SHOW_LINK_FOR_SECONDS = 300;
const sendPath = (youngPersonId: string) => `/young-people/${youngPersonId}/measures/send`;

const params = z.object({ id: z.uuid() });
const stopParams = params.extend({ linkId: z.uuid() });

const sendForm = z.object({
  measure: z.string({ error: 'Choose which questions to send' }).min(1, 'Choose which questions to send'),
  moment: z.enum(LINK_MOMENTS, { error: 'Choose when in their support this is' }),
  send: z.enum(['show', 'email', 'text']).prefault('show'),
});

// Sealed as a young person's private link, like the own page's: the cookie's name and path keep the two apart.
const SEAL_PURPOSE: SealPurpose = 'measure-link';
const linkCookieName = (context: AppContext) => (context.config.secureCookies ? '__Secure-linkway_measure_link' : 'linkway_measure_link');
const linkCookieOptions = (context: AppContext, youngPersonId: string) =>
  ({ httpOnly: true, sameSite: 'strict', secure: context.config.secureCookies, path: sendPath(youngPersonId) }) as const;

function takeShownToken(request: FastifyRequest, reply: FastifyReply, context: AppContext, youngPersonId: string): string | undefined {
  const sealed = request.cookies[linkCookieName(context)];
  if (!sealed) return undefined;
  reply.clearCookie(linkCookieName(context), linkCookieOptions(context, youngPersonId));
  try {
    return context.secretBox.open(sealed, SEAL_PURPOSE);
  } catch {
    return undefined;
  }
}

function idFrom(request: FastifyRequest): string {
  const parsed = params.safeParse(request.params);
  if (!parsed.success) throw new NotFoundError();
  return parsed.data.id;
}

const NOTICES: Record<string, string> = {
  email: 'The link has been emailed to them. Anything that cannot be sent waits in the outbox.',
  text: 'The text is waiting in the outbox for an administrator to send.',
  stopped: 'The link has been stopped. It no longer opens the questions.',
};

export function measureLinkRoutes(app: FastifyInstance, context: AppContext): void {
  const linkUrl = (request: FastifyRequest, token: string) => absoluteUrl(request, context.config, `/m/${token}`);

  async function sendPage(tx: CallerTransaction, request: FastifyRequest, id: string, token: string | undefined) {
    const header = await recordHeader(tx, request, id, '/measures');
    if (!header) throw new NotFoundError();
    const [measures, links] = await Promise.all([sendableMeasures(tx), measureLinksOf(tx, id)]);
    const shown = token ? links.find((link) => link.token_hash === hashToken(token) && !link.used_at && !link.revoked_at) : undefined;
    return { header, measures, links, shown };
  }

  async function render(request: FastifyRequest, reply: FastifyReply, id: string, extra: { token?: string; errors?: FormErrors; values?: Record<string, unknown> } = {}) {
    const { header, measures, links, shown } = await request.data.run((tx) => sendPage(tx, request, id, extra.token));
    const values = extra.values ?? {};
    const names = new Map(measures.map(({ definition }) => [definition.key, { name: definition.name, questionCount: definition.items.length }]));
    // The page may hold a working link: no browser or proxy may keep a copy.
    reply.header('cache-control', 'no-store');
    return reply.render('measures/links/views/link-send.njk', {
      pageTitle: `Send questions to answer on their phone: ${header.name}`,
      backHref: `/young-people/${id}/measures`,
      ...header,
      firstName: header.person.preferred_name ?? header.person.given_name,
      measureItems: measureItems(measures, values.measure),
      momentItems: momentItems(values.moment),
      sendItems: sendItems(header.person, values.send),
      sentLinks: sentLinkRows(links, names),
      shownLink: extra.token && shown ? { url: linkUrl(request, extra.token), until: shown.expires_at } : undefined,
      notice: NOTICES[(request.query as { notice?: string }).notice ?? ''],
      errors: extra.errors,
    });
  }

  app.get('/young-people/:id/measures/send', { config: STAFF }, async (request, reply) => {
    const id = idFrom(request);
    return render(request, reply, id, { token: takeShownToken(request, reply, context, id) });
  });

  app.post('/young-people/:id/measures/send', { config: STAFF }, async (request, reply) => {
    const id = idFrom(request);
    const form = parseForm(sendForm, request.body);
    if (!form.ok) return render(request, reply.status(400), id, { errors: form.errors, values: typedValues(request.body) });
    const { measure: key, moment, send } = form.data;
    const made = await request.data.run(async (tx) => {
      const person = await findYoungPerson(tx, id, 'send_measure_link');
      if (!person) throw new NotFoundError();
      const measure = (await sendableMeasures(tx)).find((entry) => entry.definition.key === key);
      if (!measure) return { problem: { measure: 'Choose which questions to send' } as Record<string, string> };
      const to = send === 'email' ? person.email : send === 'text' ? person.phone : null;
      if (send !== 'show' && !to) return { problem: { send: 'Choose how to send the link' } as Record<string, string> };
      const episode = await currentEpisode(tx, id, 'send_measure_link');
      if (moment === 'baseline' && (await hasBaseline(tx, id, episode?.id ?? null, key))) {
        return { problem: { moment: `They already have a baseline for ${measure.definition.name} in this support: choose Review, Discharge or Another time` } as Record<string, string> };
      }
      const link = await issueMeasureLink(tx, { youngPersonId: id, episodeId: episode?.id ?? null, key, version: measure.definition.version, moment });
      if (!to || send === 'show') return { token: link.token };
      const organisation = await tx.db.selectFrom('organisations').select('name').executeTakeFirstOrThrow();
      // Only what the young person needs to open it: nothing about them or what the questions are about.
      await context.messenger.record(tx, {
        referralId: null,
        to,
        channel: send,
        subject: 'A few short questions from your link worker',
        template: send === 'email' ? 'measures/links/messages/link.txt.njk' : 'measures/links/messages/link-text.txt.njk',
        data: { schemeName: organisation.name, link: linkUrl(request, link.token), worksUntil: formatUkDate(link.expiresAt) },
      });
      return { token: link.token };
    });
    if (made.problem) {
      return render(request, reply.status(400), id, { errors: formErrors(made.problem), values: typedValues(request.body) });
    }
    reply.setCookie(linkCookieName(context), context.secretBox.seal(made.token!, SEAL_PURPOSE), { ...linkCookieOptions(context, id), maxAge: SHOW_LINK_FOR_SECONDS });
    return reply.redirect(send === 'show' ? sendPath(id) : `${sendPath(id)}?notice=${send}`, 303);
  });

  app.post('/young-people/:id/measures/links/:linkId/stop', { config: STAFF }, async (request, reply) => {
    const parsed = stopParams.safeParse(request.params);
    if (!parsed.success) throw new NotFoundError();
    const { id, linkId } = parsed.data;
    const stopped = await request.data.run(async (tx) => {
      if (!(await findYoungPerson(tx, id, 'stop_measure_link'))) throw new NotFoundError();
      return stopMeasureLink(tx, id, linkId);
    });
    if (!stopped) throw new NotFoundError();
    return reply.redirect(`${sendPath(id)}?notice=stopped`, 303);
  });
}

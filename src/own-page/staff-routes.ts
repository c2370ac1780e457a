import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../platform/http/context.ts';
import { NotFoundError } from '../platform/http/errors.ts';
import { parseForm } from '../platform/http/forms.ts';
import { absoluteUrl } from '../platform/http/public-url.ts';
import { formatUkDate } from '../platform/views/render.ts';
import { recordId } from '../young-people/index.ts';
import { recordHeader } from '../young-people/index.ts';
import { findYoungPerson } from '../young-people/index.ts';
import { codeAddresses, feedbackOf, issueLink, lastSignIn, linkExpiry, stopLinks, workingLink } from './links.ts';
import { createLinkForm } from './schemas.ts';
import { presentStaffPage } from './staff-presenters.ts';

const STAFF = { roles: ['admin', 'manager', 'link_worker'] as const };
const SHOW_LINK_FOR_SECONDS = 300;
const pagePath = (youngPersonId: string) => `/young-people/${youngPersonId}/own-page`;

// A new link reaches the staff member's screen without travelling in a web address (which logs and
// history keep): the POST seals it into a short-lived cookie only this page receives, and the page
// shows it once and deletes it.
const linkCookieName = (context: AppContext) => (context.config.secureCookies ? '__Secure-linkway_own_page_link' : 'linkway_own_page_link');
function linkCookieOptions(context: AppContext, youngPersonId: string) {
  return { httpOnly: true, sameSite: 'strict', secure: context.config.secureCookies, path: pagePath(youngPersonId) } as const;
}

function takeShownToken(request: FastifyRequest, reply: FastifyReply, context: AppContext, youngPersonId: string): string | undefined {
  const sealed = request.cookies[linkCookieName(context)];
  if (!sealed) return undefined;
  reply.clearCookie(linkCookieName(context), linkCookieOptions(context, youngPersonId));
  try {
    return context.secretBox.open(sealed, 'own-page-link');
  } catch {
    return undefined;
  }
}

function idFrom(request: FastifyRequest): string {
  const parsed = recordId.safeParse(request.params);
  if (!parsed.success) throw new NotFoundError();
  return parsed.data.id;
}

const NOTICES: Record<string, string> = {
  stopped: 'The link has been stopped. It no longer opens their page.',
  emailed: 'The link has also been emailed to them. Anything that cannot be sent waits in the outbox.',
};

/** The record page where staff give a young person a way into their own page. */
export function ownPageStaffRoutes(app: FastifyInstance, context: AppContext): void {
  const linkUrl = (request: FastifyRequest, token: string) => absoluteUrl(request, context.config, `/me/${token}`);

  app.get('/young-people/:id/own-page', { config: STAFF }, async (request, reply) => {
    const id = idFrom(request);
    const token = takeShownToken(request, reply, context, id);
    const found = await request.data.run(async (tx) => {
      const header = await recordHeader(tx, request, id, '/own-page');
      if (!header) return undefined;
      return {
        header,
        link: await workingLink(tx, id),
        shownUntil: token ? await linkExpiry(tx, id, token) : undefined,
        lastSignIn: await lastSignIn(tx, id),
        addresses: await codeAddresses(tx, id),
        feedback: await feedbackOf(tx, id),
      };
    });
    if (!found) throw new NotFoundError();
    const { header, shownUntil, ...state } = found;
    // The page may hold a working link: no browser or proxy may keep a copy.
    reply.header('cache-control', 'no-store');
    return reply.render('own-page/views/staff.njk', {
      pageTitle: `Their own page: ${header.name}`,
      ...header,
      ...presentStaffPage(header.person, state),
      shownLink: token && shownUntil ? { url: linkUrl(request, token), until: shownUntil } : undefined,
      signInUrl: absoluteUrl(request, context.config, '/me/sign-in'),
      notice: NOTICES[(request.query as { notice?: string }).notice ?? ''],
    });
  });

  app.post('/young-people/:id/own-page/link', { config: STAFF }, async (request, reply) => {
    const id = idFrom(request);
    const form = parseForm(createLinkForm, request.body);
    if (!form.ok) throw new NotFoundError();
    const made = await request.data.run(async (tx) => {
      const person = await findYoungPerson(tx, id, 'make_own_page_link');
      if (!person) return undefined;
      const link = await issueLink(tx, id);
      if (form.data.send !== 'email' || !person.email) return { ...link, emailed: false };
      const organisation = await tx.db.selectFrom('organisations').select('name').executeTakeFirstOrThrow();
      await context.messenger.record(tx, {
        referralId: null,
        to: person.email,
        subject: `Your page from ${organisation.name}`,
        template: 'own-page/messages/link.txt.njk',
        data: {
          schemeName: organisation.name,
          link: linkUrl(request, link.token),
          worksUntil: formatUkDate(link.expiresAt),
          signInUrl: absoluteUrl(request, context.config, '/me/sign-in'),
        },
      });
      return { ...link, emailed: true };
    });
    if (!made) throw new NotFoundError();
    reply.setCookie(linkCookieName(context), context.secretBox.seal(made.token, 'own-page-link'), { ...linkCookieOptions(context, id), maxAge: SHOW_LINK_FOR_SECONDS });
    return reply.redirect(made.emailed ? `${pagePath(id)}?notice=emailed` : pagePath(id), 303);
  });

  app.post('/young-people/:id/own-page/stop', { config: STAFF }, async (request, reply) => {
    const id = idFrom(request);
    const stopped = await request.data.run(async (tx) => {
      if (!(await findYoungPerson(tx, id, 'stop_own_page_link'))) return false;
      await stopLinks(tx, id);
      return true;
    });
    if (!stopped) throw new NotFoundError();
    return reply.redirect(`${pagePath(id)}?notice=stopped`, 303);
  });
}

import { absoluteUrl } from '../platform/http/public-url.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../platform/http/context.ts';
import { GoneError } from '../platform/http/errors.ts';
import { parseForm } from '../platform/http/forms.ts';
import { hashPassword } from '../platform/auth/passwords.ts';
import { findUser } from './queries.ts';
import { invitationExpiry, issueInvitation } from './invitations.ts';
import { ADMINS_ONLY, invitationToken, MIN_PASSWORD_LENGTH, newPasswordForm, userIdFrom } from './schemas.ts';

const ACCEPT_PAGE = 'users/views/accept-invitation.njk';
const SHOW_LINK_FOR_SECONDS = 300;

// A new invitation link must reach the admin's screen without travelling in a web address, which
// access logs, browser history and proxies keep. The POST that makes the link puts it, encrypted, in
// a short-lived cookie that only the confirmation page receives; that page shows it and deletes it,
// so the link appears once and a refresh does not bring it back.
function linkCookieName(context: AppContext): string {
  return context.config.secureCookies ? '__Secure-linkway_invitation' : 'linkway_invitation';
}

const confirmationPath = (userId: string) => `/users/${userId}/invitation`;

// Deleting the cookie needs the same attributes as setting it: browsers refuse a __Secure- cookie,
// even an empty one, that is not marked Secure.
function linkCookieOptions(context: AppContext, userId: string) {
  return { httpOnly: true, sameSite: 'strict', secure: context.config.secureCookies, path: confirmationPath(userId) } as const;
}

export function showNewInvitationOnce(reply: FastifyReply, context: AppContext, userId: string, token: string): FastifyReply {
  reply.setCookie(linkCookieName(context), context.secretBox.seal(token, 'invitation-link'), { ...linkCookieOptions(context, userId), maxAge: SHOW_LINK_FOR_SECONDS });
  return reply.redirect(confirmationPath(userId), 303);
}

function takeShownToken(request: FastifyRequest, reply: FastifyReply, context: AppContext, userId: string): string | undefined {
  const sealed = request.cookies[linkCookieName(context)];
  if (!sealed) return undefined;
  reply.clearCookie(linkCookieName(context), linkCookieOptions(context, userId));
  try {
    return context.secretBox.open(sealed, 'invitation-link');
  } catch {
    return undefined;
  }
}

function invitationUrl(request: FastifyRequest, context: AppContext, token: string): string {
  return absoluteUrl(request, context.config, `/invitations/${token}`);
}

export function invitationRoutes(app: FastifyInstance, context: AppContext): void {
  app.get('/users/:id/invitation', { config: ADMINS_ONLY }, async (request, reply) => {
    const userId = userIdFrom(request);
    const token = takeShownToken(request, reply, context, userId);
    const { user, worksUntil } = await request.data.run(async (tx) => ({
      user: await findUser(tx, userId),
      worksUntil: token ? await invitationExpiry(tx, userId, token) : undefined,
    }));
    // The page holds a working sign-up link: no browser or proxy may keep a copy of it.
    reply.header('cache-control', 'no-store');
    return reply.render('users/views/invitation-link.njk', {
      pageTitle: worksUntil ? `Invitation link for ${user.name}` : 'There is no invitation link to show',
      user,
      link: token && worksUntil ? invitationUrl(request, context, token) : undefined,
      worksUntil,
    });
  });

  app.post('/users/:id/invitation', { config: ADMINS_ONLY }, async (request, reply) => {
    const userId = userIdFrom(request);
    const token = await request.data.run((tx) => issueInvitation(tx, userId));
    return showNewInvitationOnce(reply, context, userId, token);
  });

  // The person accepting has no account yet: these pages are public, and throttled like sign-in
  // because each attempt costs a password hash.
  const desk = context.invitations;
  const publicAndThrottled = { public: true, rateLimit: { max: context.config.rateLimitPerMinute, timeWindow: '1 minute' } };

  async function usableInvitation(request: FastifyRequest) {
    const parsed = invitationToken.safeParse(request.params);
    const invitee = parsed.success ? await desk.findUsable(parsed.data.token) : undefined;
    if (!parsed.success || !invitee) throw new GoneError();
    return { token: parsed.data.token, invitee };
  }

  const acceptPage = (token: string, invitee: { name: string; email: string }) => ({
    pageTitle: 'Set your password',
    token,
    invitee,
    minimumLength: MIN_PASSWORD_LENGTH,
  });

  app.get('/invitations/:token', { config: publicAndThrottled }, async (request, reply) => {
    const { token, invitee } = await usableInvitation(request);
    reply.header('cache-control', 'no-store');
    return reply.render(ACCEPT_PAGE, acceptPage(token, invitee));
  });

  app.post('/invitations/:token', { config: publicAndThrottled }, async (request, reply) => {
    const { token, invitee } = await usableInvitation(request);
    const form = parseForm(newPasswordForm, request.body);
    // Nothing typed here is shown back: both boxes hold the password.
    if (!form.ok) return reply.status(400).render(ACCEPT_PAGE, { ...acceptPage(token, invitee), errors: form.errors });
    const userId = await desk.accept(token, await hashPassword(form.data.password));
    if (!userId) throw new GoneError();
    // The password changed, so anyone still signed in with the old one is signed out.
    await context.sessions.revokeAllForUser(userId);
    return reply.redirect('/sign-in?notice=password-set', 303);
  });
}

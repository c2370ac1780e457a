import { createHmac } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { AppContext } from './context.ts';
import { sessionToken } from '../auth/access.ts';
import { hashToken } from '../auth/tokens.ts';
import { withoutNulCharacters } from './nul-characters.ts';

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function csrfCookieName(secure: boolean): string {
  return secure ? '__Host-linkway_csrf' : 'linkway_csrf';
}

function csrfCookieOptions(context: AppContext) {
  return { signed: true, httpOnly: true, sameSite: 'lax', secure: context.config.secureCookies, path: '/' } as const;
}

/**
 * Tokens are bound to the session cookie the form was shown with, so a token (and a CSRF cookie)
 * obtained in one session is worthless in another. Bound to the cookie rather than the loaded
 * session, a form posted after the session timed out still reaches the sign-in redirect.
 */
export function csrfSessionBinding(request: FastifyRequest, context: AppContext): string {
  const token = sessionToken(request, context);
  return token ? `session ${hashToken(token)}` : 'no session';
}

/** Signing in or out starts a new CSRF secret: nothing learnt before it carries over. */
export function renewCsrfSecret(reply: FastifyReply, context: AppContext): void {
  reply.clearCookie(csrfCookieName(context.config.secureCookies), csrfCookieOptions(context));
}

export async function registerSecurity(app: FastifyInstance, context: AppContext): Promise<void> {
  await app.register(formbody, { bodyLimit: 256 * 1024 });
  await app.register(cookie, { secret: context.config.sessionSecret });
  await app.register(helmet, {
    enableCSPNonces: true,
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        upgradeInsecureRequests: context.config.secureCookies ? [] : null,
      },
    },
    strictTransportSecurity: context.config.secureCookies,
    referrerPolicy: { policy: 'same-origin' },
  });
  await app.register(csrf, {
    cookieKey: csrfCookieName(context.config.secureCookies),
    cookieOpts: csrfCookieOptions(context),
    getToken: (request) => (request.body as Record<string, string> | undefined)?._csrf,
    getUserInfo: (request) => csrfSessionBinding(request, context),
    csrfOpts: { hmacKey: createHmac('sha256', context.config.sessionSecret).update('csrf-token').digest() },
  });
  await app.register(rateLimit, { global: false });

  // Registered before the CSRF check so the token itself is read cleaned too; a preHandler, so
  // multipart fields (parsed in their own scope) are already on the body.
  app.addHook('preHandler', async (request) => {
    request.query = withoutNulCharacters(request.query);
    request.body = withoutNulCharacters(request.body);
  });

  // CSRF applies to every state-changing request; nothing opts out.
  app.addHook('preHandler', (request, reply, done) => {
    if (!UNSAFE_METHODS.has(request.method)) return done();
    app.csrfProtection(request, reply, done);
  });

  // Staff records, private links and the data behind them must not be shown again from the
  // browser's cache after signing out: only answers that choose a cache lifetime (assets) get one.
  app.addHook('onSend', async (_request, reply) => {
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
  });
}

import type { FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { AppContext } from './context.ts';

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

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
    cookieKey: context.config.secureCookies ? '__Host-linkway_csrf' : 'linkway_csrf',
    cookieOpts: { signed: true, httpOnly: true, sameSite: 'lax', secure: context.config.secureCookies, path: '/' },
    getToken: (request) => (request.body as Record<string, string> | undefined)?._csrf,
  });
  await app.register(rateLimit, { global: false });

  // CSRF applies to every state-changing request; nothing opts out.
  app.addHook('preHandler', (request, reply, done) => {
    if (!UNSAFE_METHODS.has(request.method)) return done();
    app.csrfProtection(request, reply, done);
  });
}

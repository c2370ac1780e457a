import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { CallerData, CallerDataSource } from '../db/caller-data.ts';
import { NotFoundError } from '../http/errors.ts';
import type { AppContext } from '../http/context.ts';

export function sessionCookieName(secure: boolean): string {
  // The __Host- prefix pins the cookie to this host and path over HTTPS.
  return secure ? '__Host-linkway_session' : 'linkway_session';
}

function sessionCookieOptions(context: AppContext) {
  return { httpOnly: true, sameSite: 'lax', secure: context.config.secureCookies, path: '/' } as const;
}

export function setSessionCookie(reply: FastifyReply, context: AppContext, token: string): void {
  reply.setCookie(sessionCookieName(context.config.secureCookies), token, sessionCookieOptions(context));
}

/** Cleared with the options it was set with: browsers ignore a __Host- deletion that is not Secure. */
export function clearSessionCookie(reply: FastifyReply, context: AppContext): void {
  reply.clearCookie(sessionCookieName(context.config.secureCookies), sessionCookieOptions(context));
}

export function sessionToken(request: FastifyRequest, context: AppContext): string | undefined {
  return request.cookies[sessionCookieName(context.config.secureCookies)];
}

/**
 * Loads the session for every request and decides who may reach each route: signed-in staff by
 * default, with routes opting out through `config.public` and restricting with `config.roles`.
 */
export function registerAccessControl(app: FastifyInstance, context: AppContext, callerData: CallerDataSource): void {
  const dataByRequest = new WeakMap<FastifyRequest, CallerData>();
  app.decorateRequest('account', null);
  app.decorateRequest('data', {
    getter(this: FastifyRequest) {
      const account = this.account;
      if (!account || account.secondFactorPending) throw new Error('Data access needs a signed-in caller');
      let data = dataByRequest.get(this);
      if (!data) {
        data = callerData.forCaller({ userId: account.userId, orgId: account.orgId, role: account.role, clientAddress: this.ip });
        dataByRequest.set(this, data);
      }
      return data;
    },
  });

  app.addHook('onRequest', async (request) => {
    if (request.url.startsWith('/assets/')) return;
    const token = sessionToken(request, context);
    request.account = token ? await context.sessions.load(token) : null;
  });

  app.addHook('preHandler', async (request, reply) => {
    const config = request.routeOptions.config;
    if (config.public || request.is404) return;
    const account = request.account;
    if (!account) return reply.redirect('/sign-in', 303);
    if (account.secondFactorPending) {
      if (config.duringSecondFactor) return;
      return reply.redirect('/sign-in/two-factor', 303);
    }
    if (mustSetUpSecondFactor(account) && !config.beforeSecondFactorSetup) {
      return reply.redirect('/account/two-factor', 303);
    }
    if (config.roles && !config.roles.includes(account.role)) throw new NotFoundError();
  });
}

/** Administrators always need a second factor: until they set one up, nothing else opens. */
export function mustSetUpSecondFactor(account: { role: string; totpEnabled: boolean }): boolean {
  return account.role === 'admin' && !account.totpEnabled;
}

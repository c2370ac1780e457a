import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../platform/http/context.ts';
import { parseForm } from '../platform/http/forms.ts';
import { clearSessionCookie, sessionToken } from '../platform/auth/access.ts';
import { renewCsrfSecret } from '../platform/http/security.ts';
import { signOutForm } from './schemas.ts';

export function signOutRoutes(app: FastifyInstance, context: AppContext): void {
  // The header links here; signing out is a POST so another site cannot sign anyone out.
  const config = { duringSecondFactor: true, beforeSecondFactorSetup: true };
  app.get('/sign-out', { config }, (_request, reply) => reply.render('auth/views/sign-out.njk', { pageTitle: 'Sign out' }));

  app.post('/sign-out', { config }, async (request, reply) => {
    const form = parseForm(signOutForm, request.body);
    const everywhere = form.ok && form.data.scope === 'everywhere';
    const token = sessionToken(request, context);
    if (everywhere && request.account) await context.sessions.revokeAllForUser(request.account.userId);
    else if (token) await context.sessions.revoke(token);
    clearSessionCookie(reply, context);
    renewCsrfSecret(reply, context);
    return reply.redirect(`/sign-in?notice=${everywhere ? 'signed-out-everywhere' : 'signed-out'}`, 303);
  });
}

import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../platform/http/context.ts';
import { formErrors, parseForm, typedValues } from '../platform/http/forms.ts';
import { clearSessionCookie, sessionToken, setSessionCookie } from '../platform/auth/access.ts';
import { renewCsrfSecret } from '../platform/http/security.ts';
import { LOCKOUT_MINUTES } from '../platform/auth/sign-in-throttle.ts';
import { secondFactorForm, signInForm } from './schemas.ts';

const WRONG_DETAILS = 'Enter a correct email address and password';
// Worded for the address typed, not an account: the same words whether or not one exists.
const LOCKED = `Too many attempts to sign in with this email address. Try again in ${LOCKOUT_MINUTES} minutes, or ask your administrator to help.`;

export function signInRoutes(app: FastifyInstance, context: AppContext): void {
  const credentials = context.signIn;
  const SIGN_IN_LIMIT = { max: context.config.rateLimitPerMinute, timeWindow: '1 minute' };
  const signInPage = 'auth/views/sign-in.njk';
  const twoFactorPage = 'auth/views/two-factor.njk';

  app.get('/sign-in', { config: { public: true } }, (request, reply) => {
    if (request.account && !request.account.secondFactorPending) return reply.redirect('/', 303);
    return reply.render(signInPage, { pageTitle: 'Sign in', values: {}, notice: noticeFrom(request.query) });
  });

  app.post('/sign-in', { config: { public: true, rateLimit: SIGN_IN_LIMIT } }, async (request, reply) => {
    const values = typedValues(request.body);
    delete values.password;
    const form = parseForm(signInForm, request.body);
    if (!form.ok) return reply.status(400).render(signInPage, { pageTitle: 'Sign in', values, errors: form.errors });

    const result = await credentials.checkPassword(form.data.email, form.data.password, request.ip);
    if (result.outcome !== 'signed_in') {
      const message = result.outcome === 'locked' ? LOCKED : WRONG_DETAILS;
      request.log.info({ reqId: request.id, outcome: result.outcome }, 'Sign-in refused');
      return reply.status(result.outcome === 'locked' ? 429 : 401).render(signInPage, {
        pageTitle: 'Sign in',
        values,
        errors: formErrors({ email: message }),
      });
    }
    // A new session token at every sign-in: a token planted before sign-in is worthless.
    const previous = sessionToken(request, context);
    if (previous) await context.sessions.revoke(previous);
    const token = await context.sessions.create(result.userId, result.orgId, result.needsSecondFactor);
    setSessionCookie(reply, context, token);
    renewCsrfSecret(reply, context);
    return reply.redirect(result.needsSecondFactor ? '/sign-in/two-factor' : '/', 303);
  });

  const twoFactorConfig = { duringSecondFactor: true, rateLimit: SIGN_IN_LIMIT };

  app.get('/sign-in/two-factor', { config: twoFactorConfig }, (request, reply) => {
    if (!request.account?.secondFactorPending) return reply.redirect('/', 303);
    return reply.render(twoFactorPage, { pageTitle: 'Enter your security code', values: {} });
  });

  app.post('/sign-in/two-factor', { config: twoFactorConfig }, async (request, reply) => {
    const account = request.account;
    if (!account?.secondFactorPending) return reply.redirect('/', 303);
    const values = typedValues(request.body);
    const form = parseForm(secondFactorForm, request.body);
    if (!form.ok) return reply.status(400).render(twoFactorPage, { pageTitle: 'Enter your security code', values, errors: form.errors });

    const outcome = await credentials.checkSecondFactor(account.userId, form.data.code);
    if (outcome === 'locked') {
      await context.sessions.revokeAllForUser(account.userId);
      clearSessionCookie(reply, context);
      return reply.status(429).render(signInPage, { pageTitle: 'Sign in', values: {}, errors: formErrors({ email: LOCKED }) });
    }
    if (outcome === 'wrong' || outcome === 'used') {
      return reply.status(401).render(twoFactorPage, {
        pageTitle: 'Enter your security code',
        values,
        errors: formErrors({ code: CODE_MESSAGES[outcome] }),
      });
    }
    const token = sessionToken(request, context);
    if (token) await context.sessions.revoke(token);
    setSessionCookie(reply, context, await context.sessions.create(account.userId, account.orgId, false));
    renewCsrfSecret(reply, context);
    return reply.redirect('/', 303);
  });
}

const CODE_MESSAGES = {
  wrong: 'The code is not right. Check your authenticator app and enter the newest code',
  used: 'That code has just been used to sign in. Wait for the next code to appear in your authenticator app, then enter it',
} as const;

const NOTICES: Record<string, string> = {
  'signed-out': 'You have signed out.',
  'signed-out-everywhere': 'You have signed out on every device.',
  'password-set': 'Your password is set. Sign in to continue.',
};

function noticeFrom(query: unknown): string | undefined {
  const key = (query as Record<string, unknown> | undefined)?.notice;
  return typeof key === 'string' ? NOTICES[key] : undefined;
}

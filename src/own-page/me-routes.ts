import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../platform/http/context.ts';
import { randomToken } from '../platform/auth/tokens.ts';
import { parseForm, typedValues, type FormErrors } from '../platform/http/forms.ts';
import { publicFormConfig } from '../refer/index.ts';
import { schemelessData } from '../refer/index.ts';
import { codeHash, newSignInCode } from './addresses.ts';
import { checkCode, giveFeedback, openLink, ownPage, rateGoal, requestCode, signOut, type CodeCheck } from './young-person-data.ts';
import { codeForm, feedbackForm, linkParams, ratingForm, signInForm } from './schemas.ts';
import { presentOwnPage } from './presenters.ts';

// The young person's session and the code request each have their own cookie, apart from staff
// sessions. The __Host- prefix pins them to this host over HTTPS.
const cookieName = (context: AppContext, name: string) => (context.config.secureCookies ? `__Host-${name}` : name);
const SESSION = 'linkway_me';
const CODE_REQUEST = 'linkway_me_code';
const CODE_REQUEST_SECONDS = 15 * 60;

function cookieOptions(context: AppContext) {
  return { httpOnly: true, sameSite: 'lax', secure: context.config.secureCookies, path: '/' } as const;
}

function cookie(request: FastifyRequest, context: AppContext, name: string): string | undefined {
  return request.cookies[cookieName(context, name)];
}

const NOTICES: Record<string, string> = {
  rated: 'Thank you. Your score has been saved.',
  feedback: 'Thank you for telling us how we are doing.',
};
const SIGN_IN_NOTICES: Record<string, string> = {
  'signed-out': 'You have signed out.',
  ended: 'You were signed out because the page was not used for a while. Sign in again to see your page.',
};
const CODE_PROBLEMS: Record<Exclude<CodeCheck, 'signed_in' | 'none'>, string> = {
  wrong: 'The code is not right. Check it and try again',
  expired: 'This code has run out. Ask for a new code',
  too_many: 'The code was entered wrongly too many times. Ask for a new code',
};

/** The young person's own page: no account, no app, opened by a private link or a code. */
export function meRoutes(app: FastifyInstance, context: AppContext): void {
  const open = { public: true };
  // Throttled like the public forms: links and codes are secrets, and guessing should be slow.
  const throttled = publicFormConfig(context);
  const data = (request: FastifyRequest) => schemelessData(context, request);

  const renderPage = async (request: FastifyRequest, reply: FastifyReply, extra: { errors?: FormErrors; values?: Record<string, unknown> } = {}) => {
    const token = cookie(request, context, SESSION);
    const page = token ? await data(request).run((tx) => ownPage(tx, token)) : undefined;
    if (!page) {
      reply.clearCookie(cookieName(context, SESSION), cookieOptions(context));
      return reply.redirect(token ? '/me/sign-in?notice=ended' : '/me/sign-in', 303);
    }
    reply.header('cache-control', 'no-store');
    const notice = NOTICES[(request.query as { notice?: string }).notice ?? ''];
    return reply.render('own-page/views/me.njk', { pageTitle: 'Your page', notice, ...presentOwnPage(page), ...extra });
  };

  app.get('/me', { config: open }, (request, reply) => renderPage(request, reply));

  app.get('/me/sign-in', { config: open }, async (request, reply) => {
    const notice = SIGN_IN_NOTICES[(request.query as { notice?: string }).notice ?? ''];
    return reply.render('own-page/views/sign-in.njk', { pageTitle: 'Sign in to see your page', notice });
  });

  app.post('/me/sign-in', { config: throttled }, async (request, reply) => {
    const form = parseForm(signInForm, request.body);
    if (!form.ok) return reply.status(400).render('own-page/views/sign-in.njk', { pageTitle: 'Sign in to see your page', errors: form.errors, values: typedValues(request.body) });
    const address = form.data.address;
    const requestToken = randomToken();
    const code = newSignInCode();
    const match = await data(request).run((tx) => requestCode(tx, address, requestToken, codeHash(requestToken, code)));
    if (match) {
      // Only recorded: the answer must come as quickly for an address nobody has as for a known one.
      await context.publicData(match.org_id, request.ip).run((tx) =>
        context.messenger.record(tx, {
          referralId: null,
          to: match.to_address,
          subject: 'Your sign-in code',
          channel: address.channel,
          template: 'own-page/messages/code.txt.njk',
          data: { code, schemeName: match.scheme_name },
        }),
      );
    }
    // The same answer whether or not the address is known, so the form reveals nothing about who is.
    reply.setCookie(cookieName(context, CODE_REQUEST), requestToken, { ...cookieOptions(context), maxAge: CODE_REQUEST_SECONDS });
    return reply.redirect('/me/code', 303);
  });

  const codePage = (extra: Record<string, unknown> = {}) => ({ pageTitle: 'Enter your code', backHref: '/me/sign-in', ...extra });

  app.get('/me/code', { config: open }, async (request, reply) => {
    if (!cookie(request, context, CODE_REQUEST)) return reply.redirect('/me/sign-in', 303);
    return reply.render('own-page/views/code.njk', codePage());
  });

  app.post('/me/code', { config: throttled }, async (request, reply) => {
    const requestToken = cookie(request, context, CODE_REQUEST);
    if (!requestToken) return reply.redirect('/me/sign-in', 303);
    const form = parseForm(codeForm, request.body);
    if (!form.ok) return reply.status(400).render('own-page/views/code.njk', codePage({ errors: form.errors, values: typedValues(request.body) }));
    const sessionToken = randomToken();
    const result = await data(request).run((tx) => checkCode(tx, requestToken, codeHash(requestToken, form.data.code), sessionToken));
    if (result === 'none') return reply.redirect('/me/sign-in', 303);
    if (result !== 'signed_in') {
      const errors = { list: [{ text: CODE_PROBLEMS[result], href: '#code' }], fields: { code: { text: CODE_PROBLEMS[result] } } };
      return reply.status(400).render('own-page/views/code.njk', codePage({ errors, values: typedValues(request.body), askAgain: result !== 'wrong' }));
    }
    reply.clearCookie(cookieName(context, CODE_REQUEST), cookieOptions(context));
    reply.setCookie(cookieName(context, SESSION), sessionToken, cookieOptions(context));
    return reply.redirect('/me', 303);
  });

  app.post('/me/rate', { config: open }, async (request, reply) => {
    const token = cookie(request, context, SESSION);
    if (!token) return reply.redirect('/me/sign-in', 303);
    const form = parseForm(ratingForm, request.body);
    if (!form.ok) {
      // Each goal has its own form: the message belongs to the one that was sent.
      const goalId = typedValues(request.body).goalId;
      const field = `rating-${typeof goalId === 'string' ? goalId : ''}`;
      const text = 'Choose a number from 0 to 10';
      return renderPage(request, reply.status(400), { errors: { list: [{ text, href: `#${field}` }], fields: { [field]: { text } } } });
    }
    const saved = await data(request).run((tx) => rateGoal(tx, token, form.data.goalId, form.data.rating));
    return reply.redirect(saved ? '/me?notice=rated' : '/me', 303);
  });

  app.post('/me/feedback', { config: open }, async (request, reply) => {
    const token = cookie(request, context, SESSION);
    if (!token) return reply.redirect('/me/sign-in', 303);
    const form = parseForm(feedbackForm, request.body);
    if (!form.ok) return renderPage(request, reply.status(400), { errors: form.errors, values: typedValues(request.body) });
    const saved = await data(request).run((tx) => giveFeedback(tx, token, form.data.helpfulness, form.data.comment));
    return reply.redirect(saved ? '/me?notice=feedback' : '/me', 303);
  });

  app.post('/me/sign-out', { config: open }, async (request, reply) => {
    const token = cookie(request, context, SESSION);
    if (token) await data(request).run((tx) => signOut(tx, token));
    reply.clearCookie(cookieName(context, SESSION), cookieOptions(context));
    return reply.redirect('/me/sign-in?notice=signed-out', 303);
  });

  // Registered last: the fixed addresses above take precedence over the token.
  app.get('/me/:token', { config: throttled }, async (request, reply) => {
    const parsed = linkParams.safeParse(request.params);
    const sessionToken = randomToken();
    const opened = parsed.success && (await data(request).run((tx) => openLink(tx, parsed.data.token, sessionToken)));
    if (!opened) return reply.status(410).render('own-page/views/link-gone.njk', { pageTitle: 'This link no longer works' });
    reply.setCookie(cookieName(context, SESSION), sessionToken, cookieOptions(context));
    // Straight on to /me, so the link does not stay in the address bar or the browser's history.
    return reply.redirect('/me', 303);
  });
}

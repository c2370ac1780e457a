import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from './context.ts';
import { navigationFor } from './navigation.ts';

function accountItemsFor(request: FastifyRequest) {
  const account = request.account;
  if (!account || account.secondFactorPending) return [];
  return [
    { text: `${account.name}, ${account.organisationName}`, icon: true },
    { href: '/account', text: 'Your account' },
    { href: '/sign-out', text: 'Sign out' },
  ];
}

/** `reply.render(template, context)`: the page with the shell, nonce and CSRF token filled in. */
export function registerRendering(app: FastifyInstance, context: AppContext): void {
  app.decorateRequest('navigationText', null);
  app.decorateReply('render', function render(this: FastifyReply, template: string, pageContext: Record<string, unknown> = {}) {
    const request = this.request;
    const account = request.account;
    const signedIn = account && !account.secondFactorPending;
    const path = request.url.split('?')[0] ?? '/';
    let csrfToken: string | undefined;
    const html = context.templates.render(template, {
      account: signedIn ? account : null,
      navigation: signedIn ? navigationFor(account.role, path, request.navigationText ?? {}) : [],
      accountItems: accountItemsFor(request),
      cspNonce: this.cspNonce?.script,
      // A function, so pages without forms never create a token; made once per page, because each
      // call for a visitor without a CSRF cookie yet would start a new secret and only the last
      // form on the page would work.
      csrfToken: () => (csrfToken ??= this.generateCsrf()),
      ...pageContext,
    });
    return this.type('text/html; charset=utf-8').send(html);
  });
}

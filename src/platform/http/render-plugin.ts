import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from './context.ts';
import { navigationFor } from './navigation.ts';
import { csrfSessionBinding } from './security.ts';
import { mustSetUpSecondFactor } from '../auth/access.ts';

/** Where a scheme's uploaded logo is served; public, as the public pages show it too. */
export const schemeLogoPath = (slug: string) => `/schemes/${slug}/logo`;

function accountItemsFor(request: FastifyRequest) {
  const account = request.account;
  if (!account || account.secondFactorPending) return [];
  // Every other link would only lead back to setting up the second factor.
  if (mustSetUpSecondFactor(account)) return [{ href: '/sign-out', text: 'Sign out' }];
  return [
    { text: `${account.name}, ${account.organisationName}`, icon: true },
    { href: '/account', text: 'Your account' },
    { href: '/sign-out', text: 'Sign out' },
  ];
}

/**
 * Whose pages these are, for the header: the scheme a public page belongs to, or the signed-in
 * person's scheme. Pages that belong to no scheme (choosing one, signing in) show Linkway.
 */
interface Brand {
  name: string;
  isNhs: boolean;
  /** The scheme's uploaded logo, when it has one. */
  logoSrc?: string;
}

function brandFor(request: FastifyRequest, pageContext: Record<string, unknown>): Brand | undefined {
  const scheme = pageContext.scheme as { name?: unknown; slug?: unknown; isNhs?: unknown; hasLogo?: unknown } | undefined;
  if (scheme && typeof scheme.name === 'string' && typeof scheme.slug === 'string') {
    return { name: scheme.name, isNhs: scheme.isNhs === true, logoSrc: scheme.hasLogo === true ? schemeLogoPath(scheme.slug) : undefined };
  }
  const account = request.account;
  if (!account || account.secondFactorPending) return undefined;
  return { name: account.organisationName, isNhs: account.organisationIsNhs, logoSrc: account.organisationHasLogo ? schemeLogoPath(account.organisationSlug) : undefined };
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
      navigation: signedIn && !mustSetUpSecondFactor(account) ? navigationFor(account.role, path, request.navigationText ?? {}) : [],
      accountItems: accountItemsFor(request),
      brand: brandFor(request, pageContext),
      cspNonce: this.cspNonce?.script,
      // A function, so pages without forms never create a token; made once per page, because each
      // call for a visitor without a CSRF cookie yet would start a new secret and only the last
      // form on the page would work.
      csrfToken: () => (csrfToken ??= this.generateCsrf({ userInfo: csrfSessionBinding(request, context) })),
      ...pageContext,
    });
    return this.type('text/html; charset=utf-8').send(html);
  });
}

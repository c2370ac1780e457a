import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { currentTotpCode } from '../../src/platform/auth/totp.ts';
import type { TestUser } from './fixtures.ts';
import { TEST_PASSWORD } from './fixtures.ts';

export interface Page {
  status: number;
  body: string;
  location: string | undefined;
  headers: LightMyRequestResponse['headers'];
}

type Fields = Record<string, string | string[]>;

/**
 * A browser-like client for HTTP tests: it keeps cookies and takes the CSRF token from the form
 * it was shown, exactly as a real form post would. Nothing about CSRF is switched off for tests.
 */
export class TestAgent {
  private readonly cookies = new Map<string, string>();

  /** `remoteAddress` is the client address the app sees (light-my-request's default is 127.0.0.1). */
  constructor(
    private readonly app: FastifyInstance,
    private readonly options: { remoteAddress?: string } = {},
  ) {}

  async get(url: string): Promise<Page> {
    return this.request('GET', url);
  }

  /** Posts without visiting the form first: no CSRF token unless the fields carry one. */
  async post(url: string, fields: Fields = {}): Promise<Page> {
    return this.request('POST', url, fields);
  }

  /** Opens the page, finds the form (by action, or the first), and submits it with the given fields. */
  async submit(pageUrl: string, fields: Fields, action?: string): Promise<Page> {
    const page = await this.get(pageUrl);
    if (page.status !== 200) throw new Error(`Expected the form page ${pageUrl} to load, got ${page.status}`);
    return this.submitPage(page, pageUrl, fields, action);
  }

  /** Submits a form on a page already loaded (when the test needs to read the page first). */
  async submitPage(page: Page, pageUrl: string, fields: Fields, action?: string): Promise<Page> {
    const form = findForm(page.body, action);
    return this.request('POST', form.action ?? pageUrl, { ...form.hidden, ...fields });
  }

  async signIn(user: TestUser, password = TEST_PASSWORD): Promise<Page> {
    const response = await this.submit('/sign-in', { email: user.email, password });
    if (response.location === '/sign-in/two-factor' && user.totpSecret) {
      return this.submit('/sign-in/two-factor', { code: currentTotpCode(user.totpSecret) });
    }
    return response;
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  setCookie(name: string, value: string): void {
    this.cookies.set(name, value);
  }

  private async request(method: 'GET' | 'POST', url: string, fields?: Fields): Promise<Page> {
    const cookieHeader = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const response = await this.app.inject({
      method,
      url,
      ...(this.options.remoteAddress ? { remoteAddress: this.options.remoteAddress } : {}),
      headers: {
        ...(cookieHeader ? { cookie: cookieHeader } : {}),
        ...(fields ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(fields ? { payload: encodeForm(fields) } : {}),
    });
    for (const cookie of response.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      const expired = cookie.maxAge === 0 || (cookie.expires && cookie.expires.getTime() <= Date.now()) || cookie.value === '';
      if (expired) this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
    const location = response.headers.location;
    return { status: response.statusCode, body: response.body, location: typeof location === 'string' ? location : undefined, headers: response.headers };
  }
}

function encodeForm(fields: Fields): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) {
    for (const item of Array.isArray(value) ? value : [value]) params.append(name, item);
  }
  return params.toString();
}

/** Like a browser, a submission carries the form's hidden fields (the CSRF token among them). */
function findForm(html: string, action?: string): { action: string | undefined; hidden: Record<string, string> } {
  const forms = [...html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)].filter((match) => /method="post"/i.test(match[1] ?? ''));
  const form = action ? forms.find((match) => (match[1] ?? '').includes(`action="${action}"`)) : forms[0];
  if (!form) throw new Error(`No POST form${action ? ` with action ${action}` : ''} on the page`);
  const hidden = Object.fromEntries(
    [...(form[2] ?? '').matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((match) => [match[1]!, decodeEntities(match[2]!)]),
  );
  if (!hidden._csrf) throw new Error('The form has no CSRF token');
  const formAction = /action="([^"]+)"/.exec(form[1] ?? '')?.[1];
  return { action: formAction && decodeEntities(formAction), hidden };
}

function decodeEntities(value: string): string {
  return value.replaceAll('&quot;', '"').replaceAll('&#39;', "'").replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');
}

/** The text of the page with tags removed and whitespace folded, for readable assertions. */
export function pageText(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

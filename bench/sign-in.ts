/**
 * Signs in through the real form, as a browser would: load the form, keep its cookies, post the
 * hidden CSRF token back with the credentials, keep the session cookie. CSRF stays switched on.
 */
export async function signInThroughForm(baseUrl: string, email: string, password: string): Promise<string> {
  const cookies = new Map<string, string>();
  const form = await fetch(`${baseUrl}/sign-in`, { redirect: 'manual' });
  keepCookies(cookies, form);
  const html = await form.text();
  if (form.status !== 200) throw new Error(`GET /sign-in answered ${form.status}`);
  const csrfToken = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  if (!csrfToken) throw new Error('The sign-in form has no _csrf field');
  if (![...cookies.keys()].some((name) => name.endsWith('linkway_csrf'))) throw new Error('GET /sign-in set no linkway_csrf cookie');

  const posted = await fetch(`${baseUrl}/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookieHeader(cookies) },
    body: new URLSearchParams({ _csrf: decodeHtml(csrfToken), email, password }).toString(),
  });
  keepCookies(cookies, posted);
  await posted.arrayBuffer();
  if (posted.status !== 303 || posted.headers.get('location') !== '/') {
    throw new Error(`Signing in as ${email} answered ${posted.status} to ${posted.headers.get('location') ?? 'nowhere'}, not 303 to /`);
  }
  if (![...cookies.keys()].some((name) => name.endsWith('linkway_session'))) throw new Error('Signing in set no linkway_session cookie');
  return cookieHeader(cookies);
}

function keepCookies(jar: Map<string, string>, response: Response): void {
  for (const setCookie of response.headers.getSetCookie()) {
    const [pair = ''] = setCookie.split(';');
    const separator = pair.indexOf('=');
    if (separator > 0) jar.set(pair.slice(0, separator).trim(), pair.slice(separator + 1).trim());
  }
}

function cookieHeader(jar: Map<string, string>): string {
  return [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
}

/** Undoes Nunjucks' autoescape, in case a token ever holds one of the characters it escapes. */
function decodeHtml(value: string): string {
  return value.replaceAll('&quot;', '"').replaceAll('&#39;', "'").replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');
}

/**
 * Private links carry their secret in the path. These prefixes are cut from URLs before logging,
 * so a log file never holds a working link. Features with private links add their prefix here.
 */
// '/me/' also covers the own page's other addresses, which hold nothing secret: a small price.
const PRIVATE_LINK_PREFIXES = ['/invitations/', '/track/', '/me/', '/provider/', '/provider-response/', '/m/'];

export function redactPrivateLinks(url: string): string {
  for (const prefix of PRIVATE_LINK_PREFIXES) {
    if (url.startsWith(prefix)) return `${prefix}[private link]`;
  }
  return url;
}

/** The request as it appears in logs: no cookies, no query string (it may hold search terms), no link secrets. */
export function requestForLog(request: { method: string; url: string; ip?: string; id?: string }) {
  return { method: request.method, url: redactPrivateLinks(request.url.split('?')[0] ?? ''), remoteAddress: request.ip };
}

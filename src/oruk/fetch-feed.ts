const TIMEOUT_MS = 15_000;
const MAX_BYTES = 50 * 1024 * 1024;
/** An ORUK API answers in pages; a feed longer than this is better imported as a file. */
const MAX_PAGES = 100;

export class FeedFetchError extends Error {}

async function fetchJson(url: URL): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS), headers: { accept: 'application/json' }, redirect: 'follow' });
  } catch (error) {
    const timedOut = error instanceof Error && error.name === 'TimeoutError';
    throw new FeedFetchError(timedOut ? `The feed did not answer within ${TIMEOUT_MS / 1000} seconds` : 'The feed could not be reached', { cause: error });
  }
  if (!response.ok) throw new FeedFetchError(`The feed answered with an error (status ${response.status})`);
  const declared = Number(response.headers.get('content-length') ?? 0);
  if (declared > MAX_BYTES) throw new FeedFetchError('The feed is larger than 50MB');
  const body = await response.text();
  if (body.length > MAX_BYTES) throw new FeedFetchError('The feed is larger than 50MB');
  try {
    return JSON.parse(body);
  } catch (error) {
    throw new FeedFetchError('The feed is not valid JSON', { cause: error });
  }
}

const isPage = (value: unknown): value is { contents: unknown[]; total_pages?: number; page_number?: number } =>
  typeof value === 'object' && value !== null && Array.isArray((value as { contents?: unknown }).contents);

/**
 * Fetches an ORUK feed: a JSON file, or an ORUK API list whose further pages are fetched too
 * (page=2, 3...) so the whole list arrives as one.
 */
export async function fetchFeed(address: string): Promise<unknown> {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    throw new FeedFetchError('Enter the feed’s full web address, starting with https://');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new FeedFetchError('The feed’s address must start with https:// or http://');
  const first = await fetchJson(url);
  if (!isPage(first) || !first.total_pages || first.total_pages <= (first.page_number ?? 1)) return first;
  const contents = [...first.contents];
  for (let page = (first.page_number ?? 1) + 1; page <= Math.min(first.total_pages, MAX_PAGES); page += 1) {
    const next = new URL(url);
    next.searchParams.set('page', String(page));
    const answer = await fetchJson(next);
    if (!isPage(answer)) throw new FeedFetchError(`Page ${page} of the feed is not an ORUK page`);
    contents.push(...answer.contents);
  }
  return { contents };
}

import type { AddressPolicy } from '../platform/outbound/public-address.ts';
import { publicFetch, PublicFetchError, type FetchFailure } from '../platform/outbound/public-fetch.ts';

const TIMEOUT_MS = 15_000;
const MAX_BYTES = 50 * 1024 * 1024;
/** An ORUK API answers in pages; a feed longer than this is better imported as a file. */
const MAX_PAGES = 100;

export class FeedFetchError extends Error {}

/**
 * One answer for every address that is refused or cannot be reached, so the form cannot be used
 * to learn which internal addresses exist or answer.
 */
export const FEED_NOT_FETCHED = 'The feed could not be fetched from that address. Check it is the feed’s public web address';

const FAILURE_MESSAGES: Record<FetchFailure, string> = {
  refused: FEED_NOT_FETCHED,
  unreachable: FEED_NOT_FETCHED,
  'too-many-redirects': FEED_NOT_FETCHED,
  timeout: `The feed did not answer within ${TIMEOUT_MS / 1000} seconds`,
  'too-large': 'The feed is larger than 50MB',
};

async function fetchJson(url: URL, policy: AddressPolicy): Promise<unknown> {
  let response: Awaited<ReturnType<typeof publicFetch>>;
  try {
    response = await publicFetch(url, { policy, timeoutMs: TIMEOUT_MS, maxBytes: MAX_BYTES, accept: 'application/json' });
  } catch (error) {
    if (error instanceof PublicFetchError) throw new FeedFetchError(FAILURE_MESSAGES[error.failure], { cause: error });
    throw error;
  }
  if (response.status < 200 || response.status > 299) throw new FeedFetchError(`The feed answered with an error (status ${response.status})`);
  try {
    return JSON.parse(response.body);
  } catch (error) {
    throw new FeedFetchError('The feed is not valid JSON', { cause: error });
  }
}

const isPage = (value: unknown): value is { contents: unknown[]; total_pages?: number; page_number?: number } =>
  typeof value === 'object' && value !== null && Array.isArray((value as { contents?: unknown }).contents);

/**
 * Fetches an ORUK feed: a JSON file, or an ORUK API list whose further pages are fetched too
 * (page=2, 3...) so the whole list arrives as one. Only addresses the policy allows are reached.
 */
export async function fetchFeed(address: string, policy: AddressPolicy): Promise<unknown> {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    throw new FeedFetchError('Enter the feed’s full web address, starting with https://');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new FeedFetchError('The feed’s address must start with https:// or http://');
  const first = await fetchJson(url, policy);
  if (!isPage(first) || !first.total_pages || first.total_pages <= (first.page_number ?? 1)) return first;
  const contents = [...first.contents];
  for (let page = (first.page_number ?? 1) + 1; page <= Math.min(first.total_pages, MAX_PAGES); page += 1) {
    const next = new URL(url);
    next.searchParams.set('page', String(page));
    const answer = await fetchJson(next, policy);
    if (!isPage(answer)) throw new FeedFetchError(`Page ${page} of the feed is not an ORUK page`);
    contents.push(...answer.contents);
  }
  return { contents };
}

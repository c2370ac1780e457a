import dns from 'node:dns';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';
import type { AddressPolicy } from './public-address.ts';

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 5;

export type FetchFailure = 'refused' | 'unreachable' | 'timeout' | 'too-large' | 'too-many-redirects';

/** Why a fetch failed, for the caller to word; `refused` means the address is not allowed. */
export class PublicFetchError extends Error {
  constructor(
    readonly failure: FetchFailure,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

export interface PublicFetchOptions {
  policy: AddressPolicy;
  timeoutMs: number;
  maxBytes: number;
  accept: string;
}

export interface FetchedResponse {
  status: number;
  url: URL;
  body: string;
}

/**
 * GET a web address that a signed-in person typed, connecting only where the policy allows.
 * The check is made on every address the name resolves to, at the moment of connecting (so a name
 * that changes its answer between check and use gains nothing), and again for every redirect.
 */
export async function publicFetch(address: URL, options: PublicFetchOptions): Promise<FetchedResponse> {
  const signal = AbortSignal.timeout(options.timeoutMs);
  let url = address;
  try {
    for (let redirects = 0; ; redirects += 1) {
      const response = await requestOnce(url, options, signal);
      const location = response.headers.location;
      if (!REDIRECTS.has(response.statusCode ?? 0) || !location) {
        return { status: response.statusCode ?? 0, url, body: await readBody(response, options.maxBytes) };
      }
      response.resume();
      if (redirects === MAX_REDIRECTS) throw new PublicFetchError('too-many-redirects', `More than ${MAX_REDIRECTS} redirects from ${address.host}`);
      url = new URL(location, url);
    }
  } catch (error) {
    if (error instanceof PublicFetchError) throw error;
    if (signal.aborted) throw new PublicFetchError('timeout', `No answer from ${url.host} within ${options.timeoutMs}ms`, { cause: error });
    throw new PublicFetchError('unreachable', `${url.host} could not be reached`, { cause: error });
  }
}

function requestOnce(url: URL, options: PublicFetchOptions, signal: AbortSignal): Promise<IncomingMessage> {
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new PublicFetchError('refused', `The scheme ${url.protocol} is not fetched`);
  const port = Number(url.port) || (url.protocol === 'https:' ? 443 : 80);
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  // A literal address is connected to without any lookup, so it is checked here instead.
  if (ipaddr.isValid(host) && !options.policy(host, port)) throw new PublicFetchError('refused', `${host} is not a public address`);
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.request(url, { headers: { accept: options.accept }, lookup: checkedLookup(options.policy, port), agent: false, signal }, resolve);
    request.on('error', reject);
    request.end();
  });
}

/** The system's lookup, refusing the name outright if any address it gives is not allowed. */
function checkedLookup(policy: AddressPolicy, port: number): LookupFunction {
  return (hostname, lookupOptions, callback) => {
    dns.lookup(hostname, { ...lookupOptions, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 0);
      const refused = addresses.find((entry) => !policy(entry.address, port));
      if (refused) return callback(new PublicFetchError('refused', `${hostname} resolves to ${refused.address}, not a public address`), '', 0);
      if (lookupOptions.all) return callback(null, addresses);
      const [first] = addresses;
      if (!first) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '', 0);
      return callback(null, first.address, first.family);
    });
  };
}

/** Stops reading as soon as the answer is too large, whatever its headers claimed. */
async function readBody(response: IncomingMessage, maxBytes: number): Promise<string> {
  const tooLarge = () => {
    response.destroy();
    return new PublicFetchError('too-large', `The answer is larger than ${maxBytes} bytes`);
  };
  if (Number(response.headers['content-length'] ?? 0) > maxBytes) throw tooLarge();
  const chunks: Buffer[] = [];
  let received = 0;
  for await (const chunk of response as AsyncIterable<Buffer>) {
    received += chunk.length;
    if (received > maxBytes) throw tooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

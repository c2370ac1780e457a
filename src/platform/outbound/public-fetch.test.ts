import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { isPublicAddress, type AddressPolicy } from './public-address.ts';
import { publicFetch, PublicFetchError, type FetchFailure } from './public-fetch.ts';

/** A local server standing for a service on the internal network, or (when allowed) a public site. */
async function serve(answer: (path: string) => { status: number; location?: string; body?: string }): Promise<{ origin: string; port: number; close: () => Promise<void> }> {
  const server: Server = createServer((request, response) => {
    const { status, location, body } = answer(request.url ?? '/');
    response.writeHead(status, location ? { location } : {}).end(body ?? '');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { origin: `http://127.0.0.1:${port}`, port, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

let internal: Awaited<ReturnType<typeof serve>>;
let publicSite: Awaited<ReturnType<typeof serve>>;
let policy: AddressPolicy;
before(async () => {
  internal = await serve(() => ({ status: 200, body: '{"status":"ok"}' }));
  publicSite = await serve((path) =>
    path === '/to-internal' ? { status: 302, location: `${internal.origin}/health` } : path === '/hop' ? { status: 301, location: '/feed' } : { status: 200, body: 'the feed' },
  );
  policy = (address, port) => isPublicAddress(address) || (address === '127.0.0.1' && port === publicSite.port);
});
after(async () => {
  await internal.close();
  await publicSite.close();
});

const options = () => ({ policy, timeoutMs: 5000, maxBytes: 1024, accept: 'application/json' });

async function failure(address: string, allowed = policy): Promise<FetchFailure> {
  const error = await publicFetch(new URL(address), { ...options(), policy: allowed }).then(
    () => assert.fail(`${address} was fetched`),
    (thrown: unknown) => thrown,
  );
  assert.ok(error instanceof PublicFetchError, String(error));
  return error.failure;
}

describe('fetching only public addresses', () => {
  test('an allowed address is fetched, following its redirects', async () => {
    const fetched = await publicFetch(new URL(`${publicSite.origin}/hop`), options());
    assert.deepEqual([fetched.status, fetched.body, fetched.url.pathname], [200, 'the feed', '/feed']);
  });

  test('loopback, unspecified and private addresses are refused without connecting, by address or by name', async () => {
    for (const address of [`${internal.origin}/health`, `http://0.0.0.0:${internal.port}/health`, `http://localhost:${internal.port}/health`, `http://[::1]:${internal.port}/`, `http://[::ffff:127.0.0.1]:${internal.port}/`, 'http://169.254.169.254/latest/meta-data/', 'http://10.0.0.1/']) {
      assert.equal(await failure(address), 'refused', address);
    }
  });

  test('an allowed address that redirects to an internal one is refused at the redirect', async () => {
    assert.equal(await failure(`${publicSite.origin}/to-internal`), 'refused');
  });

  test('an answer larger than the limit is cut off', async () => {
    const large = await serve(() => ({ status: 200, body: 'x'.repeat(4096) }));
    try {
      assert.equal(await failure(`${large.origin}/`, (address, port) => address === '127.0.0.1' && port === large.port), 'too-large');
    } finally {
      await large.close();
    }
  });
});

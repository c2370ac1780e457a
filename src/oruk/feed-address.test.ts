import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { startTestApp, type TestApp } from '../../test/support/test-app.ts';
import { pageText } from '../../test/support/agent.ts';
import { FEED_NOT_FETCHED } from './fetch-feed.ts';
import { importFromUrl, serveFeeds } from '../../test/support/oruk.ts';

const ORGANIZATION = { id: '2b0f4e5c-6f0e-4f57-9d57-3a3a1c0b7e11', name: 'Riverside Youth Trust', description: 'Youth work by the river.' };
const CLUB = { id: '6a1c2d3e-4f50-4a6b-8c7d-000000000101', name: 'Climbing club', status: 'active', organization: ORGANIZATION };

let t: TestApp;
/** Services on the server's own network: never treated as public. */
let internal: Awaited<ReturnType<typeof serveFeeds>>;
let publicFeeds: Awaited<ReturnType<typeof serveFeeds>>;
let redirector: { url: string; close: () => Promise<void> };
let closedPort: number;

before(async () => {
  t = await startTestApp();
  internal = await serveFeeds({ '/health': { status: 'ok' }, '/text': 'plain words, not JSON', '/feed': [CLUB] });
  publicFeeds = await serveFeeds({ '/feed': [CLUB] });
  t.treatAsPublic(publicFeeds.url('/'));
  const server = createServer((_request, response) => response.writeHead(302, { location: internal.url('/feed') }).end());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  t.treatAsPublic(`http://127.0.0.1:${port}`);
  redirector = { url: `http://127.0.0.1:${port}/`, close: () => new Promise((resolve) => server.close(() => resolve())) };
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  closedPort = (closed.address() as AddressInfo).port;
  await new Promise((resolve) => closed.close(resolve));
});
after(async () => {
  await Promise.all([internal.close(), publicFeeds.close(), redirector.close()]);
  await t.close();
});

const servicesOf = (orgId: string) => t.database.db.selectFrom('directory_services').select('name').where('org_id', '=', orgId).execute();
/** The error summary's message, as a person reads it. */
const problem = (body: string) => pageText(/nhsuk-error-summary__list">([\s\S]*?)<\/ul>/.exec(body)?.[1] ?? body);

describe('the feed address cannot reach the server’s own network', () => {
  test('a public feed is imported', async () => {
    const org = await t.newOrganisation();
    const report = await importFromUrl(await t.signedIn(org.manager), publicFeeds.url('/feed'));
    assert.equal(report.status, 200);
    assert.deepEqual((await servicesOf(org.id)).map((s) => s.name), ['Climbing club']);
  });

  test('internal addresses, however written, get one answer that says nothing about what is there', async () => {
    const org = await t.newOrganisation();
    const manager = await t.signedIn(org.manager);
    const port = new URL(internal.url('/')).port;
    const attempts = [
      internal.url('/health'),
      internal.url('/feed'),
      internal.url('/nowhere'),
      internal.url('/text'),
      `http://127.0.0.1:${closedPort}/health`,
      `http://0.0.0.0:${port}/health`,
      `http://localhost:${port}/health`,
      `http://[::ffff:7f00:1]:${port}/health`,
      'http://169.254.169.254/latest/meta-data/',
      redirector.url,
    ];
    const answers = new Set<string>();
    for (const address of attempts) {
      const page = await importFromUrl(manager, address);
      assert.equal(page.status, 400, address);
      assert.ok(page.body.includes(address.replaceAll('&', '&amp;')), `the address typed is shown back: ${address}`);
      answers.add(problem(page.body));
    }
    assert.deepEqual([...answers], [FEED_NOT_FETCHED]);
    assert.deepEqual(await servicesOf(org.id), [], 'nothing from the internal feed was imported');
  });
});

import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { startTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { pageText, type TestAgent } from '../../../test/support/agent.ts';
import { openFreezableTestDatabase, type FreezableDatabase } from '../../../test/support/frozen-database.ts';
import { createAllocatedReferral } from '../../../test/support/contact.ts';

const TIMEOUTS = { connectMs: 500, acquireMs: 300, statementMs: 500 };
const QUEUE_LIMIT = 3;
/** Far beyond the timeouts above: a request still unanswered by then is hanging on the database. */
const HANG_MS = 5000;

let frozen: FreezableDatabase;
let t: TestApp;
let worker: TestAgent;
before(async () => {
  frozen = await openFreezableTestDatabase(TIMEOUTS);
  t = await startTestApp({ databaseTimeouts: TIMEOUTS, requestQueueLimit: QUEUE_LIMIT }, frozen.database);
  worker = await t.signedIn((await t.newOrganisation()).linkWorker);
});
after(async () => {
  frozen.thaw();
  await t.close();
});

/** The answer, or a failure saying the request hung. */
async function withinLimit<T>(answer: Promise<T>, limitMs = HANG_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${limitMs} ms`)), limitMs)));
  try {
    return await Promise.race([answer, hung]);
  } finally {
    clearTimeout(timer);
  }
}

async function whileFrozen(work: () => Promise<void>): Promise<void> {
  await frozen.freeze();
  try {
    await work();
  } finally {
    frozen.thaw();
  }
}

describe('a database that stops answering', () => {
  test('a page answers with the "cannot reach its database" page instead of hanging', async () => {
    assert.equal((await worker.get('/caseload')).status, 200, 'the page works while the database answers');
    await whileFrozen(async () => {
      const page = await withinLimit(worker.get('/caseload'));
      assert.equal(page.status, 503);
      assert.match(pageText(page.body), /Linkway cannot reach its database at the moment/);
      assert.match(page.body, /class="nhsuk-header/, 'the design-system page, not a bare error');
    });
  });

  test('/health answers within a second, reporting the database unavailable', async () => {
    const healthy = await t.app.inject({ method: 'GET', url: '/health' });
    assert.equal(healthy.statusCode, 200);
    await whileFrozen(async () => {
      // Past the window in which a recent answer counts as a sign of life.
      await new Promise((resolve) => setTimeout(resolve, 1100));
      const response = await withinLimit(t.app.inject({ method: 'GET', url: '/health' }), 1000);
      assert.equal(response.statusCode, 503);
      assert.equal(response.json().status, 'unavailable');
    });
  });
});

describe('more requests than the queue holds', () => {
  test('are turned away at once with 503 and Retry-After while /health still answers', async () => {
    await whileFrozen(async () => {
      const settled: string[] = [];
      const burst = Array.from({ length: QUEUE_LIMIT + 4 }, (_, index) =>
        worker.get('/caseload').then((response) => {
          settled.push(`request ${index}`);
          return response;
        }),
      );
      const turnedAway = await Promise.all(burst.slice(QUEUE_LIMIT));
      assert.equal(settled.length, turnedAway.length, 'those beyond the queue were answered before any queued request');
      const health = await withinLimit(t.app.inject({ method: 'GET', url: '/health' }), 1000);
      assert.ok([200, 503].includes(health.statusCode), `health answered ${health.statusCode}`);
      for (const response of turnedAway) {
        assert.equal(response.status, 503);
        assert.equal(response.headers['retry-after'], '5');
        assert.match(pageText(response.body), /Linkway has more requests than it can answer at the moment/);
      }
      frozen.thaw();
      const queued = await withinLimit(Promise.all(burst.slice(0, QUEUE_LIMIT)));
      for (const response of queued) assert.notEqual(response.status, 500);
    });
    const after = await t.app.inject({ method: 'GET', url: '/health' });
    assert.equal(after.statusCode, 200, 'the queue empties again');
  });
});

describe('a client that leaves while its page waits for the database', () => {
  const LONG = { connectMs: 10_000, acquireMs: 10_000, statementMs: 10_000 };
  let patient: FreezableDatabase;
  let app: TestApp;
  before(async () => {
    // Waits long enough that only the client leaving, not a timeout, can end the wait.
    patient = await openFreezableTestDatabase(LONG);
    app = await startTestApp({ databaseTimeouts: LONG }, patient.database);
    await app.app.listen({ port: 0, host: '127.0.0.1' });
  });
  after(async () => {
    patient.thaw();
    await app.close();
  });

  const until = async (condition: () => boolean) => {
    for (let tries = 0; !condition(); tries += 1) {
      if (tries > 200) throw new Error('condition not reached');
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  };

  test('is not worked on: its records are never read', async () => {
    const org = await app.newOrganisation();
    await createAllocatedReferral(app.database, org);
    const agent = await app.signedIn(org.linkWorker);
    const reads = async () =>
      Number((await app.database.db.selectFrom('access_log').select((eb) => eb.fn.countAll().as('n')).where('actor_user_id', '=', org.linkWorker.id).executeTakeFirstOrThrow()).n);
    const before = await reads();

    await patient.freeze();
    const { port } = app.app.server.address() as AddressInfo;
    const left = http.get({ host: '127.0.0.1', port, path: '/caseload', headers: { cookie: `linkway_session=${agent.cookie('linkway_session')}` } });
    left.on('error', () => undefined);
    await until(() => app.app.linkway.requests.queued === 1);
    left.destroy();
    await until(() => app.app.linkway.requests.queued === 0);
    patient.thaw();

    assert.equal((await agent.get('/caseload')).status, 200);
    const afterFirst = await reads();
    assert.equal((await agent.get('/caseload')).status, 200);
    const perPage = (await reads()) - afterFirst;
    assert.ok(perPage > 0, 'opening the caseload is written in the access log');
    assert.equal(afterFirst - before, perPage, 'only the page that was answered read the records');
  });
});

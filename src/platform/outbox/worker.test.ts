import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import type { FastifyBaseLogger } from 'fastify';
import { buildApp } from '../../app.ts';
import { CallerData } from '../db/caller-data.ts';
import { SecretBox } from '../auth/secret-box.ts';
import { loadConfig } from '../config.ts';
import { startTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { openTestDatabase } from '../../../test/support/test-database.ts';
import { createOrganisation, type TestOrganisation } from '../../../test/support/fixtures.ts';
import { startTestSmtpServer, type TestSmtpServer } from '../../../test/support/smtp.ts';
import { Messenger } from './messenger.ts';
import { smtpTransport } from './smtp-transport.ts';
import { OutboxWorker, retryDelayMs, type OutboxWorkerOptions } from './worker.ts';

const MINUTE = 60_000;

/** Keeps what the worker logs, to check it says enough and nothing personal. */
function recordingLog() {
  const entries: { level: string; context: Record<string, unknown>; message: string }[] = [];
  const at = (level: string) => (context: Record<string, unknown>, message: string) => entries.push({ level, context, message });
  const log = { warn: at('warn'), error: at('error'), info: at('info'), debug: at('debug') } as unknown as FastifyBaseLogger;
  return { log, entries };
}

/** The real time, which the test can move on by hand, so backoff is checked without waiting for it. */
function handClock() {
  let ahead = 0;
  return { clock: () => new Date(Date.now() + ahead), advance: (ms: number) => (ahead += ms) };
}

function assertWithin(at: Date, earliest: number, latest: number): void {
  assert.ok(at.getTime() >= earliest && at.getTime() <= latest, `${at.toISOString()} is not between ${new Date(earliest).toISOString()} and ${new Date(latest).toISOString()}`);
}

test('the wait between attempts doubles, up to its cap', () => {
  assert.deepEqual([1, 2, 3, 4, 5, 6, 7].map((attempt) => retryDelayMs(attempt, 30_000, 600_000)), [30_000, 60_000, 120_000, 240_000, 480_000, 600_000, 600_000]);
});

describe('the outbox worker', () => {
  let t: TestApp;
  let smtp: TestSmtpServer;
  let org: TestOrganisation;
  let messenger: Messenger;
  let worker: OutboxWorker;
  let logged: ReturnType<typeof recordingLog>;
  let time: ReturnType<typeof handClock>;

  // The app itself has no SMTP, so only the workers made here send anything.
  before(async () => {
    t = await startTestApp();
    smtp = await startTestSmtpServer();
  });
  after(async () => {
    await t.close();
    await smtp.close();
  });

  afterEach(() => worker.idle());

  const newWorker = (options: Partial<OutboxWorkerOptions> = {}) =>
    new OutboxWorker(t.database.db, smtpTransport(smtp.url), { from: 'Linkway <no-reply@linkway.test>', log: logged.log, clock: time.clock, ...options });

  beforeEach(async () => {
    smtp.received.length = 0;
    smtp.refuseNext(0);
    logged = recordingLog();
    time = handClock();
    org = await t.newOrganisation();
    worker = newWorker({ maxAttempts: 3, firstRetryDelayMs: MINUTE });
    messenger = new Messenger(worker);
  });

  const data = () => new CallerData(t.database.db, { userId: org.manager.id, orgId: org.id, role: 'manager', clientAddress: null });
  const message = (subject: string) => ({ referralId: null, to: 'gp@example.test', subject, template: 'messages/testing/hello.txt.njk', data: { name: 'Dr Ayo', reference: subject } });
  const record = (subject: string) => data().run((tx) => messenger.record(tx, message(subject)));
  const row = (id: string) => t.database.db.selectFrom('outbox_messages').select(['status', 'attempts', 'next_attempt_at', 'error', 'sent_at']).where('id', '=', id).executeTakeFirstOrThrow();
  const subjects = () => smtp.received.map((email) => /Subject: (.*)/.exec(email.raw)![1]).sort();

  test('a message recorded in a transaction that rolls back is never sent; a committed one is', async () => {
    await assert.rejects(
      data().run(async (tx) => {
        await messenger.record(tx, message('Rolled back'));
        throw new Error('the change failed');
      }),
      /the change failed/,
    );
    const committed = await record('Committed');
    await worker.drain();
    assert.deepEqual(subjects(), ['Committed']);
    assert.equal((await row(committed)).status, 'sent');
    const rolledBack = await t.database.db.selectFrom('outbox_messages').select('id').where('org_id', '=', org.id).where('subject', '=', 'Rolled back').execute();
    assert.deepEqual(rolledBack, []);
  });

  test('recording a message is enough: the worker is nudged once the transaction commits', async () => {
    const id = await record('Nudged');
    await worker.idle();
    assert.deepEqual(subjects(), ['Nudged']);
    assert.equal((await row(id)).status, 'sent');
  });

  test('a refused send is tried again after a backoff, and sent once the server takes it', async () => {
    smtp.refuseNext(2);
    const id = await record('Busy server');
    let tried = time.clock().getTime();
    await worker.drain();
    let state = await row(id);
    assert.equal(state.status, 'held');
    assert.equal(state.attempts, 1);
    assertWithin(state.next_attempt_at, tried + MINUTE, time.clock().getTime() + MINUTE);
    assert.match(state.error!, /451/);

    await worker.drain();
    assert.equal((await row(id)).attempts, 1, 'not tried again before the backoff has passed');

    time.advance(MINUTE);
    tried = time.clock().getTime();
    await worker.drain();
    state = await row(id);
    assert.equal(state.attempts, 2);
    assertWithin(state.next_attempt_at, tried + 2 * MINUTE, time.clock().getTime() + 2 * MINUTE);

    time.advance(2 * MINUTE);
    await worker.drain();
    state = await row(id);
    assert.equal(state.status, 'sent');
    assert.equal(state.error, null);
    assert.deepEqual(subjects(), ['Busy server']);
  });

  test('after the last attempt a message is marked failed and logged with context but no address', async () => {
    smtp.refuseNext(10);
    const id = await record('Never taken');
    for (let attempt = 1; attempt <= 3; attempt++) {
      await worker.drain();
      time.advance(60 * MINUTE);
    }
    const state = await row(id);
    assert.equal(state.status, 'failed');
    assert.equal(state.attempts, 3);
    assert.doesNotMatch(state.error!, /gp@example\.test/);
    await worker.drain();
    assert.equal((await row(id)).attempts, 3, 'a failed message is left for an admin');
    assert.deepEqual(smtp.received, []);

    assert.deepEqual(logged.entries.map((entry) => entry.level), ['warn', 'warn', 'error']);
    const last = logged.entries.at(-1)!;
    assert.equal(last.context.messageId, id);
    assert.equal(last.context.orgId, org.id);
    assert.equal(last.context.attempt, 3);
    assert.equal(last.context.responseCode, 451);
    assert.doesNotMatch(JSON.stringify(logged.entries), /gp@example\.test|Dr Ayo/);
  });

  test('two workers sharing the database never send the same message twice', async () => {
    const ids: string[] = [];
    for (let n = 0; n < 24; n++) ids.push(await record(`Message ${String(n).padStart(2, '0')}`));
    // Recording nudged this test's own worker too, so three workers are at it at once.
    const first = newWorker({ batchSize: 3 });
    const second = newWorker({ batchSize: 3 });
    await Promise.all([first.drain(), second.drain(), worker.idle()]);
    assert.equal(smtp.received.length, 24);
    assert.deepEqual(subjects(), ids.map((_, n) => `Message ${String(n).padStart(2, '0')}`));
    const rows = await t.database.db.selectFrom('outbox_messages').select(['status', 'attempts']).where('id', 'in', ids).execute();
    assert.ok(rows.every((r) => r.status === 'sent' && r.attempts === 1));
  });

  test('a message left claimed by a worker that stopped is sent by another once the lease runs out', async () => {
    // As a process that recorded and claimed the message, then stopped before it could send it.
    const stopped = new Messenger(new OutboxWorker(t.database.db, null, { from: '', log: logged.log }));
    const id = await data().run((tx) => stopped.record(tx, message('Left claimed')));
    await t.database.db.updateTable('outbox_messages').set({ attempts: 1, locked_until: new Date(time.clock().getTime() + 2 * MINUTE) }).where('id', '=', id).execute();
    await worker.drain();
    assert.deepEqual(smtp.received, [], 'not while another worker holds it');
    time.advance(2 * MINUTE);
    await worker.drain();
    assert.deepEqual(subjects(), ['Left claimed']);
    assert.equal((await row(id)).attempts, 2);
  });
});

test('a message pending when the process stopped is sent at the next start', async () => {
  const smtp = await startTestSmtpServer();
  const database = await openTestDatabase();
  const config = { ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }), smtpUrl: undefined };
  try {
    const org = await createOrganisation(database, new SecretBox(config.sessionSecret));
    // The first run cannot send (no SMTP yet) and stops with the message still pending.
    const firstRun = await buildApp(config, database);
    await firstRun.ready();
    const caller = new CallerData(database.db, { userId: org.manager.id, orgId: org.id, role: 'manager', clientAddress: null });
    const id = await caller.run((tx) =>
      firstRun.linkway.messenger.record(tx, { referralId: null, to: 'gp@example.test', subject: 'Left pending', template: 'messages/testing/hello.txt.njk', data: { name: 'Dr Ayo', reference: 'LW-TEST' } }),
    );
    await firstRun.close();
    assert.deepEqual(smtp.received, []);

    const nextRun = await buildApp({ ...config, smtpUrl: smtp.url }, database);
    await nextRun.ready();
    await nextRun.linkway.messenger.outbox.idle();
    assert.equal(smtp.received.length, 1);
    const state = await database.db.selectFrom('outbox_messages').select('status').where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(state.status, 'sent');
    await nextRun.close();
  } finally {
    await database.close();
    await smtp.close();
  }
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadConfig } from './config.ts';

test('production refuses to start without a session secret', () => {
  assert.throws(() => loadConfig({ NODE_ENV: 'production' }), /SESSION_SECRET is required when NODE_ENV=production/);
});

test('production with a secret uses secure cookies and never seeds demo data', () => {
  const config = loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40) });
  assert.equal(config.secureCookies, true);
  assert.equal(config.seedDemo, false);
});

test('development seeds demo data into an empty database unless told not to', () => {
  assert.equal(loadConfig({}).seedDemo, true);
  assert.equal(loadConfig({ SEED_DEMO: 'never' }).seedDemo, false);
});

test('a short session secret is refused with a message saying why', () => {
  assert.throws(() => loadConfig({ SESSION_SECRET: 'short' }), /SESSION_SECRET must be at least 32 characters/);
});

test('timeouts, the queue limit and the shutdown grace have defaults an operator can change', () => {
  const defaults = loadConfig({});
  assert.deepEqual(defaults.databaseTimeouts, { connectMs: 5000, acquireMs: 5000, statementMs: 10_000 });
  assert.equal(defaults.requestQueueLimit, 50);
  assert.equal(defaults.shutdownGraceMs, 10_000);
  const changed = loadConfig({ DATABASE_STATEMENT_TIMEOUT_SECONDS: '2.5', REQUEST_QUEUE_LIMIT: '8', SHUTDOWN_GRACE_SECONDS: '30' });
  assert.equal(changed.databaseTimeouts.statementMs, 2500);
  assert.equal(changed.requestQueueLimit, 8);
  assert.equal(changed.shutdownGraceMs, 30_000);
  assert.throws(() => loadConfig({ REQUEST_QUEUE_LIMIT: '0' }), /REQUEST_QUEUE_LIMIT/);
});

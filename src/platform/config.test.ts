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

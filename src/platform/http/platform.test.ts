import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { TestAgent, pageText } from '../../../test/support/agent.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

describe('health', () => {
  test('answers ok with the kind of database in use', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/health' });
    assert.equal(response.statusCode, 200);
    const expected = process.env.TEST_DATABASE_URL ? 'postgres' : 'embedded';
    assert.deepEqual(response.json(), { status: 'ok', database: expected });
  });

  test('answers 503 when the database does not answer', async () => {
    const { buildApp } = await import('../../app.ts');
    const { openTestDatabase } = await import('../../../test/support/test-database.ts');
    const doomed = await openTestDatabase();
    const app = await buildApp(t.config, doomed);
    await doomed.close();
    try {
      const response = await app.inject({ method: 'GET', url: '/health' });
      assert.equal(response.statusCode, 503);
      assert.equal(response.json().status, 'unavailable');
    } finally {
      await app.close();
    }
  });
});

describe('error pages', () => {
  test('an unknown page gets the design-system 404 page', async () => {
    const response = await new TestAgent(t.app).get('/no-such-page');
    assert.equal(response.status, 404);
    assert.match(response.body, /class="nhsuk-header/);
    assert.match(pageText(response.body), /Page not found If you typed the web address, check it is correct/);
  });

  test('a form too large to accept gets a clear 413 page, not a crash', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/sign-in',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `email=${'a'.repeat(300 * 1024)}`,
    });
    assert.equal(response.statusCode, 413);
    assert.match(pageText(response.body), /What you sent was too large/);
  });

  test('a body that is not a form gets a 4xx page, not a crash', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/sign-in', headers: { 'content-type': 'application/xml' }, payload: '<x/>' });
    assert.ok(response.statusCode >= 400 && response.statusCode < 500, `got ${response.statusCode}`);
    assert.match(String(response.headers['content-type']), /^text\/html/, 'a page a person can read');
    const form = await t.app.inject({ method: 'GET', url: '/sign-in' });
    assert.equal(form.statusCode, 200, 'the same address answers a browser');
  });
});

describe('security headers', () => {
  test('every page has a fresh CSP nonce that its own script carries', async () => {
    const first = await t.app.inject({ method: 'GET', url: '/sign-in' });
    const second = await t.app.inject({ method: 'GET', url: '/sign-in' });
    const nonceOf = (csp: string) => /script-src[^;]*'nonce-([^']+)'/.exec(csp)?.[1];
    const nonce = nonceOf(String(first.headers['content-security-policy']));
    assert.ok(nonce);
    assert.notEqual(nonce, nonceOf(String(second.headers['content-security-policy'])));
    assert.match(first.body, new RegExp(`<script[^>]*nonce="${nonce}"`));
    assert.doesNotMatch(String(first.headers['content-security-policy']), /unsafe-inline/);
    assert.equal(first.headers['x-content-type-options'], 'nosniff');
    assert.match(String(first.headers['content-security-policy']), /frame-ancestors 'none'/);
  });

  test('stylesheets and scripts have fingerprinted URLs cached for a year', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/sign-in' });
    const cssUrl = /href="(\/assets\/nhsuk-[0-9a-f]{12}\.css)"/.exec(page.body)?.[1];
    assert.ok(cssUrl, 'the page links a fingerprinted stylesheet');
    const css = await t.app.inject({ method: 'GET', url: cssUrl });
    assert.equal(css.statusCode, 200);
    assert.match(String(css.headers['cache-control']), /max-age=31536000, immutable/);
    assert.equal((await t.app.inject({ method: 'GET', url: '/assets/nhsuk-000000000000.css' })).statusCode, 404);
  });
});

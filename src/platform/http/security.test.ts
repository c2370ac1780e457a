import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { TestAgent, pageText, type Page } from '../../../test/support/agent.ts';
import { createYoungPerson } from '../../../test/support/fixtures.ts';
import { answersFor, referralByReference, schemeSlug, sendReferral } from '../../../test/support/refer.ts';
import { csrfFrom } from '../../../test/support/users.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

describe('caching of signed-in pages', () => {
  test('staff pages and downloads tell the browser not to keep them; fingerprinted assets are still cached', async () => {
    const org = await t.newOrganisation();
    const youngPerson = await createYoungPerson(t.database, org.id);
    const manager = await t.signedIn(org.manager);
    for (const url of [`/young-people/${youngPerson.id}`, '/triage', '/caseloads', '/directory/export.json']) {
      const page = await manager.get(url);
      assert.equal(page.status, 200, url);
      assert.equal(page.headers['cache-control'], 'no-store', url);
    }
    const stylesheet = /<link rel="stylesheet" href="(\/assets\/[^"]+\.css)"/.exec((await manager.get('/triage')).body)?.[1];
    assert.ok(stylesheet, 'the page links its stylesheet');
    assert.match(String((await manager.get(stylesheet)).headers['cache-control']), /max-age=31536000/);
  });
});

describe('NUL characters in what is sent', () => {
  test('are dropped from the public referral form, which saves what else was typed', async () => {
    const org = await t.newOrganisation();
    const slug = await schemeSlug(t.database, org.id);
    const { reference } = await sendReferral(t.app, slug, answersFor('self', { 'young-person': { givenName: 'A\u0000B' }, 'what-matters': { whatMatters: 'Music\u0000' } }));
    const referral = await referralByReference(t.database, org.id, reference);
    assert.equal(referral.given_name, 'AB');
    assert.equal((referral.answers as Record<string, unknown>).whatMatters, 'Music');
  });

  test('are dropped from a sign-in, which then answers as for any wrong address', async () => {
    const org = await t.newOrganisation();
    const refused = await new TestAgent(t.app).submit('/sign-in', { email: `${org.manager.email}\u0000`, password: 'not it' });
    assert.equal(refused.status, 401);
    const signedIn = await new TestAgent(t.app).submit('/sign-in', { email: `\u0000${org.manager.email}`, password: 'correct horse battery staple' });
    assert.equal(signedIn.status, 303, 'the address without the NUL is the manager’s');
  });
});

/** A multipart post whose body stops before its closing boundary, as a dropped upload arrives. */
async function postCutOffMultipart(agent: TestAgent, formPage: string, action: string): Promise<Page> {
  const csrf = csrfFrom(await agent.get(formPage));
  const boundary = '----LinkwayCutOff';
  const payload = `--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${csrf}\r\n--${boundary}\r\nContent-Disposition: form-data; name="name"\r\n\r\nHalf a na`;
  const cookie = ['linkway_session', 'linkway_csrf'].flatMap((name) => (agent.cookie(name) ? [`${name}=${agent.cookie(name)}`] : [])).join('; ');
  const response = await t.app.inject({ method: 'POST', url: action, headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload });
  return { status: response.statusCode, body: response.body, location: undefined, headers: response.headers };
}

describe('a cut-off upload', () => {
  test('gets the 400 page on the redirect-service form and the directory import', async () => {
    const org = await t.newOrganisation();
    const admin = await t.signedIn(org.admin);
    for (const [formPage, action] of [
      ['/settings/redirect-services/new', '/settings/redirect-services/new'],
      ['/directory/import', '/directory/import'],
    ] as const) {
      const page = await postCutOffMultipart(admin, formPage, action);
      assert.equal(page.status, 400, action);
      assert.match(pageText(page.body), /there is a problem with that request/i, action);
    }
  });
});

describe('CSRF tokens', () => {
  test('a token and CSRF cookie from one session do not work in another session', async () => {
    const org = await t.newOrganisation();
    const attacker = await t.signedIn(org.linkWorker);
    const attackerToken = csrfFrom(await attacker.get('/sign-out'));
    const victim = await t.signedIn(org.manager);
    victim.setCookie('linkway_csrf', attacker.cookie('linkway_csrf')!);
    assert.equal((await victim.post('/sign-out', { _csrf: attackerToken, scope: 'everywhere' })).status, 403);
    assert.equal((await victim.get('/account')).status, 200, 'the victim is still signed in');
    assert.equal((await attacker.post('/sign-out', { _csrf: attackerToken, scope: 'this_device' })).status, 303, 'the token works in its own session');
  });

  test('signing in starts a new CSRF secret, and a token from before no longer works', async () => {
    const org = await t.newOrganisation();
    const agent = new TestAgent(t.app);
    const signInPage = await agent.get('/sign-in');
    const before = agent.cookie('linkway_csrf');
    const tokenBefore = csrfFrom(signInPage);
    assert.equal((await agent.signIn(org.manager)).status, 303);
    const after = csrfFrom(await agent.get('/sign-out'));
    assert.ok(agent.cookie('linkway_csrf'));
    assert.notEqual(agent.cookie('linkway_csrf'), before, 'a new secret after signing in');
    assert.equal((await agent.post('/sign-out', { _csrf: tokenBefore, scope: 'this_device' })).status, 403);
    assert.equal((await agent.post('/sign-out', { _csrf: after, scope: 'this_device' })).status, 303);
  });
});

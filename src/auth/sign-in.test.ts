import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { startTestApp, type TestApp } from '../../test/support/test-app.ts';
import { TestAgent, pageText } from '../../test/support/agent.ts';
import { currentTotpCode } from '../platform/auth/totp.ts';
import { MAX_FAILED_ATTEMPTS, SignInThrottle } from '../platform/auth/sign-in-throttle.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

describe('signing in', () => {
  test('a link worker signs in with the right password and lands on their caseload', async () => {
    const org = await t.newOrganisation();
    const agent = new TestAgent(t.app);
    const response = await agent.signIn(org.linkWorker);
    assert.equal(response.status, 303);
    assert.equal(response.location, '/');
    const home = await agent.get('/');
    assert.equal(home.location, '/caseload');
  });

  test('a wrong password is refused with a message that does not say which part was wrong', async () => {
    const org = await t.newOrganisation();
    const agent = new TestAgent(t.app);
    const response = await agent.signIn(org.manager, 'not the password');
    assert.equal(response.status, 401);
    assert.match(pageText(response.body), /There is a problem Enter a correct email address and password/);
    assert.match(response.body, new RegExp(`value="${org.manager.email}"`), 'the email typed is shown back');
    assert.doesNotMatch(response.body, /not the password/, 'the password typed is never shown back');
    assert.equal((await agent.get('/dashboard')).location, '/sign-in');
  });

  test('an empty form gets a message for each field', async () => {
    const agent = new TestAgent(t.app);
    const response = await agent.submit('/sign-in', { email: '', password: '' });
    assert.equal(response.status, 400);
    const text = pageText(response.body);
    assert.match(text, /Enter your email address/);
    assert.match(text, /Enter your password/);
    assert.match(response.body, /href="#email"/);
  });

  test(`${MAX_FAILED_ATTEMPTS} wrong passwords lock the account, even against the right password`, async () => {
    const org = await t.newOrganisation();
    const agent = new TestAgent(t.app);
    for (let attempt = 1; attempt < MAX_FAILED_ATTEMPTS; attempt++) {
      assert.equal((await agent.signIn(org.linkWorker, 'wrong')).status, 401);
    }
    const locking = await agent.signIn(org.linkWorker, 'wrong');
    assert.equal(locking.status, 429);
    assert.match(pageText(locking.body), /Too many attempts to sign in with this email address/);
    const rightPassword = await agent.signIn(org.linkWorker);
    assert.equal(rightPassword.status, 429, 'a locked account stays locked');
    const key = new SignInThrottle(t.database.db).key(org.linkWorker.email, '127.0.0.1');
    await t.database.db.updateTable('sign_in_failures').set({ locked_until: new Date(Date.now() - 1000) }).where('key', '=', key).execute();
    assert.equal((await agent.signIn(org.linkWorker)).status, 303, 'the lock ends when its time is up');
  });

  test('an unknown email is answered exactly as a real one, through to the lock', async () => {
    const org = await t.newOrganisation();
    const answers = async (email: string) => {
      const agent = new TestAgent(t.app, { remoteAddress: '192.0.2.44' });
      const pages = [];
      for (let attempt = 1; attempt <= MAX_FAILED_ATTEMPTS + 1; attempt++) pages.push(await agent.submit('/sign-in', { email, password: 'a wrong guess' }));
      return pages.map((page) => [page.status, /nhsuk-error-summary__list">([\s\S]*?)<\/ul>/.exec(page.body)?.[1]?.replace(/\s+/g, ' ')]);
    };
    const real = await answers(org.linkWorker.email);
    assert.deepEqual(real.map(([status]) => status), [401, 401, 401, 401, 429, 429]);
    assert.deepEqual(await answers(`nobody-${org.id}@example.test`), real);
  });

  test('failures from one network do not lock the account for a colleague elsewhere', async () => {
    const org = await t.newOrganisation();
    const attacker = new TestAgent(t.app, { remoteAddress: '2001:db8:7:7::1' });
    for (let attempt = 1; attempt <= MAX_FAILED_ATTEMPTS; attempt++) await attacker.signIn(org.linkWorker, 'a wrong guess');
    assert.equal((await attacker.signIn(org.linkWorker)).status, 429, 'the attacker’s network is locked out, even with the right password');
    const sameNetwork = new TestAgent(t.app, { remoteAddress: '2001:db8:7:7::2' });
    assert.equal((await sameNetwork.signIn(org.linkWorker)).status, 429, 'another address in the same IPv6 /64 is the same network');
    const colleague = new TestAgent(t.app, { remoteAddress: '198.51.100.20' });
    assert.equal((await colleague.signIn(org.linkWorker)).status, 303, 'the link worker still signs in from their own computer');
    assert.equal((await colleague.get('/caseload')).status, 200);
  });

  test('every Linkway process on the database counts the same failures', async () => {
    const org = await t.newOrganisation();
    const { buildApp } = await import('../app.ts');
    const second = await buildApp(t.config, t.database);
    try {
      const here = new TestAgent(t.app, { remoteAddress: '203.0.113.5' });
      const there = new TestAgent(second, { remoteAddress: '203.0.113.5' });
      for (let attempt = 1; attempt < MAX_FAILED_ATTEMPTS; attempt++) assert.equal((await (attempt % 2 ? here : there).signIn(org.manager, 'wrong')).status, 401);
      assert.equal((await here.signIn(org.manager, 'wrong')).status, 429);
      assert.equal((await there.signIn(org.manager)).status, 429, 'the other process sees the lock');
    } finally {
      await second.close();
    }
  });

  test('an unknown email gets the same answer as a wrong password', async () => {
    const agent = new TestAgent(t.app);
    const response = await agent.submit('/sign-in', { email: 'nobody@example.test', password: 'whatever it is' });
    assert.equal(response.status, 401);
    assert.match(pageText(response.body), /Enter a correct email address and password/);
  });

  test('a deactivated user cannot sign in', async () => {
    const org = await t.newOrganisation();
    await t.database.db.updateTable('users').set({ active: false }).where('id', '=', org.manager.id).execute();
    assert.equal((await new TestAgent(t.app).signIn(org.manager)).status, 401);
    const colleague = new TestAgent(t.app);
    await colleague.signIn(org.linkWorker);
    assert.equal((await colleague.get('/account')).status, 200, 'an active colleague signs in with the same password');
  });
});

describe('second factor', () => {
  test('an admin with a second factor must enter a code before anything else', async () => {
    const org = await t.newOrganisation();
    const agent = new TestAgent(t.app);
    const afterPassword = await agent.submit('/sign-in', { email: org.admin.email, password: 'correct horse battery staple' });
    assert.equal(afterPassword.location, '/sign-in/two-factor');
    assert.equal((await agent.get('/users')).location, '/sign-in/two-factor', 'nothing else opens before the code');

    const wrong = await agent.submit('/sign-in/two-factor', { code: '000000' });
    assert.equal(wrong.status, 401);
    assert.match(pageText(wrong.body), /The code is not right/);

    const code = currentTotpCode(org.admin.totpSecret!);
    const right = await agent.submit('/sign-in/two-factor', { code });
    assert.equal(right.location, '/');
    assert.equal((await agent.get('/account')).status, 200);
  });

  test('the same code cannot be used twice, and the second device is told to wait for the next code', async () => {
    const org = await t.newOrganisation();
    const code = currentTotpCode(org.admin.totpSecret!);
    const first = new TestAgent(t.app);
    await first.submit('/sign-in', { email: org.admin.email, password: 'correct horse battery staple' });
    assert.equal((await first.submit('/sign-in/two-factor', { code })).location, '/');
    const second = new TestAgent(t.app);
    await second.submit('/sign-in', { email: org.admin.email, password: 'correct horse battery staple' });
    const replayed = await second.submit('/sign-in/two-factor', { code });
    assert.equal(replayed.status, 401);
    const text = pageText(replayed.body);
    assert.match(text, /That code has just been used to sign in\. Wait for the next code to appear in your authenticator app, then enter it/);
    assert.doesNotMatch(text, /The code is not right/);
  });

  test('an admin without a second factor is sent to set one up, and can', async () => {
    const org = await t.newOrganisation();
    await t.database.db.updateTable('users').set({ totp_enabled: false, totp_secret: null }).where('id', '=', org.admin.id).execute();
    const agent = new TestAgent(t.app);
    await agent.signIn({ ...org.admin, totpSecret: undefined });
    assert.equal((await agent.get('/users')).location, '/account/two-factor');
    const setup = await agent.get('/account/two-factor');
    const header = /<header[\s\S]*?<\/header>/.exec(setup.body)![0];
    const headerLinks = [...header.matchAll(/href="([^"]+)"/g)].map((match) => match[1]);
    assert.deepEqual(headerLinks, ['/', '/sign-out'], 'before set-up the header offers only home and signing out, not links that lead back here');
    const secret = /<code class="app-secret">([A-Z2-7]+)<\/code>/.exec(setup.body)?.[1];
    assert.ok(secret, 'the setup page shows the key to type in');
    const done = await agent.submitPage(setup, '/account/two-factor', { code: currentTotpCode(secret) });
    assert.equal(done.location, '/account?notice=two-factor-on');
    assert.equal((await agent.get('/users')).status, 200);
  });
});

describe('sessions', () => {
  test('signing in replaces any session cookie the browser already had', async () => {
    const org = await t.newOrganisation();
    const agent = new TestAgent(t.app);
    agent.setCookie('linkway_session', 'planted-by-someone-else');
    await agent.signIn(org.manager);
    const token = agent.cookie('linkway_session');
    assert.ok(token && token !== 'planted-by-someone-else');
  });

  test('signing out ends the session', async () => {
    const org = await t.newOrganisation();
    const agent = new TestAgent(t.app);
    await agent.signIn(org.manager);
    const stolenToken = agent.cookie('linkway_session')!;
    const out = await agent.submit('/sign-out', { scope: 'this_device' });
    assert.equal(out.location, '/sign-in?notice=signed-out');
    assert.match(pageText((await agent.get(out.location)).body), /You have signed out/);
    const replay = new TestAgent(t.app);
    replay.setCookie('linkway_session', stolenToken);
    assert.equal((await replay.get('/dashboard')).location, '/sign-in', 'the old token no longer works');
  });

  test('signing out everywhere ends every session of that user', async () => {
    const org = await t.newOrganisation();
    const laptop = new TestAgent(t.app);
    const phone = new TestAgent(t.app);
    await laptop.signIn(org.manager);
    await phone.signIn(org.manager);
    await laptop.submit('/sign-out', { scope: 'everywhere' });
    assert.equal((await phone.get('/dashboard')).location, '/sign-in');
  });

  test('a session left idle past the timeout expires', async () => {
    const org = await t.newOrganisation();
    const agent = new TestAgent(t.app);
    await agent.signIn(org.manager);
    assert.equal((await agent.get('/account')).status, 200);
    await t.database.db
      .updateTable('sessions')
      .set({ last_seen_at: sql<Date>`now() - make_interval(mins => ${t.config.sessionIdleMinutes + 1})` })
      .where('user_id', '=', org.manager.id)
      .execute();
    assert.equal((await agent.get('/account')).location, '/sign-in');
  });

  test('the session cookie is HttpOnly and SameSite=Lax', async () => {
    const org = await t.newOrganisation();
    const agent = new TestAgent(t.app);
    const response = await agent.signIn(org.manager);
    const setCookie = String(response.headers['set-cookie']);
    assert.match(setCookie, /linkway_session=[^;]+;.*HttpOnly/);
    assert.match(setCookie, /SameSite=Lax/);
  });
});

describe('CSRF protection', () => {
  test('a form posted without its token is refused', async () => {
    const org = await t.newOrganisation();
    const agent = new TestAgent(t.app);
    await agent.get('/sign-in');
    const response = await agent.post('/sign-in', { email: org.manager.email, password: 'correct horse battery staple' });
    assert.equal(response.status, 403);
    assert.match(pageText(response.body), /Your form has expired/);
    assert.equal(agent.cookie('linkway_session'), undefined);
  });

  test('a token from another browser is refused', async () => {
    const org = await t.newOrganisation();
    const victim = new TestAgent(t.app);
    await victim.signIn(org.manager);
    const attacker = new TestAgent(t.app);
    const page = await attacker.get('/sign-in');
    const token = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
    const forged = await victim.post('/sign-out', { _csrf: token, scope: 'everywhere' });
    assert.equal(forged.status, 403);
    assert.equal((await victim.get('/account')).status, 200, 'the victim is still signed in');
    const own = /name="_csrf" value="([^"]+)"/.exec((await victim.get('/sign-out')).body)![1]!;
    assert.equal((await victim.post('/sign-out', { _csrf: own, scope: 'everywhere' })).status, 303, "the victim's own token works");
  });
});

describe('throttling', () => {
  test('too many sign-in attempts from one address are slowed down', async () => {
    const { buildApp } = await import('../app.ts');
    const strict = await buildApp({ ...t.config, rateLimitPerMinute: 3 }, t.database);
    try {
      const agent = new TestAgent(strict);
      const statuses = [];
      for (let attempt = 0; attempt < 4; attempt++) {
        statuses.push((await agent.submit('/sign-in', { email: 'someone@example.test', password: 'guess' })).status);
      }
      assert.deepEqual(statuses, [401, 401, 401, 429]);
    } finally {
      await strict.close();
    }
  });
});

describe('session housekeeping', () => {
  test('expired sessions are removed from the database', async () => {
    const org = await t.newOrganisation();
    const agent = new TestAgent(t.app);
    await agent.signIn(org.manager);
    await t.database.db.updateTable('sessions').set({ expires_at: new Date(Date.now() - 1000) }).where('user_id', '=', org.manager.id).execute();
    const { SessionStore } = await import('../platform/auth/sessions.ts');
    await new SessionStore(t.database.db, { idleMinutes: 30, maxHours: 12 }).removeExpired();
    const left = await t.database.db.selectFrom('sessions').select('token_hash').where('user_id', '=', org.manager.id).execute();
    assert.deepEqual(left, []);
  });
});

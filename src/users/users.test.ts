import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { startTestApp, type TestApp } from '../../test/support/test-app.ts';
import { TestAgent, pageText } from '../../test/support/agent.ts';
import { createUser } from '../../test/support/fixtures.ts';
import { csrfFrom, invite, rowOf, signedInAdmin, userRow } from '../../test/support/users.ts';

// Inviting people and accepting invitations are tested in invitations.test.ts.

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

describe('the list of users', () => {
  test("an admin sees everyone in their own organisation, with each person's status, and no one from elsewhere", async () => {
    const org = await t.newOrganisation();
    const elsewhere = await t.newOrganisation();
    await t.database.db.updateTable('users').set({ active: false }).where('id', '=', org.commissioner.id).execute();
    const admin = await signedInAdmin(t.app, org);
    await invite(admin, { name: 'Priya Invited', email: `priya.${randomUUID()}@example.test`, role: 'manager', caseloadCapacity: '25' });

    const list = await admin.get('/users');
    assert.equal(list.status, 200);
    const text = pageText(list.body);
    assert.match(text, rowOf(org.linkWorker.name, 'Link worker', 'Active', 'Off', '25'));
    assert.match(text, rowOf(org.admin.name, 'Administrator', 'Active', 'On', 'Does not apply'));
    assert.match(text, rowOf(org.manager.name, 'Manager', 'Active', 'Off', 'Does not apply'));
    assert.match(text, rowOf(org.commissioner.name, 'Commissioner', 'Deactivated', 'Off', 'Does not apply'));
    assert.match(text, rowOf('Priya Invited', 'Manager', 'Invited, not accepted yet', 'Off', 'Does not apply'));
    assert.match(list.body, new RegExp(`href="/users/${org.linkWorker.id}"`), 'each name leads to that person’s page');
    assert.doesNotMatch(text, new RegExp(elsewhere.manager.name));
  });

  test('only admins can reach the user pages: everyone else is told they do not exist', async () => {
    const org = await t.newOrganisation();
    for (const user of [org.manager, org.linkWorker, org.commissioner]) {
      const agent = new TestAgent(t.app);
      await agent.signIn(user);
      for (const path of ['/users', '/users/invite', `/users/${org.linkWorker.id}`, `/users/${org.linkWorker.id}/capacity`]) {
        assert.equal((await agent.get(path)).status, 404, `${user.role} GET ${path}`);
      }
      const csrf = csrfFrom(await agent.get('/sign-out'));
      const posted = await agent.post('/users/invite', { _csrf: csrf, name: 'Sneaky', email: 'sneaky@example.test', role: 'admin' });
      assert.equal(posted.status, 404, `${user.role} POST /users/invite`);
      assert.equal((await agent.post(`/users/${org.admin.id}/deactivate`, { _csrf: csrf })).status, 404);
    }
    assert.equal((await userRow(t.database, org.admin.id)).active, true);
  });
});

describe('deactivating and reactivating', () => {
  test('a deactivated user is signed out at once and cannot sign in until reactivated', async () => {
    const org = await t.newOrganisation();
    const admin = await signedInAdmin(t.app, org);
    const manager = new TestAgent(t.app);
    await manager.signIn(org.manager);
    assert.equal((await manager.get('/account')).status, 200);

    const confirm = await admin.get(`/users/${org.manager.id}/deactivate`);
    assert.match(pageText(confirm.body), new RegExp(`Deactivate ${org.manager.name}’s account\\?`));
    const done = await admin.submit(`/users/${org.manager.id}/deactivate`, {});
    assert.equal(done.location, `/users/${org.manager.id}?notice=deactivated`);
    assert.match(pageText((await admin.get(done.location!)).body), new RegExp(`${org.manager.name} can no longer sign in.*Deactivated`));
    assert.equal((await manager.get('/account')).location, '/sign-in', 'their open session has ended');
    assert.equal((await new TestAgent(t.app).signIn(org.manager)).status, 401);

    const back = await admin.submit(`/users/${org.manager.id}`, {}, `/users/${org.manager.id}/reactivate`);
    assert.equal(back.location, `/users/${org.manager.id}?notice=reactivated`);
    assert.match(pageText((await admin.get(back.location!)).body), new RegExp(`${org.manager.name} can sign in again`));
    assert.equal((await new TestAgent(t.app).signIn(org.manager)).location, '/');
  });

  test('an admin cannot deactivate their own account', async () => {
    const org = await t.newOrganisation();
    const admin = await signedInAdmin(t.app, org);
    assert.doesNotMatch((await admin.get(`/users/${org.admin.id}`)).body, /\/deactivate"/, 'no link is offered');
    const page = await admin.get(`/users/${org.admin.id}/deactivate`);
    assert.match(pageText(page.body), /You cannot deactivate your own account/);
    assert.doesNotMatch(page.body, /action="\/users\/[^"]+\/deactivate"/);
    const refused = await admin.post(`/users/${org.admin.id}/deactivate`, { _csrf: csrfFrom(await admin.get('/users/invite')) });
    assert.equal(refused.status, 400);
    assert.equal((await userRow(t.database, org.admin.id)).active, true);
    assert.equal((await admin.get('/users')).status, 200, 'still signed in');
  });
});

describe('resetting a second factor', () => {
  test('the user is signed out, and an admin must set up a new factor at their next sign-in', async () => {
    const org = await t.newOrganisation();
    const otherAdmin = await createUser(t.database, org.id, 'admin', { secretBox: t.secretBox, withTotp: true });
    const admin = await signedInAdmin(t.app, org);
    const colleague = new TestAgent(t.app);
    await colleague.signIn(otherAdmin);
    assert.equal((await colleague.get('/users')).status, 200);

    const confirm = await admin.get(`/users/${otherAdmin.id}/reset-second-factor`);
    assert.match(pageText(confirm.body), /Administrators must then set up a new second factor/);
    const done = await admin.submit(`/users/${otherAdmin.id}/reset-second-factor`, {});
    assert.equal(done.location, `/users/${otherAdmin.id}?notice=second-factor-reset`);
    const row = await userRow(t.database, otherAdmin.id);
    assert.deepEqual([row.totp_secret, row.totp_enabled, row.totp_last_step], [null, false, null]);
    assert.equal((await colleague.get('/users')).location, '/sign-in', 'their open session has ended');

    const again = new TestAgent(t.app);
    assert.equal((await again.signIn({ ...otherAdmin, totpSecret: undefined })).location, '/', 'a password is enough to start');
    assert.equal((await again.get('/users')).location, '/account/two-factor', 'but nothing opens before a new factor is set up');
  });
});

describe('caseload capacity', () => {
  test('a link worker’s capacity can be changed from 0 to 200, with clear messages otherwise', async () => {
    const org = await t.newOrganisation();
    const admin = await signedInAdmin(t.app, org);
    const path = `/users/${org.linkWorker.id}/capacity`;
    const empty = await admin.submit(path, { caseloadCapacity: '' });
    assert.equal(empty.status, 400);
    assert.match(pageText(empty.body), /There is a problem Enter a caseload capacity/);
    for (const typed of ['201', '-1', '2.5', 'ten']) {
      const wrong = await admin.submit(path, { caseloadCapacity: typed });
      assert.equal(wrong.status, 400, typed);
      assert.match(pageText(wrong.body), /Caseload capacity must be a whole number from 0 to 200/);
      assert.match(wrong.body, new RegExp(`value="${typed}"`), 'what was typed is shown back');
    }
    for (const [typed, stored] of [['0', 0], [' 200 ', 200]] as const) {
      const saved = await admin.submit(path, { caseloadCapacity: typed });
      assert.equal(saved.location, `/users/${org.linkWorker.id}?notice=capacity-changed`);
      assert.equal((await userRow(t.database, org.linkWorker.id)).caseload_capacity, stored);
    }
    assert.equal((await admin.get(`/users/${org.manager.id}/capacity`)).status, 404, 'only link workers have a caseload');
  });
});

describe('organisations are kept apart', () => {
  test("an admin gets 404 for every page and form about another organisation's users, and changes nothing", async () => {
    const org = await t.newOrganisation();
    const elsewhere = await t.newOrganisation();
    const admin = await signedInAdmin(t.app, org);
    const theirs = elsewhere.linkWorker.id;
    for (const path of ['', '/deactivate', '/reset-second-factor', '/capacity', '/invitation']) {
      assert.equal((await admin.get(`/users/${theirs}${path}`)).status, 404, `GET ${path || 'user page'}`);
    }
    const csrf = csrfFrom(await admin.get('/users/invite'));
    for (const path of ['/deactivate', '/reactivate', '/reset-second-factor', '/invitation']) {
      assert.equal((await admin.post(`/users/${theirs}${path}`, { _csrf: csrf })).status, 404, `POST ${path}`);
      assert.equal((await admin.post(`/users/${elsewhere.admin.id}${path}`, { _csrf: csrf })).status, 404, `POST ${path} (their admin)`);
    }
    assert.equal((await admin.post(`/users/${theirs}/capacity`, { _csrf: csrf, caseloadCapacity: '3' })).status, 404);
    assert.equal((await admin.post(`/users/${theirs}/capacity`, { _csrf: csrf, caseloadCapacity: 'oops' })).status, 404);

    const untouched = await userRow(t.database, theirs);
    assert.deepEqual([untouched.active, untouched.caseload_capacity], [true, 25]);
    assert.equal((await userRow(t.database, elsewhere.admin.id)).totp_enabled, true);
    const invitations = await t.database.db.selectFrom('invitations').select('id').where('org_id', '=', elsewhere.id).execute();
    assert.equal(invitations.length, 0);
    assert.equal((await new TestAgent(t.app).signIn(elsewhere.linkWorker)).location, '/', 'their link worker can still sign in');

    assert.equal((await admin.get(`/users/${randomUUID()}`)).status, 404, 'an id that exists nowhere');
    assert.equal((await admin.get('/users/not-an-id')).status, 404, 'an id that is not an id');
  });
});

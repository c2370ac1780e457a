import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { startTestApp, type TestApp } from '../../test/support/test-app.ts';
import { TestAgent, pageText } from '../../test/support/agent.ts';
import { hashToken, randomToken } from '../platform/auth/tokens.ts';
import { csrfFrom, invitationPathFrom, invite, NEW_PASSWORD, rowOf, sendNewInvitation, signedInAdmin, userRow } from '../../test/support/users.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

describe('inviting someone', () => {
  test('the admin is shown the link once; the new link worker sets a password with it and signs in', async () => {
    const org = await t.newOrganisation();
    const admin = await signedInAdmin(t.app, org);
    const email = `sam.${randomUUID()}@example.test`;
    const created = await admin.submit('/users/invite', { name: 'Sam Carter', email, role: 'link_worker', caseloadCapacity: '12' });
    assert.equal(created.status, 303);
    assert.doesNotMatch(created.location!, /invitations/, 'the link is not carried in a web address');

    const shown = await admin.get(created.location!);
    assert.equal(shown.status, 200);
    assert.equal(shown.headers['cache-control'], 'no-store');
    assert.match(pageText(shown.body), /Invitation ready Send the link below to Sam Carter/);
    const link = invitationPathFrom(shown)!;
    const token = link.split('/').pop()!;

    const userId = created.location!.split('/')[2]!;
    const user = await userRow(t.database, userId);
    assert.equal(user.password_hash, null);
    assert.equal(user.caseload_capacity, 12);
    assert.equal(user.role, 'link_worker');
    const invitation = await t.database.db.selectFrom('invitations').selectAll().where('user_id', '=', userId).executeTakeFirstOrThrow();
    assert.equal(invitation.token_hash, hashToken(token), 'only the hash of the token is stored');
    assert.equal(invitation.invited_by, org.admin.id);
    const days = (invitation.expires_at.getTime() - Date.now()) / 86_400_000;
    assert.ok(days > 6.9 && days <= 7, `expires in 7 days, not ${days}`);

    const again = await admin.get(created.location!);
    assert.equal(invitationPathFrom(again), undefined, 'a refresh does not show the link again');
    assert.match(pageText(again.body), /There is no invitation link to show/);
    assert.match(pageText((await admin.get('/users')).body), rowOf('Sam Carter', 'Link worker', 'Invited, not accepted yet', 'Off', '12'));

    const newcomer = new TestAgent(t.app);
    const welcome = await newcomer.get(link);
    assert.equal(welcome.status, 200);
    assert.match(pageText(welcome.body), new RegExp(`Welcome to Linkway, Sam Carter.*${email}`));
    const accepted = await newcomer.submit(link, { password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
    assert.equal(accepted.location, '/sign-in?notice=password-set');
    assert.match(pageText((await newcomer.get(accepted.location!)).body), /Your password is set/);
    assert.equal((await newcomer.signIn({ id: userId, email, role: 'link_worker', name: 'Sam Carter' }, NEW_PASSWORD)).location, '/');
    assert.equal((await newcomer.get('/')).location, '/caseload');

    assert.equal((await new TestAgent(t.app).get(link)).status, 410, 'the link works only once');
    assert.match(pageText((await admin.get('/users')).body), rowOf('Sam Carter', 'Link worker', 'Active', 'Off', '12'));
  });

  test('an empty form gets a message for each field', async () => {
    const admin = await signedInAdmin(t.app, await t.newOrganisation());
    const response = await admin.submit('/users/invite', { name: '', email: '', caseloadCapacity: '25' });
    assert.equal(response.status, 400);
    const text = pageText(response.body);
    assert.match(text, /There is a problem Enter their full name Enter their email address Select what they will do in Linkway/);
    for (const field of ['name', 'email', 'role']) assert.match(response.body, new RegExp(`href="#${field}"`));
  });

  test('mistakes keep what was typed; an email address already in use gets a clear message', async () => {
    const org = await t.newOrganisation();
    const elsewhere = await t.newOrganisation();
    const admin = await signedInAdmin(t.app, org);
    const fields = { name: 'Jo Bloggs', email: org.manager.email.toUpperCase(), role: 'link_worker', caseloadCapacity: '500' };

    const tooMany = await admin.submit('/users/invite', fields);
    assert.equal(tooMany.status, 400);
    assert.match(pageText(tooMany.body), /Caseload capacity must be a whole number from 0 to 200/);
    assert.match(tooMany.body, /value="Jo Bloggs"/);
    assert.match(tooMany.body, /value="500"/);
    assert.match(tooMany.body, /value="link_worker" checked/);

    for (const email of [org.manager.email.toUpperCase(), elsewhere.manager.email]) {
      const taken = await admin.submit('/users/invite', { ...fields, email, caseloadCapacity: '20' });
      assert.equal(taken.status, 400);
      assert.match(pageText(taken.body), /Someone already has a Linkway account with this email address/);
      assert.match(taken.body, /href="#email"/);
    }
    const jos = await t.database.db.selectFrom('users').select('id').where('name', '=', 'Jo Bloggs').execute();
    assert.equal(jos.length, 0, 'nothing was created');
  });

  test('caseload capacity only counts for link workers', async () => {
    const admin = await signedInAdmin(t.app, await t.newOrganisation());
    const { userId } = await invite(admin, { name: 'Mo Manager', email: `mo.${randomUUID()}@example.test`, role: 'manager', caseloadCapacity: 'lots' });
    assert.equal((await userRow(t.database, userId)).caseload_capacity, 25);
  });
});

describe('accepting an invitation', () => {
  test('passwords that are too short or do not match get clear messages, and are never shown back', async () => {
    const admin = await signedInAdmin(t.app, await t.newOrganisation());
    const { link } = await invite(admin, { name: 'Ash Green', email: `ash.${randomUUID()}@example.test`, role: 'manager' });
    const newcomer = new TestAgent(t.app);

    const empty = await newcomer.submit(link, { password: '', confirmPassword: '' });
    assert.equal(empty.status, 400);
    assert.match(pageText(empty.body), /There is a problem Enter a password Enter your password again/);

    const short = await newcomer.submit(link, { password: 'short one', confirmPassword: 'short one' });
    assert.equal(short.status, 400);
    assert.match(pageText(short.body), /Password must be at least 12 characters/);
    assert.doesNotMatch(short.body, /short one/);

    const mismatch = await newcomer.submit(link, { password: NEW_PASSWORD, confirmPassword: `${NEW_PASSWORD}!` });
    assert.equal(mismatch.status, 400);
    assert.match(pageText(mismatch.body), /The passwords do not match/);
    assert.match(mismatch.body, /href="#confirmPassword"/);
    assert.doesNotMatch(mismatch.body, new RegExp(NEW_PASSWORD));
    assert.match(pageText(mismatch.body), /Welcome to Linkway, Ash Green/, 'the page still says who it is for');

    assert.equal((await newcomer.submit(link, { password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD })).status, 303, 'the link still works');
  });

  test('an expired, used, unknown or malformed link answers 410, for the page and the form', async () => {
    const admin = await signedInAdmin(t.app, await t.newOrganisation());
    const { userId, link } = await invite(admin, { name: 'Lee Late', email: `lee.${randomUUID()}@example.test`, role: 'commissioner' });
    const visitor = new TestAgent(t.app);
    const csrf = csrfFrom(await visitor.get('/sign-in'));
    const expired = await t.database.db
      .updateTable('invitations')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('user_id', '=', userId)
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const path of [link, `/invitations/${randomToken()}`, '/invitations/not-a-token']) {
      const page = await visitor.get(path);
      assert.equal(page.status, 410, `GET ${path}`);
      assert.match(pageText(page.body), /This link has expired/);
      assert.equal((await visitor.post(path, { _csrf: csrf, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD })).status, 410, `POST ${path}`);
    }
    assert.equal((await userRow(t.database, userId)).password_hash, null);

    await t.database.db.updateTable('invitations').set({ expires_at: new Date(Date.now() + 60_000), used_at: new Date() }).where('id', '=', expired.id).execute();
    assert.equal((await visitor.get(link)).status, 410, 'a used link');
  });

  test('a new invitation resets a forgotten password, unlocks the account and signs the person out everywhere', async () => {
    const org = await t.newOrganisation();
    const admin = await signedInAdmin(t.app, org);
    const manager = new TestAgent(t.app);
    await manager.signIn(org.manager);
    assert.equal((await manager.get('/account')).status, 200);

    const olderLink = await sendNewInvitation(admin, org.manager.id);
    const link = await sendNewInvitation(admin, org.manager.id);
    assert.notEqual(link, olderLink);
    assert.equal((await new TestAgent(t.app).get(olderLink)).status, 410, 'sending a new invitation cancels the one before');
    assert.equal((await manager.get('/account')).status, 200, 'nothing changes until the new link is used');

    await t.database.db.updateTable('users').set({ locked_until: new Date(Date.now() + 600_000) }).where('id', '=', org.manager.id).execute();
    const reset = await new TestAgent(t.app).submit(link, { password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
    assert.equal(reset.location, '/sign-in?notice=password-set');
    assert.equal((await manager.get('/account')).location, '/sign-in', 'the session opened with the old password has ended');
    assert.equal((await new TestAgent(t.app).signIn(org.manager)).status, 401, 'the old password no longer works');
    assert.equal((await new TestAgent(t.app).signIn(org.manager, NEW_PASSWORD)).location, '/');
  });

  test('a deactivated person cannot use a link they were sent before', async () => {
    const org = await t.newOrganisation();
    const admin = await signedInAdmin(t.app, org);
    const link = await sendNewInvitation(admin, org.manager.id);
    assert.equal((await new TestAgent(t.app).get(link)).status, 200, 'the link works before');
    await admin.submit(`/users/${org.manager.id}/deactivate`, {});
    assert.equal((await new TestAgent(t.app).get(link)).status, 410);
  });

  test('too many attempts from one address are slowed down', async () => {
    const { buildApp } = await import('../app.ts');
    const strict = await buildApp({ ...t.config, rateLimitPerMinute: 3 }, t.database);
    try {
      const visitor = new TestAgent(strict);
      const statuses = [];
      for (let attempt = 0; attempt < 4; attempt++) statuses.push((await visitor.get(`/invitations/${randomToken()}`)).status);
      assert.deepEqual(statuses, [410, 410, 410, 429]);
    } finally {
      await strict.close();
    }
  });
});

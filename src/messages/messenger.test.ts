import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestApp, type TestApp } from '../../test/support/test-app.ts';
import { TestAgent, pageText } from '../../test/support/agent.ts';
import { emailText, useTestAppWithSmtp, type AppSmtpServer } from '../../test/support/smtp.ts';
import type { TestOrganisation } from '../../test/support/fixtures.ts';

const MESSAGE = { referralId: null, to: 'gp@example.test', subject: 'Referral LW-TEST', template: 'messages/testing/hello.txt.njk', data: { name: 'Dr Ayo', reference: 'LW-TEST' } };

const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)![1]!;

async function recordAs(t: TestApp, org: TestOrganisation) {
  const { CallerData } = await import('../platform/db/caller-data.ts');
  const data = new CallerData(t.database.db, { userId: org.manager.id, orgId: org.id, role: 'manager', clientAddress: null });
  const messenger = t.app.linkway.messenger;
  return data.run((tx) => messenger.record(tx, MESSAGE));
}

describe('with SMTP set up', () => {
  let smtp: AppSmtpServer;
  let t: TestApp;
  useTestAppWithSmtp((app, server) => {
    t = app;
    smtp = server;
  });

  test('a message is emailed as plain text and marked sent', async () => {
    const org = await t.newOrganisation();
    const id = await recordAs(t, org);
    const [email] = await smtp.sent();
    assert.deepEqual(email!.to, ['gp@example.test']);
    assert.match(email!.raw, /Subject: Referral LW-TEST/);
    assert.match(emailText(email!.raw), /This is a test message about referral LW-TEST & nothing else\./);
    const row = await t.database.db.selectFrom('outbox_messages').select(['status', 'sent_at']).where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.status, 'sent');
    assert.ok(row.sent_at);
  });

  test('an admin sees an email that failed and can try it again', async () => {
    const org = await t.newOrganisation();
    const id = await recordAs(t, org);
    await smtp.sent();
    const before = smtp.received.length;
    // As the outbox worker leaves a message after its last failed attempt.
    await t.database.db.updateTable('outbox_messages').set({ status: 'failed', attempts: 8, error: '451 Mailbox busy' }).where('id', '=', id).execute();
    const admin = await t.signedIn(org.admin);
    assert.match(pageText((await admin.get('/outbox')).body), /Referral LW-TEST To gp@example.test By Email Status Email failed/);
    const message = await admin.get(`/outbox/${id}`);
    assert.match(pageText(message.body), /Status Email failed: 451 Mailbox busy/);

    const retried = await admin.submitPage(message, `/outbox/${id}`, {});
    assert.equal(retried.status, 303);
    assert.equal(retried.location, `/outbox/${id}`);
    const sent = await smtp.sent();
    assert.equal(sent.length, before + 1);
    assert.match(sent.at(-1)!.raw, /Subject: Referral LW-TEST/);
    assert.match(pageText((await admin.get(`/outbox/${id}`)).body), /Status Sent by email/);
  });

  test('only a failed email can be tried again, and only by an admin of its scheme', async () => {
    const org = await t.newOrganisation();
    const other = await t.newOrganisation();
    const id = await recordAs(t, org);
    const theirs = await recordAs(t, other);
    const before = (await smtp.sent()).length;
    const admin = await t.signedIn(org.admin);
    assert.doesNotMatch((await admin.get(`/outbox/${id}`)).body, /Try sending again/, 'a sent email offers no retry');

    await t.database.db.updateTable('outbox_messages').set({ status: 'failed' }).where('id', 'in', [id, theirs]).execute();
    const failedMessage = await admin.get(`/outbox/${id}`);
    assert.match(failedMessage.body, /Try sending again/);
    const manager = await t.signedIn(org.manager);
    assert.equal((await manager.post(`/outbox/${id}/send`, { _csrf: csrfOf((await manager.get('/sign-out')).body) })).status, 404);
    const otherAdmin = await t.signedIn(other.admin);
    const theirPage = await otherAdmin.get(`/outbox/${theirs}`);
    assert.equal((await otherAdmin.post(`/outbox/${id}/send`, { _csrf: csrfOf(theirPage.body) })).status, 404);
    assert.equal((await smtp.sent()).length, before, 'neither sent it again');
    const row = await t.database.db.selectFrom('outbox_messages').select('status').where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.status, 'failed');
  });
});

describe('without SMTP', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(() => t.close());

  test('messages wait in the outbox, where an admin can read them', async () => {
    const org = await t.newOrganisation();
    const id = await recordAs(t, org);
    const admin = new TestAgent(t.app);
    await admin.signIn(org.admin);
    const outbox = pageText((await admin.get('/outbox')).body);
    assert.match(outbox, /Email is not set up/);
    assert.match(outbox, /Referral LW-TEST To gp@example.test By Email Status Waiting to be passed on/);
    const message = pageText((await admin.get(`/outbox/${id}`)).body);
    assert.match(message, /Hello Dr Ayo, This is a test message about referral LW-TEST & nothing else\./);
  });

  test('the outbox is for admins only, and only their own scheme’s', async () => {
    const org = await t.newOrganisation();
    const other = await t.newOrganisation();
    const theirs = await recordAs(t, other);
    const manager = new TestAgent(t.app);
    await manager.signIn(org.manager);
    assert.equal((await manager.get('/outbox')).status, 404);
    const admin = new TestAgent(t.app);
    await admin.signIn(org.admin);
    assert.equal((await admin.get(`/outbox/${theirs}`)).status, 404);
    assert.doesNotMatch(pageText((await admin.get('/outbox')).body), /LW-TEST/);
  });
});

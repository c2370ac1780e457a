import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestApp, type TestApp } from '../../test/support/test-app.ts';
import { TestAgent, pageText } from '../../test/support/agent.ts';
import { emailText, useTestAppWithSmtp, type TestSmtpServer } from '../../test/support/smtp.ts';
import type { TestOrganisation } from '../../test/support/fixtures.ts';

const MESSAGE = { referralId: null, to: 'gp@example.test', subject: 'Referral LW-TEST', template: 'messages/testing/hello.txt.njk', data: { name: 'Dr Ayo', reference: 'LW-TEST' } };

async function recordAs(t: TestApp, org: TestOrganisation) {
  const { CallerData } = await import('../platform/db/caller-data.ts');
  const data = new CallerData(t.database.db, { userId: org.manager.id, orgId: org.id, role: 'manager', clientAddress: null });
  const messenger = t.app.linkway.messenger;
  const id = await data.run((tx) => messenger.record(tx, MESSAGE));
  await messenger.deliver([id]);
  return id;
}

describe('with SMTP set up', () => {
  let smtp: TestSmtpServer;
  let t: TestApp;
  useTestAppWithSmtp((app, server) => {
    t = app;
    smtp = server;
  });

  test('a message is emailed as plain text and marked sent', async () => {
    const org = await t.newOrganisation();
    const id = await recordAs(t, org);
    const [email] = await smtp.waitFor(1);
    assert.deepEqual(email!.to, ['gp@example.test']);
    assert.match(email!.raw, /Subject: Referral LW-TEST/);
    assert.match(emailText(email!.raw), /This is a test message about referral LW-TEST & nothing else\./);
    const row = await t.database.db.selectFrom('outbox_messages').select(['status', 'sent_at']).where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.status, 'sent');
    assert.ok(row.sent_at);
  });

  test('a message that cannot be sent is kept as failed and can be tried again', async () => {
    const broken = await startTestApp({ smtpUrl: 'smtp://127.0.0.1:9' });
    try {
      const id = await recordAs(broken, await broken.newOrganisation());
      const row = await broken.database.db.selectFrom('outbox_messages').select(['status', 'error']).where('id', '=', id).executeTakeFirstOrThrow();
      assert.equal(row.status, 'failed');
      assert.ok(row.error);
    } finally {
      await broken.close();
    }
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

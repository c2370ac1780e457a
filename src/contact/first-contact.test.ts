import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startTestApp, type TestApp } from '../../test/support/test-app.ts';
import { TestAgent, pageText } from '../../test/support/agent.ts';
import { emailText, useTestAppWithSmtp, type AppSmtpServer } from '../../test/support/smtp.ts';
import { createAllocatedReferral, logAttempt } from '../../test/support/contact.ts';
import { firstContactAgainstTarget, ukCalendarDate } from '../domain/working-days.ts';

let smtp: AppSmtpServer;
let t: TestApp;
useTestAppWithSmtp((app, server) => {
  t = app;
  smtp = server;
});

test('made contact: first contact recorded once, into support, on the timeline, and the referrer emailed the reference only', async () => {
  const org = await t.newOrganisation();
  const twoWeeksAgo = new Date(Date.now() - 14 * 86_400_000);
  const { person, referral } = await createAllocatedReferral(t.database, org, { submittedAt: twoWeeksAgo, givenName: 'Rhiannon', familyName: 'Castellanos' });
  const worker = new TestAgent(t.app);
  await worker.signIn(org.linkWorker);
  await logAttempt(worker, person.id, { method: 'phone', outcome: 'no_answer' });
  const formLeftOpen = await worker.get(`/young-people/${person.id}/contact-attempts/new`);

  const made = await logAttempt(worker, person.id, { method: 'text', outcome: 'made_contact', note: 'Replied to the text, happy to meet' });
  assert.equal(made.location, `/young-people/${person.id}?notice=contact-made`);

  const row = await t.database.db.selectFrom('referrals').select(['first_contact_at', 'status']).where('id', '=', referral.id).executeTakeFirstOrThrow();
  assert.ok(row.first_contact_at, 'first contact is recorded');
  assert.equal(row.status, 'accepted', 'the referral stays open');
  const stage = await t.database.db.selectFrom('young_people').select('stage').where('id', '=', person.id).executeTakeFirstOrThrow();
  assert.equal(stage.stage, 'in_support');
  const events = await t.database.db.selectFrom('referral_events').select(['kind', 'summary']).where('referral_id', '=', referral.id).where('kind', '=', 'first_contact').execute();
  assert.deepEqual(events, [{ kind: 'first_contact', summary: 'First contact made' }]);

  const [email] = await smtp.sent();
  assert.deepEqual(email!.to, ['referrer@example.test']);
  assert.match(email!.raw, new RegExp(`Subject: Referral ${referral.reference}: first contact made`));
  const body = emailText(email!.raw);
  assert.match(body, new RegExp(`update about referral ${referral.reference}`));
  assert.match(body, /made first contact with the young person you referred/);
  assert.doesNotMatch(body, /Rhiannon|Castellanos|happy to meet/);

  const page = pageText((await worker.get(made.location!)).body);
  assert.match(page, new RegExp(`First contact made They are now in support\\. We have emailed the referrer to let them know \\(referral ${referral.reference}\\)\\.`));
  const expected = firstContactAgainstTarget(ukCalendarDate(twoWeeksAgo), ukCalendarDate(row.first_contact_at), 5);
  assert.equal(expected.met, false, 'two weeks is always more than 5 working days');
  assert.match(page, new RegExp(`Time from referral ${expected.workingDays} working days after the referral Scheme’s target 5 working days Target missed by ${expected.missedBy} working days?`));
  assert.doesNotMatch(page, /Log a contact attempt/, 'contact is made: nothing more to log');

  // A second "made contact" (from a form left open) changes nothing and tells no one again.
  const again = await worker.submitPage(formLeftOpen, `/young-people/${person.id}/contact-attempts/new`, { method: 'phone', outcome: 'made_contact' });
  assert.equal(again.location, `/young-people/${person.id}`);
  const unchanged = await t.database.db.selectFrom('referrals').select('first_contact_at').where('id', '=', referral.id).executeTakeFirstOrThrow();
  assert.deepEqual(unchanged.first_contact_at, row.first_contact_at);
  assert.equal((await t.database.db.selectFrom('outbox_messages').select('id').where('referral_id', '=', referral.id).execute()).length, 1);
});

test('first contact within the target is shown as met', async () => {
  const org = await t.newOrganisation();
  const { person } = await createAllocatedReferral(t.database, org, { referrerEmail: null });
  const worker = new TestAgent(t.app);
  await worker.signIn(org.linkWorker);
  const made = await logAttempt(worker, person.id, { method: 'in_person', outcome: 'made_contact' });
  const page = pageText((await worker.get(made.location!)).body);
  assert.match(page, /Time from referral 0 working days after the referral Scheme’s target 5 working days Target met/);
  assert.match(page, /The referrer asked not to get updates, so they have not been told\./);
});

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestApp, type TestApp } from '../../test/support/test-app.ts';
import { TestAgent, pageText } from '../../test/support/agent.ts';
import { emailText, useTestAppWithSmtp, type AppSmtpServer } from '../../test/support/smtp.ts';
import { redactPrivateLinks } from '../platform/http/log-redaction.ts';
import { answersFor, fillReferral, NO_RISKS, referralByReference, schemeSlug, sendReferral, trackingPathIn } from '../../test/support/refer.ts';

let t: TestApp;
let smtp: AppSmtpServer;
useTestAppWithSmtp((app, server) => {
  t = app;
  smtp = server;
});

async function newScheme() {
  const org = await t.newOrganisation();
  return { org, slug: await schemeSlug(t.database, org.id) };
}

async function emailAbout(reference: string) {
  const email = (await smtp.sent()).find((received) => emailText(received.raw).includes(reference));
  if (!email) throw new Error(`No email about ${reference} was sent`);
  return email;
}

describe('sending a referral', () => {
  test('sending twice (a double click, or the back button) makes one referral and says it was already sent', async () => {
    const { org, slug } = await newScheme();
    const agent = new TestAgent(t.app);
    const check = await fillReferral(agent, slug, answersFor('professional', { referrer: { wantsUpdates: 'no' } }));
    const first = await agent.submitPage(check, `/refer/${slug}/check`, {});
    assert.equal(first.location, `/refer/${slug}/sent`);
    const reference = /LW-[A-Z2-9]{8}/.exec((await agent.get(first.location!)).body)![0];
    const second = await agent.submitPage(check, `/refer/${slug}/check`, {});
    assert.equal(second.status, 200);
    assert.match(pageText(second.body), new RegExp(`This referral has already been sent.*The reference is ${reference}`));
    const rows = await t.database.db.selectFrom('referrals').select('reference').where('org_id', '=', org.id).execute();
    assert.deepEqual(rows, [{ reference }]);
    assert.equal((await agent.get(`/refer/${slug}/contact`)).location, `/refer/${slug}/sent`, 'the sent draft cannot be edited');
    const draft = await t.database.db.selectFrom('referral_drafts').select('answers').where('org_id', '=', org.id).executeTakeFirstOrThrow();
    assert.deepEqual(draft.answers, { submittedReference: reference }, 'the draft no longer holds the answers');
  });

  test('the streetlight rating and its reasons are stored with the referral', async () => {
    const { org, slug } = await newScheme();
    const red = await sendReferral(t.app, slug, answersFor('professional', { risk: { safeguarding: 'yes', self_harm: 'yes' } }));
    const redReferral = await referralByReference(t.database, org.id, red.reference);
    assert.equal(redReferral.rating, 'red');
    assert.deepEqual(redReferral.rating_reasons, [
      'Red: Active safeguarding: children’s services lead first',
      'Amber: Self-harm: discuss whether social prescribing is safe alongside other support',
    ]);
    assert.deepEqual((redReferral.answers as { risk: unknown }).risk, { ...NO_RISKS, safeguarding: 'yes', self_harm: 'yes' });
    const green = await sendReferral(t.app, slug, answersFor('self'));
    assert.equal((await referralByReference(t.database, org.id, green.reference)).rating, 'green');
  });

  test('the referrer is emailed the reference, what happens next and the tracking link, but never the young person’s name', async () => {
    const { org, slug } = await newScheme();
    const { reference, trackingPath } = await sendReferral(t.app, slug, answersFor('professional'));
    const email = await emailAbout(reference);
    assert.ok(trackingPath);
    assert.deepEqual(email.to, ['ada.ring@example.test']);
    const body = emailText(email.raw);
    assert.match(email.raw, new RegExp(`Subject: Referral ${reference} received by ${org.name}`));
    assert.match(body, new RegExp(`Your reference is ${reference}`));
    assert.match(body, /Someone from our team will read this within 2 working days/);
    assert.equal(trackingPathIn(body), trackingPath, 'the same tracking link as on the confirmation page');
    assert.doesNotMatch(email.raw, /Jordan|Quillfeather|\bJo\b/);
  });

  test('no email when the referrer does not want updates', async () => {
    const { org, slug } = await newScheme();
    const { reference } = await sendReferral(t.app, slug, answersFor('parent_carer', { parent: { wantsUpdates: 'no' } }));
    const referral = await referralByReference(t.database, org.id, reference);
    const messages = await t.database.db.selectFrom('outbox_messages').select('id').where('referral_id', '=', referral.id).execute();
    assert.equal(messages.length, 0);
  });

  test('the tracking link is shown on the confirmation page, not in any address but its own, and is kept out of logs', async () => {
    const { slug } = await newScheme();
    const { sent, trackingPath } = await sendReferral(t.app, slug, answersFor('self'));
    assert.ok(trackingPath);
    assert.match(pageText(sent.body), /Referral sent Your reference is LW-/);
    assert.match(pageText(sent.body), /Keep this link private/);
    assert.equal(sent.headers['cache-control'], 'no-store');
    assert.equal(redactPrivateLinks(trackingPath), '/track/[private link]');
  });
});

describe('throttling the public forms', () => {
  test('too many posts from one address in a minute are refused', async () => {
    const throttled = await startTestApp({ rateLimitPerMinute: 3 });
    try {
      const org = await throttled.newOrganisation();
      const slug = await schemeSlug(throttled.database, org.id);
      const agent = new TestAgent(throttled.app);
      await agent.submit(`/refer/${slug}`, {});
      const who = await agent.get(`/refer/${slug}/who`);
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await agent.submitPage(who, `/refer/${slug}/who`, { route: 'professional' })).status);
      assert.deepEqual(statuses, [303, 303, 303, 429]);
    } finally {
      await throttled.close();
    }
  });
});

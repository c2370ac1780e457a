import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startTestApp, type TestApp } from '../../test/support/test-app.ts';
import { TestAgent, pageText } from '../../test/support/agent.ts';
import { answersFor, referralByReference, schemeSlug, sendReferral } from '../../test/support/refer.ts';
import { trackingLinkState } from './tracking-link.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

test('a manager stops a referrer’s tracking link, and it then answers 410', async () => {
  const org = await t.newOrganisation();
  const sent = await sendReferral(t.app, await schemeSlug(t.database, org.id), answersFor('professional'));
  const referral = await referralByReference(t.database, org.id, sent.reference);
  const referrer = new TestAgent(t.app);
  assert.equal((await referrer.get(sent.trackingPath!)).status, 200);

  const manager = new TestAgent(t.app);
  await manager.signIn(org.manager);
  assert.match(pageText((await manager.get(`/referrals/${referral.id}`)).body), /Works: the referrer can see how the referral is going/);
  const stopped = await manager.submit(`/referrals/${referral.id}`, {}, `/referrals/${referral.id}/stop-tracking-link`);
  assert.equal(stopped.location, `/referrals/${referral.id}?notice=tracking-stopped`);
  assert.match(pageText((await manager.get(stopped.location)).body), /Stopped: the link no longer works/);
  assert.equal((await referrer.get(sent.trackingPath!)).status, 410);
});

test('a link worker cannot stop a tracking link', async () => {
  const org = await t.newOrganisation();
  const sent = await sendReferral(t.app, await schemeSlug(t.database, org.id), answersFor('professional'));
  const referral = await referralByReference(t.database, org.id, sent.reference);
  const worker = new TestAgent(t.app);
  await worker.signIn(org.linkWorker);
  // A valid token from a form the link worker can open, so only the role decides the answer.
  const signOutPage = await worker.get('/sign-out');
  const token = /name="_csrf" value="([^"]+)"/.exec(signOutPage.body)![1]!;
  assert.equal((await worker.post(`/referrals/${referral.id}/stop-tracking-link`, { _csrf: token })).status, 404);
  const manager = await t.signedIn(org.manager);
  const stopped = await manager.submit(`/referrals/${referral.id}`, {}, `/referrals/${referral.id}/stop-tracking-link`);
  assert.equal(stopped.status, 303, 'a manager can stop it');
});

test('the link’s state reads plainly', () => {
  const now = new Date('2026-11-23T12:00:00Z');
  const live = { tracking_token_hash: 'h', tracking_revoked_at: null, tracking_expires_at: new Date('2027-01-01T00:00:00Z') };
  assert.deepEqual(trackingLinkState(live, now), { text: 'Works: the referrer can see how the referral is going.', canStop: true });
  assert.equal(trackingLinkState({ ...live, tracking_revoked_at: now }, now).canStop, false);
  assert.match(trackingLinkState({ ...live, tracking_expires_at: new Date('2026-01-01T00:00:00Z') }, now).text, /^Expired/);
  assert.match(trackingLinkState({ ...live, tracking_token_hash: null }, now).text, /No tracking link/);
});

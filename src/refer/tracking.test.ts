import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Updateable } from 'kysely';
import type { ReferralsTable } from '../platform/db/tables/referrals.ts';
import { startTestApp, type TestApp } from '../../test/support/test-app.ts';
import { TestAgent, pageText } from '../../test/support/agent.ts';
import { answersFor, referralByReference, schemeSlug, sendReferral } from '../../test/support/refer.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

async function sentReferral() {
  const org = await t.newOrganisation();
  const slug = await schemeSlug(t.database, org.id);
  const sent = await sendReferral(t.app, slug, answersFor('professional'));
  assert.ok(sent.trackingPath);
  const referral = await referralByReference(t.database, org.id, sent.reference);
  return { org, slug, referral, trackingPath: sent.trackingPath, reference: sent.reference };
}

describe('the referrer’s tracking page', () => {
  test('shows the status in plain words and the timeline by date, with the reference and never the young person’s name', async () => {
    const { trackingPath, reference } = await sentReferral();
    const page = await new TestAgent(t.app).get(trackingPath);
    assert.equal(page.status, 200);
    const text = pageText(page.body);
    assert.match(text, new RegExp(`Referral ${reference} Being looked at`));
    assert.match(text, /Date \d{1,2} \w+ \d{4} What happened Referral received/);
    assert.doesNotMatch(text, /Jordan|Quillfeather|Dr Ada Ring|Hillside/);
    assert.equal(page.headers['cache-control'], 'no-store');
  });

  test('follows the referral: accepted, first contact, and declined with the reason and where to go instead', async () => {
    const { org, referral, trackingPath } = await sentReferral();
    const agent = new TestAgent(t.app);
    const set = (values: Updateable<ReferralsTable>) => t.database.db.updateTable('referrals').set(values).where('id', '=', referral.id).execute();

    await set({ status: 'accepted' });
    await t.database.db.insertInto('referral_events').values({ org_id: org.id, referral_id: referral.id, kind: 'accepted', summary: 'Accepted by Test Manager for Jordan' }).execute();
    let text = pageText((await agent.get(trackingPath)).body);
    assert.match(text, /Accepted The referral has been accepted/);
    assert.match(text, /Referral received .* Referral accepted/);
    assert.doesNotMatch(text, /Test Manager|Jordan/, 'event summaries are never shown');

    await set({ first_contact_at: new Date() });
    assert.match(pageText((await agent.get(trackingPath)).body), /First contact made/);

    const service = await t.database.db
      .insertInto('redirect_services')
      .values({ org_id: org.id, name: 'Mind Youth Line', when_to_use: 'For low mood needing talking therapy.', how_to_refer: 'email', email: 'referrals@mind.example.test' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await set({ status: 'declined', decline_reason: 'Needs talking therapy first.', redirect_service_id: service.id });
    const declined = await agent.get(trackingPath);
    text = pageText(declined.body);
    assert.match(text, /Not accepted/);
    assert.match(text, /Why Needs talking therapy first\./);
    assert.match(text, /Mind Youth Line For low mood needing talking therapy\. Email referrals@mind\.example\.test/);
    assert.match(declined.body, /href="mailto:referrals@mind.example.test"/);

    await set({ status: 'closed' });
    assert.match(pageText((await agent.get(trackingPath)).body), /Closed/);
  });

  test('an expired, revoked or unknown link gets a kind "no longer works" page', async () => {
    const agent = new TestAgent(t.app);
    const expired = await sentReferral();
    await t.database.db.updateTable('referrals').set({ tracking_expires_at: new Date(Date.now() - 1000) }).where('id', '=', expired.referral.id).execute();
    const revoked = await sentReferral();
    await t.database.db.updateTable('referrals').set({ tracking_revoked_at: new Date() }).where('id', '=', revoked.referral.id).execute();
    for (const path of [expired.trackingPath, revoked.trackingPath, `/track/${'A'.repeat(43)}`, '/track/not-a-token']) {
      const page = await agent.get(path);
      assert.equal(page.status, 410, path);
      assert.match(pageText(page.body), /This tracking link no longer works.*The referral itself is not affected/);
      assert.doesNotMatch(page.body, new RegExp(expired.reference));
    }
  });
});

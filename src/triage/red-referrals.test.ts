import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestApp, type TestApp } from '../../test/support/test-app.ts';
import { signedIn } from '../../test/support/sessions.ts';
import { pageText } from '../../test/support/agent.ts';
import { createReferral } from '../../test/support/triage.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

const RED = { risk_to_life: 'yes' };
const URGENT_CARD = /nhsuk-card--care--urgent/;

async function statusOf(id: string) {
  return (await t.database.db.selectFrom('referrals').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;
}

describe('accepting a red referral', () => {
  test('is refused until its red rating is acknowledged, and the page offers acknowledging first', async () => {
    const org = await t.newOrganisation();
    const referral = await createReferral(t.database, org.id, { risk: RED });
    const manager = await signedIn(t, org.manager);
    const page = await manager.get(`/referrals/${referral.id}`);
    assert.doesNotMatch(page.body, new RegExp(`action="/referrals/${referral.id}/accept"`), 'no Accept form before acknowledging');
    assert.match(pageText(page.body), /Acknowledge the red rating above before accepting this referral/);

    // Posting the decision anyway (an old tab, a second manager) changes nothing.
    const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    const early = await manager.post(`/referrals/${referral.id}/accept`, { _csrf: token, youngPerson: 'new' });
    assert.equal(early.status, 409);
    assert.match(pageText(early.body), /There is a problem Acknowledge the red rating before accepting this referral/);
    assert.match(early.body, /href="#acknowledge-red"/);
    assert.match(early.body, /id="acknowledge-red"/, 'the error summary links to the Acknowledge button');
    assert.equal(await statusOf(referral.id), 'new');
    assert.equal(await t.database.db.selectFrom('young_people').select('id').where('org_id', '=', org.id).executeTakeFirst(), undefined);

    // Positive control: once acknowledged, the same decision goes through.
    await manager.submit(`/referrals/${referral.id}`, {}, `/referrals/${referral.id}/acknowledge-red`);
    const accepted = await manager.submit(`/referrals/${referral.id}`, {}, `/referrals/${referral.id}/accept`);
    assert.equal(accepted.status, 303);
    assert.equal(await statusOf(referral.id), 'accepted');
  });

  test('an amber referral needs no acknowledging', async () => {
    const org = await t.newOrganisation();
    const referral = await createReferral(t.database, org.id, { risk: { self_harm: 'yes' } });
    const accepted = await (await signedIn(t, org.manager)).submit(`/referrals/${referral.id}`, {}, `/referrals/${referral.id}/accept`);
    assert.equal(accepted.status, 303);
    assert.equal(await statusOf(referral.id), 'accepted');
  });
});

describe('the red alert', () => {
  test('uses the urgent styling on the dashboard, the triage inbox and the referral, never the information banner', async () => {
    const org = await t.newOrganisation();
    const referral = await createReferral(t.database, org.id, { givenName: 'Rory', familyName: 'Red', risk: RED });
    const manager = await signedIn(t, org.manager);
    for (const path of ['/dashboard', '/triage', `/referrals/${referral.id}`]) {
      const page = await manager.get(path);
      assert.match(page.body, URGENT_CARD, `${path} shows the red alert as urgent`);
      assert.doesNotMatch(page.body, /id="red-referrals-title"/, `${path} has no information banner for red`);
      assert.doesNotMatch(page.body, /nhsuk-warning-callout/, `${path} has no yellow callout`);
    }
    assert.match(pageText((await manager.get('/triage')).body), /Urgent: 1 red referral: needs a statutory or clinical service first/);

    // Positive control: without a red referral there is no urgent alert.
    const calm = await t.newOrganisation();
    await createReferral(t.database, calm.id);
    const calmManager = await signedIn(t, calm.manager);
    for (const path of ['/dashboard', '/triage']) assert.doesNotMatch((await calmManager.get(path)).body, URGENT_CARD);
  });
});

describe('the Triage navigation item', () => {
  test('counts the referrals waiting, calling out the red ones, on every page a manager reads', async () => {
    const org = await t.newOrganisation();
    const red = await createReferral(t.database, org.id, { risk: RED });
    await createReferral(t.database, org.id, { status: 'discuss' });
    await createReferral(t.database, org.id, { status: 'declined', risk: RED });
    const other = await t.newOrganisation();
    await createReferral(t.database, other.id, { risk: RED });

    const manager = await signedIn(t, org.manager);
    for (const path of ['/dashboard', '/young-people', '/triage']) {
      assert.match((await manager.get(path)).body, />\s*Triage \(2, 1 red\)\s*</, path);
    }
    await t.database.db.updateTable('referrals').set({ status: 'declined' }).where('id', '=', red.id).execute();
    assert.match((await manager.get('/dashboard')).body, />\s*Triage \(1\)\s*</, 'no red left: just the count');
  });

  test('with nothing waiting it reads just "Triage"', async () => {
    const org = await t.newOrganisation();
    const body = (await (await signedIn(t, org.manager)).get('/dashboard')).body;
    assert.match(body, />\s*Triage\s*</);
    assert.doesNotMatch(body, /Triage \(/);
  });
});

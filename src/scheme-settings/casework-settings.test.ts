import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestApp, type TestApp } from '../../test/support/test-app.ts';
import { TestAgent, pageText } from '../../test/support/agent.ts';
import { signedInAdmin } from '../../test/support/scheme-settings.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

const settingsRow = (orgId: string) => t.database.db.selectFrom('scheme_settings').selectAll().where('org_id', '=', orgId).executeTakeFirstOrThrow();

describe('casework settings', () => {
  test('an admin reaches them from the overview, sees the defaults and saves changes', async () => {
    const org = await t.newOrganisation();
    const admin = await signedInAdmin(t.app, org);
    assert.match((await admin.get('/settings')).body, /href="\/settings\/casework"/);
    const form = await admin.get('/settings/casework');
    assert.equal(form.status, 200);
    assert.match(form.body, /name="defaultSessions"[^>]*value="6"/);
    assert.match(form.body, /value="home_visit" checked/);
    assert.match(form.body, /name="homeVisitsNeedApproval" type="radio" value="yes" checked/);

    const done = await admin.submit('/settings/casework', {
      defaultSessions: '8',
      defaultWeeks: '16',
      sessionSettings: ['video', 'school', 'home_visit'],
      homeVisitsNeedApproval: 'no',
      missedSessionsPrompt: '3',
      reviewEveryWeeks: '4',
    });
    assert.equal(done.status, 303);
    assert.equal(done.location, '/settings/casework?notice=saved');
    assert.match(pageText((await admin.get(done.location!)).body), /Casework settings saved\./);
    const row = await settingsRow(org.id);
    assert.equal(row.default_sessions, 8);
    assert.equal(row.default_weeks, 16);
    assert.deepEqual(row.session_settings, ['school', 'home_visit', 'video'], 'kept in the list’s order');
    assert.equal(row.home_visits_need_approval, false);
    assert.equal(row.missed_sessions_prompt, 3);
    assert.equal(row.review_every_weeks, 4);
  });

  test('mistakes get clear messages and what was typed stays', async () => {
    const org = await t.newOrganisation();
    const admin = await signedInAdmin(t.app, org);
    const refused = await admin.submit('/settings/casework', { defaultSessions: '0', defaultWeeks: 'twelve', missedSessionsPrompt: '11', reviewEveryWeeks: '', sessionSettings: 'phone' });
    assert.equal(refused.status, 400);
    const text = pageText(refused.body);
    assert.match(text, /There is a problem Sessions must be a whole number from 1 to 52 Weeks must be a whole number from 1 to 104 Select whether home visits need a manager’s approval Missed sessions must be a whole number from 1 to 10 Enter how often to review, in weeks/);
    assert.match(refused.body, /value="twelve"/);
    assert.match(refused.body, /value="phone" checked/);
    const none = await admin.submit('/settings/casework', { defaultSessions: '6', defaultWeeks: '12', missedSessionsPrompt: '2', reviewEveryWeeks: '6', homeVisitsNeedApproval: 'yes' });
    assert.match(pageText(none.body), /Select at least one place or means the scheme offers/);
    assert.equal((await settingsRow(org.id)).default_sessions, 6, 'nothing changed');
  });

  test('managers may change them too; link workers and commissioners may not', async () => {
    const org = await t.newOrganisation();
    const manager = new TestAgent(t.app);
    await manager.signIn(org.manager);
    assert.match((await manager.get('/approvals')).body, /href="\/settings\/casework"/);
    const done = await manager.submit('/settings/casework', {
      defaultSessions: '6',
      defaultWeeks: '12',
      sessionSettings: ['phone'],
      homeVisitsNeedApproval: 'yes',
      missedSessionsPrompt: '2',
      reviewEveryWeeks: '6',
    });
    assert.equal(done.status, 303);
    assert.deepEqual((await settingsRow(org.id)).session_settings, ['phone']);
    for (const user of [org.linkWorker, org.commissioner]) {
      const agent = new TestAgent(t.app);
      await agent.signIn(user);
      assert.equal((await agent.get('/settings/casework')).status, 404, user.role);
    }
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestApp, type TestApp } from '../../test/support/test-app.ts';
import { TestAgent, pageText } from '../../test/support/agent.ts';
import { createReferral } from '../../test/support/triage.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

describe('areas, GP practices and schools', () => {
  test('an admin lists them in the settings; triage flags a referral outside them without refusing it', async () => {
    const org = await t.newOrganisation();
    const admin = new TestAgent(t.app);
    await admin.signIn(org.admin);
    const wrong = await admin.submit('/settings/catchment', { includedAreas: 'LS6\nLeeds', includedGpPractices: '', includedSchools: '' });
    assert.equal(wrong.status, 400);
    assert.match(pageText(wrong.body), /There is a problem “Leeds” is not a postcode district/);
    assert.match(wrong.body, /LS6\s*\nLeeds|LS6&#10;Leeds|LS6\nLeeds/);

    const saved = await admin.submit('/settings/catchment', { includedAreas: 'ls6\n\nLS7\nls6', includedGpPractices: 'Ash Tree Surgery', includedSchools: 'Park High School' });
    assert.equal(saved.status, 303);
    const row = await t.database.db.selectFrom('scheme_settings').select(['included_areas', 'included_gp_practices', 'included_schools']).where('org_id', '=', org.id).executeTakeFirstOrThrow();
    assert.deepEqual(row, { included_areas: ['LS6', 'LS7'], included_gp_practices: ['Ash Tree Surgery'], included_schools: ['Park High School'] });

    const outside = await createReferral(t.database, org.id, { givenName: 'Olu', familyName: 'Far', postcode: 'LS9 8AA', answers: { school: 'Park High School', gpPractice: 'Elm Tree Surgery' } });
    const inside = await createReferral(t.database, org.id, { givenName: 'Ines', familyName: 'Near', postcode: 'LS6 1AA', answers: { school: 'Park High School', gpPractice: 'Ash Tree Surgery' } });
    const manager = new TestAgent(t.app);
    await manager.signIn(org.manager);
    const inbox = pageText((await manager.get('/triage')).body);
    assert.match(inbox, /Olu Far .* Eligibility Age \d+: within 13 to 25 Postcode area LS9 is not one the scheme covers Elm Tree Surgery is not a GP practice the scheme works with Referred by/);
    assert.match(inbox, /Ines Near .* Eligibility Age \d+: within 13 to 25 Referred by/);

    const page = await manager.get(`/referrals/${outside.id}`);
    assert.match(pageText(page.body), /Area, GP and school Check Postcode area LS9 is not one the scheme covers/);
    assert.match(page.body, new RegExp(`action="/referrals/${outside.id}/accept"`), 'it can still be accepted');
    assert.match(pageText((await manager.get(`/referrals/${inside.id}`)).body), /Area, GP and school Nothing to check, or within what the scheme covers/);
  });
});

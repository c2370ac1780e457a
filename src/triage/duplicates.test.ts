import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestApp, type TestApp } from '../../test/support/test-app.ts';
import { TestAgent, pageText } from '../../test/support/agent.ts';
import { createYoungPerson } from '../../test/support/fixtures.ts';
import { createReferral } from '../../test/support/triage.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

const BORN = '2011-04-02';

/** A known young person with a date of birth and postcode, referred on a given day. */
async function knownPerson(orgId: string, givenName: string, familyName: string, referredOn: string) {
  const person = await createYoungPerson(t.database, orgId, { givenName, familyName, stage: 'closed' });
  await t.database.db.updateTable('young_people').set({ date_of_birth: BORN, postcode: 'LS6 2AB', referred_on: referredOn }).where('id', '=', person.id).execute();
  return person;
}

describe('possible duplicates', () => {
  test('a school then a GP refer the same young person: the exact match is offered first, and each says why', async () => {
    const org = await t.newOrganisation();
    const maya = await knownPerson(org.id, 'Maya', 'Osei', '2026-01-10');
    // A different child born the same day at the same address, known more recently.
    const zara = await knownPerson(org.id, 'Zara', 'Kent', '2026-06-01');
    const gp = await createReferral(t.database, org.id, { givenName: 'Maya', familyName: 'Osei', dateOfBirth: BORN, postcode: 'ls6 2ab', referrerOrganisation: 'Elm Tree Surgery' });
    const manager = new TestAgent(t.app);
    await manager.signIn(org.manager);

    const page = await manager.get(`/referrals/${gp.id}`);
    const options = [...page.body.matchAll(/name="youngPerson" type="radio" value="([^"]+)"/g)].map((match) => match[1]);
    assert.deepEqual(options, [maya.id, zara.id, 'new'], 'strongest match first');
    const text = pageText(page.body);
    assert.match(text, /Link to Maya Osei’s record Same name, Same date of birth, Same postcode\. Born 2 April 2011/);
    assert.match(text, /Link to Zara Kent’s record Same date of birth, Same postcode\. Born 2 April 2011/);
    assert.match(text, /Maya Osei Why it may be them Same name, Same date of birth, Same postcode/);
  });

  test('the same phone number is a reason too', async () => {
    const org = await t.newOrganisation();
    const first = await createReferral(t.database, org.id, { givenName: 'Kit', familyName: 'Lowe', dateOfBirth: BORN, postcode: null, answers: { contact: { phone: '07700 900777' } } });
    const second = await createReferral(t.database, org.id, { givenName: 'Christopher', familyName: 'Lowe-Hart', dateOfBirth: BORN, postcode: null, answers: { contact: { phone: '07700900777' } } });
    const manager = new TestAgent(t.app);
    await manager.signIn(org.manager);
    const text = pageText((await manager.get(`/referrals/${second.id}`)).body);
    assert.match(text, new RegExp(`${first.reference} Why it may be them Same date of birth, Same phone or email`));
  });

  test('the triage inbox flags a referral that may be someone already known, and only that one', async () => {
    const org = await t.newOrganisation();
    await knownPerson(org.id, 'Maya', 'Osei', '2026-01-10');
    const duplicate = await createReferral(t.database, org.id, { givenName: 'Maya', familyName: 'Osei', dateOfBirth: BORN });
    const unknown = await createReferral(t.database, org.id, { givenName: 'Noor', familyName: 'Haddad', dateOfBirth: '2012-09-30', postcode: 'LS1 1AA' });
    const manager = new TestAgent(t.app);
    await manager.signIn(org.manager);
    const text = pageText((await manager.get('/triage')).body);
    assert.match(text, new RegExp(`Maya Osei Possible duplicate Reference ${duplicate.reference}`));
    assert.match(text, new RegExp(`Noor Haddad Reference ${unknown.reference}`), 'no flag without a match');
  });
});

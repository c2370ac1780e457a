import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { startTestApp, type TestApp } from '../../test/support/test-app.ts';
import { signedIn } from '../../test/support/sessions.ts';
import { TestAgent, pageText } from '../../test/support/agent.ts';
import { createYoungPerson } from '../../test/support/fixtures.ts';
import { createReferral, daysAgo } from '../../test/support/triage.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

/** A working CSRF token for someone with no form of their own to post from: the sign-out page has one. */
async function csrfTokenOf(agent: TestAgent): Promise<string> {
  return /name="_csrf" value="([^"]+)"/.exec((await agent.get('/sign-out')).body)?.[1] ?? '';
}

describe('the triage inbox', () => {
  test('red referrals come first, highlighted; then the rest, oldest first, with rating, reasons, eligibility, referrer and wait', async () => {
    const org = await t.newOrganisation();
    // Every fixture shares a date of birth; without a postcode, different names are not possible duplicates.
    const NO_MATCH = { postcode: null };
    const green = await createReferral(t.database, org.id, { ...NO_MATCH, givenName: 'Gail', familyName: 'Green', submittedAt: daysAgo(9), referrerOrganisation: 'Ash Tree Surgery' });
    const amber = await createReferral(t.database, org.id, { ...NO_MATCH, givenName: 'Amy', familyName: 'Amber', submittedAt: daysAgo(4), risk: { self_harm: 'yes' } });
    const red = await createReferral(t.database, org.id, { ...NO_MATCH, givenName: 'Rory', familyName: 'Red', submittedAt: daysAgo(1), risk: { risk_to_life: 'yes' } });
    const tooOld = await createReferral(t.database, org.id, { ...NO_MATCH, givenName: 'Olly', familyName: 'Older', dateOfBirth: '1990-01-01', submittedAt: daysAgo(2) });
    await createReferral(t.database, org.id, { ...NO_MATCH, givenName: 'Dee', familyName: 'Decided', status: 'declined' });
    const discuss = await createReferral(t.database, org.id, { ...NO_MATCH, givenName: 'Dan', familyName: 'Discuss', status: 'discuss', submittedAt: daysAgo(6) });

    const page = await (await signedIn(t, org.manager)).get('/triage');
    assert.equal(page.status, 200);
    const text = pageText(page.body);
    const order = [red, green, discuss, amber, tooOld].map((referral) => text.indexOf(`${referral.givenName} ${referral.familyName}`));
    assert.ok(order.every((position) => position >= 0), 'every open referral is listed');
    assert.deepEqual([...order].sort((a, b) => a - b), order, 'red first, then oldest first');
    assert.doesNotMatch(text, /Dee Decided/, 'decided referrals leave the inbox');

    assert.match(text, /1 red referral: needs a statutory or clinical service first/);
    assert.match(page.body, /nhsuk-tag--red/);
    assert.match(page.body, /nhsuk-tag--orange/);
    assert.match(page.body, /nhsuk-tag--green/);
    assert.match(text, /Red: At immediate risk: needs crisis or statutory mental health support now/);
    assert.match(text, /Amber: Self-harm: discuss whether social prescribing is safe/);
    assert.match(text, new RegExp(`Gail Green Reference ${green.reference} Rating Green Why None of the risk answers raises a concern Eligibility Age \\d+: within 13 to 25 Referred by Professional, School or college, Ash Tree Surgery Waiting 9 days`));
    assert.match(text, /Olly Older .* Age \d+: outside 13 to 25/);
    assert.match(text, new RegExp(`${discuss.reference} \\(to discuss at allocation\\)`));
  });

  test('listing the inbox is written to the access log', async () => {
    const org = await t.newOrganisation();
    const referral = await createReferral(t.database, org.id);
    await (await signedIn(t, org.manager)).get('/triage');
    const rows = await t.database.db.selectFrom('access_log').select(['action', 'actor_user_id']).where('record_id', '=', referral.id).where('action', '<>', 'insert').execute();
    assert.deepEqual(rows, [{ action: 'list', actor_user_id: org.manager.id }]);
  });
});

describe('one referral', () => {
  test('shows everything the form captured, with the rating and each reason', async () => {
    const org = await t.newOrganisation();
    const referral = await createReferral(t.database, org.id, {
      givenName: 'Priya',
      familyName: 'Lane',
      preferredName: 'Pri',
      risk: { safeguarding: 'not_sure', mental_health_service: 'yes' },
      // As the public form stores them: grouped by its steps.
      answers: {
        pronouns: 'she/her',
        contact: { phone: '07700 900123', email: '', address: '', postcode: 'LS6 2AB', safeTo: ['text', 'letter'] },
        school: 'Northside High School',
        gpPractice: 'Ash Tree Surgery',
        equality: { ethnicity: 'mixed', gender: 'female', disability: '', sexualOrientation: 'prefer_not_to_say', careExperienced: 'no', youngCarer: 'yes' },
        needsDetail: 'Struggling since moving school',
        whatMatters: 'Drawing, and seeing friends',
        agreement: { knowsAboutReferral: 'yes', agreesToReferral: 'not_asked' },
        favouriteColour: 'green',
      },
    });
    const page = await (await signedIn(t, org.manager)).get(`/referrals/${referral.id}`);
    assert.equal(page.status, 200);
    const text = pageText(page.body);
    assert.match(text, new RegExp(`Referral ${referral.reference} Pri Lane \\(Priya\\) Amber New`));
    assert.match(text, /Amber: Safeguarding not known: check with the referrer/);
    assert.match(text, /Amber: Known to mental health services/);
    assert.match(text, /Is there an open safeguarding concern or a child protection plan\? Not sure/);
    assert.match(text, /Are they hurting themselves at the moment\? No/);
    assert.match(text, /Phone 07700 900123/);
    assert.match(text, /Safe to contact them by Text, Letter/);
    assert.match(text, /School or college Northside High School/);
    assert.match(text, /GP practice Ash Tree Surgery/);
    assert.match(text, /Needs Low mood, Loneliness or isolation What is going on Struggling since moving school/);
    assert.match(text, /What they said matters to them Drawing, and seeing friends/);
    assert.match(text, /Do they know about this referral\? Yes Do they agree to it\? Not asked yet/);
    assert.match(text, /Pronouns she\/her Ethnic group Mixed or multiple ethnic groups Gender Female Sexual orientation Prefer not to say Care experienced No Young carer Yes/);
    assert.match(text, /Other answers Favourite colour green/, 'answers the page does not know are still shown');
    assert.match(text, /Organisation Northside High School Name Ms Referrer Email referrer@example.test/);
    assert.match(text, /The scheme’s criteria/);
  });

  test('same date of birth and family name is a possible match; linking creates no second young person', async () => {
    const org = await t.newOrganisation();
    const known = await createYoungPerson(t.database, org.id, { givenName: 'Jordan', familyName: 'Reeves', stage: 'closed' });
    const otherDob = await createYoungPerson(t.database, org.id, { givenName: 'Jordan', familyName: 'Reeves' });
    await t.database.db.updateTable('young_people').set({ date_of_birth: '2011-01-01' }).where('id', '=', otherDob.id).execute();
    const earlier = await createReferral(t.database, org.id, { givenName: 'Jo', familyName: 'REEVES', postcode: null });
    const referral = await createReferral(t.database, org.id, { givenName: 'Jordan', familyName: 'reeves', postcode: null });
    const manager = await signedIn(t, org.manager);

    const page = await manager.get(`/referrals/${referral.id}`);
    const text = pageText(page.body);
    assert.match(text, /Possible match/);
    assert.match(page.body, new RegExp(`href="/young-people/${known.id}"`));
    assert.doesNotMatch(page.body, new RegExp(`/young-people/${otherDob.id}`), 'a different date of birth is not a match');
    assert.match(page.body, new RegExp(`href="/referrals/${earlier.id}"`), 'another open referral for the same person');

    const unchosen = await manager.submitPage(page, `/referrals/${referral.id}`, {}, `/referrals/${referral.id}/accept`);
    assert.equal(unchosen.status, 400);
    assert.match(pageText(unchosen.body), /There is a problem Select whether to create a new record or link to an existing one/);

    const before = await t.database.db.selectFrom('young_people').select('id').where('org_id', '=', org.id).execute();
    const linked = await manager.submitPage(page, `/referrals/${referral.id}`, { youngPerson: known.id }, `/referrals/${referral.id}/accept`);
    assert.equal(linked.location, `/referrals/${referral.id}?notice=accepted`);
    const after = await t.database.db.selectFrom('young_people').select('id').where('org_id', '=', org.id).execute();
    assert.equal(after.length, before.length, 'no second young person');
    const row = await t.database.db.selectFrom('referrals').select(['status', 'young_person_id']).where('id', '=', referral.id).executeTakeFirstOrThrow();
    assert.deepEqual(row, { status: 'accepted', young_person_id: known.id });
    const person = await t.database.db.selectFrom('young_people').select(['stage', 'allocated_worker_id']).where('id', '=', known.id).executeTakeFirstOrThrow();
    assert.deepEqual(person, { stage: 'waiting_for_allocation', allocated_worker_id: null }, 'a closed record starts a new episode');
    const event = await t.database.db.selectFrom('referral_events').select(['kind', 'snomed_code']).where('referral_id', '=', referral.id).executeTakeFirstOrThrow();
    assert.deepEqual(event, { kind: 'accepted', snomed_code: '871731000000106' });
  });

  test('the same postcode and date of birth is a possible match too, whatever the spacing', async () => {
    const org = await t.newOrganisation();
    const known = await createYoungPerson(t.database, org.id, { givenName: 'Sam', familyName: 'Hill' });
    await t.database.db.updateTable('young_people').set({ postcode: 'LS6 2AB' }).where('id', '=', known.id).execute();
    const referral = await createReferral(t.database, org.id, { givenName: 'Samira', familyName: 'Hillier', postcode: 'ls62ab' });
    const page = await (await signedIn(t, org.manager)).get(`/referrals/${referral.id}`);
    assert.match(page.body, new RegExp(`href="/young-people/${known.id}"`));
  });
});

describe('who may triage', () => {
  test('link workers and commissioners are told these pages do not exist', async () => {
    const org = await t.newOrganisation();
    const referral = await createReferral(t.database, org.id, { risk: { risk_to_life: 'yes' } });
    for (const user of [org.linkWorker, org.commissioner]) {
      const agent = new TestAgent(t.app);
      await agent.signIn(user);
      for (const path of ['/triage', `/referrals/${referral.id}`, `/referrals/${referral.id}/decline`, '/allocation', `/allocation/link-workers/${org.linkWorker.id}`]) {
        assert.equal((await agent.get(path)).status, 404, `${user.role} GET ${path}`);
      }
      const csrf = await csrfTokenOf(agent);
      for (const action of ['accept', 'discuss', 'decline', 'acknowledge-red']) {
        assert.equal((await agent.post(`/referrals/${referral.id}/${action}`, { _csrf: csrf, youngPerson: 'new' })).status, 404, `${user.role} POST ${action}`);
      }
    }
    const row = await t.database.db.selectFrom('referrals').select(['status', 'red_acknowledged_at']).where('id', '=', referral.id).executeTakeFirstOrThrow();
    assert.deepEqual(row, { status: 'new', red_acknowledged_at: null });
    const manager = await t.signedIn(org.manager);
    for (const path of ['/triage', `/referrals/${referral.id}`, `/referrals/${referral.id}/decline`, '/allocation', `/allocation/link-workers/${org.linkWorker.id}`]) {
      assert.equal((await manager.get(path)).status, 200, `manager GET ${path}`);
    }
  });

  test("another organisation's referrals answer 404, and stay out of the inbox", async () => {
    const org = await t.newOrganisation();
    const other = await t.newOrganisation();
    const theirs = await createReferral(t.database, other.id, { givenName: 'Tess', familyName: 'Theirs', risk: { risk_to_life: 'yes' } });
    const mine = await createReferral(t.database, org.id);
    const manager = await signedIn(t, org.manager);
    for (const path of ['', '/decline']) assert.equal((await manager.get(`/referrals/${theirs.id}${path}`)).status, 404);
    assert.equal((await manager.get(`/referrals/${randomUUID()}`)).status, 404);
    assert.equal((await manager.get('/referrals/not-an-id')).status, 404);
    const page = await manager.get(`/referrals/${mine.id}`);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
    for (const action of ['accept', 'discuss', 'acknowledge-red']) {
      assert.equal((await manager.post(`/referrals/${theirs.id}/${action}`, { _csrf: csrf, youngPerson: 'new' })).status, 404, action);
    }
    const decline = await manager.post(`/referrals/${theirs.id}/decline`, { _csrf: csrf, category: 'other', reason: 'Not for us', redirectService: 'none' });
    assert.equal(decline.status, 404);
    const row = await t.database.db.selectFrom('referrals').select(['status', 'red_acknowledged_at']).where('id', '=', theirs.id).executeTakeFirstOrThrow();
    assert.deepEqual(row, { status: 'new', red_acknowledged_at: null });
    assert.doesNotMatch(pageText((await manager.get('/triage')).body), /Tess Theirs/);
    assert.doesNotMatch(pageText((await manager.get('/dashboard')).body), /Tess Theirs/);
  });
});

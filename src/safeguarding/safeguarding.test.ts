import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestApp, type TestApp } from '../../test/support/test-app.ts';
import { TestAgent, pageText } from '../../test/support/agent.ts';
import { createUser, createYoungPerson } from '../../test/support/fixtures.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp({ publicUrl: 'https://linkway.example.org' });
});
after(() => t.close());

const CONCERN = {
  category: 'self_harm_or_suicide_risk',
  whatWasSeenOrSaid: 'Said “I don’t see the point any more” & showed cuts on their arm',
  immediateAction: 'Stayed with them and phoned the duty worker',
  referredTo: ['designated_safeguarding_lead', 'camhs_crisis'],
  urgency: 'immediate',
};

const raise = (agent: TestAgent, personId: string, fields: Record<string, string | string[]>) =>
  agent.submit(`/young-people/${personId}/safeguarding/new`, fields, `/young-people/${personId}/safeguarding`);

const concernsOf = (personId: string) => t.database.db.selectFrom('safeguarding_concerns').selectAll().where('young_person_id', '=', personId).execute();

describe('raising a safeguarding concern', () => {
  test('mistakes get clear messages and what was typed stays', async () => {
    const org = await t.newOrganisation();
    const person = await createYoungPerson(t.database, org.id, { allocatedTo: org.linkWorker.id });
    const worker = await t.signedIn(org.linkWorker);
    const page = await raise(worker, person.id, { whatWasSeenOrSaid: 'Bruises on both wrists & a cut lip', referredTo: 'police' });
    assert.equal(page.status, 400);
    const text = pageText(page.body);
    assert.match(text, /There is a problem Select what the concern is about Enter what you did straight away, or that you have not acted yet Select how urgent it is/);
    assert.doesNotMatch(text, /Enter what you saw/);
    assert.match(page.body, /Bruises on both wrists &amp; a cut lip/);
    assert.match(page.body, /value="police" checked/);
    assert.match(page.body, /href="#category"/);

    const both = await raise(worker, person.id, { ...CONCERN, referredTo: ['police', 'none_yet'] });
    assert.equal(both.status, 400);
    assert.match(pageText(both.body), /Select who you have told, or “Not yet referred”, not both/);
    const { referredTo: _left, ...withoutReferral } = CONCERN;
    const none = await raise(worker, person.id, withoutReferral);
    assert.equal(none.status, 400);
    assert.match(pageText(none.body), /There is a problem Select who you have told, or “Not yet referred” /);
    assert.match(none.body, /Stayed with them and phoned the duty worker/);
    assert.equal((await concernsOf(person.id)).length, 0);
  });

  test('alerts every active manager by email, with nothing about the young person in it', async () => {
    const org = await t.newOrganisation();
    const secondManager = await createUser(t.database, org.id, 'manager');
    const formerManager = await createUser(t.database, org.id, 'manager');
    await t.database.db.updateTable('users').set({ active: false }).where('id', '=', formerManager.id).execute();
    const person = await createYoungPerson(t.database, org.id, { allocatedTo: org.linkWorker.id, givenName: 'Tamsin', familyName: 'Okonjo' });
    const worker = await t.signedIn(org.linkWorker);

    const raised = await raise(worker, person.id, CONCERN);
    assert.equal(raised.status, 303);
    assert.equal(raised.location, `/young-people/${person.id}/safeguarding?notice=raised`);
    const [concern] = await concernsOf(person.id);
    assert.equal(concern!.category, 'self_harm_or_suicide_risk');
    assert.deepEqual(concern!.referred_to, ['designated_safeguarding_lead', 'camhs_crisis']);
    assert.equal(concern!.urgency, 'immediate');
    assert.equal(concern!.raised_by, org.linkWorker.id);
    assert.ok(concern!.episode_id, 'the concern belongs to the episode of support');

    const messages = await t.database.db.selectFrom('outbox_messages').selectAll().where('org_id', '=', org.id).orderBy('to_address').execute();
    assert.deepEqual(messages.map((message) => message.to_address).sort(), [org.manager.email, secondManager.email].sort());
    for (const message of messages) {
      assert.equal(message.subject, 'Safeguarding concern raised (urgency: immediate)');
      assert.match(message.body, /Its urgency is: immediate\./);
      assert.match(message.body, /https:\/\/linkway\.example\.org\/dashboard/);
      assert.doesNotMatch(`${message.subject} ${message.body}`, /Tamsin|Okonjo|cuts|duty worker|self-harm/i);
      assert.equal(message.referral_id, null);
    }

    const audit = await t.database.db
      .selectFrom('access_log')
      .select(['action', 'actor_user_id'])
      .where('record_type', '=', 'safeguarding_concerns')
      .where('record_id', '=', concern!.id)
      .execute();
    assert.ok(audit.some((row) => row.action === 'insert' && row.actor_user_id === org.linkWorker.id), 'raising it is in the access log');
  });

  test('puts a banner on every page of the record and shows the concern on its page', async () => {
    const org = await t.newOrganisation();
    const person = await createYoungPerson(t.database, org.id, { allocatedTo: org.linkWorker.id });
    const worker = await t.signedIn(org.linkWorker);
    assert.doesNotMatch(pageText((await worker.get(`/young-people/${person.id}`)).body), /Safeguarding concern open/);
    await raise(worker, person.id, CONCERN);

    assert.match(pageText((await worker.get(`/young-people/${person.id}`)).body), /Safeguarding concern open 1 open safeguarding concern\./);
    const page = pageText((await worker.get(`/young-people/${person.id}/safeguarding?notice=raised`)).body);
    assert.match(page, /Concern raised\. Every manager of the scheme has been alerted\./);
    assert.match(page, /Open concerns A manager records the follow-up and closes each concern\. Self-harm or suicide risk Urgency Immediate/);
    assert.match(page, /Referred to Designated safeguarding lead, CAMHS crisis team/);
    assert.match(page, /Closed concerns No concerns have been closed\./);
    assert.doesNotMatch(page, /Record follow-up and close/, 'a link worker does not close concerns');
  });

  test('someone who cannot see the record cannot raise a concern about them', async () => {
    const org = await t.newOrganisation();
    const person = await createYoungPerson(t.database, org.id, { allocatedTo: org.linkWorker.id });
    const other = await t.signedIn(org.otherLinkWorker);
    assert.equal((await other.get(`/young-people/${person.id}/safeguarding`)).status, 404);
    assert.equal((await other.get(`/young-people/${person.id}/safeguarding/new`)).status, 404);
    // A valid form token from a page they may use, so only their access to the record stops them.
    const csrf = /name="_csrf" value="([^"]+)"/.exec((await other.get('/sign-out')).body)![1]!;
    const attempt = await other.post(`/young-people/${person.id}/safeguarding`, { _csrf: csrf, ...CONCERN });
    assert.equal(attempt.status, 404);
    const commissioner = await t.signedIn(org.commissioner);
    assert.equal((await commissioner.get(`/young-people/${person.id}/safeguarding`)).status, 404);
    assert.equal((await concernsOf(person.id)).length, 0, 'no concern was raised');
    const allocated = await t.signedIn(org.linkWorker);
    assert.equal((await raise(allocated, person.id, CONCERN)).status, 303, 'the allocated worker can raise one');
    assert.equal((await concernsOf(person.id)).length, 1);
  });
});

describe('following up a concern', () => {
  test('stays on the managers’ dashboard, most urgent first, until a manager closes it with a follow-up note', async () => {
    const org = await t.newOrganisation();
    const first = await createYoungPerson(t.database, org.id, { allocatedTo: org.linkWorker.id, givenName: 'Aled', familyName: 'Price' });
    const second = await createYoungPerson(t.database, org.id, { allocatedTo: org.linkWorker.id, givenName: 'Bethan', familyName: 'Rowe' });
    const worker = await t.signedIn(org.linkWorker);
    await raise(worker, first.id, { ...CONCERN, category: 'online_harm', urgency: 'within_a_week', referredTo: 'none_yet' });
    await raise(worker, second.id, { ...CONCERN, category: 'exploitation', urgency: 'today', referredTo: 'police' });

    const manager = await t.signedIn(org.manager);
    const dashboard = pageText((await manager.get('/dashboard')).body);
    assert.match(dashboard, /2 safeguarding concerns are open/);
    assert.match(dashboard, /Bethan Rowe Concern Exploitation \(criminal or sexual\) Urgency Today .+Aled Price Concern Online harm Urgency Within a week/);

    const [concern] = await concernsOf(second.id);
    const closePath = `/young-people/${second.id}/safeguarding/${concern!.id}/close`;
    const empty = await manager.submit(closePath, { followUpNote: '   ' });
    assert.equal(empty.status, 400);
    assert.match(pageText(empty.body), /There is a problem Enter what was done to follow up the concern/);
    assert.equal((await concernsOf(second.id))[0]!.closed_at, null);

    const closed = await manager.submit(closePath, { followUpNote: 'Police visited; strategy meeting held & plan agreed.' });
    assert.equal(closed.location, `/young-people/${second.id}/safeguarding?notice=closed`);
    const row = (await concernsOf(second.id))[0]!;
    assert.ok(row.closed_at);
    assert.equal(row.closed_by, org.manager.id);

    const after = pageText((await manager.get('/dashboard')).body);
    assert.match(after, /1 safeguarding concern is open/);
    assert.doesNotMatch(after, /Bethan Rowe/);
    const history = pageText((await manager.get(closed.location!)).body);
    assert.match(history, /Concern closed\./);
    assert.match(history, /Open concerns (Information: )?There are no open safeguarding concerns\. Closed concerns Exploitation/);
    assert.match(history, new RegExp(`Follow-up Police visited; strategy meeting held & plan agreed\\. Closed .+ by ${org.manager.name}`));
    assert.doesNotMatch(pageText((await manager.get(`/young-people/${second.id}`)).body), /Safeguarding concern open/, 'the banner goes when the concern is closed');
  });

  test('a link worker cannot close a concern', async () => {
    const org = await t.newOrganisation();
    const person = await createYoungPerson(t.database, org.id, { allocatedTo: org.linkWorker.id });
    const worker = await t.signedIn(org.linkWorker);
    await raise(worker, person.id, CONCERN);
    const [concern] = await concernsOf(person.id);
    const closePath = `/young-people/${person.id}/safeguarding/${concern!.id}/close`;
    assert.equal((await worker.get(closePath)).status, 404);
    // A valid form token from a page they may use, so only the role stops them.
    const csrf = /name="_csrf" value="([^"]+)"/.exec((await worker.get(`/young-people/${person.id}/safeguarding/new`)).body)![1]!;
    const attempt = await worker.post(closePath, { _csrf: csrf, followUpNote: 'Sorted it myself' });
    assert.equal(attempt.status, 404);
    assert.equal((await concernsOf(person.id))[0]!.closed_at, null);
  });
});

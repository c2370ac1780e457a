import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestApp, type TestApp } from '../../test/support/test-app.ts';
import { TestAgent, pageText } from '../../test/support/agent.ts';
import { createYoungPerson, type TestOrganisation } from '../../test/support/fixtures.ts';
import { createReferral, daysAgo, type ReferralFixture } from '../../test/support/triage.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

async function signedIn(user: TestOrganisation['manager']): Promise<TestAgent> {
  const agent = new TestAgent(t.app);
  await agent.signIn(user);
  return agent;
}

/** A young person accepted from a referral, as triage leaves them: waiting for a link worker. */
async function acceptedPerson(org: TestOrganisation, names: { givenName: string; familyName: string }, referral: ReferralFixture = {}, referredDaysAgo = 1) {
  const person = await createYoungPerson(t.database, org.id, names);
  await t.database.db.updateTable('young_people').set({ referred_on: daysAgo(referredDaysAgo).toISOString().slice(0, 10) }).where('id', '=', person.id).execute();
  const made = await createReferral(t.database, org.id, { ...names, ...referral, status: 'accepted', youngPersonId: person.id, submittedAt: daysAgo(referredDaysAgo) });
  return { ...person, referralId: made.id, reference: made.reference };
}

describe('the allocation meeting', () => {
  test('lists who is waiting by priority, then wait, beside each link worker’s caseload against capacity', async () => {
    const org = await t.newOrganisation();
    await acceptedPerson(org, { givenName: 'Gwen', familyName: 'Oldest' }, {}, 20);
    await acceptedPerson(org, { givenName: 'Abe', familyName: 'Amber' }, { risk: { self_harm: 'yes' } }, 2);
    await acceptedPerson(org, { givenName: 'Gus', familyName: 'Newer' }, {}, 5);
    await createReferral(t.database, org.id, { givenName: 'Dora', familyName: 'Discuss', status: 'discuss', submittedAt: daysAgo(3) });
    await createReferral(t.database, org.id, { givenName: 'Nina', familyName: 'New' });
    await createYoungPerson(t.database, org.id, { givenName: 'Ali', familyName: 'Allocated', allocatedTo: org.linkWorker.id });
    await t.database.db.updateTable('users').set({ caseload_capacity: 12 }).where('id', '=', org.linkWorker.id).execute();

    const page = await (await signedIn(org.manager)).get('/allocation');
    assert.equal(page.status, 200);
    const text = pageText(page.body);
    const order = ['Dora Discuss', 'Abe Amber', 'Gwen Oldest', 'Gus Newer'].map((name) => text.indexOf(name));
    assert.ok(order.every((position) => position >= 0), text);
    assert.deepEqual([...order].sort((a, b) => a - b), order, 'amber (and to discuss) first, each by longest wait; then the rest by longest wait');
    assert.doesNotMatch(text, /Nina New|Ali Allocated/, 'new referrals are for triage; allocated people are not waiting');
    assert.match(text, /Abe Amber Referral LW-\w+ Rating Amber Why Amber: Self-harm.* Waiting 2 days Action Allocate/);
    assert.match(text, /Dora Discuss .* Green To discuss .* Action Decide/);
    assert.match(text, new RegExp(`Link worker ${org.linkWorker.name} Open cases 1 of 12 Room 11`));
    assert.match(text, new RegExp(`Link worker ${org.otherLinkWorker.name} Open cases 0 of 25 Room 25`));
  });

  test('allocating moves the young person onto the link worker’s caseload, making contact, on their timeline', async () => {
    const org = await t.newOrganisation();
    const person = await acceptedPerson(org, { givenName: 'Lena', familyName: 'Marsh' });
    const manager = await signedIn(org.manager);
    const form = await manager.get(`/allocation/young-people/${person.id}`);
    assert.match(pageText(form.body), new RegExp(`Who will be their link worker\\? .*${org.linkWorker.name} 0 open cases, capacity 25`));

    const unchosen = await manager.submitPage(form, `/allocation/young-people/${person.id}`, {});
    assert.equal(unchosen.status, 400);
    assert.match(pageText(unchosen.body), /There is a problem Select a link worker/);

    const allocated = await manager.submitPage(form, `/allocation/young-people/${person.id}`, { worker: org.linkWorker.id });
    assert.equal(allocated.location, '/allocation?notice=allocated');
    const row = await t.database.db.selectFrom('young_people').select(['stage', 'allocated_worker_id']).where('id', '=', person.id).executeTakeFirstOrThrow();
    assert.deepEqual(row, { stage: 'making_contact', allocated_worker_id: org.linkWorker.id });
    const history = await t.database.db.selectFrom('record_history').select(['field', 'new_value', 'actor_user_id']).where('record_id', '=', person.id).where('field', '=', 'allocated_worker_id').where('actor_user_id', 'is not', null).execute();
    assert.deepEqual(history, [{ field: 'allocated_worker_id', new_value: org.linkWorker.id, actor_user_id: org.manager.id }]);
    const event = await t.database.db.selectFrom('referral_events').select(['kind', 'summary']).where('referral_id', '=', person.referralId).executeTakeFirstOrThrow();
    assert.deepEqual(event, { kind: 'allocated', summary: `Allocated to ${org.linkWorker.name}.` });

    const meeting = pageText((await manager.get(allocated.location!)).body);
    assert.match(meeting, /Allocated\. They are now on the link worker’s caseload\./);
    assert.doesNotMatch(meeting, /Lena Marsh/);
    assert.match(pageText((await (await signedIn(org.linkWorker)).get('/caseload')).body), /Lena Marsh .*Making contact/);
    assert.doesNotMatch(pageText((await (await signedIn(org.otherLinkWorker)).get('/caseload')).body), /Lena Marsh/);
  });

  test('reallocating needs a reason, which goes on the timeline', async () => {
    const org = await t.newOrganisation();
    const person = await acceptedPerson(org, { givenName: 'Rui', familyName: 'Costa' });
    await t.database.db.updateTable('young_people').set({ allocated_worker_id: org.linkWorker.id, stage: 'in_support' }).where('id', '=', person.id).execute();
    const manager = await signedIn(org.manager);

    const caseload = pageText((await manager.get(`/allocation/link-workers/${org.linkWorker.id}`)).body);
    assert.match(caseload, /Rui Costa .* In support .* Reallocate/);
    const form = await manager.get(`/allocation/young-people/${person.id}`);
    const formText = pageText(form.body);
    assert.match(formText, new RegExp(`Reallocate to another link worker .*Their link worker now is ${org.linkWorker.name}`));
    assert.doesNotMatch(formText, new RegExp(`${org.linkWorker.name} \\d+ open`), 'their current link worker is not offered');

    const noReason = await manager.submitPage(form, `/allocation/young-people/${person.id}`, { worker: org.otherLinkWorker.id, reason: ' ' });
    assert.equal(noReason.status, 400);
    assert.match(pageText(noReason.body), /There is a problem Enter why they are moving to another link worker/);
    assert.equal((await t.database.db.selectFrom('young_people').select('allocated_worker_id').where('id', '=', person.id).executeTakeFirstOrThrow()).allocated_worker_id, org.linkWorker.id);

    const reason = 'Sam is going on parental leave';
    const moved = await manager.submitPage(noReason, `/allocation/young-people/${person.id}`, { worker: org.otherLinkWorker.id, reason });
    assert.equal(moved.location, '/allocation?notice=reallocated');
    const row = await t.database.db.selectFrom('young_people').select(['stage', 'allocated_worker_id']).where('id', '=', person.id).executeTakeFirstOrThrow();
    assert.deepEqual(row, { stage: 'in_support', allocated_worker_id: org.otherLinkWorker.id }, 'reallocating keeps their stage');
    const event = await t.database.db.selectFrom('referral_events').select(['kind', 'summary']).where('referral_id', '=', person.referralId).executeTakeFirstOrThrow();
    assert.equal(event.kind, 'reallocated');
    assert.equal(event.summary, `Reallocated from ${org.linkWorker.name} to ${org.otherLinkWorker.name}. Reason: ${reason}`);
    assert.match(pageText((await (await signedIn(org.otherLinkWorker)).get('/caseload')).body), /Rui Costa/);
    assert.doesNotMatch(pageText((await (await signedIn(org.linkWorker)).get('/caseload')).body), /Rui Costa/);
  });

  test('taking a link worker over capacity is warned about clearly, and can still be done', async () => {
    const org = await t.newOrganisation();
    await createYoungPerson(t.database, org.id, { allocatedTo: org.linkWorker.id });
    await t.database.db.updateTable('users').set({ caseload_capacity: 1 }).where('id', '=', org.linkWorker.id).execute();
    const person = await acceptedPerson(org, { givenName: 'Maya', familyName: 'Full' });
    const manager = await signedIn(org.manager);

    const form = await manager.get(`/allocation/young-people/${person.id}`);
    assert.match(pageText(form.body), new RegExp(`${org.linkWorker.name} 1 open case, capacity 1\\. Full`));
    const warned = await manager.submitPage(form, `/allocation/young-people/${person.id}`, { worker: org.linkWorker.id });
    assert.equal(warned.status, 200);
    assert.match(pageText(warned.body), new RegExp(`${org.linkWorker.name} is at or over capacity .*Allocating Maya Full takes them over their capacity`));
    assert.equal((await t.database.db.selectFrom('young_people').select('allocated_worker_id').where('id', '=', person.id).executeTakeFirstOrThrow()).allocated_worker_id, null, 'not yet');

    const confirmed = await manager.submitPage(warned, `/allocation/young-people/${person.id}`, {});
    assert.equal(confirmed.location, '/allocation?notice=allocated');
    assert.equal((await t.database.db.selectFrom('young_people').select('allocated_worker_id').where('id', '=', person.id).executeTakeFirstOrThrow()).allocated_worker_id, org.linkWorker.id);
    assert.match(pageText((await manager.get('/allocation')).body), new RegExp(`${org.linkWorker.name} Open cases 2 of 1 Room Over by 1`));
  });
});

describe('who may allocate', () => {
  test('link workers, commissioners and other organisations are told these pages do not exist', async () => {
    const org = await t.newOrganisation();
    const other = await t.newOrganisation();
    const person = await acceptedPerson(org, { givenName: 'Pia', familyName: 'Waiting' });
    const theirs = await acceptedPerson(other, { givenName: 'Tom', familyName: 'Theirs' });
    for (const user of [org.linkWorker, org.commissioner]) {
      const agent = await signedIn(user);
      assert.equal((await agent.get(`/allocation/young-people/${person.id}`)).status, 404, user.role);
      const csrf = /name="_csrf" value="([^"]+)"/.exec((await agent.get('/sign-out')).body)![1]!;
      assert.equal((await agent.post(`/allocation/young-people/${person.id}`, { _csrf: csrf, worker: org.linkWorker.id })).status, 404, user.role);
    }
    const manager = await signedIn(org.manager);
    const csrf = /name="_csrf" value="([^"]+)"/.exec((await manager.get(`/allocation/young-people/${person.id}`)).body)![1]!;
    assert.equal((await manager.get(`/allocation/young-people/${theirs.id}`)).status, 404);
    assert.equal((await manager.post(`/allocation/young-people/${theirs.id}`, { _csrf: csrf, worker: other.linkWorker.id })).status, 404);
    assert.equal((await manager.post(`/allocation/young-people/${person.id}`, { _csrf: csrf, worker: other.linkWorker.id })).status, 400, 'another scheme’s link worker is no choice');
    assert.equal((await manager.get(`/allocation/link-workers/${other.linkWorker.id}`)).status, 404);
    assert.doesNotMatch(pageText((await manager.get('/allocation')).body), /Tom Theirs/);
    const untouched = await t.database.db.selectFrom('young_people').select('allocated_worker_id').where('id', 'in', [person.id, theirs.id]).execute();
    assert.ok(untouched.every((row) => row.allocated_worker_id === null));
  });
});

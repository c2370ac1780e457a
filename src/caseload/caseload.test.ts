import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { startTestApp, type TestApp } from '../../test/support/test-app.ts';
import { pageText } from '../../test/support/agent.ts';
import { createYoungPerson, type TestOrganisation } from '../../test/support/fixtures.ts';
import type { SupportSessionStatus } from '../platform/db/schema.ts';
import { createAllocatedReferral } from '../../test/support/contact.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

const DAY_MS = 86_400_000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY_MS);
const dateDaysAgo = (days: number) => daysAgo(days).toISOString().slice(0, 10);

const db = () => t.database.db;
const episodeOf = async (personId: string) =>
  (await db().selectFrom('episodes').select('id').where('young_person_id', '=', personId).where('closed_on', 'is', null).executeTakeFirstOrThrow()).id;

async function addSessions(org: TestOrganisation, personId: string, statuses: SupportSessionStatus[]) {
  const episodeId = await episodeOf(personId);
  await db()
    .insertInto('support_sessions')
    .values(statuses.map((status, index) => ({ org_id: org.id, young_person_id: personId, link_worker_id: org.linkWorker.id, episode_id: episodeId, status, starts_at: daysAgo(statuses.length - index), place: 'Hub' })))
    .execute();
}

async function addPlan(org: TestOrganisation, personId: string) {
  const plan = await db()
    .insertInto('plans')
    .values({ org_id: org.id, young_person_id: personId, episode_id: await episodeOf(personId) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return plan.id;
}

/** One young person for each thing that can need attention, and one with nothing due. */
async function caseloadWithEverything(org: TestOrganisation) {
  const person = (familyName: string, stage: 'in_support' | 'making_contact' = 'in_support') =>
    createYoungPerson(t.database, org.id, { allocatedTo: org.linkWorker.id, givenName: 'Sam', familyName, stage });
  const nothing = await person('Allen');
  const measure = await person('Baker');
  const review = await person('Carter');
  const actions = await person('Dunn');
  const missed = await person('Evans');
  const contact = await person('Fisher', 'making_contact');
  const concern = await person('Green');

  // The scheme measures with goal ratings only, so just the person with a goal and a session has a measure due.
  await db().insertInto('scheme_measures').values({ org_id: org.id, measure_key: 'ons4', enabled: false }).execute();
  await db().insertInto('goals').values({ org_id: org.id, young_person_id: measure.id, plan_id: await addPlan(org, measure.id), position: 1, wording: 'Go to the climbing club' }).execute();
  await addSessions(org, measure.id, ['attended']);
  await addSessions(org, review.id, ['attended', 'attended', 'attended', 'attended', 'attended']);
  await db()
    .insertInto('plan_actions')
    .values({ org_id: org.id, young_person_id: actions.id, plan_id: await addPlan(org, actions.id), description: 'Ring the youth club', owner: 'young_person', due_on: dateDaysAgo(2) })
    .execute();
  await addSessions(org, missed.id, ['did_not_attend', 'attended', 'did_not_attend', 'did_not_attend']);
  // Allocated three weeks ago and never contacted: the first attempt is long overdue.
  await db().updateTable('episodes').set({ opened_on: dateDaysAgo(21) }).where('young_person_id', '=', contact.id).execute();
  await db()
    .insertInto('safeguarding_concerns')
    .values({ org_id: org.id, young_person_id: concern.id, category: 'online_harm', what_was_seen_or_said: 'Messages from an adult', immediate_action: 'Told the DSL', urgency: 'today' })
    .execute();
  await db().insertInto('support_sessions').values({ org_id: org.id, young_person_id: nothing.id, link_worker_id: org.linkWorker.id, starts_at: new Date(Date.now() + 3 * DAY_MS), place: 'Café' }).execute();
  return { nothing, measure, review, actions, missed, contact, concern };
}

/** A row of the caseload table as its text reads, with the labels the responsive table repeats in each cell. */
const row = (name: string, stage: string, next: string, attention: string) => `Name ${name} Stage ${stage} Next session ${next} Needs attention ${attention}`;
const ORDERED_ROWS = new RegExp(
  [
    row('Sam Green', 'In support', 'None booked', 'Safeguarding concern \\(today\\)'),
    row('Sam Fisher', 'Making contact', 'None booked', 'First contact overdue'),
    row('Sam Evans', 'In support', 'None booked', 'Missed 2 sessions in a row'),
    row('Sam Dunn', 'In support', 'None booked', '1 action overdue'),
    row('Sam Carter', 'In support', 'None booked', 'Review due: 1 session left'),
    row('Sam Baker', 'In support', 'None booked', 'Baseline goal rating due'),
    row('Sam Allen', 'In support', '.+', 'Nothing due'),
  ].join(' '),
);

describe('a link worker’s caseload', () => {
  test('shows each young person with what needs attention, what matters most first, and capacity', async () => {
    const org = await t.newOrganisation();
    const people = await caseloadWithEverything(org);
    const elsewhere = await createYoungPerson(t.database, org.id, { allocatedTo: org.otherLinkWorker.id, givenName: 'Someone', familyName: 'Else' });
    const worker = await t.signedIn(org.linkWorker);

    const page = await worker.get('/caseload');
    assert.equal(page.status, 200);
    const text = pageText(page.body);
    assert.match(text, /My caseload 7 open cases of a capacity of 25\./);
    assert.match(text, ORDERED_ROWS);
    assert.doesNotMatch(text, /Someone Else/);

    const listed = await db()
      .selectFrom('access_log')
      .select('young_person_id')
      .where('actor_user_id', '=', org.linkWorker.id)
      .where('action', '=', 'list')
      .where('record_type', '=', 'young_people')
      .execute();
    assert.deepEqual(new Set(listed.map((row) => row.young_person_id)), new Set(Object.values(people).map((person) => person.id)), 'each person seen is in the access log');
    assert.equal((await worker.get(`/young-people/${elsewhere.id}`)).status, 404);
  });

  test('a closed action, a later attended session or a recent rating clear what was due', async () => {
    const org = await t.newOrganisation();
    const { measure, actions, missed } = await caseloadWithEverything(org);
    await db().updateTable('plan_actions').set({ done_on: dateDaysAgo(1) }).where('young_person_id', '=', actions.id).execute();
    await db()
      .insertInto('support_sessions')
      .values({ org_id: org.id, young_person_id: missed.id, link_worker_id: org.linkWorker.id, status: 'attended', starts_at: new Date(Date.now() - 3_600_000), place: 'Hub' })
      .execute();
    const goal = await db().selectFrom('goals').select('id').where('young_person_id', '=', measure.id).executeTakeFirstOrThrow();
    await db().insertInto('goal_ratings').values({ org_id: org.id, young_person_id: measure.id, goal_id: goal.id, rating: 3, rated_by: 'with_link_worker' }).execute();

    const text = pageText((await (await t.signedIn(org.linkWorker)).get('/caseload')).body);
    for (const name of ['Sam Dunn', 'Sam Evans', 'Sam Baker']) assert.match(text, new RegExp(row(name, 'In support', 'None booked', 'Nothing due')));
  });

  test('first contact follows the scheme’s contact policy from the referral’s allocation and the attempts made', async () => {
    const org = await t.newOrganisation();
    const threeWeeksAgo = daysAgo(21);
    const { person, referral } = await createAllocatedReferral(t.database, org, { givenName: 'Sam', familyName: 'Hughes', submittedAt: threeWeeksAgo, allocatedAt: threeWeeksAgo });
    const worker = await t.signedIn(org.linkWorker);
    assert.match(pageText((await worker.get('/caseload')).body), new RegExp(row('Sam Hughes', 'Making contact', 'None booked', 'First contact overdue')));

    // An attempt today puts the next one on a later working day: nothing is due until then.
    await db()
      .insertInto('contact_attempts')
      .values({ org_id: org.id, referral_id: referral.id, young_person_id: person.id, method: 'phone', outcome: 'no_answer', by_user_id: org.linkWorker.id })
      .execute();
    assert.match(pageText((await worker.get('/caseload')).body), new RegExp(row('Sam Hughes', 'Making contact', 'None booked', 'Nothing due')));
  });

  test('is not for managers, and other caseloads are not for link workers', async () => {
    const org = await t.newOrganisation();
    const worker = await t.signedIn(org.linkWorker);
    assert.equal((await worker.get('/caseloads')).status, 404);
    assert.equal((await worker.get(`/caseloads/${org.otherLinkWorker.id}`)).status, 404);
    const commissioner = await t.signedIn(org.commissioner);
    assert.equal((await commissioner.get('/caseloads')).status, 404);
    assert.equal((await commissioner.get('/caseload')).status, 404);
    assert.equal((await worker.get('/caseload')).status, 200, 'the link worker has their own caseload');
    assert.equal((await (await t.signedIn(org.manager)).get('/caseloads')).status, 200, 'managers see every caseload');
  });
});

describe('every caseload, for managers', () => {
  test('lists the link workers with open cases against capacity, each linking to their caseload', async () => {
    const org = await t.newOrganisation();
    await caseloadWithEverything(org);
    await createYoungPerson(t.database, org.id, { allocatedTo: org.otherLinkWorker.id });
    await db().updateTable('users').set({ caseload_capacity: 6 }).where('id', '=', org.linkWorker.id).execute();
    const manager = await t.signedIn(org.manager);

    const list = await manager.get('/caseloads');
    assert.equal(list.status, 200);
    const text = pageText(list.body);
    assert.match(text, new RegExp(`${org.linkWorker.name} Open cases 7 Capacity 6 Summary 7 open cases, capacity 6\\. Over capacity by 1`));
    assert.match(text, new RegExp(`${org.otherLinkWorker.name} Open cases 1 Capacity 25 Summary 1 open case, capacity 25`));
    assert.match(list.body, new RegExp(`href="/caseloads/${org.linkWorker.id}"`));

    const caseload = await manager.get(`/caseloads/${org.linkWorker.id}`);
    assert.equal(caseload.status, 200);
    const workerText = pageText(caseload.body);
    assert.match(workerText, new RegExp(`Link worker ${org.linkWorker.name} 7 open cases of a capacity of 6: over capacity by 1\\.`));
    assert.match(workerText, ORDERED_ROWS);
  });

  test('only a link worker of the scheme has a caseload page', async () => {
    const org = await t.newOrganisation();
    const otherOrg = await t.newOrganisation();
    const manager = await t.signedIn(org.manager);
    assert.equal((await manager.get(`/caseloads/${org.manager.id}`)).status, 404);
    assert.equal((await manager.get(`/caseloads/${otherOrg.linkWorker.id}`)).status, 404);
    assert.equal((await manager.get(`/caseloads/${randomUUID()}`)).status, 404);
    assert.equal((await manager.get('/caseloads/not-an-id')).status, 404);
    assert.equal((await manager.get(`/caseloads/${org.linkWorker.id}`)).status, 200, "a link worker's caseload in the scheme");
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { pageText } from '../../../test/support/agent.ts';
import { createYoungPerson, type TestOrganisation } from '../../../test/support/fixtures.ts';
import { ukCalendarDate } from '../../domain/working-days.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

const DAY_MS = 86_400_000;
const db = () => t.database.db;
const today = () => ukCalendarDate(new Date());
const dateFields = (isoDate: string) => {
  const [year, month, day] = isoDate.split('-');
  return { 'completedOn[day]': String(Number(day)), 'completedOn[month]': String(Number(month)), 'completedOn[year]': year! };
};

const episodeOf = async (personId: string) =>
  (await db().selectFrom('episodes').select('id').where('young_person_id', '=', personId).where('closed_on', 'is', null).executeTakeFirstOrThrow()).id;

async function attendedSession(org: TestOrganisation, personId: string, daysAgo: number) {
  await db()
    .insertInto('support_sessions')
    .values({ org_id: org.id, young_person_id: personId, link_worker_id: org.linkWorker.id, episode_id: await episodeOf(personId), status: 'attended', starts_at: new Date(Date.now() - daysAgo * DAY_MS), place: 'Hub' })
    .execute();
}

async function addGoal(org: TestOrganisation, personId: string, wording: string) {
  const plan = await db().insertInto('plans').values({ org_id: org.id, young_person_id: personId, episode_id: await episodeOf(personId) }).returning('id').executeTakeFirstOrThrow();
  return db().insertInto('goals').values({ org_id: org.id, young_person_id: personId, plan_id: plan.id, position: 1, wording }).returning('id').executeTakeFirstOrThrow();
}

const recordPath = (personId: string, key: string) => `/young-people/${personId}/measures/record?measure=${key}`;
const ONS4_ANSWERS = { 'answer-life_satisfaction': '7', 'answer-worthwhile': '8', 'answer-happiness': '3', 'answer-anxiety': '6' };

async function inSupport(org: TestOrganisation) {
  return createYoungPerson(t.database, org.id, { allocatedTo: org.linkWorker.id, givenName: 'Sam', familyName: 'Baker' });
}

describe('recording a measure with the young person', () => {
  test('ONS4: every question on one page, saved with its scores, then the scores and bands shown', async () => {
    const org = await t.newOrganisation();
    const person = await inSupport(org);
    await attendedSession(org, person.id, 1);
    const worker = await t.signedIn(org.linkWorker);

    const form = await worker.get(recordPath(person.id, 'ons4'));
    assert.equal(form.status, 200);
    const text = pageText(form.body);
    assert.match(text, /ONS personal well-being \(ONS4\)/);
    assert.match(text, /1\. Overall, how satisfied are you with your life nowadays\?.*4\. Overall, how anxious did you feel yesterday\?/);
    assert.match(form.body, /value="baseline" checked/, 'the moment due is chosen');

    const saved = await worker.submitPage(form, recordPath(person.id, 'ons4'), { ...ONS4_ANSWERS, moment: 'baseline', collected: 'yes', ...dateFields(today()) });
    assert.equal(saved.status, 303);
    assert.equal(saved.location, `/young-people/${person.id}/measures?recorded=ons4&on=${today()}`);

    const row = await db().selectFrom('measure_responses').selectAll().where('young_person_id', '=', person.id).executeTakeFirstOrThrow();
    assert.deepEqual([row.measure_key, row.measure_version, row.moment, row.completed_on, row.collected_by], ['ons4', 1, 'baseline', today(), 'with_link_worker']);
    assert.deepEqual(row.scores, { life_satisfaction: 7, worthwhile: 8, happiness: 3, anxiety: 6 });
    assert.equal(row.episode_id, await episodeOf(person.id));
    assert.equal(row.recorded_by, org.linkWorker.id);

    const confirmation = pageText((await worker.get(saved.location!)).body);
    assert.match(confirmation, /Answers saved/);
    assert.match(confirmation, /Life satisfaction 7 \(High\)/);
    assert.match(confirmation, /Happiness yesterday 3 \(Low\)/);
    assert.match(confirmation, /Anxiety yesterday 6 \(High\)/);
    assert.match(confirmation, /No measures are due at the moment\./, 'the baseline is no longer due');

    const audit = await db()
      .selectFrom('access_log')
      .select(['action', 'actor_user_id'])
      .where('young_person_id', '=', person.id)
      .where('record_type', '=', 'measure_responses')
      .where('action', '=', 'insert')
      .execute();
    assert.deepEqual(audit, [{ action: 'insert', actor_user_id: org.linkWorker.id }]);
    const history = await db().selectFrom('record_history').select('field').where('record_type', '=', 'measure_responses').where('young_person_id', '=', person.id).execute();
    assert.ok(history.some((entry) => entry.field === 'scores'));
  });

  test('"not collected" is a valid answer, but needs the reason', async () => {
    const org = await t.newOrganisation();
    const person = await inSupport(org);
    const worker = await t.signedIn(org.linkWorker);

    const missing = await worker.submit(recordPath(person.id, 'ons4'), { collected: 'no', notCollectedReason: '  ', moment: 'baseline', ...dateFields(today()) });
    assert.equal(missing.status, 400);
    assert.match(pageText(missing.body), /There is a problem Enter why the answers were not collected/);

    const saved = await worker.submit(recordPath(person.id, 'ons4'), { collected: 'no', notCollectedReason: 'Too upset to answer questions today', moment: 'baseline', ...dateFields(today()) });
    assert.equal(saved.status, 303);
    const row = await db().selectFrom('measure_responses').selectAll().where('young_person_id', '=', person.id).executeTakeFirstOrThrow();
    assert.equal(row.not_collected_reason, 'Too upset to answer questions today');
    assert.deepEqual([row.answers, row.scores], [{}, {}]);
    assert.match(pageText((await worker.get(saved.location!)).body), /Recorded that ONS personal well-being \(ONS4\) was not collected on .* because Too upset to answer questions today/);
  });

  test('answers that are missing or not one of the options are refused, keeping what was typed', async () => {
    const org = await t.newOrganisation();
    const person = await inSupport(org);
    const worker = await t.signedIn(org.linkWorker);

    const page = await worker.submit(recordPath(person.id, 'ons4'), {
      'answer-life_satisfaction': '7',
      'answer-happiness': '11',
      'answer-anxiety': '2',
      moment: 'review',
      collected: 'yes',
      ...dateFields(today()),
    });
    assert.equal(page.status, 400);
    const text = pageText(page.body);
    assert.match(text, /There is a problem Select an answer to question 2 Select an answer to question 3/);
    assert.match(page.body, /name="answer-life_satisfaction" type="radio" value="7" checked/);
    assert.match(page.body, /name="answer-anxiety" type="radio" value="2" checked/);
    assert.match(page.body, /name="moment" type="radio" value="review" checked/);

    const badDate = await worker.submit(recordPath(person.id, 'ons4'), { ...ONS4_ANSWERS, moment: 'review', collected: 'yes', 'completedOn[day]': '31', 'completedOn[month]': '2', 'completedOn[year]': '2026' });
    assert.equal(badDate.status, 400);
    assert.match(pageText(badDate.body), /The date must be a real date/);
    assert.match(badDate.body, /name="answer-worthwhile" type="radio" value="8" checked/);
    assert.equal((await db().selectFrom('measure_responses').select('id').where('young_person_id', '=', person.id).execute()).length, 0);
  });

  test('Goal-Based Outcomes asks about their own goals and writes the plan’s goal ratings', async () => {
    const org = await t.newOrganisation();
    const person = await inSupport(org);
    const worker = await t.signedIn(org.linkWorker);

    const noGoals = pageText((await worker.get(recordPath(person.id, 'gbo'))).body);
    assert.match(noGoals, /no goals they are working on in their plan/);

    const goal = await addGoal(org, person.id, 'Go to the climbing club');
    const form = await worker.get(recordPath(person.id, 'gbo'));
    assert.match(pageText(form.body), /1\. Go to the climbing club/);
    const saved = await worker.submitPage(form, recordPath(person.id, 'gbo'), { 'answer-goal_1': '4', moment: 'baseline', collected: 'yes', ...dateFields(today()) });
    assert.equal(saved.status, 303);

    const ratings = await db().selectFrom('goal_ratings').select(['goal_id', 'rating', 'rated_by', 'rated_on']).where('young_person_id', '=', person.id).execute();
    assert.deepEqual(ratings, [{ goal_id: goal.id, rating: 4, rated_by: 'with_link_worker', rated_on: today() }]);
    assert.equal((await db().selectFrom('measure_responses').select('id').where('young_person_id', '=', person.id).execute()).length, 0);
    assert.match(pageText((await worker.get(saved.location!)).body), /Answers saved .*Go to the climbing club 4/);
  });

  test('SWEMWBS without licensed wording explains why and offers nothing to fill in', async () => {
    const org = await t.newOrganisation();
    const person = await inSupport(org);
    const worker = await t.signedIn(org.linkWorker);

    const page = await worker.get(recordPath(person.id, 'swemwbs'));
    assert.equal(page.status, 200);
    assert.match(pageText(page.body), /Its questions are licensed, so Linkway cannot include them/);
    assert.doesNotMatch(page.body, /type="radio"/);

    const token = /name="_csrf" value="([^"]+)"/.exec((await worker.get(recordPath(person.id, 'ons4'))).body)![1]!;
    const answers = Object.fromEntries(Array.from({ length: 7 }, (_, index) => [`answer-item_${index + 1}`, '3']));
    const posted = await worker.post(recordPath(person.id, 'swemwbs'), { _csrf: token, ...answers, moment: 'baseline', collected: 'yes', ...dateFields(today()) });
    assert.equal(posted.status, 400);
    assert.match(pageText(posted.body), /Its questions are licensed/);
    assert.equal((await db().selectFrom('measure_responses').select('id').where('young_person_id', '=', person.id).execute()).length, 0);
  });

  test('only for people the caller may see, and measures the scheme has', async () => {
    const org = await t.newOrganisation();
    const person = await inSupport(org);
    const other = await t.signedIn(org.otherLinkWorker);
    assert.equal((await other.get(recordPath(person.id, 'ons4'))).status, 404);
    assert.equal((await other.get(`/young-people/${person.id}/measures`)).status, 404);

    // A form from their own person's page, posted for someone not theirs.
    const own = await createYoungPerson(t.database, org.id, { allocatedTo: org.otherLinkWorker.id });
    const token = /name="_csrf" value="([^"]+)"/.exec((await other.get(recordPath(own.id, 'ons4'))).body)![1]!;
    const refused = await other.post(recordPath(person.id, 'ons4'), { _csrf: token, ...ONS4_ANSWERS, moment: 'baseline', collected: 'yes', ...dateFields(today()) });
    assert.equal(refused.status, 404);
    assert.equal((await db().selectFrom('measure_responses').select('id').where('young_person_id', '=', person.id).execute()).length, 0);

    const commissioner = await t.signedIn(org.commissioner);
    assert.equal((await commissioner.get(recordPath(person.id, 'ons4'))).status, 404);
    const worker = await t.signedIn(org.linkWorker);
    assert.equal((await worker.get(recordPath(person.id, 'not_a_measure'))).status, 404);
  });
});

describe('what is due', () => {
  test('the Measures page lists what is due, with a button to record each measure the scheme uses', async () => {
    const org = await t.newOrganisation();
    const person = await inSupport(org);
    await addGoal(org, person.id, 'Go to the climbing club');
    const worker = await t.signedIn(org.linkWorker);

    assert.match(pageText((await worker.get(`/young-people/${person.id}/measures`)).body), /No measures are due at the moment\./, 'nothing before the first session');
    await attendedSession(org, person.id, 8);
    const page = await worker.get(`/young-people/${person.id}/measures`);
    const text = pageText(page.body);
    assert.match(text, /Measures due ONS personal well-being \(ONS4\): baseline, due since .* \(overdue\) Goal-Based Outcomes \(GBO\): baseline/);
    assert.match(page.body, new RegExp(`href="/young-people/${person.id}/measures/record\\?measure=ons4"`));
    assert.doesNotMatch(page.body, /measure=swemwbs/);
  });

  test('the caseload shows measures due by the scheme’s rules, and "not collected" counts as done', async () => {
    const org = await t.newOrganisation();
    const person = await inSupport(org);
    const worker = await t.signedIn(org.linkWorker);
    const attention = async () => /Sam Baker .*?Needs attention (.*?)(?: Name | Support links)/.exec(pageText((await worker.get('/caseload')).body))?.[1];

    assert.equal(await attention(), 'Nothing due');
    await attendedSession(org, person.id, 1);
    assert.equal(await attention(), 'Baseline measure due');

    await worker.submit(recordPath(person.id, 'ons4'), { collected: 'no', notCollectedReason: 'Not the right moment', moment: 'baseline', ...dateFields(today()) });
    assert.equal(await attention(), 'Nothing due');

    // Six weeks on, the review measure is due and prompts the plan's review; a scheme that stops
    // using ONS4 no longer asks for it, so only the plan's review is left.
    await db().updateTable('measure_responses').set({ completed_on: ukCalendarDate(new Date(Date.now() - 50 * DAY_MS)) }).where('young_person_id', '=', person.id).execute();
    await db().updateTable('episodes').set({ opened_on: ukCalendarDate(new Date(Date.now() - 60 * DAY_MS)) }).where('young_person_id', '=', person.id).execute();
    assert.equal(await attention(), 'Review measure overdue');
    await db().insertInto('scheme_measures').values({ org_id: org.id, measure_key: 'ons4', enabled: false }).execute();
    assert.equal(await attention(), 'Review due: 6 weeks since support began');
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestApp, type TestApp } from '../../test/support/test-app.ts';
import { TestAgent, pageText } from '../../test/support/agent.ts';
import { createYoungPerson, type TestOrganisation } from '../../test/support/fixtures.ts';
import { CallerData } from '../platform/db/caller-data.ts';
import { ukCalendarDate } from '../domain/working-days.ts';
import { goalsWithRatings, recordGoalRatings } from './goal-ratings.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

const dateFields = (name: string, iso: string) => {
  const [year, month, day] = iso.split('-');
  return { [`${name}[day]`]: String(Number(day)), [`${name}[month]`]: String(Number(month)), [`${name}[year]`]: year! };
};
const daysFromToday = (days: number) => ukCalendarDate(new Date(Date.now() + days * 86_400_000));
const goalsOf = (personId: string) => t.database.db.selectFrom('goals').select(['id', 'wording', 'status', 'position']).where('young_person_id', '=', personId).orderBy('created_at').execute();

async function personWithPlan(org: TestOrganisation, goals: string[]) {
  const person = await createYoungPerson(t.database, org.id, { allocatedTo: org.linkWorker.id, givenName: 'Ria' });
  const worker = await t.signedIn(org.linkWorker);
  for (const wording of goals) {
    const added = await worker.submit(`/young-people/${person.id}/plan/goals/new`, { wording });
    assert.equal(added.location, `/young-people/${person.id}/plan?notice=goal-added`);
  }
  return { person, worker, goals: await goalsOf(person.id) };
}

function rate(worker: TestAgent, personId: string, ratings: Record<string, string>, ratedOn: string) {
  const fields = Object.fromEntries(Object.entries(ratings).map(([goalId, rating]) => [`rating-${goalId}`, rating]));
  return worker.submit(`/young-people/${personId}/plan/ratings`, { ...fields, ...dateFields('ratedOn', ratedOn) });
}

describe('the plan', () => {
  test('goals in their own words are rated over time, showing first, latest and movement', async () => {
    const org = await t.newOrganisation();
    const { person, worker, goals } = await personWithPlan(org, ['Go to climbing on my own', 'Sleep before midnight']);
    const [climbing, sleep] = goals;
    assert.equal((await rate(worker, person.id, { [climbing!.id]: '2', [sleep!.id]: '5' }, '2026-01-12')).location, `/young-people/${person.id}/plan?notice=goals-rated`);
    await rate(worker, person.id, { [climbing!.id]: '6', [sleep!.id]: '4' }, '2026-02-09');

    const page = pageText((await worker.get(`/young-people/${person.id}/plan`)).body);
    assert.match(page, /Goal 1 Change \(Goal 1\) In their words Go to climbing on my own First rating 2 out of 10 on 12 January 2026 Latest rating 6 out of 10 on 9 February 2026 Movement Up 4 points/);
    assert.match(page, /Goal 2 .* In their words Sleep before midnight First rating 5 out of 10 on 12 January 2026 Latest rating 4 out of 10 on 9 February 2026 Movement Down 1 point/);

    const ratings = await t.database.db.selectFrom('goal_ratings').select(['rated_by', 'recorded_by']).where('young_person_id', '=', person.id).execute();
    assert.equal(ratings.length, 4);
    assert.ok(ratings.every((row) => row.rated_by === 'with_link_worker' && row.recorded_by === org.linkWorker.id));
    const logged = await t.database.db.selectFrom('access_log').select(['record_type', 'action']).where('young_person_id', '=', person.id).execute();
    for (const recordType of ['plans', 'goals', 'goal_ratings']) {
      assert.ok(logged.some((row) => row.record_type === recordType && row.action === 'insert'), `${recordType} inserts are logged`);
      assert.ok(logged.some((row) => row.record_type === recordType && row.action === 'view'), `${recordType} reads are logged`);
    }
  });

  test('a goal is reworded and marked achieved, freeing its place; no more than three are worked on at once', async () => {
    const org = await t.newOrganisation();
    const { person, worker, goals } = await personWithPlan(org, ['One', 'Two', 'Three']);
    const page = pageText((await worker.get(`/young-people/${person.id}/plan`)).body);
    assert.doesNotMatch(page, /Add a goal/);

    const fourth = await worker.submit(`/young-people/${person.id}/plan/goals/new`, { wording: 'Join the youth choir' });
    assert.equal(fourth.status, 400);
    assert.match(pageText(fourth.body), /There is a problem They are already working on 3 goals\. Mark one as achieved or stopped before adding another/);
    assert.match(fourth.body, /Join the youth choir<\/textarea>/);

    const changed = await worker.submit(`/young-people/${person.id}/plan/goals/${goals[0]!.id}`, { wording: 'One, in better words', status: 'achieved' });
    assert.equal(changed.location, `/young-people/${person.id}/plan?notice=goal-changed`);
    assert.equal((await worker.submit(`/young-people/${person.id}/plan/goals/new`, { wording: 'Join the youth choir' })).status, 303);
    const after = await goalsOf(person.id);
    assert.deepEqual(after.map((goal) => [goal.wording, goal.status, goal.position]), [
      ['One, in better words', 'achieved', 1],
      ['Two', 'active', 2],
      ['Three', 'active', 3],
      ['Join the youth choir', 'active', 1],
    ]);
    const shown = pageText((await worker.get(`/young-people/${person.id}/plan`)).body);
    assert.match(shown, /Goals achieved or stopped .*One, in better words Status Achieved/);

    const reopened = await worker.submit(`/young-people/${person.id}/plan/goals/${goals[0]!.id}`, { wording: 'One, in better words', status: 'active' });
    assert.equal(reopened.status, 400);
    assert.match(pageText(reopened.body), /They are already working on 3 other goals\. Mark one as achieved or stopped first/);
    const history = await t.database.db.selectFrom('record_history').select(['field', 'old_value', 'new_value']).where('young_person_id', '=', person.id).where('record_type', '=', 'goals').execute();
    assert.ok(history.some((row) => row.field === 'wording' && row.old_value === 'One' && row.new_value === 'One, in better words'));
  });

  test('mistakes get clear messages and keep what was typed', async () => {
    const org = await t.newOrganisation();
    const { person, worker, goals } = await personWithPlan(org, ['Make one new friend']);
    const empty = await worker.submit(`/young-people/${person.id}/plan/goals/new`, { wording: '  ' });
    assert.equal(empty.status, 400);
    assert.match(pageText(empty.body), /There is a problem Enter the goal in their own words/);
    const long = await worker.submit(`/young-people/${person.id}/plan/goals/new`, { wording: `A goal ${'y'.repeat(200)}` });
    assert.match(pageText(long.body), /Goal must be 200 characters or fewer/);
    assert.match(long.body, /A goal y{200}<\/textarea>/);

    const badRating = await rate(worker, person.id, { [goals[0]!.id]: '11' }, '2026-02-30');
    assert.equal(badRating.status, 400);
    const ratingText = pageText(badRating.body);
    assert.match(ratingText, /Rating for goal 1 must be a whole number from 0 to 10/);
    assert.match(ratingText, /The date of the rating must be a real date/);
    assert.match(badRating.body, new RegExp(`href="#rating-${goals[0]!.id}"`));
    assert.match(badRating.body, /name="ratedOn\[day\]" type="text" value="30"|value="30"[^>]*name="ratedOn\[day\]"/);
    assert.match(badRating.body, /value="11"/);

    const badAction = await worker.submit(`/young-people/${person.id}/plan/actions/new`, {
      description: 'Ask about the Saturday club',
      owner: 'someone_else',
      ownerNote: '',
      ...dateFields('dueOn', '2026-13-01'),
    });
    assert.equal(badAction.status, 400);
    const actionText = pageText(badAction.body);
    assert.match(actionText, /Enter who will do it/);
    assert.match(actionText, /Due date must be a real date/);
    assert.match(badAction.body, /Ask about the Saturday club<\/textarea>/);
    assert.match(badAction.body, /value="someone_else" checked/);
    assert.equal((await t.database.db.selectFrom('goal_ratings').select('id').where('young_person_id', '=', person.id).execute()).length, 0);
    assert.equal((await t.database.db.selectFrom('plan_actions').select('id').where('young_person_id', '=', person.id).execute()).length, 0);
  });

  test('agreed actions show who and when, overdue ones are flagged, and can be marked done', async () => {
    const org = await t.newOrganisation();
    const { person, worker, goals } = await personWithPlan(org, ['Get back into swimming']);
    await worker.submit(`/young-people/${person.id}/plan/actions/new`, { description: 'Find the pool timetable', owner: 'young_person', ...dateFields('dueOn', daysFromToday(-3)), goalId: goals[0]!.id });
    await worker.submit(`/young-people/${person.id}/plan/actions/new`, { description: 'Ask the coach about lessons', owner: 'someone_else', ownerNote: 'swimming coach', ...dateFields('dueOn', daysFromToday(7)) });
    await worker.submit(`/young-people/${person.id}/plan/actions/new`, { description: 'Check bus fares', owner: 'link_worker', goalId: '' });

    const page = await worker.get(`/young-people/${person.id}/plan`);
    const text = pageText(page.body);
    assert.match(text, /1 action is overdue/);
    assert.match(text, /Find the pool timetable For the goal “Get back into swimming” Who The young person Due [^]+? Status Overdue/);
    assert.match(text, /Ask the coach about lessons Who Someone else: swimming coach Due [^]+? Status To do/);
    assert.match(text, /Check bus fares Who The link worker Due No date Status To do/);

    const [overdue] = await t.database.db.selectFrom('plan_actions').select('id').where('description', '=', 'Find the pool timetable').execute();
    const done = await worker.submitPage(page, `/young-people/${person.id}/plan`, {}, `/young-people/${person.id}/plan/actions/${overdue!.id}/done`);
    assert.equal(done.location, `/young-people/${person.id}/plan?notice=action-done`);
    const after = pageText((await worker.get(done.location!)).body);
    assert.match(after, /Action marked as done\./);
    assert.doesNotMatch(after, /action is overdue/);
    assert.match(after, new RegExp(`Find the pool timetable .*? Status Done Done Done ${new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' }).format(new Date())}`));
  });

  test('personal outcomes and the young person’s agreement are recorded, and the printable plan speaks to them', async () => {
    const org = await t.newOrganisation();
    const { person, worker, goals } = await personWithPlan(org, ['Feel OK going to a group']);
    await worker.submit(`/young-people/${person.id}/what-matters/edit`, { whatMatters: 'My dog Biscuit', strengths: 'Good at drawing', interests: 'creative' });
    assert.equal((await worker.submit(`/young-people/${person.id}/plan/outcomes`, { personalOutcomes: 'Go back to art club' })).location, `/young-people/${person.id}/plan?notice=outcomes-saved`);
    const noDate = await worker.submit(`/young-people/${person.id}/plan/agreement`, { agreed: 'yes', agreementNote: 'Happy with it' });
    assert.equal(noDate.status, 400);
    assert.match(pageText(noDate.body), /Enter the date they agreed/);
    assert.equal((await worker.submit(`/young-people/${person.id}/plan/agreement`, { agreed: 'yes', ...dateFields('agreedOn', '2026-02-02') })).status, 303);
    await rate(worker, person.id, { [goals[0]!.id]: '3' }, '2026-02-02');
    await rate(worker, person.id, { [goals[0]!.id]: '7' }, '2026-03-02');
    await worker.submit(`/young-people/${person.id}/plan/actions/new`, { description: 'Try the Tuesday art group', owner: 'link_worker', ...dateFields('dueOn', '2026-03-10') });

    const plan = pageText((await worker.get(`/young-people/${person.id}/plan`)).body);
    assert.match(plan, /What they hope will change .* In their words Go back to art club/);
    assert.match(plan, /Agreed Yes, on 2 February 2026/);

    const print = await worker.get(`/young-people/${person.id}/plan/print`);
    assert.equal(print.status, 200);
    const text = pageText(print.body);
    assert.match(text, /Ria’s plan/);
    assert.match(text, /What matters to me My dog Biscuit Things I am good at Good at drawing/);
    assert.match(text, /My goals Feel OK going to a group How close I am: 7 out of 10 \(up from 3 when I started\)/);
    assert.match(text, new RegExp(`Try the Tuesday art group Who: ${org.linkWorker.name}, your link worker When: by 10 March 2026`));
    assert.match(text, /What I hope will change Go back to art club/);
    assert.match(text, /You agreed to this plan on 2 February 2026/);
    assert.match(print.body, /class="app-plan-print"/);
    assert.match(print.body, /class="app-no-print"/);
  });
});

describe('who may see and change the plan', () => {
  test('a link worker not allocated gets 404, and a commissioner cannot see it', async () => {
    const org = await t.newOrganisation();
    const { person, goals } = await personWithPlan(org, ['A goal']);
    const other = await t.signedIn(org.otherLinkWorker);
    const allocated = await t.signedIn(org.linkWorker);
    for (const path of ['/plan', '/plan/print', '/plan/goals/new', `/plan/goals/${goals[0]!.id}`, '/plan/ratings', '/plan/actions/new', '/plan/agreement']) {
      assert.equal((await other.get(`/young-people/${person.id}${path}`)).status, 404, path);
      assert.equal((await allocated.get(`/young-people/${person.id}${path}`)).status, 200, `allocated: ${path}`);
    }
    const commissioner = await t.signedIn(org.commissioner);
    assert.equal((await commissioner.get(`/young-people/${person.id}/plan`)).status, 404);
    assert.equal((await commissioner.get(`/young-people/${person.id}/plan/print`)).status, 404);
  });

  test('without an open episode the plan says so and offers nothing to change', async () => {
    const org = await t.newOrganisation();
    const person = await createYoungPerson(t.database, org.id, { allocatedTo: org.linkWorker.id, stage: 'closed' });
    const worker = await t.signedIn(org.linkWorker);
    const page = await worker.get(`/young-people/${person.id}/plan`);
    assert.match(pageText(page.body), /is not being supported by the scheme at the moment, so there is no plan to change/);
    assert.doesNotMatch(page.body, /Add a goal/);
    assert.equal((await worker.get(`/young-people/${person.id}/plan/goals/new`)).location, `/young-people/${person.id}/plan`);
  });

  test('ratings recorded elsewhere must be for goals of the person’s own open plan', async () => {
    const org = await t.newOrganisation();
    const { person, goals } = await personWithPlan(org, ['Mine']);
    const { goals: otherGoals } = await personWithPlan(org, ['Someone else’s']);
    const data = new CallerData(t.database.db, { userId: org.linkWorker.id, orgId: org.id, role: 'link_worker', clientAddress: null });
    await assert.rejects(
      data.run((tx) => recordGoalRatings(tx, person.id, [{ goalId: otherGoals[0]!.id, rating: 5 }], 'young_person', '2026-03-01')),
      (error: Error) => error.name === 'HttpError' && /No goal here/.test(error.message),
    );
    await assert.rejects(data.run((tx) => recordGoalRatings(tx, person.id, [{ goalId: goals[0]!.id, rating: 11 }], 'young_person', '2026-03-01')), RangeError);
    await data.run((tx) => recordGoalRatings(tx, person.id, [{ goalId: goals[0]!.id, rating: 4 }], 'young_person', '2026-03-01'));
    const rated = await data.run((tx) => goalsWithRatings(tx, person.id, 'view'));
    assert.deepEqual(rated, [{ id: goals[0]!.id, position: 1, wording: 'Mine', status: 'active', ratings: [{ rating: 4, ratedOn: '2026-03-01', ratedBy: 'young_person' }] }]);
  });
});

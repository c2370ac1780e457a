import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { pageText } from '../../../test/support/agent.ts';
import { createYoungPerson, type TestOrganisation } from '../../../test/support/fixtures.ts';
import type { MeasureMoment } from '../../platform/db/tables/measures.ts';
import type { ReferralRoute } from '../../platform/db/tables/referrals.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

const episodeOf = async (personId: string) =>
  (await t.database.db.selectFrom('episodes').select('id').where('young_person_id', '=', personId).executeTakeFirstOrThrow()).id;

/** An ONS4 answer set stored as the engine stores it: each item is its own score. */
async function answerOns4(orgId: string, personId: string, moment: MeasureMoment, completedOn: string, scores: Record<string, number> | string) {
  const reason = typeof scores === 'string' ? scores : null;
  const values = typeof scores === 'string' ? {} : scores;
  await t.database.db
    .insertInto('measure_responses')
    .values({
      org_id: orgId,
      young_person_id: personId,
      episode_id: await episodeOf(personId),
      measure_key: 'ons4',
      measure_version: 1,
      moment,
      completed_on: completedOn,
      collected_by: 'with_link_worker',
      not_collected_reason: reason,
      answers: JSON.stringify(values),
      scores: JSON.stringify(values),
    })
    .execute();
}

const ons4 = (life: number, anxiety: number) => ({ life_satisfaction: life, worthwhile: 5, happiness: 5, anxiety });

/** A young person whose episode ran over the given dates, referred by the given route. */
async function closedEpisode(org: TestOrganisation, opts: { route: ReferralRoute; opened: string; closed: string; worker?: string }) {
  const person = await createYoungPerson(t.database, org.id, { allocatedTo: opts.worker ?? org.linkWorker.id });
  const referral = await t.database.db
    .insertInto('referrals')
    .values({ org_id: org.id, reference: `R${person.id.slice(0, 6)}`, route: opts.route, given_name: 'A', family_name: 'B', date_of_birth: '2010-01-01', rating: 'green' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await t.database.db
    .updateTable('episodes')
    .set({ opened_on: opts.opened, closed_on: opts.closed, referral_id: referral.id })
    .where('young_person_id', '=', person.id)
    .execute();
  return person;
}

const period = (from: string, to: string) => {
  const [fy, fm, fd] = from.split('-');
  const [ty, tm, td] = to.split('-');
  return `from[day]=${fd}&from[month]=${fm}&from[year]=${fy}&to[day]=${td}&to[month]=${tm}&to[year]=${ty}`;
};

describe('a young person’s measures', () => {
  test('each score shows as a chart with a table, the change from the first answers, the band and what was not collected', async () => {
    const org = await t.newOrganisation();
    const person = await createYoungPerson(t.database, org.id, { allocatedTo: org.linkWorker.id });
    await answerOns4(org.id, person.id, 'baseline', '2026-01-12', ons4(3, 8));
    await answerOns4(org.id, person.id, 'review', '2026-02-09', 'they were upset after school and it was not the right time');
    await answerOns4(org.id, person.id, 'review', '2026-03-09', ons4(7, 4));

    const worker = await t.signedIn(org.linkWorker);
    const response = await worker.get(`/young-people/${person.id}/measures`);
    assert.equal(response.status, 200);
    assert.match(response.body, /<svg[^>]*role="img"[^>]*aria-labelledby="chart-ons4-life_satisfaction-title chart-ons4-life_satisfaction-desc"/);
    assert.match(response.body, /<desc id="chart-ons4-life_satisfaction-desc">Life satisfaction, scored 0 to 10, higher is better: 3 on 12 January 2026 \(baseline\), 7 on 9 March 2026 \(review\)\. Up 4 points since the first answers, which is better\. Latest band: High\.<\/desc>/);
    assert.match(response.body, /<polyline points="[\d., ]+"/);
    assert.match(response.body, /<rect [^>]*fill="#e8edee"/, 'bands are shaded');

    const page = pageText(response.body);
    assert.match(page, /Measures/);
    assert.match(page, /Life satisfaction First answers 3 on 12 January 2026 \(baseline\) Latest answers 7 on 9 March 2026 \(review\) Change Up 4 points since the first answers, which is better Current band High/);
    assert.match(page, /Anxiety yesterday First answers 8 .* Change Down 4 points since the first answers, which is better Current band Medium/);
    assert.match(page, /Life satisfaction: every answer Date When Score Band Date 12 January 2026 When Baseline Score 3 Band Low Date 9 March 2026 When Review Score 7 Band High/);
    assert.match(page, /9 February 2026 \(review\): not collected, because they were upset after school and it was not the right time/);

    const logged = await t.database.db.selectFrom('access_log').select('action').where('young_person_id', '=', person.id).where('record_type', '=', 'measure_responses').where('action', '=', 'view').execute();
    assert.equal(logged.length, 3, 'reading each answer set is logged');
  });

  test('a reliable change is named where the measure publishes a threshold', async () => {
    const org = await t.newOrganisation();
    const person = await createYoungPerson(t.database, org.id, { allocatedTo: org.linkWorker.id });
    const episode = await episodeOf(person.id);
    const plan = await t.database.db.insertInto('plans').values({ org_id: org.id, young_person_id: person.id, episode_id: episode }).returning('id').executeTakeFirstOrThrow();
    const goal = await t.database.db
      .insertInto('goals')
      .values({ org_id: org.id, young_person_id: person.id, plan_id: plan.id, position: 1, wording: 'Go to the climbing club' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.database.db
      .insertInto('goal_ratings')
      .values([
        { org_id: org.id, young_person_id: person.id, goal_id: goal.id, rating: 2, rated_on: '2026-01-12', rated_by: 'with_link_worker' },
        { org_id: org.id, young_person_id: person.id, goal_id: goal.id, rating: 6, rated_on: '2026-03-09', rated_by: 'young_person' },
      ])
      .execute();
    const page = pageText((await (await t.signedIn(org.linkWorker)).get(`/young-people/${person.id}/measures`)).body);
    assert.match(page, /Go to the climbing club First answers 2 .* Change Up 4 points since the first answers, which is better Reliable change Reliable improvement/);
  });

  test('with nothing recorded the page says so; a link worker not allocated and a commissioner cannot see it', async () => {
    const org = await t.newOrganisation();
    const person = await createYoungPerson(t.database, org.id, { allocatedTo: org.linkWorker.id });
    assert.match(pageText((await (await t.signedIn(org.manager)).get(`/young-people/${person.id}/measures`)).body), /No measures have been recorded yet/);
    assert.equal((await (await t.signedIn(org.otherLinkWorker)).get(`/young-people/${person.id}/measures`)).status, 404);
    assert.equal((await (await t.signedIn(org.commissioner)).get(`/young-people/${person.id}/measures`)).status, 404);
  });
});

describe('the scheme’s outcomes', () => {
  async function schemeWithOutcomes() {
    const org = await t.newOrganisation();
    // Five young people referred by professionals, each with a baseline and discharge.
    const changes = [
      [3, 7],
      [4, 6],
      [5, 5],
      [2, 5],
      [6, 7],
    ];
    for (const [first, last] of changes) {
      const person = await closedEpisode(org, { route: 'professional', opened: '2025-09-01', closed: '2026-01-31' });
      await answerOns4(org.id, person.id, 'baseline', '2025-09-08', ons4(first!, 6));
      await answerOns4(org.id, person.id, 'discharge', '2026-01-30', ons4(last!, 4));
    }
    // One self-referral, with another worker: baseline only.
    const self = await closedEpisode(org, { route: 'self', opened: '2025-10-01', closed: '2026-01-15', worker: org.otherLinkWorker.id });
    await answerOns4(org.id, self.id, 'baseline', '2025-10-02', ons4(1, 9));
    return org;
  }

  test('completion, mean change with its 95% interval and share improved, filtered by period, worker and route', async () => {
    const org = await schemeWithOutcomes();
    const manager = await t.signedIn(org.manager);
    const all = pageText((await manager.get(`/reports/outcomes?${period('2025-06-01', '2026-05-31')}`)).body);
    assert.match(all, /ONS personal well-being \(ONS4\): collected .* Collected Baseline Episodes 6 of 6 \(100%\) Collected Baseline and discharge Episodes 5 of 6 \(83%\)/);
    // Changes 4, 2, 0, 3, 1: mean 2, sd 1.5811, t(0.975, 4) × sd/√5 = 1.9632.
    assert.match(all, /Life satisfaction \(higher is better\) Pairs 5 Mean change \(95% confidence interval\) \+2 \(\+0\.04 to \+3\.96\) Improved 4 of 5 \(80%\) Counted as improved Any improvement/);
    assert.match(all, /Anxiety yesterday \(lower is better\) Pairs 5 Mean change \(95% confidence interval\) −2 \(−2 to −2\) Improved 5 of 5 \(100%\)/);

    const selfOnly = pageText((await manager.get(`/reports/outcomes?${period('2025-06-01', '2026-05-31')}&route=self`)).body);
    assert.match(selfOnly, /ONS4\): collected .* Baseline Episodes 1 of 1 \(100%\) Collected Baseline and discharge Episodes 0 of 1 \(0%\)/);
    const otherWorker = pageText((await manager.get(`/reports/outcomes?${period('2025-06-01', '2026-05-31')}&worker=${org.otherLinkWorker.id}`)).body);
    assert.match(otherWorker, /ONS4\): collected .* Baseline Episodes 1 of 1/);
    const before = pageText((await manager.get(`/reports/outcomes?${period('2024-01-01', '2024-12-31')}`)).body);
    assert.match(before, /ONS4\): collected .* Baseline Episodes 0 Collected Baseline and discharge Episodes 0 /);
  });

  test('a period that cannot be read is explained and the last 12 months shown instead', async () => {
    const org = await t.newOrganisation();
    const response = await (await t.signedIn(org.manager)).get('/reports/outcomes?from[day]=31&from[month]=2&from[year]=2026');
    assert.equal(response.status, 400);
    assert.match(pageText(response.body), /There is a problem The start of the period must be a real date/);
    assert.match(response.body, /name="from\[day\]"[^>]*value="31"/);
  });

  test('a commissioner sees numbers only, with small numbers suppressed, and cannot export', async () => {
    const org = await schemeWithOutcomes();
    const commissioner = await t.signedIn(org.commissioner);
    const all = pageText((await commissioner.get(`/reports/outcomes?${period('2025-06-01', '2026-05-31')}`)).body);
    assert.match(all, /Baseline Episodes 6 of 6 \(100%\) Collected Baseline and discharge Episodes 5 of 6 \(83%\)/);
    assert.match(all, /Life satisfaction \(higher is better\) Pairs 5 Mean change \(95% confidence interval\) \+2 \(\+0\.04 to \+3\.96\) Improved Fewer than 5 /);
    assert.doesNotMatch(all, /Link worker|Download/);
    const self = pageText((await commissioner.get(`/reports/outcomes?${period('2025-06-01', '2026-05-31')}&route=self`)).body);
    assert.match(self, /Baseline Episodes Fewer than 5 Collected Baseline and discharge Episodes Fewer than 5 .* Life satisfaction \(higher is better\) Pairs 0 Mean change \(95% confidence interval\) No pairs/);
    assert.equal((await commissioner.get('/reports/outcomes/ons4.csv')).status, 404);
    const logged = await t.database.db.selectFrom('access_log').select('id').where('org_id', '=', org.id).where('actor_user_id', '=', org.commissioner.id).execute();
    assert.equal(logged.length, 0, 'no personal record was read for the commissioner');
  });

  test('the CSV has one row per answer set, a pseudonym for each person, neutralised text, and is logged as an export', async () => {
    const org = await t.newOrganisation();
    const person = await createYoungPerson(t.database, org.id, { allocatedTo: org.linkWorker.id });
    await answerOns4(org.id, person.id, 'baseline', '2026-01-12', ons4(3, 8));
    await answerOns4(org.id, person.id, 'review', '2026-02-09', '=HYPERLINK("http://example.test")');

    const response = await (await t.signedIn(org.manager)).get('/reports/outcomes/ons4.csv');
    assert.equal(response.status, 200);
    assert.match(String(response.headers['content-type']), /^text\/csv/);
    assert.match(String(response.headers['content-disposition']), /^attachment; filename="ons4-\d{4}-\d{2}-\d{2}\.csv"$/);
    const lines = response.body.trimEnd().split('\r\n');
    assert.equal(lines.length, 3);
    assert.equal(
      lines[0],
      'person,episode_id,moment,completed_on,collected_by,version,item_life_satisfaction,item_worthwhile,item_happiness,item_anxiety,score_life_satisfaction,score_worthwhile,score_happiness,score_anxiety,not_collected_reason',
    );
    const episode = await episodeOf(person.id);
    assert.match(lines[1]!, new RegExp(`^[0-9a-f]{16},${episode},baseline,2026-01-12,with_link_worker,1,3,5,5,8,3,5,5,8,$`));
    assert.match(lines[2]!, new RegExp(`^[0-9a-f]{16},${episode},review,2026-02-09,with_link_worker,1,,,,,,,,,"'=HYPERLINK\\(""http://example.test""\\)"$`));
    assert.ok(!response.body.includes(person.id) && !response.body.includes(person.givenName), 'no one is named');
    const logged = await t.database.db.selectFrom('access_log').select('action').where('young_person_id', '=', person.id).where('action', '=', 'export').execute();
    assert.equal(logged.length, 2);
  });

  test('an unknown measure has no CSV; a link worker has no report', async () => {
    const org = await t.newOrganisation();
    assert.equal((await (await t.signedIn(org.manager)).get('/reports/outcomes/not_a_measure.csv')).status, 404);
    assert.equal((await (await t.signedIn(org.linkWorker)).get('/reports/outcomes')).status, 404);
    const manager = await t.signedIn(org.manager);
    assert.equal((await manager.get('/reports/outcomes/ons4.csv')).status, 200, 'a known measure has a CSV');
    assert.equal((await manager.get('/reports/outcomes')).status, 200, 'managers have the report');
  });
});

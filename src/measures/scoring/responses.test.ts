import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CallerData } from '../../platform/db/caller-data.ts';
import { startTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { pageText } from '../../../test/support/agent.ts';
import { createYoungPerson, type TestOrganisation, type TestUser } from '../../../test/support/fixtures.ts';
import { currentEpisode } from '../../domain/episodes.ts';
import { addGoal, startedPlanOf } from '../../plans/queries.ts';
import { signedInAdmin } from '../../../test/support/scheme-settings.ts';
import { definitionFor } from './catalogue.ts';
import { goalQuestionsFor, saveResponse, type ResponseInput } from './responses.ts';
import { InvalidAnswersError, reliableChangeOf } from './scoring.ts';
import { measureSeries } from './series.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

const dataAs = (org: TestOrganisation, user: TestUser) => new CallerData(t.database.db, { userId: user.id, orgId: org.id, role: user.role, clientAddress: null });

type Details = Pick<ResponseInput, 'youngPersonId' | 'episodeId' | 'moment' | 'collectedBy' | 'completedOn'>;
/** What a test gives: the measure and answers (or reason), and whatever differs from the baseline defaults. */
type Given = { key: string; version: number } & Partial<Details> & ({ answers: Record<string, number> } | { notCollectedReason: string });

async function personInSupport(org: TestOrganisation) {
  const person = await createYoungPerson(t.database, org.id, { allocatedTo: org.linkWorker.id });
  const data = dataAs(org, org.linkWorker);
  const episode = await data.run((tx) => currentEpisode(tx, person.id));
  assert.ok(episode, 'the young person has an open episode');
  const base: Details = { youngPersonId: person.id, episodeId: episode.id, moment: 'baseline', collectedBy: 'with_link_worker', completedOn: '2026-01-12' };
  return { person, data, save: (input: Given) => data.run((tx) => saveResponse(tx, { ...base, ...input })) };
}

describe('saving answers', () => {
  test('ONS4 answers are scored under their version, kept with it, and read back with an audit', async () => {
    const org = await t.newOrganisation();
    const { person, data, save } = await personInSupport(org);
    const id = await save({ key: 'ons4', version: 1, answers: { life_satisfaction: 4, worthwhile: 6, happiness: 3, anxiety: 8 } });
    await save({ key: 'ons4', version: 1, moment: 'review', completedOn: '2026-02-23', answers: { life_satisfaction: 7, worthwhile: 7, happiness: 6, anxiety: 3 } });
    await save({ key: 'ons4', version: 1, moment: 'discharge', completedOn: '2026-03-30', notCollectedReason: '  Too upset to answer questions today ' });

    const row = await t.database.db.selectFrom('measure_responses').selectAll().where('id', '=', id!).executeTakeFirstOrThrow();
    assert.deepEqual(row.scores, { life_satisfaction: 4, worthwhile: 6, happiness: 3, anxiety: 8 });
    assert.equal(row.recorded_by, org.linkWorker.id);
    assert.equal(row.measure_version, 1);

    const series = await data.run((tx) => measureSeries(tx, person.id, 'view'));
    assert.deepEqual(Object.keys(series), ['ons4']);
    const points = series.ons4!.points;
    assert.deepEqual(
      points.map((point) => [point.completedOn, point.moment, point.scores.anxiety, point.notCollectedReason]),
      [
        ['2026-01-12', 'baseline', 8, null],
        ['2026-02-23', 'review', 3, null],
        ['2026-03-30', 'discharge', undefined, 'Too upset to answer questions today'],
      ],
    );
    const logged = await t.database.db
      .selectFrom('access_log')
      .select(['record_id', 'action', 'actor_user_id'])
      .where('young_person_id', '=', person.id)
      .where('record_type', '=', 'measure_responses')
      .where('action', '=', 'view')
      .execute();
    assert.equal(logged.length, 3);
    assert.ok(logged.every((entry) => entry.actor_user_id === org.linkWorker.id));

    const stranger = await dataAs(org, org.otherLinkWorker).run((tx) => measureSeries(tx, person.id, 'view'));
    assert.deepEqual(stranger, {}, 'a link worker not allocated sees nothing');
  });

  test('missing, unknown and out-of-range answers, empty reasons and unlicensed wording are refused', async () => {
    const org = await t.newOrganisation();
    const { save } = await personInSupport(org);
    await assert.rejects(save({ key: 'ons4', version: 1, answers: { life_satisfaction: 4, worthwhile: 6, happiness: 3 } }), /anxiety has no answer/);
    await assert.rejects(save({ key: 'ons4', version: 1, answers: { life_satisfaction: 11, worthwhile: 6, happiness: 3, anxiety: 2 } }), InvalidAnswersError);
    await assert.rejects(save({ key: 'ons4', version: 1, notCollectedReason: '   ' }), /needs the reason/);
    await assert.rejects(save({ key: 'ons4', version: 9, answers: {} }), /No measure ons4 version 9 here/);
    const allThrees = Object.fromEntries(Array.from({ length: 7 }, (_, index) => [`item_${index + 1}`, 3]));
    await assert.rejects(save({ key: 'swemwbs', version: 1, answers: allThrees }), /has no licensed wording to answer/);
    assert.equal((await t.database.db.selectFrom('measure_responses').select('id').where('org_id', '=', org.id).execute()).length, 0);
  });

  test('Goal-Based Outcomes are the plan’s goal ratings, one line per goal', async () => {
    const org = await t.newOrganisation();
    const { person, data, save } = await personInSupport(org);
    await data.run(async (tx) => {
      const plan = await startedPlanOf(tx, person.id);
      await addGoal(tx, plan!, 1, 'Go to climbing on my own');
      await addGoal(tx, plan!, 2, 'Sleep before midnight');
    });
    const questions = await data.run((tx) => goalQuestionsFor(tx, person.id, 'view'));
    assert.deepEqual(questions.items.map((item) => [item.id, item.text]), [['goal_1', 'Go to climbing on my own'], ['goal_2', 'Sleep before midnight']]);

    assert.equal(await save({ key: 'gbo', version: 1, answers: { goal_1: 2, goal_2: 5 } }), null);
    await save({ key: 'gbo', version: 1, moment: 'review', completedOn: '2026-02-23', collectedBy: 'young_person_link', answers: { goal_1: 6, goal_2: 4 } });
    await assert.rejects(save({ key: 'gbo', version: 1, answers: { goal_3: 5 } }), /goal_3 is not a goal in the plan/);
    await assert.rejects(save({ key: 'gbo', version: 1, answers: { goal_1: 11 } }), /goal_1 cannot be 11/);
    assert.equal((await t.database.db.selectFrom('measure_responses').select('id').where('org_id', '=', org.id).execute()).length, 0);
    assert.equal((await t.database.db.selectFrom('goal_ratings').select('id').where('young_person_id', '=', person.id).execute()).length, 4);

    const gbo = (await data.run((tx) => measureSeries(tx, person.id, 'view'))).gbo!;
    assert.deepEqual(gbo.definition.scores.map((score) => [score.id, score.label]), [['goal_1', 'Go to climbing on my own'], ['goal_2', 'Sleep before midnight']]);
    assert.deepEqual(
      gbo.points.map((point) => [point.completedOn, point.moment, point.collectedBy, point.scores]),
      [
        ['2026-01-12', 'baseline', 'with_link_worker', { goal_1: 2, goal_2: 5 }],
        ['2026-02-23', 'review', 'young_person_link', { goal_1: 6, goal_2: 4 }],
      ],
    );
    assert.equal(reliableChangeOf(gbo.definition.scores[0]!, 2, 6), 'improved');
  });
});

describe('the scheme’s own measures', () => {
  const measure = {
    name: 'Confidence getting out',
    introduction: 'About going out on your own.',
    scale: '1_5',
    lowestLabel: 'Not at all',
    highestLabel: 'Very',
    scoring: 'sum',
    direction: 'higher_is_better',
    question1: 'How confident are you catching a bus?',
    question2: 'How confident are you going to a new place?',
    question3: 'How confident are you meeting new people?',
  };

  test('the builder checks what was typed and keeps it', async () => {
    const org = await t.newOrganisation();
    const admin = await signedInAdmin(t.app, org);
    const refused = await admin.submit('/settings/measures/new', { name: '', lowestLabel: 'Never', highestLabel: '', scale: '1_5', scoring: 'sum', direction: 'higher_is_better' });
    assert.equal(refused.status, 400);
    assert.match(pageText(refused.body), /There is a problem Enter the name of the measure Enter words for the highest answer, like “Completely” Enter at least one question/);
    assert.match(refused.body, /value="Never"/);
    assert.equal((await t.database.db.selectFrom('measure_definitions').select('id').where('org_id', '=', org.id).execute()).length, 0);
    assert.equal((await admin.get('/settings/measures/ons4/edit')).status, 404, 'a built-in measure is not changed here');
  });

  test('a measure made with the builder is stored and turned on; a change is a new version and old scores stay', async () => {
    const org = await t.newOrganisation();
    const admin = await signedInAdmin(t.app, org);
    const created = await admin.submit('/settings/measures/new', measure);
    assert.equal(created.location, '/settings/measures?notice=created');
    const overview = pageText((await admin.get(created.location!)).body);
    assert.match(overview, /Confidence getting out Change when it is used .*Change the questions .*Used Yes .*Questions 3 .*Version 1/);
    const stored = await t.database.db.selectFrom('measure_definitions').selectAll().where('org_id', '=', org.id).executeTakeFirstOrThrow();
    assert.deepEqual([stored.key, stored.version, stored.source], ['confidence_getting_out', 1, 'scheme']);
    const scheme = await t.database.db.selectFrom('scheme_measures').selectAll().where('org_id', '=', org.id).where('measure_key', '=', 'confidence_getting_out').executeTakeFirstOrThrow();
    assert.equal(scheme.enabled, true);

    const { person, data, save } = await personInSupport(org);
    await save({ key: 'confidence_getting_out', version: 1, answers: { q1: 2, q2: 3, q3: 5 } });

    const form = await admin.get('/settings/measures/confidence_getting_out/edit');
    assert.match(form.body, /value="How confident are you going to a new place\?"/);
    assert.match(form.body, /value="1_5" checked/);
    assert.match(form.body, /value="sum" checked/);
    const changed = await admin.submitPage(form, '/settings/measures/confidence_getting_out/edit', {
      ...measure,
      scale: '0_10',
      question2: '',
      question3: 'How confident are you meeting new people?',
    });
    assert.equal(changed.location, '/settings/measures?notice=changed');
    const versions = await t.database.db.selectFrom('measure_definitions').select('version').where('org_id', '=', org.id).orderBy('version').execute();
    assert.deepEqual(versions.map((row) => row.version), [1, 2]);
    await save({ key: 'confidence_getting_out', version: 2, completedOn: '2026-02-23', moment: 'review', answers: { q1: 9, q2: 10 } });
    await assert.rejects(save({ key: 'confidence_getting_out', version: 2, answers: { q1: 2, q2: 3, q3: 5 } }), /q3 is not an item/);

    const series = (await data.run((tx) => measureSeries(tx, person.id, 'view'))).confidence_getting_out!;
    assert.equal(series.definition.version, 2);
    assert.deepEqual(series.points.map((point) => [point.version, point.scores]), [[1, { total: 10 }], [2, { total: 19 }]]);
    const first = await data.run((tx) => definitionFor(tx, 'confidence_getting_out', 1));
    assert.equal(first?.items.length, 3, 'the first version is kept as it was');
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestApp, type TestApp } from '../../test/support/test-app.ts';
import { pageText } from '../../test/support/agent.ts';
import { createYoungPerson } from '../../test/support/fixtures.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

const ANSWERS = {
  interests: ['creative', 'sports'],
  interestsNote: 'Draws every evening & likes climbing',
  strengths: 'Kind to her little brother',
  whatMatters: 'Her nan, her dog and being trusted',
  needs: ['anxiety', 'loneliness'],
  concernsNote: 'Worries about the bus',
  wantToChange: 'Go out more at weekends',
  barriers: ['travel', 'anxiety_about_groups'],
  barriersNote: 'No bus after 6pm',
};

describe('what matters to me', () => {
  test('is saved for the open episode and shown on the record', async () => {
    const org = await t.newOrganisation();
    const person = await createYoungPerson(t.database, org.id, { allocatedTo: org.linkWorker.id });
    const worker = await t.signedIn(org.linkWorker);
    const empty = pageText((await worker.get(`/young-people/${person.id}/what-matters`)).body);
    assert.match(empty, /What matters to me Nothing recorded yet/);

    const saved = await worker.submit(`/young-people/${person.id}/what-matters/edit`, ANSWERS);
    assert.equal(saved.status, 303);
    assert.equal(saved.location, `/young-people/${person.id}/what-matters?notice=saved`);
    const page = pageText((await worker.get(saved.location!)).body);
    assert.match(page, /What matters to them is saved\./);
    assert.match(page, /Interests Creative \(for example art, music, drama, writing\) Sports and being active Draws every evening & likes climbing/);
    assert.match(page, /Needs and concerns Anxiety or worry Loneliness or isolation Worries about the bus/);
    assert.match(page, /What gets in the way Travel Anxiety about groups No bus after 6pm/);
    assert.match(page, /What matters to them Her nan, her dog and being trusted/);

    const row = await t.database.db.selectFrom('assessments').selectAll().where('young_person_id', '=', person.id).executeTakeFirstOrThrow();
    const episode = await t.database.db.selectFrom('episodes').select('id').where('young_person_id', '=', person.id).executeTakeFirstOrThrow();
    assert.equal(row.episode_id, episode.id);
    assert.deepEqual(row.barriers, ['travel', 'anxiety_about_groups']);
    assert.equal(row.recorded_by, org.linkWorker.id);

    // Changing it again updates the same record, and the form starts from what was saved.
    const form = await worker.get(`/young-people/${person.id}/what-matters/edit`);
    assert.match(form.body, /value="sports" checked/);
    assert.match(form.body, /Her nan, her dog and being trusted<\/textarea>/);
    await worker.submitPage(form, `/young-people/${person.id}/what-matters/edit`, { ...ANSWERS, barriers: 'cost', barriersNote: '' });
    const rows = await t.database.db.selectFrom('assessments').select(['barriers', 'barriers_note']).where('young_person_id', '=', person.id).execute();
    assert.deepEqual(rows, [{ barriers: ['cost'], barriers_note: null }]);

    const history = await t.database.db.selectFrom('record_history').select(['field', 'new_value']).where('young_person_id', '=', person.id).where('record_type', '=', 'assessments').execute();
    assert.ok(history.some((change) => change.field === 'barriers_note' && change.new_value === null), 'the change is in the field history');
    const reads = await t.database.db.selectFrom('access_log').select('action').where('young_person_id', '=', person.id).where('record_type', '=', 'assessments').execute();
    assert.ok(reads.some((read) => read.action === 'view'));
    assert.ok(reads.some((read) => read.action === 'insert'));
    assert.ok(reads.some((read) => read.action === 'update'));
  });

  test('mistakes keep what was typed', async () => {
    const org = await t.newOrganisation();
    const person = await createYoungPerson(t.database, org.id, { allocatedTo: org.linkWorker.id });
    const worker = await t.signedIn(org.linkWorker);
    const wrong = await worker.submit(`/young-people/${person.id}/what-matters/edit`, { ...ANSWERS, interests: 'knitting', strengths: 'x'.repeat(1001) });
    assert.equal(wrong.status, 400);
    const text = pageText(wrong.body);
    assert.match(text, /There is a problem Choose from the options shown Strengths must be 1000 characters or fewer/);
    assert.match(wrong.body, /href="#interests"/);
    assert.match(wrong.body, /href="#strengths"/);
    assert.match(wrong.body, /value="anxiety_about_groups" checked/);
    assert.match(wrong.body, /Her nan, her dog and being trusted<\/textarea>/);
    assert.equal((await t.database.db.selectFrom('assessments').select('id').where('young_person_id', '=', person.id).execute()).length, 0);
  });

  test('without an open episode there is nothing to change', async () => {
    const org = await t.newOrganisation();
    const person = await createYoungPerson(t.database, org.id, { allocatedTo: org.linkWorker.id, stage: 'closed' });
    const worker = await t.signedIn(org.linkWorker);
    const page = pageText((await worker.get(`/young-people/${person.id}/what-matters`)).body);
    assert.match(page, /is not being supported by the scheme at the moment, so there is nothing to record here/);
    assert.equal((await worker.get(`/young-people/${person.id}/what-matters/edit`)).location, `/young-people/${person.id}/what-matters`);
  });

  test('only the people who may see the record get the page', async () => {
    const org = await t.newOrganisation();
    const person = await createYoungPerson(t.database, org.id, { allocatedTo: org.linkWorker.id });
    const other = await t.signedIn(org.otherLinkWorker);
    assert.equal((await other.get(`/young-people/${person.id}/what-matters`)).status, 404);
    assert.equal((await other.get(`/young-people/${person.id}/what-matters/edit`)).status, 404);
    const commissioner = await t.signedIn(org.commissioner);
    assert.equal((await commissioner.get(`/young-people/${person.id}/what-matters`)).status, 404);
    const manager = await t.signedIn(org.manager);
    assert.equal((await manager.get(`/young-people/${person.id}/what-matters`)).status, 200);
    const allocated = await t.signedIn(org.linkWorker);
    assert.equal((await allocated.get(`/young-people/${person.id}/what-matters/edit`)).status, 200);
  });
});

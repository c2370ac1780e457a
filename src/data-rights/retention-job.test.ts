import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startTestApp, type TestApp } from '../../test/support/test-app.ts';
import { createYoungPerson } from '../../test/support/fixtures.ts';
import { runRetention } from './retention-job.ts';
import { createFullRecord, newMarker, tablesHolding } from '../../test/support/data-rights.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

const TODAY = '2026-06-01';
const quiet = { info: () => {}, error: (details: object) => assert.fail(`the job logged a failure: ${JSON.stringify(details)}`) };

test('the retention job anonymises exactly the records past their date, keeps coded data, and does it once', async () => {
  const org = await t.newOrganisation();
  const strict = await t.newOrganisation();
  await t.database.db.updateTable('scheme_settings').set({ retention_years_after_discharge: 3, retention_until_age: 21 }).where('org_id', '=', strict.id).execute();

  const markers = { due: newMarker(), youngStill: newMarker(), recent: newMarker(), returned: newMarker(), strictDue: newMarker(), lastDay: newMarker(), concern: newMarker() };
  // Closed ten years ago and now 30: past both dates.
  const due = await createFullRecord(t.database, org, { marker: markers.due, dateOfBirth: '1995-07-14', closedOn: '2016-03-01' });
  // Closed ten years ago at 12: eight years have passed, but their 25th birthday is in 2029.
  const youngStill = await createFullRecord(t.database, org, { marker: markers.youngStill, dateOfBirth: '2004-01-10', closedOn: '2016-03-01' });
  // Closed four years ago: kept for eight.
  const recent = await createFullRecord(t.database, org, { marker: markers.recent, dateOfBirth: '1990-01-10', closedOn: '2022-03-01' });
  // The same four years under a scheme that keeps records for three, until 21.
  const strictDue = await createFullRecord(t.database, strict, { marker: markers.strictDue, dateOfBirth: '1990-01-10', closedOn: '2022-03-01' });
  // Eight years to the day: today is the last day kept.
  const lastDay = await createFullRecord(t.database, org, { marker: markers.lastDay, dateOfBirth: '1990-01-10', closedOn: '2018-06-01' });
  // Supported long ago and back in support now.
  const returned = await createFullRecord(t.database, org, { marker: markers.returned, dateOfBirth: '1990-01-10', closedOn: '2010-03-01' });
  await t.database.db.insertInto('episodes').values({ org_id: org.id, young_person_id: returned.id, opened_on: '2026-05-01', sessions_allowed: 6, weeks_allowed: 12 }).execute();
  // Past both dates, but a safeguarding concern about them is still open.
  const concern = await createFullRecord(t.database, org, { marker: markers.concern, dateOfBirth: '1995-07-14', closedOn: '2016-03-01', openConcern: true });
  // Never supported: no episode has closed.
  const neverSupported = await createYoungPerson(t.database, org.id, { stage: 'new_referral' });

  const anonymised = await runRetention(t.database.db, quiet, TODAY);

  const people = await t.database.db.selectFrom('young_people').select(['id', 'anonymised_at']).where('org_id', 'in', [org.id, strict.id]).execute();
  const anonymisedIds = people.filter((person) => person.anonymised_at).map((person) => person.id).sort();
  assert.deepEqual(anonymisedIds, [due.id, strictDue.id].sort());
  assert.equal(anonymised, 2);
  assert.deepEqual(await tablesHolding(t.database, markers.due), []);
  assert.deepEqual(await tablesHolding(t.database, markers.strictDue), []);
  for (const kept of [markers.youngStill, markers.recent, markers.returned, markers.lastDay, markers.concern]) {
    assert.ok((await tablesHolding(t.database, kept)).includes('young_people'), 'a record not yet due is untouched');
  }
  assert.ok(people.some((person) => person.id === neverSupported.id && !person.anonymised_at));
  for (const untouched of [youngStill, recent, returned, lastDay, concern]) assert.ok(people.some((person) => person.id === untouched.id && !person.anonymised_at));

  const person = await t.database.db.selectFrom('young_people').selectAll().where('id', '=', due.id).executeTakeFirstOrThrow();
  assert.deepEqual(
    { given: person.given_name, family: person.family_name, born: person.date_of_birth, postcode: person.postcode, email: person.email, stage: person.stage },
    { given: 'Anonymised', family: 'Anonymised', born: '1995-01-01', postcode: 'LS6', email: null, stage: 'closed' },
  );
  const episode = await t.database.db.selectFrom('episodes').select(['opened_on', 'closed_on', 'discharge_reason', 'closing_summary']).where('young_person_id', '=', due.id).executeTakeFirstOrThrow();
  assert.deepEqual(episode, { opened_on: '2015-02-01', closed_on: '2016-03-01', discharge_reason: 'goals_met', closing_summary: null });
  const rating = await t.database.db.selectFrom('goal_ratings').select('rating').where('young_person_id', '=', due.id).executeTakeFirstOrThrow();
  assert.equal(rating.rating, 7);
  const assessment = await t.database.db.selectFrom('assessments').select(['interests', 'barriers', 'what_matters']).where('young_person_id', '=', due.id).executeTakeFirstOrThrow();
  assert.deepEqual(assessment, { interests: ['creative'], barriers: ['cost'], what_matters: null });

  // Linkway itself is the actor, and the request log says why.
  const changes = await t.database.db.selectFrom('access_log').select(['actor_user_id', 'actor_role']).where('young_person_id', '=', due.id).where('action', '=', 'update').execute();
  assert.ok(changes.length > 0);
  assert.ok(changes.every((row) => row.actor_user_id === null && row.actor_role === null));
  const request = await t.database.db.selectFrom('data_rights_requests').select(['status', 'decision_note', 'received_on']).where('young_person_id', '=', due.id).where('kind', '=', 'retention').executeTakeFirstOrThrow();
  assert.deepEqual(request, { status: 'done', received_on: TODAY, decision_note: "Anonymised automatically: the scheme's retention period ended on 2024-03-01." });

  assert.equal(await runRetention(t.database.db, quiet, TODAY), 0, 'a second run finds no one new');
  assert.equal(
    (await t.database.db.selectFrom('data_rights_requests').select('id').where('young_person_id', '=', due.id).where('kind', '=', 'retention').execute()).length,
    1,
  );
});

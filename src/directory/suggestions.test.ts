import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startTestApp, type TestApp } from '../../test/support/test-app.ts';
import { TestAgent, pageText } from '../../test/support/agent.ts';
import { createYoungPerson } from '../../test/support/fixtures.ts';
import { createServiceRow, daysAgo } from '../../test/support/directory.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

async function personWithAssessment(orgId: string, workerId: string, assessment: { interests: string[]; needs: string[]; barriers: string[] } | undefined) {
  const person = await createYoungPerson(t.database, orgId, { allocatedTo: workerId });
  await t.database.db.updateTable('young_people').set({ postcode: 'LS6 2AB' }).where('id', '=', person.id).execute();
  if (assessment) {
    const episode = await t.database.db.selectFrom('episodes').select('id').where('young_person_id', '=', person.id).executeTakeFirstOrThrow();
    await t.database.db.insertInto('assessments').values({ org_id: orgId, young_person_id: person.id, episode_id: episode.id, ...assessment }).execute();
  }
  return person;
}

const suggested = (html: string) => [...html.matchAll(/class="nhsuk-card__link" href="\/directory\/services\/[0-9a-f-]{36}">\s*([^<]+?)\s*</g)].map((match) => match[1]);

test('suggestions rank services by fit to the young person, with the reasons', async () => {
  const org = await t.newOrganisation();
  const person = await personWithAssessment(org.id, org.linkWorker.id, { interests: ['sports'], needs: ['low_mood'], barriers: ['cost'] });
  // The person is 15 or 16 (born 2010-05-17); LS6 2AB is placed by the venue sharing its postcode.
  await createServiceRow(t.database, org.id, { name: 'Running club', categories: ['sports'], needs: ['low_mood'], position: { postcode: 'LS6 2AB', latitude: 53.8171, longitude: -1.5742 } });
  await createServiceRow(t.database, org.id, { name: 'Paid gym', categories: ['sports'], cost: 'paid', position: { postcode: 'LS6 3AA', latitude: 53.83, longitude: -1.58 } });
  await createServiceRow(t.database, org.id, { name: 'Adults only football', categories: ['sports'], minimumAge: 18 });
  await createServiceRow(t.database, org.id, { name: 'Chess club', categories: ['indoor'] });
  await createServiceRow(t.database, org.id, { name: 'Old mood group', needs: ['low_mood'], categories: ['social'], lastCheckedAt: daysAgo(400) });

  const worker = new TestAgent(t.app);
  await worker.signIn(org.linkWorker);
  const page = await worker.get(`/young-people/${person.id}/suggestions`);
  assert.equal(page.status, 200);
  assert.deepEqual(suggested(page.body), ['Running club', 'Old mood group', 'Paid gym']);
  const text = pageText(page.body);
  assert.match(text, /Running club .* Matches interest: sports Helps with low mood Free Less than a quarter of a mile away Taking people now Checked \d+ days ago/);
  assert.match(text, /Old mood group .* Against: Checked over a year ago: details may be out of date/);
  assert.match(text, /Paid gym .* Against: Costs money, and cost is a barrier/);
  assert.match(page.body, /<li class="nhsuk-contents-list__item" aria-current="page">\s*<span class="nhsuk-contents-list__current">Suggestions</);
  assert.match(page.body, /href="\/directory\/gaps\/new\?need=low_mood&amp;area=LS6&amp;age=\d+&amp;from=/);

  const readBack = await t.database.db.selectFrom('access_log').select('record_type').where('young_person_id', '=', person.id).where('record_type', '=', 'assessments').execute();
  assert.ok(readBack.length >= 1);
});

test('without an assessment the page says what to do first; other link workers get 404', async () => {
  const org = await t.newOrganisation();
  const person = await personWithAssessment(org.id, org.linkWorker.id, undefined);
  const worker = new TestAgent(t.app);
  await worker.signIn(org.linkWorker);
  assert.match(pageText((await worker.get(`/young-people/${person.id}/suggestions`)).body), /Record the what matters to me conversation first/);
  const other = new TestAgent(t.app);
  await other.signIn(org.otherLinkWorker);
  assert.equal((await other.get(`/young-people/${person.id}/suggestions`)).status, 404);
  const commissioner = new TestAgent(t.app);
  await commissioner.signIn(org.commissioner);
  assert.equal((await commissioner.get(`/young-people/${person.id}/suggestions`)).status, 404);
});

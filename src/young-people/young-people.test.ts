import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { startTestApp, type TestApp } from '../../test/support/test-app.ts';
import { TestAgent, pageText } from '../../test/support/agent.ts';
import { createYoungPerson } from '../../test/support/fixtures.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

const VALID_DETAILS = {
  givenName: 'Jordan',
  familyName: 'Reeves',
  preferredName: 'Jo',
  'dateOfBirth[day]': '3',
  'dateOfBirth[month]': '9',
  'dateOfBirth[year]': '2010',
  pronouns: 'they/them',
  postcode: 'ls6 2ab',
  phone: '07700 900982',
  email: '',
};

describe('who sees which young person', () => {
  test("another organisation's records answer 404 on every page, whoever guesses the id", async () => {
    const orgA = await t.newOrganisation();
    const orgB = await t.newOrganisation();
    const theirs = await createYoungPerson(t.database, orgB.id, { allocatedTo: orgB.linkWorker.id });
    const manager = new TestAgent(t.app);
    await manager.signIn(orgA.manager);
    for (const path of ['', '/edit', '/audit']) {
      assert.equal((await manager.get(`/young-people/${theirs.id}${path}`)).status, 404, `GET ${path || 'record'}`);
    }
    const ownForm = await createYoungPerson(t.database, orgA.id);
    const page = await manager.get(`/young-people/${ownForm.id}/edit`);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
    const post = await manager.post(`/young-people/${theirs.id}/edit`, { _csrf: csrf, ...VALID_DETAILS });
    assert.equal(post.status, 404);
    const untouched = await t.database.db.selectFrom('young_people').select('given_name').where('id', '=', theirs.id).executeTakeFirstOrThrow();
    assert.equal(untouched.given_name, theirs.givenName);
    assert.equal((await manager.get(`/young-people/${randomUUID()}`)).status, 404, 'an id that exists nowhere');
    assert.equal((await manager.get('/young-people/not-an-id')).status, 404, 'an id that is not an id');
    assert.doesNotMatch(pageText((await manager.get('/young-people')).body), new RegExp(theirs.familyName));
  });

  test('a link worker sees the young people allocated to them, and no one else', async () => {
    const org = await t.newOrganisation();
    const mine = await createYoungPerson(t.database, org.id, { allocatedTo: org.linkWorker.id });
    const colleagues = await createYoungPerson(t.database, org.id, { allocatedTo: org.otherLinkWorker.id });
    const waiting = await createYoungPerson(t.database, org.id);
    const worker = new TestAgent(t.app);
    await worker.signIn(org.linkWorker);
    const caseload = pageText((await worker.get('/caseload')).body);
    assert.match(caseload, new RegExp(mine.familyName));
    assert.doesNotMatch(caseload, new RegExp(colleagues.familyName));
    assert.equal((await worker.get(`/young-people/${mine.id}`)).status, 200);
    assert.equal((await worker.get(`/young-people/${colleagues.id}`)).status, 404);
    assert.equal((await worker.get(`/young-people/${waiting.id}`)).status, 404);
    assert.equal((await worker.get(`/young-people/${mine.id}/audit`)).status, 404, 'the access log is for managers');
  });

  test('a new link worker sees an empty caseload with a kind explanation', async () => {
    const org = await t.newOrganisation();
    const worker = new TestAgent(t.app);
    await worker.signIn(org.linkWorker);
    assert.match(pageText((await worker.get('/caseload')).body), /No young people are allocated to you yet/);
  });

  test('a commissioner sees totals but no one’s record', async () => {
    const org = await t.newOrganisation();
    const person = await createYoungPerson(t.database, org.id, { allocatedTo: org.linkWorker.id, stage: 'in_support' });
    const commissioner = new TestAgent(t.app);
    await commissioner.signIn(org.commissioner);
    assert.equal((await commissioner.get('/')).location, '/reports');
    const report = pageText((await commissioner.get('/reports')).body);
    assert.match(report, /In support Not shown/, 'a count of one is never shown to a commissioner');
    assert.match(report, /counts from 1 to 7 are not shown/);
    const manager = new TestAgent(t.app);
    await manager.signIn(org.manager);
    assert.match(pageText((await manager.get('/reports')).body), /In support 1/, 'the manager sees the exact count');
    assert.doesNotMatch(report, new RegExp(person.familyName));
    assert.equal((await commissioner.get(`/young-people/${person.id}`)).status, 404);
    assert.equal((await commissioner.get('/young-people')).status, 404);
  });
});

describe('audit', () => {
  test('viewing a record writes an access-log row in the same request', async () => {
    const org = await t.newOrganisation();
    const person = await createYoungPerson(t.database, org.id, { allocatedTo: org.linkWorker.id });
    const worker = new TestAgent(t.app);
    await worker.signIn(org.linkWorker);
    assert.equal((await worker.get(`/young-people/${person.id}`)).status, 200);
    const rows = await t.database.db
      .selectFrom('access_log')
      .selectAll()
      .where('young_person_id', '=', person.id)
      .where('action', '=', 'view')
      .where('record_type', '=', 'young_people')
      .execute();
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.actor_user_id, org.linkWorker.id);
    assert.equal(rows[0]!.actor_role, 'link_worker');
    assert.equal(rows[0]!.org_id, org.id);
    assert.ok(rows[0]!.client_address, 'the client address is recorded');
  });

  test('a change writes field-by-field history, and a manager can read it', async () => {
    const org = await t.newOrganisation();
    const person = await createYoungPerson(t.database, org.id, { allocatedTo: org.linkWorker.id, givenName: 'Jordan', familyName: 'Reeves' });
    const worker = new TestAgent(t.app);
    await worker.signIn(org.linkWorker);
    const before = await t.database.db.selectFrom('record_history').select((eb) => eb.fn.max('id').as('id')).executeTakeFirstOrThrow();
    const saved = await worker.submit(`/young-people/${person.id}/edit`, VALID_DETAILS);
    assert.equal(saved.status, 303);
    assert.equal(saved.location, `/young-people/${person.id}?notice=updated`);

    const history = await t.database.db
      .selectFrom('record_history')
      .selectAll()
      .where('young_person_id', '=', person.id)
      .where('id', '>', before.id ?? 0)
      .execute();
    const byField = Object.fromEntries(history.map((row) => [row.field, row]));
    assert.equal(byField.preferred_name?.old_value, null);
    assert.equal(byField.preferred_name?.new_value, 'Jo');
    assert.equal(byField.postcode?.new_value, 'LS6 2AB');
    assert.equal(byField.date_of_birth?.old_value, '2010-05-17');
    assert.equal(byField.date_of_birth?.new_value, '2010-09-03');
    assert.equal(byField.given_name, undefined, 'unchanged fields are not recorded');
    assert.ok(history.every((row) => row.actor_user_id === org.linkWorker.id));
    const update = await t.database.db.selectFrom('access_log').select('actor_user_id').where('young_person_id', '=', person.id).where('action', '=', 'update').execute();
    assert.deepEqual(update, [{ actor_user_id: org.linkWorker.id }]);

    const manager = new TestAgent(t.app);
    await manager.signIn(org.manager);
    const audit = pageText((await manager.get(`/young-people/${person.id}/audit`)).body);
    assert.match(audit, /What Preferred name Before \(empty\) After Jo/);
    assert.match(audit, new RegExp(`Who ${org.linkWorker.name}, Link worker What they did Looked at the record`));
  });
});

describe('changing details', () => {
  test('mistakes get a clear message and nothing typed is lost', async () => {
    const org = await t.newOrganisation();
    const person = await createYoungPerson(t.database, org.id, { allocatedTo: org.linkWorker.id });
    const worker = new TestAgent(t.app);
    await worker.signIn(org.linkWorker);
    const response = await worker.submit(`/young-people/${person.id}/edit`, {
      ...VALID_DETAILS,
      givenName: '',
      'dateOfBirth[day]': '31',
      'dateOfBirth[month]': '2',
      postcode: 'not a postcode',
    });
    assert.equal(response.status, 400);
    const text = pageText(response.body);
    assert.match(text, /There is a problem/);
    assert.match(text, /Enter their first name/);
    assert.match(text, /Date of birth must be a real date/);
    assert.match(text, /Enter a real postcode/);
    assert.match(response.body, /href="#dateOfBirth-day"/);
    assert.match(response.body, /value="not a postcode"/);
    assert.match(response.body, /value="31"/);
    assert.match(response.body, /value="Reeves"/);
  });
});

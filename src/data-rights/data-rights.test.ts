import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestApp, type TestApp } from '../../test/support/test-app.ts';
import { TestAgent, pageText } from '../../test/support/agent.ts';
import { createYoungPerson } from '../../test/support/fixtures.ts';
import { EXPORTED_TABLES } from './export.ts';
import { auditedTables, createFullRecord, newMarker, tablesHolding } from '../../test/support/data-rights.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

async function signedIn(user: Parameters<TestAgent['signIn']>[0]): Promise<TestAgent> {
  const agent = new TestAgent(t.app);
  await agent.signIn(user);
  return agent;
}

const logRequest = (agent: TestAgent, id: string, kind: string) =>
  agent.submit(`/young-people/${id}/data-rights`, { kind, requestedBy: 'The young person', 'receivedOn[day]': '2', 'receivedOn[month]': '3', 'receivedOn[year]': '2025' }, `/young-people/${id}/data-rights/requests`);

async function requestIdOf(id: string, kind: string): Promise<string> {
  const row = await t.database.db.selectFrom('data_rights_requests').select('id').where('young_person_id', '=', id).where('kind', '=', kind as 'erasure').orderBy('created_at', 'desc').executeTakeFirstOrThrow();
  return row.id;
}

describe('subject access export', () => {
  test('the JSON holds every table of personal data, and every read is logged as an export', async () => {
    const org = await t.newOrganisation();
    const marker = newMarker();
    const person = await createFullRecord(t.database, org, { marker });
    const manager = await signedIn(org.manager);

    const response = await manager.get(`/young-people/${person.id}/data-rights/export.json`);
    assert.equal(response.status, 200);
    assert.match(String(response.headers['content-disposition']), /^attachment; filename="subject-access-\d{4}-\d{2}-\d{2}\.json"$/);
    assert.match(String(response.headers['content-type']), /application\/json/);
    const data = JSON.parse(response.body) as { personalData: Record<string, { id: string }[]>; messagesSent: unknown[]; accessLog: unknown[]; changeHistory: unknown[] };

    // A personal table added later must be added to the export too: the audit trigger marks them all.
    const exported = Object.keys(data.personalData).sort();
    assert.deepEqual([...EXPORTED_TABLES].sort(), exported);
    for (const table of await auditedTables(t.database)) assert.ok(exported.includes(table), `the export leaves out ${table}`);
    for (const table of exported) assert.ok(data.personalData[table]!.length > 0, `no rows exported from ${table}`);
    assert.equal(data.messagesSent.length, 1);
    assert.ok(data.changeHistory.length > 0);
    assert.match(response.body, new RegExp(`${marker} likes drawing`), 'referral answers are included');

    const exports = await t.database.db
      .selectFrom('access_log')
      .select(['record_type', 'actor_user_id'])
      .where('young_person_id', '=', person.id)
      .where('action', '=', 'export')
      .execute();
    assert.deepEqual(new Set(exports.map((row) => row.record_type)), new Set(exported));
    assert.ok(exports.every((row) => row.actor_user_id === org.manager.id));
  });

  test('the readable copy shows every section, with codes in words and staff by name', async () => {
    const org = await t.newOrganisation();
    const marker = newMarker();
    const person = await createFullRecord(t.database, org, { marker });
    const admin = await signedIn(org.admin);
    const page = await admin.get(`/young-people/${person.id}/data-rights/export`);
    assert.equal(page.status, 200);
    const text = pageText(page.body);
    for (const heading of ['Details', 'Episodes of support', 'Referrals', 'Contact attempts', 'Consent and sharing', 'What matters to me', 'Plans', 'Goals and ratings', 'Actions', 'Sessions and notes', 'Safeguarding concerns', 'Their own page and feedback', 'Data rights requests', 'Messages sent about them', 'Changes to the record', 'Who has looked at the record']) {
      assert.match(page.body, new RegExp(`<h2[^>]*>${heading}</h2>`), heading);
    }
    assert.match(text, new RegExp(`Everything we hold about ${marker}given ${marker}family`));
    assert.match(text, new RegExp(`What matters ${marker} matters`));
    assert.match(text, /Discharge reason Goals met/);
    assert.match(text, new RegExp(`Link worker id ${org.linkWorker.name}`));
    assert.match(text, /Copied, for a subject access request, the record/);
  });

  test('only managers and admins of the scheme can export or open the data rights page', async () => {
    const org = await t.newOrganisation();
    const other = await t.newOrganisation();
    const person = await createYoungPerson(t.database, org.id, { allocatedTo: org.linkWorker.id });
    const worker = await signedIn(org.linkWorker);
    const commissioner = await signedIn(org.commissioner);
    const otherManager = await signedIn(other.manager);
    for (const path of ['', '/export', '/export.json']) {
      const url = `/young-people/${person.id}/data-rights${path}`;
      assert.equal((await worker.get(url)).status, 404, `link worker ${path}`);
      assert.equal((await commissioner.get(url)).status, 404, `commissioner ${path}`);
      assert.equal((await otherManager.get(url)).status, 404, `another scheme's manager ${path}`);
    }
    const exports = await t.database.db.selectFrom('access_log').select('id').where('young_person_id', '=', person.id).where('action', '=', 'export').execute();
    assert.equal(exports.length, 0);
    assert.doesNotMatch((await worker.get(`/young-people/${person.id}`)).body, /Data rights/, 'the record does not offer the page to link workers');
  });
});

describe('requests', () => {
  test('a request is logged with who asked and when, and a mistake keeps what was typed', async () => {
    const org = await t.newOrganisation();
    const person = await createYoungPerson(t.database, org.id, { allocatedTo: org.linkWorker.id });
    const manager = await signedIn(org.manager);
    const path = `/young-people/${person.id}/data-rights`;
    const wrong = await manager.submit(path, { requestedBy: 'Their dad', 'receivedOn[day]': '31', 'receivedOn[month]': '2', 'receivedOn[year]': '2025' }, `${path}/requests`);
    assert.equal(wrong.status, 400);
    const wrongText = pageText(wrong.body);
    assert.match(wrongText, /There is a problem/);
    assert.match(wrongText, /Choose what they asked for/);
    assert.match(wrongText, /The date it was received must be a real date/);
    assert.match(wrong.body, /value="Their dad"/);

    const logged = await logRequest(manager, person.id, 'subject_access');
    assert.equal(logged.location, `${path}?notice=logged`);
    const page = pageText((await manager.get(logged.location!)).body);
    assert.match(page, /Request logged/);
    assert.match(page, /Subject access Who asked The young person Received 2 March 2025 Status Open/);
    const history = await t.database.db.selectFrom('access_log').select('actor_user_id').where('record_type', '=', 'data_rights_requests').where('action', '=', 'insert').where('young_person_id', '=', person.id).execute();
    assert.deepEqual(history, [{ actor_user_id: org.manager.id }]);

    const done = await manager.submit(`${path}/requests/${await requestIdOf(person.id, 'subject_access')}`, { decision: 'done', decisionNote: 'Copy sent by post' });
    assert.equal(done.location, `${path}?notice=done`);
    assert.match(pageText((await manager.get(path)).body), /Subject access Who asked The young person Received 2 March 2025 Status Done Decision Copy sent by post/);
  });

  test('a correction keeps the old value in the history shown on the page', async () => {
    const org = await t.newOrganisation();
    const person = await createYoungPerson(t.database, org.id, { allocatedTo: org.linkWorker.id, givenName: 'Jordon' });
    const manager = await signedIn(org.manager);
    await logRequest(manager, person.id, 'correction');
    const edit = await manager.submit(`/young-people/${person.id}/edit`, {
      givenName: 'Jordan',
      familyName: person.familyName,
      'dateOfBirth[day]': '17',
      'dateOfBirth[month]': '5',
      'dateOfBirth[year]': '2010',
    });
    assert.equal(edit.status, 303);
    const page = pageText((await manager.get(`/young-people/${person.id}/data-rights`)).body);
    assert.match(page, new RegExp(`Who ${org.manager.name} What First name Before Jordon After Jordan`));
    const kept = await t.database.db.selectFrom('record_history').select(['old_value', 'new_value', 'actor_user_id']).where('young_person_id', '=', person.id).where('field', '=', 'given_name').where('old_value', 'is not', null).execute();
    assert.deepEqual(kept, [{ old_value: 'Jordon', new_value: 'Jordan', actor_user_id: org.manager.id }]);
  });
});

describe('erasure', () => {
  test('is refused, with the lawful reason, while a safeguarding concern is open', async () => {
    const org = await t.newOrganisation();
    const marker = newMarker();
    const person = await createFullRecord(t.database, org, { marker, openConcern: true });
    const manager = await signedIn(org.manager);
    await logRequest(manager, person.id, 'erasure');
    const decidePath = `/young-people/${person.id}/data-rights/requests/${await requestIdOf(person.id, 'erasure')}`;
    const page = pageText((await manager.get(decidePath)).body);
    assert.match(page, /The record cannot be erased now/);
    assert.match(page, /Safeguarding records must be kept/);

    const refused = await manager.submit(decidePath, { decision: 'erase' });
    assert.equal(refused.location, `/young-people/${person.id}/data-rights?notice=refused_by_law`);
    const request = await t.database.db.selectFrom('data_rights_requests').select(['status', 'decision_note', 'decided_by']).where('kind', '=', 'erasure').where('young_person_id', '=', person.id).executeTakeFirstOrThrow();
    assert.equal(request.status, 'refused');
    assert.match(request.decision_note ?? '', /safeguarding concern about them is open/);
    assert.equal(request.decided_by, org.manager.id);
    const kept = await t.database.db.selectFrom('young_people').select(['given_name', 'anonymised_at']).where('id', '=', person.id).executeTakeFirstOrThrow();
    assert.deepEqual(kept, { given_name: `${marker}given`, anonymised_at: null });
  });

  test('is refused while they are being supported', async () => {
    const org = await t.newOrganisation();
    const person = await createYoungPerson(t.database, org.id, { allocatedTo: org.linkWorker.id });
    const manager = await signedIn(org.manager);
    await logRequest(manager, person.id, 'erasure');
    const refused = await manager.submit(`/young-people/${person.id}/data-rights/requests/${await requestIdOf(person.id, 'erasure')}`, { decision: 'erase' });
    assert.equal(refused.location, `/young-people/${person.id}/data-rights?notice=refused_by_law`);
    assert.match(pageText((await manager.get(refused.location!)).body), /Status Refused Decision They are being supported now/);
  });

  test('anonymises the whole record when lawful, keeping coded data, and the audit shows who', async () => {
    const org = await t.newOrganisation();
    const marker = newMarker();
    const person = await createFullRecord(t.database, org, { marker });
    const manager = await signedIn(org.manager);
    await logRequest(manager, person.id, 'erasure');
    const decidePath = `/young-people/${person.id}/data-rights/requests/${await requestIdOf(person.id, 'erasure')}`;

    const noReason = await manager.submit(decidePath, { decision: 'refuse', decisionNote: '' });
    assert.equal(noReason.status, 400);
    assert.match(pageText(noReason.body), /Enter why the request is refused/);

    const erased = await manager.submit(decidePath, { decision: 'erase' });
    assert.equal(erased.location, `/young-people/${person.id}/data-rights?notice=erased`);
    assert.deepEqual(await tablesHolding(t.database, marker), [], 'no trace of their details is left anywhere');
    const after = await t.database.db.selectFrom('young_people').selectAll().where('id', '=', person.id).executeTakeFirstOrThrow();
    assert.equal(after.given_name, 'Anonymised');
    assert.equal(after.date_of_birth, '1995-01-01');
    assert.equal(after.postcode, 'LS6');
    assert.equal(after.phone, null);
    assert.equal(after.stage, 'closed');
    assert.ok(after.anonymised_at);
    const rating = await t.database.db.selectFrom('goal_ratings').select('rating').where('goal_id', '=', person.goalId).executeTakeFirstOrThrow();
    assert.equal(rating.rating, 7);
    const referral = await t.database.db.selectFrom('referrals').select(['rating', 'needs', 'referrer_organisation']).where('id', '=', person.referralId).executeTakeFirstOrThrow();
    assert.deepEqual(referral, { rating: 'amber', needs: ['low_mood'], referrer_organisation: 'Hillside School' });
    const changes = await t.database.db.selectFrom('access_log').select('actor_user_id').where('young_person_id', '=', person.id).where('action', '=', 'update').where('record_type', '=', 'young_people').execute();
    assert.deepEqual(changes, [{ actor_user_id: org.manager.id }]);
    const request = await t.database.db.selectFrom('data_rights_requests').select('status').where('kind', '=', 'erasure').where('young_person_id', '=', person.id).executeTakeFirstOrThrow();
    assert.equal(request.status, 'done');
    assert.match(pageText((await manager.get(`/young-people/${person.id}/data-rights`)).body), /This record was anonymised on/);
  });
});

describe('retention settings', () => {
  test('managers set the policy; a mistake keeps what was typed', async () => {
    const org = await t.newOrganisation();
    const manager = await signedIn(org.manager);
    const wrong = await manager.submit('/settings/retention', { yearsAfterDischarge: '0', untilAge: '30' });
    assert.equal(wrong.status, 400);
    assert.match(pageText(wrong.body), /Years after discharge must be a whole number from 1 to 100/);
    assert.match(wrong.body, /value="30"/);
    const saved = await manager.submit('/settings/retention', { yearsAfterDischarge: '10', untilAge: '21' });
    assert.equal(saved.location, '/settings/retention?notice=saved');
    const settings = await t.database.db.selectFrom('scheme_settings').select(['retention_years_after_discharge', 'retention_until_age']).where('org_id', '=', org.id).executeTakeFirstOrThrow();
    assert.deepEqual(settings, { retention_years_after_discharge: 10, retention_until_age: 21 });
    const worker = await signedIn(org.linkWorker);
    assert.equal((await worker.get('/settings/retention')).status, 404);
    const admin = await signedIn(org.admin);
    assert.match(pageText((await admin.get('/settings')).body), /Records kept 10 years after support ends, or until their 21st birthday if that is later/);
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestApp, type TestApp } from '../../test/support/test-app.ts';
import { pageText } from '../../test/support/agent.ts';
import { createYoungPerson, type TestOrganisation } from '../../test/support/fixtures.ts';
import { ukCalendarDate } from '../domain/working-days.ts';
import { giveConsent } from '../../test/support/consent.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

/** Someone allocated to the organisation's link worker, born the given number of years before today. */
async function personAged(org: TestOrganisation, years: number) {
  const person = await createYoungPerson(t.database, org.id, { allocatedTo: org.linkWorker.id });
  const today = new Date();
  const born = `${today.getUTCFullYear() - years}-01-01`;
  await t.database.db.updateTable('young_people').set({ date_of_birth: born }).where('id', '=', person.id).execute();
  return person;
}

const today = () => ukCalendarDate(new Date());
const todayFields = () => {
  const [year, month, day] = today().split('-');
  return { 'givenOn[day]': String(Number(day)), 'givenOn[month]': String(Number(month)), 'givenOn[year]': year! };
};
const consentsOf = (youngPersonId: string) =>
  t.database.db.selectFrom('consents').selectAll().where('young_person_id', '=', youngPersonId).orderBy('created_at').execute();

describe('recording consent', () => {
  test('a link worker records consent on one page and it shows as the consent in force', async () => {
    const org = await t.newOrganisation();
    const person = await personAged(org, 17);
    const worker = await t.signedIn(org.linkWorker);
    const empty = pageText((await worker.get(`/young-people/${person.id}/consent`)).body);
    assert.match(empty, /No consent is recorded for this episode of support\. Nothing about them is shared/);

    const saved = await worker.submit(`/young-people/${person.id}/consent/new`, {
      toService: 'yes',
      share: ['referrer', 'gp'],
      research: 'no',
      givenBy: 'young_person',
      whatTheyWereTold: 'What link workers do, what we write down and that they can stop at any time',
      ...todayFields(),
    });
    assert.equal(saved.status, 303);
    assert.equal(saved.location, `/young-people/${person.id}/consent?notice=recorded`);
    const page = pageText((await worker.get(saved.location!)).body);
    assert.match(page, /Consent recorded\./);
    assert.match(page, /Consent in force .*Support from the service Yes Information may be shared with The person or organisation who referred them, Their GP Research No Given by The young person/);
    assert.match(page, new RegExp(`Recorded by ${org.linkWorker.name}`));

    const [row, ...others] = await consentsOf(person.id);
    assert.equal(others.length, 0);
    assert.equal(row!.to_service, true);
    assert.equal(row!.share_with_referrer, true);
    assert.equal(row!.share_with_school, false);
    assert.equal(row!.given_on, today());
    assert.equal(row!.recorded_by, org.linkWorker.id);
    const episode = await t.database.db.selectFrom('episodes').select('id').where('young_person_id', '=', person.id).executeTakeFirstOrThrow();
    assert.equal(row!.episode_id, episode.id);

    const audit = await t.database.db.selectFrom('access_log').select(['action', 'actor_user_id']).where('record_type', '=', 'consents').where('record_id', '=', row!.id).execute();
    assert.ok(audit.some((entry) => entry.action === 'insert' && entry.actor_user_id === org.linkWorker.id), 'the insert is in the access log');
    assert.ok(audit.some((entry) => entry.action === 'view'), 'reading it is in the access log');
    const history = await t.database.db.selectFrom('record_history').select(['field', 'new_value']).where('record_id', '=', row!.id).execute();
    assert.ok(history.some((entry) => entry.field === 'share_with_referrer' && entry.new_value === 'true'));
  });

  test('mistakes get clear messages and what was typed stays', async () => {
    const org = await t.newOrganisation();
    const person = await personAged(org, 17);
    const worker = await t.signedIn(org.linkWorker);
    const empty = await worker.submit(`/young-people/${person.id}/consent/new`, {});
    assert.equal(empty.status, 400);
    assert.match(
      pageText(empty.body),
      /There is a problem Select whether they agree to support from the service Select whether they agree to their information being used for research Select who gave consent Enter what they were told before they agreed Enter date consent was given/,
    );
    assert.match(empty.body, /href="#toService"/);
    assert.match(empty.body, /href="#givenOn-day"/);

    const nextYear = String(new Date().getUTCFullYear() + 1);
    const wrong = await worker.submit(`/young-people/${person.id}/consent/new`, {
      toService: 'no',
      share: 'school',
      research: 'no',
      givenBy: 'parent_carer',
      whatTheyWereTold: 'About the service & sharing',
      'givenOn[day]': '3',
      'givenOn[month]': '2',
      'givenOn[year]': nextYear,
    });
    assert.equal(wrong.status, 400);
    const text = pageText(wrong.body);
    assert.match(text, /Enter the name of the parent or carer who gave consent/);
    assert.match(text, /Information cannot be shared without consent to support/);
    assert.match(text, /Date consent was given must be today or in the past/);
    assert.match(wrong.body, /value="school" checked/);
    assert.match(wrong.body, /value="parent_carer" checked/);
    assert.match(wrong.body, /About the service &amp; sharing/);
    assert.match(wrong.body, new RegExp(`value="${nextYear}"`));
    assert.equal((await consentsOf(person.id)).length, 0);
  });

  test('a young person under 16 consenting for themselves needs a note of the competence assessment', async () => {
    const org = await t.newOrganisation();
    const younger = await personAged(org, 14);
    const worker = await t.signedIn(org.linkWorker);
    const fields = { toService: 'yes', research: 'yes', givenBy: 'young_person', whatTheyWereTold: 'All about the service', ...todayFields() };
    const missing = await worker.submit(`/young-people/${younger.id}/consent/new`, fields);
    assert.equal(missing.status, 400);
    assert.match(pageText(missing.body), /Enter how you assessed that they understand what they are agreeing to, as they are under 16/);

    const saved = await worker.submit(`/young-people/${younger.id}/consent/new`, { ...fields, competenceNote: 'Explained it twice; they told it back in their own words' });
    assert.equal(saved.status, 303);
    assert.match(pageText((await worker.get(saved.location!)).body), /How competence was assessed Explained it twice; they told it back in their own words/);

    const older = await personAged(org, 16);
    assert.equal((await worker.submit(`/young-people/${older.id}/consent/new`, fields)).status, 303, 'not needed from 16');
  });

  test('a change is a new record and the earlier one stays as it was', async () => {
    const org = await t.newOrganisation();
    const person = await personAged(org, 17);
    const first = await giveConsent(t.database, org.id, person.id, { share_with_school: true });
    const worker = await t.signedIn(org.linkWorker);
    const form = await worker.get(`/young-people/${person.id}/consent/new`);
    assert.match(form.body, /value="school" checked/, 'the form starts from the consent in force');
    assert.match(form.body, /Sam Carer/);

    const changed = await worker.submitPage(form, `/young-people/${person.id}/consent/new`, {
      toService: 'yes',
      share: 'gp',
      research: 'no',
      givenBy: 'parent_carer',
      givenByName: 'Sam Carer',
      whatTheyWereTold: 'That the school will no longer hear from us',
      ...todayFields(),
    });
    assert.equal(changed.status, 303);
    const rows = await consentsOf(person.id);
    assert.equal(rows.length, 2);
    assert.equal(rows[0]!.id, first.id);
    assert.equal(rows[0]!.share_with_school, true, 'the earlier record is unchanged');
    assert.equal(rows[1]!.share_with_school, false);
    const page = pageText((await worker.get(`/young-people/${person.id}/consent`)).body);
    assert.match(page, /Consent in force .*Their GP .*Earlier consent .*Given on 5 January 2026 .*Their school or college/);
  });

  test('withdrawing consent marks the record and says clearly that nothing is shared', async () => {
    const org = await t.newOrganisation();
    const person = await personAged(org, 17);
    const consent = await giveConsent(t.database, org.id, person.id);
    const worker = await t.signedIn(org.linkWorker);
    const empty = await worker.submit(`/young-people/${person.id}/consent/withdraw`, { withdrawalNote: 'They rang to say stop' });
    assert.equal(empty.status, 400);
    assert.match(pageText(empty.body), /Enter date consent was withdrawn/);
    assert.match(empty.body, /They rang to say stop/);

    const withdrawn = await worker.submit(`/young-people/${person.id}/consent/withdraw`, {
      withdrawalNote: 'They rang to say stop',
      'withdrawnOn[day]': todayFields()['givenOn[day]'],
      'withdrawnOn[month]': todayFields()['givenOn[month]'],
      'withdrawnOn[year]': todayFields()['givenOn[year]'],
    });
    assert.equal(withdrawn.location, `/young-people/${person.id}/consent?notice=withdrawn`);
    const row = await t.database.db.selectFrom('consents').selectAll().where('id', '=', consent.id).executeTakeFirstOrThrow();
    assert.equal(row.withdrawn_on, today());
    assert.equal(row.withdrawal_note, 'They rang to say stop');
    const page = pageText((await worker.get(withdrawn.location!)).body);
    assert.match(page, /Consent withdrawn .* withdrew consent to support from the service on .*Nothing about them is shared with anyone outside the team/);
    assert.match(page, /Record consent/);
    assert.equal((await worker.get(`/young-people/${person.id}/consent/withdraw`)).location, `/young-people/${person.id}/consent`, 'nothing left to withdraw');
    const history = await t.database.db
      .selectFrom('record_history')
      .select(['new_value', 'actor_user_id'])
      .where('record_id', '=', consent.id)
      .where('field', '=', 'withdrawn_on')
      .where('new_value', 'is not', null)
      .execute();
    assert.deepEqual(history, [{ new_value: today(), actor_user_id: org.linkWorker.id }]);
  });
});

describe('who may see and record consent', () => {
  test('a link worker not allocated gets 404 and a commissioner is turned away', async () => {
    const org = await t.newOrganisation();
    const person = await personAged(org, 17);
    await giveConsent(t.database, org.id, person.id);
    const other = await t.signedIn(org.otherLinkWorker);
    for (const path of ['', '/new', '/withdraw']) assert.equal((await other.get(`/young-people/${person.id}/consent${path}`)).status, 404, path);
    const commissioner = await t.signedIn(org.commissioner);
    assert.equal((await commissioner.get(`/young-people/${person.id}/consent`)).status, 404);

    // A post with a valid token, taken from a form they may use, still cannot reach the record.
    const theirs = await createYoungPerson(t.database, org.id, { allocatedTo: org.otherLinkWorker.id });
    const form = await other.get(`/young-people/${theirs.id}/consent/new`);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(form.body)![1]!;
    const posted = await other.post(`/young-people/${person.id}/consent`, { _csrf: csrf, toService: 'no', research: 'no', givenBy: 'young_person', whatTheyWereTold: 'x', ...todayFields() });
    assert.equal(posted.status, 404);
    const withdrawn = await other.post(`/young-people/${person.id}/consent/withdraw`, { _csrf: csrf, withdrawalNote: 'x', 'withdrawnOn[day]': '1', 'withdrawnOn[month]': '1', 'withdrawnOn[year]': '2026' });
    assert.equal(withdrawn.status, 404);
    assert.equal((await consentsOf(person.id)).length, 1);
    assert.equal((await consentsOf(person.id))[0]!.withdrawn_on, null);
    const manager = await t.signedIn(org.manager);
    assert.equal((await manager.get(`/young-people/${person.id}/consent`)).status, 200);
  });
});

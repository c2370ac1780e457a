import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestApp, type TestApp } from '../../test/support/test-app.ts';
import { pageText } from '../../test/support/agent.ts';
import { createAllocatedReferral, logAttempt } from '../../test/support/contact.ts';
import { addWorkingDays, firstWorkingDayFrom, longDate, ukCalendarDate } from '../domain/working-days.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

const referralRow = (id: string) => t.database.db.selectFrom('referrals').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const stageOf = async (id: string) => (await t.database.db.selectFrom('young_people').select('stage').where('id', '=', id).executeTakeFirstOrThrow()).stage;
const eventsOf = (referralId: string) =>
  t.database.db.selectFrom('referral_events').select(['kind', 'summary', 'snomed_code', 'actor_user_id']).where('referral_id', '=', referralId).orderBy('at').execute();
const outboxOf = (referralId: string) => t.database.db.selectFrom('outbox_messages').selectAll().where('referral_id', '=', referralId).execute();

describe('logging a contact attempt', () => {
  test('mistakes get clear messages and what was typed stays', async () => {
    const org = await t.newOrganisation();
    const { person } = await createAllocatedReferral(t.database, org);
    const worker = await t.signedIn(org.linkWorker);
    const empty = await logAttempt(worker, person.id, {});
    assert.equal(empty.status, 400);
    assert.match(pageText(empty.body), /There is a problem Select how you tried to contact them Select what happened/);
    assert.match(empty.body, /href="#method"/);

    const tooLong = await logAttempt(worker, person.id, { method: 'text', note: `Texted the mobile & ${'x'.repeat(1000)}` });
    assert.equal(tooLong.status, 400);
    const text = pageText(tooLong.body);
    assert.match(text, /Select what happened/);
    assert.match(text, /Note must be 1000 characters or fewer/);
    assert.doesNotMatch(text, /Select how you tried to contact them/);
    assert.match(tooLong.body, /value="text" checked/);
    assert.match(tooLong.body, /Texted the mobile &amp; x{10}/);
    assert.equal((await t.database.db.selectFrom('contact_attempts').select('id').where('young_person_id', '=', person.id).execute()).length, 0);
  });

  test('the record shows the policy, the attempts so far and when the next is due', async () => {
    const org = await t.newOrganisation();
    const { person, referral } = await createAllocatedReferral(t.database, org, { allocatedAt: new Date() });
    const worker = await t.signedIn(org.linkWorker);
    const today = ukCalendarDate(new Date());
    const start = firstWorkingDayFrom(today);

    const before = pageText((await worker.get(`/young-people/${person.id}`)).body);
    assert.match(before, /Contact Our scheme tries up to 3 times to make contact, spread over 10 working days\./);
    assert.match(before, /Attempt 1 of 3/);
    assert.match(before, start === today ? /Due today Make this attempt today/ : /Not due yet Make this attempt by/);
    assert.match(before, /No contact attempts logged yet/);

    const logged = await logAttempt(worker, person.id, { method: 'phone', outcome: 'left_message', note: 'Voicemail on the mobile' });
    assert.equal(logged.status, 303);
    assert.equal(logged.location, `/young-people/${person.id}?notice=attempt-logged`);
    const after = pageText((await worker.get(logged.location!)).body);
    const secondDue = longDate(addWorkingDays(start, 5));
    assert.match(after, new RegExp(`Attempt logged Attempt 1 of 3 is logged\\. The next attempt is due by ${secondDue}\\.`));
    assert.match(after, new RegExp(`Attempt 2 of 3 Not due yet Make this attempt by ${secondDue}\\.`));
    assert.match(after, new RegExp(`Attempt 1 When .+ How Phone call What happened Left a message Note Voicemail on the mobile Who ${org.linkWorker.name}`));
    assert.equal(await stageOf(person.id), 'making_contact');
    assert.deepEqual((await eventsOf(referral.id)).at(-1), {
      kind: 'contact_attempt',
      summary: 'Contact attempt 1 of 3: phone call, left a message',
      snomed_code: null,
      actor_user_id: org.linkWorker.id,
    });
    assert.equal((await outboxOf(referral.id)).length, 0, 'the referrer hears only when something changes');
  });

  test('an attempt that falls behind the policy is flagged as overdue', async () => {
    const org = await t.newOrganisation();
    const threeWeeksAgo = new Date(Date.now() - 21 * 86_400_000);
    const { person } = await createAllocatedReferral(t.database, org, { submittedAt: threeWeeksAgo, allocatedAt: threeWeeksAgo });
    const worker = await t.signedIn(org.linkWorker);
    const page = pageText((await worker.get(`/young-people/${person.id}`)).body);
    assert.match(page, /Attempt 1 of 3 Overdue This attempt was due by .+\. It is \d+ working days overdue\./);
    assert.match(page, new RegExp(`Attempts are counted from ${longDate(ukCalendarDate(threeWeeksAgo))}, when a link worker was chosen\\.`));
  });

  test('the last allowed attempt without contact closes the case as unable to contact, and the referrer is told', async () => {
    const org = await t.newOrganisation();
    await t.database.db.updateTable('scheme_settings').set({ contact_attempts: 2 }).where('org_id', '=', org.id).execute();
    const { person, referral } = await createAllocatedReferral(t.database, org, { givenName: 'Kezia', familyName: 'Armitage' });
    const worker = await t.signedIn(org.linkWorker);
    assert.equal((await logAttempt(worker, person.id, { method: 'phone', outcome: 'no_answer' })).location, `/young-people/${person.id}?notice=attempt-logged`);
    const form = pageText((await worker.get(`/young-people/${person.id}/contact-attempts/new`)).body);
    assert.match(form, /This is the last attempt our scheme allows/);

    const last = await logAttempt(worker, person.id, { method: 'via_school', outcome: 'wrong_number' });
    assert.equal(last.location, `/young-people/${person.id}?notice=unable-to-contact`);
    const page = pageText((await worker.get(last.location!)).body);
    assert.match(page, /Case closed: unable to contact We tried 2 times without making contact, which is our scheme’s limit, so the referral is now closed as “unable to contact”\./);
    assert.match(page, new RegExp(`A message to the referrer \\(referral ${referral.reference}\\) is waiting in the outbox`));
    assert.doesNotMatch(page, /Log a contact attempt/, 'nothing more to log');

    const row = await referralRow(referral.id);
    assert.equal(row.status, 'closed');
    assert.equal(row.closed_reason, 'unable_to_contact');
    assert.equal(await stageOf(person.id), 'closed');
    assert.deepEqual(
      (await eventsOf(referral.id)).map((event) => event.summary),
      ['Referral accepted. A new record was created.', 'Contact attempt 1 of 2: phone call, no answer', 'Contact attempt 2 of 2: through school or college, wrong number or address', 'Closed: unable to contact'],
    );
    const [message, ...others] = await outboxOf(referral.id);
    assert.equal(others.length, 0);
    assert.equal(message!.to_address, 'referrer@example.test');
    assert.match(message!.subject, new RegExp(`Referral ${referral.reference}`));
    assert.match(message!.body, /We tried 2 times to get in touch with the young person you referred \(by phone and through their school or college\)/);
    assert.match(message!.body, /you are very welcome to refer them to us again/);
    assert.doesNotMatch(message!.body, /Kezia|Armitage/);

    const history = await t.database.db
      .selectFrom('record_history')
      .select(['old_value', 'new_value', 'actor_user_id'])
      .where('record_id', '=', referral.id)
      .where('field', '=', 'closed_reason')
      .where('new_value', 'is not', null)
      .execute();
    assert.deepEqual(history, [{ old_value: null, new_value: 'unable_to_contact', actor_user_id: org.linkWorker.id }], 'the change is in the history');
    const formAfter = await worker.get(`/young-people/${person.id}/contact-attempts/new`);
    assert.deepEqual([formAfter.status, formAfter.location], [303, `/young-people/${person.id}`], 'a closed case has no form, only its record');
  });

  test('a young person who referred themselves is told as "you", never as "the young person you referred"', async () => {
    const org = await t.newOrganisation();
    await t.database.db.updateTable('scheme_settings').set({ contact_attempts: 1 }).where('org_id', '=', org.id).execute();
    const { person, referral } = await createAllocatedReferral(t.database, org);
    await t.database.db.updateTable('referrals').set({ route: 'self' }).where('id', '=', referral.id).execute();
    const worker = await t.signedIn(org.linkWorker);
    await logAttempt(worker, person.id, { method: 'phone', outcome: 'no_answer' });
    const [message] = await outboxOf(referral.id);
    assert.match(message!.body, /We tried 1 times to get in touch with you \(by phone\), but we were not able to reach you\./);
    assert.match(message!.body, /you are very welcome to refer yourself again/);
    assert.doesNotMatch(message!.body, /young person you referred|refer them/);
  });

  test('a young person who does not want support: closed with the SNOMED CT code, the referrer told only that', async () => {
    const org = await t.newOrganisation();
    const { person, referral } = await createAllocatedReferral(t.database, org, { givenName: 'Tamsin', familyName: 'Oduya' });
    const manager = await t.signedIn(org.manager);
    const declined = await logAttempt(manager, person.id, { method: 'phone', outcome: 'declined', note: 'Said they are doing better now' });
    assert.equal(declined.location, `/young-people/${person.id}?notice=declined`);
    assert.match(pageText((await manager.get(declined.location!)).body), /Case closed They chose not to go ahead, so the referral is closed\./);
    const row = await referralRow(referral.id);
    assert.deepEqual([row.status, row.closed_reason], ['closed', 'declined_by_young_person']);
    assert.equal(await stageOf(person.id), 'closed');
    const closing = (await eventsOf(referral.id)).at(-1);
    assert.deepEqual(closing, { kind: 'closed', summary: 'Closed: the young person chose not to go ahead', snomed_code: '871711000000103', actor_user_id: org.manager.id });
    const [message] = await outboxOf(referral.id);
    assert.match(message!.body, /The young person chose not to go ahead with support from us at the moment, so we have closed the referral\./);
    assert.doesNotMatch(message!.body, /Tamsin|Oduya|doing better/);
  });

  test('a referrer who asked for no updates is not messaged, and the link worker is told so', async () => {
    const org = await t.newOrganisation();
    const { person, referral } = await createAllocatedReferral(t.database, org, { wantsUpdates: false });
    const worker = await t.signedIn(org.linkWorker);
    const declined = await logAttempt(worker, person.id, { method: 'in_person', outcome: 'declined' });
    assert.match(pageText((await worker.get(declined.location!)).body), /The referrer asked not to get updates, so they have not been told\./);
    assert.equal((await outboxOf(referral.id)).length, 0);
  });
});

describe('who may log attempts', () => {
  test('a link worker not allocated, a commissioner and another scheme get 404', async () => {
    const org = await t.newOrganisation();
    const { person } = await createAllocatedReferral(t.database, org);
    const colleague = await t.signedIn(org.otherLinkWorker);
    assert.equal((await colleague.get(`/young-people/${person.id}`)).status, 404);
    assert.equal((await colleague.get(`/young-people/${person.id}/contact-attempts/new`)).status, 404);
    // A real token from the colleague's own session, so only the allocation stands in the way.
    const own = await createAllocatedReferral(t.database, org, { allocatedTo: org.otherLinkWorker.id });
    const form = await colleague.get(`/young-people/${own.person.id}/contact-attempts/new`);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(form.body)![1]!;
    const post = await colleague.post(`/young-people/${person.id}/contact-attempts`, { _csrf: csrf, method: 'phone', outcome: 'declined' });
    assert.equal(post.status, 404);
    assert.equal(await stageOf(person.id), 'making_contact');

    const commissioner = await t.signedIn(org.commissioner);
    assert.equal((await commissioner.get(`/young-people/${person.id}/contact-attempts/new`)).status, 404);
    const elsewhere = await t.signedIn((await t.newOrganisation()).manager);
    assert.equal((await elsewhere.get(`/young-people/${person.id}/contact-attempts/new`)).status, 404);
    assert.equal((await elsewhere.get('/young-people/not-an-id/contact-attempts/new')).status, 404);
  });
});

describe('the timeline', () => {
  test('shows every event, newest first, with who and the SNOMED CT code and its meaning', async () => {
    const org = await t.newOrganisation();
    const { person } = await createAllocatedReferral(t.database, org, { submittedAt: new Date(Date.now() - 3_600_000) });
    const worker = await t.signedIn(org.linkWorker);
    await logAttempt(worker, person.id, { method: 'phone', outcome: 'declined' });
    const page = pageText((await worker.get(`/young-people/${person.id}`)).body);
    const timeline = page.slice(page.indexOf('Timeline'));
    assert.match(
      timeline,
      new RegExp(
        `What happened Closed: the young person chose not to go ahead Who ${org.linkWorker.name} SNOMED CT code SNOMED CT 871711000000103: Social prescribing declined .*` +
          `What happened Referral accepted\\. A new record was created\\. Who ${org.manager.name} SNOMED CT code SNOMED CT 871731000000106: Referral to social prescribing service`,
      ),
    );
    assert.match(page, /Attempt 1 When .+ How Phone call What happened They do not want support/, 'the attempts stay on the record after it closes');
  });
});

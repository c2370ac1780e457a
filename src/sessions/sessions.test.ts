import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestApp, type TestApp } from '../../test/support/test-app.ts';
import { TestAgent, pageText } from '../../test/support/agent.ts';
import { ATTENDED_NOTES, IN_THE_PAST, book, bookedSession, bookingFields, personInSupport, recordSession, sessionsOf, signedIn } from '../../test/support/sessions.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

const accessLogOf = (personId: string, recordType: string) =>
  t.database.db.selectFrom('access_log').select(['action', 'actor_user_id']).where('young_person_id', '=', personId).where('record_type', '=', recordType).execute();
const historyOf = (personId: string, recordType: string) =>
  t.database.db.selectFrom('record_history').select(['field', 'new_value']).where('young_person_id', '=', personId).where('record_type', '=', recordType).execute();

describe('booking a session', () => {
  test('a link worker books a session in the scheme’s places, and it is listed with the usage so far', async () => {
    const org = await t.newOrganisation();
    const person = await personInSupport(t, org);
    const worker = await signedIn(t, org.linkWorker);
    const page = await worker.get(`/young-people/${person.id}/sessions`);
    assert.equal(page.status, 200);
    const before = pageText(page.body);
    assert.match(before, /Sessions 0 of 6 sessions used Weeks 0 of 12 weeks used, since/);
    assert.match(before, /Next session None booked/);
    assert.match(before, /No sessions yet in this episode/);

    const done = await book(worker, person.id);
    assert.equal(done.status, 303);
    assert.equal(done.location, `/young-people/${person.id}/sessions?notice=booked`);
    const [session] = await sessionsOf(t, person.id);
    assert.ok(session);
    assert.equal(session.starts_at.toISOString(), '2030-03-04T14:30:00.000Z', 'UK time, outside summer time');
    assert.equal(session.duration_minutes, 45);
    assert.equal(session.setting, 'cafe');
    assert.equal(session.place, 'The Corner Café');
    assert.equal(session.status, 'scheduled');
    assert.equal(session.link_worker_id, org.linkWorker.id);
    assert.equal(session.home_visit_approval, null);
    assert.ok(session.episode_id);

    const after = pageText((await worker.get(done.location!)).body);
    assert.match(after, /Session booked\./);
    assert.match(after, /0 of 6 sessions used, 1 booked/);
    assert.match(after, /Next session 4 Mar 2030, 14:30, Café: The Corner Café/);
    assert.match(after, /4 Mar 2030, 14:30 Where Café: The Corner Café Length 45 minutes Status Booked/);

    const summer = await bookedSession(t, worker, person.id, { 'date[month]': '7', time: '9.15am', setting: 'phone', place: '' });
    const summerRow = (await sessionsOf(t, person.id)).find((row) => row.id === summer)!;
    assert.equal(summerRow.starts_at.toISOString(), '2030-07-04T08:15:00.000Z', 'UK summer time is an hour ahead');
    assert.equal(summerRow.place, null);
    assert.ok((await historyOf(person.id, 'support_sessions')).some((change) => change.field === 'setting' && change.new_value === 'phone'), 'the change is in the history');
  });

  test('mistakes get clear messages and what was typed stays', async () => {
    const org = await t.newOrganisation();
    const person = await personInSupport(t, org);
    const worker = await signedIn(t, org.linkWorker);
    const refused = await book(worker, person.id, { 'date[day]': '31', 'date[month]': '2', time: '25:00', duration: 'an hour', setting: '', place: 'Room 4 & the garden' });
    assert.equal(refused.status, 400);
    const text = pageText(refused.body);
    assert.match(text, /There is a problem The date of the session must be a real date, like 27 3 2009 Start time must be a real time, like 14:30 or 2:30pm Length must be a whole number from 5 to 480 Select where or how the session happens/);
    assert.match(refused.body, /href="#date-day"/);
    assert.match(refused.body, /name="date\[day\]" type="text" value="31"/);
    assert.match(refused.body, /value="25:00"/);
    assert.match(refused.body, /value="an hour"/);
    assert.match(refused.body, /value="Room 4 &amp; the garden"/);
    assert.equal((await sessionsOf(t, person.id)).length, 0);

    const notOffered = await book(worker, person.id, { setting: 'carrier_pigeon' });
    assert.equal(notOffered.status, 400);
  });

  test('only the places the scheme offers are choices', async () => {
    const org = await t.newOrganisation();
    await t.database.db.updateTable('scheme_settings').set({ session_settings: ['school', 'video'] }).where('org_id', '=', org.id).execute();
    const person = await personInSupport(t, org);
    const worker = await signedIn(t, org.linkWorker);
    const page = await worker.get(`/young-people/${person.id}/sessions`);
    assert.match(page.body, /value="school"/);
    assert.match(page.body, /value="video"/);
    assert.doesNotMatch(page.body, /value="cafe"/);
    assert.equal((await book(worker, person.id, { setting: 'cafe' })).status, 400);
  });
});

describe('recording a session on one page', () => {
  test('attended needs what happened, what was agreed and next steps, and keeps what was typed', async () => {
    const org = await t.newOrganisation();
    const person = await personInSupport(t, org);
    const worker = await signedIn(t, org.linkWorker);
    const sessionId = await bookedSession(t, worker, person.id, IN_THE_PAST);

    const empty = await recordSession(worker, person.id, sessionId, {});
    assert.equal(empty.status, 400);
    assert.match(pageText(empty.body), /There is a problem Select what happened to the session/);

    const partial = await recordSession(worker, person.id, sessionId, { outcome: 'attended', whatHappened: 'We walked & talked' });
    assert.equal(partial.status, 400);
    const text = pageText(partial.body);
    assert.match(text, /There is a problem Enter what was agreed Enter the next steps/);
    assert.doesNotMatch(text, /Enter what happened in the session/);
    assert.match(partial.body, /value="attended" checked/);
    assert.match(partial.body, /We walked &amp; talked<\/textarea>/);
    assert.equal((await sessionsOf(t, person.id))[0]!.status, 'scheduled');

    const done = await recordSession(worker, person.id, sessionId, ATTENDED_NOTES);
    assert.equal(done.status, 303);
    assert.equal(done.location, `/young-people/${person.id}/sessions?notice=recorded`);
    const [session] = await sessionsOf(t, person.id);
    assert.equal(session!.status, 'attended');
    assert.equal(session!.what_was_agreed, ATTENDED_NOTES.whatWasAgreed);
    assert.equal(session!.next_steps, ATTENDED_NOTES.nextSteps);
    assert.equal(session!.recorded_by, org.linkWorker.id);
    assert.ok(session!.recorded_at);
    const after = pageText((await worker.get(done.location!)).body);
    assert.match(after, /Session recorded\./);
    assert.match(after, /1 of 6 sessions used/);
    assert.match(after, /Status Attended Action Change/);

    const again = await worker.get(`/young-people/${person.id}/sessions/${sessionId}/record`);
    assert.match(again.body, /Try the Saturday club once, with me there\.<\/textarea>/, 'the record can be opened again to correct it');
    assert.ok((await historyOf(person.id, 'support_sessions')).some((change) => change.field === 'what_was_agreed'), 'the notes are in the history');
    assert.ok((await accessLogOf(person.id, 'support_sessions')).some((row) => row.action === 'update' && row.actor_user_id === org.linkWorker.id));
  });

  test('did not attend and cancelled need no notes; cancelled says by whom', async () => {
    const org = await t.newOrganisation();
    const person = await personInSupport(t, org);
    const worker = await signedIn(t, org.linkWorker);
    const missed = await bookedSession(t, worker, person.id, IN_THE_PAST);
    const cancelled = await bookedSession(t, worker, person.id, { 'date[day]': '11' });

    assert.equal((await recordSession(worker, person.id, missed, { outcome: 'did_not_attend', nextSteps: 'Text them tomorrow' })).status, 303);
    const noWho = await recordSession(worker, person.id, cancelled, { outcome: 'cancelled' });
    assert.equal(noWho.status, 400);
    assert.match(pageText(noWho.body), /There is a problem Select who cancelled the session/);
    assert.equal((await recordSession(worker, person.id, cancelled, { outcome: 'cancelled', cancelledBy: 'parent_carer' })).status, 303);

    const [first, second] = await sessionsOf(t, person.id);
    assert.equal(first!.status, 'did_not_attend');
    assert.equal(first!.next_steps, 'Text them tomorrow');
    assert.equal(second!.status, 'cancelled');
    assert.equal(second!.cancelled_by, 'parent_carer');
    const text = pageText((await worker.get(`/young-people/${person.id}/sessions`)).body);
    assert.match(text, /0 of 6 sessions used/, 'missed and cancelled sessions do not use up support');
    assert.match(text, /Did not attend/);
    assert.match(text, /Cancelled/);
  });

  test('links the session to the plan’s goals and actions, ignoring ids from elsewhere', async () => {
    const org = await t.newOrganisation();
    const person = await personInSupport(t, org);
    const episode = await t.database.db.selectFrom('episodes').select('id').where('young_person_id', '=', person.id).executeTakeFirstOrThrow();
    const plan = await t.database.db.insertInto('plans').values({ org_id: org.id, young_person_id: person.id, episode_id: episode.id }).returning('id').executeTakeFirstOrThrow();
    const goal = await t.database.db.insertInto('goals').values({ org_id: org.id, young_person_id: person.id, plan_id: plan.id, position: 1, wording: 'Feel less on my own at weekends' }).returning('id').executeTakeFirstOrThrow();
    const action = await t.database.db
      .insertInto('plan_actions')
      .values({ org_id: org.id, young_person_id: person.id, plan_id: plan.id, goal_id: goal.id, description: 'Visit the Saturday football club', owner: 'young_person' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const worker = await signedIn(t, org.linkWorker);
    const sessionId = await bookedSession(t, worker, person.id, IN_THE_PAST);
    const form = await worker.get(`/young-people/${person.id}/sessions/${sessionId}/record`);
    assert.match(pageText(form.body), /Goal 1: Feel less on my own at weekends/);
    assert.match(pageText(form.body), /Visit the Saturday football club/);

    const stranger = '00000000-0000-4000-8000-000000000000';
    const done = await recordSession(worker, person.id, sessionId, { ...ATTENDED_NOTES, goalIds: [goal.id, stranger], actionIds: action.id });
    assert.equal(done.status, 303);
    const [session] = await sessionsOf(t, person.id);
    assert.deepEqual(session!.goal_ids, [goal.id]);
    assert.deepEqual(session!.action_ids, [action.id]);
    const reopened = await worker.get(`/young-people/${person.id}/sessions/${sessionId}/record`);
    assert.match(reopened.body, new RegExp(`value="${goal.id}" checked`));
  });

  test('the next session can be booked on the same page, with its own checks', async () => {
    const org = await t.newOrganisation();
    const person = await personInSupport(t, org);
    const worker = await signedIn(t, org.linkWorker);
    const sessionId = await bookedSession(t, worker, person.id, IN_THE_PAST);
    const badNext = await recordSession(worker, person.id, sessionId, { ...ATTENDED_NOTES, bookNext: 'yes', ...bookingFields({ time: 'noon-ish' }, 'next') });
    assert.equal(badNext.status, 400);
    assert.match(pageText(badNext.body), /There is a problem Start time must be a real time/);
    assert.match(badNext.body, /href="#nextTime"/);
    assert.match(badNext.body, /value="noon-ish"/);
    assert.match(badNext.body, /value="yes" checked/);
    assert.equal((await sessionsOf(t, person.id)).length, 1, 'nothing saved');

    const done = await recordSession(worker, person.id, sessionId, { ...ATTENDED_NOTES, bookNext: 'yes', ...bookingFields({ 'date[day]': '11', setting: 'school', place: '' }, 'next') });
    assert.equal(done.status, 303);
    const [recorded, next] = await sessionsOf(t, person.id);
    assert.equal(recorded!.status, 'attended');
    assert.equal(next!.status, 'scheduled');
    assert.equal(next!.setting, 'school');
    assert.equal(next!.starts_at.toISOString(), '2030-03-11T14:30:00.000Z');
  });

  test('a session that was not booked can be recorded as it happened', async () => {
    const org = await t.newOrganisation();
    const person = await personInSupport(t, org);
    const worker = await signedIn(t, org.linkWorker);
    const sessionsPage = await worker.get(`/young-people/${person.id}/sessions`);
    assert.match(sessionsPage.body, new RegExp(`href="/young-people/${person.id}/sessions/record"`));
    const missingWhen = await worker.submit(`/young-people/${person.id}/sessions/record`, { ...ATTENDED_NOTES, setting: 'phone' });
    assert.equal(missingWhen.status, 400);
    assert.match(pageText(missingWhen.body), /There is a problem Enter the date of the session Enter the time the session starts/);
    const done = await worker.submit(`/young-people/${person.id}/sessions/record`, { ...bookingFields({ 'date[year]': '2025', setting: 'phone', place: '' }), ...ATTENDED_NOTES });
    assert.equal(done.status, 303);
    const [session] = await sessionsOf(t, person.id);
    assert.equal(session!.status, 'attended');
    assert.equal(session!.setting, 'phone');
    assert.equal(session!.what_happened, ATTENDED_NOTES.whatHappened);
  });
});

describe('the missed-sessions policy', () => {
  test('prompts on the sessions page and the overview after the scheme’s number of missed sessions in a row', async () => {
    const org = await t.newOrganisation();
    await t.database.db.updateTable('scheme_settings').set({ missed_sessions_prompt: 2 }).where('org_id', '=', org.id).execute();
    const person = await personInSupport(t, org);
    const worker = await signedIn(t, org.linkWorker);
    const first = await bookedSession(t, worker, person.id, { 'date[day]': '4', ...IN_THE_PAST });
    const second = await bookedSession(t, worker, person.id, { 'date[day]': '11', ...IN_THE_PAST });
    await recordSession(worker, person.id, first, { outcome: 'did_not_attend' });
    const prompt = /2 missed sessions in a row Our policy: try to contact them, agree with them whether to carry on, or discharge them\./;
    assert.doesNotMatch(pageText((await worker.get(`/young-people/${person.id}/sessions`)).body), prompt, 'one miss is not yet a pattern');

    await recordSession(worker, person.id, second, { outcome: 'did_not_attend' });
    const sessionsPage = await worker.get(`/young-people/${person.id}/sessions`);
    assert.match(pageText(sessionsPage.body), prompt);
    assert.match(sessionsPage.body, new RegExp(`href="/young-people/${person.id}/discharge"`));
    const overview = await worker.get(`/young-people/${person.id}`);
    assert.match(pageText(overview.body), prompt);
    assert.match(pageText(overview.body), /Sessions 0 of 6 sessions used/);
    assert.match(overview.body, new RegExp(`href="/young-people/${person.id}/sessions"`));
  });
});

describe('who can see sessions', () => {
  test('a link worker not allocated, and another scheme, get not found; a commissioner is refused', async () => {
    const org = await t.newOrganisation();
    const person = await personInSupport(t, org);
    const worker = await signedIn(t, org.linkWorker);
    const sessionId = await bookedSession(t, worker, person.id);
    const other = await signedIn(t, org.otherLinkWorker);
    for (const path of ['/sessions', `/sessions/${sessionId}/record`, '/sessions/record', '/sessions/extension']) {
      assert.equal((await other.get(`/young-people/${person.id}${path}`)).status, 404, path);
    }
    const posted = await other.post(`/young-people/${person.id}/sessions`, bookingFields());
    assert.ok([403, 404].includes(posted.status));
    const elsewhere = await t.newOrganisation();
    const stranger = await signedIn(t, elsewhere.manager);
    assert.equal((await stranger.get(`/young-people/${person.id}/sessions`)).status, 404);
    const commissioner = await signedIn(t, org.commissioner);
    assert.ok([403, 404].includes((await commissioner.get(`/young-people/${person.id}/sessions`)).status));
    assert.equal((await sessionsOf(t, person.id)).length, 1);
  });

  test('looking at the sessions page is in the access log', async () => {
    const org = await t.newOrganisation();
    const person = await personInSupport(t, org);
    const worker = await signedIn(t, org.linkWorker);
    await bookedSession(t, worker, person.id);
    await worker.get(`/young-people/${person.id}/sessions`);
    assert.ok((await accessLogOf(person.id, 'support_sessions')).some((row) => row.action === 'view' && row.actor_user_id === org.linkWorker.id));
  });

  test('a manager can open any record’s sessions', async () => {
    const org = await t.newOrganisation();
    const person = await personInSupport(t, org);
    const manager = new TestAgent(t.app);
    await manager.signIn(org.manager);
    assert.equal((await manager.get(`/young-people/${person.id}/sessions`)).status, 200);
  });
});

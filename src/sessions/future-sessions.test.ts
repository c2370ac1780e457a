import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestApp, type TestApp } from '../../test/support/test-app.ts';
import { pageText } from '../../test/support/agent.ts';
import { ATTENDED_NOTES, bookedSession, bookingFields, IN_THE_PAST, personInSupport, recordSession, sessionsOf, signedIn } from '../../test/support/sessions.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

/** The date-input fields for a day this many days from today, in the UK. */
function daysAhead(days: number): Record<string, string> {
  const [year, month, day] = new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10).split('-');
  return { 'date[day]': String(Number(day)), 'date[month]': String(Number(month)), 'date[year]': year! };
}

async function summaryOf(personId: string, worker: Awaited<ReturnType<typeof signedIn>>) {
  return pageText((await worker.get(`/young-people/${personId}/sessions`)).body);
}

describe('a session booked ahead', () => {
  test('cannot be recorded as attended or missed before it starts; it offers cancel or rearrange instead', async () => {
    const org = await t.newOrganisation();
    const person = await personInSupport(t, org);
    const worker = await signedIn(t, org.linkWorker);
    const sessionId = await bookedSession(t, worker, person.id, daysAhead(10));

    const list = await summaryOf(person.id, worker);
    assert.match(list, /Cancel or rearrange the session on/);
    const form = await worker.get(`/young-people/${person.id}/sessions/${sessionId}/record`);
    assert.doesNotMatch(form.body, /value="attended"/, 'attended is not offered');
    assert.doesNotMatch(form.body, /value="did_not_attend"/, 'did not attend is not offered');
    assert.match(form.body, /value="cancelled"/);
    assert.match(pageText(form.body), /This session has not started yet, so you cannot record whether they attended/);
    assert.match(form.body, new RegExp(`href="/young-people/${person.id}/sessions/${sessionId}/rearrange"`));

    for (const outcome of [ATTENDED_NOTES, { outcome: 'did_not_attend' }]) {
      const refused = await recordSession(worker, person.id, sessionId, outcome);
      assert.equal(refused.status, 400);
      assert.match(pageText(refused.body), /There is a problem You can record whether they attended only once the session has started\. Until then, cancel it or rearrange it/);
    }
    const [session] = await sessionsOf(t, person.id);
    assert.equal(session!.status, 'scheduled', 'nothing was saved');
    assert.match(await summaryOf(person.id, worker), /0 of 6 sessions used, 1 booked/);

    const cancelled = await recordSession(worker, person.id, sessionId, { outcome: 'cancelled', cancelledBy: 'young_person' });
    assert.equal(cancelled.status, 303);
    assert.equal((await sessionsOf(t, person.id))[0]!.status, 'cancelled');
  });

  test('positive control: a session that has started is recorded as attended and counts as used', async () => {
    const org = await t.newOrganisation();
    const person = await personInSupport(t, org);
    const worker = await signedIn(t, org.linkWorker);
    const sessionId = await bookedSession(t, worker, person.id, IN_THE_PAST);
    assert.match(await summaryOf(person.id, worker), /Record the session on/);
    assert.equal((await recordSession(worker, person.id, sessionId, ATTENDED_NOTES)).status, 303);
    assert.match(await summaryOf(person.id, worker), /1 of 6 sessions used/);
  });

  test('rearranging moves it to another time, and keeps where it happens', async () => {
    const org = await t.newOrganisation();
    const person = await personInSupport(t, org);
    const worker = await signedIn(t, org.linkWorker);
    const sessionId = await bookedSession(t, worker, person.id, daysAhead(10));
    const path = `/young-people/${person.id}/sessions/${sessionId}/rearrange`;

    const wrong = await worker.submit(path, { ...daysAhead(12), time: 'teatime' });
    assert.equal(wrong.status, 400);
    assert.match(pageText(wrong.body), /There is a problem Start time must be a real time/);
    assert.match(wrong.body, /value="teatime"/);

    const moved = await worker.submit(path, { ...daysAhead(12), time: '16:00', duration: '30' });
    assert.equal(moved.status, 303);
    assert.equal(moved.location, `/young-people/${person.id}/sessions?notice=rearranged`);
    const [session] = await sessionsOf(t, person.id);
    assert.equal(session!.status, 'scheduled');
    assert.equal(session!.duration_minutes, 30);
    assert.equal(session!.setting, 'cafe');
    assert.equal(session!.place, 'The Corner Café');
    assert.ok(session!.starts_at.getTime() > Date.now() + 11 * 86_400_000);
  });

  test('a session that has started cannot be rearranged: it is recorded instead', async () => {
    const org = await t.newOrganisation();
    const person = await personInSupport(t, org);
    const worker = await signedIn(t, org.linkWorker);
    const sessionId = await bookedSession(t, worker, person.id, IN_THE_PAST);
    const page = await worker.get(`/young-people/${person.id}/sessions/${sessionId}/rearrange`);
    assert.equal(page.status, 303);
    assert.equal(page.location, `/young-people/${person.id}/sessions/${sessionId}/record`);
  });

  test('a session not booked ahead can be recorded only once it has happened', async () => {
    const org = await t.newOrganisation();
    const person = await personInSupport(t, org);
    const worker = await signedIn(t, org.linkWorker);
    const future = await worker.submit(`/young-people/${person.id}/sessions/record`, { ...bookingFields({ ...daysAhead(10), setting: 'phone', place: '' }), ...ATTENDED_NOTES });
    assert.equal(future.status, 400);
    assert.match(pageText(future.body), /There is a problem The session must have already happened/);
    assert.equal((await sessionsOf(t, person.id)).length, 0);
  });
});

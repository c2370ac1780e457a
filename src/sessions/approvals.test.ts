import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestApp, type TestApp } from '../../test/support/test-app.ts';
import { pageText } from '../../test/support/agent.ts';
import { book, bookedSession, IN_THE_PAST, personInSupport, sessionsOf, signedIn } from '../../test/support/sessions.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

const episodeOf = (personId: string) => t.database.db.selectFrom('episodes').selectAll().where('young_person_id', '=', personId).executeTakeFirstOrThrow();
const extensionsOf = (personId: string) => t.database.db.selectFrom('extension_requests').selectAll().where('young_person_id', '=', personId).execute();

describe('home visits', () => {
  test('where the scheme requires it, a home visit waits for a manager’s approval before it is confirmed', async () => {
    const org = await t.newOrganisation();
    const person = await personInSupport(t, org);
    const worker = await signedIn(t, org.linkWorker);
    const done = await book(worker, person.id, { setting: 'home_visit', place: '' });
    assert.equal(done.location, `/young-people/${person.id}/sessions?notice=home-visit-requested`);
    const [visit] = await sessionsOf(t, person.id);
    assert.equal(visit!.home_visit_approval, 'requested');
    const waiting = pageText((await worker.get(done.location!)).body);
    assert.match(waiting, /Home visit booked\. A manager needs to approve it before it is confirmed\./);
    assert.match(waiting, /Home visit Length 45 minutes Status Waiting for approval/);

    const manager = await signedIn(t, org.manager);
    const approvals = await manager.get('/approvals');
    assert.equal(approvals.status, 200);
    assert.match(approvals.body, /href="\/approvals" aria-current="page"/, 'managers reach it from the navigation');
    assert.match(pageText(approvals.body), new RegExp(`Home visit: ${person.givenName} ${person.familyName} .* When 4 Mar 2030, 14:30, 45 minutes Where Home visit Link worker ${org.linkWorker.name}`));
    const approved = await manager.submitPage(approvals, '/approvals', {}, `/approvals/home-visits/${visit!.id}`);
    assert.equal(approved.status, 303);
    assert.equal(approved.location, '/approvals?notice=home-visit-approved');
    const after = await sessionsOf(t, person.id);
    assert.equal(after[0]!.home_visit_approval, 'approved');
    assert.equal(after[0]!.home_visit_decided_by, org.manager.id);
    assert.match(pageText((await manager.get(approved.location!)).body), /Home visit approved\. .* No home visits are waiting for approval\./);
    assert.match(pageText((await worker.get(`/young-people/${person.id}/sessions`)).body), /Status Booked/);

    const twice = await manager.post(`/approvals/home-visits/${visit!.id}`, { _csrf: /name="_csrf" value="([^"]+)"/.exec(approvals.body)![1]!, decision: 'decline' });
    assert.equal(twice.location, '/approvals?notice=already-decided', 'a decision stands');
    assert.equal((await sessionsOf(t, person.id))[0]!.home_visit_approval, 'approved');
  });

  test('a declined home visit shows as not approved; a scheme without the rule books them straight away', async () => {
    const org = await t.newOrganisation();
    const person = await personInSupport(t, org);
    const worker = await signedIn(t, org.linkWorker);
    const visit = await bookedSession(t, worker, person.id, { setting: 'home_visit' });
    const manager = await signedIn(t, org.manager);
    const declined = await manager.submit('/approvals', { decision: 'decline' }, `/approvals/home-visits/${visit}`);
    assert.equal(declined.location, '/approvals?notice=home-visit-declined');
    assert.match(pageText((await worker.get(`/young-people/${person.id}/sessions`)).body), /Status Home visit not approved .* Next session None booked|Next session None booked .* Home visit not approved/);

    await t.database.db.updateTable('scheme_settings').set({ home_visits_need_approval: false }).where('org_id', '=', org.id).execute();
    const free = await bookedSession(t, worker, person.id, { setting: 'home_visit', 'date[day]': '5' });
    assert.equal((await sessionsOf(t, person.id)).find((row) => row.id === free)!.home_visit_approval, null);
  });

  test('only managers decide', async () => {
    const org = await t.newOrganisation();
    const person = await personInSupport(t, org);
    const worker = await signedIn(t, org.linkWorker);
    const visit = await bookedSession(t, worker, person.id, { setting: 'home_visit' });
    assert.equal((await worker.get('/approvals')).status, 404);
    const csrf = /name="_csrf" value="([^"]+)"/.exec((await worker.get(`/young-people/${person.id}/sessions`)).body)![1]!;
    assert.equal((await worker.post(`/approvals/home-visits/${visit}`, { _csrf: csrf, decision: 'approve' })).status, 404);
    assert.equal((await sessionsOf(t, person.id))[0]!.home_visit_approval, 'requested');
    const elsewhere = await signedIn(t, (await t.newOrganisation()).manager);
    assert.doesNotMatch((await elsewhere.get('/approvals')).body, new RegExp(person.familyName), 'another scheme’s manager never sees it');
  });
});

describe('extensions', () => {
  test('a link worker asks with a reason; approving raises the episode’s sessions and weeks', async () => {
    const org = await t.newOrganisation();
    const person = await personInSupport(t, org);
    const worker = await signedIn(t, org.linkWorker);
    const path = `/young-people/${person.id}/sessions/extension`;
    const empty = await worker.submit(path, { extraSessions: '', extraWeeks: '', reason: '' });
    assert.equal(empty.status, 400);
    assert.match(pageText(empty.body), /There is a problem Enter why they need more support/);
    const none = await worker.submit(path, { extraSessions: '0', extraWeeks: '', reason: 'Close to joining the club & needs a little longer' });
    assert.equal(none.status, 400);
    assert.match(pageText(none.body), /Enter how many extra sessions or weeks they need/);
    assert.match(none.body, /Close to joining the club &amp; needs a little longer<\/textarea>/);

    const asked = await worker.submit(path, { extraSessions: '2', extraWeeks: '4', reason: 'Close to joining the club' });
    assert.equal(asked.location, `/young-people/${person.id}/sessions?notice=extension-requested`);
    const sessionsPage = pageText((await worker.get(asked.location!)).body);
    assert.match(sessionsPage, /Extension requested\./);
    assert.match(sessionsPage, /2 more sessions and 4 more weeks Reason Close to joining the club Decision Waiting for a decision/);
    assert.equal((await worker.get(path)).status, 303, 'one request at a time');

    const manager = await signedIn(t, org.manager);
    const approvals = await manager.get('/approvals');
    assert.match(pageText(approvals.body), /Asked for 2 more sessions and 4 more weeks Allowed now 6 sessions over 12 weeks Reason Close to joining the club/);
    const [request] = await extensionsOf(person.id);
    const approved = await manager.submitPage(approvals, '/approvals', {}, `/approvals/extensions/${request!.id}/approve`);
    assert.equal(approved.location, '/approvals?notice=extension-approved');
    const episode = await episodeOf(person.id);
    assert.equal(episode.sessions_allowed, 8);
    assert.equal(episode.weeks_allowed, 16);
    const decided = (await extensionsOf(person.id))[0]!;
    assert.equal(decided.status, 'approved');
    assert.equal(decided.decided_by, org.manager.id);
    assert.match(pageText((await worker.get(`/young-people/${person.id}/sessions`)).body), /0 of 8 sessions used .* 0 of 16 weeks used/);
    const history = await t.database.db.selectFrom('record_history').select(['record_type', 'field', 'new_value']).where('young_person_id', '=', person.id).execute();
    assert.ok(history.some((row) => row.record_type === 'episodes' && row.field === 'sessions_allowed' && row.new_value === '8'), 'the raised allowance is in the history');
    assert.ok(history.some((row) => row.record_type === 'extension_requests' && row.field === 'status' && row.new_value === 'approved'));
  });

  test('declining needs a note the link worker then sees, and leaves the allowance as it was', async () => {
    const org = await t.newOrganisation();
    const person = await personInSupport(t, org);
    const worker = await signedIn(t, org.linkWorker);
    await worker.submit(`/young-people/${person.id}/sessions/extension`, { extraSessions: '3', extraWeeks: '0', reason: 'Wants to keep meeting' });
    const [request] = await extensionsOf(person.id);
    const manager = await signedIn(t, org.manager);
    const declinePath = `/approvals/extensions/${request!.id}/decline`;
    const noNote = await manager.submit(declinePath, { note: '' });
    assert.equal(noNote.status, 400);
    assert.match(pageText(noNote.body), /There is a problem Enter why the extension is not approved, for the link worker/);
    const declined = await manager.submit(declinePath, { note: 'Plan the ending and connect them to the youth club.' });
    assert.equal(declined.location, '/approvals?notice=extension-declined');
    assert.equal((await episodeOf(person.id)).sessions_allowed, 6);
    const page = pageText((await worker.get(`/young-people/${person.id}/sessions`)).body);
    assert.match(page, /3 more sessions Reason Wants to keep meeting Decision Not approved Manager’s note Plan the ending and connect them to the youth club\./);
    assert.equal((await manager.get(declinePath)).location, '/approvals?notice=already-decided');
  });

  test('near and over the limit the sessions page warns and offers an extension', async () => {
    const org = await t.newOrganisation();
    const person = await personInSupport(t, org);
    await t.database.db.updateTable('episodes').set({ sessions_allowed: 2 }).where('young_person_id', '=', person.id).execute();
    const worker = await signedIn(t, org.linkWorker);
    const first = await bookedSession(t, worker, person.id, IN_THE_PAST);
    await worker.submit(`/young-people/${person.id}/sessions/${first}/record`, { outcome: 'attended', whatHappened: 'Met', whatWasAgreed: 'Meet again', nextSteps: 'Book' });
    assert.match(pageText((await worker.get(`/young-people/${person.id}/sessions`)).body), /Support is nearly at the scheme’s limit 1 session left of 2\. .* Ask for an extension/);
    const second = await bookedSession(t, worker, person.id, { 'date[day]': '11', ...IN_THE_PAST });
    await worker.submit(`/young-people/${person.id}/sessions/${second}/record`, { outcome: 'attended', whatHappened: 'Met', whatWasAgreed: 'Meet again', nextSteps: 'Book' });
    assert.match(pageText((await worker.get(`/young-people/${person.id}`)).body), /Support has reached the scheme’s limit 2 of 2 sessions used\./);
  });
});

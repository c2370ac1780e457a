import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { after, before, describe, test } from 'node:test';
import { startTestApp, type TestApp } from '../../test/support/test-app.ts';
import { TestAgent, pageText } from '../../test/support/agent.ts';
import { codeIn, lastMessageTo, makeLink, personWithPlan } from '../../test/support/own-page.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

const SESSION_COOKIE = 'linkway_me';

async function youngPersonRows(youngPersonId: string) {
  return t.database.db
    .selectFrom('access_log')
    .select(['actor_role', 'actor_user_id', 'record_type', 'action'])
    .where('young_person_id', '=', youngPersonId)
    .where('actor_role', '=', 'young_person')
    .execute();
}

describe('opening the page with a private link', () => {
  test('lands on /me without the token in the address, and shows their name, goals, scores and next session', async () => {
    const org = await t.newOrganisation();
    const person = await personWithPlan(t.database, org, { preferredName: 'Rilo' });
    const linkPath = await makeLink(t, org, person.id);
    const young = new TestAgent(t.app);

    const opened = await young.get(linkPath);
    assert.equal(opened.status, 303);
    assert.equal(opened.location, '/me');
    const cookie = (opened.headers['set-cookie'] as string | string[] | undefined)?.toString() ?? '';
    assert.match(cookie, /linkway_me=[^;]+;.*HttpOnly/i);
    assert.match(cookie, /SameSite=Lax/i);

    const page = await young.get('/me');
    assert.equal(page.status, 200);
    assert.equal(page.headers['cache-control'], 'no-store');
    assert.doesNotMatch(page.body, /\/me\/[A-Za-z0-9_-]{43}/, 'the link is not repeated on the page');
    const text = pageText(page.body);
    assert.match(text, /Hello Rilo/);
    assert.match(text, new RegExp(`${person.goals[0]!.wording} Your last score: 3 out of 10, on 5 January 2026`));
    assert.match(text, new RegExp(`${person.goals[1]!.wording} No score yet`));
    assert.match(text, /Your next session When .* How long 45 minutes How Café Where Bean There café/);
    assert.doesNotMatch(text, new RegExp(person.familyName), 'no more than they need: not even their family name');

    const rows = await youngPersonRows(person.id);
    const seen = new Set(rows.map((row) => `${row.action} ${row.record_type}`));
    for (const expected of ['sign_in own_page_links', 'view young_people', 'view episodes', 'view plans', 'view goals', 'view goal_ratings', 'view support_sessions', 'update own_page_links']) {
      assert.ok(seen.has(expected), `audited: ${expected}`);
    }
    assert.ok(rows.every((row) => row.actor_user_id === null));
  });

  test('a place that only repeats how the session happens is not shown twice', async () => {
    const org = await t.newOrganisation();
    const person = await personWithPlan(t.database, org, { preferredName: 'Rilo' });
    await t.database.db.updateTable('support_sessions').set({ setting: 'video', place: 'Video' }).where('young_person_id', '=', person.id).execute();
    const young = new TestAgent(t.app);
    await young.get(await makeLink(t, org, person.id));
    const text = pageText((await young.get('/me')).body);
    assert.match(text, /How long 45 minutes How Video call/);
    assert.doesNotMatch(text, /Where/);
  });

  test('an expired, stopped, replaced or made-up link is refused kindly, and opens nothing', async () => {
    const org = await t.newOrganisation();
    const person = await personWithPlan(t.database, org);
    const young = new TestAgent(t.app);

    const expired = await makeLink(t, org, person.id);
    await t.database.db.updateTable('own_page_links').set({ expires_at: new Date(Date.now() - 1000) }).where('young_person_id', '=', person.id).execute();
    const replaced = await makeLink(t, org, person.id);
    const working = await makeLink(t, org, person.id);
    for (const path of [expired, replaced, `/me/${'A'.repeat(43)}`, '/me/not-a-token']) {
      const page = await young.get(path);
      assert.equal(page.status, 410, path);
      assert.match(pageText(page.body), /This link no longer works .* sign in with a code/);
      assert.equal(young.cookie(SESSION_COOKIE), undefined);
    }

    assert.equal((await young.get(working)).status, 303);
    assert.equal((await young.get('/me')).status, 200);
    const staff = new TestAgent(t.app);
    await staff.signIn(org.linkWorker);
    await staff.submit(`/young-people/${person.id}/own-page`, {}, `/young-people/${person.id}/own-page/stop`);
    const afterStop = await young.get('/me');
    assert.equal(afterStop.location, '/me/sign-in?notice=ended', 'stopping the link signs out the page it opened');
    assert.equal((await young.get(working)).status, 410);
  });

  test('the page says kindly that support has ended when there is no open episode, and still takes feedback', async () => {
    const org = await t.newOrganisation();
    const person = await personWithPlan(t.database, org);
    const linkPath = await makeLink(t, org, person.id);
    await t.database.db.updateTable('episodes').set({ closed_on: '2026-02-01', discharge_reason: 'goals_met' }).where('id', '=', person.episodeId).execute();
    const young = new TestAgent(t.app);
    await young.get(linkPath);
    const text = pageText((await young.get('/me')).body);
    assert.match(text, /Your support from .* has ended\. Thank you for being part of it/);
    assert.doesNotMatch(text, /Your goals|Your next session|climbing/);
    const sent = await young.submit('/me', { helpfulness: '5' }, '/me/feedback');
    assert.equal(sent.location, '/me?notice=feedback');
    const feedback = await t.database.db.selectFrom('service_feedback').selectAll().where('young_person_id', '=', person.id).executeTakeFirstOrThrow();
    assert.equal(feedback.episode_id, person.episodeId, 'linked to the support that ended');
  });
});

describe('signing in with a code', () => {
  test('a code by email signs in; the code works once', async () => {
    const org = await t.newOrganisation();
    const person = await personWithPlan(t.database, org, { email: 'Sam.Code@example.test' });
    const young = new TestAgent(t.app);
    const asked = await young.submit('/me/sign-in', { address: 'sam.code@EXAMPLE.test' });
    assert.equal(asked.location, '/me/code');
    const message = await lastMessageTo(t.database, 'Sam.Code@example.test');
    assert.ok(message);
    assert.equal(message.channel, 'email');
    const code = codeIn(message.body);
    assert.match(message.body, /works for 10 minutes/);
    const requestToken = young.cookie('linkway_me_code')!;

    const signedIn = await young.submit('/me/code', { code: `${code.slice(0, 3)} ${code.slice(3)}` });
    assert.equal(signedIn.location, '/me');
    assert.match(pageText((await young.get('/me')).body), /Hello/);
    const rows = await youngPersonRows(person.id);
    assert.ok(rows.some((row) => row.action === 'request_code' && row.record_type === 'own_page_codes'));
    assert.ok(rows.some((row) => row.action === 'sign_in' && row.record_type === 'own_page_codes'));
    assert.equal(young.cookie('linkway_me_code'), undefined, 'the request cookie is cleared after signing in');
    const replay = new TestAgent(t.app);
    replay.setCookie('linkway_me_code', requestToken);
    const reused = await replay.submit('/me/code', { code });
    assert.equal(reused.location, '/me/sign-in', 'a used code opens nothing');
    assert.equal(replay.cookie(SESSION_COOKIE), undefined);
  });

  test('a code by text waits in the outbox as a text message, and is never emailed', async () => {
    const org = await t.newOrganisation();
    await personWithPlan(t.database, org, { phone: '07700 900456' });
    const young = new TestAgent(t.app);
    await young.submit('/me/sign-in', { address: '+44 7700 900456' });
    const message = await lastMessageTo(t.database, '07700 900456');
    assert.ok(message);
    assert.equal(message.channel, 'text');
    assert.equal(message.status, 'held');
    assert.equal((await young.submit('/me/code', { code: codeIn(message.body) })).location, '/me');

    const admin = new TestAgent(t.app);
    await admin.signIn(org.admin);
    assert.match(pageText((await admin.get('/outbox')).body), /Subject Your sign-in code To 07700 900456 By Text message Status Waiting to be passed on/);
  });

  test('a wrong code counts: five wrong tries end it, even with the right one after', async () => {
    const org = await t.newOrganisation();
    await personWithPlan(t.database, org, { email: 'wrong.code@example.test' });
    const young = new TestAgent(t.app);
    await young.submit('/me/sign-in', { address: 'wrong.code@example.test' });
    const code = codeIn((await lastMessageTo(t.database, 'wrong.code@example.test'))!.body);
    const wrongCode = code === '000000' ? '111111' : '000000';
    for (let attempt = 1; attempt <= 4; attempt += 1) {
      const wrong = await young.submit('/me/code', { code: wrongCode });
      assert.equal(wrong.status, 400);
      assert.match(pageText(wrong.body), /There is a problem The code is not right/);
      assert.match(wrong.body, new RegExp(`value="${wrongCode}"`), 'keeps what was typed');
    }
    assert.match(pageText((await young.submit('/me/code', { code: wrongCode })).body), /entered wrongly too many times\. Ask for a new code/);
    const right = await young.submit('/me/code', { code });
    assert.equal(right.status, 400);
    assert.match(pageText(right.body), /too many times/);
    assert.equal(young.cookie(SESSION_COOKIE), undefined);
  });

  test('an expired code is refused', async () => {
    const org = await t.newOrganisation();
    const person = await personWithPlan(t.database, org, { email: 'late@example.test' });
    const young = new TestAgent(t.app);
    await young.submit('/me/sign-in', { address: 'late@example.test' });
    const code = codeIn((await lastMessageTo(t.database, 'late@example.test'))!.body);
    await sql`update own_page_codes set expires_at = now() - interval '1 second' where young_person_id = ${person.id}`.execute(t.database.db);
    const page = await young.submit('/me/code', { code });
    assert.equal(page.status, 400);
    assert.match(pageText(page.body), /This code has run out\. Ask for a new code/);
    assert.equal(young.cookie(SESSION_COOKIE), undefined);
  });

  test('an unknown address gets exactly the same answer, and no message is made', async () => {
    const org = await t.newOrganisation();
    await personWithPlan(t.database, org, { email: 'known@example.test' });
    const known = new TestAgent(t.app);
    const unknown = new TestAgent(t.app);
    const knownAnswer = await known.submit('/me/sign-in', { address: 'known@example.test' });
    const unknownAnswer = await unknown.submit('/me/sign-in', { address: 'nobody-here@example.test' });
    assert.equal(unknownAnswer.status, knownAnswer.status);
    assert.equal(unknownAnswer.location, knownAnswer.location);
    assert.equal(pageText((await unknown.get('/me/code')).body), pageText((await known.get('/me/code')).body));
    assert.equal(await lastMessageTo(t.database, 'nobody-here@example.test'), undefined);
    const wrong = await unknown.submit('/me/code', { code: '123456' });
    assert.match(pageText(wrong.body), /The code is not right/);
  });

  test('bad input is explained and kept', async () => {
    const young = new TestAgent(t.app);
    const empty = await young.submit('/me/sign-in', { address: '' });
    assert.equal(empty.status, 400);
    assert.match(pageText(empty.body), /There is a problem Enter your email address or mobile number/);
    const landline = await young.submit('/me/sign-in', { address: '0113 496 0000' });
    assert.match(pageText(landline.body), /Enter an email address like name@example\.com, or a mobile number like 07700 900123/);
    assert.match(landline.body, /value="0113 496 0000"/);
    assert.equal((await young.get('/me/code')).location, '/me/sign-in', 'no code page before asking for one');
    assert.equal((await young.get('/me')).location, '/me/sign-in');
  });
});

describe('what the young person can do on the page', () => {
  test('a goal score and feedback are saved as theirs, and audited', async () => {
    const org = await t.newOrganisation();
    const person = await personWithPlan(t.database, org);
    const young = new TestAgent(t.app);
    await young.get(await makeLink(t, org, person.id));
    const goal = person.goals[1]!;

    const missing = await young.submit('/me', { goalId: goal.id }, '/me/rate');
    assert.equal(missing.status, 400);
    assert.match(pageText(missing.body), /There is a problem Choose a number from 0 to 10/);
    assert.match(missing.body, new RegExp(`href="#rating-${goal.id}"`));

    const rated = await young.submit('/me', { goalId: goal.id, rating: '7' }, '/me/rate');
    assert.equal(rated.location, '/me?notice=rated');
    const text = pageText((await young.get('/me?notice=rated')).body);
    assert.match(text, /Your score has been saved/);
    assert.match(text, new RegExp(`${goal.wording} Your last score: 7 out of 10`));
    const rating = await t.database.db.selectFrom('goal_ratings').selectAll().where('goal_id', '=', goal.id).executeTakeFirstOrThrow();
    assert.equal(rating.rated_by, 'young_person');
    assert.equal(rating.recorded_by, null);

    const tooLong = await young.submit('/me', { helpfulness: '4', comment: 'x'.repeat(2001) }, '/me/feedback');
    assert.equal(tooLong.status, 400);
    assert.match(pageText(tooLong.body), /2000 characters or fewer/);
    const given = await young.submit('/me', { helpfulness: '4', comment: 'The café chats help.' }, '/me/feedback');
    assert.equal(given.location, '/me?notice=feedback');
    const feedback = await t.database.db.selectFrom('service_feedback').selectAll().where('young_person_id', '=', person.id).executeTakeFirstOrThrow();
    assert.equal(feedback.helpfulness, 4);
    assert.equal(feedback.comment, 'The café chats help.');
    assert.equal(feedback.episode_id, person.episodeId);

    const changes = await t.database.db
      .selectFrom('access_log')
      .select(['record_type', 'action', 'actor_role'])
      .where('young_person_id', '=', person.id)
      .where('action', '=', 'insert')
      .where('record_type', 'in', ['goal_ratings', 'service_feedback'])
      .where('actor_role', 'is not', null)
      .execute();
    assert.deepEqual(changes.map((row) => `${row.record_type} ${row.actor_role}`).sort(), ['goal_ratings young_person', 'service_feedback young_person']);
  });

  test('the page shows nothing of another young person, and their goals cannot be scored', async () => {
    const org = await t.newOrganisation();
    const mine = await personWithPlan(t.database, org);
    const theirs = await personWithPlan(t.database, org);
    const young = new TestAgent(t.app);
    await young.get(await makeLink(t, org, mine.id));
    const text = pageText((await young.get('/me')).body);
    assert.doesNotMatch(text, new RegExp(theirs.givenName));

    const tried = await young.submit('/me', { goalId: theirs.goals[0]!.id, rating: '9' }, '/me/rate');
    assert.equal(tried.location, '/me');
    const ratings = await t.database.db.selectFrom('goal_ratings').select('id').where('goal_id', '=', theirs.goals[0]!.id).execute();
    assert.equal(ratings.length, 1, 'only the rating made with the link worker');
    const theirRows = await youngPersonRows(theirs.id);
    assert.equal(theirRows.length, 0, 'nothing of theirs was read');
  });

  test('signing out ends the session', async () => {
    const org = await t.newOrganisation();
    const person = await personWithPlan(t.database, org);
    const young = new TestAgent(t.app);
    await young.get(await makeLink(t, org, person.id));
    const token = young.cookie(SESSION_COOKIE)!;
    const out = await young.submit('/me', {}, '/me/sign-out');
    assert.equal(out.location, '/me/sign-in?notice=signed-out');
    const replay = new TestAgent(t.app);
    replay.setCookie(SESSION_COOKIE, token);
    assert.equal((await replay.get('/me')).location, '/me/sign-in?notice=ended');
  });
});

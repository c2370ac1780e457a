import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { TestAgent, pageText } from '../../../test/support/agent.ts';
import { createYoungPerson, type TestOrganisation } from '../../../test/support/fixtures.ts';
import { redactPrivateLinks } from '../../platform/http/log-redaction.ts';
import { hashToken } from '../../platform/auth/tokens.ts';
import { ONS4 } from '../scoring/definitions/ons4.ts';
import { answerRows, firstUnanswered, nextStep } from './link-questions.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

const LINK_PATH = /\/m\/[A-Za-z0-9_-]{43}/;
const sendPath = (id: string) => `/young-people/${id}/measures/send`;
const KIND_REFUSAL = /This link no longer works This link has already been used, or has expired\. Your link worker can send you a new one\./;

async function personIn(org: TestOrganisation, details: { email?: string; phone?: string } = {}) {
  const person = await createYoungPerson(t.database, org.id, { allocatedTo: org.linkWorker.id });
  await t.database.db.updateTable('young_people').set({ email: details.email ?? null, phone: details.phone ?? null }).where('id', '=', person.id).execute();
  return person;
}

/** Sends an ONS4 link as the allocated link worker and returns its path, as shown once on the page. */
async function sendLink(org: TestOrganisation, youngPersonId: string, fields: Record<string, string> = {}): Promise<string> {
  const staff = new TestAgent(t.app);
  await staff.signIn(org.linkWorker);
  const made = await staff.submit(sendPath(youngPersonId), { measure: 'ons4', moment: 'review', ...fields });
  assert.equal(made.status, 303);
  const path = LINK_PATH.exec((await staff.get(made.location!)).body)?.[0];
  assert.ok(path, 'the new link is shown');
  return path;
}

/** Answers one question as a young person would: the form on the question's page, with one choice. */
async function answer(young: TestAgent, linkPath: string, question: number, value: string, query = '') {
  return young.submit(`${linkPath}/${question}${query}`, { answer: value });
}

describe('the order of the questions', () => {
  test('goes to the next unanswered question, back to the check page when changing, and to the check page at the end', () => {
    assert.equal(firstUnanswered(ONS4, {}), 1);
    assert.equal(firstUnanswered(ONS4, { life_satisfaction: 5, worthwhile: 5 }), 3);
    assert.equal(firstUnanswered(ONS4, { life_satisfaction: 5, worthwhile: 5, happiness: 5, anxiety: 5 }), undefined);
    assert.equal(nextStep(ONS4, { life_satisfaction: 5 }, 1, false), 2);
    assert.equal(nextStep(ONS4, { life_satisfaction: 5, happiness: 3 }, 1, false), 2);
    assert.equal(nextStep(ONS4, { worthwhile: 5, happiness: 3, anxiety: 2 }, 4, false), 1, 'a skipped question is asked before checking');
    assert.equal(nextStep(ONS4, { life_satisfaction: 5, worthwhile: 5, happiness: 5, anxiety: 5 }, 4, false), 'check');
    assert.equal(nextStep(ONS4, { life_satisfaction: 5 }, 1, true), 'check');
    const rows = answerRows(ONS4, { life_satisfaction: 0, worthwhile: 10 }, (number) => `/q/${number}`);
    assert.deepEqual(rows.map((row) => row.value.text), ['0 – Not at all', '10 – Completely', 'Not answered', 'Not answered']);
    assert.equal(rows[1]!.actions.items[0]!.href, '/q/2?change=1');
  });
});

describe('sending a measure link', () => {
  test('shows the link once, keeps only its hash, emails and texts it with nothing about the young person or the questions', async () => {
    const org = await t.newOrganisation();
    const person = await personIn(org, { email: 'sky@example.test', phone: '07700 900111' });
    const staff = new TestAgent(t.app);
    await staff.signIn(org.linkWorker);

    const page = pageText((await staff.get(sendPath(person.id))).body);
    assert.match(page, /Which questions\? ONS personal well-being \(ONS4\) 4 questions/);
    assert.doesNotMatch(page, /Goal-Based|SWEMWBS|Warwick/, 'goals are scored on the own page; licensed wording is not imported');
    assert.match(page, /Email it to sky@example\.test Text it to 07700 900111/);

    const emailed = await staff.submit(sendPath(person.id), { measure: 'ons4', moment: 'baseline', send: 'email' });
    assert.equal(emailed.location, `${sendPath(person.id)}?notice=email`);
    const shown = await staff.get(emailed.location!);
    assert.equal(shown.headers['cache-control'], 'no-store');
    const linkPath = LINK_PATH.exec(shown.body)?.[0];
    assert.ok(linkPath);
    assert.match(pageText(shown.body), /The link has been emailed to them.*You will only see this link once/);
    assert.doesNotMatch((await staff.get(sendPath(person.id))).body, LINK_PATH, 'shown once only');
    assert.match(pageText((await staff.get(sendPath(person.id))).body), /Questions ONS personal well-being \(ONS4\) When Baseline Sent \d+ \w+ \d{4} Where it stands Waiting for answers until/);

    await staff.submit(sendPath(person.id), { measure: 'ons4', moment: 'review', send: 'text' });
    const messages = await t.database.db
      .selectFrom('outbox_messages')
      .select(['to_address', 'subject', 'body', 'channel'])
      .where('org_id', '=', org.id)
      .orderBy('created_at')
      .execute();
    assert.deepEqual(messages.map((message) => [message.to_address, message.channel]), [['sky@example.test', 'email'], ['07700 900111', 'text']]);
    assert.ok(messages[0]!.body.includes(linkPath), 'the email holds the link');
    for (const message of messages) {
      assert.equal(message.subject, 'A few short questions from your link worker');
      assert.doesNotMatch(message.body, new RegExp(`${person.givenName}|${person.familyName}|\\bONS|well-?being|anxi|happ`, 'i'));
    }

    const stored = await t.database.db.selectFrom('measure_links').select(['token_hash', 'measure_version', 'moment', 'episode_id']).where('young_person_id', '=', person.id).orderBy('created_at').execute();
    assert.equal(stored[0]!.token_hash, hashToken(linkPath.slice(3)));
    assert.ok(!linkPath.includes(stored[0]!.token_hash), 'only a hash of the token is kept');
    assert.deepEqual([stored[0]!.measure_version, stored[0]!.moment], [ONS4.version, 'baseline']);
    assert.ok(stored[0]!.episode_id, 'the link belongs to the open episode');

    const audit = await t.database.db
      .selectFrom('access_log')
      .select(['actor_user_id', 'actor_role'])
      .where('young_person_id', '=', person.id)
      .where('record_type', '=', 'measure_links')
      .where('action', '=', 'insert')
      .execute();
    assert.deepEqual(audit[0], { actor_user_id: org.linkWorker.id, actor_role: 'link_worker' });
  });

  test('a second baseline for the same measure is refused while the first is out or answered; a review is still sent', async () => {
    const org = await t.newOrganisation();
    const person = await personIn(org);
    await sendLink(org, person.id, { moment: 'baseline' });
    const staff = new TestAgent(t.app);
    await staff.signIn(org.linkWorker);
    const again = await staff.submit(sendPath(person.id), { measure: 'ons4', moment: 'baseline' });
    assert.equal(again.status, 400);
    assert.match(pageText(again.body), /They already have a baseline for ONS personal well-being \(ONS4\) in this support: choose Review, Discharge or Another time/);
    assert.match(again.body, /value="baseline" checked/, 'what was chosen stays');
    await sendLink(org, person.id, { moment: 'review' });
  });

  test('says what is missing and keeps what was chosen; other link workers and commissioners cannot send', async () => {
    const org = await t.newOrganisation();
    const person = await personIn(org);
    const staff = new TestAgent(t.app);
    await staff.signIn(org.linkWorker);
    const refused = await staff.submit(sendPath(person.id), { moment: 'discharge' });
    assert.equal(refused.status, 400);
    assert.match(pageText(refused.body), /There is a problem Choose which questions to send/);
    assert.match(refused.body, /value="discharge" checked/);
    const unknown = await staff.submit(sendPath(person.id), { measure: 'swemwbs', moment: 'review' });
    assert.equal(unknown.status, 400, 'a measure the scheme cannot send is refused');
    assert.equal(await t.database.db.selectFrom('measure_links').select('id').where('young_person_id', '=', person.id).executeTakeFirst(), undefined);

    const other = new TestAgent(t.app);
    await other.signIn(org.otherLinkWorker);
    assert.equal((await other.get(sendPath(person.id))).status, 404);
    const commissioner = new TestAgent(t.app);
    await commissioner.signIn(org.commissioner);
    assert.ok([403, 404].includes((await commissioner.get(sendPath(person.id))).status));
  });
});

describe('answering through the link', () => {
  test('one question per screen, a check page, and Send saves a scored response and uses the link up', async () => {
    const org = await t.newOrganisation();
    const person = await personIn(org);
    const linkPath = await sendLink(org, person.id);
    const young = new TestAgent(t.app);

    const start = await young.get(linkPath);
    assert.equal(start.status, 200);
    assert.equal(start.headers['cache-control'], 'no-store');
    assert.match(pageText(start.body), /A few short questions from your link worker There are 4 questions, one on each screen/);
    assert.ok(start.body.includes(`href="${linkPath}/1"`));

    const first = pageText((await young.get(`${linkPath}/1`)).body);
    assert.match(first, /Question 1 of 4 Overall, how satisfied are you with your life nowadays\?/);
    const missing = await young.submit(`${linkPath}/1`, {});
    assert.equal(missing.status, 400);
    assert.match(pageText(missing.body), /There is a problem Choose an answer/);
    assert.equal((await answer(young, linkPath, 1, '11')).status, 400, 'only the question’s own answers are taken');

    assert.equal((await answer(young, linkPath, 1, '4')).location, `${linkPath}/2`);
    assert.equal((await answer(young, linkPath, 2, '5')).location, `${linkPath}/3`);
    assert.equal((await answer(young, linkPath, 3, '6')).location, `${linkPath}/4`);
    assert.equal((await answer(young, linkPath, 4, '8')).location, `${linkPath}/check`);

    const check = pageText((await young.get(`${linkPath}/check`)).body);
    assert.match(check, /Your answers .*satisfied .* 4 .*worthwhile.* 5 .*happy.* 6 .*anxious.* 8/);
    assert.equal((await answer(young, linkPath, 4, '7', '?change=1')).location, `${linkPath}/check`, 'a changed answer goes back to the check page');

    const sent = await young.submit(`${linkPath}/check`, {});
    assert.equal(sent.location, '/m/sent');
    assert.match(pageText((await young.get('/m/sent')).body), /Your answers have been sent/);

    const response = await t.database.db
      .selectFrom('measure_responses')
      .select(['measure_key', 'measure_version', 'moment', 'collected_by', 'answers', 'scores', 'recorded_by', 'episode_id'])
      .where('young_person_id', '=', person.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(response.answers, { life_satisfaction: 4, worthwhile: 5, happiness: 6, anxiety: 7 });
    assert.deepEqual(response.scores, { life_satisfaction: 4, worthwhile: 5, happiness: 6, anxiety: 7 });
    assert.deepEqual([response.measure_key, response.measure_version, response.moment, response.collected_by, response.recorded_by], ['ons4', 1, 'review', 'young_person_link', null]);
    assert.ok(response.episode_id);
    const link = await t.database.db.selectFrom('measure_links').select(['used_at', 'response_id']).where('young_person_id', '=', person.id).executeTakeFirstOrThrow();
    assert.ok(link.used_at);
    assert.ok(link.response_id);

    const audit = await t.database.db
      .selectFrom('access_log')
      .select(['record_type', 'action'])
      .where('young_person_id', '=', person.id)
      .where('actor_role', '=', 'young_person')
      .where('actor_user_id', 'is', null)
      .execute();
    const logged = new Set(audit.map((row) => `${row.record_type} ${row.action}`));
    assert.deepEqual([...logged].sort(), ['measure_links update', 'measure_links view', 'measure_responses insert']);

    const staff = new TestAgent(t.app);
    await staff.signIn(org.linkWorker);
    assert.match(pageText((await staff.get(sendPath(person.id))).body), /Answered on \d+ \w+ \d{4}/);
  });

  test('saves each answer, so they can stop and come back with the same link on another device', async () => {
    const org = await t.newOrganisation();
    const person = await personIn(org);
    const linkPath = await sendLink(org, person.id);
    const phone = new TestAgent(t.app);
    await answer(phone, linkPath, 1, '2');
    await answer(phone, linkPath, 2, '9');

    const later = new TestAgent(t.app);
    const start = await later.get(linkPath);
    assert.ok(start.body.includes(`href="${linkPath}/3"`), 'carries on at the first unanswered question');
    assert.match(pageText(start.body), /Carry on/);
    assert.match((await later.get(`${linkPath}/2`)).body, /value="9" checked/, 'an earlier answer is shown chosen');
    assert.equal((await later.get(`${linkPath}/check`)).location, `${linkPath}/3`, 'the check page waits for every answer');
    const progress = await t.database.db.selectFrom('measure_links').select('progress').where('young_person_id', '=', person.id).executeTakeFirstOrThrow();
    assert.deepEqual(progress.progress, { life_satisfaction: 2, worthwhile: 9 });

    const staff = new TestAgent(t.app);
    await staff.signIn(org.linkWorker);
    assert.match(pageText((await staff.get(sendPath(person.id))).body), /Waiting for answers until \d+ \w+ \d{4}, 2 of 4 answered so far/);
  });

  test('a used, expired, stopped or made-up link is refused kindly, with no details', async () => {
    const org = await t.newOrganisation();
    const person = await personIn(org);

    const used = await sendLink(org, person.id);
    const young = new TestAgent(t.app);
    for (const [question, value] of [[1, '5'], [2, '5'], [3, '5'], [4, '5']] as const) await answer(young, used, question, value);
    const checkPage = await young.get(`${used}/check`);
    assert.equal((await young.submitPage(checkPage, `${used}/check`, {})).location, '/m/sent');
    const again = await young.submitPage(checkPage, `${used}/check`, {});
    assert.equal(again.status, 410, 'sending twice is refused');
    const questionPage = await young.get(`${used}/1`);
    assert.equal(questionPage.status, 410);
    assert.match(pageText(questionPage.body), KIND_REFUSAL);
    assert.equal((await t.database.db.selectFrom('measure_responses').select('id').where('young_person_id', '=', person.id).execute()).length, 1);

    const expired = await sendLink(org, person.id);
    await t.database.db.updateTable('measure_links').set({ expires_at: new Date(Date.now() - 1000) }).where('token_hash', '=', hashToken(expired.slice(3))).execute();
    const expiredPage = await new TestAgent(t.app).get(expired);
    assert.equal(expiredPage.status, 410);
    assert.match(pageText(expiredPage.body), KIND_REFUSAL);

    const stopped = await sendLink(org, person.id);
    const staff = new TestAgent(t.app);
    await staff.signIn(org.linkWorker);
    const sendPage = await staff.get(sendPath(person.id));
    const stopAction = /action="(\/young-people\/[^"]+\/stop)"/.exec(sendPage.body)?.[1];
    assert.ok(stopAction, 'a working link can be stopped');
    assert.equal((await staff.submitPage(sendPage, sendPath(person.id), {}, stopAction)).location, `${sendPath(person.id)}?notice=stopped`);
    assert.equal((await new TestAgent(t.app).get(stopped)).status, 410);

    for (const path of ['/m/not-a-token', `/m/${'a'.repeat(43)}`, `/m/${'a'.repeat(43)}/1`]) {
      const page = await new TestAgent(t.app).get(path);
      assert.equal(page.status, 410, path);
      assert.match(pageText(page.body), KIND_REFUSAL);
    }
  });

  test('a link shows and changes only its own young person’s answers', async () => {
    const org = await t.newOrganisation();
    const first = await personIn(org);
    const second = await personIn(org);
    const firstLink = await sendLink(org, first.id);
    const secondLink = await sendLink(org, second.id);
    const young = new TestAgent(t.app);
    await answer(young, firstLink, 1, '3');

    const secondPage = await young.get(`${secondLink}/1`);
    assert.doesNotMatch(secondPage.body, /checked/, 'the other young person’s answer is not shown');
    for (const page of [await young.get(firstLink), await young.get(`${firstLink}/1`), secondPage]) {
      assert.doesNotMatch(page.body, new RegExp(`${first.givenName}|${first.familyName}|${second.givenName}|${second.familyName}`));
    }
    const progress = await t.database.db.selectFrom('measure_links').select(['young_person_id', 'progress']).where('org_id', '=', org.id).execute();
    assert.deepEqual(Object.fromEntries(progress.map((row) => [row.young_person_id, row.progress])), { [first.id]: { life_satisfaction: 3 }, [second.id]: {} });
  });

  test('the token never reaches the logs', () => {
    assert.equal(redactPrivateLinks(`/m/${'a'.repeat(43)}/2`), '/m/[private link]');
  });
});

import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { startTestApp, type TestApp } from '../../test/support/test-app.ts';
import { TestAgent, pageText } from '../../test/support/agent.ts';
import { csrfFrom, overviewAfter, signedInAdmin } from '../../test/support/scheme-settings.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

const rulesOf = (orgId: string) =>
  t.database.db.selectFrom('streetlight_rules').select(['id', 'question', 'answer', 'rating', 'reason']).where('org_id', '=', orgId).execute();
const ruleFor = async (orgId: string, question: string, answer: string) => (await rulesOf(orgId)).find((rule) => rule.question === question && rule.answer === answer);

describe('the rules page', () => {
  test('lists the rules with coloured tags, and explains the ratings and that unruled answers are green', async () => {
    const org = await t.newOrganisation();
    const admin = await signedInAdmin(t.app, org);
    const page = await admin.get('/settings/streetlight');
    assert.equal(page.status, 200);
    const text = pageText(page.body);
    assert.match(text, /Green What it means Social prescribing fits/);
    assert.match(text, /Amber What it means Discuss at the allocation meeting/);
    assert.match(text, /Red What it means Needs a statutory or clinical service first/);
    assert.match(text, /Answers with no rule are green/);
    assert.match(text, /Question Is the young person at immediate risk of harm, or have they talked about ending their life\? Answer Yes Rating Red Reason shown at triage At immediate risk/);
    assert.match(page.body, /nhsuk-tag--red">\s*Red/);
    assert.match(page.body, /nhsuk-tag--orange">\s*Amber/);
  });
});

describe('adding, changing and removing rules', () => {
  test('a rule is added, changed and removed, each ending on the overview with a banner', async () => {
    const org = await t.newOrganisation();
    const admin = await signedInAdmin(t.app, org);
    const added = await admin.submit('/settings/streetlight/new', { question: 'self_harm', answer: 'not_sure', rating: 'amber', reason: 'Self-harm not known: ask the referrer' });
    assert.match(await overviewAfter(admin, added), /Streetlight rule added\..*Amber .*Are they hurting themselves at the moment\? Not sure/);
    const rule = await ruleFor(org.id, 'self_harm', 'not_sure');
    assert.deepEqual([rule?.rating, rule?.reason], ['amber', 'Self-harm not known: ask the referrer']);
    assert.match(pageText((await admin.get('/settings/streetlight')).body), /Answer Not sure Rating Amber Reason shown at triage Self-harm not known: ask the referrer/);

    const form = await admin.get(`/settings/streetlight/${rule!.id}/change`);
    assert.match(form.body, /value="self_harm" checked/);
    assert.match(form.body, /value="amber" checked/);
    const changed = await admin.submitPage(form, `/settings/streetlight/${rule!.id}/change`, {
      question: 'self_harm',
      answer: 'not_sure',
      rating: 'red',
      reason: 'Not known: treat as current self-harm',
    });
    assert.match(await overviewAfter(admin, changed), /Streetlight rule changed\./);
    assert.deepEqual(await ruleFor(org.id, 'self_harm', 'not_sure'), { ...rule, rating: 'red', reason: 'Not known: treat as current self-harm' });

    const confirm = await admin.get(`/settings/streetlight/${rule!.id}/remove`);
    assert.match(pageText(confirm.body), /Remove this streetlight rule\? Question Are they hurting themselves at the moment\? Answer Not sure Rating Red/);
    assert.match(pageText(confirm.body), /the answer “Not sure” to this question will count as green/);
    const removed = await admin.submitPage(confirm, `/settings/streetlight/${rule!.id}/remove`, {});
    assert.match(await overviewAfter(admin, removed), /Streetlight rule removed\. That answer now counts as green\./);
    assert.equal(await ruleFor(org.id, 'self_harm', 'not_sure'), undefined);
    assert.equal((await admin.get(`/settings/streetlight/${rule!.id}/change`)).status, 404, 'a removed rule is gone');
  });

  test('one rule per answer: a duplicate is refused with a clear message, when adding and when changing', async () => {
    const org = await t.newOrganisation();
    const admin = await signedInAdmin(t.app, org);
    const before = await rulesOf(org.id);
    const duplicate = await admin.submit('/settings/streetlight/new', { question: 'risk_to_life', answer: 'yes', rating: 'amber', reason: 'Typed reason' });
    assert.equal(duplicate.status, 400);
    assert.match(pageText(duplicate.body), /There is a problem There is already a rule for this answer to this question\. Change or remove that rule instead/);
    assert.match(duplicate.body, /value="risk_to_life" checked/, 'what was chosen is kept');
    assert.match(duplicate.body, />Typed reason<\/textarea>/, 'what was typed is kept');

    const selfHarm = await ruleFor(org.id, 'self_harm', 'yes');
    const clash = await admin.submit(`/settings/streetlight/${selfHarm!.id}/change`, { question: 'safeguarding', answer: 'yes', rating: 'amber', reason: 'x' });
    assert.equal(clash.status, 400);
    assert.match(pageText(clash.body), /There is already a rule for this answer to this question/);
    assert.deepEqual(await rulesOf(org.id), before, 'nothing changed');

    const elsewhere = await t.newOrganisation();
    const elsewhereAdmin = await signedInAdmin(t.app, elsewhere);
    await elsewhereAdmin.submit(`/settings/streetlight/${(await ruleFor(elsewhere.id, 'self_harm', 'yes'))!.id}/remove`, {});
    const sameAnswerHere = await admin.submit('/settings/streetlight/new', { question: 'self_harm', answer: 'no', rating: 'green', reason: 'Fine' });
    assert.equal(sameAnswerHere.status, 303, 'another scheme’s rules do not count as duplicates');
  });

  test('a rule needs a question, an answer, a rating and a reason', async () => {
    const org = await t.newOrganisation();
    const admin = await signedInAdmin(t.app, org);
    const empty = await admin.submit('/settings/streetlight/new', {});
    assert.equal(empty.status, 400);
    assert.match(pageText(empty.body), /There is a problem Select the question Select the answer Select a rating Enter the reason shown at triage/);
    for (const field of ['question', 'answer', 'rating', 'reason']) assert.match(empty.body, new RegExp(`href="#${field}"`));
    const madeUp = await admin.submit('/settings/streetlight/new', { question: 'favourite_colour', answer: 'yes', rating: 'purple', reason: 'r'.repeat(301) });
    assert.match(pageText(madeUp.body), /Select the question Select a rating Reason must be 300 characters or fewer/);
  });
});

describe('who can reach the rules', () => {
  test('non-admins get 404, and an admin of another scheme gets 404 for this scheme’s rule ids', async () => {
    const org = await t.newOrganisation();
    const rule = await ruleFor(org.id, 'risk_to_life', 'yes');
    const before = await rulesOf(org.id);
    for (const user of [org.manager, org.linkWorker, org.commissioner]) {
      const agent = new TestAgent(t.app);
      await agent.signIn(user);
      for (const path of ['/settings/streetlight', '/settings/streetlight/new', `/settings/streetlight/${rule!.id}/change`]) {
        assert.equal((await agent.get(path)).status, 404, `${user.role} GET ${path}`);
      }
    }

    const elsewhere = await t.newOrganisation();
    const other = await signedInAdmin(t.app, elsewhere);
    for (const path of ['change', 'remove']) assert.equal((await other.get(`/settings/streetlight/${rule!.id}/${path}`)).status, 404, `GET ${path}`);
    const csrf = csrfFrom(await other.get('/settings/streetlight/new'));
    const fields = { _csrf: csrf, question: 'risk_to_life', answer: 'yes', rating: 'green', reason: 'Changed from elsewhere' };
    assert.equal((await other.post(`/settings/streetlight/${rule!.id}/change`, fields)).status, 404);
    assert.equal((await other.post(`/settings/streetlight/${rule!.id}/change`, { _csrf: csrf })).status, 404, 'even with mistakes in the form');
    assert.equal((await other.post(`/settings/streetlight/${rule!.id}/remove`, { _csrf: csrf })).status, 404);
    assert.deepEqual(await rulesOf(org.id), before, 'nothing changed');
    assert.equal((await other.get(`/settings/streetlight/${randomUUID()}/change`)).status, 404);
    assert.equal((await other.get('/settings/streetlight/not-an-id/change')).status, 404);
  });
});

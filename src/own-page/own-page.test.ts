import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestApp, type TestApp } from '../../test/support/test-app.ts';
import { TestAgent, pageText } from '../../test/support/agent.ts';
import { createYoungPerson } from '../../test/support/fixtures.ts';
import { redactPrivateLinks } from '../platform/http/log-redaction.ts';
import { LINK_PATH, lastMessageTo, makeLink, personWithPlan } from '../../test/support/own-page.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

const pagePath = (id: string) => `/young-people/${id}/own-page`;

describe('the staff page for a young person’s own page', () => {
  test('makes a private link, shows it once, emails it, and shows when it was last used', async () => {
    const org = await t.newOrganisation();
    const person = await personWithPlan(t.database, org, { email: 'ash@example.test', preferredName: 'Ash' });
    const staff = new TestAgent(t.app);
    await staff.signIn(org.linkWorker);

    const before = pageText((await staff.get(pagePath(person.id))).body);
    assert.match(before, /Their own page Ash can see their goals/);
    assert.match(before, /Private link No working link Last opened their page Not yet/);

    const made = await staff.submit(pagePath(person.id), { send: 'email' }, `${pagePath(person.id)}/link`);
    assert.equal(made.location, `${pagePath(person.id)}?notice=emailed`);
    const shown = await staff.get(made.location!);
    assert.equal(shown.headers['cache-control'], 'no-store');
    const linkPath = LINK_PATH.exec(shown.body)?.[0];
    assert.ok(linkPath);
    assert.match(pageText(shown.body), /The link has also been emailed to them.*You will only see this link once/);
    assert.doesNotMatch((await staff.get(pagePath(person.id))).body, LINK_PATH, 'shown once only');

    const email = await lastMessageTo(t.database, 'ash@example.test');
    assert.ok(email);
    assert.equal(email.channel, 'email');
    assert.ok(email.body.includes(linkPath), 'the email holds the link');
    const stored = await t.database.db.selectFrom('own_page_links').select('token_hash').where('young_person_id', '=', person.id).executeTakeFirstOrThrow();
    assert.ok(!linkPath.includes(stored.token_hash), 'only a hash of the token is kept');

    assert.match(pageText((await staff.get(pagePath(person.id))).body), /Works until .* Link last used Not used yet/);
    await new TestAgent(t.app).get(linkPath);
    assert.match(pageText((await staff.get(pagePath(person.id))).body), /Link last used \d+ \w+ \d{4}, \d\d:\d\d Last opened their page \d+ \w+ \d{4}, \d\d:\d\d, with a private link/);

    const audit = await t.database.db
      .selectFrom('access_log')
      .select(['actor_user_id', 'actor_role'])
      .where('young_person_id', '=', person.id)
      .where('record_type', '=', 'own_page_links')
      .where('action', '=', 'insert')
      .executeTakeFirstOrThrow();
    assert.deepEqual(audit, { actor_user_id: org.linkWorker.id, actor_role: 'link_worker' });
  });

  test('stops the link, and says which addresses a code can be sent to', async () => {
    const org = await t.newOrganisation();
    const person = await personWithPlan(t.database, org, { email: 'shared@example.test', phone: '0113 496 0000' });
    await personWithPlan(t.database, org, { email: 'Shared@example.test' });
    await makeLink(t, org, person.id);
    const staff = new TestAgent(t.app);
    await staff.signIn(org.manager);
    const text = pageText((await staff.get(pagePath(person.id))).body);
    assert.match(text, /shared@example\.test: another record has the same email address/);
    assert.match(text, /0113 496 0000: not a UK mobile number/);
    assert.match(text, /They cannot sign in with a code yet/);

    const stopped = await staff.submit(pagePath(person.id), {}, `${pagePath(person.id)}/stop`);
    assert.equal(stopped.location, `${pagePath(person.id)}?notice=stopped`);
    assert.match(pageText((await staff.get(stopped.location!)).body), /The link has been stopped\..*Private link No working link/);
  });

  test('shows the young person’s feedback, and the code sign-in address that works', async () => {
    const org = await t.newOrganisation();
    const person = await personWithPlan(t.database, org, { phone: '07700 900789' });
    const young = new TestAgent(t.app);
    await young.get(await makeLink(t, org, person.id));
    await young.submit('/me', { helpfulness: '5', comment: 'My link worker listens.' }, '/me/feedback');
    const staff = new TestAgent(t.app);
    await staff.signIn(org.linkWorker);
    const text = pageText((await staff.get(pagePath(person.id))).body);
    assert.match(text, /07700 900789: a code can be sent here/);
    assert.match(text, /Very helpful .*My link worker listens\./);
  });

  test('a link worker not allocated gets 404, a commissioner too, and neither can make or stop a link', async () => {
    const org = await t.newOrganisation();
    const person = await createYoungPerson(t.database, org.id, { allocatedTo: org.linkWorker.id });
    for (const user of [org.otherLinkWorker, org.commissioner]) {
      const agent = new TestAgent(t.app);
      await agent.signIn(user);
      assert.equal((await agent.get(pagePath(person.id))).status, 404, user.role);
      const form = await agent.get('/sign-out');
      for (const action of ['link', 'stop']) {
        const token = /name="_csrf" value="([^"]+)"/.exec(form.body)?.[1] ?? '';
        assert.equal((await agent.post(`${pagePath(person.id)}/${action}`, { _csrf: token })).status, 404, `${user.role} ${action}`);
      }
    }
    const links = await t.database.db.selectFrom('own_page_links').select('id').where('young_person_id', '=', person.id).execute();
    assert.equal(links.length, 0);
  });

  test('private links to the own page never reach the logs', () => {
    assert.equal(redactPrivateLinks(`/me/${'A'.repeat(43)}`), '/me/[private link]');
  });
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { checkAccessibility, describeJourneys, submit, visit } from '../../test/support/browser.ts';
import { heading, pathOf, signInAs } from '../../test/support/browser-steps.ts';
import { codeIn, LINK_PATH, lastMessageTo, personWithPlan } from '../../test/support/own-page.ts';

/** Each goal has its own "Save my score" button: press the one in this goal's form. */
async function saveScore(page: Page, goalWording: string, score: string): Promise<void> {
  const group = page.getByRole('group', { name: `How close are you to reaching this goal? ${goalWording}` });
  await group.getByLabel(score, { exact: true }).check();
  const loaded = page.waitForEvent('load');
  await group.locator('xpath=ancestor::form').getByRole('button', { name: 'Save my score' }).click();
  await loaded;
  await checkAccessibility(page);
}

describeJourneys('a young person’s own page, in a browser', (journeys) => {
  test('a link worker makes a link; on a phone the young person opens it, scores a goal, gives feedback, signs out and back in with a code', async () => {
    const org = await journeys.t.newOrganisation();
    const person = await personWithPlan(journeys.t.database, org, { phone: '07700 900321', preferredName: 'Kit' });

    const staff = await journeys.newPage();
    await signInAs(staff, org.linkWorker);
    await visit(staff, `/young-people/${person.id}/own-page`);
    await submit(staff, 'Make a private link');
    const linkPath = LINK_PATH.exec(await staff.getByRole('main').innerText())?.[0];
    assert.ok(linkPath, 'the new link is shown');

    const phone = await journeys.newPage({ viewport: 'phone' });
    await visit(phone, linkPath);
    assert.equal(pathOf(phone), '/me', 'the token is not left in the address bar');
    assert.equal(await heading(phone), 'Hello Kit');
    assert.match(await phone.getByRole('main').innerText(), /Bean There café/);

    const goal = person.goals[1]!.wording;
    await saveScore(phone, goal, '6');
    assert.match(await phone.getByRole('main').innerText(), new RegExp(`Your score has been saved[\\s\\S]*${goal}\\s+Your last score: 6 out of 10`));

    await phone.getByLabel('Helpful', { exact: true }).check();
    await phone.getByLabel('Anything else you want to tell us? (optional)').fill('Meeting in the café made it easier.');
    await submit(phone, 'Send feedback');
    assert.match(await phone.getByRole('main').innerText(), /Thank you for telling us how we are doing/);

    await submit(phone, 'Sign out');
    assert.equal(pathOf(phone), '/me/sign-in?notice=signed-out');
    await phone.getByLabel('Your email address or mobile number').fill('07700 900321');
    await submit(phone, 'Send me a code');
    assert.equal(await heading(phone), 'Enter your code');
    const message = await lastMessageTo(journeys.t.database, '07700 900321');
    assert.equal(message?.channel, 'text');
    await phone.getByLabel('Code', { exact: true }).fill(codeIn(message!.body));
    await submit(phone, 'Sign in');
    assert.equal(pathOf(phone), '/me');
    assert.equal(await heading(phone), 'Hello Kit');
  });
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeJourneys, follow, submit, visit } from '../../test/support/browser.ts';
import { pathOf, signInAs } from '../../test/support/browser-steps.ts';
import { createYoungPerson } from '../../test/support/fixtures.ts';

describeJourneys('"what matters to me" and the plan, in a browser', (journeys) => {
  test('a link worker records what matters, makes a plan with two goals, rates them and prints it', async () => {
    const org = await journeys.t.newOrganisation();
    const person = await createYoungPerson(journeys.t.database, org.id, { allocatedTo: org.linkWorker.id, givenName: 'Tomasz', familyName: 'Reid' });
    const page = await journeys.newPage({ viewport: 'phone' });
    await signInAs(page, org.linkWorker);
    await visit(page, `/young-people/${person.id}/what-matters`);

    // The design system's button-styled link has the role of a button.
    await submit(page, 'Record what matters to them');
    await page.getByLabel('Sports and being active').check();
    await page.getByLabel('Travel').check();
    await page.getByLabel('What matters to them (optional)').fill('My little sister, and being listened to');
    await submit(page, 'Save');
    assert.match(await page.getByRole('main').innerText(), /My little sister, and being listened to/);

    await follow(page, 'Plan and goals');
    for (const wording of ['Play five-a-side with people my age', 'Tell my teacher when I am struggling']) {
      await follow(page, 'Add a goal');
      await page.getByLabel('Their goal').fill(wording);
      await submit(page, 'Save');
    }
    await submit(page, 'Rate the goals');
    await submit(page, 'Save');
    assert.match(await page.locator('.nhsuk-error-summary').innerText(), /Enter a rating for goal 1, from 0 to 10/);
    await page.getByLabel('Goal 1: Play five-a-side with people my age').fill('3');
    await page.getByLabel('Goal 2: Tell my teacher when I am struggling').fill('1');
    await submit(page, 'Save');
    assert.equal(pathOf(page), `/young-people/${person.id}/plan?notice=goals-rated`);

    await follow(page, 'Add an agreed action');
    await page.getByLabel('What was agreed').fill('Visit the Friday football session');
    await page.getByRole('radio', { name: 'Someone else' }).check();
    await page.getByLabel('If someone else, who?').fill('youth worker');
    await submit(page, 'Save');
    assert.match(await page.getByRole('main').innerText(), /Visit the Friday football session/);

    await follow(page, 'See a printable copy for them');
    const printed = await page.getByRole('main').innerText();
    assert.match(printed, /Tomasz’s plan/);
    assert.match(printed, /Play five-a-side with people my age/);
    assert.match(printed, /Who: youth worker/);
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('.nhsuk-header').isVisible(), false, 'the printed copy leaves off the header');
  });
});

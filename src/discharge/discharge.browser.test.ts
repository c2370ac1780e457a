import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeJourneys, follow, submit, visit } from '../../test/support/browser.ts';
import { signInAs } from '../../test/support/browser-steps.ts';
import { createAllocatedReferral } from '../../test/support/contact.ts';

describeJourneys('consent and discharge, in a browser', (journeys) => {
  test('a link worker records consent, withdraws it, and ends support with the referrer told nothing', async () => {
    const org = await journeys.t.newOrganisation();
    const { person } = await createAllocatedReferral(journeys.t.database, org, { givenName: 'Ola', familyName: 'Brennan' });
    const page = await journeys.newPage({ viewport: 'phone' });
    await signInAs(page, org.linkWorker);
    await visit(page, `/young-people/${person.id}/consent`);
    await submit(page, 'Record consent');
    await submit(page, 'Save consent');
    assert.match(await page.locator('.nhsuk-error-summary').innerText(), /Select whether they agree to support from the service/);
    await page.getByRole('group', { name: 'Do they agree to support from the service?' }).getByLabel('Yes').check();
    await page.getByLabel('The person or organisation who referred them').check();
    await page.getByRole('group', { name: /used for research/ }).getByLabel('No').check();
    await page.getByLabel('A parent or carer').check();
    await page.getByLabel('Name of the person who gave consent').fill('Sam Brennan');
    await page.getByLabel('What were they told?').fill('What we do and who we share with');
    await page.getByLabel('Day').fill('3');
    await page.getByLabel('Month').fill('2');
    await page.getByLabel('Year').fill('2026');
    await submit(page, 'Save consent');
    assert.match(await page.getByRole('main').innerText(), /Consent recorded\./);

    await follow(page, 'Withdraw (Consent in force)');
    await page.getByLabel('Day').fill('4');
    await page.getByLabel('Month').fill('2');
    await page.getByLabel('Year').fill('2026');
    await page.getByLabel('What did they say?').fill('Their parent rang to say stop all sharing');
    await submit(page, 'Record withdrawal');
    assert.match(await page.getByRole('main').innerText(), /Consent withdrawn/);

    await follow(page, 'Discharge');
    await page.getByLabel('Other', { exact: true }).check();
    await page.getByLabel('If other, what is the reason?').fill('Started college full time');
    await page.getByLabel('Closing summary').fill('Settled at college and goes to a club');
    await submit(page, 'Continue');
    assert.match(await page.getByRole('main').innerText(), /No message will be sent: they did not agree to share information with the referrer\./);
    await submit(page, 'Confirm and end support');
    assert.match(await page.getByRole('main').innerText(), /No message sent: they did not agree to share information with the referrer\./);
    assert.match(await page.getByRole('main').innerText(), /Reason\s+Other: Started college full time/);
  });
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeJourneys, follow, submit, visit } from '../../test/support/browser.ts';
import { heading, pathOf, signInAs } from '../../test/support/browser-steps.ts';
import { createAllocatedReferral, createReferralRow } from '../../test/support/contact.ts';

describeJourneys('contact attempts and referrer insight, in a browser', (journeys) => {
  test('a link worker logs attempts on a phone until the case closes as unable to contact', async () => {
    const org = await journeys.t.newOrganisation();
    await journeys.t.database.db.updateTable('scheme_settings').set({ contact_attempts: 2 }).where('org_id', '=', org.id).execute();
    const { person } = await createAllocatedReferral(journeys.t.database, org, { givenName: 'Ola', familyName: 'Brennan' });
    const page = await journeys.newPage({ viewport: 'phone' });
    await signInAs(page, org.linkWorker);
    await follow(page, 'Ola Brennan');
    assert.match(await page.getByRole('main').innerText(), /Attempt 1 of 2/);

    // The design system's button-styled link has the role of a button.
    await submit(page, 'Log a contact attempt');
    await submit(page, 'Log attempt');
    assert.match(await page.locator('.nhsuk-error-summary').innerText(), /Select how you tried to contact them/);
    await page.getByLabel('Phone call').check();
    await page.getByLabel('No answer').check();
    await submit(page, 'Log attempt');
    assert.equal(pathOf(page), `/young-people/${person.id}?notice=attempt-logged`);

    await submit(page, 'Log a contact attempt');
    assert.match(await page.getByRole('main').innerText(), /This is the last attempt our scheme allows/);
    await page.getByLabel('Letter').check();
    await page.getByLabel('Wrong number or address').check();
    await submit(page, 'Log attempt');
    assert.match(await page.getByRole('main').innerText(), /Case closed: unable to contact/);
    assert.match(await page.getByRole('main').innerText(), /SNOMED CT 871731000000106: Referral to social prescribing service/);
  });

  test('a manager reads referrer insight and changes the period', async () => {
    const org = await journeys.t.newOrganisation();
    await createReferralRow(journeys.t.database, org.id, { status: 'accepted', referrerOrganisation: 'Elm Surgery' });
    const page = await journeys.newPage();
    await signInAs(page, org.manager);
    await follow(page, 'Referrer insight');
    assert.equal(await heading(page), 'Referrer insight');
    await page.getByLabel('Referrals made in').selectOption('3');
    await submit(page, 'Show');
    assert.equal(pathOf(page), '/insights?months=3');
    assert.match(await page.getByRole('main').innerText(), /Elm Surgery/);
    await visit(page, '/insights?months=6');
  });
});

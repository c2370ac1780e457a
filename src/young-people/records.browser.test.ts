import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeJourneys, follow, submit } from '../../test/support/browser.ts';
import { heading, pathOf, signInAs } from '../../test/support/browser-steps.ts';
import { createYoungPerson } from '../../test/support/fixtures.ts';

describeJourneys('young people’s records, in a browser', (journeys) => {
  test('a manager finds a young person from the dashboard, corrects their details and sees the history', async () => {
    const org = await journeys.t.newOrganisation();
    const person = await createYoungPerson(journeys.t.database, org.id, { allocatedTo: org.linkWorker.id, givenName: 'Robin', familyName: 'Ashdown' });
    const page = await journeys.newPage();
    await signInAs(page, org.manager);
    assert.equal(pathOf(page), '/dashboard');
    assert.match(await page.getByRole('main').innerText(), new RegExp(`${org.linkWorker.name}\\s+1\\s+25`), 'caseload against capacity');

    await follow(page, 'In support');
    assert.equal(pathOf(page), '/young-people?stage=in_support');
    await follow(page, 'Robin Ashdown');
    assert.equal(await heading(page), 'Robin Ashdown');

    await follow(page, 'Change (Personal details)');
    await page.getByLabel('Preferred name (optional)').fill('Rob');
    await page.getByLabel('Year').fill('2099');
    await submit(page, 'Save changes');
    assert.match(await page.locator('.nhsuk-error-summary').innerText(), /Date of birth must be in the past/);
    assert.equal(await page.getByLabel('Preferred name (optional)').inputValue(), 'Rob', 'what was typed is kept');

    await page.getByLabel('Year').fill('2011');
    await submit(page, 'Save changes');
    assert.equal(pathOf(page), `/young-people/${person.id}?notice=updated`);
    assert.equal(await heading(page), 'Rob Ashdown (Robin)');

    await follow(page, 'See who has looked at or changed this record');
    const audit = await page.getByRole('main').innerText();
    assert.match(audit, /Preferred name/);
    assert.match(audit, /Rob/);
    assert.match(audit, new RegExp(`${org.manager.name}, Manager`));
  });

  test('a link worker opens someone from their caseload on a phone', async () => {
    const org = await journeys.t.newOrganisation();
    await createYoungPerson(journeys.t.database, org.id, { allocatedTo: org.linkWorker.id, givenName: 'Sky', familyName: 'Barnes', stage: 'making_contact' });
    const page = await journeys.newPage({ viewport: 'phone' });
    await signInAs(page, org.linkWorker);
    assert.equal(pathOf(page), '/caseload');
    await follow(page, 'Sky Barnes');
    assert.equal(await heading(page), 'Sky Barnes');
    assert.match(await page.getByRole('main').innerText(), /Making contact/);
    // The record's pages fold away on a phone: no run of links before the content.
    const visiblePageLinks = await page.getByRole('navigation', { name: 'Pages in this record' }).getByRole('link').count();
    assert.equal(visiblePageLinks, 0, 'the list of pages starts folded');
    await page.locator('summary', { hasText: 'Pages in this record' }).click();
    await page.getByRole('link', { name: 'Plan and goals' }).click();
    assert.equal(await heading(page), 'Sky Barnes');
  });

  test('a commissioner sees the totals report and nothing else', async () => {
    const org = await journeys.t.newOrganisation();
    await createYoungPerson(journeys.t.database, org.id, { allocatedTo: org.linkWorker.id });
    const page = await journeys.newPage();
    await signInAs(page, org.commissioner);
    assert.equal(pathOf(page), '/reports');
    const report = await page.getByRole('main').innerText();
    assert.match(report, /All young people\s+Not shown/, 'one young person is too few to show a commissioner');
    assert.match(report, /counts from 1 to 7 are not shown/);
    await follow(page, 'Your account');
    assert.equal(await heading(page), 'Your account');
  });
});

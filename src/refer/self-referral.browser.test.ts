import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { describeJourneys, submit, visit } from '../../test/support/browser.ts';
import { heading, pathOf } from '../../test/support/browser-steps.ts';
import { ROUTES } from '../domain/codes.ts';
import { birthdayFields, schemeSlug } from '../../test/support/refer.ts';

async function startReferral(page: Page, slug: string): Promise<void> {
  await visit(page, `/refer/${slug}`);
  await submit(page, 'Start now');
  assert.equal(await heading(page), 'Who is making this referral?');
  await page.getByLabel(ROUTES.self).check();
  await submit(page, 'Continue');
}

async function enterAboutMe(page: Page, age = 15): Promise<void> {
  assert.equal(await heading(page), 'About you');
  await page.getByLabel('First name').fill('Riley');
  await page.getByLabel('Last name').fill('Marchbank');
  const birthday = birthdayFields(age);
  await page.getByLabel('Day').fill(birthday['dateOfBirth[day]']!);
  await page.getByLabel('Month').fill(birthday['dateOfBirth[month]']!);
  await page.getByLabel('Year').fill(birthday['dateOfBirth[year]']!);
  await submit(page, 'Continue');
}

describeJourneys('a young person refers themselves, in a browser', (journeys) => {
  test('a 15-year-old self-refers on a phone, gets a reference and opens the tracking link', async () => {
    const org = await journeys.t.newOrganisation();
    const slug = await schemeSlug(journeys.t.database, org.id);
    const page = await journeys.newPage({ viewport: 'phone' });
    await startReferral(page, slug);
    const banner = page.getByRole('banner');
    assert.match(await banner.innerText(), new RegExp(org.name), 'the header names the scheme');
    assert.equal(await banner.locator('.nhsuk-header__logo').isVisible(), false, 'no NHS logo for a scheme that is not an NHS organisation');

    await submit(page, 'Continue');
    assert.match(await page.locator('.nhsuk-error-summary').innerText(), /Enter your first name/, 'spoken to as "you"');
    await enterAboutMe(page);

    assert.equal(await heading(page), 'How can we contact you?');
    await page.getByLabel('Mobile or phone number (optional)').fill('07700 900123');
    await page.getByLabel('Email address (optional)').fill('riley@example.test');
    await page.getByLabel('Text me').check();
    await page.getByRole('group', { name: 'Can we email you updates about your referral?' }).getByLabel('Yes').check();
    await submit(page, 'Continue');

    assert.equal(await heading(page), 'Which school or college do you go to?');
    await page.getByLabel('Which school or college do you go to?').fill('Northfield Academy');
    await submit(page, 'Continue');
    assert.equal(await heading(page), 'Which GP practice are you registered with?');
    await submit(page, 'Continue');

    assert.equal(await heading(page), 'About you: equality questions');
    assert.match(await page.getByRole('main').innerText(), /These questions are optional/);
    await page.getByRole('group', { name: /young carer/ }).getByLabel('Prefer not to say').check();
    await submit(page, 'Continue');

    assert.equal(await heading(page), 'What would you like help with?');
    await page.getByLabel('Loneliness or isolation').check();
    await submit(page, 'Continue');
    assert.equal(await heading(page), 'What matters to you?');
    await page.getByLabel('What matters to you?').fill('Music, my dog, and finding people who like the same games');
    await submit(page, 'Continue');

    assert.equal(await heading(page), 'Some questions about your safety');
    for (const group of await page.getByRole('group').all()) await group.getByLabel('No', { exact: true }).check();
    await submit(page, 'Continue');

    assert.equal(await heading(page), 'Check your answers before sending');
    assert.match(await page.getByRole('main').innerText(), /What happens next/);
    await submit(page, 'Send referral');
    assert.equal(pathOf(page), `/refer/${slug}/sent`);
    const sent = await page.getByRole('main').innerText();
    const reference = /LW-[A-Z2-9]{8}/.exec(sent)?.[0];
    assert.ok(reference, 'a reference is shown');
    const link = /https?:\/\/\S+\/track\/[A-Za-z0-9_-]{43}/.exec(sent)?.[0];
    assert.ok(link, 'the private tracking link is shown');

    await visit(page, new URL(link).pathname);
    assert.equal(await heading(page), `Referral ${reference}`);
    const tracking = await page.getByRole('main').innerText();
    assert.match(tracking, /Being looked at/);
    assert.match(tracking, /Referral received/);
    assert.doesNotMatch(tracking, /Riley|Marchbank/);
  });

  test('a 12-year-old is turned away with somewhere to turn, the crisis lines, and their details deleted', async () => {
    const org = await journeys.t.newOrganisation();
    const slug = await schemeSlug(journeys.t.database, org.id);
    const page = await journeys.newPage({ viewport: 'phone' });
    await startReferral(page, slug);
    await enterAboutMe(page, 12);
    assert.equal(await heading(page), 'We cannot take your referral');
    const refusal = await page.getByRole('main').innerText();
    assert.match(refusal, /you are younger than 13/);
    assert.match(refusal, /text SHOUT to 85258/);
    assert.match(refusal, /school nurse/);
    assert.match(refusal, /We deleted the details you entered about yourself/);
    await page.getByRole('link', { name: 'enter the details again' }).click();
    assert.equal(await heading(page), 'About you');
    assert.equal(await page.getByLabel('First name').inputValue(), '');
  });

  test('the first steps work without JavaScript, and mistakes are shown the same way', async () => {
    const org = await journeys.t.newOrganisation();
    const slug = await schemeSlug(journeys.t.database, org.id);
    const page = await journeys.newPage({ viewport: 'phone', javaScript: false });
    await startReferral(page, slug);
    await page.getByLabel('First name').fill('Riley');
    await submit(page, 'Continue');
    assert.match(await page.locator('.nhsuk-error-summary').innerText(), /Enter your last name/);
    assert.equal(await page.getByLabel('First name').inputValue(), 'Riley');
    await enterAboutMe(page);
    assert.equal(await heading(page), 'How can we contact you?');
  });
});

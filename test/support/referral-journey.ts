import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { follow, submit, visit } from './browser.ts';
import { heading } from './browser-steps.ts';
import { ROUTES } from '../../src/domain/codes.ts';
import { birthdayFields } from './refer.ts';

/** Steps the referral journeys share, written as the referrer, the manager or the admin takes them. */

export interface ProfessionalReferral {
  youngPerson: { givenName: string; familyName: string };
  /** The "Where do you work?" answer, as the form shows it. */
  workplace: string;
  organisation: string;
  referrerName: string;
  referrerEmail: string;
  /** Risk questions (their legends, or part of one) answered "Yes"; every other one is "No". */
  risksAnsweredYes?: RegExp[];
}

export interface SentReferral {
  reference: string;
  trackingPath: string;
}

const main = (page: Page) => page.getByRole('main').innerText();

async function continueFrom(page: Page, expectedHeading: string, answer: () => Promise<void> = async () => {}): Promise<void> {
  assert.equal(await heading(page), expectedHeading);
  await answer();
  await submit(page, 'Continue');
}

/** A professional fills in every step of the public form, checks the answers and sends it. */
export async function referAsProfessional(page: Page, slug: string, referral: ProfessionalReferral): Promise<SentReferral> {
  await visit(page, `/refer/${slug}`);
  await submit(page, 'Start now');
  await continueFrom(page, 'Who is making this referral?', () => page.getByLabel(ROUTES.professional).check());
  await continueFrom(page, 'About the young person', async () => {
    await page.getByLabel('First name').fill(referral.youngPerson.givenName);
    await page.getByLabel('Last name').fill(referral.youngPerson.familyName);
    const birthday = birthdayFields(15);
    await page.getByLabel('Day').fill(birthday['dateOfBirth[day]']!);
    await page.getByLabel('Month').fill(birthday['dateOfBirth[month]']!);
    await page.getByLabel('Year').fill(birthday['dateOfBirth[year]']!);
  });
  await continueFrom(page, 'How can we contact them?', async () => {
    await page.getByLabel('Mobile or phone number (optional)').fill('07700 900456');
    await page.getByLabel('Phone them').check();
  });
  await continueFrom(page, 'Which school or college do they go to?', () => page.getByLabel('Which school or college do they go to?').fill('Park High School'));
  await continueFrom(page, 'Which GP practice are they registered with?');
  await continueFrom(page, 'Equality questions');
  await continueFrom(page, 'What would they like help with?', () => page.getByLabel('Loneliness or isolation').check());
  await continueFrom(page, 'What matters to the young person?', () => page.getByLabel('What matters to the young person?').fill('Football with friends, and drawing'));
  await continueFrom(page, 'Does the young person know about this referral?', async () => {
    await page.getByRole('group', { name: 'Does the young person know you are referring them?' }).getByLabel('Yes').check();
    await page.getByRole('group', { name: 'Do they agree to the referral?' }).getByLabel('Yes', { exact: true }).check();
  });
  await continueFrom(page, 'Questions about risk', async () => {
    for (const group of await page.getByRole('group').all()) {
      const question = await group.locator('legend').innerText();
      const yes = referral.risksAnsweredYes?.some((pattern) => pattern.test(question));
      await group.getByLabel(yes ? 'Yes' : 'No', { exact: true }).check();
    }
  });
  await continueFrom(page, 'About you', async () => {
    await page.getByLabel(referral.workplace, { exact: true }).check();
    await page.getByLabel('Name of your organisation').fill(referral.organisation);
    await page.getByLabel('Your full name').fill(referral.referrerName);
    await page.getByLabel('Your work email address').fill(referral.referrerEmail);
    await page.getByRole('group', { name: 'Would you like email updates about this referral?' }).getByLabel('Yes').check();
  });

  assert.equal(await heading(page), 'Check your answers before sending');
  assert.match(await main(page), new RegExp(referral.youngPerson.familyName), 'the referrer checks what they wrote');
  await submit(page, 'Send referral');
  const sent = await main(page);
  const reference = /LW-[A-Z2-9]{8}/.exec(sent)?.[0];
  assert.ok(reference, 'the confirmation shows the reference');
  const link = /https?:\/\/\S+(\/track\/[A-Za-z0-9_-]{43})/.exec(sent);
  assert.ok(link, 'the confirmation shows the private tracking link');
  return { reference, trackingPath: link[1]! };
}

/** The referrer opens their private tracking link (no account) and reads the page. */
export async function readTracking(page: Page, referral: SentReferral): Promise<string> {
  await visit(page, referral.trackingPath);
  assert.equal(await heading(page), `Referral ${referral.reference}`);
  return main(page);
}

/** The tracking page's timeline, earliest first, one entry per line ("What happened" column only). */
export async function trackingTimeline(page: Page): Promise<string[]> {
  const rows = await page.getByRole('table').getByRole('row').all();
  const entries: string[] = [];
  for (const row of rows.slice(1)) entries.push((await row.getByRole('cell').last().innerText()).replace(/^What happened\s*/, '').trim());
  return entries;
}

export interface OutboxMessage {
  subject: string;
  to: string;
  body: string;
}

/**
 * Every message recorded about a referral, oldest first, read by an admin on the outbox pages
 * (signed in already). Messages are always recorded there, whether or not email is set up.
 */
export async function messagesAbout(page: Page, reference: string): Promise<OutboxMessage[]> {
  await visit(page, '/outbox');
  const subjects = (await page.getByRole('link', { name: reference }).allInnerTexts()).reverse();
  const messages: OutboxMessage[] = [];
  for (const subject of subjects) {
    await follow(page, subject);
    const text = await main(page);
    messages.push({
      subject,
      to: /To\s+(\S+@\S+)/.exec(text)?.[1] ?? '',
      body: await page.locator('.app-message-body').innerText(),
    });
    await visit(page, '/outbox');
  }
  return messages;
}

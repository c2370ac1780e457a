import type { Page } from 'playwright-core';
import { currentTotpCode } from '../../src/platform/auth/totp.ts';
import { submit, visit } from './browser.ts';
import { TEST_PASSWORD, type TestUser } from './fixtures.ts';

/** Steps that many journeys share, written the way a person does them. */

export async function heading(page: Page): Promise<string> {
  return (await page.getByRole('heading', { level: 1 }).innerText()).trim();
}

export function pathOf(page: Page): string {
  const url = new URL(page.url());
  return url.pathname + url.search;
}

export async function enterPassword(page: Page, user: TestUser, password = TEST_PASSWORD): Promise<void> {
  await visit(page, '/sign-in');
  await page.getByLabel('Email address').fill(user.email);
  // The NHS password input has a "Show" toggle, so the label alone is not unique with JS on.
  await page.getByLabel('Password', { exact: true }).fill(password);
  await submit(page, 'Sign in');
}

/** Signs in fully, entering the second-factor code when the user has one. */
export async function signInAs(page: Page, user: TestUser): Promise<void> {
  await enterPassword(page, user);
  if (user.totpSecret && new URL(page.url()).pathname === '/sign-in/two-factor') {
    await page.getByLabel('Security code').fill(currentTotpCode(user.totpSecret));
    await submit(page, 'Continue');
  }
}

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { describeJourneys, follow, submit, visit, type Viewport } from '../../test/support/browser.ts';
import { enterPassword, heading, pathOf } from '../../test/support/browser-steps.ts';
import { TEST_PASSWORD } from '../../test/support/fixtures.ts';
import { currentTotpCode } from '../platform/auth/totp.ts';

async function signOut(page: Page): Promise<void> {
  await follow(page, 'Sign out');
  assert.equal(new URL(page.url()).pathname, '/sign-out');
  await submit(page, 'Sign out');
  assert.equal(new URL(page.url()).pathname, '/sign-in');
  assert.match(await page.getByRole('main').innerText(), /You have signed out\./);
}

describeJourneys('signing in, in a browser', (journeys) => {
  for (const viewport of ['desktop', 'phone'] as Viewport[]) {
    test(`a link worker signs in, lands on their caseload and signs out (${viewport})`, async () => {
      const org = await journeys.t.newOrganisation();
      const page = await journeys.newPage({ viewport });
      await enterPassword(page, org.linkWorker);
      assert.equal(pathOf(page), '/caseload');
      assert.equal(await heading(page), 'My caseload');
      assert.match(await page.locator('body').getAttribute('class') ?? '', /\bjs-enabled\b/, 'the page scripts ran');
      await signOut(page);
    });
  }

  test('a wrong password shows the error summary, focused, and its link leads to the field', async () => {
    const org = await journeys.t.newOrganisation();
    const page = await journeys.newPage();
    await enterPassword(page, org.linkWorker, 'not the password');
    assert.equal(pathOf(page), '/sign-in');
    assert.match(await page.title(), /^Error: /, 'the title says there is an error, for screen reader users');
    const summary = page.locator('.nhsuk-error-summary');
    assert.ok(await summary.isVisible());
    assert.match(await summary.innerText(), /There is a problem\s+Enter a correct email address and password/);
    assert.ok(await summary.evaluate((element) => element === element.ownerDocument.activeElement), 'the summary has focus');
    assert.equal(await page.getByLabel('Email address').inputValue(), org.linkWorker.email, 'the email typed is kept');
    assert.equal(await page.getByLabel('Password', { exact: true }).inputValue(), '', 'the password is never sent back');

    await summary.getByRole('link', { name: 'Enter a correct email address and password' }).click();
    assert.ok(await page.getByLabel('Email address').evaluate((element) => element === element.ownerDocument.activeElement));
  });

  test('an admin enters a code from their authenticator app after the password', async () => {
    const org = await journeys.t.newOrganisation();
    const page = await journeys.newPage();
    await enterPassword(page, org.admin);
    assert.equal(pathOf(page), '/sign-in/two-factor');
    assert.equal(await heading(page), 'Enter your security code');
    await page.getByLabel('Security code').fill(currentTotpCode(org.admin.totpSecret!));
    await submit(page, 'Continue');
    assert.equal(pathOf(page), '/users');
    assert.equal(await heading(page), 'Users');
    await signOut(page);
  });

  test('with JavaScript off, signing in, a wrong password and signing out all still work', async () => {
    const org = await journeys.t.newOrganisation();
    const page = await journeys.newPage({ viewport: 'phone', javaScript: false });
    await enterPassword(page, org.linkWorker, 'not the password');
    assert.doesNotMatch(await page.locator('body').getAttribute('class') ?? '', /\bjs-enabled\b/, 'no page script ran');
    assert.match(await page.locator('.nhsuk-error-summary').innerText(), /Enter a correct email address and password/);

    await page.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD);
    await submit(page, 'Sign in');
    assert.equal(pathOf(page), '/caseload');
    assert.equal(await heading(page), 'My caseload');
    await signOut(page);
  });
});

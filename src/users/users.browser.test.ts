import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeJourneys, follow, submit, visit } from '../../test/support/browser.ts';
import { heading, pathOf, signInAs } from '../../test/support/browser-steps.ts';
import { currentTotpCode } from '../platform/auth/totp.ts';

describeJourneys('managing the team, in a browser', (journeys) => {
  test('an admin invites a link worker, who sets a password and signs in', async () => {
    const org = await journeys.t.newOrganisation();
    const admin = await journeys.newPage();
    await signInAs(admin, org.admin);
    assert.equal(await heading(admin), 'Users');
    // The design system draws this link as a button, so it is found by that role.
    await submit(admin, 'Invite someone');
    await submit(admin, 'Create invitation');
    assert.match(await admin.locator('.nhsuk-error-summary').innerText(), /Enter their full name/);
    await admin.getByLabel('Full name').fill('Priya Nowak');
    await admin.getByLabel('Email address').fill('priya.nowak@example.test');
    await admin.getByRole('radio', { name: 'Link worker' }).check();
    await submit(admin, 'Create invitation');
    assert.equal(await heading(admin), 'Invitation ready');
    const link = await admin.locator('main code').first().innerText();
    const invitationPath = new URL(link.trim()).pathname;

    const invitee = await journeys.newPage({ viewport: 'phone' });
    await visit(invitee, invitationPath);
    await invitee.getByLabel('Create a password', { exact: true }).fill('a long and memorable passphrase');
    await invitee.getByLabel('Enter your password again', { exact: true }).fill('a long and memorable passphrase');
    await submit(invitee, 'Set password');
    assert.equal(pathOf(invitee), '/sign-in?notice=password-set');
    await invitee.getByLabel('Email address').fill('priya.nowak@example.test');
    await invitee.getByLabel('Password', { exact: true }).fill('a long and memorable passphrase');
    await submit(invitee, 'Sign in');
    assert.equal(await heading(invitee), 'My caseload');
  });

  test('an admin sets up a new second factor from their account page', async () => {
    const org = await journeys.t.newOrganisation();
    const page = await journeys.newPage();
    await signInAs(page, org.admin);
    await follow(page, 'Your account');
    await follow(page, 'Replace second factor');
    assert.equal(await heading(page), 'Set up your second factor');
    await page.getByText('I cannot scan the QR code').click();
    const secret = (await page.locator('code.app-secret').innerText()).trim();
    await page.getByLabel('Code from your app').fill(currentTotpCode(secret));
    await submit(page, 'Turn on second factor');
    assert.match(await page.getByRole('main').innerText(), /Your second factor is set up/);
  });
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeJourneys, follow, submit, visit } from '../../test/support/browser.ts';
import { heading, signInAs } from '../../test/support/browser-steps.ts';
import { PDF } from '../../test/support/scheme-settings.ts';

describeJourneys('scheme settings, in a browser', (journeys) => {
  test('an admin changes the age range after a mistake, and adds a streetlight rule', async () => {
    const org = await journeys.t.newOrganisation();
    const page = await journeys.newPage();
    await signInAs(page, org.admin);
    await follow(page, 'Scheme settings');
    assert.equal(await heading(page), 'Scheme settings');

    await follow(page, 'Change (Age range)');
    await page.getByLabel('Minimum age').fill('18');
    await page.getByLabel('Maximum age').fill('16');
    await submit(page, 'Save');
    assert.match(await page.locator('.nhsuk-error-summary').innerText(), /Maximum age must be the same as or higher than the minimum age/);
    await page.getByLabel('Maximum age').fill('25');
    await submit(page, 'Save');
    assert.match(await page.locator('.nhsuk-notification-banner').innerText(), /Age range saved/);

    await follow(page, 'Change (Streetlight rules)');
    // The design system draws these links as buttons, so they are found by that role.
    await submit(page, 'Add a rule');
    await page.getByRole('radio', { name: 'Are they hurting themselves at the moment?' }).check();
    await page.getByRole('radio', { name: 'Not sure' }).check();
    await page.getByRole('radio', { name: 'Amber' }).check();
    await page.getByLabel('Reason shown at triage').fill('Self-harm not known: ask the referrer');
    await submit(page, 'Save rule');
    assert.match(await page.locator('.nhsuk-notification-banner').innerText(), /Streetlight rule added/);

    // The questions' wording is the scheme's to change too; each change is a new version.
    await follow(page, 'Change (Streetlight rules)');
    await follow(page, 'Change the wording of the risk questions');
    assert.equal(await heading(page), 'Risk questions');
    await page.getByLabel('Question 2').fill('Are they hurting themselves, or have they recently?');
    await submit(page, 'Save as a new version');
    assert.match(await page.locator('.nhsuk-notification-banner').innerText(), /Risk questions saved as a new version/);

    // Areas, GP practices and schools are lists triage checks.
    await follow(page, 'Change (Areas, GP practices and schools)');
    await page.getByLabel('Areas (postcode districts)').fill('LS6\nLS7');
    await submit(page, 'Save');
    assert.match(await page.locator('.nhsuk-notification-banner').innerText(), /Areas, GP practices and schools saved/);
  });

  // Without JavaScript: the design system's enhanced file upload (drawn by its script) fails axe's
  // label-content-name-mismatch check, so this journey uses the plain file box it enhances.
  test('an admin adds a redirect service with a referral form, uploaded by the browser itself', async () => {
    const org = await journeys.t.newOrganisation();
    const page = await journeys.newPage({ javaScript: false });
    await signInAs(page, org.admin);
    await visit(page, '/settings/redirect-services');
    await submit(page, 'Add a service');
    await page.getByLabel('Name of the service').fill('Young Carers Hub');
    await page.getByLabel('When to use it').fill('Young people who look after someone at home.');
    await page.getByRole('radio', { name: 'With a form we attach' }).check();
    await page.getByLabel('Referral form (if with a form we attach)').setInputFiles({ name: 'carers-referral.pdf', mimeType: 'application/pdf', buffer: PDF });
    await page.getByRole('checkbox', { name: 'Offer this to people outside our age range' }).check();
    await submit(page, 'Save service');
    const banner = await page.locator('.nhsuk-notification-banner').innerText();
    assert.match(banner, /Redirect service added/);
    assert.match(await page.getByRole('main').innerText(), /Young Carers Hub\s+Attached form: carers-referral\.pdf/);
  });

  test('an admin uploads the scheme’s logo and it appears in the header', async () => {
    const org = await journeys.t.newOrganisation();
    const page = await journeys.newPage({ javaScript: false });
    await signInAs(page, org.admin);
    assert.equal(await page.getByRole('banner').locator('.nhsuk-header__logo').isVisible(), false, 'no NHS logo for a charity’s scheme');
    await visit(page, '/settings/logo');
    await page.getByLabel('Upload a logo').setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: Buffer.from('not a picture') });
    await submit(page, 'Save logo');
    assert.match(await page.locator('.nhsuk-error-summary').innerText(), /The logo must be a PNG or JPEG picture/);
    await page.getByLabel('Upload a logo').setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: TINY_PNG });
    await submit(page, 'Save logo');
    assert.match(await page.locator('.nhsuk-notification-banner').innerText(), /Logo saved/);
    const logo = page.getByRole('banner').getByRole('img', { name: `${org.name} logo` });
    assert.equal(await logo.isVisible(), true);
    assert.ok(await logo.evaluate((image) => (image as HTMLImageElement).naturalWidth > 0), 'the picture loads');
  });
});

/** A 1×1 PNG, as a real picture for the browser to draw. */
const TINY_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

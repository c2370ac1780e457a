import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { checkAccessibility, describeJourneys, submit, visit } from '../../test/support/browser.ts';
import { heading, signInAs } from '../../test/support/browser-steps.ts';
import { createYoungPerson } from '../../test/support/fixtures.ts';
import { createServiceRow } from '../../test/support/directory.ts';
import { providerLinkIn } from '../../test/support/connections.ts';

/**
 * Follows a link whose visible words are shared by several on the page ("Record their agreement"),
 * told apart by hidden text naming the service, then checks the page it leads to.
 */
async function followFor(page: Page, words: string, service: string): Promise<void> {
  const loaded = page.waitForEvent('load');
  await page.getByRole('link', { name: new RegExp(`^${words}\\s*: ${service}$`) }).click();
  await loaded;
  await checkAccessibility(page);
}

/**
 * A connection closed end to end: from what matters to a young person, through a suggestion they
 * agree to and a referral by email, to the provider's answer on their private link and the link
 * worker stepping back from going with them to meeting them at the venue.
 */
describeJourneys('connecting a young person to a community activity, in a browser', (journeys) => {
  test('from their interests to a phased connection the provider confirmed', async () => {
    const { t } = journeys;
    const org = await t.newOrganisation();
    const person = await createYoungPerson(t.database, org.id, { allocatedTo: org.linkWorker.id, givenName: 'Priya', familyName: 'Adeyemi' });
    const providerEmail = `studio-${person.id.slice(0, 8)}@example.test`;
    await createServiceRow(t.database, org.id, { name: 'Saturday art studio', categories: ['creative'], email: providerEmail });
    const record = `/young-people/${person.id}`;

    // The link worker records what Priya enjoys, then opens the suggestions that follow from it.
    const worker = await journeys.newPage();
    await signInAs(worker, org.linkWorker);
    await visit(worker, `${record}/what-matters/edit`);
    await worker.getByLabel('Creative (for example art, music, drama, writing)').check();
    await submit(worker, 'Save');
    await visit(worker, `${record}/suggestions`);
    assert.match(await worker.getByRole('main').innerText(), /Saturday art studio/);

    // They suggest the studio, and record that Priya agrees and what the studio may be told.
    await followFor(worker, 'Suggest this to them', 'Saturday art studio');
    await submit(worker, 'Record the suggestion');
    assert.equal(await heading(worker), 'Priya Adeyemi');
    assert.match(await worker.getByRole('main').innerText(), /Suggestion recorded/);
    await followFor(worker, 'Record their agreement', 'Saturday art studio');
    assert.equal(await heading(worker), 'Priya Adeyemi', 'the record’s heading is the full name here too');
    await worker.getByLabel('Their first name (Priya)').check();
    await worker.getByLabel('How to contact them').check();
    await worker.getByLabel('How may the provider contact them?').fill('Text 07700 900123 after school');
    await submit(worker, 'Record their agreement');

    // Referring by email sends the studio only what Priya agreed to, with a private link.
    await followFor(worker, 'Refer or give them the details', 'Saturday art studio');
    await worker.getByLabel('Email the provider').check();
    await submit(worker, 'Refer');
    assert.match(await worker.getByRole('main').innerText(), /Referral recorded/);
    const { path, body } = await providerLinkIn(t.database, providerEmail);
    assert.match(body, /First name: Priya/);
    assert.doesNotMatch(body, /Adeyemi/);

    // The studio opens the link from the email, without an account, and accepts.
    const provider = await journeys.newPage({ viewport: 'phone' });
    await visit(provider, path);
    assert.equal(await heading(provider), 'A referral to Saturday art studio');
    assert.doesNotMatch(await provider.getByRole('main').innerText(), /Adeyemi/);
    await provider.getByLabel('Yes, we can take them').check();
    await provider.getByLabel('Anything the link worker should know (optional)').fill('Doors open at 10');
    await submit(provider, 'Send answer');
    assert.match(await provider.getByRole('main').innerText(), /Thank you\. .* has been told\./);

    // The link worker goes with Priya to her first session; the studio confirms it on the same link.
    await visit(worker, `${record}/connections`);
    assert.match(await worker.getByRole('main').innerText(), /Accepted: Doors open at 10/);
    await followFor(worker, 'Record how they are going', 'Saturday art studio');
    await worker.getByLabel('Accompanied for the whole first session').check();
    await submit(worker, 'Save');

    assert.equal(await heading(provider), 'How Priya is getting on at Saturday art studio');
    await provider.getByLabel('They have come for the first time').check();
    const today = new Date();
    const when = provider.getByRole('group', { name: /When\?/ });
    await when.getByLabel('Day').fill(String(today.getDate()));
    await when.getByLabel('Month').fill(String(today.getMonth() + 1));
    await when.getByLabel('Year').fill(String(today.getFullYear()));
    await submit(provider, 'Send');
    assert.match(await provider.getByRole('main').innerText(), /Priya first came on/);

    await visit(worker, `${record}/connections`);
    await followFor(worker, 'Record how they are going', 'Saturday art studio');
    await worker.getByLabel('Met at the venue').check();
    await submit(worker, 'Save');

    const connections = await worker.getByRole('main').innerText();
    assert.match(connections, /Saturday art studio\s+Attending/);
    assert.match(connections, /How they are going\s+Met at the venue, since/);
    assert.match(connections, /Earlier phases\s+Accompanied for the whole first session from/);
  });
});

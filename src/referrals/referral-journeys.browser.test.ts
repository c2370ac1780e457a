import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeJourneys, follow, submit, visit } from '../../test/support/browser.ts';
import { heading, signInAs } from '../../test/support/browser-steps.ts';
import { birthdayFields, schemeSlug } from '../../test/support/refer.ts';
import { createYoungPerson } from '../../test/support/fixtures.ts';
import { messagesAbout, readTracking, referAsProfessional, trackingTimeline } from '../../test/support/referral-journey.ts';

/**
 * Referrals in, end to end, as the people involved live them: a referrer without an account, a
 * manager at triage and allocation, a link worker making contact. The referrer follows along on
 * the private tracking link; their emails are read in the admin's outbox, where every message is
 * recorded (these journeys run without SMTP: describeJourneys takes no config overrides).
 */

const FRONT_DOOR = 'Local authority children’s services front door';

describeJourneys('referrals in, from referrer to outcome, in a browser', (journeys) => {
  test('a GP’s red referral is declined with care, and the GP is told why and where to go instead', async () => {
    const org = await journeys.t.newOrganisation();
    const slug = await schemeSlug(journeys.t.database, org.id);
    const youngPerson = { givenName: 'Tamsin', familyName: 'Okonkwo' };

    // The GP refers, saying there is an open safeguarding concern, and keeps the tracking link.
    const gp = await journeys.newPage();
    const referral = await referAsProfessional(gp, slug, {
      youngPerson,
      workplace: 'GP or GP practice',
      organisation: 'Elm Tree Surgery',
      referrerName: 'Dr Priya Shah',
      referrerEmail: 'priya.shah@example.test',
      risksAnsweredYes: [/open safeguarding concern/],
    });

    // A manager sees it first thing on the dashboard and in the triage inbox, with the reason.
    const manager = await journeys.newPage();
    await signInAs(manager, org.manager);
    assert.equal(await heading(manager), 'Dashboard');
    const dashboard = await manager.getByRole('main').innerText();
    assert.match(dashboard, /1 red referral needs acknowledging/);
    assert.match(dashboard, new RegExp(`Red: Tamsin Okonkwo, ${referral.reference}\\s+Red: Active safeguarding: children’s services lead first`));

    // The Triage navigation item counts what waits, calling out the red one.
    await follow(manager, 'Triage (1, 1 red)');
    const red = manager.getByRole('table', { name: 'Red referrals, oldest first' });
    const row = red.getByRole('row', { name: new RegExp(referral.reference) });
    assert.match(await row.innerText(), /Red/);
    assert.match(await row.innerText(), /Active safeguarding: children’s services lead first/);
    assert.match(await row.innerText(), /Elm Tree Surgery/);

    // They open it, acknowledge the red rating, then decline it with a reason and a better service.
    await follow(manager, 'Tamsin Okonkwo');
    assert.equal(await heading(manager), 'Tamsin Okonkwo');
    assert.match(await manager.getByRole('main').innerText(), /Urgent:\s+Red referral: not yet acknowledged/);
    assert.equal(await manager.getByRole('button', { name: 'Accept referral' }).count(), 0, 'a red referral is accepted only once acknowledged');
    await submit(manager, 'Acknowledge');
    assert.match(await manager.getByRole('main').innerText(), /Red rating acknowledged by/);
    assert.equal(await manager.getByRole('button', { name: 'Accept referral' }).count(), 1);

    await submit(manager, 'Decline referral');
    assert.equal(await heading(manager), 'Decline this referral');
    await submit(manager, 'Decline referral');
    assert.match(await manager.locator('.nhsuk-error-summary').innerText(), /Select the main reason the referral is not right for us/);
    await manager.getByLabel('Needs children’s services first (safeguarding)').check();
    const reason = 'There is an open safeguarding concern, so children’s social care should lead for now. We would be glad to hear from you again once things are settled.';
    await manager.getByLabel('Why is this referral not right for us?').fill(reason);
    await manager.getByLabel(FRONT_DOOR).check();
    await submit(manager, 'Decline referral');
    const decided = await manager.getByRole('main').innerText();
    assert.match(decided, /Declined on/);
    assert.match(decided, new RegExp(`Suggested instead: ${FRONT_DOOR}`));

    // The GP, with no account, opens the link they kept: declined, why, and where to go instead.
    const later = await journeys.newPage({ viewport: 'phone' });
    const tracking = await readTracking(later, referral);
    assert.match(tracking, /Not accepted/);
    assert.match(tracking, /is not the right service for this referral/);
    assert.match(tracking, /children’s social care should lead for now/);
    assert.match(tracking, /Who can help instead/);
    assert.match(tracking, new RegExp(FRONT_DOOR));
    const howToRefer = later.getByRole('link', { name: `Go to the ${FRONT_DOOR} website` });
    assert.equal(await howToRefer.getAttribute('href'), 'https://www.gov.uk/report-child-abuse-to-local-council');
    const timeline = await trackingTimeline(later);
    assert.equal(timeline[0], 'Referral received');
    assert.equal(timeline.at(-1), 'Referral not accepted');
    assert.doesNotMatch(tracking, /Tamsin|Okonkwo/);

    // The GP's emails say the same, by reference, and never name the young person.
    const admin = await journeys.newPage();
    await signInAs(admin, org.admin);
    const messages = await messagesAbout(admin, referral.reference);
    assert.deepEqual(
      messages.map((message) => message.subject),
      [`Referral ${referral.reference} received by ${org.name}`, `Referral ${referral.reference}: we are not the right service`],
    );
    const declined = messages[1]!;
    assert.equal(declined.to, 'priya.shah@example.test');
    assert.match(declined.body, /children’s social care should lead for now/);
    assert.match(declined.body, new RegExp(`Where they could go instead: ${FRONT_DOOR}`));
    assert.match(declined.body, /Use their referral page: https:\/\/www\.gov\.uk\/report-child-abuse-to-local-council/);
    for (const message of messages) {
      assert.match(message.body, new RegExp(referral.reference));
      assert.doesNotMatch(message.body + message.subject, /Tamsin|Okonkwo/);
    }
  });

  test('a school’s green referral is accepted and allocated, and closes as unable to contact after three attempts', async () => {
    const org = await journeys.t.newOrganisation();
    const slug = await schemeSlug(journeys.t.database, org.id);
    const youngPerson = { givenName: 'Callum', familyName: 'Fairweather' };
    const name = `${youngPerson.givenName} ${youngPerson.familyName}`;

    // Callum was supported before; a different child born the same day shares his family's phone.
    const born = birthdayFields(15);
    const dateOfBirth = `${born['dateOfBirth[year]']}-${born['dateOfBirth[month]']!.padStart(2, '0')}-${born['dateOfBirth[day]']!.padStart(2, '0')}`;
    const knownBefore = async (givenName: string, familyName: string, referredOn: string) => {
      const known = await createYoungPerson(journeys.t.database, org.id, { givenName, familyName, stage: 'closed' });
      await journeys.t.database.db.updateTable('young_people').set({ date_of_birth: dateOfBirth, phone: '07700 900456', referred_on: referredOn }).where('id', '=', known.id).execute();
    };
    await knownBefore('Callum', 'Fairweather', '2025-01-15');
    await knownBefore('Ruby', 'Stone', '2025-09-01');

    // The school refers; every risk answer is "No", so it is green.
    const school = await journeys.newPage();
    const referral = await referAsProfessional(school, slug, {
      youngPerson,
      workplace: 'School or college',
      organisation: 'Park High School',
      referrerName: 'Mr Owen Lacey',
      referrerEmail: 'o.lacey@example.test',
    });
    let tracking = await readTracking(school, referral);
    assert.match(tracking, /Being looked at/);
    assert.deepEqual(await trackingTimeline(school), ['Referral received']);

    // A manager reads it in triage and accepts it.
    const manager = await journeys.newPage();
    await signInAs(manager, org.manager);
    await follow(manager, 'Triage (1)');
    const row = manager.getByRole('row', { name: new RegExp(referral.reference) });
    assert.match(await row.innerText(), /Green/);
    assert.match(await row.innerText(), /None of the risk answers raises a concern/);
    const wrapping = await row.getByText(referral.reference, { exact: true }).evaluate((element) => getComputedStyle(element).whiteSpace);
    assert.equal(wrapping, 'nowrap', 'the reference never breaks at its hyphen');
    assert.match(await row.innerText(), /Possible duplicate/);
    await follow(manager, name);
    // The likeliest match comes first, saying why; the other child is offered after him.
    const known = manager.getByRole('group', { name: 'Is this young person already known to us?' }).getByRole('radio');
    assert.deepEqual(
      await known.evaluateAll((radios) => radios.map((radio) => (radio as HTMLInputElement).labels?.[0]?.textContent?.trim())),
      ['Link to Callum Fairweather’s record', 'Link to Ruby Stone’s record', 'Create a new record'],
    );
    assert.match(await manager.getByRole('main').innerText(), /Same name, Same date of birth, Same phone or email\. Born/);
    await manager.getByLabel('Link to Callum Fairweather’s record').check();
    await submit(manager, 'Accept referral');
    assert.match(await manager.getByRole('main').innerText(), /Accepted on/);

    tracking = await readTracking(school, referral);
    assert.match(tracking, /Accepted/);
    assert.match(tracking, /A link worker will get in touch with the young person/);
    assert.deepEqual(await trackingTimeline(school), ['Referral received', 'Referral accepted']);

    // At the allocation meeting, the manager gives the young person to the link worker.
    await follow(manager, 'Allocation');
    const waiting = manager.getByRole('row', { name: new RegExp(referral.reference) });
    assert.match(await waiting.innerText(), new RegExp(name));
    await follow(manager, 'Allocate');
    assert.equal(await heading(manager), 'Allocate to a link worker');
    await manager.getByLabel(org.linkWorker.name).check();
    await submit(manager, 'Allocate');
    assert.match(await manager.getByRole('main').innerText(), /Allocated. They are now on the link worker’s caseload/);

    tracking = await readTracking(school, referral);
    assert.match(tracking, /Accepted/);
    assert.deepEqual(await trackingTimeline(school), ['Referral received', 'Referral accepted', 'Link worker chosen']);

    // The link worker tries three times (the scheme's default) and cannot reach them.
    const linkWorker = await journeys.newPage({ viewport: 'phone' });
    await signInAs(linkWorker, org.linkWorker);
    await follow(linkWorker, name);
    const attempts = [
      { method: 'Phone call', outcome: 'No answer' },
      { method: 'Text message', outcome: 'No answer' },
      { method: 'Letter', outcome: 'No answer' },
    ];
    for (const [index, attempt] of attempts.entries()) {
      assert.match(await linkWorker.getByRole('main').innerText(), new RegExp(`Attempt ${index + 1} of 3`));
      await submit(linkWorker, 'Log a contact attempt');
      assert.equal(await heading(linkWorker), 'Log a contact attempt');
      const last = /This is the last attempt our scheme allows/.test(await linkWorker.getByRole('main').innerText());
      assert.equal(last, index === attempts.length - 1, 'the last attempt is flagged before it is logged');
      await linkWorker.getByLabel(attempt.method).check();
      await linkWorker.getByLabel(attempt.outcome).check();
      await submit(linkWorker, 'Log attempt');
    }
    assert.match(await linkWorker.getByRole('main').innerText(), /Case closed: unable to contact/);

    tracking = await readTracking(school, referral);
    assert.match(tracking, /Closed/);
    assert.match(tracking, /has closed this referral/);
    // The last attempt and the closing are recorded in one transaction: "closed" must still come last.
    assert.deepEqual(
      await trackingTimeline(school),
      ['Referral received', 'Referral accepted', 'Link worker chosen', 'Tried to get in touch', 'Tried to get in touch', 'Tried to get in touch', 'Referral closed'],
      'events written in one transaction share now(), and ties are broken by a random id',
    );
    assert.doesNotMatch(tracking, /Callum|Fairweather/);

    // The school was told at each decision, by reference only.
    const admin = await journeys.newPage();
    await signInAs(admin, org.admin);
    const messages = await messagesAbout(admin, referral.reference);
    assert.deepEqual(
      messages.map((message) => message.subject),
      [
        `Referral ${referral.reference} received by ${org.name}`,
        `Referral ${referral.reference}: accepted`,
        `Referral ${referral.reference}: closed, we could not reach the young person`,
      ],
    );
    for (const message of messages) {
      assert.equal(message.to, 'o.lacey@example.test');
      assert.match(message.body, new RegExp(referral.reference));
      assert.doesNotMatch(message.body + message.subject, /Callum|Fairweather/);
    }
    assert.match(messages[2]!.body, /We tried 3 times .*by phone, by text message and by letter/);
  });
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { describeJourneys, follow, submit, visit } from '../../test/support/browser.ts';
import { heading, pathOf, signInAs } from '../../test/support/browser-steps.ts';
import { createYoungPerson } from '../../test/support/fixtures.ts';
import { hashToken, randomToken } from '../platform/auth/tokens.ts';

const LINK_PATH = /\/m\/[A-Za-z0-9_-]{43}/;
const REFUSAL = /This link has already been used, or has expired\. Your link worker can send you a new one\./;

/** Answers the question on screen, as a young person taps it on their phone. */
async function answer(phone: Page, counter: string, question: string, choice: string): Promise<void> {
  const main = await phone.getByRole('main').innerText();
  assert.ok(main.includes(counter), `expected "${counter}"`);
  assert.equal(await heading(phone), question);
  await phone.getByLabel(choice, { exact: true }).check();
  await submit(phone, 'Continue');
}

describeJourneys('a young person answers ONS4 on their phone through a link', (journeys) => {
  test('the link worker sends a link, the young person answers on a phone without JavaScript, and the change shows at review', async () => {
    const org = await journeys.t.newOrganisation();
    const person = await createYoungPerson(journeys.t.database, org.id, { allocatedTo: org.linkWorker.id });
    const episode = await journeys.t.database.db.selectFrom('episodes').select('id').where('young_person_id', '=', person.id).executeTakeFirstOrThrow();
    // The baseline was recorded with the link worker six weeks ago.
    const baseline = { life_satisfaction: 3, worthwhile: 4, happiness: 3, anxiety: 8 };
    await journeys.t.database.db
      .insertInto('measure_responses')
      .values({
        org_id: org.id,
        young_person_id: person.id,
        episode_id: episode.id,
        measure_key: 'ons4',
        measure_version: 1,
        moment: 'baseline',
        completed_on: new Date(Date.now() - 42 * 86_400_000).toISOString().slice(0, 10),
        collected_by: 'with_link_worker',
        answers: JSON.stringify(baseline),
        scores: JSON.stringify(baseline),
        recorded_by: org.linkWorker.id,
      })
      .execute();

    const staff = await journeys.newPage();
    await signInAs(staff, org.linkWorker);
    await visit(staff, `/young-people/${person.id}/measures`);
    await follow(staff, 'Send questions to answer on their phone');
    assert.equal(pathOf(staff), `/young-people/${person.id}/measures/send`);
    await staff.getByLabel('Review', { exact: true }).check();
    await submit(staff, 'Make the link');
    const linkPath = LINK_PATH.exec(await staff.getByRole('main').innerText())?.[0];
    assert.ok(linkPath, 'the new link is shown once');

    const phone = await journeys.newPage({ viewport: 'phone', javaScript: false });
    await visit(phone, linkPath);
    assert.equal(await heading(phone), 'A few short questions from your link worker');
    await submit(phone, 'Start');
    await answer(phone, 'Question 1 of 4', 'Overall, how satisfied are you with your life nowadays?', '7');
    await answer(phone, 'Question 2 of 4', 'Overall, to what extent do you feel that the things you do in your life are worthwhile?', '7');

    // They stop, and come back to the same link later: their answers are still there.
    const later = await journeys.newPage({ viewport: 'phone', javaScript: false });
    await visit(later, linkPath);
    await submit(later, 'Carry on');
    await follow(later, 'Back');
    assert.ok(await later.getByLabel('7', { exact: true }).isChecked(), 'the earlier answer is kept');
    await submit(later, 'Continue');
    await answer(later, 'Question 3 of 4', 'Overall, how happy did you feel yesterday?', '8');
    await answer(later, 'Question 4 of 4', 'Overall, how anxious did you feel yesterday?', '2');

    assert.equal(await heading(later), 'Your answers');
    await follow(later, 'Change your answer to: Overall, how anxious did you feel yesterday?');
    await answer(later, 'Question 4 of 4', 'Overall, how anxious did you feel yesterday?', '3');
    assert.equal(await heading(later), 'Your answers');
    assert.match(await later.getByRole('main').innerText(), /anxious[\s\S]*\b3\b/);
    await submit(later, 'Send');
    assert.equal(pathOf(later), '/m/sent');
    assert.equal(await heading(later), 'Your answers have been sent');

    await visit(staff, `/young-people/${person.id}/measures`);
    const record = await staff.getByRole('main').innerText();
    assert.match(record, /Life satisfaction[\s\S]*?Up 4 points since the first answers, which is better/);
    assert.match(record, /Happiness yesterday[\s\S]*?Up 5 points since the first answers, which is better/);
    assert.match(record, /Anxiety yesterday[\s\S]*?Down 5 points since the first answers, which is better/);

    // The link worked once: opening it again is refused kindly.
    await visit(phone, linkPath);
    assert.equal(await heading(phone), 'This link no longer works');
    assert.match(await phone.getByRole('main').innerText(), REFUSAL);
  });

  test('an expired link is refused kindly on a phone', async () => {
    const org = await journeys.t.newOrganisation();
    const person = await createYoungPerson(journeys.t.database, org.id, { allocatedTo: org.linkWorker.id });
    const token = randomToken();
    await journeys.t.database.db
      .insertInto('measure_links')
      .values({
        org_id: org.id,
        young_person_id: person.id,
        token_hash: hashToken(token),
        measure_key: 'ons4',
        measure_version: 1,
        moment: 'review',
        expires_at: new Date(Date.now() - 86_400_000),
        created_by: org.linkWorker.id,
      })
      .execute();
    const phone = await journeys.newPage({ viewport: 'phone' });
    await visit(phone, `/m/${token}`);
    assert.equal(await heading(phone), 'This link no longer works');
    assert.match(await phone.getByRole('main').innerText(), REFUSAL);
    assert.doesNotMatch(await phone.getByRole('main').innerText(), new RegExp(person.givenName));
  });
});

import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { checkAccessibility, follow, submit } from './browser.ts';
import { heading } from './browser-steps.ts';
import type { DatabaseHandle } from '../../src/platform/db/database.ts';
import type { TestOrganisation } from './fixtures.ts';
import { createAllocatedReferral } from './contact.ts';
import { ukCalendarDate } from '../../src/domain/working-days.ts';
import { daysAgo } from './triage.ts';

/** Steps the casework journeys share, written the way a link worker or a manager takes them. */

export const mainText = (page: Page) => page.getByRole('main').innerText();

/** A calendar date ('YYYY-MM-DD', UK time) this many days before today. */
export const dateDaysAgo = (days: number) => ukCalendarDate(daysAgo(days));

/**
 * A young person referred a month ago whose support began four weeks ago: allocated to the
 * organisation's link worker, contact still to be made, and a referrer who asked for updates.
 */
export async function personReferredAMonthAgo(database: DatabaseHandle, org: TestOrganisation, name: { givenName: string; familyName: string }, referrerEmail: string) {
  const allocated = await createAllocatedReferral(database, org, { ...name, referrerEmail, wantsUpdates: true, submittedAt: daysAgo(30), allocatedAt: daysAgo(29) });
  await database.db.updateTable('episodes').set({ opened_on: dateDaysAgo(28) }).where('young_person_id', '=', allocated.person.id).execute();
  return allocated;
}

/** Clicks something that loads another page (a link whose name carries a date, say), then checks that page. */
export async function clickThrough(page: Page, target: Locator): Promise<void> {
  const loaded = page.waitForEvent('load');
  await target.click();
  await loaded;
  await checkAccessibility(page);
}

/** Record pages keep the young person's name as the main heading: the page's own part has a level 2 heading. */
async function assertSection(page: Page, name: string): Promise<void> {
  assert.ok(await page.getByRole('heading', { level: 2, name, exact: true }).isVisible(), `the page shows “${name}”`);
}

async function fillDate(group: Locator, isoDate: string): Promise<void> {
  const [year, month, day] = isoDate.split('-').map(Number);
  await group.getByLabel('Day').fill(String(day));
  await group.getByLabel('Month').fill(String(month));
  await group.getByLabel('Year').fill(String(year));
}

/** On the record's overview: the link worker reaches them and logs it, which puts them in support. */
export async function logMadeContact(page: Page): Promise<void> {
  await submit(page, 'Log a contact attempt');
  assert.equal(await heading(page), 'Log a contact attempt');
  await page.getByLabel('Phone call').check();
  await page.getByLabel('Made contact').check();
  await page.getByLabel('Note (optional)').fill('Spoke to them on the phone; happy to meet at the café');
  await submit(page, 'Log attempt');
  assert.match(await mainText(page), /First contact made\s+They are now in support\./);
}

export interface Consent {
  shareWith: string[];
  competenceNote: string;
  whatTheyWereTold: string;
  givenOn: string;
}

/** A young person under 16 consents for themselves, so their understanding is recorded too. */
export async function recordOwnConsent(page: Page, consent: Consent): Promise<void> {
  await follow(page, 'Consent and sharing');
  assert.match(await mainText(page), /No consent is recorded for this episode of support/);
  await submit(page, 'Record consent');
  assert.equal(await heading(page), 'Record consent');
  await page.getByRole('group', { name: 'Do they agree to support from the service?' }).getByLabel('Yes').check();
  for (const party of consent.shareWith) await page.getByLabel(party, { exact: true }).check();
  await page.getByRole('group', { name: /used for research/ }).getByLabel('No').check();
  await page.getByLabel('The young person', { exact: true }).check();
  await page.getByLabel('How did you assess that they understand what they are agreeing to?').fill(consent.competenceNote);
  await page.getByLabel('What were they told?').fill(consent.whatTheyWereTold);
  await fillDate(page.getByRole('group', { name: 'Date consent was given' }), consent.givenOn);
  await submit(page, 'Save consent');
  assert.match(await mainText(page), /Consent recorded\./);
}

export interface WhatMatters {
  ticked: string[];
  strengths: string;
  whatMatters: string;
  wantToChange: string;
}

export async function recordWhatMatters(page: Page, answers: WhatMatters): Promise<void> {
  await follow(page, 'What matters to me');
  await submit(page, 'Record what matters to them');
  assert.equal(await heading(page), 'What matters to me');
  for (const label of answers.ticked) await page.getByLabel(label, { exact: true }).check();
  await page.getByLabel('Strengths (optional)').fill(answers.strengths);
  await page.getByLabel('What matters to them (optional)').fill(answers.whatMatters);
  await page.getByLabel('What they want to change (optional)').fill(answers.wantToChange);
  await submit(page, 'Save');
  assert.match(await mainText(page), /What matters to them is saved\./);
}

/** Goals in the young person's words, in the plan's order, each with the rating they give it. */
export type RatedGoals = { wording: string; rating: number }[];

/** On the plan page: each goal rated out of 10 on the day, in the plan's order. */
export async function rateGoals(page: Page, goals: RatedGoals, ratedOn: string): Promise<void> {
  await submit(page, 'Rate the goals');
  assert.equal(await heading(page), 'Rate the goals');
  for (const [index, goal] of goals.entries()) await page.getByLabel(`Goal ${index + 1}: ${goal.wording}`).fill(String(goal.rating));
  await fillDate(page.getByRole('group', { name: 'When did they rate their goals?' }), ratedOn);
  await submit(page, 'Save');
  assert.match(await mainText(page), /Ratings saved\./);
}

/** The plan made together: their goals, a first rating of each, and their agreement. */
export async function makePlan(page: Page, goals: RatedGoals, agreedOn: string): Promise<void> {
  await follow(page, 'Plan and goals');
  for (const goal of goals) {
    await follow(page, 'Add a goal');
    await page.getByLabel('Their goal').fill(goal.wording);
    await submit(page, 'Save');
    assert.match(await mainText(page), /Goal added\./);
  }
  await rateGoals(page, goals, agreedOn);
  await follow(page, 'Change their agreement (Do they agree to the plan?)');
  await page.getByRole('group', { name: 'Have they agreed to the plan?' }).getByLabel('Yes').check();
  await fillDate(page.getByRole('group', { name: 'If yes, when did they agree?' }), agreedOn);
  await submit(page, 'Save');
  assert.match(await mainText(page), /Their agreement is recorded\./);
}

export interface Booking {
  date: string;
  time: string;
  setting: string;
  place?: string;
}

/**
 * When, how long and where. On the record page the same fields come twice: first for the session
 * that happened, then for the next one to book. `which` says whose fields to fill.
 */
async function fillBooking(page: Page, question: string, booking: Booking, which: 'first' | 'last'): Promise<void> {
  const pick = (locator: Locator) => (which === 'first' ? locator.first() : locator.last());
  await fillDate(page.getByRole('group', { name: question }), booking.date);
  await pick(page.getByLabel('Start time', { exact: true })).fill(booking.time);
  await pick(page.getByRole('group', { name: 'Where or how' })).getByLabel(booking.setting, { exact: true }).check();
  if (booking.place) await pick(page.getByLabel('Place (optional)', { exact: true })).fill(booking.place);
}

export interface SessionNotes {
  whatHappened: string;
  whatWasAgreed?: string;
  nextSteps?: string;
  /** The plan's goals the session worked on, as the form lists them ("Goal 1: ..."). */
  goals?: string[];
}

async function writeUp(page: Page, notes: SessionNotes, next: Booking | undefined): Promise<void> {
  await page.getByLabel('What happened', { exact: true }).fill(notes.whatHappened);
  if (notes.whatWasAgreed) await page.getByLabel('What was agreed', { exact: true }).fill(notes.whatWasAgreed);
  if (notes.nextSteps) await page.getByLabel('Next steps', { exact: true }).fill(notes.nextSteps);
  for (const goal of notes.goals ?? []) await page.getByLabel(goal, { exact: true }).check();
  if (next) {
    await page.getByLabel('Book the next session now').check();
    await fillBooking(page, 'When is the next session?', next, 'last');
  }
  await submit(page, 'Save session record');
  assert.match(await mainText(page), /Session recorded\./);
}

/** On the sessions page: a session that was not booked in Linkway, written up on one page. */
export async function recordSessionThatHappened(page: Page, held: Booking, notes: SessionNotes, next?: Booking): Promise<void> {
  await follow(page, 'Record a session that happened');
  await assertSection(page, 'Record a session that happened');
  await fillBooking(page, 'When did the session happen?', held, 'first');
  await writeUp(page, notes, next);
}

/** On the sessions page: the earliest booked session, written up with what happened to it. */
export async function recordBookedSession(page: Page, outcome: 'They attended' | 'They did not attend', notes: SessionNotes, next?: Booking): Promise<void> {
  await clickThrough(page, page.getByRole('link', { name: /^Record the session on/ }).first());
  await assertSection(page, 'Record the session');
  await page.getByLabel(outcome, { exact: true }).check();
  await writeUp(page, notes, next);
}

/**
 * On the sessions page: a session still to come cannot be said to have happened. Its page offers
 * only "cancelled", or moving it, which this does.
 */
export async function rearrangeSessionAhead(page: Page, when: { date: string; time: string }): Promise<void> {
  await clickThrough(page, page.getByRole('link', { name: /^Cancel or rearrange the session on/ }).first());
  await assertSection(page, 'Record the session');
  assert.match(await mainText(page), /This session has not started yet, so you cannot record whether they attended\./);
  assert.equal(await page.getByLabel('They attended', { exact: true }).count(), 0);
  assert.equal(await page.getByLabel('They did not attend', { exact: true }).count(), 0);
  await follow(page, 'rearrange it');
  await assertSection(page, 'Rearrange the session');
  await fillDate(page.getByRole('group', { name: 'When is the session now?' }), when.date);
  await page.getByLabel('Start time', { exact: true }).fill(when.time);
  await submit(page, 'Rearrange session');
  assert.match(await mainText(page), /Session rearranged\./);
}

/** The status of every session in the episode, earliest first, as the sessions table tags them. */
export function sessionStatuses(page: Page): Promise<string[]> {
  return page.getByRole('table', { name: /Sessions in this episode/ }).locator('.nhsuk-tag').allInnerTexts();
}

export interface Concern {
  category: string;
  whatWasSeenOrSaid: string;
  immediateAction: string;
  referredTo: string[];
  urgency: string;
}

export async function raiseConcern(page: Page, concern: Concern): Promise<void> {
  await follow(page, 'Safeguarding');
  await submit(page, 'Raise a safeguarding concern');
  await page.getByLabel(concern.category, { exact: true }).check();
  await page.getByLabel('What did you see, or what was said?').fill(concern.whatWasSeenOrSaid);
  await page.getByLabel('What did you do straight away?').fill(concern.immediateAction);
  for (const who of concern.referredTo) await page.getByLabel(who, { exact: true }).check();
  await page.getByLabel(concern.urgency, { exact: true }).check();
  await submit(page, 'Raise concern and alert managers');
  assert.match(await mainText(page), /Concern raised\. Every manager of the scheme has been alerted\./);
}

/** A manager, on the young person's safeguarding page, records the follow-up and closes the concern. */
export async function closeConcern(page: Page, followUp: string): Promise<void> {
  await clickThrough(page, page.getByRole('link', { name: /^Record follow-up and close/ }));
  await page.getByLabel('What was done to follow it up?').fill(followUp);
  await submit(page, 'Close concern');
  assert.match(await mainText(page), /Concern closed\. The follow-up is recorded below\./);
}

/** From the record: the reason and closing summary, the check page's word on the referrer, then confirm. */
export async function discharge(page: Page, reason: string, closingSummary: string, referrerWillHear: RegExp): Promise<void> {
  await follow(page, 'Discharge');
  await page.getByLabel(reason, { exact: true }).check();
  await page.getByLabel('Closing summary').fill(closingSummary);
  await submit(page, 'Continue');
  assert.equal(await heading(page), 'Check before ending support');
  assert.match(await mainText(page), referrerWillHear);
  await submit(page, 'Confirm and end support');
  assert.match(await mainText(page), /Support ended/);
}

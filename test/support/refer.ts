import assert from 'node:assert/strict';
import { subYears, format } from 'date-fns';
import type { FastifyInstance } from 'fastify';
import type { DatabaseHandle } from '../../src/platform/db/database.ts';
import { TestAgent, type Page } from './agent.ts';

/** Helpers shared by the referral-form tests: they fill the form the way a person would. */

export async function schemeSlug(database: DatabaseHandle, orgId: string): Promise<string> {
  const row = await database.db.selectFrom('organisations').select('slug').where('id', '=', orgId).executeTakeFirstOrThrow();
  return row.slug;
}

/** Date-of-birth boxes for someone who turned this age a month ago. */
export function birthdayFields(age: number, today = new Date()): Record<string, string> {
  const date = subYears(today, age);
  date.setMonth(date.getMonth() - 1);
  return { 'dateOfBirth[day]': format(date, 'd'), 'dateOfBirth[month]': format(date, 'M'), 'dateOfBirth[year]': format(date, 'yyyy') };
}

export const NO_RISKS = { risk_to_life: 'no', self_harm: 'no', safeguarding: 'no', mental_health_service: 'no', substance_use: 'no' };

type Fields = Record<string, string | string[]>;

/** Answers for every step, by route; a test overrides the ones it is about. */
export function answersFor(route: 'professional' | 'parent_carer' | 'self', overrides: Partial<Record<string, Fields>> = {}): Record<string, Fields> {
  const common: Record<string, Fields> = {
    who: { route },
    'young-person': { givenName: 'Jordan', familyName: 'Quillfeather', preferredName: 'Jo', pronouns: 'they/them', ...birthdayFields(15) },
    contact: { phone: '07700 900982', email: route === 'self' ? 'jo@example.test' : '', address: '1 Any Street', postcode: 'ls6 2ab', safeTo: ['phone', 'text'], ...(route === 'self' ? { emailUpdates: 'yes' } : {}) },
    school: { school: 'Park High School' },
    gp: { gpPractice: 'Hillside Surgery' },
    equality: { ethnicity: 'prefer_not_to_say', gender: 'non_binary' },
    needs: { needs: ['loneliness', 'anxiety'], needsDetail: 'Finds it hard to make friends' },
    'what-matters': { whatMatters: 'Drawing and being outdoors' },
    ...(route === 'self' ? {} : { agreement: { knowsAboutReferral: 'yes', agreesToReferral: 'yes' } }),
    risk: NO_RISKS,
    ...(route === 'professional'
      ? { referrer: { referrerType: 'gp', organisation: 'Hillside Surgery', name: 'Dr Ada Ring', email: 'ada.ring@example.test', phone: '', wantsUpdates: 'yes' } }
      : {}),
    ...(route === 'parent_carer' ? { parent: { name: 'Sam Quillfeather', relationship: 'Parent', email: 'sam@example.test', phone: '', wantsUpdates: 'yes' } } : {}),
  };
  for (const [step, fields] of Object.entries(overrides)) common[step] = { ...common[step], ...fields };
  return common;
}

/** Starts a referral and answers each step in order, checking each one moves on. Ends on check answers. */
export async function fillReferral(agent: TestAgent, slug: string, answers: Record<string, Fields>): Promise<Page> {
  const started = await agent.submit(`/refer/${slug}`, {});
  assert.equal(started.location, `/refer/${slug}/who`);
  let location = started.location;
  for (const [step, fields] of Object.entries(answers)) {
    assert.equal(location, `/refer/${slug}/${step}`, `the form goes on to ${step}`);
    const saved = await agent.submit(location, fields);
    assert.equal(saved.status, 303, `${step} was accepted: ${saved.status}`);
    location = saved.location!;
  }
  assert.equal(location, `/refer/${slug}/check`);
  return agent.get(location);
}

/** Fills and sends a referral; returns the confirmation page's path and the page itself. */
export async function sendReferral(app: FastifyInstance, slug: string, answers: Record<string, Fields>): Promise<{ agent: TestAgent; sent: Page; reference: string; trackingPath: string | undefined }> {
  const agent = new TestAgent(app);
  const check = await fillReferral(agent, slug, answers);
  const posted = await agent.submitPage(check, `/refer/${slug}/check`, {});
  assert.equal(posted.location, `/refer/${slug}/sent`, `sending answered ${posted.status}`);
  const sent = await agent.get(posted.location);
  const reference = /LW-[A-Z2-9]{8}/.exec(sent.body)?.[0];
  assert.ok(reference, 'the confirmation shows the reference');
  return { agent, sent, reference, trackingPath: trackingPathIn(sent.body) };
}

export function trackingPathIn(text: string): string | undefined {
  return /https?:\/\/[^/\s<"]+(\/track\/[A-Za-z0-9_-]{43})/.exec(text)?.[1];
}

export async function referralByReference(database: DatabaseHandle, orgId: string, reference: string) {
  return database.db.selectFrom('referrals').selectAll().where('org_id', '=', orgId).where('reference', '=', reference).executeTakeFirstOrThrow();
}

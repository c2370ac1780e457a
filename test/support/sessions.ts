import assert from 'node:assert/strict';
import type { TestApp } from './test-app.ts';
import { TestAgent, pageText, type Page } from './agent.ts';
import type { TestOrganisation, TestUser } from './fixtures.ts';
import { createYoungPerson } from './fixtures.ts';

/** Helpers shared by the sessions tests: each acts as a browser would, through the pages. */

export async function signedIn(t: TestApp, user: TestUser): Promise<TestAgent> {
  const agent = new TestAgent(t.app);
  await agent.signIn(user);
  return agent;
}

/** A young person allocated to the organisation's link worker, in support with an open episode. */
export async function personInSupport(t: TestApp, org: TestOrganisation) {
  return createYoungPerson(t.database, org.id, { allocatedTo: org.linkWorker.id });
}

export function bookingFields(overrides: Record<string, string> = {}, prefix = ''): Record<string, string> {
  const name = (field: string) => (prefix ? prefix + field.charAt(0).toUpperCase() + field.slice(1) : field);
  const fields = { 'date[day]': '4', 'date[month]': '3', 'date[year]': '2030', time: '14:30', duration: '45', setting: 'cafe', place: 'The Corner Café', ...overrides };
  return Object.fromEntries(Object.entries(fields).map(([field, value]) => [name(field), value]));
}

/** A booking that has already happened, so what happened to it can be recorded. */
export const IN_THE_PAST = { 'date[year]': '2025' } as const;

export async function book(agent: TestAgent, personId: string, overrides: Record<string, string> = {}): Promise<Page> {
  return agent.submit(`/young-people/${personId}/sessions`, bookingFields(overrides), `/young-people/${personId}/sessions`);
}

export function sessionsOf(t: TestApp, personId: string) {
  return t.database.db.selectFrom('support_sessions').selectAll().where('young_person_id', '=', personId).orderBy('starts_at').execute();
}

/** Books a session and returns its id. */
export async function bookedSession(t: TestApp, agent: TestAgent, personId: string, overrides: Record<string, string> = {}): Promise<string> {
  const before = new Set((await sessionsOf(t, personId)).map((session) => session.id));
  const done = await book(agent, personId, overrides);
  assert.equal(done.status, 303, pageText(done.body).slice(0, 400));
  const made = (await sessionsOf(t, personId)).find((session) => !before.has(session.id));
  assert.ok(made, 'the session was booked');
  return made.id;
}

export async function recordSession(agent: TestAgent, personId: string, sessionId: string, fields: Record<string, string | string[]>): Promise<Page> {
  return agent.submit(`/young-people/${personId}/sessions/${sessionId}/record`, fields);
}

export const ATTENDED_NOTES = {
  outcome: 'attended',
  whatHappened: 'Talked about football and what makes weekends hard.',
  whatWasAgreed: 'Try the Saturday club once, with me there.',
  nextSteps: 'I will ring the club coach before Friday.',
};

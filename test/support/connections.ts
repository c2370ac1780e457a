import assert from 'node:assert/strict';
import type { TestAgent } from './agent.ts';
import type { DatabaseHandle } from '../../src/platform/db/database.ts';

/** Steps of a connection as a link worker takes them, through the pages, for tests. */

export const connectionsPath = (youngPersonId: string) => `/young-people/${youngPersonId}/connections`;

export async function suggest(agent: TestAgent, database: DatabaseHandle, youngPersonId: string, serviceId: string): Promise<string> {
  const done = await agent.submit(`${connectionsPath(youngPersonId)}/new?service=${serviceId}`, { note: 'Loves drawing' });
  assert.equal(done.status, 303, 'the suggestion is recorded');
  const row = await database.db
    .selectFrom('connections')
    .select('id')
    .where('young_person_id', '=', youngPersonId)
    .where('service_id', '=', serviceId)
    .orderBy('created_at', 'desc')
    .executeTakeFirstOrThrow();
  return row.id;
}

export const stepPath = (youngPersonId: string, connectionId: string, step: string) => `${connectionsPath(youngPersonId)}/${connectionId}/${step}`;

export function dateFields(name: string, isoDate: string): Record<string, string> {
  const [year, month, day] = isoDate.split('-');
  return { [`${name}[day]`]: String(Number(day)), [`${name}[month]`]: String(Number(month)), [`${name}[year]`]: year! };
}

export async function agree(agent: TestAgent, youngPersonId: string, connectionId: string, share: string[], contactDetail = ''): Promise<void> {
  const done = await agent.submit(stepPath(youngPersonId, connectionId, 'agree'), { ...dateFields('agreedOn', '2026-03-02'), share, contactDetail });
  assert.equal(done.status, 303, 'the agreement is recorded');
}

export async function refer(agent: TestAgent, youngPersonId: string, connectionId: string, method: 'email' | 'signpost') {
  return agent.submit(stepPath(youngPersonId, connectionId, 'refer'), { method });
}

/** The path of the provider's private link in the newest message to them. */
export async function providerLinkIn(database: DatabaseHandle, to: string): Promise<{ path: string; body: string }> {
  const message = await database.db.selectFrom('outbox_messages').select('body').where('to_address', '=', to).orderBy('created_at', 'desc').executeTakeFirstOrThrow();
  const path = /\/provider-response\/[A-Za-z0-9_-]{43}/.exec(message.body)?.[0];
  assert.ok(path, 'the message carries the private link');
  return { path, body: message.body };
}

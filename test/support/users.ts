import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import type { DatabaseHandle } from '../../src/platform/db/database.ts';
import { TestAgent, type Page } from './agent.ts';
import type { TestOrganisation } from './fixtures.ts';

/** Helpers shared by the users tests: each acts as a browser would, through the pages. */

export const NEW_PASSWORD = 'a brand new password for linkway';

export async function signedInAdmin(app: FastifyInstance, org: TestOrganisation): Promise<TestAgent> {
  const admin = new TestAgent(app);
  await admin.signIn(org.admin);
  return admin;
}

export function csrfFrom(page: Page): string {
  const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
  assert.ok(token, 'the page has a form with a CSRF token');
  return token;
}

/** The invitation link as the admin's confirmation page shows it. */
export function invitationPathFrom(page: Page): string | undefined {
  return /https?:\/\/[^/\s<]+(\/invitations\/[A-Za-z0-9_-]{43})/.exec(page.body)?.[1];
}

/** Invites someone and returns their new id and the link the admin was shown. */
export async function invite(admin: TestAgent, fields: Record<string, string>): Promise<{ userId: string; link: string }> {
  const created = await admin.submit('/users/invite', fields);
  assert.equal(created.status, 303);
  const userId = /^\/users\/([0-9a-f-]{36})\/invitation$/.exec(created.location ?? '')?.[1];
  assert.ok(userId, `redirected to the invitation page, not ${created.location}`);
  const link = invitationPathFrom(await admin.get(created.location!));
  assert.ok(link, 'the confirmation page shows the invitation link');
  return { userId, link };
}

/** Asks for a new invitation from the user's page and returns the link shown. */
export async function sendNewInvitation(admin: TestAgent, userId: string): Promise<string> {
  const sent = await admin.submit(`/users/${userId}`, {}, `/users/${userId}/invitation`);
  assert.equal(sent.location, `/users/${userId}/invitation`);
  const link = invitationPathFrom(await admin.get(sent.location));
  assert.ok(link);
  return link;
}

/** One row of the users table as its text reads (each cell carries its column heading on small screens). */
export function rowOf(name: string, role: string, status: string, secondFactor: string, capacity: string): RegExp {
  return new RegExp(`Name ${name} Email address \\S+ Role ${role} Status ${status} Second factor ${secondFactor} Caseload capacity ${capacity}`);
}

export async function userRow(database: DatabaseHandle, id: string) {
  return database.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

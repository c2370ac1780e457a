import type { DatabaseHandle } from '../../src/platform/db/database.ts';
import type { TestOrganisation } from './fixtures.ts';
import { createYoungPerson } from './fixtures.ts';
import { TestAgent } from './agent.ts';
import type { TestApp } from './test-app.ts';

export const LINK_PATH = /\/me\/[A-Za-z0-9_-]{43}/;

/**
 * A young person in support with contact details, a plan with two goals (one already scored), and
 * a session booked for next week: what the own page shows. Plans are made directly, as the plan
 * pages are not what is under test here.
 */
export async function personWithPlan(
  database: DatabaseHandle,
  org: TestOrganisation,
  details: { email?: string | null; phone?: string | null; preferredName?: string } = {},
) {
  const person = await createYoungPerson(database, org.id, { allocatedTo: org.linkWorker.id });
  await database.db
    .updateTable('young_people')
    .set({ email: details.email ?? null, phone: details.phone ?? null, preferred_name: details.preferredName ?? null })
    .where('id', '=', person.id)
    .execute();
  const episode = await database.db.selectFrom('episodes').select('id').where('young_person_id', '=', person.id).executeTakeFirstOrThrow();
  const plan = await database.db
    .insertInto('plans')
    .values({ org_id: org.id, young_person_id: person.id, episode_id: episode.id })
    .returning('id')
    .executeTakeFirstOrThrow();
  const goals = await database.db
    .insertInto('goals')
    .values([
      { org_id: org.id, young_person_id: person.id, plan_id: plan.id, position: 1, wording: `Go to a climbing session on my own ${person.givenName}` },
      { org_id: org.id, young_person_id: person.id, plan_id: plan.id, position: 2, wording: `Sleep before midnight ${person.givenName}` },
    ])
    .returning(['id', 'wording'])
    .execute();
  await database.db
    .insertInto('goal_ratings')
    .values({ org_id: org.id, young_person_id: person.id, goal_id: goals[0]!.id, rating: 3, rated_on: '2026-01-05', rated_by: 'with_link_worker' })
    .execute();
  const session = await database.db
    .insertInto('support_sessions')
    .values({
      org_id: org.id,
      young_person_id: person.id,
      link_worker_id: org.linkWorker.id,
      episode_id: episode.id,
      starts_at: new Date(Date.now() + 7 * 86_400_000),
      duration_minutes: 45,
      setting: 'cafe',
      place: 'Bean There café',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { ...person, episodeId: episode.id, goals: goals as { id: string; wording: string }[], sessionId: session.id };
}

/** Makes a private link as the allocated link worker and returns its path, as shown once on the page. */
export async function makeLink(t: TestApp, org: TestOrganisation, youngPersonId: string, fields: Record<string, string> = {}): Promise<string> {
  const staff = new TestAgent(t.app);
  await staff.signIn(org.linkWorker);
  const made = await staff.submit(`/young-people/${youngPersonId}/own-page`, fields, `/young-people/${youngPersonId}/own-page/link`);
  if (made.status !== 303) throw new Error(`Making a link answered ${made.status}`);
  const page = await staff.get(made.location!);
  const path = LINK_PATH.exec(page.body)?.[0];
  if (!path) throw new Error('No private link shown after making one');
  return path;
}

/** The newest message in the outbox to this address, as an admin would see it. */
export async function lastMessageTo(database: DatabaseHandle, to: string) {
  return database.db
    .selectFrom('outbox_messages')
    .select(['subject', 'body', 'channel', 'status'])
    .where('to_address', '=', to)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export function codeIn(body: string): string {
  const code = /\b(\d{6})\b/.exec(body)?.[1];
  if (!code) throw new Error('No code in the message');
  return code;
}

import { sql } from 'kysely';
import type { DatabaseHandle } from '../platform/db/database.ts';
import type { Stage } from '../platform/db/schema.ts';
import { hashPassword } from '../platform/auth/passwords.ts';
import { createScheme } from '../scheme-settings/index.ts';
import { seedDemoReferrals } from './referrals-seed.ts';
import { seedDemoCasework } from './casework-seed.ts';
import { FAMILY_NAMES, GIVEN_NAMES, PLACES, POSTCODE_AREAS, PRONOUNS, STAFF } from './names.ts';
import { seedDemoDirectory } from './directory-seed.ts';

export const DEMO_PASSWORD = 'linkway-demo-password';

export interface DemoSize {
  linkWorkers: number;
  youngPeople: number;
  /** Services in the community directory. */
  assets: number;
}

export const DEMO_SIZE: DemoSize = { linkWorkers: 3, youngPeople: 60, assets: 20 };

export interface DemoLogins {
  password: string;
  logins: { role: string; email: string }[];
}

/** A small, repeatable pseudo-random sequence so every demo looks the same. */
function sequence(seed: number) {
  let state = seed;
  const next = () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
  return {
    next,
    pick<T>(items: readonly T[]): T {
      return items[Math.floor(next() * items.length)]!;
    },
    between(min: number, max: number): number {
      return min + Math.floor(next() * (max - min + 1));
    },
  };
}

const STAGE_MIX: Stage[] = ['new_referral', 'waiting_for_allocation', 'making_contact', 'in_support', 'in_support', 'in_support', 'closed'];

// Sessions fall at times a school or youth hub would offer, not whenever the demo was seeded.
const SESSION_HOURS = [9, 10.5, 13, 15.5, 16.5];

function sessionTime(today: Date, offsetDays: number, hour: number): Date {
  const day = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + offsetDays));
  day.setUTCHours(Math.floor(hour), (hour % 1) * 60);
  return day;
}

function slugFor(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Seeds only an empty database: never one that already holds a scheme. */
export async function seedDemoIfEmpty(database: DatabaseHandle, size: DemoSize = DEMO_SIZE): Promise<DemoLogins | null> {
  const existing = await database.db.selectFrom('organisations').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  if (existing.n > 0) return null;
  return seedDemoScheme(database, 'Northside Youth Link', size);
}

export async function seedDemoScheme(database: DatabaseHandle, schemeName: string, size: DemoSize, emailDomain = 'demo.linkway.test'): Promise<DemoLogins> {
  const random = sequence(20_261_123);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return database.db.transaction().execute(async (trx) => {
    const org = { id: await createScheme(trx, schemeName, slugFor(schemeName)) };
    const staff = [
      ...STAFF.filter((person) => person.role !== 'link_worker'),
      ...Array.from({ length: size.linkWorkers }, (_, index) => {
        const named = STAFF.filter((person) => person.role === 'link_worker')[index];
        return named ?? { name: `Link Worker ${index + 1}`, role: 'link_worker' as const, email: `worker${index + 1}@${emailDomain}` };
      }),
    ].map((person) => ({ ...person, email: person.email.replace('demo.linkway.test', emailDomain) }));
    const users = await trx
      .insertInto('users')
      .values(staff.map((person) => ({ org_id: org.id, name: person.name, email: person.email, role: person.role, password_hash: passwordHash })))
      .returning(['id', 'role'])
      .execute();
    const workers = users.filter((user) => user.role === 'link_worker');

    const today = new Date();
    const people = Array.from({ length: size.youngPeople }, () => {
      const stage = random.pick(STAGE_MIX);
      const age = random.between(13, 24);
      const birth = new Date(today.getFullYear() - age, random.between(0, 11), random.between(1, 28));
      const referred = new Date(today.getTime() - random.between(1, 120) * 86_400_000);
      const allocated = stage === 'making_contact' || stage === 'in_support' || stage === 'closed';
      const given = random.pick(GIVEN_NAMES);
      return {
        org_id: org.id,
        given_name: given,
        family_name: random.pick(FAMILY_NAMES),
        preferred_name: random.next() < 0.2 ? given.slice(0, 3) : null,
        date_of_birth: isoDate(birth),
        pronouns: random.pick(PRONOUNS),
        postcode: `${random.pick(POSTCODE_AREAS)} ${random.between(1, 9)}${random.pick(['AB', 'DE', 'HJ', 'QT', 'XY'])}`,
        stage,
        allocated_worker_id: allocated ? random.pick(workers).id : null,
        referred_on: isoDate(referred),
      };
    });
    const inserted = [];
    // Batches keep each statement's parameter count well under PostgreSQL's limit.
    for (let start = 0; start < people.length; start += 500) {
      inserted.push(
        ...(await trx.insertInto('young_people').values(people.slice(start, start + 500)).returning(['id', 'stage', 'allocated_worker_id']).execute()),
      );
    }

    // Everyone past a new referral is in an episode of support; the closed ones have ended.
    await sql`
      insert into episodes (org_id, young_person_id, opened_on, sessions_allowed, weeks_allowed, closed_on, discharge_reason)
      select p.org_id, p.id, p.referred_on, 6, 12,
             case when p.stage = 'closed' then current_date end,
             case when p.stage = 'closed' then 'goals_met' end
      from young_people p where p.org_id = ${org.id} and p.stage <> 'new_referral'`.execute(trx);
    const episodeOf = new Map(
      (await trx.selectFrom('episodes').select(['id', 'young_person_id']).where('org_id', '=', org.id).execute()).map((row) => [row.young_person_id, row.id]),
    );

    const sessions = inserted
      .filter((person) => person.stage === 'in_support' && person.allocated_worker_id)
      .flatMap((person) =>
        [-21, -14, -7, 7].map((offsetDays, index) => ({
          org_id: org.id,
          young_person_id: person.id,
          episode_id: episodeOf.get(person.id) ?? null,
          link_worker_id: person.allocated_worker_id!,
          starts_at: sessionTime(today, offsetDays + random.between(0, 3), random.pick(SESSION_HOURS)),
          ...random.pick(PLACES),
          status: offsetDays > 0 ? ('scheduled' as const) : index === 1 && random.next() < 0.3 ? ('did_not_attend' as const) : ('attended' as const),
        })),
      );
    for (let start = 0; start < sessions.length; start += 500) {
      await trx.insertInto('support_sessions').values(sessions.slice(start, start + 500)).execute();
    }

    await seedDemoDirectory(trx, org.id, size.assets, workers.map((worker) => worker.id), random);
    await seedDemoReferrals(trx, org.id);
    await seedDemoCasework(trx, org.id, workers.map((worker) => worker.id));

    return { password: DEMO_PASSWORD, logins: staff.map((person) => ({ role: person.role, email: person.email })) };
  });
}

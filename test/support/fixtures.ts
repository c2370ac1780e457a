import { randomBytes } from 'node:crypto';
import type { DatabaseHandle } from '../../src/platform/db/database.ts';
import type { Role, Stage } from '../../src/platform/db/schema.ts';
import { hashPassword } from '../../src/platform/auth/passwords.ts';
import { newTotpSecret } from '../../src/platform/auth/totp.ts';
import type { SecretBox } from '../../src/platform/auth/secret-box.ts';
import { createScheme } from '../../src/scheme-settings/create-scheme.ts';

export const TEST_PASSWORD = 'correct horse battery staple';
let passwordHash: Promise<string> | undefined;

export interface TestUser {
  id: string;
  email: string;
  role: Role;
  name: string;
  /** Set when the user has a second factor, to generate codes in tests. */
  totpSecret?: string;
}

export interface TestOrganisation {
  id: string;
  name: string;
  admin: TestUser;
  manager: TestUser;
  linkWorker: TestUser;
  otherLinkWorker: TestUser;
  commissioner: TestUser;
}

function unique(): string {
  return randomBytes(5).toString('hex');
}

export async function createUser(
  database: DatabaseHandle,
  orgId: string,
  role: Role,
  options: { secretBox?: SecretBox; withTotp?: boolean; name?: string } = {},
): Promise<TestUser> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const email = `${role}.${unique()}@example.test`;
  const totpSecret = options.withTotp ? newTotpSecret() : undefined;
  if (totpSecret && !options.secretBox) throw new Error('A user with a second factor needs the app secret box');
  const name = options.name ?? `Test ${role.replace('_', ' ')} ${unique().slice(0, 4)}`;
  const user = await database.db
    .insertInto('users')
    .values({
      org_id: orgId,
      email,
      name,
      role,
      password_hash: await passwordHash,
      totp_secret: totpSecret ? options.secretBox!.seal(totpSecret, 'second-factor') : null,
      totp_enabled: Boolean(totpSecret),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: user.id, email, role, name, ...(totpSecret ? { totpSecret } : {}) };
}

/** A fresh organisation with one user per role, so every test starts from nothing of anyone else's. */
export async function createOrganisation(database: DatabaseHandle, secretBox: SecretBox): Promise<TestOrganisation> {
  const name = `Test scheme ${unique()}`;
  const org = { id: await createScheme(database.db, name, `test-scheme-${unique()}`) };
  return {
    id: org.id,
    name,
    admin: await createUser(database, org.id, 'admin', { secretBox, withTotp: true }),
    manager: await createUser(database, org.id, 'manager'),
    linkWorker: await createUser(database, org.id, 'link_worker'),
    otherLinkWorker: await createUser(database, org.id, 'link_worker'),
    commissioner: await createUser(database, org.id, 'commissioner'),
  };
}

export async function createYoungPerson(
  database: DatabaseHandle,
  orgId: string,
  options: { allocatedTo?: string; stage?: Stage; givenName?: string; familyName?: string } = {},
): Promise<{ id: string; givenName: string; familyName: string }> {
  const givenName = options.givenName ?? `Young${unique().slice(0, 4)}`;
  const familyName = options.familyName ?? `Person${unique().slice(0, 4)}`;
  const stage = options.stage ?? (options.allocatedTo ? 'in_support' : 'waiting_for_allocation');
  const row = await database.db
    .insertInto('young_people')
    .values({
      org_id: orgId,
      given_name: givenName,
      family_name: familyName,
      date_of_birth: '2010-05-17',
      stage,
      allocated_worker_id: options.allocatedTo ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (stage !== 'new_referral') {
    await database.db
      .insertInto('episodes')
      .values({ org_id: orgId, young_person_id: row.id, sessions_allowed: 6, weeks_allowed: 12, closed_on: stage === 'closed' ? '2026-01-31' : null })
      .execute();
  }
  return { id: row.id, givenName, familyName };
}

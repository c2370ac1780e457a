import { randomBytes } from 'node:crypto';
import type { DatabaseHandle } from '../../src/platform/db/database.ts';
import type { ReferralRoute, ReferralStatus } from '../../src/platform/db/tables/referrals.ts';
import type { TestOrganisation } from './fixtures.ts';
import { createYoungPerson } from './fixtures.ts';
import type { TestAgent } from './agent.ts';

/**
 * Referrals inserted straight into the database: the public forms and triage that make them are
 * other features, and these tests are about what happens after.
 */

export interface ReferralRowOptions {
  route?: ReferralRoute;
  referrerOrganisation?: string | null;
  referrerEmail?: string | null;
  wantsUpdates?: boolean;
  status?: ReferralStatus;
  redirectServiceId?: string | null;
  youngPersonId?: string | null;
  submittedAt?: Date;
  decidedAt?: Date | null;
  firstContactAt?: Date | null;
}

function unique(): string {
  return randomBytes(4).toString('hex').toUpperCase();
}

export async function createReferralRow(database: DatabaseHandle, orgId: string, options: ReferralRowOptions = {}) {
  const route = options.route ?? 'professional';
  const reference = `LW-${unique()}`;
  const row = await database.db
    .insertInto('referrals')
    .values({
      org_id: orgId,
      reference,
      route,
      referrer_type: route === 'professional' ? 'school' : null,
      referrer_organisation: options.referrerOrganisation === undefined ? (route === 'professional' ? 'Northside High School' : null) : options.referrerOrganisation,
      referrer_name: 'Ms Referrer',
      referrer_email: options.referrerEmail === undefined ? 'referrer@example.test' : options.referrerEmail,
      referrer_wants_updates: options.wantsUpdates ?? true,
      given_name: 'Referred',
      family_name: `Person${unique().toLowerCase()}`,
      date_of_birth: '2010-05-17',
      rating: 'green',
      status: options.status ?? 'new',
      redirect_service_id: options.redirectServiceId ?? null,
      young_person_id: options.youngPersonId ?? null,
      submitted_at: options.submittedAt ?? new Date(),
      decided_at: options.decidedAt ?? null,
      first_contact_at: options.firstContactAt ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, reference };
}

export interface AllocatedReferralOptions {
  allocatedTo?: string;
  referrerEmail?: string | null;
  wantsUpdates?: boolean;
  submittedAt?: Date;
  /** When the allocation event is dated; none is recorded when left out. */
  allocatedAt?: Date;
  givenName?: string;
  familyName?: string;
}

/**
 * A young person allocated to the organisation's link worker, with contact still to be made, and
 * the accepted referral that brought them (recorded on the timeline as triage would).
 */
export async function createAllocatedReferral(database: DatabaseHandle, org: TestOrganisation, options: AllocatedReferralOptions = {}) {
  const person = await createYoungPerson(database, org.id, {
    allocatedTo: options.allocatedTo ?? org.linkWorker.id,
    stage: 'making_contact',
    ...(options.givenName ? { givenName: options.givenName } : {}),
    ...(options.familyName ? { familyName: options.familyName } : {}),
  });
  const submittedAt = options.submittedAt ?? new Date();
  const referral = await createReferralRow(database, org.id, {
    status: 'accepted',
    youngPersonId: person.id,
    submittedAt,
    decidedAt: submittedAt,
    ...(options.referrerEmail !== undefined ? { referrerEmail: options.referrerEmail } : {}),
    ...(options.wantsUpdates !== undefined ? { wantsUpdates: options.wantsUpdates } : {}),
  });
  await database.db
    .insertInto('referral_events')
    .values({
      org_id: org.id,
      referral_id: referral.id,
      young_person_id: person.id,
      kind: 'accepted',
      snomed_code: '871731000000106',
      summary: 'Referral accepted. A new record was created.',
      actor_user_id: org.manager.id,
      at: submittedAt,
    })
    .execute();
  if (options.allocatedAt) {
    await database.db
      .insertInto('referral_events')
      .values({ org_id: org.id, referral_id: referral.id, young_person_id: person.id, kind: 'allocated', summary: 'Link worker chosen', actor_user_id: org.manager.id, at: options.allocatedAt })
      .execute();
  }
  return { person, referral };
}

/** Logs an attempt through the form, as a link worker would. */
export function logAttempt(agent: TestAgent, youngPersonId: string, fields: { method?: string; outcome?: string; note?: string }) {
  return agent.submit(`/young-people/${youngPersonId}/contact-attempts/new`, fields);
}

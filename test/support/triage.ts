import { randomBytes } from 'node:crypto';
import type { DatabaseHandle } from '../../src/platform/db/database.ts';
import type { ReferralRoute, ReferralStatus } from '../../src/platform/db/tables/referrals.ts';
import { rateReferral } from '../../src/referrals/index.ts';

/** Risk answers that rate green under the default rules; tests override the ones they are about. */
export const NO_RISKS = { risk_to_life: 'no', self_harm: 'no', safeguarding: 'no', mental_health_service: 'no', substance_use: 'no' };

export interface ReferralFixture {
  /** Risk answers that differ from NO_RISKS. */
  risk?: Record<string, string>;
  /** The rest of the form's answers, grouped by step as the form stores them. */
  answers?: Record<string, unknown>;
  givenName?: string;
  familyName?: string;
  preferredName?: string;
  dateOfBirth?: string;
  postcode?: string | null;
  route?: ReferralRoute;
  referrerOrganisation?: string;
  referrerEmail?: string | null;
  wantsUpdates?: boolean;
  needs?: string[];
  status?: ReferralStatus;
  submittedAt?: Date;
  youngPersonId?: string;
}

function unique(): string {
  return randomBytes(3).toString('hex').toUpperCase();
}

/**
 * A referral as the public form would store it, inserted directly: the forms are another feature.
 * The rating is worked out from the answers with the organisation's own streetlight rules.
 */
export async function createReferral(database: DatabaseHandle, orgId: string, options: ReferralFixture = {}) {
  const risk = { ...NO_RISKS, ...options.risk };
  const answers = { ...options.answers, risk };
  const rules = await database.db.selectFrom('streetlight_rules').select(['question', 'answer', 'rating', 'reason']).where('org_id', '=', orgId).execute();
  const { rating, reasons } = rateReferral(risk, rules);
  const values = {
    reference: `LW-${unique()}`,
    givenName: options.givenName ?? `Referred${unique().toLowerCase()}`,
    familyName: options.familyName ?? `Family${unique().toLowerCase()}`,
  };
  const row = await database.db
    .insertInto('referrals')
    .values({
      org_id: orgId,
      reference: values.reference,
      route: options.route ?? 'professional',
      referrer_type: (options.route ?? 'professional') === 'professional' ? 'school' : null,
      referrer_organisation: options.referrerOrganisation ?? 'Northside High School',
      referrer_name: 'Ms Referrer',
      referrer_email: options.referrerEmail === undefined ? 'referrer@example.test' : options.referrerEmail,
      referrer_wants_updates: options.wantsUpdates ?? true,
      given_name: values.givenName,
      family_name: values.familyName,
      preferred_name: options.preferredName ?? null,
      date_of_birth: options.dateOfBirth ?? '2010-05-17',
      postcode: options.postcode === undefined ? 'LS6 2AB' : options.postcode,
      answers: JSON.stringify(answers),
      needs: options.needs ?? ['low_mood', 'loneliness'],
      rating,
      rating_reasons: reasons,
      status: options.status ?? 'new',
      young_person_id: options.youngPersonId ?? null,
      ...(options.submittedAt ? { submitted_at: options.submittedAt } : {}),
    })
    .returning(['id', 'rating'])
    .executeTakeFirstOrThrow();
  return { id: row.id, rating: row.rating, reasons, ...values };
}

export function daysAgo(days: number): Date {
  return new Date(Date.now() - days * 86_400_000);
}

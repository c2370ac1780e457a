import { sql } from 'kysely';
import type { CallerTransaction } from '../platform/db/caller-data.ts';
import type { DeclineCategory, ReferralRoute } from '../platform/db/tables/referrals.ts';

export interface InsightGroup {
  route: ReferralRoute;
  /** True for a route's total row; false for one referring organisation within the route. */
  route_total: boolean;
  organisation_key: string | null;
  organisation: string | null;
  referrals: number;
  accepted: number;
  declined: number;
  median_working_days_to_first_contact: number | null;
}

export interface DeclineReasonCount {
  route: ReferralRoute;
  route_total: boolean;
  organisation_key: string | null;
  /** Why they were declined; null for referrals declined before the category was recorded. */
  reason: DeclineCategory | null;
  referrals: number;
}

/**
 * Two queries, whatever the number of referrals: database functions do the counting and return
 * numbers only (see migrations/0004_referrer_insight.sql and 0006_decline_categories.sql), so no referral is read into the app.
 */
export async function referrerInsight(tx: CallerTransaction, months: number) {
  const groups = await sql<InsightGroup>`select * from referrer_insight(${months}::integer)`.execute(tx.db);
  const reasons = await sql<DeclineReasonCount>`select * from referrer_decline_reasons(${months}::integer)`.execute(tx.db);
  // Counts arrive as bigint strings from PostgreSQL.
  return {
    groups: groups.rows.map((row) => ({
      ...row,
      referrals: Number(row.referrals),
      accepted: Number(row.accepted),
      declined: Number(row.declined),
      median_working_days_to_first_contact: row.median_working_days_to_first_contact === null ? null : Number(row.median_working_days_to_first_contact),
    })),
    reasons: reasons.rows.map((row) => ({ ...row, referrals: Number(row.referrals) })),
  };
}

import { sql } from 'kysely';
import type { CallerTransaction } from '../platform/db/caller-data.ts';
import { belongsToYoungPerson } from '../platform/db/caller-data.ts';
import type { ConnectionStatus, StopReason } from '../platform/db/tables/connections.ts';
import { categoryLabel } from '../directory/index.ts';
import { STOP_REASONS } from './codes.ts';

/** One group of connections with the same service and outcome, as counted by the database. */
export interface OutcomeRow {
  service_id: string;
  status: ConnectionStatus;
  reached_agreed: boolean;
  reached_referred: boolean;
  answer: 'accepted' | 'declined' | null;
  stop_reason: StopReason | null;
  connections: number | string | bigint;
}

export interface OutcomeService {
  id: string;
  categories: string[];
  provider: string;
}

export const OUTCOME_COLUMNS = ['suggested', 'agreed', 'referred', 'accepted', 'declined', 'attending', 'stopped'] as const;
export type OutcomeCounts = Record<(typeof OUTCOME_COLUMNS)[number], number>;

const zero = (): OutcomeCounts => ({ suggested: 0, agreed: 0, referred: 0, accepted: 0, declined: 0, attending: 0, stopped: 0 });

/** Adds a group to counts of how far connections got: every suggestion, then each stage reached. */
function count(into: OutcomeCounts, row: OutcomeRow): void {
  const n = Number(row.connections);
  into.suggested += n;
  if (row.reached_agreed) into.agreed += n;
  if (row.reached_referred) into.referred += n;
  if (row.answer === 'accepted') into.accepted += n;
  if (row.answer === 'declined') into.declined += n;
  if (row.status === 'attending') into.attending += n;
  if (row.status === 'stopped') into.stopped += n;
}

function sorted(groups: Map<string, OutcomeCounts>) {
  return [...groups].map(([label, counts]) => ({ label, counts })).sort((a, b) => b.counts.suggested - a.counts.suggested || a.label.localeCompare(b.label));
}

/**
 * Outcomes by category and by provider, and why connections stopped. A service in several
 * categories counts in each, so the category table can add up to more than the total.
 */
export function outcomeTables(rows: OutcomeRow[], services: OutcomeService[]) {
  const serviceById = new Map(services.map((service) => [service.id, service]));
  const byCategory = new Map<string, OutcomeCounts>();
  const byProvider = new Map<string, OutcomeCounts>();
  const reasons = new Map<string, number>();
  const total = zero();
  for (const row of rows) {
    const service = serviceById.get(row.service_id);
    count(total, row);
    for (const category of service?.categories ?? []) {
      const label = categoryLabel(category);
      count(byCategory.get(label) ?? byCategory.set(label, zero()).get(label)!, row);
    }
    const provider = service?.provider ?? 'Unknown provider';
    count(byProvider.get(provider) ?? byProvider.set(provider, zero()).get(provider)!, row);
    if (row.stop_reason) reasons.set(STOP_REASONS[row.stop_reason], (reasons.get(STOP_REASONS[row.stop_reason]) ?? 0) + Number(row.connections));
  }
  return {
    total,
    byCategory: sorted(byCategory),
    byProvider: sorted(byProvider),
    reasons: [...reasons].map(([label, connections]) => ({ label, connections })).sort((a, b) => b.connections - a.connections || a.label.localeCompare(b.label)),
  };
}

/** The scheme's connections counted by outcome, with the services' categories and providers. */
export async function readOutcomes(tx: CallerTransaction) {
  const rows = (await sql<OutcomeRow>`select * from connection_outcome_rows()`.execute(tx.db)).rows;
  const serviceIds = [...new Set(rows.map((row) => row.service_id))];
  const services = serviceIds.length
    ? await tx.db
        .selectFrom('directory_services as s')
        .innerJoin('directory_organizations as o', (join) => join.onRef('o.org_id', '=', 's.org_id').onRef('o.id', '=', 's.organization_id'))
        .select(['s.id', 's.categories', 'o.name as provider'])
        .where('s.id', 'in', serviceIds)
        .execute()
    : [];
  return outcomeTables(rows, services);
}

/** Emailed referrals the provider has not answered within the scheme's limit (a reminder restarts the wait). */
export async function unansweredReferrals(tx: CallerTransaction, today: string, limitWorkingDays: number) {
  return tx.readPersonal({ action: 'list', recordType: 'connections', identify: belongsToYoungPerson }, (db) =>
    db
      .selectFrom('connections as c')
      .innerJoin('young_people as p', 'p.id', 'c.young_person_id')
      .innerJoin('directory_services as s', (join) => join.onRef('s.org_id', '=', 'c.org_id').onRef('s.id', '=', 'c.service_id'))
      .select(['c.id', 'c.young_person_id', 'c.referred_on', 'c.reminded_on', 's.name as service_name', 'p.given_name', 'p.family_name', 'p.preferred_name'])
      .where('c.status', '=', 'referred')
      .where('c.referral_method', '=', 'email')
      .where(sql<boolean>`working_days_between(coalesce(c.reminded_on, c.referred_on), ${today}::date) >= ${limitWorkingDays}`)
      .orderBy('c.referred_on')
      .execute(),
  );
}

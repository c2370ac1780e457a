import { sql } from 'kysely';
import type { CallerTransaction } from '../platform/db/caller-data.ts';
import { DEFAULT_STALE_AFTER_DAYS } from './freshness.ts';
import { PAGE_SIZE, type SearchFilter } from './schemas.ts';

export async function staleAfterDays(tx: CallerTransaction): Promise<number> {
  const row = await tx.db.selectFrom('scheme_settings').select('directory_stale_after_days').executeTakeFirst();
  return row?.directory_stale_after_days ?? DEFAULT_STALE_AFTER_DAYS;
}

export async function setStaleAfterDays(tx: CallerTransaction, days: number): Promise<void> {
  await tx.db.updateTable('scheme_settings').set({ directory_stale_after_days: days }).execute();
}

const staleCutoff = (days: number) => sql<Date>`now() - make_interval(days => ${days})`;

const LIST_COLUMNS = [
  's.id',
  's.name',
  's.description',
  's.status',
  's.categories',
  's.cost',
  's.cost_pence',
  's.minimum_age',
  's.maximum_age',
  's.waiting_weeks',
  's.taking_referrals',
  's.last_checked_at',
  'o.name as organization_name',
] as const;

/** One page of the directory: full-text search (best match first) or, without words, by name. */
export async function searchServices(tx: CallerTransaction, filter: SearchFilter, staleDays: number) {
  const words = filter.q === '' ? undefined : sql`websearch_to_tsquery('english', ${filter.q})`;
  let query = tx.db
    .selectFrom('directory_services as s')
    .innerJoin('directory_organizations as o', (join) => join.onRef('o.org_id', '=', 's.org_id').onRef('o.id', '=', 's.organization_id'))
    .select(LIST_COLUMNS);
  if (words) query = query.where(sql<boolean>`s.search_vector @@ ${words}`);
  if (filter.category) query = query.where(sql<boolean>`s.categories @> array[${filter.category}]::text[]`);
  if (filter.need) query = query.where(sql<boolean>`s.needs @> array[${filter.need}]::text[]`);
  if (filter.age !== undefined) {
    const age = filter.age;
    query = query
      .where((eb) => eb.or([eb('s.minimum_age', 'is', null), eb('s.minimum_age', '<=', age)]))
      .where((eb) => eb.or([eb('s.maximum_age', 'is', null), eb('s.maximum_age', '>=', age)]));
  }
  if (filter.free) query = query.where('s.cost', '=', 'free');
  if (filter.open) query = query.where('s.taking_referrals', '=', true).where('s.status', '=', 'active');
  if (filter.stale) query = query.where((eb) => eb.or([eb('s.last_checked_at', 'is', null), eb('s.last_checked_at', '<', staleCutoff(staleDays))]));
  const ordered = words ? query.orderBy(sql`ts_rank(s.search_vector, ${words})`, 'desc').orderBy('s.name') : query.orderBy(sql`lower(s.name)`).orderBy('s.id');
  const rows = await ordered
    .limit(PAGE_SIZE + 1)
    .offset((filter.page - 1) * PAGE_SIZE)
    .execute();
  return { services: rows.slice(0, PAGE_SIZE), hasNextPage: rows.length > PAGE_SIZE };
}

/** Entries past the limit (or never checked), the longest unchecked first. */
export async function recheckQueue(tx: CallerTransaction, staleDays: number, page: number) {
  const rows = await tx.db
    .selectFrom('directory_services as s')
    .innerJoin('directory_organizations as o', (join) => join.onRef('o.org_id', '=', 's.org_id').onRef('o.id', '=', 's.organization_id'))
    .select(LIST_COLUMNS)
    .where('s.status', '<>', 'defunct')
    .where((eb) => eb.or([eb('s.last_checked_at', 'is', null), eb('s.last_checked_at', '<', staleCutoff(staleDays))]))
    .orderBy(sql`s.last_checked_at nulls first`)
    .orderBy('s.id')
    .limit(PAGE_SIZE + 1)
    .offset((page - 1) * PAGE_SIZE)
    .execute();
  return { services: rows.slice(0, PAGE_SIZE), hasNextPage: rows.length > PAGE_SIZE };
}

/** Everything the service page shows; undefined when there is no such service in the caller's scheme. */
export async function serviceDetails(tx: CallerTransaction, serviceId: string) {
  const service = await tx.db
    .selectFrom('directory_services as s')
    .innerJoin('directory_organizations as o', (join) => join.onRef('o.org_id', '=', 's.org_id').onRef('o.id', '=', 's.organization_id'))
    .leftJoin('users as checker', 'checker.id', 's.last_checked_by')
    .selectAll('s')
    .select(['o.name as organization_name', 'checker.name as checked_by_name'])
    .where('s.id', '=', serviceId)
    .executeTakeFirst();
  if (!service) return undefined;
  const [lastCheck, locations, schedules, contacts, notes] = await Promise.all([
    tx.db.selectFrom('directory_checks').select(['by_provider', 'checked_at']).where('service_id', '=', serviceId).orderBy('checked_at', 'desc').limit(1).executeTakeFirst(),
    tx.db
      .selectFrom('directory_service_at_locations as sl')
      .innerJoin('directory_locations as l', (join) => join.onRef('l.org_id', '=', 'sl.org_id').onRef('l.id', '=', 'sl.location_id'))
      .select(['l.id', 'l.name', 'l.postcode', 'l.latitude', 'l.longitude'])
      .where('sl.service_id', '=', serviceId)
      .execute(),
    tx.db.selectFrom('directory_schedules').select(['id', 'description', 'byday', 'opens_at', 'closes_at']).where('service_id', '=', serviceId).orderBy('id').execute(),
    tx.db.selectFrom('directory_contacts').select(['id', 'name', 'title', 'email']).where('service_id', '=', serviceId).orderBy('id').execute(),
    tx.db
      .selectFrom('directory_private_notes as n')
      .leftJoin('users as writer', 'writer.id', 'n.written_by')
      .select(['n.id', 'n.note', 'n.created_at', 'writer.name as written_by_name'])
      .where('n.service_id', '=', serviceId)
      .orderBy('n.created_at', 'desc')
      .execute(),
  ]);
  return { service, lastCheck, locations, schedules, contacts, notes };
}

export type ServiceDetails = NonNullable<Awaited<ReturnType<typeof serviceDetails>>>;

export async function addPrivateNote(tx: CallerTransaction, serviceId: string, note: string): Promise<void> {
  await tx.db.insertInto('directory_private_notes').values({ org_id: tx.caller.orgId, service_id: serviceId, note, written_by: tx.caller.userId }).execute();
}

/** "Mark as checked": the entry was confirmed right by the member of staff now signed in. */
export async function markChecked(tx: CallerTransaction, serviceId: string): Promise<boolean> {
  const updated = await tx.db
    .updateTable('directory_services')
    .set({ last_checked_at: sql`now()`, last_checked_by: tx.caller.userId })
    .where('id', '=', serviceId)
    .returning('id')
    .executeTakeFirst();
  if (!updated) return false;
  await tx.db.insertInto('directory_checks').values({ org_id: tx.caller.orgId, service_id: serviceId, checked_by: tx.caller.userId }).execute();
  return true;
}

export async function serviceExists(tx: CallerTransaction, serviceId: string): Promise<boolean> {
  return (await tx.db.selectFrom('directory_services').select('id').where('id', '=', serviceId).executeTakeFirst()) !== undefined;
}

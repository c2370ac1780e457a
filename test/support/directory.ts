import type { DatabaseHandle } from '../../src/platform/db/database.ts';
import type { CategoryCode } from '../../src/platform/db/tables/directory.ts';

/** Directory entries inserted straight into the database, so tests start from a known directory. */

export interface ServiceRowOptions {
  name?: string;
  description?: string;
  categories?: CategoryCode[];
  needs?: string[];
  minimumAge?: number | null;
  maximumAge?: number | null;
  cost?: 'free' | 'paid';
  takingReferrals?: boolean;
  waitingWeeks?: number | null;
  lastCheckedAt?: Date | null;
  email?: string | null;
  position?: { postcode: string; latitude: number | null; longitude: number | null };
}

export const daysAgo = (days: number) => new Date(Date.now() - days * 24 * 60 * 60 * 1000);

export async function createServiceRow(database: DatabaseHandle, orgId: string, options: ServiceRowOptions = {}): Promise<string> {
  const organization = await database.db
    .insertInto('directory_organizations')
    .values({ org_id: orgId, name: `${options.name ?? 'Youth'} Trust` })
    .returning('id')
    .executeTakeFirstOrThrow();
  const service = await database.db
    .insertInto('directory_services')
    .values({
      org_id: orgId,
      organization_id: organization.id,
      name: options.name ?? 'Youth club',
      description: options.description ?? 'A friendly weekly club.',
      categories: options.categories ?? ['social'],
      needs: options.needs ?? [],
      minimum_age: options.minimumAge ?? null,
      maximum_age: options.maximumAge ?? null,
      cost: options.cost ?? 'free',
      taking_referrals: options.takingReferrals ?? true,
      waiting_weeks: options.waitingWeeks ?? null,
      last_checked_at: options.lastCheckedAt === undefined ? daysAgo(10) : options.lastCheckedAt,
      email: options.email ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (options.position) {
    const location = await database.db
      .insertInto('directory_locations')
      .values({ org_id: orgId, ...options.position })
      .returning('id')
      .executeTakeFirstOrThrow();
    await database.db.insertInto('directory_service_at_locations').values({ org_id: orgId, service_id: service.id, location_id: location.id }).execute();
  }
  return service.id;
}

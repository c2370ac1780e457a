import type { Transaction } from 'kysely';
import type { OpenDatabase } from '../platform/db/schema.ts';
import type { FeedRecord, Rejection } from './feed.ts';
import { Collected, type ServiceBundle } from './collect.ts';
import { upsertAll, replaceChildren } from './upsert.ts';
import { feesText } from './present.ts';
import { noteNotKept, NotKeptLog, type NotKept } from './not-kept.ts';

type Db = Transaction<OpenDatabase>;

export interface ImportOptions {
  /** Whether services new to the directory appear in the public ORUK feed; existing ones keep their setting. */
  publish: boolean;
}

export interface ImportCounts {
  organizations: number;
  services: number;
  locations: number;
  taxonomies: number;
  taxonomyTerms: number;
}

export interface ImportResult {
  counts: ImportCounts;
  rejections: Rejection[];
  notKept: NotKept[];
}

/**
 * Writes the feed's records into the scheme's directory, in the caller's transaction: a database
 * error anywhere undoes the lot. Services whose organisation, location or taxonomy term is neither
 * in the feed nor the directory are rejected with the reason, and the rest imported.
 */
export async function importRecords(db: Db, orgId: string, records: FeedRecord[], options: ImportOptions): Promise<ImportResult> {
  const notKept = new NotKeptLog();
  const feed = new Collected(orgId);
  for (const record of records) feed.add(record);
  const rejections = await rejectDangling(db, feed);
  // A service left out whole is listed with its reasons, not field by field.
  for (const record of records) if (record.kind !== 'service' || feed.services.has(record.value.id)) noteNotKept(record.kind, record.value, notKept);

  await upsertAll(db, 'directory_organizations', [...feed.organizations.values()]);
  await upsertAll(db, 'directory_taxonomies', [...feed.taxonomies.values()]);
  await upsertAll(db, 'directory_taxonomy_terms', [...feed.terms.values()]);
  await upsertAll(db, 'directory_locations', [...feed.locations.values()]);
  await replaceChildren(db, 'directory_addresses', 'location_id', [...feed.addresses.keys()], [...feed.addresses.values()].flat());
  const bundles = [...feed.services.values()];
  await dropEchoedFees(db, bundles);
  await detachUnknownLocations(db, bundles, notKept);
  // Categories and needs go in the same write as the rest: a second update would move last_modified.
  await upsertAll(db, 'directory_services', bundles.map((bundle) => ({ ...bundle.row, ...bundle.linkway, public: options.publish })), ['public']);
  const children = <K extends keyof ServiceBundle>(key: K) => bundles.filter((bundle) => bundle[key] !== undefined);
  await replaceChildren(db, 'directory_service_at_locations', 'service_id', children('serviceAtLocations').map((b) => b.row.id!), children('serviceAtLocations').flatMap((b) => b.serviceAtLocations!));
  await replaceChildren(db, 'directory_schedules', 'service_id', children('schedules').map((b) => b.row.id!), children('schedules').flatMap((b) => b.schedules!));
  await replaceChildren(db, 'directory_cost_options', 'service_id', children('costOptions').map((b) => b.row.id!), children('costOptions').flatMap((b) => b.costOptions!));
  await replaceChildren(db, 'directory_contacts', 'service_id', children('contacts').map((b) => b.row.id!), children('contacts').flatMap((b) => b.contacts!));
  const phones = children('phones');
  await replaceChildren(db, 'directory_phones', 'contact_id', phones.flatMap((b) => b.phones!.contactIds), phones.flatMap((b) => b.phones!.rows));
  await replaceChildren(db, 'directory_attributes', 'link_id', children('attributes').map((b) => b.row.id!), children('attributes').flatMap((b) => b.attributes!));
  return {
    counts: {
      organizations: feed.organizations.size,
      services: feed.services.size,
      locations: feed.locations.size,
      taxonomies: feed.taxonomies.size,
      taxonomyTerms: feed.terms.size,
    },
    rejections,
    notKept: notKept.list(),
  };
}

/**
 * A service with no fees text is served with fees in words from Linkway's cost fields. Those words
 * coming back in a re-imported export are not the provider's: storing them would change the
 * service (and its last_modified) and stop the words following the cost fields.
 */
async function dropEchoedFees(db: Db, bundles: ServiceBundle[]): Promise<void> {
  const withFees = bundles.filter((bundle) => bundle.row.fees);
  if (withFees.length === 0) return;
  const stored = await db
    .selectFrom('directory_services')
    .select(['id', 'cost', 'cost_pence', 'cost_note'])
    .where('fees', 'is', null)
    .where('id', 'in', withFees.map((bundle) => bundle.row.id!))
    .execute();
  const derived = new Map(stored.map((row) => [row.id, feesText(row)]));
  for (const bundle of withFees) if (derived.get(bundle.row.id!) === bundle.row.fees) bundle.row.fees = null;
}

/**
 * A schedule at a service at location must name one of its own service's: in the feed's list of
 * them when it has one, else among those stored. Any other stays, for the whole service.
 */
async function detachUnknownLocations(db: Db, bundles: ServiceBundle[], notKept: NotKeptLog): Promise<void> {
  const attached = bundles.filter((bundle) => bundle.schedules?.some((schedule) => schedule.service_at_location_id));
  const unlisted = attached.filter((bundle) => !bundle.serviceAtLocations).map((bundle) => bundle.row.id!);
  const stored = unlisted.length ? await db.selectFrom('directory_service_at_locations').select(['id', 'service_id']).where('service_id', 'in', unlisted).execute() : [];
  for (const bundle of attached) {
    const links = bundle.serviceAtLocations ?? stored.filter((link) => link.service_id === bundle.row.id);
    const known = new Set(links.map((link) => link.id));
    for (const schedule of bundle.schedules!) {
      if (!schedule.service_at_location_id || known.has(schedule.service_at_location_id)) continue;
      schedule.service_at_location_id = null;
      notKept.add('Schedule', 'service_at_location_id', 'it names none of the service’s own locations, so the schedule is kept for the whole service');
    }
  }
}

/** Drops from the feed the services that point at something nobody has heard of, saying why. */
async function rejectDangling(db: Db, feed: Collected): Promise<Rejection[]> {
  const known = async (table: 'directory_organizations' | 'directory_locations' | 'directory_taxonomy_terms', ids: string[], inFeed: Map<string, unknown>) => {
    const missing = [...new Set(ids)].filter((id) => !inFeed.has(id));
    if (missing.length === 0) return new Set<string>();
    const found = await db.selectFrom(table).select('id').where('id', 'in', missing).execute();
    const stored = new Set(found.map((row) => row.id));
    return new Set(missing.filter((id) => !stored.has(id)));
  };
  const bundles = [...feed.services.values()];
  const noOrganization = await known('directory_organizations', bundles.map((b) => b.row.organization_id), feed.organizations);
  const noLocation = await known('directory_locations', bundles.flatMap((b) => (b.serviceAtLocations ?? []).map((link) => link.location_id)), feed.locations);
  const noTerm = await known('directory_taxonomy_terms', bundles.flatMap((b) => b.termIds), feed.terms);
  const rejections: Rejection[] = [];
  for (const bundle of bundles) {
    const reasons = [
      ...(noOrganization.has(bundle.row.organization_id) ? [`organization ${bundle.row.organization_id} is neither in the feed nor the directory`] : []),
      ...(bundle.serviceAtLocations ?? []).filter((link) => noLocation.has(link.location_id)).map((link) => `location ${link.location_id} is neither in the feed nor the directory`),
      ...bundle.termIds.filter((id) => noTerm.has(id)).map((id) => `taxonomy term ${id} is neither in the feed nor the directory`),
    ];
    if (reasons.length) {
      feed.services.delete(bundle.row.id!);
      rejections.push({ record: `service ${bundle.row.id}`, reasons });
    }
  }
  return rejections;
}

import type { Insertable, Transaction } from 'kysely';
import type { OpenDatabase } from '../platform/db/schema.ts';
import type {
  CategoryCode,
  DirectoryAddressesTable,
  DirectoryAttributesTable,
  DirectoryContactsTable,
  DirectoryCostOptionsTable,
  DirectoryLocationsTable,
  DirectoryOrganizationsTable,
  DirectorySchedulesTable,
  DirectoryServiceAtLocationsTable,
  DirectoryServicesTable,
  DirectoryTaxonomiesTable,
  DirectoryTaxonomyTermsTable,
  LocationType,
  ServiceStatus,
} from '../platform/db/tables/directory.ts';
import type { FeedRecord, OrukLocation, OrukOrganization, OrukService, OrukTermIn, Rejection } from './feed.ts';
import { linkwayTermMeaning } from './linkway-taxonomy.ts';
import { normalisePostcode } from './filters.ts';
import { upsertAll, replaceChildren } from './upsert.ts';

type Db = Transaction<OpenDatabase>;
type Row<T> = Insertable<T>;
type Obj = Record<string, unknown>;

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

/** A service with everything that hangs off it; an array absent from the feed leaves what is stored. */
interface ServiceBundle {
  row: Row<DirectoryServicesTable>;
  schedules?: Row<DirectorySchedulesTable>[];
  serviceAtLocations?: Row<DirectoryServiceAtLocationsTable>[];
  costOptions?: Row<DirectoryCostOptionsTable>[];
  contacts?: Row<DirectoryContactsTable>[];
  attributes?: Row<DirectoryAttributesTable>[];
  /** Set when the feed carries Linkway's own terms: they become the service's categories and needs. */
  linkway?: { categories: CategoryCode[]; needs: string[] };
  termIds: string[];
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const json = (value: unknown): string => JSON.stringify(Array.isArray(value) ? value : []);
/**
 * ORUK parts kept as JSON, only when the record carries them: a list's one-to-one form of a
 * record leaves out what its full form had, and must not wipe it.
 */
const carried = <K extends string>(value: Obj, keys: K[]): Partial<Record<K, string>> =>
  Object.fromEntries(keys.filter((key) => Array.isArray(value[key])).map((key) => [key, json(value[key])])) as Partial<Record<K, string>>;

/** Gathers the feed into rows, keyed by id so a record repeated in the feed is written once (the last wins). */
class Collected {
  organizations = new Map<string, Row<DirectoryOrganizationsTable>>();
  taxonomies = new Map<string, Row<DirectoryTaxonomiesTable>>();
  terms = new Map<string, Row<DirectoryTaxonomyTermsTable>>();
  locations = new Map<string, Row<DirectoryLocationsTable>>();
  addresses = new Map<string, Row<DirectoryAddressesTable>[]>();
  services = new Map<string, ServiceBundle>();

  constructor(private readonly orgId: string) {}

  add(record: FeedRecord): void {
    const { value } = record;
    if (record.kind === 'organization') {
      this.organization(record.value);
      for (const service of record.value.services ?? []) this.service({ ...service, organization_id: record.value.id });
    } else if (record.kind === 'service') this.service(record.value);
    else if (record.kind === 'service_at_location') {
      const bundle = this.service(record.value.service!);
      const location = this.location(record.value.location!);
      bundle.serviceAtLocations = [
        ...(bundle.serviceAtLocations ?? []).filter((link) => link.id !== value.id),
        { org_id: this.orgId, id: record.value.id, service_id: bundle.row.id!, location_id: location },
      ];
    } else if (record.kind === 'taxonomy') {
      this.taxonomies.set(record.value.id, { org_id: this.orgId, id: record.value.id, name: record.value.name, description: record.value.description, uri: text(value.uri), version: text(value.version) });
      for (const term of record.value.taxonomy_terms ?? []) this.term({ taxonomy_id: record.value.id, ...term });
    } else this.term(record.value);
  }

  private organization(value: OrukOrganization): string {
    this.organizations.set(value.id, {
      org_id: this.orgId,
      id: value.id,
      name: value.name,
      description: value.description,
      email: text(value.email),
      website: text(value.website),
      logo: text(value.logo),
      uri: text(value.uri),
      parent_organization_id: text(value.parent_organization_id),
      ...carried(value, ['organization_identifiers']),
    });
    return value.id;
  }

  private term(value: OrukTermIn): string {
    if (linkwayTermMeaning(value.id)) return value.id;
    this.terms.set(value.id, {
      org_id: this.orgId,
      id: value.id,
      name: value.name,
      description: value.description,
      parent_id: text(value.parent_id),
      taxonomy: text(value.taxonomy),
      taxonomy_id: text(value.taxonomy_id),
      term_uri: text(value.term_uri),
      term: text(value.term),
    });
    return value.id;
  }

  private location(value: OrukLocation): string {
    const addresses = value.addresses?.map((address) => ({
      org_id: this.orgId,
      id: String(address.id),
      location_id: value.id,
      attention: text(address.attention),
      address_1: String(address.address_1),
      city: String(address.city),
      region: text(address.region),
      state_province: String(address.state_province),
      postal_code: String(address.postal_code),
      country: String(address.country),
      address_type: address.address_type as LocationType,
    }));
    if (addresses) this.addresses.set(value.id, addresses);
    const postal = addresses?.find((address) => address.address_type === 'physical') ?? addresses?.[0];
    this.locations.set(value.id, {
      org_id: this.orgId,
      id: value.id,
      location_type: value.location_type as LocationType,
      name: text(value.name),
      description: text(value.description),
      latitude: typeof value.latitude === 'number' ? value.latitude : null,
      longitude: typeof value.longitude === 'number' ? value.longitude : null,
      external_identifier: text(value.external_identifier),
      external_identifier_type: text(value.external_identifier_type),
      postcode: postal ? postcodeOf(postal.postal_code) : null,
      ...carried(value, ['accessibility']),
    });
    return value.id;
  }

  private service(value: OrukService): ServiceBundle {
    const organizationId = value.organization ? this.organization(value.organization) : value.organization_id!;
    const base = { org_id: this.orgId, service_id: value.id };
    const bundle: ServiceBundle = {
      row: {
        org_id: this.orgId,
        id: value.id,
        organization_id: organizationId,
        name: value.name,
        description: text(value.description) ?? '',
        url: text(value.url),
        email: text(value.email),
        status: value.status as ServiceStatus,
        fees: text(value.fees),
        accreditations: text(value.accreditations),
        minimum_age: typeof value.minimum_age === 'number' ? Math.floor(value.minimum_age) : null,
        maximum_age: typeof value.maximum_age === 'number' ? Math.ceil(value.maximum_age) : null,
        assured_date: text(value.assured_date),
        assurer_email: text(value.assurer_email),
        alert: text(value.alert),
        last_modified: text(value.last_modified) ?? new Date(),
        ...carried(value, ['service_areas', 'languages', 'funding']),
      },
      termIds: [],
    };
    if (value.schedules) bundle.schedules = value.schedules.map((schedule) => scheduleRow(this.orgId, value.id, schedule));
    if (value.service_at_locations) {
      bundle.serviceAtLocations = value.service_at_locations.map((link) => ({
        ...base,
        id: link.id,
        location_id: link.location ? this.location(link.location) : link.location_id!,
      }));
    }
    if (value.cost_options) {
      bundle.costOptions = value.cost_options.map((cost) => ({
        ...base,
        id: String(cost.id),
        valid_from: text(cost.valid_from),
        valid_to: text(cost.valid_to),
        option: text(cost.option),
        amount: typeof cost.amount === 'number' ? cost.amount : null,
        amount_description: text(cost.amount_description),
      }));
    }
    if (value.contacts) bundle.contacts = value.contacts.map((contact) => ({ ...base, id: String(contact.id), name: text(contact.name), title: text(contact.title) }));
    if (value.attributes) this.attributes(value, bundle);
    this.services.set(value.id, bundle);
    return bundle;
  }

  private attributes(value: OrukService, bundle: ServiceBundle): void {
    const linkway = { categories: [] as CategoryCode[], needs: [] as string[] };
    bundle.attributes = [];
    for (const attribute of value.attributes ?? []) {
      const termId = attribute.taxonomy_term?.id ?? attribute.taxonomy_term_id;
      if (!termId) continue;
      const meaning = linkwayTermMeaning(termId);
      if (meaning?.column === 'categories') linkway.categories.push(meaning.code);
      else if (meaning) linkway.needs.push(meaning.code);
      else {
        if (attribute.taxonomy_term) this.term(attribute.taxonomy_term);
        bundle.termIds.push(termId);
        bundle.attributes.push({ org_id: this.orgId, id: attribute.id, link_entity: 'service', link_id: value.id, taxonomy_term_id: termId, link_type: attribute.link_type ?? null });
      }
    }
    if (linkway.categories.length || linkway.needs.length) bundle.linkway = linkway;
  }
}

function scheduleRow(orgId: string, serviceId: string, schedule: Obj): Row<DirectorySchedulesTable> {
  return {
    org_id: orgId,
    id: String(schedule.id),
    service_id: serviceId,
    service_at_location_id: null,
    valid_from: text(schedule.valid_from),
    valid_to: text(schedule.valid_to),
    dtstart: text(schedule.dtstart),
    freq: schedule.freq === 'WEEKLY' || schedule.freq === 'MONTHLY' ? schedule.freq : null,
    interval: typeof schedule.interval === 'number' && schedule.interval > 0 ? Math.round(schedule.interval) : null,
    byday: text(schedule.byday),
    bymonthday: text(schedule.bymonthday),
    description: text(schedule.description),
    opens_at: text(schedule.opens_at),
    closes_at: text(schedule.closes_at),
    schedule_link: text(schedule.schedule_link),
    attending_type: text(schedule.attending_type),
    notes: text(schedule.notes),
  };
}

function postcodeOf(value: string): string {
  const compacted = value.replace(/\s+/g, '');
  return /^[A-Za-z]{1,2}\d[A-Za-z\d]?\d[A-Za-z]{2}$/.test(compacted) ? normalisePostcode(compacted) : value.trim().toUpperCase();
}

/**
 * Writes the feed's records into the scheme's directory, in the caller's transaction: a database
 * error anywhere undoes the lot. Services whose organisation, location or taxonomy term is neither
 * in the feed nor the directory are rejected with the reason, and the rest imported.
 */
export async function importRecords(db: Db, orgId: string, records: FeedRecord[], options: ImportOptions): Promise<{ counts: ImportCounts; rejections: Rejection[] }> {
  const feed = new Collected(orgId);
  for (const record of records) feed.add(record);
  const rejections = await rejectDangling(db, feed);

  await upsertAll(db, 'directory_organizations', [...feed.organizations.values()]);
  await upsertAll(db, 'directory_taxonomies', [...feed.taxonomies.values()]);
  await upsertAll(db, 'directory_taxonomy_terms', [...feed.terms.values()]);
  await upsertAll(db, 'directory_locations', [...feed.locations.values()]);
  await replaceChildren(db, 'directory_addresses', 'location_id', [...feed.addresses.keys()], [...feed.addresses.values()].flat());
  const bundles = [...feed.services.values()];
  await upsertAll(db, 'directory_services', bundles.map((bundle) => ({ ...bundle.row, public: options.publish })), ['public']);
  for (const bundle of bundles.filter((b) => b.linkway)) {
    await db.updateTable('directory_services').set(bundle.linkway!).where('id', '=', bundle.row.id!).execute();
  }
  const children = <K extends keyof ServiceBundle>(key: K) => bundles.filter((bundle) => bundle[key] !== undefined);
  await replaceChildren(db, 'directory_service_at_locations', 'service_id', children('serviceAtLocations').map((b) => b.row.id!), children('serviceAtLocations').flatMap((b) => b.serviceAtLocations!));
  await replaceChildren(db, 'directory_schedules', 'service_id', children('schedules').map((b) => b.row.id!), children('schedules').flatMap((b) => b.schedules!));
  await replaceChildren(db, 'directory_cost_options', 'service_id', children('costOptions').map((b) => b.row.id!), children('costOptions').flatMap((b) => b.costOptions!));
  await replaceChildren(db, 'directory_contacts', 'service_id', children('contacts').map((b) => b.row.id!), children('contacts').flatMap((b) => b.contacts!));
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
  };
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

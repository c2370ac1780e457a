import type { Insertable } from 'kysely';
import type {
  CategoryCode,
  DirectoryAddressesTable,
  DirectoryAttributesTable,
  DirectoryContactsTable,
  DirectoryCostOptionsTable,
  DirectoryLocationsTable,
  DirectoryOrganizationsTable,
  DirectoryPhonesTable,
  DirectorySchedulesTable,
  DirectoryServiceAtLocationsTable,
  DirectoryServicesTable,
  DirectoryTaxonomiesTable,
  DirectoryTaxonomyTermsTable,
  LocationType,
  ServiceStatus,
} from '../platform/db/tables/directory.ts';
import type { FeedRecord, OrukLocation, OrukOrganization, OrukService, OrukTermIn } from './feed.ts';
import { isLinkwayTaxonomy, linkwayTermMeaning } from './linkway-taxonomy.ts';
import { normalisePostcode } from './filters.ts';

type Row<T> = Insertable<T>;
type Obj = Record<string, unknown>;

/** A service with everything that hangs off it; an array absent from the feed leaves what is stored. */
export interface ServiceBundle {
  row: Row<DirectoryServicesTable>;
  schedules?: Row<DirectorySchedulesTable>[];
  serviceAtLocations?: Row<DirectoryServiceAtLocationsTable>[];
  costOptions?: Row<DirectoryCostOptionsTable>[];
  contacts?: Row<DirectoryContactsTable>[];
  /** The phones of the contacts that carry a list of them. */
  phones?: { contactIds: string[]; rows: Row<DirectoryPhonesTable>[] };
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
export class Collected {
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
      // Linkway's own taxonomies are built in; their terms are skipped the same way.
      if (isLinkwayTaxonomy(record.value.id)) return;
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
        minimum_age: typeof value.minimum_age === 'number' ? value.minimum_age : null,
        maximum_age: typeof value.maximum_age === 'number' ? value.maximum_age : null,
        assured_date: text(value.assured_date),
        assurer_email: text(value.assurer_email),
        alert: text(value.alert),
        last_modified: text(value.last_modified) ?? new Date(),
        ...carried(value, ['service_areas', 'languages', 'funding']),
      },
      termIds: [],
    };
    if (value.schedules) bundle.schedules = value.schedules.map((schedule) => scheduleRow(this.orgId, value.id, text(schedule.service_at_location_id), schedule));
    if (value.service_at_locations) {
      bundle.serviceAtLocations = value.service_at_locations.map((link) => ({
        ...base,
        id: link.id,
        location_id: link.location ? this.location(link.location) : link.location_id!,
      }));
      // A schedule may come nested in the service at location it belongs to.
      const atLocations = value.service_at_locations.flatMap((link) => (link.schedules ?? []).map((schedule) => scheduleRow(this.orgId, value.id, link.id, schedule)));
      if (atLocations.length) bundle.schedules = [...(bundle.schedules ?? []), ...atLocations];
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
        currency: text(cost.currency),
      }));
    }
    if (value.contacts) {
      bundle.contacts = value.contacts.map((contact) => ({ ...base, id: String(contact.id), name: text(contact.name), title: text(contact.title) }));
      const withPhones = value.contacts.filter((contact) => Array.isArray(contact.phones));
      if (withPhones.length) {
        bundle.phones = {
          contactIds: withPhones.map((contact) => String(contact.id)),
          rows: withPhones.flatMap((contact) => (contact.phones as Obj[]).map((phone) => phoneRow(this.orgId, String(contact.id), phone))),
        };
      }
    }
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

function scheduleRow(orgId: string, serviceId: string, serviceAtLocationId: string | null, schedule: Obj): Row<DirectorySchedulesTable> {
  return {
    org_id: orgId,
    id: String(schedule.id),
    service_id: serviceId,
    service_at_location_id: serviceAtLocationId,
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

function phoneRow(orgId: string, contactId: string, phone: Obj): Row<DirectoryPhonesTable> {
  return { org_id: orgId, id: String(phone.id), contact_id: contactId, number: String(phone.number), description: text(phone.description), ...carried(phone, ['languages']) };
}

function postcodeOf(value: string): string {
  const compacted = value.replace(/\s+/g, '');
  return /^[A-Za-z]{1,2}\d[A-Za-z\d]?\d[A-Za-z]{2}$/.test(compacted) ? normalisePostcode(compacted) : value.trim().toUpperCase();
}


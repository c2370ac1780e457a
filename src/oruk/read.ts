import { sql, type Selectable, type Transaction } from 'kysely';
import type { OpenDatabase } from '../platform/db/schema.ts';
import type { DirectoryOrganizationsTable, DirectoryServicesTable } from '../platform/db/tables/directory.ts';
import { locationConditions, serviceConditions, type ListQuery } from './filters.ts';
import { LINKWAY_TAXONOMIES, LINKWAY_TERMS } from './linkway-taxonomy.ts';
import {
  contactJson,
  costOptionJson,
  linkwayAttributes,
  locationJson,
  organizationJson,
  scheduleJson,
  serviceListJson,
  taxonomyJson,
  taxonomyTermJson,
  type Json,
} from './present.ts';

type Db = Transaction<OpenDatabase>;
type ServiceRow = Selectable<DirectoryServicesTable>;

export interface Page {
  total_items: number;
  total_pages: number;
  page_number: number;
  size: number;
  first_page: boolean;
  last_page: boolean;
  empty: boolean;
  contents: Json[];
}

function page(contents: Json[], total: number, query: Pick<ListQuery, 'page' | 'per_page'>): Page {
  const totalPages = Math.ceil(total / query.per_page);
  return {
    total_items: total,
    total_pages: totalPages,
    page_number: query.page,
    size: contents.length,
    first_page: query.page === 1,
    last_page: query.page >= totalPages,
    empty: contents.length === 0,
    contents,
  };
}

const all = (conditions: ReturnType<typeof serviceConditions>) => sql<boolean>`${sql.join(conditions, sql` and `)}`;
const offset = (query: ListQuery) => (query.page - 1) * query.per_page;

type OrganizationRow = Selectable<DirectoryOrganizationsTable>;

async function organizationsOf(db: Db, ids: string[]): Promise<Map<string, OrganizationRow>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('directory_organizations').selectAll().where('id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((row) => [row.id, row]));
}

function orgJson(organizations: Map<string, OrganizationRow>, id: string, full: boolean): Json | undefined {
  const row = organizations.get(id);
  return row ? organizationJson(row, full) : undefined;
}

/** Rows grouped by one column, for nesting children under their parents in one pass. */
function groupBy<T, K extends keyof T>(rows: T[], key: K): (id: string) => T[] {
  const groups = new Map<unknown, T[]>();
  for (const row of rows) groups.set(row[key], [...(groups.get(row[key]) ?? []), row]);
  return (id) => groups.get(id) ?? [];
}

export async function listServices(db: Db, query: ListQuery): Promise<Page> {
  const where = all(serviceConditions(query));
  const { n } = await db.selectFrom('directory_services as s').select(sql<number>`count(*)::int`.as('n')).where(where).executeTakeFirstOrThrow();
  let rows = db.selectFrom('directory_services as s').selectAll('s').where(where);
  if (query.search) rows = rows.orderBy(sql`ts_rank(s.search_vector, websearch_to_tsquery('english', ${query.search}))`, 'desc');
  const services = await rows.orderBy('s.name').orderBy('s.id').limit(query.per_page).offset(offset(query)).execute();
  if (query.full_service) return page(await fullServices(db, services), n, query);
  const organizations = await organizationsOf(db, services.map((s) => s.organization_id));
  return page(services.map((s) => serviceListJson(s, orgJson(organizations, s.organization_id, false))), n, query);
}

/** Every matching service's id and last change, for a consumer checking what to fetch again. */
export async function minimalServices(db: Db, query: ListQuery): Promise<Json[]> {
  const rows = await db.selectFrom('directory_services as s').select(['s.id', 's.last_modified']).where(all(serviceConditions(query))).orderBy('s.name').orderBy('s.id').execute();
  return rows.map((row) => ({ id: row.id, last_modified: row.last_modified.toISOString() }));
}

/** Fully nested services, everything fetched once per kind however many services there are. */
export async function fullServices(db: Db, services: ServiceRow[], withLocations = true): Promise<Json[]> {
  const ids = services.map((s) => s.id);
  if (ids.length === 0) return [];
  const organizations = await organizationsOf(db, services.map((s) => s.organization_id));
  const schedules = await db.selectFrom('directory_schedules').selectAll().where('service_id', 'in', ids).orderBy('id').execute();
  const costs = await db.selectFrom('directory_cost_options').selectAll().where('service_id', 'in', ids).orderBy('id').execute();
  const contacts = await db.selectFrom('directory_contacts').selectAll().where('service_id', 'in', ids).orderBy('id').execute();
  const phones = contacts.length ? await db.selectFrom('directory_phones').selectAll().where('contact_id', 'in', contacts.map((c) => c.id)).orderBy('id').execute() : [];
  const attributes = await db
    .selectFrom('directory_attributes as a')
    .innerJoin('directory_taxonomy_terms as t', (join) => join.onRef('t.org_id', '=', 'a.org_id').onRef('t.id', '=', 'a.taxonomy_term_id'))
    .select(['a.id', 'a.link_id', 'a.taxonomy_term_id', 'a.link_type'])
    .select(['t.name', 't.description', 't.parent_id', 't.taxonomy', 't.taxonomy_id', 't.term_uri', 't.term'])
    .where('a.link_entity', '=', 'service')
    .where('a.link_id', 'in', ids)
    .orderBy('a.id')
    .execute();
  const locations = withLocations ? await serviceAtLocationsOf(db, ids) : [];
  const schedulesOf = groupBy(schedules, 'service_id');
  const costsOf = groupBy(costs, 'service_id');
  const contactsOf = groupBy(contacts, 'service_id');
  const phonesOf = groupBy(phones, 'contact_id');
  const attributesOf = groupBy(attributes, 'link_id');
  const locationsOf = groupBy(locations, 'service_id');
  return services.map((service) => ({
    ...serviceListJson(service, orgJson(organizations, service.organization_id, true)),
    schedules: schedulesOf(service.id).map(scheduleJson),
    service_areas: service.service_areas,
    service_at_locations: withLocations ? locationsOf(service.id) : undefined,
    languages: service.languages,
    funding: service.funding,
    cost_options: costsOf(service.id).map(costOptionJson),
    contacts: contactsOf(service.id).map((contact) => contactJson(contact, phonesOf(contact.id))),
    attributes: [
      ...attributesOf(service.id).map(({ id, link_id, taxonomy_term_id, link_type, ...term }) =>
        compactAttribute({ id, link_id, taxonomy_term_id, link_type, taxonomy_term: taxonomyTermJson({ id: taxonomy_term_id, ...term }) }),
      ),
      ...linkwayAttributes(service),
    ],
  }));
}

const compactAttribute = (attribute: Json): Json => Object.fromEntries(Object.entries(attribute).filter(([, v]) => v !== null));

/** Service-at-locations of the services, each with its location and addresses. */
async function serviceAtLocationsOf(db: Db, serviceIds: string[]) {
  const links = await db.selectFrom('directory_service_at_locations').selectAll().where('service_id', 'in', serviceIds).orderBy('id').execute();
  const locations = await locationsById(db, links.map((link) => link.location_id));
  return links.map((link) => ({ id: link.id, service_id: link.service_id, location_id: link.location_id, location: locations.get(link.location_id) }));
}

async function locationsById(db: Db, ids: string[]): Promise<Map<string, Json>> {
  if (ids.length === 0) return new Map();
  const unique = [...new Set(ids)];
  const locations = await db.selectFrom('directory_locations').selectAll().where('id', 'in', unique).execute();
  const addressesOf = groupBy(await db.selectFrom('directory_addresses').selectAll().where('location_id', 'in', unique).orderBy('id').execute(), 'location_id');
  return new Map(locations.map((l) => [l.id, locationJson(l, addressesOf(l.id))]));
}

export async function getService(db: Db, id: string): Promise<Json | undefined> {
  const service = await db.selectFrom('directory_services').selectAll().where('id', '=', id).where('public', '=', true).executeTakeFirst();
  return service ? (await fullServices(db, [service]))[0] : undefined;
}

async function postcodeCentre(db: Db, postcode: string | undefined) {
  if (!postcode) return undefined;
  const centre = await db
    .selectFrom('directory_locations')
    .select([sql<number | null>`avg(latitude)`.as('latitude'), sql<number | null>`avg(longitude)`.as('longitude')])
    .where('postcode', '=', postcode)
    .executeTakeFirst();
  return centre?.latitude != null && centre.longitude != null ? { latitude: Number(centre.latitude), longitude: Number(centre.longitude) } : undefined;
}

export async function listServiceAtLocations(db: Db, query: ListQuery): Promise<Page> {
  const where = all([...serviceConditions(query), ...locationConditions(query, await postcodeCentre(db, query.postcode))]);
  const base = db
    .selectFrom('directory_service_at_locations as sl')
    .innerJoin('directory_services as s', (join) => join.onRef('s.org_id', '=', 'sl.org_id').onRef('s.id', '=', 'sl.service_id'))
    .innerJoin('directory_locations as l', (join) => join.onRef('l.org_id', '=', 'sl.org_id').onRef('l.id', '=', 'sl.location_id'))
    .where(where);
  const { n } = await base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  const links = await base.select(['sl.id', 's.name', 'sl.service_id', 'sl.location_id']).orderBy('s.name').orderBy('sl.id').limit(query.per_page).offset(offset(query)).execute();
  const services = links.length ? await db.selectFrom('directory_services').selectAll().where('id', 'in', links.map((link) => link.service_id)).execute() : [];
  const locations = links.length ? await db.selectFrom('directory_locations').selectAll().where('id', 'in', links.map((link) => link.location_id)).execute() : [];
  const organizations = await organizationsOf(db, services.map((s) => s.organization_id));
  const serviceById = new Map(services.map((s) => [s.id, s]));
  const locationById = new Map(locations.map((l) => [l.id, l]));
  return page(
    links.map((link) => {
      const service = serviceById.get(link.service_id)!;
      const location = locationById.get(link.location_id)!;
      return {
        id: link.id,
        service_id: link.service_id,
        location_id: link.location_id,
        location: locationJson(location, undefined),
        service: serviceListJson(service, orgJson(organizations, service.organization_id, false)),
      };
    }),
    n,
    query,
  );
}

export async function getServiceAtLocation(db: Db, id: string): Promise<Json | undefined> {
  const link = await db.selectFrom('directory_service_at_locations').selectAll().where('id', '=', id).executeTakeFirst();
  if (!link) return undefined;
  const service = await db.selectFrom('directory_services').selectAll().where('id', '=', link.service_id).where('public', '=', true).executeTakeFirst();
  if (!service) return undefined;
  const [full] = await fullServices(db, [service], false);
  const locations = await locationsById(db, [link.location_id]);
  return { id: link.id, service_id: link.service_id, location_id: link.location_id, location: locations.get(link.location_id), service: full };
}

/** Linkway's own taxonomies come first, then the scheme's imported ones. */
export async function listTaxonomies(db: Db, query: Pick<ListQuery, 'page' | 'per_page'>): Promise<Page> {
  const rows = await db.selectFrom('directory_taxonomies').selectAll().orderBy('name').orderBy('id').execute();
  const everything = [...LINKWAY_TAXONOMIES.map(taxonomyJson), ...rows.map(taxonomyJson)];
  return page(everything.slice(offset(query as ListQuery), offset(query as ListQuery) + query.per_page), everything.length, query);
}

export async function getTaxonomy(db: Db, id: string): Promise<Json | undefined> {
  const linkway = LINKWAY_TAXONOMIES.find((taxonomy) => taxonomy.id === id);
  const taxonomy = linkway ?? (await db.selectFrom('directory_taxonomies').selectAll().where('id', '=', id).executeTakeFirst());
  if (!taxonomy) return undefined;
  const terms = linkway
    ? LINKWAY_TERMS.filter((term) => term.taxonomy_id === id)
    : await db.selectFrom('directory_taxonomy_terms').selectAll().where('taxonomy_id', '=', id).orderBy('name').execute();
  return { ...taxonomyJson(taxonomy), taxonomy_terms: terms.map(taxonomyTermJson) };
}

export async function listTaxonomyTerms(db: Db, query: Pick<ListQuery, 'page' | 'per_page'>): Promise<Page> {
  const fixed = LINKWAY_TERMS.length;
  const { n } = await db.selectFrom('directory_taxonomy_terms').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  const start = (query.page - 1) * query.per_page;
  const linkway = LINKWAY_TERMS.slice(start, start + query.per_page).map(taxonomyTermJson);
  const fromDatabase = linkway.length < query.per_page
    ? await db
        .selectFrom('directory_taxonomy_terms')
        .selectAll()
        .orderBy('name')
        .orderBy('id')
        .offset(Math.max(0, start - fixed))
        .limit(query.per_page - linkway.length)
        .execute()
    : [];
  return page([...linkway, ...fromDatabase.map(taxonomyTermJson)], fixed + n, query);
}

export async function getTaxonomyTerm(db: Db, id: string): Promise<Json | undefined> {
  const term = LINKWAY_TERMS.find((candidate) => candidate.id === id) ?? (await db.selectFrom('directory_taxonomy_terms').selectAll().where('id', '=', id).executeTakeFirst());
  return term ? taxonomyTermJson(term) : undefined;
}

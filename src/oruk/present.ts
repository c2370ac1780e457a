import type { Selectable } from 'kysely';
import type {
  DirectoryAddressesTable,
  DirectoryContactsTable,
  DirectoryCostOptionsTable,
  DirectoryLocationsTable,
  DirectoryOrganizationsTable,
  DirectoryPhonesTable,
  DirectorySchedulesTable,
  DirectoryServicesTable,
  DirectoryTaxonomiesTable,
  DirectoryTaxonomyTermsTable,
} from '../platform/db/tables/directory.ts';
import { categoryTermId, derivedUuid, LINKWAY_TERMS, needTermId, type OrukTaxonomy, type OrukTaxonomyTerm } from './linkway-taxonomy.ts';

/**
 * ORUK JSON leaves out what is not known (a null would fail the schema's "type": "string") and
 * the scheme's own org_id, which is Linkway's, not the record's.
 */
export type Json = Record<string, unknown>;
export function compact(value: Json): Json {
  return Object.fromEntries(Object.entries(value).filter(([key, v]) => v !== null && v !== undefined && key !== 'org_id'));
}

type Row<T> = Omit<Selectable<T>, 'org_id'>;

export function organizationJson(row: Row<DirectoryOrganizationsTable>, full: boolean): Json {
  return compact({
    id: row.id,
    name: row.name,
    description: row.description,
    email: row.email,
    website: row.website,
    logo: row.logo,
    uri: row.uri,
    parent_organization_id: row.parent_organization_id,
    organization_identifiers: full && row.organization_identifiers.length ? row.organization_identifiers : undefined,
  });
}

/** The one-to-one fields of a service, as lists show them. */
export function serviceListJson(row: Row<DirectoryServicesTable>, organization: Json | undefined): Json {
  return compact({
    id: row.id,
    organization_id: row.organization_id,
    name: row.name,
    description: row.description,
    url: row.url,
    email: row.email,
    status: row.status,
    fees: row.fees ?? feesText(row),
    accreditations: row.accreditations,
    minimum_age: row.minimum_age,
    maximum_age: row.maximum_age,
    assured_date: row.assured_date,
    assurer_email: row.assurer_email,
    alert: row.alert,
    last_modified: row.last_modified.toISOString(),
    organization,
  });
}

/** Fees in words from Linkway's own cost fields, for a service whose feed gave none. */
export function feesText(row: Pick<Row<DirectoryServicesTable>, 'cost' | 'cost_pence' | 'cost_note'>): string {
  if (row.cost === 'free') return 'Free';
  const amount = row.cost_pence === null ? 'Paid' : `£${(row.cost_pence / 100).toFixed(2)}`;
  return row.cost_note ? `${amount} ${row.cost_note}` : amount;
}

export const scheduleJson = (row: Row<DirectorySchedulesTable>): Json => compact({ ...row });

export const addressJson = (row: Row<DirectoryAddressesTable>): Json => compact({ ...row });

export function locationJson(row: Row<DirectoryLocationsTable>, addresses: Row<DirectoryAddressesTable>[] | undefined): Json {
  return compact({
    id: row.id,
    location_type: row.location_type,
    name: row.name,
    description: row.description,
    latitude: row.latitude,
    longitude: row.longitude,
    external_identifier: row.external_identifier,
    external_identifier_type: row.external_identifier_type,
    addresses: addresses?.map(addressJson),
    accessibility: addresses && row.accessibility.length ? row.accessibility : undefined,
  });
}

export const costOptionJson = (row: Row<DirectoryCostOptionsTable>): Json =>
  compact({ ...row, amount: row.amount === null ? null : Number(row.amount) });

/** ORUK UK's contact has no email: Linkway's own column stays inside. Its phones nest in it, as in a feed. */
export const contactJson = (row: Row<DirectoryContactsTable>, phones: Row<DirectoryPhonesTable>[]): Json =>
  compact({ id: row.id, service_id: row.service_id, name: row.name, title: row.title, phones: phones.length ? phones.map(phoneJson) : undefined });

const phoneJson = (row: Row<DirectoryPhonesTable>): Json => compact({ ...row, languages: row.languages.length ? row.languages : undefined });

export const taxonomyJson = (row: Row<DirectoryTaxonomiesTable> | OrukTaxonomy): Json => compact({ ...row });
export const taxonomyTermJson = (row: Row<DirectoryTaxonomyTermsTable> | OrukTaxonomyTerm): Json => compact({ ...row });

const linkwayTerm = new Map(LINKWAY_TERMS.map((term) => [term.id, term]));

/** A service's categories and needs as attributes linking it to the Linkway taxonomy terms. */
export function linkwayAttributes(service: { id: string; categories: string[]; needs: string[] }): Json[] {
  const termIds = [...service.categories.map(categoryTermId), ...service.needs.map(needTermId)];
  return termIds.flatMap((termId) => {
    const term = linkwayTerm.get(termId);
    if (!term) return [];
    return [{ id: derivedUuid(service.id, termId), link_id: service.id, taxonomy_term_id: termId, link_type: 'service', taxonomy_term: taxonomyTermJson(term) }];
  });
}

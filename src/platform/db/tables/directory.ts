import type { ColumnType, Generated } from 'kysely';

/**
 * The community asset directory (migrations/0008_directory.sql): Open Referral UK 3.0 tables plus
 * Linkway's own fields. Every key is (org_id, id); `id` is the ORUK identifier.
 */

type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type TextArray = ColumnType<string[], string[] | undefined, string[]>;
/** ORUK parts kept as the JSON they arrived as; written as a JSON string. */
type JsonArray = ColumnType<unknown[], string | undefined, string>;
/** Calendar dates travel as 'YYYY-MM-DD'; times of day as 'HH:MM:SS'. */
type NullableDate = string | null;
type NullableTime = string | null;
/** An ORUK id: generated when Linkway creates the record, kept as given when imported. */
type OrukId = ColumnType<string, string | undefined, never>;

export type ServiceStatus = 'active' | 'inactive' | 'defunct' | 'temporarily closed';
export type CategoryCode = 'creative' | 'social' | 'indoor' | 'self_care' | 'sports' | 'vocational_educational';
export type ServiceCost = 'free' | 'paid';
export type ReferralMethod = 'signpost' | 'email' | 'online_form' | 'attached_form';
export type LocationType = 'physical' | 'postal' | 'virtual';
export type ScheduleFrequency = 'WEEKLY' | 'MONTHLY';
export type AttributeLinkEntity = 'service' | 'organization' | 'location' | 'address' | 'contact';

export interface DirectoryOrganizationsTable {
  org_id: string;
  id: OrukId;
  name: string;
  description: Generated<string>;
  email: string | null;
  website: string | null;
  logo: string | null;
  uri: string | null;
  parent_organization_id: string | null;
  organization_identifiers: JsonArray;
  created_at: DefaultTimestamp;
}

export interface DirectoryServicesTable {
  org_id: string;
  id: OrukId;
  organization_id: string;
  name: string;
  description: Generated<string>;
  url: string | null;
  email: string | null;
  status: Generated<ServiceStatus>;
  fees: string | null;
  accreditations: string | null;
  minimum_age: number | null;
  maximum_age: number | null;
  assured_date: NullableDate;
  assurer_email: string | null;
  alert: string | null;
  /** Set by a trigger on every change that does not set it itself. */
  last_modified: DefaultTimestamp;
  service_areas: JsonArray;
  languages: JsonArray;
  funding: JsonArray;
  /** Linkway's categories; served to ORUK consumers as terms of the Linkway taxonomy. */
  categories: ColumnType<CategoryCode[], CategoryCode[] | undefined, CategoryCode[]>;
  /** Codes from NEEDS in src/referrals/codes.ts. */
  needs: TextArray;
  cost: Generated<ServiceCost>;
  /** Only when cost is 'paid'. */
  cost_pence: number | null;
  cost_note: string | null;
  referral_method: Generated<ReferralMethod>;
  referral_email: string | null;
  referral_url: string | null;
  waiting_weeks: number | null;
  taking_referrals: Generated<boolean>;
  /** Codes such as lgbtq_friendly, girls_only, send. */
  inclusion_tags: TextArray;
  inclusion_note: string | null;
  /** Served by the public ORUK API only when true. */
  public: Generated<boolean>;
  last_checked_at: NullableTimestamp;
  last_checked_by: string | null;
  created_at: DefaultTimestamp;
  /** Generated from name, description, inclusion note and alert; query with @@. PostgreSQL counts generated columns as nullable. */
  search_vector: ColumnType<string | null, never, never>;
}

export interface DirectoryReferralFormsTable {
  org_id: string;
  service_id: string;
  file_name: string;
  content_type: string;
  content: Buffer;
  uploaded_by: string | null;
  uploaded_at: DefaultTimestamp;
}

/** Never served by the ORUK API or exported. */
export interface DirectoryPrivateNotesTable {
  org_id: string;
  id: OrukId;
  service_id: string;
  note: string;
  written_by: string | null;
  created_at: DefaultTimestamp;
}

export interface DirectoryLocationsTable {
  org_id: string;
  id: OrukId;
  location_type: Generated<LocationType>;
  name: string | null;
  description: string | null;
  latitude: number | null;
  longitude: number | null;
  external_identifier: string | null;
  external_identifier_type: string | null;
  /** Upper case with one space, e.g. 'NE1 4ST'. */
  postcode: string | null;
  accessibility: JsonArray;
  created_at: DefaultTimestamp;
}

export interface DirectoryAddressesTable {
  org_id: string;
  id: OrukId;
  location_id: string;
  attention: string | null;
  address_1: string;
  city: string;
  region: string | null;
  state_province: Generated<string>;
  postal_code: string;
  country: Generated<string>;
  address_type: Generated<LocationType>;
}

export interface DirectoryServiceAtLocationsTable {
  org_id: string;
  id: OrukId;
  service_id: string;
  location_id: string;
}

export interface DirectorySchedulesTable {
  org_id: string;
  id: OrukId;
  /** One of service_id and service_at_location_id is set. */
  service_id: string | null;
  service_at_location_id: string | null;
  valid_from: NullableDate;
  valid_to: NullableDate;
  dtstart: NullableDate;
  freq: ScheduleFrequency | null;
  interval: number | null;
  /** Comma-separated RFC 5545 days, e.g. 'MO,WE'. */
  byday: string | null;
  bymonthday: string | null;
  description: string | null;
  opens_at: NullableTime;
  closes_at: NullableTime;
  schedule_link: string | null;
  attending_type: string | null;
  notes: string | null;
}

export interface DirectoryContactsTable {
  org_id: string;
  id: OrukId;
  service_id: string;
  name: string | null;
  title: string | null;
  /** Linkway's own; not part of ORUK UK's contact. */
  email: string | null;
}

export interface DirectoryPhonesTable {
  org_id: string;
  id: OrukId;
  contact_id: string;
  number: string;
  description: string | null;
  languages: JsonArray;
}

export interface DirectoryCostOptionsTable {
  org_id: string;
  id: OrukId;
  service_id: string;
  valid_from: NullableDate;
  valid_to: NullableDate;
  option: string | null;
  /** numeric(10,2): read as a string, written as a number or string. */
  amount: ColumnType<string | null, number | string | null | undefined, number | string | null>;
  amount_description: string | null;
  /** ISO 4217, e.g. 'GBP'. */
  currency: string | null;
}

export interface DirectoryTaxonomiesTable {
  org_id: string;
  id: OrukId;
  name: string;
  description: Generated<string>;
  uri: string | null;
  version: string | null;
}

export interface DirectoryTaxonomyTermsTable {
  org_id: string;
  id: OrukId;
  name: string;
  description: Generated<string>;
  parent_id: string | null;
  taxonomy: string | null;
  taxonomy_id: string | null;
  term_uri: string | null;
  term: string | null;
}

export interface DirectoryAttributesTable {
  org_id: string;
  id: OrukId;
  link_entity: AttributeLinkEntity;
  link_id: string;
  taxonomy_term_id: string;
  link_type: string | null;
}

export interface DirectoryTables {
  directory_organizations: DirectoryOrganizationsTable;
  directory_services: DirectoryServicesTable;
  directory_referral_forms: DirectoryReferralFormsTable;
  directory_private_notes: DirectoryPrivateNotesTable;
  directory_locations: DirectoryLocationsTable;
  directory_addresses: DirectoryAddressesTable;
  directory_service_at_locations: DirectoryServiceAtLocationsTable;
  directory_schedules: DirectorySchedulesTable;
  directory_contacts: DirectoryContactsTable;
  directory_phones: DirectoryPhonesTable;
  directory_cost_options: DirectoryCostOptionsTable;
  directory_taxonomies: DirectoryTaxonomiesTable;
  directory_taxonomy_terms: DirectoryTaxonomyTermsTable;
  directory_attributes: DirectoryAttributesTable;
}

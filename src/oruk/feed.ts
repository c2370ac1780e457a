import { describeErrors, orukValidator, type SchemaName } from './schemas.ts';

/** One ORUK object from a feed, once checked against its schema. */
export type FeedRecord =
  | { kind: 'service'; value: OrukService }
  | { kind: 'organization'; value: OrukOrganization }
  | { kind: 'service_at_location'; value: OrukServiceAtLocation }
  | { kind: 'taxonomy'; value: OrukTaxonomyIn }
  | { kind: 'taxonomy_term'; value: OrukTermIn };

export interface Rejection {
  /** Where the record is in the feed, e.g. "record 3" or its id. */
  record: string;
  reasons: string[];
}

type Obj = Record<string, unknown>;
export interface OrukTermIn extends Obj {
  id: string;
  name: string;
  description: string;
}
export interface OrukTaxonomyIn extends Obj {
  id: string;
  name: string;
  description: string;
  taxonomy_terms?: OrukTermIn[];
}
export interface OrukOrganization extends Obj {
  id: string;
  name: string;
  description: string;
  services?: OrukService[];
}
export interface OrukLocation extends Obj {
  id: string;
  location_type: string;
  addresses?: Obj[];
}
export interface OrukService extends Obj {
  id: string;
  name: string;
  status: string;
  organization_id?: string;
  organization?: OrukOrganization;
  schedules?: Obj[];
  service_at_locations?: { id: string; location_id?: string; location?: OrukLocation; schedules?: Obj[] }[];
  cost_options?: Obj[];
  contacts?: Obj[];
  attributes?: { id: string; taxonomy_term_id?: string; link_type?: string; taxonomy_term?: OrukTermIn }[];
}
export interface OrukServiceAtLocation extends Obj {
  id: string;
  service_id?: string;
  location_id?: string;
  location?: OrukLocation;
  service?: OrukService;
}

const KIND_SCHEMA: Record<FeedRecord['kind'], SchemaName> = {
  service: 'service',
  organization: 'compiled/organization',
  service_at_location: 'compiled/service_at_location',
  taxonomy: 'taxonomy',
  taxonomy_term: 'taxonomy_term',
};

const isObject = (value: unknown): value is Obj => typeof value === 'object' && value !== null && !Array.isArray(value);

const SERVICE_ONLY = ['status', 'organization', 'organization_id', 'url', 'fees', 'accreditations', 'minimum_age', 'maximum_age', 'schedules', 'service_at_locations', 'cost_options', 'contacts', 'alert'];
const TERM_ONLY = ['term', 'taxonomy', 'taxonomy_id', 'parent_id', 'term_uri'];
const ORGANIZATION_ONLY = ['services', 'website', 'email', 'logo', 'uri', 'organization_identifiers', 'parent_organization_id'];

/**
 * What an object is, from the fields only that kind has: ORUK feeds do not label their records.
 * A service at a location has its location; a service, its status or organisation (so a service
 * missing its status is still recognised, and rejected for that); a taxonomy, a version or terms;
 * a term, its place in a taxonomy; an organisation, its contact details or services.
 */
export function kindOf(value: Obj): FeedRecord['kind'] | undefined {
  const has = (keys: string[]) => keys.some((key) => key in value);
  if ('location' in value || ('location_id' in value && 'service_id' in value)) return 'service_at_location';
  if (has(SERVICE_ONLY)) return 'service';
  if (has(['taxonomy_terms', 'version'])) return 'taxonomy';
  if (has(TERM_ONLY)) return 'taxonomy_term';
  if (has(ORGANIZATION_ONLY)) return 'organization';
  return undefined;
}

/** The objects of a feed: a list, a page of an ORUK API (its contents), or one object. */
function objectsOf(feed: unknown): unknown[] {
  if (Array.isArray(feed)) return feed;
  if (isObject(feed) && Array.isArray(feed.contents)) return feed.contents;
  return [feed];
}

export function readFeed(feed: unknown): { records: FeedRecord[]; rejections: Rejection[] } {
  const records: FeedRecord[] = [];
  const rejections: Rejection[] = [];
  objectsOf(feed).forEach((value, index) => {
    const label = isObject(value) && typeof value.id === 'string' ? `record ${index + 1} (id ${value.id})` : `record ${index + 1}`;
    if (!isObject(value)) return rejections.push({ record: label, reasons: ['is not a JSON object'] });
    const kind = kindOf(value);
    if (!kind) {
      return rejections.push({ record: label, reasons: ['is not recognised as an ORUK service, organization, service at location, taxonomy or taxonomy term'] });
    }
    const validate = orukValidator(KIND_SCHEMA[kind]);
    if (!validate(value)) return rejections.push({ record: label, reasons: describeErrors(validate.errors).map((reason) => `${kind}: ${reason}`) });
    const problems = linkwayProblems(kind, value);
    if (problems.length) return rejections.push({ record: label, reasons: problems });
    records.push({ kind, value } as FeedRecord);
  });
  return { records, rejections };
}

/** What the schemas allow but the directory cannot hold, said plainly. */
function linkwayProblems(kind: FeedRecord['kind'], value: Obj): string[] {
  const services: Obj[] =
    kind === 'service' ? [value] : kind === 'organization' ? ((value.services as Obj[] | undefined) ?? []) : kind === 'service_at_location' && isObject(value.service) ? [value.service] : [];
  const problems: string[] = [];
  for (const service of services) {
    const { minimum_age: min, maximum_age: max } = service as { minimum_age?: number; maximum_age?: number };
    for (const [field, age] of [['minimum_age', min], ['maximum_age', max]] as const) {
      if (age !== undefined && (age < 0 || age > 150)) problems.push(`service ${String(service.id)}: ${field} must be between 0 and 150`);
    }
    if (min !== undefined && max !== undefined && min > max) problems.push(`service ${String(service.id)}: minimum_age must not be more than maximum_age`);
    if (kind !== 'organization' && !service.organization && !service.organization_id) problems.push(`service ${String(service.id)}: needs an organization or organization_id`);
  }
  if (kind === 'service_at_location' && !isObject(value.service)) problems.push('service at location: needs the service it links');
  if (kind === 'service_at_location' && !isObject(value.location)) problems.push('service at location: needs the location it links');
  return problems;
}

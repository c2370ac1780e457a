/** What an import left out of records it took, counted by kind and field, with the reason. */
export interface NotKept {
  kind: string;
  field: string;
  reason: string;
  records: number;
}

export class NotKeptLog {
  private readonly entries = new Map<string, NotKept>();

  add(kind: string, field: string, reason: string): void {
    const key = `${kind}\u0000${field}\u0000${reason}`;
    const entry = this.entries.get(key) ?? { kind, field, reason, records: 0 };
    entry.records += 1;
    this.entries.set(key, entry);
  }

  /** Grouped by kind, then field, so the summary reads kind by kind. */
  list(): NotKept[] {
    return [...this.entries.values()].sort((a, b) => a.kind.localeCompare(b.kind) || a.field.localeCompare(b.field));
  }
}

type Obj = Record<string, unknown>;
type Kind = 'service' | 'organization' | 'location' | 'address' | 'service_at_location' | 'schedule' | 'contact' | 'phone' | 'cost_option' | 'attribute' | 'taxonomy' | 'taxonomy_term';

interface Shape {
  /** Fields written to the directory as they are. */
  kept: string[];
  /** Fields holding records of another kind, which are looked at in turn. */
  nested?: Record<string, Kind>;
  /** Why a field outside the two lists is left out. */
  otherwise: string;
}

const NOWHERE = 'Linkway has nowhere to keep it';
const TERMS_ON_SERVICES = 'Linkway links taxonomy terms to services only';
const SHAPES: Record<Kind, Shape> = {
  service: {
    kept: ['id', 'organization_id', 'name', 'description', 'url', 'email', 'status', 'fees', 'accreditations', 'minimum_age', 'maximum_age', 'assured_date', 'assurer_email', 'alert', 'last_modified', 'service_areas', 'languages', 'funding'],
    nested: { organization: 'organization', schedules: 'schedule', service_at_locations: 'service_at_location', contacts: 'contact', cost_options: 'cost_option', attributes: 'attribute' },
    otherwise: NOWHERE,
  },
  organization: { kept: ['id', 'name', 'description', 'email', 'website', 'logo', 'uri', 'parent_organization_id', 'organization_identifiers'], nested: { services: 'service' }, otherwise: NOWHERE },
  location: {
    kept: ['id', 'location_type', 'name', 'description', 'latitude', 'longitude', 'external_identifier', 'external_identifier_type', 'accessibility'],
    nested: { addresses: 'address' },
    otherwise: NOWHERE,
  },
  address: { kept: ['id', 'location_id', 'attention', 'address_1', 'city', 'region', 'state_province', 'postal_code', 'country', 'address_type'], otherwise: NOWHERE },
  service_at_location: { kept: ['id', 'service_id', 'location_id'], nested: { location: 'location', service: 'service', schedules: 'schedule' }, otherwise: NOWHERE },
  schedule: {
    kept: ['id', 'service_id', 'service_at_location_id', 'valid_from', 'valid_to', 'dtstart', 'freq', 'interval', 'byday', 'bymonthday', 'description', 'opens_at', 'closes_at', 'schedule_link', 'attending_type', 'notes'],
    otherwise: NOWHERE,
  },
  contact: { kept: ['id', 'service_id', 'name', 'title'], nested: { phones: 'phone' }, otherwise: 'Linkway keeps a contact’s name, title and phones only' },
  phone: { kept: ['id', 'contact_id', 'number', 'description', 'languages'], otherwise: 'Linkway keeps a phone’s number, description and languages only' },
  cost_option: { kept: ['id', 'service_id', 'valid_from', 'valid_to', 'option', 'amount', 'amount_description', 'currency'], otherwise: NOWHERE },
  attribute: { kept: ['id', 'link_id', 'taxonomy_term_id', 'link_type', 'link_entity'], nested: { taxonomy_term: 'taxonomy_term' }, otherwise: NOWHERE },
  taxonomy: { kept: ['id', 'name', 'description', 'uri', 'version'], nested: { taxonomy_terms: 'taxonomy_term' }, otherwise: NOWHERE },
  taxonomy_term: { kept: ['id', 'name', 'description', 'parent_id', 'taxonomy', 'taxonomy_id', 'term_uri', 'term'], otherwise: NOWHERE },
};

/** Reasons that hold whatever the kind. */
const ANY_KIND: Record<string, string> = {
  metadata: 'Linkway keeps its own record of changes, not another system’s',
  attributes: TERMS_ON_SERVICES,
};

const isObject = (value: unknown): value is Obj => typeof value === 'object' && value !== null && !Array.isArray(value);
const isEmpty = (value: unknown) => value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);

/** Notes each field of the record (and the records inside it) that the import does not keep. */
export function noteNotKept(kind: Kind, record: Obj, log: NotKeptLog): void {
  const shape = SHAPES[kind];
  for (const [field, value] of Object.entries(record)) {
    if (isEmpty(value) || shape.kept.includes(field)) continue;
    const nested = shape.nested?.[field];
    if (nested) {
      for (const inner of Array.isArray(value) ? value : [value]) if (isObject(inner)) noteNotKept(nested, inner, log);
    } else log.add(KIND_NAMES[kind], field, ANY_KIND[field] ?? shape.otherwise);
  }
}

const KIND_NAMES: Record<Kind, string> = {
  service: 'Service',
  organization: 'Organisation',
  location: 'Location',
  address: 'Address',
  service_at_location: 'Service at location',
  schedule: 'Schedule',
  contact: 'Contact',
  phone: 'Phone',
  cost_option: 'Cost option',
  attribute: 'Attribute',
  taxonomy: 'Taxonomy',
  taxonomy_term: 'Taxonomy term',
};

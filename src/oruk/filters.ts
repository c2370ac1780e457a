import { sql, type RawBuilder } from 'kysely';
import { z } from 'zod';
import { isLinkwayTaxonomy, linkwayTermMeaning, CATEGORY_TAXONOMY_ID } from './linkway-taxonomy.ts';

const DAYS: Record<string, string> = {
  monday: 'MO', tuesday: 'TU', wednesday: 'WE', thursday: 'TH', friday: 'FR', saturday: 'SA', sunday: 'SU',
};
const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/, 'must be a time such as 17:30');

const flag = z.enum(['true', 'false'], { error: 'must be true or false' }).transform((value) => value === 'true').optional();

/** The ORUK OpenAPI query parameters Linkway answers, checked. */
export const listQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  per_page: z.coerce.number().int().min(1).max(500).default(50),
  search: z.string().trim().max(200).optional(),
  taxonomy_term_id: z.uuid().optional(),
  taxonomy_id: z.uuid().optional(),
  organization_id: z.uuid().optional(),
  minimum_age: z.coerce.number().min(0).max(150).optional(),
  maximum_age: z.coerce.number().min(0).max(150).optional(),
  modified_after: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  day: z
    .string()
    .transform((value) => DAYS[value.toLowerCase()] ?? value.toUpperCase())
    .pipe(z.enum(['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU']))
    .optional(),
  start_time: time.optional(),
  end_time: time.optional(),
  postcode: z
    .string()
    .trim()
    .regex(/^[A-Za-z]{1,2}\d[A-Za-z\d]?\s*\d[A-Za-z]{2}$/, 'must be a full UK postcode')
    .transform(normalisePostcode)
    .optional(),
  proximity: z.coerce.number().positive().max(200_000).optional(),
  /** Services: just each one's id and last change, all in one answer. */
  minimal: flag,
  /** Services: each in full, as /services/{id} gives it. */
  full_service: flag,
  /** ndjson: every item, one JSON object a line, without pages. */
  format: z.enum(['json', 'ndjson']).default('json'),
});
export type ListQuery = z.infer<typeof listQuery>;

/** 'ls63ab' and 'LS6  3AB' both become 'LS6 3AB', as directory_locations.postcode is kept. */
export function normalisePostcode(value: string): string {
  const compacted = value.replace(/\s+/g, '').toUpperCase();
  return `${compacted.slice(0, -3)} ${compacted.slice(-3)}`;
}

/**
 * Conditions on the service aliased `s`. Linkway's own categories and needs are answered from the
 * service's columns; any other term from the attributes imported with it.
 */
export function serviceConditions(query: ListQuery): RawBuilder<boolean>[] {
  const conditions: RawBuilder<boolean>[] = [sql<boolean>`s.public`];
  if (query.search) conditions.push(sql<boolean>`s.search_vector @@ websearch_to_tsquery('english', ${query.search})`);
  if (query.organization_id) conditions.push(sql<boolean>`s.organization_id = ${query.organization_id}`);
  if (query.minimum_age !== undefined) conditions.push(sql<boolean>`s.minimum_age >= ${query.minimum_age}`);
  if (query.maximum_age !== undefined) conditions.push(sql<boolean>`s.maximum_age <= ${query.maximum_age}`);
  if (query.modified_after) conditions.push(sql<boolean>`s.last_modified >= ${query.modified_after}::timestamptz`);
  if (query.taxonomy_term_id) {
    const meaning = linkwayTermMeaning(query.taxonomy_term_id);
    if (meaning?.column === 'categories') conditions.push(sql<boolean>`s.categories @> array[${meaning.code}]::text[]`);
    else if (meaning) conditions.push(sql<boolean>`s.needs @> array[${meaning.code}]::text[]`);
    else
      conditions.push(sql<boolean>`exists (select 1 from directory_attributes a
        where a.org_id = s.org_id and a.link_entity = 'service' and a.link_id = s.id and a.taxonomy_term_id = ${query.taxonomy_term_id})`);
  }
  if (query.taxonomy_id) {
    if (isLinkwayTaxonomy(query.taxonomy_id)) {
      conditions.push(query.taxonomy_id === CATEGORY_TAXONOMY_ID ? sql<boolean>`cardinality(s.categories) > 0` : sql<boolean>`cardinality(s.needs) > 0`);
    } else {
      conditions.push(sql<boolean>`exists (select 1 from directory_attributes a
        join directory_taxonomy_terms t on t.org_id = a.org_id and t.id = a.taxonomy_term_id
        where a.org_id = s.org_id and a.link_entity = 'service' and a.link_id = s.id and t.taxonomy_id = ${query.taxonomy_id})`);
    }
  }
  if (query.day || query.start_time || query.end_time) {
    // All three must hold for the same schedule: "open on Tuesdays from 17:00".
    const day = query.day ? sql`and position(${query.day} in upper(coalesce(h.byday, ''))) > 0` : sql``;
    const start = query.start_time ? sql`and h.opens_at >= ${query.start_time}::time` : sql``;
    const end = query.end_time ? sql`and h.closes_at <= ${query.end_time}::time` : sql``;
    conditions.push(sql<boolean>`exists (select 1 from directory_schedules h
      left join directory_service_at_locations hl on hl.org_id = h.org_id and hl.id = h.service_at_location_id
      where h.org_id = s.org_id and (h.service_id = s.id or hl.service_id = s.id) ${day} ${start} ${end})`);
  }
  return conditions;
}

/**
 * Conditions on the location aliased `l`. Without a postcode lookup service, a postcode's centre
 * is where the directory's own locations with that postcode are; proximity is then measured from
 * there. A postcode alone (or one the directory has no location in) matches its postcode district.
 */
export function locationConditions(query: ListQuery, centre: { latitude: number; longitude: number } | undefined): RawBuilder<boolean>[] {
  if (!query.postcode) return [];
  if (query.proximity !== undefined && centre) {
    return [sql<boolean>`l.latitude is not null and l.longitude is not null and ${distanceMetres(centre)} <= ${query.proximity}`];
  }
  const district = query.postcode.split(' ')[0]!;
  return [sql<boolean>`l.postcode like ${`${district} %`}`];
}

/** Great-circle distance from the centre to the location aliased `l`, in metres. */
function distanceMetres(centre: { latitude: number; longitude: number }): RawBuilder<number> {
  return sql<number>`(6371000 * 2 * asin(sqrt(
    power(sin(radians(l.latitude - ${centre.latitude}) / 2), 2)
    + cos(radians(${centre.latitude})) * cos(radians(l.latitude)) * power(sin(radians(l.longitude - ${centre.longitude}) / 2), 2))))`;
}

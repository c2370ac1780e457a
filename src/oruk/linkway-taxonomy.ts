import { createHash } from 'node:crypto';
import { CATEGORIES } from '../directory/index.ts';
import { NEEDS } from '../domain/codes.ts';
import type { CategoryCode } from '../platform/db/tables/directory.ts';

/**
 * Linkway's categories and needs, served to ORUK consumers as terms of two taxonomies. The
 * service's own columns are the truth; these ids are fixed, the same in every scheme, so a consumer
 * (or another Linkway scheme importing the feed) can rely on them.
 */
export const CATEGORY_TAXONOMY_ID = 'd3b504ad-0aa2-483f-b750-2bb4285b7ab2';
export const NEEDS_TAXONOMY_ID = '77904781-36b1-46c8-a96a-e60a4bc89f4b';

/** A name-based (version 5 style) UUID, so derived ids are stable without being stored. */
export function derivedUuid(namespace: string, name: string): string {
  const hash = createHash('sha1').update(namespace.replace(/-/g, ''), 'hex').update(name).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export interface OrukTaxonomyTerm {
  id: string;
  name: string;
  description: string;
  parent_id?: string;
  taxonomy?: string;
  taxonomy_id?: string;
  term_uri?: string;
  term?: string;
}

export interface OrukTaxonomy {
  id: string;
  name: string;
  description: string;
  uri?: string;
  version?: string;
}

export const LINKWAY_TAXONOMIES: OrukTaxonomy[] = [
  { id: CATEGORY_TAXONOMY_ID, name: 'Linkway activity categories', description: 'The kinds of activity link workers match young people with.', version: '1' },
  { id: NEEDS_TAXONOMY_ID, name: 'Linkway needs', description: 'What a young person is struggling with that a service can help with.', version: '1' },
];

function termsOf(taxonomy: OrukTaxonomy, labels: Record<string, string>): OrukTaxonomyTerm[] {
  return Object.entries(labels).map(([code, label]) => ({
    id: derivedUuid(taxonomy.id, code),
    name: label,
    description: label,
    taxonomy: taxonomy.name,
    taxonomy_id: taxonomy.id,
    term: code,
  }));
}

export const LINKWAY_TERMS: OrukTaxonomyTerm[] = [
  ...termsOf(LINKWAY_TAXONOMIES[0]!, CATEGORIES),
  ...termsOf(LINKWAY_TAXONOMIES[1]!, NEEDS),
];

const termById = new Map(LINKWAY_TERMS.map((term) => [term.id, term]));

export const categoryTermId = (code: string): string => derivedUuid(CATEGORY_TAXONOMY_ID, code);
export const needTermId = (code: string): string => derivedUuid(NEEDS_TAXONOMY_ID, code);

/** What a Linkway term id means for a service's own columns, or undefined for any other term. */
export function linkwayTermMeaning(termId: string): { column: 'categories'; code: CategoryCode } | { column: 'needs'; code: string } | undefined {
  const term = termById.get(termId);
  if (!term?.term) return undefined;
  return term.taxonomy_id === CATEGORY_TAXONOMY_ID ? { column: 'categories', code: term.term as CategoryCode } : { column: 'needs', code: term.term };
}

export const isLinkwayTaxonomy = (id: string): boolean => LINKWAY_TAXONOMIES.some((taxonomy) => taxonomy.id === id);

import { sql, type Transaction } from 'kysely';
import type { OpenDatabase } from '../platform/db/schema.ts';
import { isLinkwayTaxonomy } from './linkway-taxonomy.ts';
import { organizationJson, taxonomyJson, taxonomyTermJson, type Json } from './present.ts';
import { fullServices } from './read.ts';

type Db = Transaction<OpenDatabase>;
const BATCH = 500;

/**
 * The whole directory as ORUK records that import again as they are: the taxonomies with their
 * terms (used or not), terms of no stored taxonomy, organisations with no services yet, then every
 * service in full. Linkway's own taxonomies are left out: every scheme has them built in.
 */
export async function exportDirectory(db: Db): Promise<Json[]> {
  const taxonomies = (await db.selectFrom('directory_taxonomies').selectAll().orderBy('name').orderBy('id').execute()).filter((taxonomy) => !isLinkwayTaxonomy(taxonomy.id));
  const terms = await db.selectFrom('directory_taxonomy_terms').selectAll().orderBy('name').orderBy('id').execute();
  const stored = new Set(taxonomies.map((taxonomy) => taxonomy.id));
  const unused = await db
    .selectFrom('directory_organizations as o')
    .selectAll('o')
    .where(sql<boolean>`not exists (select 1 from directory_services s where s.org_id = o.org_id and s.organization_id = o.id)`)
    .orderBy('o.name')
    .orderBy('o.id')
    .execute();
  const services = await db.selectFrom('directory_services').selectAll().orderBy('name').orderBy('id').execute();
  const exported: Json[] = [
    ...taxonomies.map((taxonomy) => ({ ...taxonomyJson(taxonomy), taxonomy_terms: terms.filter((term) => term.taxonomy_id === taxonomy.id).map(taxonomyTermJson) })),
    ...terms.filter((term) => !term.taxonomy_id || !stored.has(term.taxonomy_id)).map(taxonomyTermJson),
    ...unused.map((organization) => ({ ...organizationJson(organization, true), services: [] })),
  ];
  for (let start = 0; start < services.length; start += BATCH) exported.push(...(await fullServices(db, services.slice(start, start + BATCH))));
  return exported;
}

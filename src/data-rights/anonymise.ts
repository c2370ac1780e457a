import { sql, type QueryExecutorProvider } from 'kysely';

/**
 * Anonymises everything held about one young person: the database function
 * anonymise_young_person (migrations/0010) does it in one place for the retention job and for an
 * erasure request, and refuses anyone in an open episode. The audit triggers record every change.
 */
export async function anonymise(db: QueryExecutorProvider, youngPersonId: string): Promise<void> {
  await sql`select anonymise_young_person(${youngPersonId}::uuid)`.execute(db);
}

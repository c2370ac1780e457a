import { sql, type Kysely, type Transaction } from 'kysely';
import type { OpenDatabase } from '../platform/db/schema.ts';
import type { DirectoryTables } from '../platform/db/tables/directory.ts';

type DirectoryTable = Exclude<keyof DirectoryTables, 'directory_referral_forms'>;
type Row = Record<string, unknown> & { id?: string };
/** The helpers below work on any directory table, so they see rows as plain records. */
type Untyped = Kysely<Record<string, Record<string, unknown>>>;

const BATCH = 200;

/** One row per id, the last one given winning: a statement may not upsert the same row twice. */
function lastPerId<T extends Row>(rows: T[]): T[] {
  return [...new Map(rows.map((row) => [row.id, row])).values()];
}

/**
 * Inserts rows, or updates the row already stored under the same (org_id, id). A column a row
 * leaves out is left alone on an existing row (rows are written in groups of the same columns);
 * columns in `insertOnly` are set on a new row and left alone on an existing one.
 */
export async function upsertAll(db: Transaction<OpenDatabase>, table: DirectoryTable, rows: Row[], insertOnly: string[] = []): Promise<void> {
  const groups = new Map<string, Row[]>();
  for (const row of lastPerId(rows)) {
    const shape = Object.keys(row).sort().join(',');
    groups.set(shape, [...(groups.get(shape) ?? []), row]);
  }
  const untyped = db as unknown as Untyped;
  for (const group of groups.values()) {
    const columns = Object.keys(group[0]!).filter((column) => column !== 'org_id' && column !== 'id' && !insertOnly.includes(column));
    for (let start = 0; start < group.length; start += BATCH) {
      await untyped
        .insertInto(table)
        .values(group.slice(start, start + BATCH))
        .onConflict((conflict) =>
          conflict.columns(['org_id', 'id']).doUpdateSet(Object.fromEntries(columns.map((column) => [column, sql.ref(`excluded.${column}`)]))),
        )
        .execute();
    }
  }
}

/** Replaces the children of the given parents: those not in `rows` go, the rest are upserted. */
export async function replaceChildren(db: Transaction<OpenDatabase>, table: DirectoryTable, parentColumn: string, parentIds: string[], rows: Row[]): Promise<void> {
  if (parentIds.length === 0) return;
  const keep = lastPerId(rows).map((row) => row.id!);
  const untyped = db as unknown as Untyped;
  for (let start = 0; start < parentIds.length; start += BATCH) {
    let removal = untyped.deleteFrom(table).where(parentColumn, 'in', parentIds.slice(start, start + BATCH));
    // One array parameter however many rows are kept: a list of ids could pass the parameter limit.
    if (keep.length) removal = removal.where(sql<boolean>`id <> all(${keep}::uuid[])`);
    await removal.execute();
  }
  await upsertAll(db, table, rows);
}

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { openTestDatabase } from '../../../test/support/test-database.ts';
import { declaredTables, type TableShapes } from '../../../test/support/declared-tables.ts';
import type { DatabaseHandle } from './database.ts';
import { PERSONAL_TABLES } from './schema.ts';

// The code's idea of the schema (personal tables, table types) against the migrated database, so
// a table or column added on one side only fails here instead of slipping past the audit.
let database: DatabaseHandle;
before(async () => {
  database = await openTestDatabase();
});
after(() => database.close());

/** Kept by the migrations runner itself, never by the application. */
const BOOKKEEPING = new Set(['schema_migrations']);
/** Reached only through the own page's security-definer functions (migrations/0009): no type, so no query can name them. */
const FUNCTIONS_ONLY = new Set(['own_page_sessions', 'own_page_codes']);
/** The audit itself: it names young people, but the triggers and readPersonal write it, append-only. */
const AUDIT_TABLES = new Set(['access_log', 'record_history']);
const AUDIT_FUNCTIONS = ['audit_personal_change', 'audit_personal_access'];
// pg_trigger.tgtype bits: a row trigger that fires after insert, delete and update.
const ROW = 1;
const BEFORE = 2;
const ON_EVERY_CHANGE = 4 | 8 | 16;

const sorted = (names: Iterable<string>) => [...names].sort();

async function migratedTables(): Promise<TableShapes> {
  const columns = await sql<{ table_name: string; column_name: string; is_nullable: string }>`
    select c.table_name, c.column_name, c.is_nullable
    from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = current_schema() and t.table_type = 'BASE TABLE'`.execute(database.db);
  const tables: TableShapes = new Map();
  for (const column of columns.rows) {
    if (BOOKKEEPING.has(column.table_name) || FUNCTIONS_ONLY.has(column.table_name)) continue;
    const table = tables.get(column.table_name) ?? new Map<string, boolean>();
    table.set(column.column_name, column.is_nullable === 'YES');
    tables.set(column.table_name, table);
  }
  return tables;
}

/** Each column as "table.column", marked when it may be null, for a readable difference. */
function columnsOf(tables: TableShapes): Set<string> {
  return new Set([...tables].flatMap(([table, columns]) => [...columns].map(([column, nullable]) => `${table}.${column}${nullable ? ' (nullable)' : ''}`)));
}

const missingFrom = (names: Set<string>, from: Set<string>) => sorted([...names].filter((name) => !from.has(name)));

test('the hand-written table types match the migrated tables, column by column, nullability too', async () => {
  const migrated = await migratedTables();
  const declared = declaredTables();
  assert.ok(migrated.has('young_people') && declared.has('young_people'), 'both sides are read at all');
  const [inSql, typed] = [new Set(migrated.keys()), new Set(declared.keys())];
  assert.deepEqual(missingFrom(inSql, typed), [], 'migrated tables without a type in src/platform/db');
  assert.deepEqual(missingFrom(typed, inSql), [], 'types naming no migrated table');
  const inDatabase = columnsOf(migrated);
  const inCode = columnsOf(declared);
  assert.deepEqual(missingFrom(inDatabase, inCode), [], 'migrated columns the types lack or type with the wrong nullability');
  assert.deepEqual(missingFrom(inCode, inDatabase), [], 'typed columns the migrated tables lack or type with the wrong nullability');
});

test('the tables the code treats as personal are exactly the tables with an audit trigger', async () => {
  const triggers = await sql<{ table_name: string; tgtype: number }>`
    select c.relname as table_name, t.tgtype
    from pg_trigger t
    join pg_class c on c.oid = t.tgrelid
    join pg_proc p on p.oid = t.tgfoid
    where not t.tgisinternal and c.relnamespace = current_schema()::regnamespace and p.proname in (${sql.join(AUDIT_FUNCTIONS)})`.execute(database.db);
  assert.ok(triggers.rows.length > 0, 'the query finds the audit triggers at all');
  const incomplete = triggers.rows.filter((row) => (row.tgtype & ROW) === 0 || (row.tgtype & BEFORE) !== 0 || (row.tgtype & ON_EVERY_CHANGE) !== ON_EVERY_CHANGE);
  assert.deepEqual(incomplete.map((row) => row.table_name), [], 'each fires after every insert, update and delete, once per row');
  assert.deepEqual(sorted(new Set(triggers.rows.map((row) => row.table_name))), sorted(PERSONAL_TABLES));
});

test('every table that names a young person is personal, apart from the audit itself', async () => {
  const migrated = await migratedTables();
  const naming = [...migrated].filter(([table, columns]) => columns.has('young_person_id') && !AUDIT_TABLES.has(table)).map(([table]) => table);
  assert.ok(naming.includes('episodes'), 'the query finds them at all');
  const personal = new Set<string>(PERSONAL_TABLES);
  assert.deepEqual(sorted(naming.filter((table) => !personal.has(table))), [], 'tables with young_person_id missing from PERSONAL_TABLES');
});

test('every table with an org_id has row-level security switched on and a policy', async () => {
  const tables = await sql<{ table_name: string; rls: boolean; policies: number }>`
    select c.relname as table_name, c.relrowsecurity as rls, count(p.oid)::int as policies
    from pg_class c
    join pg_attribute a on a.attrelid = c.oid and a.attname = 'org_id' and not a.attisdropped
    left join pg_policy p on p.polrelid = c.oid
    where c.relkind = 'r' and c.relnamespace = current_schema()::regnamespace
    group by c.relname, c.relrowsecurity`.execute(database.db);
  assert.ok(tables.rows.some((table) => table.table_name === 'young_people'), 'the query finds the tenant tables at all');
  const unguarded = tables.rows.filter((table) => !table.rls || table.policies === 0).map((table) => table.table_name);
  assert.deepEqual(sorted(unguarded), []);
});

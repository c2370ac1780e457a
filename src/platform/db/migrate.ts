import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { DatabaseHandle } from './database.ts';
import { ensureAppRole, recordAppRoleGrants } from './app-role.ts';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../../migrations/', import.meta.url));
const MIGRATION_FILE = /^(\d{4})_[a-z0-9_]+\.sql$/;

export interface MigrationResult {
  applied: string[];
  /** Grants to linkway_app found missing (a restored dump) and given back. */
  grantsRestored: number;
}

/**
 * Makes sure the app's role and its grants are in place, then applies every numbered SQL file not
 * yet recorded, in order, each in its own transaction.
 */
export async function migrate(handle: DatabaseHandle): Promise<MigrationResult> {
  const grantsRestored = await ensureAppRole(handle);
  await handle.runScript(`
    CREATE TABLE IF NOT EXISTS schema_migrations (
      version text PRIMARY KEY,
      applied_at timestamptz NOT NULL DEFAULT now()
    );`);
  const files = (await readdir(MIGRATIONS_DIR)).filter((name) => MIGRATION_FILE.test(name)).sort();
  const done = await sql<{ version: string }>`select version from schema_migrations`.execute(handle.db);
  const appliedBefore = new Set(done.rows.map((row) => row.version));
  const applied: string[] = [];
  for (const file of files) {
    if (appliedBefore.has(file)) continue;
    const script = await readFile(MIGRATIONS_DIR + file, 'utf8');
    const quoted = file.replaceAll("'", "''");
    await handle.runScript(`${script}\n;INSERT INTO schema_migrations (version) VALUES ('${quoted}');`);
    applied.push(file);
  }
  await recordAppRoleGrants(handle);
  return { applied, grantsRestored };
}

import { sql } from 'kysely';
import type { DatabaseHandle } from './database.ts';

const INSUFFICIENT_PRIVILEGE = '42501';

/*
 * Every request runs as the linkway_app role, which lives in the server's catalog rather than in
 * the database. A database restored onto a new server (or with pg_restore --no-acl) has its tables
 * and its migrations but neither the role nor its grants, and every page would fail. Each start
 * puts back what is missing, or refuses with the statements an administrator must run.
 */

async function asPrivilegedStep(handle: DatabaseHandle, script: string, fix: (user: string) => string): Promise<void> {
  try {
    await handle.runScript(script);
  } catch (error) {
    if ((error as { code?: string }).code !== INSUFFICIENT_PRIVILEGE) throw error;
    const user = (await sql<{ user: string }>`select current_user as user`.execute(handle.db)).rows[0]!.user;
    throw new Error(`Linkway cannot start: ${fix(user)} Then start Linkway again; it gives the role its grants itself.`, { cause: error });
  }
}

/** Makes sure linkway_app exists, the connecting user may act as it, and it has every recorded grant. Returns how many grants were given back. */
export async function ensureAppRole(handle: DatabaseHandle): Promise<number> {
  await asPrivilegedStep(
    handle,
    `DO $$ BEGIN
       IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'linkway_app') THEN CREATE ROLE linkway_app NOLOGIN; END IF;
     EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; -- made meanwhile for another database
     END $$;`,
    (user) => `its database role linkway_app does not exist on this server, and ${user} may not create it. As an administrator of the server, run: CREATE ROLE linkway_app NOLOGIN; GRANT linkway_app TO "${user}";`,
  );
  await asPrivilegedStep(
    handle,
    `DO $$ BEGIN
       IF NOT pg_has_role(current_user, 'linkway_app', 'MEMBER') THEN EXECUTE format('GRANT linkway_app TO %I', current_user); END IF;
     END $$;`,
    (user) => `${user} may not act as the linkway_app role. As an administrator of the server, run: GRANT linkway_app TO "${user}";`,
  );
  const recorded = await sql<{ found: boolean }>`select to_regprocedure('restore_app_role_grants()') is not null as found`.execute(handle.db);
  if (!recorded.rows[0]!.found) return 0; // A database the migrations have not reached yet.
  const restored = await sql<{ restored: number }>`select restore_app_role_grants() as restored`.execute(handle.db);
  return restored.rows[0]!.restored;
}

/** After migrations: the grants as they now are, kept with the data for `ensureAppRole` to give back. */
export async function recordAppRoleGrants(handle: DatabaseHandle): Promise<void> {
  await handle.runScript('SELECT record_app_role_grants();');
}

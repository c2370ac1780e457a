import type { PostgresPool, PostgresPoolClient } from 'kysely';
import type pg from 'pg';
import type { DatabaseTimeouts } from '../config.ts';
import { acquireWithin, isDatabaseUnavailable } from './availability.ts';

// The server cancels a slow statement itself; this margin lets its answer arrive before the client gives up.
const CLIENT_MARGIN_MS = 1000;

/**
 * The PostgreSQL pool as Kysely sees it, with every wait bounded: for a free connection, and for a
 * statement's answer even when the server has gone silent. A connection that failed that way is
 * thrown away rather than handed to the next request, which would otherwise wait behind it.
 */
export function boundedPool(pool: pg.Pool, timeouts: DatabaseTimeouts): PostgresPool {
  const wrappers = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  const wrap = (client: pg.PoolClient): PostgresPoolClient => {
    let broken = false;
    const query = async (text: string, values: unknown[]): Promise<pg.QueryResult> => {
      // pg honours a per-query `query_timeout`, which its type definitions leave out.
      const timed: pg.QueryConfig & { query_timeout: number } = { text, values, query_timeout: timeouts.statementMs + CLIENT_MARGIN_MS };
      try {
        return await client.query(timed);
      } catch (error) {
        if (isDatabaseUnavailable(error)) broken = true;
        throw error;
      }
    };
    return {
      query: query as unknown as PostgresPoolClient['query'],
      release: () => {
        if (broken) wrappers.delete(client);
        client.release(broken);
      },
    };
  };
  return {
    async connect() {
      const client = await acquireWithin(() => pool.connect(), timeouts.acquireMs, (late) => late.release());
      let wrapper = wrappers.get(client);
      if (!wrapper) wrappers.set(client, (wrapper = wrap(client)));
      return wrapper;
    },
    end: () => pool.end(),
  };
}

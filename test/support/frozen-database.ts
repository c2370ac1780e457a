import net from 'node:net';
import type { DatabaseTimeouts } from '../../src/platform/config.ts';
import type { DatabaseHandle } from '../../src/platform/db/database.ts';
import { openTestDatabase } from './test-database.ts';

/** A test database that can be made to stop answering, as a hung server or a stuck transaction would. */
export interface FreezableDatabase {
  database: DatabaseHandle;
  /** From now on nothing the database is asked is answered (connections stay open, silent). */
  freeze(): Promise<void>;
  /** Answers again, so the test can close the database cleanly. */
  thaw(): void;
}

/**
 * On PostgreSQL, the database is reached through a TCP proxy that, frozen, keeps every connection
 * open but passes nothing on. The embedded database has a single connection: frozen, something
 * holds it.
 */
export async function openFreezableTestDatabase(timeouts: DatabaseTimeouts): Promise<FreezableDatabase> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) return freezableThroughProxy(new URL(serverUrl), timeouts);
  const database = await openTestDatabase({ timeouts });
  let release: (() => void) | undefined;
  return {
    database,
    freeze: () =>
      new Promise<void>((frozen) => {
        const held = new Promise<void>((resolve) => (release = resolve));
        void database.db.connection().execute(async () => {
          frozen();
          await held;
        });
      }),
    thaw: () => release?.(),
  };
}

async function freezableThroughProxy(server: URL, timeouts: DatabaseTimeouts): Promise<FreezableDatabase> {
  let frozen = false;
  const sockets = new Set<net.Socket>();
  const waiting: Array<() => void> = [];
  const forward = (from: net.Socket, to: net.Socket) => {
    sockets.add(from);
    from.on('data', (chunk) => to.write(chunk));
    from.on('close', () => (sockets.delete(from), to.destroy()));
    from.on('error', () => to.destroy());
  };
  const proxy = net.createServer((client) => {
    const connect = () => {
      const upstream = net.connect(Number(server.port || 5432), server.hostname);
      forward(client, upstream);
      forward(upstream, client);
    };
    if (!frozen) return connect();
    client.pause();
    waiting.push(() => (client.resume(), connect()));
  });
  await new Promise<void>((listening) => proxy.listen(0, '127.0.0.1', listening));
  const { port } = proxy.address() as net.AddressInfo;
  const database = await openTestDatabase({ timeouts, through: { host: '127.0.0.1', port } });
  return {
    database: {
      ...database,
      async close() {
        await database.close();
        proxy.close();
      },
    },
    async freeze() {
      frozen = true;
      for (const socket of sockets) socket.pause();
    },
    thaw() {
      frozen = false;
      for (const socket of sockets) socket.resume();
      for (const connect of waiting.splice(0)) connect();
    },
  };
}

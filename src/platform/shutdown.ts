import net from 'node:net';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { DatabaseHandle } from './db/database.ts';

const IDLE_CHECK_MS = 50;
// Connections the kernel has queued but Node has not yet taken are reset when the listener closes;
// a moment's wait lets Node take them, so clients that connected just before the signal are served.
const ACCEPT_QUEUED_MS = 100;
// A connection made just before the signal may not have sent its request yet (a slow client, a busy
// server that has not read it); it is kept for this share of the grace period (2 s of the default 10 s).
const UNUSED_CONNECTION_SHARE_OF_GRACE = 0.2;

interface Task {
  name: string;
  finish: () => Promise<void>;
}

/** Work in hand that must be finished after requests stop and before the database closes. */
export class ShutdownWork {
  private readonly tasks: Task[] = [];

  /** `finish` completes what is in hand (it need not stop anything starting: requests have stopped). */
  beforeDatabaseCloses(name: string, finish: () => Promise<void>): void {
    this.tasks.push({ name, finish });
  }

  /** Runs every task side by side, giving each up to `withinMs`; a failure or overrun is logged, never thrown. */
  async finishAll(withinMs: number, log: FastifyBaseLogger): Promise<void> {
    await Promise.all(
      this.tasks.map(async ({ name, finish }) => {
        let timer: NodeJS.Timeout | undefined;
        const overran = new Promise<'overran'>((resolve) => (timer = setTimeout(resolve, withinMs, 'overran')));
        try {
          const outcome = await Promise.race([finish().then(() => 'finished' as const), overran]);
          if (outcome === 'overran') log.error({ task: name, withinMs }, 'Shutdown work did not finish in time; closing anyway');
        } catch (error) {
          log.error({ err: error, task: name }, 'Shutdown work failed');
        } finally {
          clearTimeout(timer);
        }
      }),
    );
  }
}

/**
 * Stops accepting connections and waits until every request in progress is answered, for at most
 * `withinMs`. Node's http close would also drop connections whose request has arrived but not yet
 * been read, so the listener is closed on its own and idle connections are dropped only when
 * nothing is in progress and no new connection is still due to send its request.
 */
async function stopServing(app: FastifyInstance, withinMs: number): Promise<boolean> {
  const { requests } = app.linkway;
  const server = app.server;
  requests.draining = true;
  await new Promise((resolve) => setTimeout(resolve, ACCEPT_QUEUED_MS));
  const allClosed = new Promise<boolean>((resolve) => net.Server.prototype.close.call(server, () => resolve(true)));
  const unusedUntil = Date.now() + withinMs * UNUSED_CONNECTION_SHARE_OF_GRACE;
  const idleCheck = setInterval(() => {
    const waitingForUnused = requests.unused.size > 0 && Date.now() < unusedUntil;
    if (requests.inProgress === 0 && !waitingForUnused) server.closeIdleConnections();
  }, IDLE_CHECK_MS);
  let timer: NodeJS.Timeout | undefined;
  const overran = new Promise<boolean>((resolve) => (timer = setTimeout(resolve, withinMs, false)));
  const drained = await Promise.race([allClosed, overran]);
  clearInterval(idleCheck);
  clearTimeout(timer);
  if (!drained) server.closeAllConnections();
  return drained;
}

/** Shutdown in order: stop accepting, finish requests in flight, finish work in hand, close the database. */
export async function closeGracefully(app: FastifyInstance, database: DatabaseHandle): Promise<void> {
  const { config, requests } = app.linkway;
  const inFlight = requests.inProgress;
  const drained = app.server.listening ? await stopServing(app, config.shutdownGraceMs) : true;
  if (drained) app.log.info({ inFlight }, 'Requests in flight finished');
  else app.log.error({ inFlight, left: requests.inProgress, withinMs: config.shutdownGraceMs }, 'Requests still in progress at the shutdown limit were cut off');
  await app.close();
  await database.close();
}

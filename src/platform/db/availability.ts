import { AsyncLocalStorage } from 'node:async_hooks';

/** The database did not answer in time or could not be reached: the request cannot be served now. */
export class DatabaseUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DatabaseUnavailableError';
  }
}

/** The client that asked has gone, so the work it asked for is dropped before it reaches the database. */
export class ClientGoneError extends Error {
  constructor() {
    super('The client closed the connection before the database was reached');
    this.name = 'ClientGoneError';
  }
}

// Node's and PostgreSQL's signs that the server is down, unreachable, overloaded or too slow.
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EPIPE']);
const UNAVAILABLE_SQLSTATES = new Set(['57014', '57P01', '57P02', '57P03', '53300']);
const CLIENT_GAVE_UP = /timeout exceeded when trying to connect|Connection terminated|Query read timeout/;

export function isDatabaseUnavailable(error: unknown): boolean {
  if (error instanceof DatabaseUnavailableError) return true;
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (UNREACHABLE_CODES.has(code) || UNAVAILABLE_SQLSTATES.has(code) || code.startsWith('08'))) return true;
  return CLIENT_GAVE_UP.test(error.message);
}

const clientSignals = new AsyncLocalStorage<AbortSignal>();

/** Runs a request's work so that waits for the database end as soon as `signal` says its client left. */
export function runForClient<T>(signal: AbortSignal, work: () => T): T {
  return clientSignals.run(signal, work);
}

/**
 * Waits for a connection for at most `timeoutMs`, and not at all for a client that has gone. A
 * connection that arrives after the wait was given up is handed straight back with `giveBack`.
 */
export function acquireWithin<C>(acquire: () => Promise<C>, timeoutMs: number, giveBack: (lateConnection: C) => void): Promise<C> {
  const signal = clientSignals.getStore();
  if (signal?.aborted) return Promise.reject(new ClientGoneError());
  return new Promise<C>((resolve, reject) => {
    let settled = false;
    const finish = (outcome: () => void) => {
      if (settled) return false;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      outcome();
      return true;
    };
    const abandon = (error: Error) => finish(() => reject(error));
    const onAbort = () => abandon(new ClientGoneError());
    const timer = setTimeout(
      () => abandon(new DatabaseUnavailableError(`No database connection became free within ${timeoutMs} ms`)),
      timeoutMs,
    );
    signal?.addEventListener('abort', onAbort, { once: true });
    acquire().then(
      (connection) => {
        if (!finish(() => resolve(connection))) giveBack(connection);
      },
      (error: unknown) => finish(() => reject(error)),
    );
  });
}

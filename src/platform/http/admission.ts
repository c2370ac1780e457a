import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { runForClient } from '../db/availability.ts';
import { ServiceBusyError } from './errors.ts';

/** Counts the requests in progress, so the app can turn away what it cannot serve soon and drain on shutdown. */
export class RequestTracker {
  /** Every request not yet answered (or abandoned). */
  inProgress = 0;
  /** The requests that count against the queue limit. */
  queued = 0;
  /** Set on shutdown: answers then close their connection, so clients reconnect elsewhere. */
  draining = false;
  /** Connections whose first request has not arrived yet: on shutdown they are given a moment to send it. */
  readonly unused = new Set<Socket>();

  watch(server: Server): void {
    server.on('connection', (socket: Socket) => {
      this.unused.add(socket);
      socket.once('close', () => this.unused.delete(socket));
    });
    server.on('request', (request: { socket: Socket }) => this.unused.delete(request.socket));
  }
}

// The health check and static files need no database, so they are always answered.
const unqueued = (request: FastifyRequest) => request.url === '/health' || request.url.startsWith('/assets/');
// Only reads are dropped when their client leaves: a change is finished once begun, never left half done.
const DROPPABLE_METHODS = new Set(['GET', 'HEAD']);

/**
 * Back-pressure in front of the database: beyond `limit` requests in progress, more are answered
 * at once with 503 and Retry-After instead of waiting in a queue that only grows. A read whose
 * client has gone stops waiting for the database.
 */
export function registerAdmission(app: FastifyInstance, requests: RequestTracker, limit: number): void {
  requests.watch(app.server);
  app.addHook('onRequest', (request, reply, done) => {
    const queued = !unqueued(request);
    const admitted = !queued || requests.queued < limit;
    const clientGone = new AbortController();
    requests.inProgress += 1;
    if (queued && admitted) requests.queued += 1;
    reply.raw.once('close', () => {
      requests.inProgress -= 1;
      if (queued && admitted) requests.queued -= 1;
      if (!reply.raw.writableFinished && DROPPABLE_METHODS.has(request.method)) clientGone.abort();
    });
    if (!admitted) return done(new ServiceBusyError());
    runForClient(clientGone.signal, done);
  });
  app.addHook('onSend', async (_request, reply) => {
    if (requests.draining) reply.header('connection', 'close');
  });
}

import type { FastifyInstance } from 'fastify';
import { databaseAnswers } from '../platform/db/database.ts';
import type { AppContext } from '../platform/http/context.ts';

/** A query that succeeded this recently shows the database is alive without queueing behind busy requests. */
const RECENT_ANSWER_MS = 1000;
/** The check answers within about this long whatever the database does. */
const CHECK_WITHIN_MS = 800;

export function healthRoutes(app: FastifyInstance, context: AppContext): void {
  app.get('/health', { config: { public: true } }, async (_request, reply) => {
    const database = context.database.kind;
    const alive =
      Date.now() - context.database.lastAnsweredAt() < RECENT_ANSWER_MS || (await databaseAnswers(context.database, CHECK_WITHIN_MS));
    if (!alive) return reply.status(503).send({ status: 'unavailable', database });
    return { status: 'ok', database };
  });
}

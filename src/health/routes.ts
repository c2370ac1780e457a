import type { FastifyInstance } from 'fastify';
import { databaseAnswers } from '../platform/db/database.ts';
import type { AppContext } from '../platform/http/context.ts';

export function healthRoutes(app: FastifyInstance, context: AppContext): void {
  app.get('/health', { config: { public: true } }, async (_request, reply) => {
    const database = context.database.kind;
    if (!(await databaseAnswers(context.database))) {
      return reply.status(503).send({ status: 'unavailable', database });
    }
    return { status: 'ok', database };
  });
}

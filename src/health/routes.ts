import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../platform/http/context.ts';

export function healthRoutes(app: FastifyInstance, context: AppContext): void {
  app.get('/health', { config: { public: true } }, async (_request, reply) => {
    const database = context.health.kind;
    if (!(await context.health.answers())) return reply.status(503).send({ status: 'unavailable', database });
    return { status: 'ok', database };
  });
}

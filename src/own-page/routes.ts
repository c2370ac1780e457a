import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../platform/http/context.ts';
import { meRoutes } from './me-routes.ts';
import { ownPageStaffRoutes } from './staff-routes.ts';

/** The young person's own page (/me) and the record page where staff give them a way in. */
export function ownPageRoutes(app: FastifyInstance, context: AppContext): void {
  ownPageStaffRoutes(app, context);
  meRoutes(app, context);
}

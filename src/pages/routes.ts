import type { FastifyInstance } from 'fastify';
import { HOME_BY_ROLE } from '../platform/http/navigation.ts';

export function pageRoutes(app: FastifyInstance): void {
  app.get('/', (request, reply) => reply.redirect(HOME_BY_ROLE[request.account!.role], 303));
  app.get('/accessibility', { config: { public: true } }, (_request, reply) =>
    reply.render('pages/views/accessibility.njk', { pageTitle: 'Accessibility statement' }),
  );
  app.get('/privacy', { config: { public: true } }, (_request, reply) => reply.render('pages/views/privacy.njk', { pageTitle: 'Privacy' }));
}

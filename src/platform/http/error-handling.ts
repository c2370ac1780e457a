import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ERROR_PAGES, HttpError } from './errors.ts';

function wantsJson(request: FastifyRequest): boolean {
  return request.url.startsWith('/health') || request.url.startsWith('/oruk') || (request.headers.accept ?? '').startsWith('application/json');
}

function renderError(request: FastifyRequest, reply: FastifyReply, statusCode: number): FastifyReply {
  const page = ERROR_PAGES[statusCode] ?? ERROR_PAGES[statusCode >= 500 ? 500 : 400]!;
  reply.status(statusCode);
  if (wantsJson(request)) return reply.send({ error: page.title });
  return reply.render('platform/views/error.njk', { pageTitle: page.title, page });
}

const CSRF_ERROR_CODES = new Set(['FST_CSRF_INVALID_TOKEN', 'FST_CSRF_MISSING_SECRET']);

export function registerErrorHandling(app: FastifyInstance): void {
  app.setNotFoundHandler((request, reply) => renderError(request, reply, 404));

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof HttpError) return renderError(request, reply, error.statusCode);
    if (CSRF_ERROR_CODES.has(error.code)) {
      request.log.warn({ reqId: request.id, route: request.routeOptions.url, code: error.code }, 'CSRF check failed');
      return renderError(request, reply, 403);
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      request.log.info({ reqId: request.id, route: request.routeOptions.url, status, code: error.code }, error.message);
      return renderError(request, reply, status);
    }
    request.log.error(
      { err: error, reqId: request.id, method: request.method, route: request.routeOptions.url, userId: request.account?.userId },
      'Request failed',
    );
    return renderError(request, reply, 500);
  });
}

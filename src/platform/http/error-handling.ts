import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ClientGoneError, isDatabaseUnavailable } from '../db/availability.ts';
import { BUSY_PAGE, ERROR_PAGES, HttpError, RETRY_AFTER_SECONDS, ServiceBusyError, type ErrorPage } from './errors.ts';

function wantsJson(request: FastifyRequest): boolean {
  return request.url.startsWith('/health') || request.url.startsWith('/oruk') || (request.headers.accept ?? '').startsWith('application/json');
}

function renderError(request: FastifyRequest, reply: FastifyReply, statusCode: number, page?: ErrorPage): FastifyReply {
  const shown = page ?? ERROR_PAGES[statusCode] ?? ERROR_PAGES[statusCode >= 500 ? 500 : 400]!;
  reply.status(statusCode);
  if (statusCode === 503) reply.header('retry-after', String(RETRY_AFTER_SECONDS));
  if (wantsJson(request)) return reply.send({ error: shown.title });
  return reply.render('platform/views/error.njk', { pageTitle: shown.title, page: shown });
}

const CSRF_ERROR_CODES = new Set(['FST_CSRF_INVALID_TOKEN', 'FST_CSRF_MISSING_SECRET']);

export function registerErrorHandling(app: FastifyInstance): void {
  app.setNotFoundHandler((request, reply) => renderError(request, reply, 404));

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const context = { reqId: request.id, method: request.method, route: request.routeOptions.url };
    if (error instanceof ServiceBusyError) {
      request.log.warn(context, 'Request turned away: the request queue is full');
      return renderError(request, reply, 503, BUSY_PAGE);
    }
    if (error instanceof HttpError) return renderError(request, reply, error.statusCode);
    if (error instanceof ClientGoneError) {
      request.log.info(context, error.message);
      return renderError(request, reply, 503);
    }
    if (isDatabaseUnavailable(error)) {
      request.log.error({ ...context, err: error, userId: request.account?.userId }, 'The database is unavailable');
      return renderError(request, reply, 503);
    }
    if (CSRF_ERROR_CODES.has(error.code)) {
      request.log.warn({ ...context, code: error.code }, 'CSRF check failed');
      return renderError(request, reply, 403);
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      request.log.info({ ...context, status, code: error.code }, error.message);
      return renderError(request, reply, status);
    }
    request.log.error({ ...context, err: error, userId: request.account?.userId }, 'Request failed');
    return renderError(request, reply, 500);
  });
}

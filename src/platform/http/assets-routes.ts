import type { FastifyInstance } from 'fastify';
import { createReadStream } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import { NHSUK_DIST } from '../views/assets.ts';
import type { AppContext } from './context.ts';

export async function registerAssets(app: FastifyInstance, context: AppContext): Promise<void> {
  const byUrl = new Map([...context.assets.values()].map((asset) => [asset.url, asset]));
  app.get('/assets/:file', { config: { public: true } }, (request, reply) => {
    const asset = byUrl.get(request.url.split('?')[0] ?? '');
    if (!asset) return reply.callNotFound();
    return reply
      .header('cache-control', 'public, max-age=31536000, immutable')
      .type(asset.contentType)
      .send(createReadStream(asset.file));
  });
  // Icons keep the stable names that browsers ask for directly.
  await app.register(fastifyStatic, {
    root: path.join(NHSUK_DIST, 'assets', 'images'),
    prefix: '/assets/images/',
    decorateReply: false,
    wildcard: true,
    maxAge: '1d',
  });
}

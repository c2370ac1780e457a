import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../platform/http/context.ts';
import type { CallerTransaction } from '../platform/db/caller-data.ts';
import { NotFoundError } from '../platform/http/errors.ts';
import { absoluteUrl } from '../platform/http/public-url.ts';
import { schemeFrom } from '../refer/index.ts';
import { listQuery, type ListQuery } from './filters.ts';
import {
  getService,
  getServiceAtLocation,
  getTaxonomy,
  getTaxonomyTerm,
  listServiceAtLocations,
  listServices,
  listTaxonomies,
  listTaxonomyTerms,
  minimalServices,
  type Page,
} from './read.ts';

const OPENAPI = readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'schema', 'openapi.json'), 'utf8');
const idParams = z.object({ slug: z.string(), id: z.uuid() });
const open = { public: true } as const;
/** How many items an ndjson answer reads at a time. */
const NDJSON_PAGE = 500;

/**
 * The public Open Referral UK 3.0 read API, one per scheme at /oruk/<scheme slug>/. Anyone may
 * read it from any site: it holds only what the scheme marks public, never link workers' notes.
 */
export async function orukApiRoutes(app: FastifyInstance, context: AppContext): Promise<void> {
  await app.register(async (api) => {
    api.addHook('onSend', async (_request, reply) => {
      reply.header('access-control-allow-origin', '*');
      // Helmet's default keeps responses same-origin; this API is meant to be read elsewhere.
      reply.header('cross-origin-resource-policy', 'cross-origin');
    });
    api.setErrorHandler(async (error: Error & { statusCode?: number }, request, reply) => {
      if (error instanceof NotFoundError) return reply.code(404).send({ message: 'Not found' });
      request.log.error({ err: error, url: request.routeOptions.url }, 'ORUK API request failed');
      return reply.code(error.statusCode && error.statusCode < 500 ? error.statusCode : 500).send({ message: 'Something went wrong' });
    });

    api.get('/oruk/openapi.json', { config: open }, async (_request, reply) => reply.type('application/json').send(OPENAPI));

    api.get('/oruk/:slug', { config: open }, async (request) => {
      const { scheme } = await schemeFrom(context, request);
      return {
        version: '3.0',
        profile: 'https://openreferraluk.org',
        openapi_url: absoluteUrl(request, context.config, '/oruk/openapi.json'),
        name: scheme.name,
      };
    });

    const list = (route: string, read: (tx: CallerTransaction, query: ListQuery) => Promise<Page>, minimal?: (tx: CallerTransaction, query: ListQuery) => Promise<unknown>) =>
      api.get(route, { config: open }, async (request, reply) => {
        const query = listQuery.safeParse(request.query);
        if (!query.success) return badQuery(reply, query.error);
        const { data } = await schemeFrom(context, request);
        if (minimal && query.data.minimal) return data.run((tx) => minimal(tx, query.data));
        if (query.data.format === 'ndjson') {
          const items = await data.run((tx) => everyItem((page) => read(tx, { ...query.data, page, per_page: NDJSON_PAGE })));
          return reply.type('application/x-ndjson; charset=utf-8').send(items.map((item) => `${JSON.stringify(item)}\n`).join(''));
        }
        return data.run((tx) => read(tx, query.data));
      });
    const one = (route: string, read: (tx: CallerTransaction, id: string) => Promise<unknown>) =>
      api.get(route, { config: open }, async (request) => {
        const params = idParams.safeParse(request.params);
        if (!params.success) throw new NotFoundError();
        const { data } = await schemeFrom(context, request);
        const found = await data.run((tx) => read(tx, params.data.id));
        if (!found) throw new NotFoundError();
        return found;
      });

    list('/oruk/:slug/services', (tx, query) => listServices(tx.db, query), (tx, query) => minimalServices(tx.db, query));
    one('/oruk/:slug/services/:id', (tx, id) => getService(tx.db, id));
    list('/oruk/:slug/service_at_locations', (tx, query) => listServiceAtLocations(tx.db, query));
    one('/oruk/:slug/service_at_locations/:id', (tx, id) => getServiceAtLocation(tx.db, id));
    list('/oruk/:slug/taxonomies', (tx, query) => listTaxonomies(tx.db, query));
    one('/oruk/:slug/taxonomies/:id', (tx, id) => getTaxonomy(tx.db, id));
    list('/oruk/:slug/taxonomy_terms', (tx, query) => listTaxonomyTerms(tx.db, query));
    one('/oruk/:slug/taxonomy_terms/:id', (tx, id) => getTaxonomyTerm(tx.db, id));
  });
}

/** Every item of a list, read page by page in the same transaction so they agree with each other. */
async function everyItem(read: (page: number) => Promise<Page>): Promise<unknown[]> {
  const items: unknown[] = [];
  for (let page = 1; ; page += 1) {
    const answer = await read(page);
    items.push(...answer.contents);
    if (answer.last_page || answer.empty) return items;
  }
}

function badQuery(reply: FastifyReply, error: z.ZodError) {
  return reply.code(400).send({ message: 'The query is not valid', errors: error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`) });
}

import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { DatabaseHandle } from '../../src/platform/db/database.ts';
import { pageText, type Page, type TestAgent } from './agent.ts';
import { Ajv } from 'ajv';
import { describeErrors, orukValidator, PAGE_SCHEMA, type SchemaName } from '../../src/oruk/schemas.ts';
import { kindOf } from '../../src/oruk/feed.ts';

/** Helpers shared by the ORUK tests. */

/** A local web server answering each path with the feed given for it, as another directory would. */
export async function serveFeeds(feeds: Record<string, unknown>): Promise<{ url: (path: string) => string; close: () => Promise<void> }> {
  const server: Server = createServer((request, response) => {
    const asked = new URL(request.url ?? '/', 'http://localhost');
    // A path with its query (e.g. "/services?page=2") first, then the path alone.
    const feed = feeds[asked.pathname + asked.search] ?? feeds[asked.pathname];
    if (feed === undefined) return response.writeHead(404).end();
    // One connection a request: a kept-alive socket the server closes while the next import starts would fail it.
    response.writeHead(200, { 'content-type': 'application/json', connection: 'close' }).end(typeof feed === 'string' ? feed : JSON.stringify(feed));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: (path) => `http://127.0.0.1:${port}${path}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** Imports a feed through the page, as a manager would, and returns the page shown after. */
export async function importFromUrl(agent: TestAgent, feedUrl: string, publish = true): Promise<Page> {
  const page = await agent.get('/directory/import');
  assert.equal(page.status, 200);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
  assert.ok(csrf);
  return agent.post('/directory/import', { _csrf: csrf, feedUrl, ...(publish ? { publish: 'yes' } : {}) });
}

export const reportText = (page: Page): string => pageText(page.body);

export async function slugOf(database: DatabaseHandle, orgId: string): Promise<string> {
  const row = await database.db.selectFrom('organisations').select('slug').where('id', '=', orgId).executeTakeFirstOrThrow();
  return row.slug;
}

export interface JsonResponse {
  status: number;
  // Tests read the ORUK JSON field by field after checking it against the schemas.
  body: any;
  headers: Record<string, unknown>;
}

export async function getJson(app: FastifyInstance, url: string): Promise<JsonResponse> {
  const response = await app.inject({ method: 'GET', url });
  return { status: response.statusCode, body: response.json(), headers: response.headers };
}

const pageValidator = new Ajv({ strict: false }).compile(PAGE_SCHEMA);

/** Fails the test, saying why, unless the value is valid under the named ORUK schema. */
export function assertValid(schema: SchemaName, value: unknown, what: string): void {
  const validate = orukValidator(schema);
  assert.ok(validate(value), `${what} is not a valid ${schema}: ${describeErrors(validate.errors).join('; ')}`);
}

/** A paged list: the envelope, then every item against the item schema. */
export function assertValidPage(itemSchema: SchemaName, value: { contents: unknown[] }, what: string): void {
  assert.ok(pageValidator(value), `${what} is not an ORUK page: ${JSON.stringify(pageValidator.errors)}`);
  value.contents.forEach((item: unknown, index: number) => assertValid(itemSchema, item, `${what} item ${index + 1}`));
}

/** Uploads a JSON file through the import form, as a browser posts it (multipart). */
export async function importFile(app: FastifyInstance, agent: TestAgent, content: string, publish = false): Promise<Page> {
  const page = await agent.get('/directory/import');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
  assert.ok(csrf);
  const boundary = '----OrukImportTest';
  const field = (name: string, value: string) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  const payload =
    field('_csrf', csrf) +
    field('feedUrl', '') +
    (publish ? field('publish', 'yes') : '') +
    `--${boundary}\r\nContent-Disposition: form-data; name="feedFile"; filename="feed.json"\r\nContent-Type: application/json\r\n\r\n${content}\r\n--${boundary}--\r\n`;
  const cookie = ['linkway_session', 'linkway_csrf'].flatMap((name) => (agent.cookie(name) ? [`${name}=${agent.cookie(name)}`] : [])).join('; ');
  const response = await app.inject({ method: 'POST', url: '/directory/import', headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload });
  return { status: response.statusCode, body: response.body, location: undefined, headers: response.headers };
}

const EXPORT_SCHEMAS: Record<string, SchemaName> = {
  service: 'compiled/service',
  organization: 'compiled/organization',
  taxonomy: 'taxonomy',
  taxonomy_term: 'taxonomy_term',
};

/** An export is a list of ORUK records of several kinds: each must be valid as the kind it is read as. */
export function assertValidExport(records: Record<string, unknown>[], what: string): void {
  assert.ok(Array.isArray(records), `${what} is a list`);
  records.forEach((record, index) => {
    const kind = kindOf(record);
    assert.ok(kind && EXPORT_SCHEMAS[kind], `${what} record ${index + 1} is of a kind an export holds`);
    assertValid(EXPORT_SCHEMAS[kind]!, record, `${what} record ${index + 1} (${kind})`);
  });
}

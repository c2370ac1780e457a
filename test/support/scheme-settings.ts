import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { TestAgent, pageText, type Page } from './agent.ts';
import { csrfFrom } from './users.ts';

/** Helpers shared by the scheme settings tests: each acts as a browser would, through the pages. */

// Signing in and reading a form's token are the same here as for the users pages.
export { csrfFrom, signedInAdmin } from './users.ts';

/** Follows a successful change to the overview and returns the overview's text (banner first). */
export async function overviewAfter(agent: TestAgent, done: Page): Promise<string> {
  assert.equal(done.status, 303, `expected a redirect, got ${done.status}: ${pageText(done.body).slice(0, 300)}`);
  assert.match(done.location ?? '', /^\/settings\?notice=/);
  const overview = await agent.get(done.location!);
  assert.equal(overview.status, 200);
  return pageText(overview.body);
}

export interface FilePart {
  filename: string;
  contentType: string;
  data: Buffer;
}

/**
 * Posts a form as a browser does with enctype="multipart/form-data": the fields, then one file
 * box (empty, as a browser sends it when no file was chosen, unless a file is given). The CSRF
 * token comes from the form page, as `agent.submit` would take it, unless `csrf` says otherwise.
 */
export async function postMultipart(
  app: FastifyInstance,
  agent: TestAgent,
  formPage: string,
  fields: Record<string, string>,
  options: { file?: FilePart; fileField?: string; action?: string; csrf?: string | null } = {},
): Promise<Page> {
  const page = await agent.get(formPage);
  assert.equal(page.status, 200, `the form page ${formPage} loads`);
  const action = options.action ?? /<form method="post" action="([^"]+)" enctype="multipart\/form-data"/.exec(page.body)?.[1];
  assert.ok(action, 'the page has a multipart form');
  const csrf = options.csrf === undefined ? csrfFrom(page) : options.csrf;
  const boundary = `----LinkwayTest${randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  const allFields = csrf === null ? fields : { _csrf: csrf, ...fields };
  for (const [name, value] of Object.entries(allFields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  const file = options.file ?? { filename: '', contentType: 'application/octet-stream', data: Buffer.alloc(0) };
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${options.fileField ?? 'formFile'}"; filename="${file.filename}"\r\nContent-Type: ${file.contentType}\r\n\r\n`));
  parts.push(file.data, Buffer.from(`\r\n--${boundary}--\r\n`));
  const cookie = ['linkway_session', 'linkway_csrf']
    .flatMap((name) => (agent.cookie(name) ? [`${name}=${agent.cookie(name)}`] : []))
    .join('; ');
  const response = await app.inject({
    method: 'POST',
    url: action,
    headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat(parts),
  });
  const location = response.headers.location;
  return { status: response.statusCode, body: response.body, location: typeof location === 'string' ? location : undefined, headers: response.headers };
}

export const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

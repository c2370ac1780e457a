import type { FastifyReply } from 'fastify';
import type { CallerTransaction } from '../platform/db/caller-data.ts';
import { NotFoundError } from '../platform/http/errors.ts';
import { FORM_FILE_TYPES } from './uploads.ts';

/**
 * Serving a redirect service's attached referral form: to staff from the settings pages, and to
 * referrers from the public pages (which call these with their own public caller's transaction).
 */

export interface RedirectFormFile {
  form_file_name: string | null;
  form_content_type: string | null;
  form_file: Uint8Array | null;
}

/**
 * The form file of one of the caller's scheme's services that refers by attached form, or
 * undefined. Public pages leave `includeInactive` off: a deactivated service is not offered.
 */
export async function findRedirectFormFile(
  tx: CallerTransaction,
  serviceId: string,
  options: { includeInactive?: boolean } = {},
): Promise<RedirectFormFile | undefined> {
  let query = tx.db
    .selectFrom('redirect_services')
    .select(['form_file_name', 'form_content_type', 'form_file'])
    .where('id', '=', serviceId)
    .where('how_to_refer', '=', 'form')
    .where('form_file', 'is not', null);
  if (!options.includeInactive) query = query.where('active', '=', true);
  return query.executeTakeFirst();
}

const KNOWN_TYPES = new Set(Object.values(FORM_FILE_TYPES).map((type) => type.contentType));

/**
 * Sends the file as a download, never shown inside Linkway's pages: `attachment`, a type from the
 * four allowed (so nothing can be served as HTML), and `nosniff` so browsers do not guess otherwise.
 * No file is "not found", so callers can pass whatever they looked up.
 */
export function redirectFormResponse(reply: FastifyReply, service: RedirectFormFile | undefined): FastifyReply {
  if (!service?.form_file || !service.form_file_name) throw new NotFoundError();
  const bytes = Buffer.from(service.form_file.buffer, service.form_file.byteOffset, service.form_file.byteLength);
  const type = service.form_content_type && KNOWN_TYPES.has(service.form_content_type) ? service.form_content_type : 'application/octet-stream';
  return reply
    .header('Content-Type', type)
    .header('Content-Disposition', attachmentHeader(service.form_file_name))
    .header('X-Content-Type-Options', 'nosniff')
    .header('Cache-Control', 'private, no-cache')
    .send(bytes);
}

/** RFC 6266: a plain ASCII name for old browsers, and the exact name (RFC 5987) for the rest. */
export function attachmentHeader(fileName: string): string {
  const exact = fileName.replace(/[\u0000-\u001f\u007f/\\]/g, '_').trim() || 'referral-form';
  const plain = exact.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^A-Za-z0-9._ ()-]/g, '_');
  const encoded = encodeURIComponent(exact).replace(/['()*]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${plain}"; filename*=UTF-8''${encoded}`;
}
